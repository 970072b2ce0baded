import IndicatorKit

/// A pull parser for JSON read in chunks from a file or pipe.
///
/// With a `target` pointer, each element of the array at that pointer is built, handed to
/// `element` and dropped, so memory stays bounded by one record; subtrees outside the path to the
/// target are skipped without being built, except those named in `captures`. Without a target
/// the whole document is built and returned.
struct JSONStreamParser {
    private let file: InputFile
    private let name: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var consumed = 0
    private var line = 1
    private var atEnd = false
    private let maxDepth = 512
    /// The longest string (key or value) built, in bytes after unescaping (option `max-text`).
    private let maxString: Int
    /// The longest number text accepted.
    private let maxNumber = 512

    /// Values found at the capture pointers.
    private(set) var captured: [String: JSONValue] = [:]
    /// True once the target array was found.
    private(set) var targetFound = false
    /// The keys of the root object (for error messages).
    private(set) var rootKeys: [String] = []

    private let declaredCharset: String?

    /// A parser reading `file`; text in another charset than UTF-8 is converted as it is read.
    init(file: InputFile, declaredCharset: String? = nil, maxString: Int = 1 << 20) {
        self.file = file
        self.maxString = maxString
        self.name = file.name
        self.declaredCharset = declaredCharset
    }

    /// Parses the whole input; returns the document when `target` is nil.
    mutating func parse(
        target: [String]?, captures: Set<[String]> = [], element: (JSONValue, String) throws -> Void = { _, _ in }
    ) throws -> JSONValue? {
        try skipBOM()
        let value = try parseValue(path: [], depth: 0, target: target, captures: captures, element: element)
        try skipWhitespace()
        if try peek() != nil { throw error("unexpected text after the end of the JSON document") }
        return value
    }

    /// Walks the document without building it, except: a path for which `capture` is true is
    /// built whole and handed to `onCapture`; each child (member or element) of a container for
    /// which `streamAt` is true is built and handed to `onElement`, then dropped.
    mutating func walk(
        streamAt: ([String]) -> Bool, capture: ([String]) -> Bool, onCapture: ([String], JSONValue) throws -> Void,
        onElement: ([String], JSONValue) throws -> Void
    ) throws {
        try skipBOM()
        try walkValue(
            path: [], depth: 0, streamAt: streamAt, capture: capture, onCapture: onCapture, onElement: onElement)
        try skipWhitespace()
        if try peek() != nil { throw error("unexpected text after the end of the JSON document") }
    }

    private mutating func walkValue(
        path: [String], depth: Int, streamAt: ([String]) -> Bool, capture: ([String]) -> Bool,
        onCapture: ([String], JSONValue) throws -> Void, onElement: ([String], JSONValue) throws -> Void
    ) throws {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        if capture(path) {
            if let value = try parseValue(path: path, depth: depth, target: nil, captures: [], element: { _, _ in }) {
                try onCapture(path, value)
            }
            return
        }
        try skipWhitespace()
        guard let c = try peek() else { throw error("the input ends where a value was expected") }
        let streaming = streamAt(path)
        func child(_ childPath: [String], _ me: inout JSONStreamParser) throws {
            if streaming {
                if let value = try me.parseValue(
                    path: childPath, depth: depth + 1, target: nil, captures: [], element: { _, _ in })
                {
                    try onElement(childPath, value)
                }
            } else {
                try me.walkValue(
                    path: childPath, depth: depth + 1, streamAt: streamAt, capture: capture, onCapture: onCapture,
                    onElement: onElement)
            }
        }
        switch c {
        case UInt8(ascii: "{"):
            try readMembers(at: path) { key, me in try child(path + [key], &me) }
        case UInt8(ascii: "["):
            try readElements { index, me in try child(path + [String(index)], &me) }
        default:
            _ = try parseScalar()
        }
    }

    /// Reads an object's members, the parser standing at its `{`: `member` is called with each key
    /// once the parser stands at the key's value, and reads that value. Ends past the `}`; false for
    /// an empty object.
    @discardableResult
    private mutating func readMembers(
        at path: [String], _ member: (String, inout JSONStreamParser) throws -> Void
    ) throws -> Bool {
        advance()
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            advance()
            return false
        }
        while true {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try parseString()
            if path.isEmpty { rootKeys.append(key) }
            try skipWhitespace()
            guard try next() == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            try member(key, &self)
            try skipWhitespace()
            let sep = try next()
            if sep == UInt8(ascii: "}") { return true }
            guard sep == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object") }
        }
    }

    /// Reads an array's elements, the parser standing at its `[`: `element` is called with each
    /// index once the parser stands at the element, and reads it. Ends past the `]`; false for an
    /// empty array.
    @discardableResult
    private mutating func readElements(_ element: (Int, inout JSONStreamParser) throws -> Void) throws -> Bool {
        advance()
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            advance()
            return false
        }
        var index = 0
        while true {
            try element(index, &self)
            index += 1
            try skipWhitespace()
            let sep = try next()
            if sep == UInt8(ascii: "]") { return true }
            guard sep == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array") }
        }
    }

    // MARK: - Values

    private mutating func parseValue(
        path: [String], depth: Int, target: [String]?, captures: Set<[String]>,
        element: (JSONValue, String) throws -> Void
    ) throws -> JSONValue? {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        try skipWhitespace()
        guard let c = try peek() else { throw error("the input ends where a value was expected") }
        // Build this subtree? (no target: everything; a capture: yes; on the way to the target: no)
        let build: Bool
        if let target {
            if path == target {
                guard c == UInt8(ascii: "[") else {
                    throw AdapterError(
                        .malformedInput,
                        "\(name): the value at pointer \(JSONPointer.string(target)) is not an array of records; point option 'pointer' at the array"
                    )
                }
                targetFound = true
                try parseTargetArray(path: path, depth: depth, element: element)
                return nil
            }
            if captures.contains(path) {
                // A captured subtree is built whole.
                let value = try parseValue(path: path, depth: depth, target: nil, captures: [], element: element)
                if let value { captured[JSONPointer.string(path)] = value }
                return value
            }
            build = false
            if !captures.contains(where: { $0.starts(with: path) }) && !target.starts(with: path) {
                try skipValue(depth: depth)
                return nil
            }
        } else {
            build = true
        }
        switch c {
        case UInt8(ascii: "{"):
            var members: [(String, JSONValue)] = []
            let any = try readMembers(at: path) { key, me in
                let child = try me.parseValue(
                    path: path + [key], depth: depth + 1, target: target, captures: captures, element: element)
                if build, let child { members.append((key, child)) }
                if !build, let child, captures.contains(path + [key]) {
                    me.captured[JSONPointer.string(path + [key])] = child
                }
            }
            guard any else { return build ? .object(members) : nil }
            let value = JSONValue.object(members)
            if captures.contains(path) { captured[JSONPointer.string(path)] = value }
            return build ? value : nil
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            let any = try readElements { index, me in
                let child = try me.parseValue(
                    path: path + [String(index)], depth: depth + 1, target: target, captures: captures, element: element
                )
                if build, let child { items.append(child) }
                if !build, let child, captures.contains(path + [String(index)]) {
                    me.captured[JSONPointer.string(path + [String(index)])] = child
                }
            }
            guard any else { return build ? .array(items) : nil }
            let value = JSONValue.array(items)
            if captures.contains(path) { captured[JSONPointer.string(path)] = value }
            return build ? value : nil
        default:
            let value = try parseScalar()
            if captures.contains(path) { captured[JSONPointer.string(path)] = value }
            return value
        }
    }

    private mutating func parseTargetArray(path: [String], depth: Int, element: (JSONValue, String) throws -> Void)
        throws
    {
        try readElements { index, me in
            let itemPath = path + [String(index)]
            guard
                let item = try me.parseValue(
                    path: itemPath, depth: depth + 1, target: nil, captures: [], element: element)
            else {
                throw me.error("internal: an array element was not built")
            }
            try element(item, JSONPointer.string(itemPath))
        }
    }

    /// Skips one value without building it.
    private mutating func skipValue(depth: Int) throws {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        try skipWhitespace()
        guard let c = try peek() else { throw error("the input ends where a value was expected") }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            advance()
            try skipWhitespace()
            if try peek() == close {
                advance()
                return
            }
            while true {
                if c == UInt8(ascii: "{") {
                    try skipWhitespace()
                    guard try peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                    _ = try parseString()
                    try skipWhitespace()
                    guard try next() == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                }
                try skipValue(depth: depth + 1)
                try skipWhitespace()
                let sep = try next()
                if sep == close { return }
                guard sep == UInt8(ascii: ",") else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
            }
        default:
            _ = try parseScalar()
        }
    }

    private mutating func parseScalar() throws -> JSONValue {
        guard let c = try peek() else { throw error("the input ends where a value was expected") }
        switch c {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard try next() == expected else { throw error("expected '\(word)'") }
        }
    }

    private mutating func parseNumber() throws -> Double {
        var text: [UInt8] = []
        while let c = try peek(),
            c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                || c == UInt8(ascii: "E") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        {
            text.append(c)
            advance()
            if text.count > maxNumber { throw error("a number longer than \(maxNumber) characters") }
        }
        let s = String(decoding: text, as: UTF8.self)
        guard let v = Double(s) else { throw error("'\(s)' is not a number") }
        return v
    }

    private mutating func parseString() throws -> String {
        advance()  // opening quote
        var bytes: [UInt8] = []
        while true {
            guard let c = try next() else { throw error("a string is never closed") }
            if bytes.count >= maxString {
                throw AdapterError(
                    .limitExceeded,
                    "\(name):\(line): a JSON string is longer than the limit of \(maxString) bytes (option max-text); nothing of the input was kept. Raise max-text if such long texts are expected"
                )
            }
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = try next() else { throw error("a string is never closed") }
                switch e {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard try next() == UInt8(ascii: "\\"), try next() == UInt8(ascii: "u") else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    bytes.append(contentsOf: Array(String(Character(s)).utf8))
                default: bytes.append(e)
                }
            default:
                if c == 0x0A { line += 1 }
                bytes.append(c)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = try next(), let d = Character(Unicode.Scalar(c)).hexDigitValue else {
                throw error("a \\u escape needs four hex digits")
            }
            v = v * 16 + UInt32(d)
        }
        return v
    }

    // MARK: - Bytes

    private mutating func skipBOM() throws {
        if try peek() == 0xEF {
            advance()
            guard try next() == 0xBB, try next() == 0xBF else { throw error("the input is not UTF-8 JSON") }
        }
    }

    private mutating func skipWhitespace() throws {
        while let c = try peek() {
            switch c {
            case 0x20, 0x09, 0x0D: advance()
            case 0x0A:
                line += 1
                advance()
            default: return
            }
        }
    }

    private mutating func peek() throws -> UInt8? {
        if position == buffer.count {
            if atEnd { return nil }
            consumed += buffer.count
            buffer = try file.readUTF8(maxCount: 1 << 16, declaredCharset: declaredCharset)
            position = 0
            if buffer.isEmpty {
                atEnd = true
                return nil
            }
        }
        return buffer[position]
    }

    private mutating func next() throws -> UInt8? {
        guard let c = try peek() else { return nil }
        position += 1
        return c
    }

    private mutating func advance() { position += 1 }

    private func error(_ what: String) -> AdapterError {
        AdapterError(.malformedInput, "\(name):\(line): invalid JSON: \(what) (byte \(consumed + position))")
    }
}

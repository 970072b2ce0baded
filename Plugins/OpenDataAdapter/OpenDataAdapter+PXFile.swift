import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads a `.px` (PC-Axis) file; see `readPXWeb`.
    func readPXFile(_ input: SourceInput, into sink: RecordSink) throws {
        let name = input.origin
        let file = try InputFile(path: input.path, name: name)
        // The header is read up to DATA= and decoded whole; the data list is ASCII and is scanned
        // as it arrives.
        var data = PXDataReader(file: file, name: name)
        let bytes = try data.readHeader()
        // The keywords, quotes, '=' and ';' are ASCII, and no byte of a Big5 or GBK character is one
        // of them, so CODEPAGE can be found before the header is decoded.
        let declared =
            Self.pxKeyword("CODEPAGE", in: bytes) ?? input.charset
            ?? (Self.pxKeyword("CHARSET", in: bytes) == "ANSI" ? "windows-1252" : nil)
        if let declared, CharsetDecoder.Charset(declared: declared) == nil {
            throw AdapterError(
                .unsupportedEncoding,
                "\(name): CODEPAGE=\"\(declared)\" is not a charset this reader decodes (UTF-8, GB18030/GBK, Big5, ISO-8859-1, ISO-8859-15, Windows-1252); convert the file with iconv -f \(declared) -t UTF-8"
            )
        }
        let text = try CharsetDecoder.decode(bytes, declared: declared, name: name).text
        var scanner = PXScanner(text: text, name: name)
        var header = PXHeader()
        while let (key, values) = try scanner.nextEntry() {
            if key.keyword == "DATA" { break }
            header.add(key, values)
        }
        guard scanner.atData else {
            throw AdapterError(.malformedInput, "\(name): the PX file has no DATA= section")
        }
        data.line = scanner.line
        let layout = try header.layout(name: name)
        var index = 0
        let defaults = self.defaults
        while let token = try data.nextToken() {
            guard index < layout.total else {
                throw AdapterError(
                    .malformedInput,
                    "\(name):\(data.line): DATA has more than the \(layout.total) cells STUB and HEADING give")
            }
            var rest = index
            var attributes: [String: String] = [:]
            var periodText: String?
            var region: String?
            var content: String?
            var parts: [String] = []
            for (i, variable) in layout.variables.enumerated() {
                let k = rest / layout.strides[i]
                rest %= layout.strides[i]
                let label = variable.values[k]
                let code = k < variable.codes.count ? variable.codes[k] : label
                attributes[variable.name] = code
                if variable.isTime {
                    periodText = code
                } else if variable.isRegion && region == nil {
                    region = label
                } else if variable.name == header.contentVariable {
                    content = label
                    parts.append(label)
                } else if variable.values.count > 1 {
                    parts.append(label)
                }
            }
            let value = Self.pxNumber(token.text)
            if value == nil { attributes["status"] = token.text }
            let contents = header.single("CONTENTS") ?? header.single("TITLE") ?? ""
            let subject =
                defaults["subject"]
                ?? (content != nil ? parts : [contents] + parts).filter { !$0.isEmpty }.joined(separator: ": ")
            let unit =
                content.flatMap { header.single("UNITS", sub: $0) } ?? header.single("UNITS") ?? defaults["unit"] ?? ""
            if let d = header.single("DECIMALS") { attributes["decimals"] = d }
            let periodSource = periodText ?? defaults["period"] ?? input.period
            try sink.emit(
                Observation(
                    subject: subject, kind: defaultKind, quantity: Quantity(value: value, unit: unit.trimmedSpaces()),
                    period: periodSource.map { Self.pxPeriod($0) } ?? Period(unchecked: ""),
                    region: region ?? defaults["region"] ?? input.region,
                    text: "\(subject) \(periodText ?? "") = \(token.text)",
                    location: SourceLocation(line: token.line, row: index + 1), attributes: attributes))
            index += 1
        }
        if index < layout.total {
            throw AdapterError(
                .malformedInput,
                "\(name): DATA has \(index) cells but STUB and HEADING give \(layout.total); the file is cut short")
        }
    }

    /// The first value of `KEYWORD="…";` in raw bytes (ASCII keywords only).
    static func pxKeyword(_ keyword: String, in bytes: [UInt8]) -> String? {
        let needle = Array((keyword + "=\"").utf8)
        let limit = min(bytes.count, 1 << 16)
        var i = 0
        while i + needle.count < limit {
            if (i == 0 || bytes[i - 1] == 0x0A || bytes[i - 1] == 0x0D)
                && bytes[i..<(i + needle.count)].elementsEqual(needle)
            {
                let start = i + needle.count
                guard let end = bytes[start..<limit].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    /// Reads a PX file's header bytes up to `DATA=`, then its data list token by token.
    struct PXDataReader {
        let file: InputFile
        let name: String
        var buffer: [UInt8] = []
        var position = 0
        var atEnd = false
        var line = 1

        init(file: InputFile, name: String) {
            self.file = file
            self.name = name
        }

        /// The bytes up to and including `DATA=` (at the start of a line).
        mutating func readHeader() throws -> [UInt8] {
            let needle = Array("DATA=".utf8)
            var searched = 0
            while true {
                var i = max(0, searched - needle.count)
                while i + needle.count <= buffer.count {
                    if buffer[i] == needle[0], i == 0 || buffer[i - 1] == 0x0A || buffer[i - 1] == 0x0D,
                        buffer[i..<(i + needle.count)].elementsEqual(needle)
                    {
                        position = i + needle.count
                        return Array(buffer[..<position])
                    }
                    i += 1
                }
                searched = buffer.count
                guard try refill() else { return buffer }
            }
        }

        /// Reads more of the file; false at its end.
        mutating func refill() throws -> Bool {
            guard !atEnd else { return false }
            let chunk = try file.read(maxCount: 1 << 16)
            if chunk.isEmpty {
                atEnd = true
                return false
            }
            if position > 1 << 16 {
                buffer.removeFirst(position)
                position = 0
            }
            buffer += chunk
            return true
        }

        mutating func byte() throws -> UInt8? {
            if position >= buffer.count, try !refill() { return nil }
            return position < buffer.count ? buffer[position] : nil
        }

        /// The next cell of the DATA list (a number or a quoted marker), or nil at its closing ';'.
        mutating func nextToken() throws -> (text: String, line: Int)? {
            while let b = try byte() {
                if b == 0x0A { line += 1 }
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if b == UInt8(ascii: ";") {
                    position += 1
                    return nil
                }
                var token: [UInt8] = []
                if b == UInt8(ascii: "\"") {
                    position += 1
                    while let c = try byte(), c != UInt8(ascii: "\"") {
                        token.append(c)
                        position += 1
                    }
                    guard try byte() != nil else { break }
                    position += 1
                } else {
                    while let c = try byte(),
                        !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",")
                            || c == UInt8(ascii: ";"))
                    {
                        token.append(c)
                        position += 1
                    }
                }
                return (String(decoding: token, as: UTF8.self), line)
            }
            throw AdapterError(.malformedInput, "\(name):\(line): the DATA list is not closed with ';'")
        }
    }

    /// A PX key: `VALUES[sv]("region")` → keyword VALUES, language sv, subkey region.
    struct PXKey {
        var keyword: String
        var language: String?
        var sub: String?
    }

    /// The keywords read from a PX header, in the default language.
    struct PXHeader {
        var entries: [String: [String]] = [:]

        mutating func add(_ key: PXKey, _ values: [String]) {
            guard key.language == nil else { return }
            entries[key.keyword + "\u{1}" + (key.sub ?? "")] = values
        }

        func list(_ keyword: String, sub: String? = nil) -> [String]? { entries[keyword + "\u{1}" + (sub ?? "")] }
        func single(_ keyword: String, sub: String? = nil) -> String? { list(keyword, sub: sub)?.joined() }
        var contentVariable: String? { single("CONTVARIABLE") }

        struct Variable {
            var name: String
            var values: [String]
            var codes: [String]
            var isTime: Bool
            var isRegion: Bool
        }

        struct Layout {
            var variables: [Variable]
            var strides: [Int]
            var total: Int
        }

        func layout(name: String) throws -> Layout {
            let names = (list("STUB") ?? []) + (list("HEADING") ?? [])
            guard !names.isEmpty else {
                throw AdapterError(
                    .malformedInput, "\(name): the PX file has no STUB or HEADING; it names no variables")
            }
            let timeWords = ["tid", "år", "vuosi", "period", "periodo", "año", "year", "time", "时间", "時間", "年份", "年度"]
            var variables: [Variable] = []
            for n in names {
                guard let values = list("VALUES", sub: n), !values.isEmpty else {
                    throw AdapterError(
                        .malformedInput, "\(name): the PX file gives no VALUES(\"\(n)\") for its variable '\(n)'")
                }
                let codes = list("CODES", sub: n) ?? []
                let lower = n.lowercased()
                let isTime = list("TIMEVAL", sub: n) != nil || timeWords.contains { lower.hasPrefix($0) }
                variables.append(
                    Variable(
                        name: n, values: values, codes: codes, isTime: isTime,
                        isRegion: !isTime && OpenDataAdapter.isRegionName(codes.first ?? "", n)))
            }
            var strides = [Int](repeating: 1, count: variables.count)
            var step = 1
            for i in (0..<variables.count).reversed() {
                strides[i] = step
                step *= variables[i].values.count
            }
            return Layout(variables: variables, strides: strides, total: step)
        }
    }

    /// Splits PX text into `KEY=values;` entries and, after `DATA=`, into data tokens.
    struct PXScanner {
        let bytes: [UInt8]
        let name: String
        var position = 0
        var line = 1
        var atData = false

        init(text: String, name: String) {
            bytes = Array(text.utf8)
            self.name = name
        }

        mutating func skipSpace() {
            while position < bytes.count {
                let b = bytes[position]
                if b == 0x0A { line += 1 }
                guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
                position += 1
            }
        }

        mutating func quoted() throws -> String {
            let start = position + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == 0x0A { line += 1 }
                end += 1
            }
            guard end < bytes.count else {
                throw AdapterError(.malformedInput, "\(name):\(line): a quoted PX value is not closed")
            }
            position = end + 1
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// The next `KEY=value,value;` entry, or nil at the end; stops after `DATA=`.
        mutating func nextEntry() throws -> (PXKey, [String])? {
            skipSpace()
            guard position < bytes.count else { return nil }
            let keyStart = position
            var depthQuote = false
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") { depthQuote.toggle() }
                if b == UInt8(ascii: "=") && !depthQuote { break }
                if b == 0x0A { line += 1 }
                position += 1
            }
            guard position < bytes.count else {
                throw AdapterError(.malformedInput, "\(name):\(line): a PX keyword without '=' at the end of the file")
            }
            let keyText = String(decoding: bytes[keyStart..<position], as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            position += 1
            let key = Self.parseKey(keyText)
            if key.keyword == "DATA" {
                atData = true
                return (key, [])
            }
            var values: [String] = []
            var pendingText: String?
            while true {
                skipSpace()
                guard position < bytes.count else {
                    throw AdapterError(
                        .malformedInput, "\(name):\(line): the PX entry \(keyText) is not closed with ';'")
                }
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    // Adjacent quoted strings continue one value ("…cub" "ierta…").
                    pendingText = (pendingText ?? "") + (try quoted())
                } else if b == UInt8(ascii: ",") {
                    values.append(pendingText ?? "")
                    pendingText = nil
                    position += 1
                } else if b == UInt8(ascii: ";") {
                    position += 1
                    if let p = pendingText { values.append(p) }
                    return (key, values)
                } else {
                    // An unquoted value: a number, YES/NO, TLIST(A1).
                    let start = position
                    var paren = 0
                    while position < bytes.count {
                        let c = bytes[position]
                        if c == UInt8(ascii: "(") { paren += 1 }
                        if c == UInt8(ascii: ")") { paren -= 1 }
                        if paren == 0 && (c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == 0x0A || c == 0x0D) {
                            break
                        }
                        position += 1
                    }
                    pendingText =
                        (pendingText ?? "") + String(decoding: bytes[start..<position], as: UTF8.self).trimmedSpaces()
                }
            }
        }

        static func parseKey(_ text: String) -> PXKey {
            var keyword = text
            var language: String?
            var sub: String?
            if let open = keyword.firstIndex(of: "("), let close = keyword.lastIndex(of: ")"), open < close {
                sub = String(keyword[keyword.index(after: open)..<close]).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
                keyword = String(keyword[..<open])
            }
            if let open = keyword.firstIndex(of: "["), let close = keyword.firstIndex(of: "]"), open < close {
                language = String(keyword[keyword.index(after: open)..<close])
                keyword = String(keyword[..<open])
            }
            return PXKey(keyword: keyword.uppercased(), language: language, sub: sub)
        }
    }
}

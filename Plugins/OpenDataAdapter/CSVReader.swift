import IndicatorKit

/// Streams the rows of a delimited text file (RFC 4180 quoting), decoding its charset on the way.
///
/// Memory stays bounded by the longest row: the file is read in chunks and each row is handed to
/// the caller as soon as it is complete.
struct CSVReader {
    var delimiter: Unicode.Scalar = ","
    var chunkSize = 1 << 16
    /// Take the delimiter from the first line instead (the most frequent of `,`, `;` and tab
    /// outside quotes); `onDelimiter` is told which.
    var sniffDelimiter = false

    /// Calls `row` with each row's fields and its 1-based line number (where the row starts).
    func read(
        path: String, declaredCharset: String?, name: String, onDelimiter: (Unicode.Scalar) -> Void = { _ in },
        row: ([String], Int) throws -> Void
    ) throws {
        let file = try InputFile(path: path, name: name)
        var parser = Parser(delimiter: delimiter)
        var sniffing = sniffDelimiter
        var first = true
        var converter: CharsetDecoder.Converter?
        var carry: [UInt8] = []
        while true {
            let data = try file.read(maxCount: chunkSize)
            let atEnd = data.isEmpty
            var bytes = carry + data
            carry.removeAll()
            if first {
                first = false
                let charset = try CharsetDecoder.detect(bytes, declared: declaredCharset, name: name, complete: atEnd)
                let bom = CharsetDecoder.bomLength(bytes, charset)
                if bom > 0 { bytes.removeFirst(bom) }
                if charset != .utf8 { converter = try CharsetDecoder.Converter(from: charset, name: name) }
            }
            let text: String
            if converter != nil {
                text = try converter!.feed(bytes[...])
                if atEnd { try converter!.finish() }
            } else {
                // Keep a UTF-8 sequence cut at the chunk's end for the next chunk.
                let keep = atEnd ? bytes.count : CharsetDecoder.completeUTF8Length(bytes)
                guard let s = String(validating: bytes[..<keep], as: UTF8.self) else {
                    throw AdapterError(
                        .unsupportedEncoding,
                        "\(name): not valid UTF-8 near line \(parser.line); check the file's encoding")
                }
                text = s
                carry = Array(bytes[keep...])
            }
            if sniffing {
                sniffing = false
                let d = Self.sniff(text)
                onDelimiter(d)
                parser = Parser(delimiter: d)
            }
            try parser.feed(text, row: row)
            if atEnd { break }
        }
        try parser.finish(name: name, row: row)
    }

    /// The most frequent of `,`, `;` and tab outside quotes on the first line of `text`.
    static func sniff(_ text: String) -> Unicode.Scalar {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for b in text.utf8 {
            if b == UInt8(ascii: "\n") { break }
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == 0x09 { counts[b, default: 0] += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        return Unicode.Scalar(best?.key ?? UInt8(ascii: ","))
    }

    /// The quoting state machine, fed decoded text piece by piece.
    ///
    /// It works on UTF-8 bytes: quotes, line breaks and the delimiter never occur inside a
    /// multi-byte sequence, and each piece is whole characters, so a delimiter is never split.
    struct Parser {
        let delimiter: [UInt8]
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoteSeen = false  // a quote inside a quoted field: either "" or the closing quote
        var pendingCR = false
        var line = 1
        var rowStartLine = 1
        var quoteStartLine = 1
        var rowHasContent = false

        init(delimiter: Unicode.Scalar) { self.delimiter = Array(String(Character(delimiter)).utf8) }

        mutating func feed(_ text: String, row: ([String], Int) throws -> Void) throws {
            let quote = UInt8(ascii: "\"")
            let lf = UInt8(ascii: "\n")
            let cr = UInt8(ascii: "\r")
            let d0 = delimiter[0]
            var text = text
            try text.withUTF8 { bytes in
                var i = 0
                let n = bytes.count
                while i < n {
                    let c = bytes[i]
                    i += 1
                    if pendingCR {
                        pendingCR = false
                        if c == lf { continue }
                    }
                    if inQuotes {
                        if quoteSeen {
                            quoteSeen = false
                            if c == quote {
                                field.append(quote)
                                continue
                            }
                            inQuotes = false
                            // fall through to handle c outside quotes
                        } else if c == quote {
                            quoteSeen = true
                            continue
                        } else {
                            if c == lf { line += 1 }
                            field.append(c)
                            continue
                        }
                    }
                    if c == quote && field.isEmpty {
                        inQuotes = true
                        quoteStartLine = line
                        rowHasContent = true
                    } else if c == d0 && (delimiter.count == 1 || matchesDelimiter(bytes, at: i - 1)) {
                        i += delimiter.count - 1
                        fields.append(String(decoding: field, as: UTF8.self))
                        field.removeAll(keepingCapacity: true)
                        rowHasContent = true
                    } else if c == lf || c == cr {
                        if c == cr { pendingCR = true }
                        try endRow(row)
                        line += 1
                        rowStartLine = line
                    } else {
                        field.append(c)
                        rowHasContent = true
                    }
                }
            }
        }

        private func matchesDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
            guard start + delimiter.count <= bytes.count else { return false }
            for k in 0..<delimiter.count where bytes[start + k] != delimiter[k] { return false }
            return true
        }

        mutating func endRow(_ row: ([String], Int) throws -> Void) throws {
            if rowHasContent || !field.isEmpty {
                fields.append(String(decoding: field, as: UTF8.self))
                try row(fields, rowStartLine)
            }
            fields.removeAll(keepingCapacity: true)
            field.removeAll(keepingCapacity: true)
            rowHasContent = false
        }

        mutating func finish(name: String, row: ([String], Int) throws -> Void) throws {
            if inQuotes && !quoteSeen {
                throw AdapterError(
                    .malformedInput,
                    "\(name):\(quoteStartLine): a quoted field is never closed; add the closing '\"' or escape quotes inside as \"\""
                )
            }
            inQuotes = false
            try endRow(row)
        }
    }
}

import CLibXML2
import IndicatorKit

/// A forward-only pass over one XML file with libxml2's `xmlTextReader`, in constant memory.
///
/// The parser never touches the network (`XML_PARSE_NONET`), never loads a DTD, never substitutes
/// entities, refuses documents that declare entities, and keeps libxml2's own limits (256 levels,
/// 10 MB in one text node) plus `maxDepth`. Plain input is read with POSIX `read()` as it arrives
/// (pipes and FIFOs included); gzip input (detected by its magic bytes) is inflated by libxml2's
/// zlib support. Errors become `AdapterError`s naming the file and line.
final class XMLStream {
    /// libxml2 reader node types used here.
    enum NodeType {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let entityReference: Int32 = 5
        static let documentType: Int32 = 10
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    /// The options every reader gets: no network, big line numbers; nothing that loads or expands.
    static let parseOptions: Int32 =
        Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_BIG_LINES.rawValue) | Int32(XML_PARSE_NOBLANKS.rawValue)
        | Int32(XML_PARSE_COMPACT.rawValue)

    let reader: xmlTextReaderPtr
    /// The input as named in messages.
    let name: String
    let maxDepth: Int
    /// The most bytes a gzip input may inflate to (`max-decompressed-size`); nil for plain input.
    let maxDecompressed: Int64?
    private var reads = 0
    private let input: FileInput?
    private let errors: ErrorCollector

    /// The default of `max-decompressed-size`.
    static let defaultMaxDecompressed: Int64 = 2 << 30

    /// Opens `path`; `name` names it in errors. A gzip file stops with `.limitExceeded` once it has
    /// inflated past `maxDecompressed` bytes.
    init(path: String, name: String, maxDepth: Int, maxDecompressed: Int64 = XMLStream.defaultMaxDecompressed) throws {
        XMLStream.initializeLibrary()
        self.name = name
        self.maxDepth = maxDepth
        let errors = ErrorCollector()
        self.errors = errors
        let file = try FileInput(path: path, name: name)
        self.maxDecompressed = file.isGzip ? maxDecompressed : nil
        var made: xmlTextReaderPtr?
        if file.isGzip {
            file.closeNow()
            self.input = nil
            made = xmlReaderForFile(path, nil, XMLStream.parseOptions)
        } else {
            self.input = file
            made = xmlReaderForIO(
                FileInput.readCallback, FileInput.closeCallback, Unmanaged.passUnretained(file).toOpaque(), path, nil,
                XMLStream.parseOptions)
        }
        guard let made else {
            throw AdapterError(
                .unreadableInput, "\(name): libxml2 could not open the file; check that it is readable XML")
        }
        reader = made
        xmlTextReaderSetStructuredErrorHandler(
            reader, ErrorCollector.handler, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        input?.closeNow()
    }

    /// libxml2's global set-up, done once per process.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeLibrary() { _ = initialized }

    /// Advances to the next node; false at the end of the document. Throws on malformed input.
    @inline(__always)
    func next() throws -> Bool {
        let status = xmlTextReaderRead(reader)
        if let maxDecompressed {
            reads &+= 1
            if reads & 1023 == 0, Int64(xmlTextReaderByteConsumed(reader)) > maxDecompressed {
                throw AdapterError(
                    .limitExceeded,
                    "\(name):\(parserLine): the gzip input inflates past the limit of \(ByteSize.text(maxDecompressed)) (option max-decompressed-size); nothing of it was kept. Raise max-decompressed-size if the file is really this big"
                )
            }
        }
        if status == 1 { return true }
        if status == 0, errors.first == nil { return false }
        throw failure()
    }

    /// The error for the reader's failure, with the line libxml2 reported.
    func failure() -> AdapterError {
        guard let e = errors.first else {
            return AdapterError(
                .malformedInput,
                "\(name):\(parserLine): the XML could not be read; check that the file is complete, well-formed XML")
        }
        return e.adapterError(name: name)
    }

    /// Runs `body` with libxml2's thread-wide error output captured instead of printed to stderr.
    func capturingGlobalErrors<T>(_ body: () throws -> T) rethrows -> T {
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(errors).toOpaque(), ErrorCollector.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try body()
    }

    @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    @inline(__always) var depth: Int { Int(xmlTextReaderDepth(reader)) }
    @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    /// The local name, interned in the reader's dictionary (compare with `intern` results by pointer).
    @inline(__always) var localName: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(reader) }
    /// The qualified name (prefix:local), interned.
    @inline(__always) var qualifiedName: UnsafePointer<xmlChar>? { xmlTextReaderConstName(reader) }
    @inline(__always) var namespaceURI: UnsafePointer<xmlChar>? { xmlTextReaderConstNamespaceUri(reader) }
    @inline(__always) var node: xmlNodePtr? { xmlTextReaderCurrentNode(reader) }
    /// The text of a text node.
    @inline(__always) var value: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }

    /// The line of the current node (falls back to the parser's position).
    var line: Int {
        if let node {
            let l = Int(xmlGetLineNo(node))
            if l > 0 { return l }
        }
        return parserLine
    }

    var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// `s` interned in the reader's dictionary: element and attribute names equal to it share the pointer.
    func intern(_ s: String) -> UnsafePointer<xmlChar> {
        let bytes = Array(s.utf8) + [0]
        return bytes.withUnsafeBufferPointer { xmlTextReaderConstString(reader, $0.baseAddress!)! }
    }

    /// Throws `.limitExceeded` when the current element is nested deeper than `maxDepth`.
    @inline(__always)
    func checkDepth() throws {
        let d = depth
        if d >= maxDepth {
            throw AdapterError(
                .limitExceeded,
                "\(name):\(line): elements nested \(d + 1) deep exceed the limit of \(maxDepth); this is not a statistical bulletin, or raise option max-depth"
            )
        }
    }

    /// Refuses a document type that declares entities (billion laughs, external entities): checked
    /// when the reader reaches `<!DOCTYPE>`, before any entity of the body is used.
    func checkDocumentType() throws {
        guard let node, node.pointee.type == XML_DTD_NODE else { return }
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self)
        if dtd.pointee.entities != nil || dtd.pointee.pentities != nil {
            throw AdapterError(
                .limitExceeded,
                "\(name):\(line): the document type declares entities (<!ENTITY>); they are refused because they can expand without bound or read local files. Remove the DOCTYPE from the file"
            )
        }
    }
}

/// The first error libxml2 reported for one reader.
final class ErrorCollector {
    struct Reported {
        var code: Int32
        var message: String
        var line: Int

        func adapterError(name: String) -> AdapterError {
            let text = message.trimmingTrailingSpace()
            let at = line > 0 ? "\(name):\(line)" : name
            let lowered = text.lowercased()
            if code == Int32(XML_ERR_ENTITY_LOOP.rawValue) || lowered.contains("amplification") {
                return AdapterError(
                    .limitExceeded,
                    "\(at): entity references expand without bound (\(text)); remove the DOCTYPE's entities")
            }
            if lowered.contains("entity") {
                return AdapterError(
                    .limitExceeded,
                    "\(at): \(text); entities are refused because they can expand without bound or read local files. Remove the DOCTYPE's entities"
                )
            }
            if lowered.contains("huge") || lowered.contains("excessive depth") || lowered.contains("xml_parse_huge") {
                return AdapterError(
                    .limitExceeded,
                    "\(at): the document exceeds the parser's safety limits (256 levels of nesting, 10 MB in one text node): \(text)"
                )
            }
            let encodingCodes: [xmlParserErrors] = [
                XML_ERR_INVALID_CHAR, XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_INVALID_ENCODING,
                XML_I18N_CONV_FAILED, XML_I18N_NO_NAME, XML_I18N_NO_HANDLER,
            ]
            if encodingCodes.contains(where: { Int32($0.rawValue) == code }) || lowered.contains("encoding") {
                return AdapterError(
                    .unsupportedEncoding,
                    "\(at): the bytes do not match the declared encoding (\(text)); fix encoding=\"…\" in the XML declaration or convert the file (iconv -f ENCODING -t UTF-8)"
                )
            }
            return AdapterError(
                .malformedInput, "\(at): malformed XML: \(text); fix the file at that line (is it complete?)")
        }
    }

    var first: Reported?

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
        let e = error.pointee
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue, collector.first == nil else { return }
        let message = e.message.map { String(cString: $0) } ?? "error \(e.code)"
        collector.first = Reported(code: e.code, message: message, line: Int(e.line))
    }
}

extension String {
    /// The string without trailing spaces and line breaks.
    func trimmingTrailingSpace() -> String {
        var s = Substring(self)
        while let l = s.last, l == "\n" || l == "\r" || l == " " { s = s.dropLast() }
        return String(s)
    }
}

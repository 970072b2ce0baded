import CLibXML2
import IndicatorKit

/// What a reader does with the events of one XML document, as libxml2's SAX2 parser reports them.
///
/// The pointers handed over are valid only during the call: names are interned in the parser's
/// dictionary (compare them with `XMLStream.intern` results by pointer), texts are slices of the
/// parser's buffer. A throw stops the parse; `XMLStream.parse` rethrows it.
protocol XMLEventHandler: AnyObject {
    func startElement(_ element: XMLElementStart) throws
    /// `depth` is the element's depth (the root is 0); `localName` is interned.
    func endElement(localName: UnsafePointer<xmlChar>?, depth: Int) throws
    /// A run of character data (text or CDATA); one text may come in several runs.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// One start tag: its names, its attributes and where it is.
struct XMLElementStart {
    /// The local name, interned.
    let localName: UnsafePointer<xmlChar>
    /// The prefix, interned; nil without one.
    let prefix: UnsafePointer<xmlChar>?
    let namespaceURI: UnsafePointer<xmlChar>?
    /// The root element is at depth 0.
    let depth: Int
    /// True for `<a/>` (its end follows at once).
    let isEmpty: Bool
    let line: Int
    /// libxml2's attribute array: per attribute localname, prefix, URI, value start, value end.
    let attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let attributeCount: Int

    /// The local name of attribute `i`, interned.
    @inline(__always) func attributeName(_ i: Int) -> UnsafePointer<xmlChar> { attributeFields![5 * i]! }
    /// The namespace of attribute `i`; nil for a plain `name="…"`.
    @inline(__always) func attributeNamespace(_ i: Int) -> UnsafePointer<xmlChar>? { attributeFields![5 * i + 2] }
    /// The value bytes of attribute `i`, entities and character references already replaced.
    @inline(__always) func attributeBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = attributeFields![5 * i + 3]!
        let end = attributeFields![5 * i + 4]!
        return UnsafeBufferPointer(start: start, count: end - start)
    }
    /// The value of attribute `i` as a string.
    func attributeValue(_ i: Int) -> String { String(decoding: attributeBytes(i), as: UTF8.self) }

    /// The value of the attribute with local name `name` (interned), in any namespace.
    func attribute(_ name: UnsafePointer<xmlChar>) -> String? {
        for i in 0..<attributeCount where attributeName(i) == name || xmlStrEqual(attributeName(i), name) != 0 {
            return attributeValue(i)
        }
        return nil
    }

    /// The value of the attribute with local name `name`, in any namespace.
    func attribute(named name: String) -> String? {
        var utf8 = name.utf8.makeIterator()
        for i in 0..<attributeCount {
            var p = attributeName(i)
            utf8 = name.utf8.makeIterator()
            var same = true
            while let b = utf8.next() {
                if p.pointee != b {
                    same = false
                    break
                }
                p += 1
            }
            if same && p.pointee == 0 { return attributeValue(i) }
        }
        return nil
    }

    /// The qualified name (prefix:local).
    var qualifiedName: String {
        let local = String(cString: localName)
        guard let prefix else { return local }
        return String(cString: prefix) + ":" + local
    }
}

/// A forward-only pass over one XML file with libxml2's SAX2 push parser, in constant memory.
///
/// The file is read in fixed-size chunks (POSIX `read()`, which hands over whatever has arrived, so
/// pipes and FIFOs are parsed while they are written; gzip input, detected by its magic bytes, is
/// inflated with zlib) and each chunk is fed to `xmlParseChunk`; events reach the handler as the
/// elements complete and nothing holds the document. The parser never touches the network
/// (`XML_PARSE_NONET`), never loads a DTD, never substitutes entities and refuses documents that
/// declare them; nesting deeper than `maxDepth` (and libxml2's own 256) is refused, and readers
/// bound the texts they keep. Errors become `AdapterError`s naming the file and line.
final class XMLStream {
    /// The options of every parse: no network, big line numbers; nothing that loads or expands.
    static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_BIG_LINES.rawValue)

    /// Bytes read and fed to the parser at a time.
    static let chunkSize = 256 << 10

    /// The input as named in messages.
    let name: String
    let maxDepth: Int
    /// The most bytes a gzip input may inflate to (`max-decompressed-size`); nil for plain input.
    let maxDecompressed: Int64?
    /// Where events go; may be replaced while parsing (after the root element).
    unowned(unsafe) var handler: XMLEventHandler? {
        didSet {
            hasHandler = handler != nil
            dataReader = (handler as? SDMXDataReader).map { Unmanaged.passUnretained($0) }
        }
    }
    /// `handler != nil`, read without touching the handler's reference count.
    private var hasHandler = false
    /// `handler` when it is the SDMX data reader, whose events (one start and one end per
    /// observation) are dispatched directly and without reference counting.
    private var dataReader: Unmanaged<SDMXDataReader>?
    private(set) var context: xmlParserCtxtPtr?
    private let input: FileInput?
    private var gzip: gzFile?
    private let errors = ErrorCollector()
    private var handlerError: Error?
    private var depth = 0
    private var stopped = false
    private(set) var sawRootElement = false

    /// The default of `max-decompressed-size`.
    static let defaultMaxDecompressed: Int64 = 2 << 30

    /// Opens `path`; `name` names it in errors. A gzip file stops with `.limitExceeded` once it has
    /// inflated past `maxDecompressed` bytes.
    init(path: String, name: String, maxDepth: Int, maxDecompressed: Int64 = XMLStream.defaultMaxDecompressed) throws {
        XMLStream.initializeLibrary()
        self.name = name
        self.maxDepth = maxDepth
        let file = try FileInput(path: path, name: name)
        if file.isGzip {
            file.closeNow()
            input = nil
            self.maxDecompressed = maxDecompressed
            guard let g = gzopen(path, "rb") else {
                throw AdapterError(
                    .unreadableInput, "\(name): cannot open the gzip file; check the path and permissions")
            }
            gzbuffer(g, UInt32(XMLStream.chunkSize))
            gzip = g
        } else {
            input = file
            self.maxDecompressed = nil
        }
        var sax = XMLStream.makeHandlers()
        guard let made = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, path) else {
            throw AdapterError(
                .unreadableInput, "\(name): libxml2 could not start a parser; check that the file is readable XML")
        }
        xmlCtxtUseOptions(made, XMLStream.parseOptions)
        context = made
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        if let gzip { gzclose(gzip) }
        input?.closeNow()
    }

    /// libxml2's global set-up, done once per process.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeLibrary() { _ = initialized }

    /// `s` interned in the parser's dictionary: element and attribute names equal to it share the pointer.
    func intern(_ s: String) -> UnsafePointer<xmlChar> {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer {
            xmlDictLookup(context!.pointee.dict, $0.baseAddress!, Int32($0.count))!
        }
    }

    /// The parser's current line.
    var line: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    /// Ends the parse without an error (the rest of the document is not needed).
    func stop() {
        stopped = true
        if let context { xmlStopParser(context) }
    }

    /// Parses the whole input, handing events to `handler`; rethrows what a handler throws, and
    /// turns libxml2's errors into `AdapterError`s.
    func parse(with handler: XMLEventHandler) throws {
        self.handler = handler
        defer { self.handler = nil }
        guard let context else { return }
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(errors).toOpaque(), ErrorCollector.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: XMLStream.chunkSize)
        defer { buffer.deallocate() }
        var inflated: Int64 = 0
        while true {
            let n = try fill(buffer)
            if n > 0, let maxDecompressed {
                inflated += Int64(n)
                if inflated > maxDecompressed {
                    throw AdapterError(
                        .limitExceeded,
                        "\(name):\(line): the gzip input inflates past the limit of \(ByteSize.text(maxDecompressed)) (option max-decompressed-size); nothing of it was kept. Raise max-decompressed-size if the file is really this big"
                    )
                }
            }
            xmlParseChunk(context, buffer, Int32(n), n == 0 ? 1 : 0)
            if let handlerError { throw handlerError }
            if stopped { return }
            if let e = errors.first { throw e.adapterError(name: name) }
            if context.pointee.wellFormed == 0 { throw failure() }
            if n == 0 { break }
        }
        if !sawRootElement {
            throw AdapterError(.malformedInput, "\(name): the file holds no XML element; is it empty?")
        }
    }

    /// Reads the next chunk into `buffer`: its length, 0 at the end.
    private func fill(_ buffer: UnsafeMutablePointer<CChar>) throws -> Int {
        if let gzip {
            let n = gzread(gzip, buffer, UInt32(XMLStream.chunkSize))
            if n < 0 || (n == 0 && gzeof(gzip) == 0) {
                var code: Int32 = 0
                let message = gzerror(gzip, &code).map { String(cString: $0) } ?? "error \(code)"
                throw AdapterError(
                    .malformedInput,
                    "\(name): the gzip data cannot be inflated (\(message)); check that the file is complete")
            }
            return Int(n)
        }
        let n = Int(input!.fill(buffer, length: XMLStream.chunkSize))
        if n < 0 {
            throw AdapterError(
                .unreadableInput, "\(name): reading the file failed; check that it is still there and readable")
        }
        return n
    }

    /// The error for a parse that failed without a reported message.
    func failure() -> AdapterError {
        if let e = errors.first { return e.adapterError(name: name) }
        return AdapterError(
            .malformedInput,
            "\(name):\(line): the XML could not be read; check that the file is complete, well-formed XML")
    }

    /// Turns the delivery of character data on or off: a reader that needs no text at the moment
    /// spares the parser a call per text run (the line breaks between elements).
    func deliverCharacters(_ on: Bool) {
        guard let sax = context?.pointee.sax else { return }
        sax.pointee.characters = on ? XMLStream.charactersCallback : nil
        sax.pointee.cdataBlock = on ? XMLStream.charactersCallback : nil
    }

    private static let charactersCallback: charactersSAXFunc = { ctx, bytes, length in
        let stream = XMLStream.stream(ctx)
        guard let bytes, length > 0, let handler = stream.handler, stream.handlerError == nil else { return }
        do {
            try handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        } catch {
            stream.fail(error)
        }
    }

    /// Keeps the first error a handler throws and stops the parser.
    private func fail(_ error: Error) {
        if handlerError == nil { handlerError = error }
        if let context { xmlStopParser(context) }
    }

    // MARK: - SAX2 callbacks

    @inline(__always)
    private static func stream(_ ctx: UnsafeMutableRawPointer?) -> XMLStream {
        Unmanaged<XMLStream>.fromOpaque(ctx!).takeUnretainedValue()
    }

    @inline(__always)
    private func startElement(
        _ localName: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
        _ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard hasHandler, handlerError == nil else { return }
        let depth = self.depth
        self.depth += 1
        sawRootElement = true
        let context = self.context.unsafelyUnwrapped
        do {
            if depth >= maxDepth {
                throw AdapterError(
                    .limitExceeded,
                    "\(name):\(line): elements nested \(depth + 1) deep exceed the limit of \(maxDepth); this is not a statistical bulletin, or raise option max-depth"
                )
            }
            // The parser stands at "/>" or ">" when it reports a start tag.
            let input = context.pointee.input.unsafelyUnwrapped
            let cur = input.pointee.cur
            let empty = cur.map { $0.pointee == UInt8(ascii: "/") } ?? false
            let element = XMLElementStart(
                localName: localName, prefix: prefix, namespaceURI: uri, depth: depth, isEmpty: empty,
                line: Int(input.pointee.line), attributeFields: attributes, attributeCount: attributeCount)
            if let dataReader {
                try dataReader._withUnsafeGuaranteedRef { try $0.startElement(element) }
            } else {
                try handler.unsafelyUnwrapped.startElement(element)
            }
        } catch {
            fail(error)
        }
    }

    @inline(__always)
    private func endElement(_ localName: UnsafePointer<xmlChar>?) {
        depth -= 1
        guard hasHandler, handlerError == nil else { return }
        do {
            if let dataReader {
                try dataReader._withUnsafeGuaranteedRef { try $0.endElement(localName: localName, depth: depth) }
            } else {
                try handler.unsafelyUnwrapped.endElement(localName: localName, depth: depth)
            }
        } catch {
            fail(error)
        }
    }

    /// The callbacks of every parse (libxml2 copies them into its context).
    private static func makeHandlers() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = XML_SAX2_MAGIC
        h.startElementNs = { ctx, localName, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx, let localName else { return }
            Unmanaged<XMLStream>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(localName, prefix, uri, Int(attributeCount), attributes)
            }
        }
        h.endElementNs = { ctx, localName, _, _ in
            guard let ctx else { return }
            Unmanaged<XMLStream>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.endElement(localName) }
        }
        h.characters = charactersCallback
        h.cdataBlock = charactersCallback
        // An entity declaration stops the parse before any entity is used: entities can expand
        // without bound (billion laughs) or read local files (external entities).
        h.entityDecl = { ctx, _, _, _, _, _ in
            let stream = XMLStream.stream(ctx)
            stream.fail(
                AdapterError(
                    .limitExceeded,
                    "\(stream.name):\(stream.line): the document type declares entities (<!ENTITY>); they are refused because they can expand without bound or read local files. Remove the DOCTYPE from the file"
                ))
        }
        h.serror = { ctx, error in
            guard let error else { return }
            XMLStream.stream(ctx).errors.record(error.pointee)
        }
        return h
    }
}

/// The first error libxml2 reported for one parse.
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
                    "\(at): the document exceeds the parser's safety limits (256 levels of nesting, 10 MB in one name or attribute value): \(text)"
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

    func record(_ e: xmlError) {
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue, first == nil else { return }
        let message = e.message.map { String(cString: $0) } ?? "error \(e.code)"
        first = Reported(code: e.code, message: message, line: Int(e.line))
    }

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
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

import CLibXML2
import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams an HTML page as the lines a reader sees, with libxml2's HTML push parser and SAX
/// callbacks (no tree is built, so memory stays bounded however long the page).
///
/// - **Charset**: a BOM, else the charset the fetch reported (HTTP `Content-Type`), else a
///   `<meta charset>` or `http-equiv` declaration in the first 8 KiB, else detection (UTF-8,
///   GB18030/GBK or Big5). The bytes are converted to UTF-8 before libxml2 sees them (GB2312 and GBK
///   are read as GB18030, their superset, since pages labelled GB2312 often use GBK characters).
/// - **Dropped**: `script`, `style`, `noscript`, `template`, `nav`, `aside`, `iframe`, `svg`, form
///   controls (`input`, `select`, `button`, `textarea`, `label`), `header` and `footer` outside an
///   `article` or `main`, hidden elements (`hidden`, `display:none`), and elements whose id, class
///   or role marks navigation, menus, breadcrumbs, share widgets, tool bars, side bars, headers,
///   footers or copyright notices (`nav`, `menu`, `breadcrumb`, `bshare`, `footer`, `bottom`, …).
/// - **Lines**: each block element (`p`, `div`, `li`, `h1`–`h6`, `br`, `td` of a layout table, …)
///   ends a line; white space collapses as a browser shows it (a line break between two Chinese
///   characters disappears); entities are decoded. Each line's origin is the element path of its
///   block (`/html/body/div[2]/p[3]`), its number the source line where its text starts.
/// - **Tables**: a data table is handed on as its caption (if any) as a line, an empty line, one
///   line per row with the cells trimmed and joined by `" | "` (an empty cell is an
///   empty string between separators; a `|` inside a cell becomes `/`), rowspan and colspan
///   expanded by repeating the cell, and an empty line after; each row's origin is its `tr` path. A
///   table that holds another table, or has only one column or one row, lays out the page: its
///   cells are read as blocks.
final class HTMLDocumentReader {
    /// Bounds on what one page may make the reader hold.
    struct Limits: Sendable {
        /// Elements nested deeper than this are refused (option `max-depth`).
        var maxDepth = 256
        /// The UTF-8 bytes of text one block (or table cell) may hold (option `max-block-bytes`).
        var maxBlockBytes = 1 << 20
    }

    /// One line: its UTF-8 bytes, a line number and where it sits (nil for the empty lines around tables).
    typealias LineHandler = (_ utf8: UnsafeBufferPointer<UInt8>, _ number: Int, _ origin: LineOrigin?) throws -> Void

    let name: String
    let limits: Limits
    private let handler: LineHandler
    private var context: htmlParserCtxtPtr?
    private var failure: Error?

    private struct Frame {
        var name: String
        var component: String
        var isBlock: Bool
        var childCounts: [String: Int] = [:]
    }

    private var stack: [Frame] = []
    /// The stack depth of the element being dropped (its content is skipped), if any.
    private var dropDepth: Int?
    /// Depth of `article`/`main` ancestors (their `header`/`footer` are content).
    private var articleDepth = 0
    private var preDepth = 0
    private var line = TextBuffer()
    private var lineNumber = 0
    private var linePath: String?
    private var lastNumber = 1
    private var tables: [TableState] = []

    init(name: String, limits: Limits = Limits(), line: @escaping LineHandler) {
        self.name = name
        self.limits = limits
        self.handler = line
    }

    // MARK: - Reading

    /// Reads the page at `path`; `declaredCharset` is the charset the fetch reported, if any.
    func stream(path: String, declaredCharset: String?) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AdapterError(
                .unreadableInput, "\(name): cannot open the file (\(reason)); check that it exists and is readable")
        }
        defer { close(fd) }
        _ = Self.libraryReady
        var sax = htmlSAXHandler()
        sax.initialized = 1
        sax.startElement = { ctx, name, attributes in
            guard let ctx, let name else { return }
            Unmanaged<HTMLDocumentReader>.fromOpaque(ctx).takeUnretainedValue().start(name, attributes)
        }
        sax.endElement = { ctx, name in
            guard let ctx, let name else { return }
            Unmanaged<HTMLDocumentReader>.fromOpaque(ctx).takeUnretainedValue().end(name)
        }
        let characters: charactersSAXFunc = { ctx, text, length in
            guard let ctx, let text, length > 0 else { return }
            Unmanaged<HTMLDocumentReader>.fromOpaque(ctx).takeUnretainedValue().characters(text, Int(length))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = htmlCreatePushParserCtxt(&sax, me, nil, 0, path, XML_CHAR_ENCODING_UTF8) else {
            throw AdapterError(.unreadableInput, "\(name): libxml2 could not start its HTML parser")
        }
        context = ctxt
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            htmlFreeParserCtxt(ctxt)
            context = nil
        }
        let options =
            Int32(HTML_PARSE_RECOVER.rawValue) | Int32(HTML_PARSE_NOERROR.rawValue)
            | Int32(HTML_PARSE_NOWARNING.rawValue) | Int32(HTML_PARSE_NONET.rawValue)
            | Int32(HTML_PARSE_NODEFDTD.rawValue) | Int32(HTML_PARSE_IGNORE_ENC.rawValue)
            | Int32(HTML_PARSE_COMPACT.rawValue)
        htmlCtxtUseOptions(ctxt, options)
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        var offset = 0

        func push(_ bytes: ArraySlice<UInt8>, converted: Bool, final: Bool) throws {
            let utf8 = Array(bytes)
            if !converted {
                if String(validating: utf8, as: UTF8.self) == nil {
                    throw AdapterError(
                        .unsupportedEncoding,
                        "\(name): not valid UTF-8 near byte \(offset); declare the page's charset (<meta charset=\"gbk\">) or convert it (iconv -f ENCODING -t UTF-8)"
                    )
                }
                offset += utf8.count
            }
            let status = utf8.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(p.count, 1)) {
                    htmlParseChunk(ctxt, p.count > 0 ? $0 : nil, Int32(p.count), final ? 1 : 0)
                }
            }
            if let failure { throw failure }
            _ = status
            if !final { try Self.parseWhatArrived(ctxt) { self.failure } }
            Self.discardConsumedInput(ctxt)
        }

        // Wait for the <meta> (it sits in the head) unless the body has begun.
        try DecodedChunkReader(name: name).read(
            fd, enough: { $0.count >= 8192 || Self.containsBodyTag($0) },
            charset: { head, complete in
                try Self.charset(of: head, declared: declaredCharset, name: name, complete: complete)
            },
            chunk: push)
        if let failure { throw failure }
        try flushLine()
    }

    /// libxml2's global set-up, done once per process.
    private static let libraryReady: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses what has arrived. libxml2 2.9's HTML push parser looks for the end of a start tag
    /// from where its last look stopped but forgets whether that was inside a quoted attribute
    /// value; when a chunk ends inside one, it sees every later quote inverted and waits for the
    /// end of the input, holding all of it. Looking again from the tag's start (index 0) avoids
    /// that; the parser is called until it stops making progress.
    static func parseWhatArrived(_ ctxt: htmlParserCtxtPtr, failure: () -> Error?) throws {
        func position() -> Int {
            guard let input = ctxt.pointee.input else { return Int.max }
            let offset: Int = input.pointee.cur - input.pointee.base
            return Int(input.pointee.consumed) + offset
        }
        while ctxt.pointee.instate == XML_PARSER_START_TAG {
            let before = position()
            ctxt.pointee.checkIndex = 0
            htmlParseChunk(ctxt, nil, 0, 0)
            if let failure = failure() { throw failure }
            if position() <= before { return }
        }
    }

    /// Drops the bytes the push parser has consumed, which libxml2 2.9 keeps while much input is
    /// left to parse. The look-up index is an offset into the buffer, so it is reset (the parser
    /// then looks again from its current position).
    static func discardConsumedInput(_ ctxt: htmlParserCtxtPtr) {
        guard let input = ctxt.pointee.input, input.pointee.buf != nil else { return }
        let consumed: Int = input.pointee.cur - input.pointee.base
        guard consumed > 1 << 16 else { return }
        xmlParserInputShrink(input)
        ctxt.pointee.checkIndex = 0
    }

    /// The page's charset: a BOM, the declared one, a `<meta>` declaration, or detection.
    static func charset(of head: [UInt8], declared: String?, name: String, complete: Bool) throws
        -> CharsetDecoder.Charset
    {
        var declared = declared
        if declared == nil || CharsetDecoder.Charset(declared: declared!) == nil {
            declared = metaCharset(head).flatMap { CharsetDecoder.Charset(declared: $0) != nil ? $0 : nil }
        }
        return try CharsetDecoder.detect(head, declared: declared, name: name, complete: complete)
    }

    /// Whether `bytes` hold a `<body` tag (then the head, and any charset declaration, is complete).
    static func containsBodyTag(_ bytes: [UInt8]) -> Bool {
        let tag = Array("<body".utf8)
        guard bytes.count >= tag.count else { return false }
        for k in 0...(bytes.count - tag.count) where bytes[k] == 0x3C {
            var same = true
            for j in 1..<tag.count where bytes[k + j] | 0x20 != tag[j] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// The charset a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` names.
    static func metaCharset(_ head: [UInt8]) -> String? {
        let text = String(decoding: head.prefix(8192).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var rest = Substring(text)
        while let meta = rest.range(of: "<meta") {
            let tail = rest[meta.upperBound...]
            let end = tail.firstIndex(of: ">") ?? tail.endIndex
            let tag = tail[..<end]
            if let cs = tag.range(of: "charset") {
                var value = tag[cs.upperBound...].drop { $0 == " " }
                if value.first == "=" {
                    value = value.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                    let name = value.prefix { !" \"';/>".contains($0) }
                    if !name.isEmpty { return String(name) }
                }
            }
            rest = tail[end...]
        }
        return nil
    }

    // MARK: - SAX events

    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "head",
    ]

    private static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "iframe", "frame", "frameset", "object", "embed",
        "svg", "math", "canvas", "audio", "video", "map", "input", "select", "option", "button", "textarea", "label",
        "link", "meta",
    ]

    private func start(_ cName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil else { return }
        let name = String(cString: cName)
        let count = (stack.last?.childCounts[name] ?? 0) + 1
        if !stack.isEmpty { stack[stack.count - 1].childCounts[name] = count }
        let component = (name == "html" || name == "body" || name == "head") ? name : "\(name)[\(count)]"
        let isBlock = Self.blockElements.contains(name)
        stack.append(Frame(name: name, component: component, isBlock: isBlock))
        if stack.count > limits.maxDepth {
            fail(
                AdapterError(
                    .limitExceeded,
                    "\(self.name):\(currentLine): elements nested \(stack.count) deep exceed the limit of \(limits.maxDepth); check the page, or raise option max-depth"
                ))
            return
        }
        guard dropDepth == nil else { return }
        if drops(name, attributes) {
            dropDepth = stack.count
            if isBlock { blockBoundary() }
            return
        }
        if name == "article" || name == "main" { articleDepth += 1 }
        if name == "pre" { preDepth += 1 }
        do {
            try openElement(name, attributes)
        } catch {
            fail(error)
        }
    }

    private func end(_ cName: UnsafePointer<xmlChar>) {
        guard failure == nil, let frame = stack.last else { return }
        defer { stack.removeLast() }
        if let d = dropDepth {
            if stack.count == d { dropDepth = nil }
            return
        }
        if frame.name == "article" || frame.name == "main" { articleDepth -= 1 }
        if frame.name == "pre" { preDepth -= 1 }
        do {
            try closeElement(frame.name)
        } catch {
            fail(error)
        }
    }

    private func characters(_ text: UnsafePointer<xmlChar>, _ length: Int) {
        guard failure == nil, dropDepth == nil else { return }
        do {
            if preDepth > 0 {
                var start = 0
                for k in 0..<length where text[k] == 0x0A {
                    try append(text + start, k - start)
                    try flushLine()
                    start = k + 1
                }
                try append(text + start, length - start)
            } else {
                try append(text, length)
            }
        } catch {
            fail(error)
        }
    }

    private func fail(_ error: Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private var currentLine: Int {
        guard let context, let input = context.pointee.input else { return lastNumber }
        return Int(input.pointee.line)
    }

    // MARK: - What is dropped

    private func drops(_ name: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        if Self.droppedElements.contains(name) { return true }
        if (name == "header" || name == "footer") && articleDepth == 0 { return true }
        guard let attributes else { return false }
        var k = 0
        while let key = attributes[k] {
            let value = attributes[k + 1].map { String(cString: $0) } ?? ""
            k += 2
            switch String(cString: key) {
            case "hidden": return true
            case "style":
                let compact = value.lowercased().filter { $0 != " " }
                if compact.contains("display:none") || compact.contains("visibility:hidden") { return true }
            case "id", "class":
                if Self.marksBoilerplate(value) { return true }
            case "role":
                if ["navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"].contains(
                    value.lowercased())
                {
                    return true
                }
            case "aria-hidden":
                if value.lowercased() == "true" { return true }
            default: break
            }
        }
        return false
    }

    /// Words that, as a whole part of an id or class ("main-nav", "bottom"), mark page furniture.
    private static let furnitureParts: Set<String> = [
        "nav", "navi", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs", "crumb",
        "crumbs", "share", "bshare", "footer", "foot", "topbar", "bottom", "toolbar", "sidebar", "copyright",
        "banner", "friendlink", "login", "skip",
    ]

    /// Words that mark page furniture unless another part of the name says content ("article-head").
    private static let weakFurnitureParts: Set<String> = [
        "header", "head", "top", "side", "links", "search", "position", "location", "weizhi", "dqwz",
    ]

    /// Pieces that mark page furniture wherever they appear in an id or class ("bdsharebuttonbox").
    private static let furniturePieces = [
        "breadcrumb", "bshare", "bdshare", "jiathis", "share", "copyright", "navbar", "sidebar", "toolbar", "footer",
        "menu", "topnav", "subnav", "mainnav", "nav_", "nav-",
    ]

    /// Parts that make a header-like name part of the content ("article-head", "news_title_top").
    private static let contentParts: Set<String> = [
        "article", "content", "main", "post", "news", "detail", "text", "title", "body", "zoom", "con", "wz", "info",
    ]

    /// Whether an id or class value marks navigation, menus, breadcrumbs, share widgets, headers or footers.
    static func marksBoilerplate(_ value: String) -> Bool {
        for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let parts = token.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            let isContent = parts.contains { contentParts.contains($0) }
            if parts.contains(where: { furnitureParts.contains($0) }) { return true }
            if !isContent && parts.contains(where: { weakFurnitureParts.contains($0) }) { return true }
            if furniturePieces.contains(where: { token.contains($0) }) && !(isContent && !token.contains("share")) {
                return true
            }
        }
        return false
    }

    // MARK: - Blocks and text

    /// The path of the innermost open block element (or of the innermost element).
    private func blockPath() -> String {
        var end = stack.count
        while end > 0 && !stack[end - 1].isBlock { end -= 1 }
        if end == 0 { end = stack.count }
        var path = ""
        for frame in stack[..<end] {
            path += "/"
            path += frame.component
        }
        return path
    }

    /// The path of the open element at stack index `index`.
    private func path(through index: Int) -> String {
        var path = ""
        for frame in stack[...index] {
            path += "/"
            path += frame.component
        }
        return path
    }

    private func append(_ text: UnsafePointer<UInt8>, _ length: Int) throws {
        guard length > 0 else { return }
        if let table = tables.last, !table.layout {
            let t = tables.count - 1
            if tables[t].cell != nil {
                tables[t].cell!.text.append(text, length)
                try checkSize(tables[t].cell!.text)
                return
            }
            if tables[t].inCaption {
                tables[t].caption.append(text, length)
                try checkSize(tables[t].caption)
                return
            }
        }
        let wasEmpty = line.isEmpty
        line.append(text, length)
        if wasEmpty && !line.isEmpty {
            linePath = blockPath()
            // The parser reports the line at the end of the text; count back to where it starts.
            var breaks = 0
            var k = length - 1
            var firstVisible = 0
            while firstVisible < length && TextBuffer.isSpace(text[firstVisible]) { firstVisible += 1 }
            while k > firstVisible {
                if text[k] == 0x0A { breaks += 1 }
                k -= 1
            }
            lineNumber = max(1, currentLine - breaks)
        }
        try checkSize(line)
    }

    private func checkSize(_ buffer: TextBuffer) throws {
        if buffer.bytes.count > limits.maxBlockBytes {
            throw AdapterError(
                .limitExceeded,
                "\(name):\(currentLine): one block of text holds more than \(limits.maxBlockBytes) bytes; check the page, or raise option max-block-bytes"
            )
        }
    }

    /// Ends the current line (a block starts or ends).
    private func blockBoundary() {
        if let table = tables.last, !table.layout {
            let t = tables.count - 1
            if tables[t].cell != nil {
                // Kept so that the cell's blocks become lines of their own should the table turn
                // out to be a layout table (a CMS page's content cell holding <p> after <p>).
                let end = tables[t].cell!.text.bytes.count
                if end > (tables[t].cell!.blocks.last?.end ?? 0) {
                    tables[t].cell!.blocks.append((end, currentLine))
                }
                tables[t].cell!.text.softBreak()
                return
            }
            if tables[t].inCaption {
                tables[t].caption.softBreak()
                return
            }
        }
        do { try flushLine() } catch { fail(error) }
    }

    private func flushLine() throws {
        guard !line.isEmpty else { return }
        lastNumber = lineNumber
        let origin = LineOrigin(path: linePath)
        try line.bytes.withUnsafeBufferPointer { try handler($0, lineNumber, origin) }
        line.reset()
        linePath = nil
    }

    private func emit(_ bytes: [UInt8], number: Int, path: String?) throws {
        lastNumber = number
        try bytes.withUnsafeBufferPointer { try handler($0, number, path.map { LineOrigin(path: $0) }) }
    }

    // MARK: - Element handling

    private func openElement(_ name: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) throws {
        switch name {
        case "table":
            try flushLine()
            if !tables.isEmpty { try makeLayout(tables.count - 1) }
            tables.append(TableState(path: path(through: stack.count - 1), number: currentLine))
            return
        case "tr", "td", "th", "caption":
            guard let table = tables.last, !table.layout else { break }
            let t = tables.count - 1
            switch name {
            case "tr":
                try finishRow(t)
                tables[t].row = RowState(path: path(through: stack.count - 1), number: currentLine)
            case "caption":
                tables[t].inCaption = true
                tables[t].captionPath = path(through: stack.count - 1)
                tables[t].captionNumber = currentLine
            default:
                finishCell(t)
                if tables[t].row == nil {
                    tables[t].row = RowState(path: path(through: stack.count - 1), number: currentLine)
                }
                var cell = Cell(path: path(through: stack.count - 1))
                if let attributes {
                    var k = 0
                    while let key = attributes[k] {
                        let value = attributes[k + 1].map { String(cString: $0) } ?? ""
                        switch String(cString: key) {
                        case "rowspan": cell.rowspan = min(max(Int(value.trimmed(of: " ")) ?? 1, 1), 1000)
                        case "colspan": cell.colspan = min(max(Int(value.trimmed(of: " ")) ?? 1, 1), 1000)
                        default: break
                        }
                        k += 2
                    }
                }
                tables[t].cell = cell
            }
            return
        default: break
        }
        if Self.blockElements.contains(name) { blockBoundary() }
    }

    private func closeElement(_ name: String) throws {
        switch name {
        case "table":
            guard !tables.isEmpty else { break }
            try finishTable(tables.count - 1)
            tables.removeLast()
            return
        case "tr", "td", "th", "caption":
            guard let table = tables.last, !table.layout else { break }
            let t = tables.count - 1
            switch name {
            case "tr": try finishRow(t)
            case "caption": tables[t].inCaption = false
            default: finishCell(t)
            }
            return
        default: break
        }
        if Self.blockElements.contains(name) { blockBoundary() }
    }

    // MARK: - Tables

    private struct Cell {
        var path: String? = nil
        var text = TextBuffer()
        /// Where the blocks inside the cell end: the byte offset in `text` and the source line.
        var blocks: [(end: Int, line: Int)] = []
        var rowspan = 1
        var colspan = 1
    }

    private struct RowState {
        var path: String
        var number: Int
        var cells: [Cell] = []
    }

    private struct Row {
        var path: String
        var number: Int
        var cells: [[UInt8]]
    }

    private struct TableState {
        var path: String
        var number: Int
        var layout = false
        /// Rows are written as they end (the table was too long to hold).
        var streaming = false
        var caption = TextBuffer()
        var captionPath: String?
        var captionNumber = 0
        var inCaption = false
        var row: RowState?
        var cell: Cell?
        var rows: [Row] = []
        var heldBytes = 0
        var widest = 0
        /// Cells carried down by rowspan: column → (rows left, text).
        var carry: [Int: (left: Int, text: [UInt8])] = [:]
    }

    /// What a table may hold before its rows are written as they come.
    private static let heldTableBytes = 1 << 20
    private static let heldTableRows = 2000

    private func finishCell(_ t: Int) {
        guard let cell = tables[t].cell else { return }
        tables[t].cell = nil
        if tables[t].row == nil { tables[t].row = RowState(path: tables[t].path, number: currentLine) }
        tables[t].row!.cells.append(cell)
    }

    private func finishRow(_ t: Int) throws {
        finishCell(t)
        guard let state = tables[t].row else { return }
        tables[t].row = nil
        guard !state.cells.isEmpty else { return }
        var out: [[UInt8]] = []
        var column = 0
        func takeCarried() {
            while let carried = tables[t].carry[column] {
                out.append(carried.text)
                if carried.left <= 1 {
                    tables[t].carry[column] = nil
                } else {
                    tables[t].carry[column] = (carried.left - 1, carried.text)
                }
                column += 1
            }
        }
        for cell in state.cells {
            takeCarried()
            let text = cell.text.bytes.map { $0 == 0x7C ? 0x2F : $0 }
            for _ in 0..<cell.colspan {
                if cell.rowspan > 1 { tables[t].carry[column] = (cell.rowspan - 1, text) }
                out.append(text)
                column += 1
            }
        }
        takeCarried()
        // Cells carried into columns this row does not reach.
        for key in tables[t].carry.keys.sorted() where key >= column {
            while column < key {
                out.append([])
                column += 1
            }
            takeCarried()
        }
        let row = Row(path: state.path, number: state.number, cells: out)
        tables[t].widest = max(tables[t].widest, out.count)
        if tables[t].streaming {
            try emitRow(row)
            return
        }
        tables[t].rows.append(row)
        tables[t].heldBytes += out.reduce(0) { $0 + $1.count + 3 }
        if tables[t].heldBytes > Self.heldTableBytes || tables[t].rows.count > Self.heldTableRows {
            tables[t].streaming = true
            try emitTableStart(t)
            for held in tables[t].rows { try emitRow(held) }
            tables[t].rows = []
        }
    }

    /// A table's start: its caption as a line, then an empty line.
    private func emitTableStart(_ t: Int) throws {
        if !tables[t].caption.isEmpty {
            try emit(tables[t].caption.bytes, number: tables[t].captionNumber, path: tables[t].captionPath)
        }
        try emit([], number: max(tables[t].number, tables[t].captionNumber), path: nil)
    }

    private func emitRow(_ row: Row) throws {
        var bytes: [UInt8] = []
        for (k, cell) in row.cells.enumerated() {
            if k > 0 { bytes.append(contentsOf: [0x20, 0x7C, 0x20]) }
            bytes.append(contentsOf: cell)
        }
        try emit(bytes, number: row.number, path: row.path)
    }

    private func finishTable(_ t: Int) throws {
        if tables[t].layout {
            try flushLine()
            return
        }
        try finishRow(t)
        if tables[t].streaming {
            try emit([], number: currentLine, path: nil)
            return
        }
        if tables[t].widest <= 1 || tables[t].rows.count <= 1 {
            try emitAsBlocks(t)
            return
        }
        try emitTableStart(t)
        for row in tables[t].rows { try emitRow(row) }
        try emit([], number: currentLine, path: nil)
        tables[t].rows = []
    }

    /// Writes what a table holds so far as plain lines, each cell its own.
    private func emitAsBlocks(_ t: Int) throws {
        if !tables[t].caption.isEmpty {
            try emit(tables[t].caption.bytes, number: tables[t].captionNumber, path: tables[t].captionPath)
            tables[t].caption.reset()
        }
        for row in tables[t].rows {
            var previous: [UInt8]? = nil
            for cell in row.cells where !cell.isEmpty && cell != previous {
                try emit(cell, number: row.number, path: row.path)
                previous = cell
            }
        }
        tables[t].rows = []
    }

    /// Writes a cell of what became a layout table as lines, one per block it held.
    private func emitBlocks(of cell: Cell, number: Int, path: String?) throws {
        let bytes = cell.text.bytes
        var start = 0
        var startLine = number
        for (end, line) in cell.blocks + [(bytes.count, currentLine)] where end > start {
            var a = start
            var b = min(end, bytes.count)
            while a < b && TextBuffer.isSpace(bytes[a]) { a += 1 }
            while b > a && TextBuffer.isSpace(bytes[b - 1]) { b -= 1 }
            if a < b { try emit(Array(bytes[a..<b]), number: startLine, path: path) }
            start = end
            startLine = line
        }
    }

    /// Turns table `t` into a layout table (it holds another table): what it held is written as
    /// plain lines, and its cells are read as blocks from here on.
    private func makeLayout(_ t: Int) throws {
        guard !tables[t].layout else { return }
        let openCell = tables[t].cell
        tables[t].cell = nil
        let openRow = tables[t].row
        tables[t].row = nil
        if tables[t].streaming {
            try emit([], number: currentLine, path: nil)
        } else {
            try emitAsBlocks(t)
        }
        if let openRow {
            for cell in openRow.cells where !cell.text.isEmpty {
                try emitBlocks(of: cell, number: openRow.number, path: cell.path ?? openRow.path)
            }
        }
        if let openCell, !openCell.text.isEmpty {
            try emitBlocks(of: openCell, number: openRow?.number ?? currentLine, path: openCell.path ?? openRow?.path)
        }
        tables[t].layout = true
        tables[t].carry = [:]
    }
}

/// Text being gathered for one line or cell, with white space collapsed as a browser shows it.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    /// The pending white space holds a line break: dropped between two wide (CJK) characters.
    private var pendingBreak = false
    private var lastWide = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
        pendingBreak = false
        lastWide = false
    }

    /// A block boundary inside a cell: white space that vanishes between Chinese characters.
    mutating func softBreak() {
        guard !bytes.isEmpty else { return }
        pendingSpace = true
        pendingBreak = true
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    /// Appends UTF-8 text, collapsing runs of white space (and no-break spaces) to one space.
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var i = 0
        while i < n {
            let b = p[i]
            if Self.isSpace(b) {
                if !bytes.isEmpty {
                    pendingSpace = true
                    if b == 0x0A || b == 0x0D { pendingBreak = true }
                }
                i += 1
                continue
            }
            if b == 0xC2 && i + 1 < n && p[i + 1] == 0xA0 {  // &nbsp;
                if !bytes.isEmpty { pendingSpace = true }
                i += 2
                continue
            }
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            let end = min(n, i + length)
            var wide = false
            if length == 3 && end - i == 3 {
                let v = UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                wide =
                    (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                    || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            } else if length == 4 {
                wide = true
            }
            if pendingSpace {
                if !(pendingBreak && lastWide && wide) { bytes.append(0x20) }
                pendingSpace = false
                pendingBreak = false
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: p + i, count: end - i))
            lastWide = wide
            i = end
        }
    }
}

import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the text of a PDF as lines, page by page, through poppler's `pdftotext` (Debian package
/// poppler-utils) run as a child process: `pdftotext -layout -enc UTF-8 -l N FILE -`, its output
/// read from a pipe as it comes.
///
/// - Pages end at form feeds. Each line's origin is its page; its number counts the non-empty
///   lines of that page from the top (running header included).
/// - Running headers and footers (a line among the first or last two of most pages, the same once
///   digits are ignored) and page numbers at the top or bottom of a page ("- 3 -", "第3页",
///   "第3页 共12页", "3/12", "Page 3", a lone number) are removed. The first eight pages are held to
///   learn the running lines; later pages are written as they end.
/// - A line that runs to the right margin without ending a sentence is joined with the next one
///   when that continues the paragraph (not indented, no heading or list mark), across a page
///   break too; the joined line keeps the first one's page and number. Lines with runs of two or
///   more spaces between words (table rows and aligned columns, as `-layout` lays them out) are
///   never joined and are handed on as they are.
/// - A PDF without any text (scanned pages, images only) is an `.unsupportedInput` error saying so;
///   a missing `pdftotext` one naming the package to install.
struct PDFTextReader {
    struct Limits: Sendable {
        /// A PDF with more pages than this is refused (option `max-pages`).
        var maxPages = 2000
        /// The text one page may hold.
        var maxPageBytes = 8 << 20
    }

    typealias LineHandler = (_ utf8: UnsafeBufferPointer<UInt8>, _ number: Int, _ origin: LineOrigin?) throws -> Void

    let name: String
    var limits = Limits()
    /// Where `pdftotext` is looked for (the `PATH` by default).
    var searchPath: String = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"

    /// The pages held before the running headers and footers are decided.
    static let learningPages = 8

    /// The `pdftotext` executable on `searchPath`, if there is one.
    func tool() -> String? {
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/pdftotext"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    func stream(path: String, line: @escaping LineHandler) throws {
        guard let tool = tool() else {
            throw AdapterError(
                .unsupportedInput,
                "\(name): reading a PDF needs poppler's pdftotext, which is not installed; install it (apt-get install poppler-utils) or give the text instead"
            )
        }
        guard access(path, R_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw AdapterError(
                .unreadableInput, "\(name): cannot open the file (\(reason)); check that it exists and is readable")
        }
        let child = try PDFToTextProcess(
            tool: tool,
            arguments: [
                "-layout", "-enc", "UTF-8", "-l", String(limits.maxPages + 1), path.hasPrefix("-") ? "./" + path : path,
                "-",
            ],
            name: name)
        defer { child.stop() }
        var layout = PageLayout(name: name, handler: line)
        var page: [UInt8] = []
        var pages = 0
        var sawText = false
        try child.read { chunk in
            var start = chunk.startIndex
            for k in chunk.indices where chunk[k] == 0x0C {
                page.append(contentsOf: chunk[start..<k])
                start = k + 1
                pages += 1
                if pages > limits.maxPages {
                    throw AdapterError(
                        .limitExceeded,
                        "\(name): the PDF has more than \(limits.maxPages) page\(limits.maxPages == 1 ? "" : "s"); split it, or raise option max-pages"
                    )
                }
                if !sawText { sawText = page.contains { $0 > 0x20 } }
                try layout.add(page: page, number: pages)
                page.removeAll(keepingCapacity: true)
            }
            page.append(contentsOf: chunk[start...])
            if page.count > limits.maxPageBytes {
                throw AdapterError(
                    .limitExceeded,
                    "\(name): page \(pages + 1) of the PDF holds more than \(limits.maxPageBytes) bytes of text; check the file"
                )
            }
        }
        if page.contains(where: { $0 > 0x20 }) {
            sawText = true
            pages += 1
            try layout.add(page: page, number: pages)
        }
        try child.finish()
        guard sawText else {
            throw AdapterError(
                .unsupportedInput,
                "\(name): the PDF has no text layer (\(pages) page\(pages == 1 ? "" : "s") of images only, as a scanned document has); run OCR on it first (for example ocrmypdf) or find a text version"
            )
        }
        try layout.finish()
    }
}

/// The page-by-page clean-up of `pdftotext -layout` output: running lines, page numbers, joins.
struct PageLayout {
    let name: String
    let handler: PDFTextReader.LineHandler

    struct Line {
        var text: [Unicode.Scalar]
        var number: Int
        var page: Int
        var isEmpty: Bool { text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
    }

    private var held: [[Line]] = []
    private var running: Set<String>?
    /// A prose line that may continue on the next one.
    private var pending: Line?

    init(name: String, handler: @escaping PDFTextReader.LineHandler) {
        self.name = name
        self.handler = handler
    }

    mutating func add(page bytes: [UInt8], number: Int) throws {
        var lines: [Line] = []
        var counted = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let text = Array(String(decoding: raw, as: UTF8.self).unicodeScalars)
            var line = Line(text: text, number: 0, page: number)
            // An empty line takes the number of the line above it.
            if !line.isEmpty { counted += 1 }
            line.number = counted
            lines.append(line)
        }
        if running == nil {
            held.append(lines)
            if held.count >= PDFTextReader.learningPages { try release() }
        } else {
            try write(lines)
        }
    }

    mutating func finish() throws {
        if running == nil { try release() }
        try flushPending()
    }

    /// Decides the running lines from the held pages and writes them.
    private mutating func release() throws {
        var counts: [String: Int] = [:]
        for page in held {
            var keys = Set<String>()
            for line in Self.edges(of: page) { keys.insert(Self.key(page[line].text)) }
            for key in keys where !key.isEmpty { counts[key, default: 0] += 1 }
        }
        let needed = max(2, held.count / 2)
        running = Set(counts.filter { $0.value >= needed }.keys)
        let pages = held
        held = []
        for page in pages { try write(page) }
    }

    /// The indices of the first two and last two non-empty lines of a page.
    static func edges(of page: [Line]) -> [Int] {
        let filled = page.indices.filter { !page[$0].isEmpty }
        return Array(Set(filled.prefix(2) + filled.suffix(2))).sorted()
    }

    /// A line compared across pages: without white space, digits as '#'.
    static func key(_ text: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        for c in text where !(c == " " || c == "\t" || c == "\r" || c == "\u{3000}") {
            if ("0"..."9").contains(c) || ("\u{FF10}"..."\u{FF19}").contains(c) {
                if out.last != "#" { out.append("#") }
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// Whether a line is a page number: "3", "- 3 -", "—3—", "第3页", "第3页 共12页", "3/12", "Page 3 of 12".
    static func isPageNumber(_ text: [Unicode.Scalar]) -> Bool {
        var s = ""
        for c in text where !(c == " " || c == "\t" || c == "\r" || c == "\u{3000}") {
            if ("0"..."9").contains(c) || ("\u{FF10}"..."\u{FF19}").contains(c)
                || "〇一二三四五六七八九十百".unicodeScalars.contains(c)
            {
                if !s.hasSuffix("#") { s += "#" }
            } else {
                s.unicodeScalars.append(c == "頁" ? "页" : c)
            }
        }
        s = s.lowercased()
        let dashes: Set<Character> = ["-", "—", "–", "－", "·", "•", "―", "(", ")", "（", "）", "[", "]"]
        let bare = String(s.drop { dashes.contains($0) }.reversed().drop { dashes.contains($0) }.reversed())
        let forms: Set<String> = [
            "#", "第#页", "第#页共#页", "第#页,共#页", "第#页，共#页", "共#页第#页", "第#页/共#页", "#/#", "page#", "page#of#",
            "p.#", "#页",
        ]
        return forms.contains(bare)
    }

    /// Whether a line has a run of two or more spaces between visible characters (a table row or
    /// aligned columns as `-layout` writes them).
    static func isAligned(_ text: [Unicode.Scalar]) -> Bool {
        var seenVisible = false
        var spaces = 0
        for c in text {
            if c == " " || c == "\u{3000}" {
                spaces += c == " " ? 1 : 2
            } else {
                if seenVisible && spaces >= 2 { return true }
                seenVisible = true
                spaces = 0
            }
        }
        return false
    }

    static func indent(_ text: [Unicode.Scalar]) -> Int {
        var n = 0
        for c in text {
            if c == " " { n += 1 } else if c == "\u{3000}" { n += 2 } else { break }
        }
        return n
    }

    static func end(_ text: [Unicode.Scalar]) -> Int {
        var n = text.count
        while n > 0, text[n - 1] == " " || text[n - 1] == "\r" || text[n - 1] == "\u{3000}" { n -= 1 }
        return n
    }

    /// How far right a line reaches, counting a wide (CJK) character as two columns: `-layout`
    /// writes the characters of one run one after another, whatever their width.
    static func extent(_ text: [Unicode.Scalar]) -> Int {
        var n = 0
        for c in text[..<end(text)] {
            let v = c.value
            n +=
                (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
                    || (0xFE30...0xFE4F).contains(v) || v >= 0x20000 ? 2 : 1
        }
        return n
    }

    /// Whether a line ends a sentence or a clause that introduces what follows.
    static func endsSentence(_ text: [Unicode.Scalar]) -> Bool {
        var n = end(text)
        let closers: Set<Unicode.Scalar> = ["”", "’", "」", "』", "）", ")", "\"", "》"]
        let stops: Set<Unicode.Scalar> = ["。", "！", "？", "；", "：", "!", "?", ";", ":", "…", "."]
        while n > 0, closers.contains(text[n - 1]) {
            if n >= 2, stops.contains(text[n - 2]) { return true }
            n -= 1
            if text[n] == "）" || text[n] == ")" { return false }
        }
        return n > 0 && stops.contains(text[n - 1])
    }

    /// Whether a line starts with a heading or list mark: 一、 （一） (1) 1. 1、 ① 第一章 第三条.
    static func startsHeading(_ text: [Unicode.Scalar]) -> Bool {
        let t = Array(text.drop { $0 == " " || $0 == "\u{3000}" })
        guard let first = t.first else { return false }
        let chineseDigits = "〇一二三四五六七八九十".unicodeScalars
        if "①②③④⑤⑥⑦⑧⑨⑩■●◆□○•·-—".unicodeScalars.contains(first) { return true }
        if first == "（" || first == "(" {
            return t.count > 2 && (chineseDigits.contains(t[1]) || ("0"..."9").contains(t[1]))
        }
        var k = 0
        if first == "第" { return t.count > 2 && chineseDigits.contains(t[1]) }
        while k < t.count, chineseDigits.contains(t[k]) || ("0"..."9").contains(t[k]) { k += 1 }
        guard k > 0, k < t.count else { return false }
        let mark = t[k]
        if mark == "、" || mark == "．" { return true }
        // "1." but not "1.2亿元": a dot followed by something other than a digit.
        if mark == "." { return k + 1 < t.count && !("0"..."9").contains(t[k + 1]) }
        return false
    }

    /// Writes one page: running lines and page numbers removed, paragraphs joined.
    private mutating func write(_ page: [Line]) throws {
        // A running line is dropped once at the top and once at the bottom: a title that repeats
        // the running header right below it stays.
        var drop = Set<Int>()
        let filled = page.indices.filter { !page[$0].isEmpty }
        for edge in [Array(filled.prefix(2)), Array(filled.suffix(2).reversed())] {
            var used = Set<String>()
            for k in edge where !drop.contains(k) {
                let text = page[k].text
                let key = Self.key(text)
                if Self.isPageNumber(text) || ((running?.contains(key) ?? false) && used.insert(key).inserted) {
                    drop.insert(k)
                }
            }
        }
        let kept = page.indices.filter { !drop.contains($0) }
        // Blank lines before the first and after the last line are the page's margins.
        guard let first = kept.first(where: { !page[$0].isEmpty }),
            let last = kept.last(where: { !page[$0].isEmpty })
        else { return }
        let prose = kept.filter { !page[$0].isEmpty && !Self.isAligned(page[$0].text) }
        let width = prose.map { Self.extent(page[$0].text) }.max() ?? 0
        let margin = prose.map { Self.indent(page[$0].text) }.min() ?? 0
        for k in kept where k >= first && k <= last {
            let line = page[k]
            if line.isEmpty {
                try flushPending()
                try emit(line)
                continue
            }
            let aligned = Self.isAligned(line.text)
            if var a = pending {
                let continues =
                    !aligned && Self.indent(line.text) <= margin + 1 && !Self.startsHeading(line.text)
                if continues {
                    let head = Array(a.text[..<Self.end(a.text)])
                    let tail = Array(line.text.drop { $0 == " " || $0 == "\u{3000}" })
                    var joined = head
                    if let l = head.last, let r = tail.first, l.isASCIIWordCharacter, r.isASCIIWordCharacter {
                        joined.append(" ")
                    }
                    joined += tail
                    a.text = joined
                    pending = nil
                    // The joined line may continue again when this one ran to the margin.
                    if Self.extent(line.text) >= width * 8 / 10 && !Self.endsSentence(line.text) {
                        pending = a
                    } else {
                        try emit(a)
                    }
                    continue
                }
                try flushPending()
            }
            if !aligned && width > 0 && Self.extent(line.text) >= width * 8 / 10 && !Self.endsSentence(line.text) {
                pending = line
            } else {
                try emit(line)
            }
        }
    }

    private mutating func flushPending() throws {
        if let p = pending {
            pending = nil
            try emit(p)
        }
    }

    private func emit(_ line: Line) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.text.count * 3)
        for c in line.text where c != "\r" { bytes.append(contentsOf: Array(String(Character(c)).utf8)) }
        let origin = LineOrigin(page: line.page)
        try bytes.withUnsafeBufferPointer { try handler($0, max(line.number, 1), origin) }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIWordCharacter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

/// `pdftotext` running as a child process, its standard output read through a pipe.
final class PDFToTextProcess {
    private var pid: pid_t = 0
    private var output: Int32 = -1
    private var errors: Int32 = -1
    private var stderrTail: [UInt8] = []
    private let name: String
    private var reaped = false
    private var status: Int32 = 0

    init(tool: String, arguments: [String], name: String) throws {
        self.name = name
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0 else { throw Self.spawnError(name) }
        guard pipe(&err) == 0 else {
            close(out[0])
            close(out[1])
            throw Self.spawnError(name)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        posix_spawn_file_actions_addclose(&actions, out[0])
        posix_spawn_file_actions_addclose(&actions, err[0])
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, tool, &actions, nil, argv, environ)
        close(out[1])
        close(err[1])
        guard rc == 0 else {
            close(out[0])
            close(err[0])
            throw AdapterError(
                .unsupportedInput,
                "\(name): cannot run \(tool) (\(String(cString: strerror(rc)))); reinstall it (apt-get install poppler-utils)"
            )
        }
        pid = child
        output = out[0]
        errors = err[0]
    }

    private static func spawnError(_ name: String) -> AdapterError {
        AdapterError(
            .unreadableInput, "\(name): cannot create a pipe for pdftotext (\(String(cString: strerror(errno))))")
    }

    /// Reads standard output to its end, handing on each chunk; standard error is kept (its end).
    func read(_ chunk: (ArraySlice<UInt8>) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var open = (output: true, errors: true)
        while open.output || open.errors {
            var fds = [
                pollfd(fd: open.output ? output : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: open.errors ? errors : -1, events: Int16(POLLIN), revents: 0),
            ]
            let r = poll(&fds, 2, -1)
            if r < 0 {
                if errno == EINTR { continue }
                throw AdapterError(
                    .unreadableInput, "\(name): reading pdftotext's output failed (\(String(cString: strerror(errno))))"
                )
            }
            for (k, fd) in [output, errors].enumerated() where fds[k].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { readFile(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if k == 0 { open.output = false } else { open.errors = false }
                    continue
                }
                if k == 0 {
                    try chunk(buffer[..<n])
                } else {
                    stderrTail.append(contentsOf: buffer[..<n])
                    if stderrTail.count > 4096 { stderrTail.removeFirst(stderrTail.count - 4096) }
                }
            }
        }
    }

    /// Waits for the process; throws when it failed.
    func finish() throws {
        wait()
        let message =
            String(decoding: stderrTail, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard status != 0 else { return }
        let exited = (status & 0x7F) == 0
        let code = exited ? (status >> 8) & 0xFF : -1
        if code == 3 {
            throw AdapterError(
                .unsupportedInput,
                "\(name): the PDF does not allow its text to be copied; ask for a version without that restriction",
                underlying: message)
        }
        throw AdapterError(
            .malformedInput,
            "\(name): pdftotext could not read the PDF (exit \(code)); check that the file is a complete, unencrypted PDF",
            underlying: message)
    }

    private func wait() {
        guard !reaped, pid > 0 else { return }
        var s: Int32 = 0
        while waitpid(pid, &s, 0) < 0 && errno == EINTR {}
        status = s
        reaped = true
    }

    /// Ends the process if it still runs, reaps it and closes the pipes.
    func stop() {
        if !reaped && pid > 0 {
            kill(pid, SIGKILL)
            wait()
        }
        if output >= 0 { close(output) }
        if errors >= 0 { close(errors) }
        output = -1
        errors = -1
    }
}

/// POSIX `read()` (the name is taken inside `PDFToTextProcess`).
private func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// Documents written to hurt the reader: each fails fast with a clear error, in bounded memory,
/// without touching the network or local files.
@Suite struct HostileDocumentTests {
    @Test func billionLaughsFailsFastInBoundedMemory() async throws {
        let before = peakResidentBytes()
        let start = Date()
        let error = await extractionError(Paths.fixture("billion-laughs.xml"))
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("billion-laughs.xml:") == true)
        // Fails instead of expanding (which would take far longer); loose, for a loaded machine.
        #expect(Date().timeIntervalSince(start) < 60)
        // Expanded, the document would be gigabytes.
        #expect(peakResidentBytes() - before < 256 << 20)
    }

    @Test func externalEntityNeverReadsTheFileItNames() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("secret.txt")
        try "TOP-SECRET-MARKER".write(to: secret, atomically: true, encoding: .utf8)
        let documents = [
            // A general entity in the body.
            """
            <?xml version="1.0"?>
            <!DOCTYPE bulletin [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> ]>
            <bulletin><item name="a" value="1">&xxe;</item></bulletin>
            """,
            // The same in an attribute.
            """
            <?xml version="1.0"?>
            <!DOCTYPE bulletin [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> ]>
            <bulletin><item name="&xxe;" value="1"/></bulletin>
            """,
            // /etc/passwd, the classic.
            """
            <?xml version="1.0"?>
            <!DOCTYPE bulletin [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <bulletin><item name="a" value="1">&xxe;</item></bulletin>
            """,
        ]
        for (i, text) in documents.enumerated() {
            let file = dir.appendingPathComponent("xxe-\(i).xml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let options: [String: OptionValue] = [
                "record": .string("/bulletin/item"), "subject": .string("@name"), "value": .string("@value"),
                "period": .string("=2022"),
            ]
            let error = await extractionError(file.path, options: options)
            #expect(error?.code == .limitExceeded, "document \(i)")
            #expect(error.map { !$0.description.contains("TOP-SECRET") && !$0.description.contains("root:") } ?? false)
        }
        // An external DTD (a parameter entity's home) is not loaded either: the records come
        // through, and nothing from the file does.
        let dtdDoc = dir.appendingPathComponent("external-dtd.xml")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE bulletin SYSTEM "file://\(secret.path)">
        <bulletin><item name="a" value="1"/></bulletin>
        """.write(to: dtdDoc, atomically: true, encoding: .utf8)
        let observations = try await extract(
            dtdDoc.path,
            options: [
                "record": .string("/bulletin/item"), "subject": .string("@name"), "value": .string("@value"),
                "period": .string("=2022"),
            ])
        #expect(observations.count == 1)
        #expect(observations.first?.quantity.value == 1)
    }

    @Test func externalDTDOverHTTPIsNeverFetched() async throws {
        // A listening socket on the loopback: a fetch would complete a TCP handshake with it.
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(server >= 0)
        defer { close(server) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(bound == 0)
        #expect(listen(server, 8) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(server, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        #expect(port != 0)

        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("http-dtd.xml")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE message:StructureSpecificData SYSTEM "http://127.0.0.1:\(port)/evil.dtd">
        <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
          <message:DataSet><Series INDICATOR="GDP"><Obs TIME_PERIOD="2022" OBS_VALUE="3.0"/></Series></message:DataSet>
        </message:StructureSpecificData>
        """.write(to: file, atomically: true, encoding: .utf8)
        let observations = try await extract(file.path)
        #expect(observations.count == 1)

        // No connection is waiting to be accepted.
        let flags = fcntl(server, F_GETFL)
        _ = fcntl(server, F_SETFL, flags | O_NONBLOCK)
        let client = accept(server, nil, nil)
        if client >= 0 { close(client) }
        #expect(client < 0)
    }

    @Test func tenThousandLevelsOfNestingStopAtTheDepthLimit() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("deep.xml")
        let text = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let options: [String: OptionValue] = [
            "record": .string("//item"), "subject": .string("@name"), "value": .string("@value"),
        ]
        let error = await extractionError(file.path, options: options)
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("max-depth") == true)
        // SDMX messages are read with the same limit.
        let sdmx = dir.appendingPathComponent("deep-sdmx.xml")
        try
            (#"<m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><m:DataSet>"#
            + String(repeating: "<Series>", count: 10_000)).write(to: sdmx, atomically: true, encoding: .utf8)
        #expect(await extractionError(sdmx.path)?.code == .limitExceeded)
    }

    @Test func fiftyMegabyteTextNodeIsRefused() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big-text.xml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        handle.write(Data(#"<bulletin year="2022"><item name="a"><value>"#.utf8))
        let chunk = Data(repeating: UInt8(ascii: "7"), count: 1 << 20)
        for _ in 0..<50 { handle.write(chunk) }
        handle.write(Data("</value></item></bulletin>".utf8))
        try handle.close()
        let before = peakResidentBytes()
        let options: [String: OptionValue] = [
            "record": .string("/bulletin/item"), "subject": .string("@name"), "value": .string("value"),
            "period": .string("/bulletin/@year"),
        ]
        let error = await extractionError(file.path, options: options)
        #expect(error?.code == .limitExceeded)
        // libxml2 stops at 10 MB; the whole node would take 50 MB in each of several buffers.
        #expect(peakResidentBytes() - before < 100 << 20)
        // A smaller limit of our own applies to fields first.
        let small = dir.appendingPathComponent("small-text.xml")
        try
            (#"<bulletin year="2022"><item name="a"><value>"# + String(repeating: "7", count: 5000)
            + "</value></item></bulletin>").write(to: small, atomically: true, encoding: .utf8)
        var limited = options
        limited["max-text"] = .number(1000)
        #expect(await extractionError(small.path, options: limited)?.code == .limitExceeded)
    }

    @Test func truncatedFileIsAnErrorWithItsLine() async throws {
        let error = await extractionError(Paths.fixture("truncated.xml"))
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("truncated.xml:9") == true, "\(error?.message ?? "")")
    }

    @Test func wrongEncodingDeclarationIsAnEncodingError() async throws {
        // GBK bytes in a file that declares UTF-8.
        let error = await extractionError(Paths.fixture("wrong-encoding-declaration.xml"))
        #expect(error?.code == .unsupportedEncoding)
        #expect(error?.message.contains("wrong-encoding-declaration.xml:4") == true, "\(error?.message ?? "")")
        // Declared right, the same bytes read.
        let observations = try await extract(Paths.fixture("gbk-declared-gbk.xml"))
        #expect(observations.first?.attributes["TITLE"] == "国内生产总值")
    }

    @Test func unknownDeclaredEncodingIsAnEncodingError() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("unknown-encoding.xml")
        try #"<?xml version="1.0" encoding="x-no-such-charset"?><bulletin/>"#.write(
            to: file, atomically: true, encoding: .utf8)
        let error = await extractionError(file.path)
        #expect(error?.code == .unsupportedEncoding)
    }

    @Test func notXMLAtAllIsMalformed() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("not.xml")
        try "year,value\n2022,3.0\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(await extractionError(file.path)?.code == .malformedInput)
        let empty = dir.appendingPathComponent("empty.xml")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        #expect(await extractionError(empty.path)?.code == .malformedInput)
    }
}

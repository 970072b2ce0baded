import Foundation
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile input that must be stopped by a bound: a YAML alias bomb in a pipeline file and a gzip
/// of billions of empty XML elements. Each checks what the store holds before and after.
@Suite(.serialized) struct InputBoundsFaultTests {
    /// The pipeline of both files up to its source's options: one exec source running tool.sh.
    static let toolPipeline = """
        pipeline: bomb
        sources:
          - id: tool
            adapter: exec
            command: ["sh", "tool.sh"]
            options:
        """

    /// 486 bytes that stand for 9^9 (387 million) list items once every alias is expanded.
    static let aliasBomb = """
        \(toolPipeline)
              a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
              b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
              c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
              e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
              f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
              g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
              h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
              i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    static let goodTool = """
        \(toolPipeline)
              a: &a ["x", "y"]
              b: [*a, *a]

        """

    @Test func aYAMLAliasBombIsRefusedByValidateAndRunWithBoundedMemory() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write(
            "tool.sh",
            """
            echo '{"type":"observation","subject":"粮食产量","kind":"level","value":98.5,"unit":"万吨","period":"2021","text":"x","location":{"line":1}}'
            """)
        // A good run first (small aliases are fine).
        try folder.write("p.yaml", Self.goodTool)
        let good = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let before = try #require(try store.currentRecordCount(pipeline: "bomb", sourceID: "tool"))
        let runsBefore = try store.runs(pipeline: "bomb").count

        try folder.write("p.yaml", Self.aliasBomb)
        #expect(Self.aliasBomb.utf8.count < 632)
        // The same bomb used as a mapping key: building the tree would hash the whole expansion.
        try folder.write("key.yaml", Self.aliasBomb + "      j: { ? *i : 1 }\n")
        for arguments in [
            ["validate", folder.file("p.yaml")], ["validate", folder.file("key.yaml")],
            ["run", folder.file("p.yaml"), "--db", folder.file("db.sqlite")],
        ] {
            let measured = try MeasuredProcess.run(Package.yardstick, arguments, directory: folder.path)
            #expect(measured.status == 2, "\(arguments[0]): \(measured.output)")
            // The message names a line of the repeated anchors.
            #expect((7...16).contains { measured.output.contains(".yaml:\($0):") }, "\(measured.output)")
            #expect(measured.output.contains("aliases"))
            // Expanded in full this takes gigabytes; the bound keeps it near an ordinary start.
            #expect(measured.maxRSSKiB < 300 * 1024, "\(arguments[0]) peaked at \(measured.maxRSSKiB) KiB")
        }
        #expect(try store.runs(pipeline: "bomb").count == runsBefore)
        #expect(try store.currentRecordCount(pipeline: "bomb", sourceID: "tool") == before)
    }

    @Test func aGzipOfBillionsOfEmptyElementsIsStoppedByTheDecompressedLimit() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write(
            "good.xml", "<root><item name=\"粮食产量\" value=\"98.5\" unit=\"万吨\"/></root>\n")
        // 1 + 255 gzip members of 16 MiB of "<a/>" each: 4 GiB (1.07 billion elements) once inflated,
        // about 4 MB on disk. Generated streaming; a gzip reader reads concatenated members as one.
        let script = """
            import sys, zlib
            def member(prefix, size):
                c = zlib.compressobj(9, zlib.DEFLATED, 31)
                out = [c.compress(prefix)]
                chunk = b"<a/>" * (1 << 18)
                for _ in range(size // len(chunk)):
                    out.append(c.compress(chunk))
                out.append(c.flush())
                return b"".join(out)
            first = member(b"<?xml version='1.0'?><root>", 16 << 20)
            rest = member(b"", 16 << 20)
            with open(sys.argv[1], "wb") as f:
                f.write(first)
                for _ in range(255):
                    f.write(rest)
            """
        let made = try runCommand("/usr/bin/env", ["python3", "-c", script, folder.file("bomb.xml.gz")])
        #expect(made.status == 0, "\(made.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: folder.file("bomb.xml.gz"))[.size] as? Int ?? 0
        #expect(size < 64 << 20)

        func write(_ location: String) throws {
            try folder.write(
                "p.yaml",
                """
                pipeline: gzip-bomb
                region: 测试县
                sources:
                  - id: bulletin
                    adapter: xml-bulletin
                    location: \(location)
                    options: { record: /root/item, subject: "@name", value: "@value", unit: "@unit", period: "=2021", max-decompressed-size: 2MiB }
                """)
        }
        try write("good.xml")
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let before = try #require(try store.currentRecordCount(pipeline: "gzip-bomb", sourceID: "bulletin"))
        #expect(before.records == 1)

        try write("bomb.xml.gz")
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.status == 3, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("bulletin: FAILED"))
        #expect(second.stdout.contains("2 MiB"))
        #expect(second.stdout.contains("max-decompressed-size"))
        #expect(try store.currentRecordCount(pipeline: "gzip-bomb", sourceID: "bulletin") == before)
    }
}

/// A process whose own peak RSS is known (`SpawnedProcess`), run under `prlimit` (4 GiB of address
/// space, 120 s of CPU) so that a bound that does not hold ends the process instead of the
/// machine's memory.
enum MeasuredProcess {
    static func run(_ executable: String, _ arguments: [String], directory: String) throws -> SpawnedProcess {
        try SpawnedProcess.run(
            ["/usr/bin/prlimit", "--as=4294967296", "--cpu=120", executable] + arguments, directory: directory)
    }
}

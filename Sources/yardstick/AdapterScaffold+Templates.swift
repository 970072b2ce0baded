// The files `yardstick new-adapter` writes. Each is a working starting point, not a stub: the
// adapter parses its sample, and the tests check real values.

extension AdapterScaffold {
    /// Five figures in the `subject,period,value,unit` format every scaffold reads.
    var sampleFixture: String {
        #"""
        subject,period,value,unit
        一般公共预算收入,2022,12.6,亿元
        粮食总产量,2022,123.5,万吨
        新建5G基站,2022,285,个
        城镇新增就业,2022-01/2022-09,5100,人
        新增造林面积,2022-Q3,1.2,万亩

        """#
    }

    var swiftAdapterSource: String {
        #"""
        #if canImport(Glibc)
            import Glibc
        #elseif canImport(Musl)
            import Musl
        #elseif canImport(Darwin)
            import Darwin
        #endif
        import IndicatorKit

        /// Reads \#(baseName) files: one figure a line, `subject,period,value,unit`.
        ///
        /// A `subject,period,value,unit` header, blank lines and lines starting with `#` are skipped.
        /// To read another format, change `record(from:line:input:)`; keep reading with `read()` so
        /// records reach the sink while the input is still arriving.
        public struct \#(typeName): SourceAdapter {
            public static let descriptor = AdapterDescriptor(
                name: "\#(adapterName)", version: "0.1.0",
                summary: "\#(baseName): one figure a line, subject,period,value,unit",
                options: [
                    .init("kind", "what the figures measure: level, growth, change or share (default level)"),
                    .init("region", "the region of every record (default: the pipeline's region)"),
                ])

            let kind: FigureKind
            let region: String?

            public init(options: AdapterOptions) throws {
                try options.rejectUnknownKeys(for: Self.descriptor)
                let kindText = try options.choice("kind", in: FigureKind.allCases.map(\.rawValue)) ?? FigureKind.level.rawValue
                kind = FigureKind(rawValue: kindText) ?? .level
                region = try options.string("region")
            }

            public func read(_ input: SourceInput, into sink: RecordSink) async throws {
                let fd = open(input.path, O_RDONLY)
                guard fd >= 0 else {
                    throw AdapterError(
                        .unreadableInput, "\(input.origin): cannot open the file; check that it exists and is readable")
                }
                defer { close(fd) }
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                var pending: [UInt8] = []
                var lineNumber = 0
                while true {
                    let count = buffer.withUnsafeMutableBytes { Self.readBytes(fd, $0.baseAddress, $0.count) }
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw AdapterError(.unreadableInput, "\(input.origin): reading failed (errno \(errno))")
                    }
                    if count == 0 { break }
                    pending.append(contentsOf: buffer[..<count])
                    var start = 0
                    while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                        lineNumber += 1
                        try handle(pending[start..<newline], line: lineNumber, input: input, sink: sink)
                        start = newline + 1
                    }
                    pending.removeFirst(start)
                }
                if !pending.isEmpty {
                    try handle(pending[...], line: lineNumber + 1, input: input, sink: sink)
                }
            }

            private static func readBytes(_ fd: Int32, _ into: UnsafeMutableRawPointer?, _ count: Int) -> Int {
                #if canImport(Glibc)
                    Glibc.read(fd, into, count)
                #elseif canImport(Musl)
                    Musl.read(fd, into, count)
                #else
                    Darwin.read(fd, into, count)
                #endif
            }

            private func handle(_ bytes: ArraySlice<UInt8>, line: Int, input: SourceInput, sink: RecordSink) throws {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw AdapterError(
                        .unsupportedEncoding, "\(input.origin):\(line): the line is not UTF-8; convert the file to UTF-8")
                }
                if let record = try record(from: text, line: line, input: input) {
                    try sink.emit(record)
                }
            }

            /// The record on one line, or `nil` for a header, blank or comment line.
            func record(from text: String, line: Int, input: SourceInput) throws -> SourceRecord? {
                let trimmed = Self.trimmed(Substring(text))
                if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.lowercased() == "subject,period,value,unit" {
                    return nil
                }
                let at = "\(input.origin):\(line)"
                let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(Self.trimmed)
                guard fields.count == 4 else {
                    throw AdapterError(
                        .malformedInput, "\(at): expected 4 fields (subject,period,value,unit), found \(fields.count)")
                }
                guard !fields[0].isEmpty else { throw AdapterError(.malformedInput, "\(at): the subject is empty") }
                guard let period = Period(parsing: fields[1]) else {
                    throw AdapterError(
                        .malformedInput,
                        "\(at): '\(fields[1])' is not a period; use 2022, 2022-Q3, 2022-09 or 2022-01/2022-09")
                }
                guard let value = Double(fields[2]), value.isFinite else {
                    throw AdapterError(.malformedInput, "\(at): '\(fields[2])' is not a number")
                }
                guard !fields[3].isEmpty else {
                    throw AdapterError(.malformedInput, "\(at): the unit is empty; write it as in the source (%, 亿元, 个)")
                }
                return .observation(
                    Observation(
                        subject: fields[0], kind: kind, quantity: Quantity(value: value, unit: fields[3]), period: period,
                        region: region ?? input.region, text: trimmed, location: SourceLocation(line: line)))
            }

            private static func trimmed(_ s: Substring) -> String {
                String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            }
        }

        """#
    }

    var swiftTestSource: String {
        #"""
        import Foundation
        import IndicatorKit
        import IndicatorKitTesting
        import Testing
        import \#(typeName)

        @Suite struct \#(typeName)Tests {
            let sample = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
                .appendingPathComponent("sample.csv")

            @Test func passesTheCompatibilityTest() async throws {
                try await AdapterCompatTest(adapter: \#(typeName).self, fixtures: [sample]).run()
            }

            @Test func readsTheSample() async throws {
                let collector = RecordCollector()
                let adapter = try \#(typeName)(options: AdapterOptions(["region": .string("柘城县")]))
                try await adapter.read(SourceInput(path: sample.path), into: collector.sink)
                let records = collector.observations
                #expect(records.count == 5)
                #expect(records.map(\.subject) == ["一般公共预算收入", "粮食总产量", "新建5G基站", "城镇新增就业", "新增造林面积"])
                #expect(records.map(\.quantity.value) == [12.6, 123.5, 285, 5100, 1.2])
                #expect(records.map(\.quantity.unit) == ["亿元", "万吨", "个", "人", "万亩"])
                #expect(records.map(\.period.rawValue) == ["2022", "2022", "2022", "2022-01/2022-09", "2022-Q3"])
                #expect(records[0].location.line == 2)
                #expect(records.allSatisfy { $0.region == "柘城县" && $0.kind == .level })
            }

            @Test func namesTheLineOfABadFigure() async throws {
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("\#(adapterName)-\(UUID().uuidString).csv")
                try Data("subject,period,value,unit\n粮食总产量,2022,lots,万吨\n".utf8).write(to: url)
                defer { try? FileManager.default.removeItem(at: url) }
                do {
                    try await \#(typeName)(options: AdapterOptions()).read(SourceInput(path: url.path), into: RecordCollector().sink)
                    Issue.record("a bad number was accepted")
                } catch let error as AdapterError {
                    #expect(error.code == .malformedInput)
                    #expect(error.message.contains(":2:"))
                    #expect(error.message.contains("lots"))
                }
            }

            @Test func rejectsAnUnknownKind() {
                #expect(throws: AdapterError.self) {
                    try \#(typeName)(options: AdapterOptions(["kind": .string("speed")]))
                }
            }
        }

        """#
    }

    func externalPipeline(command: String) -> String {
        #"""
        # A pipeline that runs the external \#(adapterName) adapter on its sample.
        # Paths are relative to this file: `yardstick run \#("adapters/" + adapterName)/pipeline.yaml`.
        pipeline: \#(adapterName)-sample
        title: \#(baseName) sample through an external adapter
        region: 柘城县
        period: 2022
        sources:
          - id: sample
            adapter: exec
            command: \#(command)
            location: sample.csv
            options: { kind: level }
            timeout: 30

        """#
    }

    var pythonSource: String {
        #"""
        #!/usr/bin/env python3
        """\#(baseName): an external yardstick adapter (record protocol 1), standard library only.

        Reads one figure a line, `subject,period,value,unit`, and writes one record a line.

            python3 \#(adapterName.replacingOccurrences(of: "-", with: "_")).py describe
            python3 \#(adapterName.replacingOccurrences(of: "-", with: "_")).py read --options '{"kind": "level"}' --input sample.csv

        Exit codes: 0 done, 1 bad input, 2 bad options (the key is named on stderr).
        See docs/adapter-protocol.md.
        """
        import argparse
        import json
        import math
        import os
        import re
        import sys

        PROTOCOL = 1
        DESCRIPTOR = {
            "protocol": PROTOCOL,
            "name": "\#(adapterName)",
            "version": "0.1.0",
            "summary": "\#(baseName): one figure a line, subject,period,value,unit",
            "options": [
                {"key": "kind", "help": "what the figures measure: level, growth, change or share (default level)"},
                {"key": "region", "help": "the region of every record (default: none)"},
            ],
        }
        KINDS = ("level", "growth", "change", "share")
        PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|S[12]|(0[1-9]|1[0-2])(-\d{2})?|W\d{2}))?(/\d{4}-(0[1-9]|1[0-2]))?$")


        class BadOptions(Exception):
            pass


        class BadInput(Exception):
            pass


        def log(message):
            print(message, file=sys.stderr, flush=True)


        def parse_options(text):
            try:
                options = json.loads(text or "{}")
            except ValueError as error:
                raise BadOptions("--options is not JSON: %s" % error)
            if not isinstance(options, dict):
                raise BadOptions("--options must be a JSON object")
            known = [o["key"] for o in DESCRIPTOR["options"]]
            for key in sorted(options):
                if key not in known:
                    raise BadOptions("unknown option '%s'; it takes: %s" % (key, ", ".join(known)))
            kind = str(options.get("kind", "level"))
            if kind not in KINDS:
                raise BadOptions("option 'kind' is '%s'; use one of %s" % (kind, ", ".join(KINDS)))
            region = options.get("region")
            return {"kind": kind, "region": None if region is None else str(region)}


        def record(line_number, text, options):
            fields = [f.strip() for f in text.split(",")]
            if len(fields) != 4:
                raise BadInput("line %d: expected 4 fields (subject,period,value,unit), found %d" % (line_number, len(fields)))
            subject, period, value, unit = fields
            if not subject:
                raise BadInput("line %d: the subject is empty" % line_number)
            if not PERIOD.match(period):
                raise BadInput("line %d: '%s' is not a period; use 2022, 2022-Q3, 2022-09 or 2022-01/2022-09" % (line_number, period))
            try:
                number = float(value)
            except ValueError:
                raise BadInput("line %d: '%s' is not a number" % (line_number, value))
            if not math.isfinite(number):
                raise BadInput("line %d: '%s' is not a finite number" % (line_number, value))
            if not unit:
                raise BadInput("line %d: the unit is empty" % line_number)
            # The record JSON of DESIGN.md, keys in its order.
            return {
                "type": "observation",
                "subject": subject,
                "indicator": None,
                "kind": options["kind"],
                "value": int(number) if number.is_integer() and abs(number) < 1e15 else number,
                "unit": unit,
                "period": period,
                "region": options["region"],
                "redacted": False,
                "text": text,
                "location": {"line": line_number},
            }


        def read(path, options):
            with open(path, "r", encoding="utf-8-sig", newline="") as source:
                # Iterating a file reads it incrementally: records go out while input still arrives.
                for line_number, raw in enumerate(source, start=1):
                    text = raw.strip()
                    if not text or text.startswith("#") or text.lower() == "subject,period,value,unit":
                        continue
                    sys.stdout.write(json.dumps(record(line_number, text, options), ensure_ascii=False, separators=(",", ":")))
                    sys.stdout.write("\n")
                    sys.stdout.flush()


        def main(argv):
            parser = argparse.ArgumentParser(description=DESCRIPTOR["summary"])
            commands = parser.add_subparsers(dest="command", required=True)
            commands.add_parser("describe", help="print the adapter's descriptor as JSON")
            reader = commands.add_parser("read", help="read an input and write records as JSON Lines")
            reader.add_argument("--options", default="{}", help="the source's options as a JSON object")
            reader.add_argument("--input", required=True, help="the input file")
            args = parser.parse_args(argv)
            if args.command == "describe":
                print(json.dumps(DESCRIPTOR, ensure_ascii=False), flush=True)
                return 0
            source = os.environ.get("YARDSTICK_SOURCE_ID", "")
            try:
                options = parse_options(args.options)
            except BadOptions as error:
                log("error: %s" % error)
                return 2
            try:
                read(args.input, options)
            except (BadInput, OSError, UnicodeDecodeError) as error:
                log("error: %s%s: %s" % (args.input, " (source %s)" % source if source else "", error))
                return 1
            return 0


        if __name__ == "__main__":
            sys.exit(main(sys.argv[1:]))

        """#
    }

    var swiftExternalPackage: String {
        #"""
        // swift-tools-version: 6.0
        // An external yardstick adapter: a standalone program with no dependencies.
        import PackageDescription

        let package = Package(
            name: "\#(adapterName)-adapter",
            targets: [
                .executableTarget(name: "\#(adapterName)-adapter", path: "Sources")
            ]
        )

        """#
    }

    var swiftExternalMain: String {
        #"""
        // \#(baseName): an external yardstick adapter (record protocol 1) with no dependencies.
        //
        //   \#(adapterName)-adapter describe
        //   \#(adapterName)-adapter read --options '{"kind":"level"}' --input sample.csv
        //
        // Reads one figure a line, `subject,period,value,unit`, and writes one record a line.
        // Exit codes: 0 done, 1 bad input, 2 bad options (the key is named on stderr).
        import Foundation

        let kinds = ["level", "growth", "change", "share"]
        let optionKeys = [
            ("kind", "what the figures measure: level, growth, change or share (default level)"),
            ("region", "the region of every record (default: none)"),
        ]

        func fail(_ message: String, exitCode: Int32) -> Never {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(exitCode)
        }

        func quoted(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }

        func number(_ v: Double) -> String {
            v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        }

        func describe() {
            let options = optionKeys.map { "{\"key\":\(quoted($0.0)),\"help\":\(quoted($0.1))}" }.joined(separator: ",")
            print(
                "{\"protocol\":1,\"name\":\"\#(adapterName)\",\"version\":\"0.1.0\","
                    + "\"summary\":\(quoted("\#(baseName): one figure a line, subject,period,value,unit")),\"options\":[\(options)]}")
        }

        func isPeriod(_ s: String) -> Bool {
            s.range(of: #"^\d{4}(-(Q[1-4]|S[12]|(0[1-9]|1[0-2])(-\d{2})?|W\d{2}))?(/\d{4}-(0[1-9]|1[0-2]))?$"#, options: .regularExpression) != nil
        }

        func read(path: String, kind: String, region: String?) {
            guard let file = fopen(path, "r") else { fail("\(path): cannot open the file", exitCode: 1) }
            defer { fclose(file) }
            var linePointer: UnsafeMutablePointer<CChar>?
            var capacity = 0
            var lineNumber = 0
            // getline reads incrementally: records go out while the input is still arriving.
            while getline(&linePointer, &capacity, file) >= 0 {
                lineNumber += 1
                let text = String(cString: linePointer!).trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || text.hasPrefix("#") || text.lowercased() == "subject,period,value,unit" { continue }
                let f = text.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard f.count == 4 else { fail("\(path):\(lineNumber): expected 4 fields, found \(f.count)", exitCode: 1) }
                guard !f[0].isEmpty else { fail("\(path):\(lineNumber): the subject is empty", exitCode: 1) }
                guard isPeriod(f[1]) else { fail("\(path):\(lineNumber): '\(f[1])' is not a period", exitCode: 1) }
                guard let value = Double(f[2]), value.isFinite else {
                    fail("\(path):\(lineNumber): '\(f[2])' is not a number", exitCode: 1)
                }
                guard !f[3].isEmpty else { fail("\(path):\(lineNumber): the unit is empty", exitCode: 1) }
                let line =
                    "{\"type\":\"observation\",\"subject\":\(quoted(f[0])),\"indicator\":null,\"kind\":\(quoted(kind)),"
                    + "\"value\":\(number(value)),\"unit\":\(quoted(f[3])),\"period\":\(quoted(f[1])),"
                    + "\"region\":\(region.map(quoted) ?? "null"),\"redacted\":false,\"text\":\(quoted(text)),"
                    + "\"location\":{\"line\":\(lineNumber)}}\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            free(linePointer)
        }

        var args = Array(CommandLine.arguments.dropFirst())
        guard let command = args.first else { fail("usage: \#(adapterName)-adapter describe | read --options JSON --input PATH", exitCode: 2) }
        args.removeFirst()
        switch command {
        case "describe":
            describe()
        case "read":
            var optionsText = "{}"
            var input: String?
            while !args.isEmpty {
                let flag = args.removeFirst()
                guard !args.isEmpty else { fail("\(flag) needs a value", exitCode: 2) }
                switch flag {
                case "--options": optionsText = args.removeFirst()
                case "--input": input = args.removeFirst()
                default: fail("unknown argument \(flag)", exitCode: 2)
                }
            }
            guard let input else { fail("read needs --input PATH", exitCode: 2) }
            guard let object = try? JSONSerialization.jsonObject(with: Data(optionsText.utf8)) as? [String: Any] else {
                fail("--options must be a JSON object", exitCode: 2)
            }
            for key in object.keys.sorted() where !optionKeys.contains(where: { $0.0 == key }) {
                fail("unknown option '\(key)'; it takes: kind, region", exitCode: 2)
            }
            let kind = object["kind"].map { "\($0)" } ?? "level"
            guard kinds.contains(kind) else { fail("option 'kind' is '\(kind)'; use one of \(kinds.joined(separator: ", "))", exitCode: 2) }
            read(path: input, kind: kind, region: object["region"].map { "\($0)" })
        default:
            fail("unknown command '\(command)'; use describe or read", exitCode: 2)
        }

        """#
    }
}

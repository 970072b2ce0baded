// yardstick-bench: runs one built-in adapter over input files and reports throughput and peak memory.
//
//   swift run -c release yardstick-bench ADAPTER FILE... [--option KEY=VALUE]... [--repeat N] [--print]
//
// Prints one line per repetition and a summary: bytes read, MB/s, records, records/s and the
// process's peak resident set size (VmHWM), so a benchmark script can put it beside other tools.
// `--print` writes every record as a JSON line to standard output first (the summary goes to
// standard error then), to compare what two builds emit.
import BuiltinAdapters
import Foundation
import IndicatorKit

func peakRSSKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

/// Writes a line of the summary: to standard output, or to standard error under `--print`.
@MainActor func report(_ line: String) {
    if printRecords {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    } else {
        print(line)
    }
}

final class Count: @unchecked Sendable {
    var records = 0
}

var args = Array(CommandLine.arguments.dropFirst())
guard args.count >= 2 else {
    FileHandle.standardError.write(
        Data("usage: yardstick-bench ADAPTER FILE... [--option KEY=VALUE]... [--repeat N] [--print]\n".utf8))
    exit(2)
}
let adapterName = args.removeFirst()
var files: [String] = []
var optionPairs: [String] = []
var repeats = 1
var printRecords = false
while !args.isEmpty {
    let a = args.removeFirst()
    if a == "--option", !args.isEmpty {
        optionPairs.append(args.removeFirst())
    } else if a == "--repeat", !args.isEmpty {
        repeats = Int(args.removeFirst()) ?? 1
    } else if a == "--print" {
        printRecords = true
    } else {
        files.append(a)
    }
}
do {
    let adapter = try builtinAdapters.make(adapterName, options: try AdapterOptions(pairs: optionPairs))
    let bytes = files.reduce(0) { total, f in
        total + ((try? FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? 0)
    }
    var best = Double.infinity
    var records = 0
    for r in 1...repeats {
        let count = Count()
        let sink =
            printRecords
            ? RecordSink { record in
                count.records += 1
                print(record.jsonLine())
            } : RecordSink { _ in count.records += 1 }
        let start = DispatchTime.now().uptimeNanoseconds
        for f in files {
            try await adapter.read(SourceInput(path: f), into: sink)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
        records = count.records
        report(
            String(
                format: "run %d: %.3f s, %.1f MB/s, %d records, %.0f records/s", r, seconds,
                Double(bytes) / 1e6 / seconds, count.records, Double(count.records) / seconds))
    }
    report(
        String(
            format: "%@: %d files, %.1f MB, best %.3f s, %.1f MB/s, %d records, %.0f records/s, peak RSS %.1f MB",
            adapterName, files.count, Double(bytes) / 1e6, best, Double(bytes) / 1e6 / best, records,
            Double(records) / best, Double(peakRSSKiB()) / 1024))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

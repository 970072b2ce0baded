import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// The adapter reads what has arrived: through a FIFO written in two parts, the first record
/// reaches the sink before the second part is written.
@Suite struct StreamingTests {
    final class Signal: @unchecked Sendable {
        let semaphore = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var records = 0
    }

    @Test func firstRecordArrivesBeforeTheRestIsWritten() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("stream.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The first part ends in the middle of a start tag.
        let first = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
              <message:DataSet>
                <Series INDICATOR="GDP" REF_AREA="CN">
                  <Obs TIME_PERIOD="2021" OBS_VALUE="8.1"/>
                  <Obs TIME_PERIOD="2022" OBS_VALUE="3.0"/>
                </Series>
                <Series INDICATOR="CP
            """
        let second = """
            I" REF_AREA="CN"><Obs TIME_PERIOD="2022" OBS_VALUE="2.0"/></Series>
              </message:DataSet>
            </message:StructureSpecificData>
            """
        let signal = Signal()
        let sawRecordFirst = LockedFlag()
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(first.utf8))
            // Wait for a record before writing the rest (give up after 20 s).
            sawRecordFirst.set(signal.semaphore.wait(timeout: .now() + 20) == .success)
            handle.write(Data(second.utf8))
            try? handle.close()
        }
        writer.start()
        let adapter = try XMLBulletinAdapter(options: AdapterOptions())
        let collector = RecordCollector()
        let sink = RecordSink { record in
            try collector.sink.emit(record)
            signal.lock.lock()
            signal.records += 1
            let firstOne = signal.records == 1
            signal.lock.unlock()
            if firstOne { signal.semaphore.signal() }
        }
        try await adapter.read(SourceInput(path: fifo), into: sink)
        #expect(sawRecordFirst.value)
        #expect(collector.observations.map(\.subject) == ["GDP.CN", "GDP.CN", "CPI.CN"])
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    func set(_ v: Bool) {
        lock.lock()
        stored = v
        lock.unlock()
    }
    var value: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

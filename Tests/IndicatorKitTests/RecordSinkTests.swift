import IndicatorKit
import Testing

@Suite struct RecordSinkTests {
    struct Refused: Error {}

    static func observation(_ value: Double) -> Observation {
        Observation(
            subject: "M.USD.EUR.SP00.A", kind: .level, quantity: Quantity(value: value, unit: "USD"),
            period: Period(unchecked: "2024-01"), location: SourceLocation(line: 7, path: "/a/b/Obs"),
            attributes: ["OBS_STATUS": "A", "TITLE": "US dollar/Euro"])
    }

    @Test func lendingHandsOnTheObservationAndKeepsIt() throws {
        let collector = RecordCollector()
        var kept = Self.observation(1.5)
        try collector.sink.emit(lending: &kept)
        #expect(kept == Self.observation(1.5))
        kept.quantity.value = 2.5
        kept.attributes["OBS_STATUS"] = "E"
        try collector.sink.emit(lending: &kept)
        // The records the sink kept do not change with the lent observation.
        var second = Self.observation(2.5)
        second.attributes["OBS_STATUS"] = "E"
        #expect(collector.observations == [Self.observation(1.5), second])
    }

    @Test func lendingKeepsTheObservationWhenTheSinkThrows() {
        let sink = RecordSink { _ in throw Refused() }
        var kept = Self.observation(3)
        #expect(throws: Refused.self) { try sink.emit(lending: &kept) }
        #expect(kept == Self.observation(3))
    }
}

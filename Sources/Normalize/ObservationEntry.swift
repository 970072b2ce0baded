import IndicatorKit

/// A reported figure with where it came from; a derived figure also lists its inputs.
public struct ObservationEntry: Sendable, Hashable {
    public var observation: Observation
    /// Where the figure was read; for a derived figure, a description of the derivation.
    public var provenance: Provenance
    /// For a derived figure, the provenances of its inputs (earlier period first); else empty.
    public var derivedFrom: [Provenance]

    public init(observation: Observation, provenance: Provenance, derivedFrom: [Provenance] = []) {
        self.observation = observation
        self.provenance = provenance
        self.derivedFrom = derivedFrom
    }

    /// True for a figure computed from others rather than read.
    public var isDerived: Bool { !derivedFrom.isEmpty }
}

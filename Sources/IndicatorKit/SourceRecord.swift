/// What an adapter emits: a reported figure or a stated target.
public enum SourceRecord: Sendable, Hashable {
    case observation(Observation)
    case goal(Goal)

    /// `"observation"` or `"goal"`, as in the record JSON.
    public var typeName: String {
        switch self {
        case .observation: "observation"
        case .goal: "goal"
        }
    }

    public var observation: Observation? {
        if case .observation(let o) = self { return o }
        return nil
    }

    public var goal: Goal? {
        if case .goal(let g) = self { return g }
        return nil
    }

    public var subject: String {
        get { field(\.subject, \.subject) }
        set { modify({ $0.subject = newValue }, { $0.subject = newValue }) }
    }

    public var indicator: String? {
        get { field(\.indicator, \.indicator) }
        set { modify({ $0.indicator = newValue }, { $0.indicator = newValue }) }
    }

    public var kind: FigureKind { field(\.kind, \.kind) }

    public var quantity: Quantity { field(\.quantity, \.quantity) }

    public var period: Period { field(\.period, \.period) }

    public var region: String? {
        get { field(\.region, \.region) }
        set { modify({ $0.region = newValue }, { $0.region = newValue }) }
    }

    public var redacted: Bool { field(\.redacted, \.redacted) }

    public var text: String? { field(\.text, \.text) }

    public var location: SourceLocation { field(\.location, \.location) }

    public var attributes: [String: String] { field(\.attributes, \.attributes) }

    /// The field of the observation or of the goal, as `o` or `g` reads it.
    @inline(__always)
    private func field<T>(_ o: (Observation) -> T, _ g: (Goal) -> T) -> T {
        switch self {
        case .observation(let x): o(x)
        case .goal(let x): g(x)
        }
    }

    /// Changes the observation with `o` or the goal with `g` (closures, not key paths: a setter is on
    /// the path of every record normalized, and a closure inlines where a key path may not).
    @inline(__always)
    private mutating func modify(_ o: (inout Observation) -> Void, _ g: (inout Goal) -> Void) {
        switch self {
        case .observation(var x):
            o(&x)
            self = .observation(x)
        case .goal(var x):
            g(&x)
            self = .goal(x)
        }
    }

    /// The goal's comparator; `nil` for observations.
    public var comparator: TargetComparator? { goal?.comparator }
}

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
        set { setField(\.subject, \.subject, newValue) }
    }

    public var indicator: String? {
        get { field(\.indicator, \.indicator) }
        set { setField(\.indicator, \.indicator, newValue) }
    }

    public var kind: FigureKind { field(\.kind, \.kind) }

    public var quantity: Quantity { field(\.quantity, \.quantity) }

    public var period: Period { field(\.period, \.period) }

    public var region: String? {
        get { field(\.region, \.region) }
        set { setField(\.region, \.region, newValue) }
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

    /// Sets the field `o` of the observation or `g` of the goal to `value`.
    @inline(__always)
    private mutating func setField<T>(_ o: WritableKeyPath<Observation, T>, _ g: WritableKeyPath<Goal, T>, _ value: T) {
        switch self {
        case .observation(var x):
            x[keyPath: o] = value
            self = .observation(x)
        case .goal(var x):
            x[keyPath: g] = value
            self = .goal(x)
        }
    }

    /// The goal's comparator; `nil` for observations.
    public var comparator: TargetComparator? { goal?.comparator }
}

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
        get {
            switch self {
            case .observation(let o): o.subject
            case .goal(let g): g.subject
            }
        }
        set {
            switch self {
            case .observation(var o):
                o.subject = newValue
                self = .observation(o)
            case .goal(var g):
                g.subject = newValue
                self = .goal(g)
            }
        }
    }

    public var indicator: String? {
        get {
            switch self {
            case .observation(let o): o.indicator
            case .goal(let g): g.indicator
            }
        }
        set {
            switch self {
            case .observation(var o):
                o.indicator = newValue
                self = .observation(o)
            case .goal(var g):
                g.indicator = newValue
                self = .goal(g)
            }
        }
    }

    public var kind: FigureKind {
        switch self {
        case .observation(let o): o.kind
        case .goal(let g): g.kind
        }
    }

    public var quantity: Quantity {
        switch self {
        case .observation(let o): o.quantity
        case .goal(let g): g.quantity
        }
    }

    public var period: Period {
        switch self {
        case .observation(let o): o.period
        case .goal(let g): g.period
        }
    }

    public var region: String? {
        get {
            switch self {
            case .observation(let o): o.region
            case .goal(let g): g.region
            }
        }
        set {
            switch self {
            case .observation(var o):
                o.region = newValue
                self = .observation(o)
            case .goal(var g):
                g.region = newValue
                self = .goal(g)
            }
        }
    }

    public var redacted: Bool {
        switch self {
        case .observation(let o): o.redacted
        case .goal(let g): g.redacted
        }
    }

    public var text: String? {
        switch self {
        case .observation(let o): o.text
        case .goal(let g): g.text
        }
    }

    public var location: SourceLocation {
        switch self {
        case .observation(let o): o.location
        case .goal(let g): g.location
        }
    }

    public var attributes: [String: String] {
        switch self {
        case .observation(let o): o.attributes
        case .goal(let g): g.attributes
        }
    }

    /// The goal's comparator; `nil` for observations.
    public var comparator: TargetComparator? { goal?.comparator }
}

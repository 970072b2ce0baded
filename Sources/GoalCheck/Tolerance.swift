import IndicatorKit

/// How far from a `~` (左右) target an actual may fall on the worse side and still count as met.
///
/// Growth, share and change tolerances are in percentage points; the level tolerance is a fraction
/// of the target. Defaults: 0.5 pp, 0.5 pp, 0.5 pp and 5 %. A pipeline overrides them with
/// `goals.tolerance`; a goal overrides its own with `GoalEntry.tolerance` or the goal attribute
/// `tolerance`.
public struct Tolerance: Sendable, Hashable {
    /// Percentage points for growth goals.
    public var growth: Double
    /// Percentage points for share goals.
    public var share: Double
    /// Percentage points for change goals.
    public var change: Double
    /// A fraction of the target for level goals (0.05 = 5 %).
    public var level: Double

    public init(growth: Double = 0.5, share: Double = 0.5, change: Double = 0.5, level: Double = 0.05) {
        self.growth = growth
        self.share = share
        self.change = change
        self.level = level
    }

    /// The defaults of DESIGN.md.
    public static let `default` = Tolerance()

    /// These tolerances with the keys of `overrides` (`growth`, `share`, `change`, `level`) replaced;
    /// throws a `GoalCheckError` naming an unknown key or a negative value.
    public func overriding(with overrides: [String: Double]) throws -> Tolerance {
        var t = self
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard value >= 0, value.isFinite else {
                throw GoalCheckError(.invalidTolerance, "tolerance '\(key)' is \(value); give a number of zero or more")
            }
            switch key {
            case "growth": t.growth = value
            case "share": t.share = value
            case "change": t.change = value
            case "level": t.level = value
            default:
                throw GoalCheckError(
                    .invalidTolerance, "unknown tolerance key '\(key)'; use growth, share, change or level")
            }
        }
        return t
    }

    /// The tolerance for a goal of `kind`.
    public func value(for kind: FigureKind) -> Double {
        switch kind {
        case .growth: growth
        case .share: share
        case .change: change
        case .level: level
        }
    }
}

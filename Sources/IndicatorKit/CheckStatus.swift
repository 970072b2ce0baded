/// The verdict on one goal.
///
/// A struct with static members rather than an enum, so statuses can be added without breaking
/// callers that switch over them. It lives in the SDK, below GoalCheck and Storage, so a store
/// reads a stored status back as one of these (`Storage.StoredCode`) and refuses a code it does not
/// know.
public struct CheckStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A full-period actual satisfies the target.
    public static let met = CheckStatus(rawValue: "met")
    /// A full-period actual does not satisfy the target.
    public static let missed = CheckStatus(rawValue: "missed")
    /// Only a partial-period actual exists, and it is on course.
    public static let onTrack = CheckStatus(rawValue: "on_track")
    /// Only a partial-period actual exists, and it falls short.
    public static let behind = CheckStatus(rawValue: "behind")
    /// No actual for that indicator and period.
    public static let noData = CheckStatus(rawValue: "no_data")
    /// The actual (or the target) exists but the source masks the number.
    public static let redacted = CheckStatus(rawValue: "redacted")
    /// Units or kinds that cannot be reconciled.
    public static let incomparable = CheckStatus(rawValue: "incomparable")

    /// Every status, in report order.
    public static let all: [CheckStatus] = [.met, .onTrack, .behind, .missed, .redacted, .incomparable, .noData]

    /// True when the actual satisfies the target (`met` or `on_track`).
    public var isPassing: Bool { self == .met || self == .onTrack }

    public static func < (a: CheckStatus, b: CheckStatus) -> Bool {
        (all.firstIndex(of: a) ?? all.count, a.rawValue) < (all.firstIndex(of: b) ?? all.count, b.rawValue)
    }
}

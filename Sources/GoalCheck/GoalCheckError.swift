import IndicatorKit

/// A goal-check setting or stored check that cannot be used: what is wrong and how to fix it.
public typealias GoalCheckError = MessageError<GoalCheckErrorTag>
/// What makes `GoalCheckError` a type of its own.
public enum GoalCheckErrorTag {}

extension ErrorCode where Domain == GoalCheckError {
    /// A tolerance key or value that is not valid.
    public static var invalidTolerance: Self { Self(rawValue: "invalid-tolerance") }
    /// A stored check (`CheckResult.detailJSON()`) that cannot be read back.
    public static var invalidDetail: Self { Self(rawValue: "invalid-check-detail") }
}

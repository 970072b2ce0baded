import IndicatorKit

/// A goal-check setting or stored check that cannot be used: what is wrong and how to fix it.
public struct GoalCheckError: CodedError {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<GoalCheckError>

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == GoalCheckError {
    /// A tolerance key or value that is not valid.
    public static var invalidTolerance: Self { Self(rawValue: "invalid-tolerance") }
    /// A stored check (`CheckResult.detailJSON()`) that cannot be read back.
    public static var invalidDetail: Self { Self(rawValue: "invalid-check-detail") }
}

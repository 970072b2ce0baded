/// A goal-check setting that cannot be used: what is wrong and how to fix it.
public struct GoalCheckError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A tolerance key or value that is not valid.
        public static let invalidTolerance = Code(rawValue: "invalid-tolerance")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

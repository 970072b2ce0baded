/// When to try again: exponential backoff with jitter, `Retry-After` honoured, bounded by the
/// attempt count and the total retry time of `FetchLimits`.
struct RetryPolicy: Sendable {
    var limits: FetchLimits
    /// The first backoff, in seconds; it doubles per attempt up to `maxDelay`.
    var baseDelay: Double = 0.5
    var maxDelay: Double = 16

    /// True for HTTP statuses worth retrying: 429 and every 5xx.
    static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The wait before attempt `attempt + 1`: `Retry-After` when the server sent one, else
    /// `base · 2^(attempt-1)` with jitter in its upper half.
    func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter, retryAfter >= 0 { return retryAfter }
        let exponential = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    /// Whether another attempt may start after `attempt` attempts, `elapsed` seconds in, waiting `delay`.
    func allowsAnother(after attempt: Int, elapsed: Double, delay: Double) -> Bool {
        attempt < limits.maxAttempts && elapsed + delay <= limits.maxRetryTime
    }
}

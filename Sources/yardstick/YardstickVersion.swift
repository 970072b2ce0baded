/// The version yardstick reports.
enum YardstickVersion {
    static let current = "0.1.0"
}

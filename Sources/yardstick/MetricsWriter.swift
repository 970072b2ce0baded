import Foundation
import Pipeline
import Store

/// Writes Prometheus text-format metrics for node_exporter's textfile collector.
enum MetricsWriter {
    static func write(summary: RunSummary, store: Store, to path: String) throws {
        throw CocoaError(.featureUnsupported)
    }
}

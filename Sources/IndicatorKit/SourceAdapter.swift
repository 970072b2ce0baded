/// A source adapter: reads one input and emits the figures and targets in it as records.
///
/// Adapters are value types built once per source from that source's options. `read` must stream:
/// emit each record as soon as it is read, never collect the whole input first.
///
/// ```swift
/// struct WeatherAdapter: SourceAdapter {
///     static let descriptor = AdapterDescriptor(name: "weather", version: "1.0.0",
///         summary: "Station CSV", options: [.init("station", "the station id to keep")])
///     let station: String?
///     init(options: AdapterOptions) throws {
///         try options.rejectUnknownKeys(for: Self.descriptor)
///         station = try options.string("station")
///     }
///     func read(_ input: SourceInput, into sink: RecordSink) async throws { ... }
/// }
/// ```
public protocol SourceAdapter: Sendable {
    /// Name, version and option keys with their help.
    static var descriptor: AdapterDescriptor { get }
    /// Validates the options, rejecting unknown or bad keys with an `AdapterError` naming the key.
    init(options: AdapterOptions) throws
    /// Reads `input` and emits its records into `sink` as they are read.
    func read(_ input: SourceInput, into sink: RecordSink) async throws
}

/// The adapters a runner can use, by name.
package struct AdapterRegistry: Sendable {
    /// The adapter types, in the order they were listed.
    package private(set) var adapters: [any SourceAdapter.Type]

    package init(_ adapters: [any SourceAdapter.Type]) {
        self.adapters = adapters
    }

    /// The names of all adapters.
    package var names: [String] { adapters.map { $0.descriptor.name } }

    /// The adapter type registered under `name`.
    package func adapter(named name: String) -> (any SourceAdapter.Type)? {
        adapters.first { $0.descriptor.name == name }
    }

    /// Builds the adapter `name` with `options`, or throws naming what is wrong.
    package func make(_ name: String, options: AdapterOptions) throws -> any SourceAdapter {
        guard let type = adapter(named: name) else {
            var message = "unknown adapter '\(name)'"
            if let guess = Spelling.closest(to: name, among: names) { message += " (did you mean '\(guess)'?)" }
            message += "; known adapters: \(names.joined(separator: ", "))"
            throw AdapterError(.invalidOption, message)
        }
        return try type.init(options: options)
    }
}

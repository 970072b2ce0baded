import Foundation
import IndicatorKit

/// What a source's stored data depends on besides its input bytes: the adapter's name and version,
/// its options, the program an `exec` source runs, and the catalog its records were normalized with.
///
/// The runner saves the hash with the source's state; a source is skipped as unchanged only when
/// its input bytes and this hash are both what they were.
struct SourceDependencies: Sendable {
    var adapter: String
    /// The built-in adapter's version; for `exec`, the sha256 of the files its command names.
    var adapterVersion: String
    var options: String
    var command: [String]
    /// `RunEvaluator.normalizationHash` (the catalog's content).
    var normalization: String
    /// The source's own `region` and `period` (records that name none get them), when set.
    var defaults: String?

    init(_ source: SourceConfig, registry: AdapterRegistry, folder: String, normalization: String) {
        adapter = source.adapter
        if source.adapter == "exec" {
            adapterVersion = Self.programHash(source.command, folder: folder)
        } else {
            adapterVersion = registry.adapter(named: source.adapter)?.descriptor.version ?? ""
        }
        options = source.options.jsonText
        command = source.command
        self.normalization = normalization
        if source.region != nil || source.period != nil {
            defaults = "region=\(source.region ?? "")\u{1F}period=\(source.period ?? "")"
        }
    }

    var hash: String {
        // `defaults` joins only when set, so the hash of a source without them is what it always was.
        let parts =
            [adapter, adapterVersion, options, command.joined(separator: "\u{1F}"), normalization]
            + (defaults.map { [$0] } ?? [])
        return SHA256.hex(of: Array(parts.joined(separator: "\n").utf8))
    }

    /// The sha256 of the bytes of every command word that names an existing file (relative to the
    /// pipeline's folder or absolute, up to 64 MB each): an edited script (`tool.py` in
    /// `["python3", "tool.py"]`) or a rebuilt program counts as a new adapter version. Programs
    /// found through PATH (`python3`) are not hashed.
    static func programHash(_ command: [String], folder: String) -> String {
        var bytes: [UInt8] = []
        for word in command where !word.isEmpty {
            let path = word.hasPrefix("/") ? word : (folder as NSString).appendingPathComponent(word)
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                attrs[.type] as? FileAttributeType == .typeRegular,
                let size = attrs[.size] as? Int, size <= 64 << 20,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            bytes += Array(word.utf8) + [0] + Array(SHA256.hex(of: [UInt8](data)).utf8) + [0]
        }
        return bytes.isEmpty ? "" : SHA256.hex(of: bytes)
    }
}

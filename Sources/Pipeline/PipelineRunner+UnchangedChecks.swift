import Foundation
import IndicatorKit
import Storage

/// Unchanged nights: when no source of a pipeline changed since the run whose checks are current,
/// and neither did the pipeline file, the catalog, the report options or the program, that run's
/// checks and reports still hold; the run says so and skips them.
///
/// It is decided from the stored state, not guessed: the checks keep a state row of their own
/// (source id `#checks`, whose `options_hash` is `checksHash` and whose run is the run that checked),
/// and every source's state must point at that run or an earlier one, so the data checked then is
/// the data that is current now.
extension PipelineRunner {
    /// The source id of the checks' own state row (`#` is not allowed in a source id).
    public static let checksStateID = "#checks"

    /// What a pipeline's checks and reports depend on besides its sources' data.
    func checksHash(_ config: PipelineConfig, options: RunOptions, normalization: String) -> String {
        var bytes: [UInt8] = Array((FileManager.default.contents(atPath: config.file) ?? Data()))
        let parts = [
            normalization, options.reportDirectory ?? "", (options.reportFormats ?? []).joined(separator: ","),
            Self.programIdentity,
        ]
        bytes += Array(parts.joined(separator: "\n").utf8)
        return SHA256.hex(of: bytes)
    }

    /// The running program's size and modification time, read once per process: a new build checks
    /// and reports again. The program is `/proc/self/exe` (argv[0] names no file when the program
    /// was found through PATH); the line is "size\nmtime".
    static let programIdentity: String = {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let program = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        return
            "\((program[.size] as? Int) ?? 0)\n\(((program[.modificationDate] as? Date)?.timeIntervalSince1970) ?? 0)"
    }()

    /// The run whose checks still hold, when every source of this run was unchanged; nil otherwise.
    ///
    /// `states` are the states read before the sources ran (nil: read them here); when every source
    /// was unchanged, no source wrote its state since, so they are still what the store holds.
    func runWithCurrentChecks(
        _ config: PipelineConfig, outcomes: [RunSourceRecord], hash: String, options: RunOptions,
        states known: [String: SourceState]? = nil
    ) async -> RunRecord? {
        guard !options.fullRefresh, !outcomes.isEmpty, outcomes.allSatisfy({ $0.status == "unchanged" }) else {
            return nil
        }
        do {
            var states = known
            if states == nil {
                states = try await store.sourceStates(
                    pipeline: config.id, sourceIDs: config.sources.map(\.id) + [Self.checksStateID])
            }
            guard let states, let checks = states[Self.checksStateID], checks.optionsHash == hash else { return nil }
            for source in config.sources {
                guard let state = states[source.id], state.runID <= checks.runID else { return nil }
            }
            guard let checked = try await store.run(id: checks.runID) else { return nil }
            return checked
        } catch {
            logger.warning("could not tell whether the checks of '\(config.id)' still hold, so they run: \(error)")
            return nil
        }
    }

    /// Saves that the checks of `runID` are current for `hash` (after they ran and their reports were written).
    func saveChecksState(_ config: PipelineConfig, runID: Int64, hash: String) async {
        do {
            let writer = try await store.openSource(
                SourceWriteInfo(
                    runID: runID, pipeline: config.id, sourceID: Self.checksStateID, adapter: "checks",
                    origin: config.file, sha256: nil, optionsHash: hash))
            _ = try await writer.commit()
        } catch {
            logger.warning(
                "could not save the state of the checks of '\(config.id)' (the next run checks again): \(error)")
        }
    }

    /// The goal-status counts stored with a run (`{"met":3,"missed":1}`).
    static func statusCounts(_ summary: String?) -> [String: Int] {
        guard let data = summary?.data(using: .utf8),
            let counts = try? JSONDecoder().decode([String: Int].self, from: data)
        else { return [:] }
        return counts
    }
}

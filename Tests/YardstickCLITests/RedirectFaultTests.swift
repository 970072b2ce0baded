import Foundation
import Storage
import TestSupport
import Testing

/// Redirects to the cloud metadata address and to other hosts, run through the yardstick executable
/// inside a network namespace of the test's own (`unshare -n`, only loopback): no packet can leave
/// the machine even while the redirect check is wrong. The servers log every connection they accept,
/// so "refused without a connection attempt" is checked on the listener's side.
@Suite(.serialized, .enabled(if: NetworkNamespace.available, NetworkNamespace.skipReason))
struct RedirectFaultTests {
    @Test func redirectToTheMetadataAddressIsRefusedBeforeAnyConnection() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // Run 1 stores the source's good data.
        let (store, before) = try storeGoodData(folder, extra: "follow-redirects: any")
        #expect(before.records == 2)

        // Run 2: the configured host answers 302 to 169.254.169.254, even with follow-redirects: any.
        let second = try expectRefused(
            folder, location: "http://127.0.0.1:8080/redirect?to=http://169.254.169.254/latest/meta-data/",
            extra: "follow-redirects: any", unseenBy: "metadata", keeping: before, in: store)
        #expect(second.stdout.contains("169.254.169.254"))
        #expect(second.stdout.contains("link-local"))
        #expect(NetworkNamespace.log(folder, "origin").contains { $0.contains("/redirect") })
    }

    @Test func redirectToAnotherHostIsRefusedByDefaultAndTheSecretHeaderNeverLeaves() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let (store, before) = try storeGoodData(folder)

        let refused = try expectRefused(
            folder, location: "http://127.0.0.1:8080/redirect?to=http://127.0.0.2:8081/ok.csv", unseenBy: "other",
            keeping: before, in: store)
        #expect(refused.stdout.contains("refused to follow a redirect to http://127.0.0.2:8081/ok.csv"))
        #expect(refused.stdout.contains("follow-redirects"))
        #expect(refused.stdout.contains("secret-value-42") == false)
        // The header did go to the configured host.
        #expect(NetworkNamespace.log(folder, "origin").contains { $0.contains("secret-value-42") })
    }

    @Test func redirectAllowedToAnotherHostDropsEveryConfiguredHeader() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try writePipeline(
            folder, location: "http://127.0.0.1:8080/redirect?to=http://127.0.0.2:8081/ok.csv",
            extra: "follow-redirects: [127.0.0.2]")
        let run = try runPipeline(folder)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("portal: stored 2 records"))
        let other = NetworkNamespace.log(folder, "other").filter { $0.contains("\"request\"") }
        #expect(other.count == 1)
        #expect(other.allSatisfy { !$0.contains("x-api-key") && !$0.contains("secret-value-42") })
        #expect(other.allSatisfy { !$0.lowercased().contains("authorization") })
        #expect(NetworkNamespace.log(folder, "origin").contains { $0.contains("secret-value-42") })
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecordCount(pipeline: "redirects", sourceID: "portal")?.records == 2)
    }

    /// Runs the pipeline on the configured host's ok.csv (with `extra` in the source), which must
    /// succeed; returns the store and the source's current records.
    func storeGoodData(_ folder: TempFolder, extra: String = "") throws -> (SQLiteStore, CurrentRecords) {
        try writePipeline(folder, location: "http://127.0.0.1:8080/ok.csv", extra: extra)
        let first = try runPipeline(folder)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        return (store, try #require(try store.currentRecordCount(pipeline: "redirects", sourceID: "portal")))
    }

    /// Runs the pipeline redirected to `location` (with `extra` in the source), which must be refused (exit
    /// code 3) with no connection to the listener `target`, keeping the source's records at `before`;
    /// returns what it printed.
    func expectRefused(
        _ folder: TempFolder, location: String, extra: String = "", unseenBy target: String,
        keeping before: CurrentRecords, in store: SQLiteStore
    ) throws -> CommandResult {
        try writePipeline(folder, location: location, extra: extra)
        let run = try runPipeline(folder)
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(NetworkNamespace.log(folder, target).isEmpty, "the \(target) listener saw a connection")
        #expect(try store.currentRecordCount(pipeline: "redirects", sourceID: "portal") == before)
        return run
    }

    /// `yardstick run p.yaml` in the network namespace, into the folder's db.sqlite.
    func runPipeline(_ folder: TempFolder) throws -> CommandResult {
        try NetworkNamespace.run(folder, ["run", "p.yaml", "--db", "db.sqlite", "-q"])
    }

    func writePipeline(_ folder: TempFolder, location: String, extra: String = "") throws {
        try folder.write(
            "p.yaml",
            """
            pipeline: redirects
            region: 测试县
            sources:
              - id: portal
                adapter: open-data
                location: "\(location)"
                options: { format: csv }
                headers: { X-Api-Key: secret-value-42, Authorization: "Bearer secret-value-42" }
                \(extra)
            """)
    }
}

/// Runs the yardstick executable in a network namespace of its own with the test servers beside it
/// (Fixtures/netns_run.sh).
enum NetworkNamespace {
    static let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// True when `unshare -n` works here (root, or user namespaces allowed) and `ip` exists.
    static let available: Bool = {
        guard let unshare else { return false }
        guard let r = try? runCommand(unshare, ["-n", "sh", "-c", "ip link set lo up"]) else { return false }
        return r.status == 0
    }()

    static let skipReason: Comment =
        "needs `unshare -n` (root or unprivileged user namespaces) and iproute2's `ip`, so that redirect tests run where no packet can leave the machine"

    static func run(_ folder: TempFolder, _ arguments: [String]) throws -> CommandResult {
        for name in ["origin", "other", "metadata"] {
            for suffix in ["log", "port"] {
                try? FileManager.default.removeItem(atPath: folder.file("\(name).\(suffix)"))
            }
        }
        let server = (Package.root as NSString).appendingPathComponent("Tests/FetchTests/Fixtures/test_server.py")
        let result = try runCommand(
            unshare!, ["-n", "sh", Fixtures.path("netns_run.sh"), server, folder.path, Package.yardstick] + arguments,
            in: folder.path)
        #expect(result.status != 97, "the network namespace could not be set up: \(result.stderr)")
        return result
    }

    /// The lines a listener logged (connections and requests), empty when it saw nothing.
    static func log(_ folder: TempFolder, _ name: String) -> [String] {
        guard let text = try? String(contentsOfFile: folder.file("\(name).log"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}

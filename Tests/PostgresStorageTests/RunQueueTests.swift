import Foundation
import PostgresStorage
import PostgresStorageTesting
import Storage
import Testing

@Suite(.enabled(if: TestServer.enabled, "YARDSTICK_TEST_PG is not set")) struct RunQueueTests {
    @Test func aScheduledTimeIsQueuedOnceAndAPipelineWaitsInTheQueueOnce() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            let slot = Date(timeIntervalSince1970: 1_764_554_400)
            #expect(try await store.enqueueScheduled(pipeline: "a", slot: slot))
            #expect(try await !store.enqueueScheduled(pipeline: "a", slot: slot))
            #expect(try await !store.enqueue(pipeline: "a"))
            #expect(try await store.enqueue(pipeline: "b"))
            #expect(try await store.queueEntries().map(\.pipeline) == ["a", "b"])
            #expect(try await store.lastScheduledSlot(pipeline: "a") == slot)
            await store.close()
        }
    }

    @Test func claimsThatRaceEachGetADifferentPipelineAndNeverOneTwice() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            let names = (1...20).map { "p\($0)" }
            for n in names { try await store.enqueue(pipeline: n) }
            let logger = TestServer.quietLogger
            let url = db.url
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for w in 0..<4 {
                    group.addTask {
                        let s = try await PostgresStore(url: url, logger: logger)
                        var mine: [String] = []
                        while let c = try await s.claimNext(worker: "w\(w)", pipelines: names, staleAfter: 60) {
                            mine.append(c.pipeline)
                        }
                        await s.close()
                        return mine
                    }
                }
                var all: [String] = []
                for try await part in group { all += part }
                return all
            }
            #expect(claimed.sorted() == names.sorted())
            // A second run of p1 waits while p1 is claimed.
            #expect(try await store.enqueue(pipeline: "p1"))
            #expect(try await store.claimNext(worker: "w9", pipelines: names, staleAfter: 60) == nil)
            await store.close()
        }
    }

    @Test func aClaimWhoseHeartbeatStoppedIsTakenOverAndLogged() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            try await store.enqueue(pipeline: "a")
            let first = try #require(try await store.claimNext(worker: "dead", pipelines: ["a"], staleAfter: 60))
            #expect(try await store.claimNext(worker: "live", pipelines: ["a"], staleAfter: 60) == nil)
            // The dead worker's heartbeat is 2 minutes old.
            _ = try await db.scalars("UPDATE run_queue SET heartbeat_at = heartbeat_at - 120 RETURNING id::text")
            let taken = try #require(try await store.claimNext(worker: "live", pipelines: ["a"], staleAfter: 60))
            #expect(taken.id == first.id)
            #expect(taken.tookOverFrom == "dead")
            #expect(taken.claims == 2)
            #expect(try await !store.heartbeatClaim(first.id, worker: "dead"))
            #expect(try await store.heartbeatClaim(first.id, worker: "live"))
            let events = try await store.queueEvents()
            #expect(events.map(\.event) == ["claimed", "took-over"])
            #expect(events.last?.detail?.contains("took over from dead") == true)
            try await store.finishClaim(taken.id, worker: "live", runID: nil, outcome: "succeeded")
            #expect(try await store.queueEntries().map(\.state) == ["done"])
            await store.close()
        }
    }

    @Test func aReleasedClaimWaitsAgainForAnyWorker() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            try await store.enqueue(pipeline: "a")
            let c = try #require(try await store.claimNext(worker: "w1", pipelines: ["a"], staleAfter: 60))
            try await store.releaseClaim(c.id, worker: "w1", reason: "SIGTERM received")
            #expect(try await store.queueEntries().map(\.state) == ["queued"])
            let again = try #require(try await store.claimNext(worker: "w2", pipelines: ["a"], staleAfter: 60))
            #expect(again.id == c.id)
            await store.close()
        }
    }

    @Test func aWorkerClaimsOnlyInItsPipelineSetWhichIsStoredOnce() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            for n in ["a", "b", "c"] { try await store.enqueue(pipeline: n) }
            let ac = try await store.pipelineSet(["c", "a", "a"])
            #expect(ac.count == 2)
            // The same members name the same set, in any order; it is written once.
            #expect(try await store.pipelineSet(["a", "c"]) == ac)
            let b = try await store.pipelineSet(["b"])
            #expect(b.id != ac.id)
            #expect(try await db.scalars("SELECT COUNT(*)::text FROM pipeline_sets") == ["3"])
            var claimed: [String] = []
            while let c = try await store.claimNext(worker: "w1", in: ac, staleAfter: 60) {
                claimed.append(c.pipeline)
                try await store.finishClaim(c.id, worker: "w1", runID: nil, outcome: "succeeded")
            }
            #expect(claimed.sorted() == ["a", "c"])
            #expect(try await !store.hasOpenRuns(in: ac))
            #expect(try await store.hasOpenRuns(in: b))
            let other = try #require(try await store.claimNext(worker: "w2", in: b, staleAfter: 60))
            #expect(other.pipeline == "b")
            // Claimed, not done: still open; and no second claim of it while it is claimed.
            #expect(try await store.hasOpenRuns(in: b))
            #expect(try await store.enqueue(pipeline: "b"))
            #expect(try await store.claimNext(worker: "w3", in: b, staleAfter: 60) == nil)
            #expect(try await store.claimNext(worker: "w3", in: try await store.pipelineSet([]), staleAfter: 60) == nil)
            await store.close()
        }
    }
}

import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Named migrations, in order; each runs once per database and is recorded in
    /// `yardstick_migrations`. Never edit one that has shipped: add the next.
    static let migrations: [(name: String, sql: [String])] = [
        (
            "v5-pg-store",
            [
                """
                CREATE TABLE runs (
                    id BIGSERIAL PRIMARY KEY,
                    pipeline TEXT NOT NULL,
                    pipeline_file TEXT NOT NULL,
                    started_at DOUBLE PRECISION NOT NULL,
                    finished_at DOUBLE PRECISION,
                    status TEXT NOT NULL,
                    records BIGINT NOT NULL DEFAULT 0,
                    host TEXT NOT NULL,
                    pid BIGINT NOT NULL,
                    full_refresh BOOLEAN NOT NULL DEFAULT FALSE,
                    summary TEXT
                )
                """,
                "CREATE INDEX runs_pipeline ON runs(pipeline, id)",
                """
                CREATE TABLE run_sources (
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    source_id TEXT NOT NULL,
                    adapter TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    status TEXT NOT NULL,
                    records BIGINT NOT NULL DEFAULT 0,
                    observations BIGINT NOT NULL DEFAULT 0,
                    goals BIGINT NOT NULL DEFAULT 0,
                    bytes BIGINT NOT NULL DEFAULT 0,
                    seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
                    sha256 TEXT,
                    error TEXT,
                    position BIGSERIAL,
                    PRIMARY KEY (run_id, source_id)
                )
                """,
                """
                CREATE TABLE fetches (
                    id BIGSERIAL PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    source_id TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    sha256 TEXT,
                    bytes BIGINT NOT NULL DEFAULT 0,
                    status TEXT NOT NULL,
                    http_status BIGINT,
                    media_type TEXT,
                    charset TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    cache_path TEXT,
                    error TEXT,
                    fetched_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX fetches_run ON fetches(run_id)",
                """
                CREATE TABLE source_state (
                    pipeline TEXT NOT NULL,
                    source_id TEXT NOT NULL,
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    origin TEXT NOT NULL,
                    adapter TEXT NOT NULL,
                    options_hash TEXT NOT NULL,
                    sha256 TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    updated_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (pipeline, source_id)
                )
                """,
                """
                CREATE TABLE observations (
                    id BIGSERIAL PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    pipeline TEXT NOT NULL,
                    source_id TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    indicator TEXT,
                    kind TEXT NOT NULL,
                    value DOUBLE PRECISION,
                    upper DOUBLE PRECISION,
                    unit TEXT NOT NULL,
                    period TEXT NOT NULL,
                    region TEXT,
                    redacted BOOLEAN NOT NULL,
                    text TEXT,
                    line BIGINT, col BIGINT, path TEXT, "row" BIGINT, pointer TEXT, page BIGINT, cell BIGINT,
                    attributes TEXT,
                    origin TEXT NOT NULL,
                    sha256 TEXT
                )
                """,
                "CREATE INDEX observations_source ON observations(pipeline, source_id, run_id)",
                "CREATE INDEX observations_indicator ON observations(pipeline, indicator)",
                "CREATE INDEX observations_subject ON observations(pipeline, subject)",
                """
                CREATE TABLE goals (
                    id BIGSERIAL PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    pipeline TEXT NOT NULL,
                    source_id TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    indicator TEXT,
                    kind TEXT NOT NULL,
                    comparator TEXT NOT NULL,
                    value DOUBLE PRECISION,
                    upper DOUBLE PRECISION,
                    unit TEXT NOT NULL,
                    period TEXT NOT NULL,
                    region TEXT,
                    redacted BOOLEAN NOT NULL,
                    text TEXT,
                    line BIGINT, col BIGINT, path TEXT, "row" BIGINT, pointer TEXT, page BIGINT, cell BIGINT,
                    attributes TEXT,
                    origin TEXT NOT NULL,
                    sha256 TEXT
                )
                """,
                "CREATE INDEX goals_source ON goals(pipeline, source_id, run_id)",
                """
                CREATE TABLE checks (
                    id BIGSERIAL PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES runs(id),
                    pipeline TEXT NOT NULL,
                    goal_id BIGINT NOT NULL REFERENCES goals(id),
                    subject TEXT NOT NULL,
                    indicator TEXT,
                    status TEXT NOT NULL,
                    target DOUBLE PRECISION,
                    actual DOUBLE PRECISION,
                    unit TEXT,
                    margin DOUBLE PRECISION,
                    attainment DOUBLE PRECISION,
                    detail TEXT
                )
                """,
                "CREATE INDEX checks_run ON checks(run_id)",
                "CREATE INDEX checks_pipeline ON checks(pipeline, run_id)",
                """
                CREATE TABLE locks (
                    pipeline TEXT PRIMARY KEY,
                    host TEXT NOT NULL,
                    pid BIGINT NOT NULL,
                    run_id BIGINT,
                    started_at DOUBLE PRECISION NOT NULL,
                    heartbeat_at DOUBLE PRECISION NOT NULL,
                    pid_start BIGINT
                )
                """,
            ]
        ),
        (
            "v5-pg-run-queue",
            [
                // One row per requested run. At most one waiting row per pipeline (a second request
                // while one waits is the same run); claimed rows carry the worker and its heartbeat.
                """
                CREATE TABLE run_queue (
                    id BIGSERIAL PRIMARY KEY,
                    pipeline TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    due_at DOUBLE PRECISION NOT NULL,
                    enqueued_at DOUBLE PRECISION NOT NULL,
                    state TEXT NOT NULL DEFAULT 'queued',
                    worker TEXT,
                    claimed_at DOUBLE PRECISION,
                    heartbeat_at DOUBLE PRECISION,
                    claims INTEGER NOT NULL DEFAULT 0,
                    run_id BIGINT,
                    finished_at DOUBLE PRECISION,
                    outcome TEXT
                )
                """,
                "CREATE UNIQUE INDEX run_queue_one_waiting ON run_queue(pipeline) WHERE state = 'queued'",
                "CREATE INDEX run_queue_open ON run_queue(due_at, id) WHERE state IN ('queued', 'claimed')",
                // Each scheduled time of a pipeline is queued once, whichever worker sees it first.
                """
                CREATE TABLE schedule_slots (
                    pipeline TEXT NOT NULL,
                    due_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (pipeline, due_at)
                )
                """,
                // What happened to claims: taken over, released, lost.
                """
                CREATE TABLE queue_events (
                    id BIGSERIAL PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    queue_id BIGINT NOT NULL,
                    pipeline TEXT NOT NULL,
                    worker TEXT NOT NULL,
                    event TEXT NOT NULL,
                    detail TEXT
                )
                """,
            ]
        ),
        (
            "v6-pg-pipeline-sets",
            [
                // The pipelines a worker has files for, stored once under a name made from them (the
                // SHA-256 of the sorted ids), so a claim names the set instead of sending every id.
                // Workers with the same files share a set; a set never changes once written.
                """
                CREATE TABLE pipeline_sets (
                    set_id TEXT NOT NULL,
                    pipeline TEXT NOT NULL,
                    PRIMARY KEY (set_id, pipeline)
                )
                """,
                // A claim asks whether a run of the pipeline is claimed: an index of the claimed rows
                // answers that without reading the waiting ones.
                "CREATE INDEX run_queue_claimed ON run_queue(pipeline) WHERE state = 'claimed'",
            ]
        ),
    ]

    /// The migrations this build registers, in order.
    public static var knownMigrations: [String] { migrations.map(\.name) }

    /// The migrations applied to the database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await withConnection("reading the migrations") { c in
            var names: [String] = []
            let rows = try await c.run(
                "SELECT identifier FROM yardstick_migrations ORDER BY applied_at, identifier", logger: logger)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }

    /// The migrations applied to the database, in order; nil when it has no store yet (no
    /// `yardstick_migrations` table). Changes nothing.
    func migrationsIfAny() async throws -> [String]? {
        let present =
            try await rows(
                "reading the migrations", "SELECT to_regclass('yardstick_migrations')::text AS t"
            ) { try $0("t", as: String?.self) }.first ?? nil
        return present == nil ? nil : try await appliedMigrations()
    }

    /// Throws unless the database has every migration this build knows (without changing it).
    func checkSchema() async throws {
        guard let applied = try await migrationsIfAny() else {
            throw StoreError(
                .notFound,
                "no store in \(server) yet; run a pipeline or a worker on it first (yardstick run PIPELINE.yaml --db \(server)) or pass the --db a run used"
            )
        }
        if let missing = PostgresStore.knownMigrations.first(where: { !applied.contains($0) }) {
            throw StoreError(
                .cannotOpen,
                "\(server): the store lacks migration '\(missing)'; run a pipeline or a worker on it with this version first"
            )
        }
    }

    /// Applies the pending migrations in one transaction, under an advisory lock so workers that
    /// start together do not race.
    func migrate() async throws {
        try await transaction("migrating the database") { c in
            try await c.run("SELECT pg_advisory_xact_lock(7426100)", logger: logger)
            try await c.run(
                """
                CREATE TABLE IF NOT EXISTS yardstick_migrations (
                    identifier TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)
                """, logger: logger)
            var applied = Set<String>()
            for try await name in try await c.run("SELECT identifier FROM yardstick_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            var order = 0.0
            let now = Date().timeIntervalSince1970
            for migration in PostgresStore.migrations where !applied.contains(migration.name) {
                for statement in migration.sql {
                    try await c.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                order += 0.001
                try await c.run(
                    "INSERT INTO yardstick_migrations (identifier, applied_at) VALUES (\(migration.name), \(now + order))",
                    logger: logger)
            }
        }
    }
}

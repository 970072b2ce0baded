import GRDB

extension SQLiteStore {
    /// Named migrations; each runs once per store file.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-runs-sources-records") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        pipeline TEXT NOT NULL,
                        pipeline_file TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        status TEXT NOT NULL,
                        records INTEGER NOT NULL DEFAULT 0,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        full_refresh INTEGER NOT NULL DEFAULT 0,
                        summary TEXT
                    );
                    CREATE INDEX runs_pipeline ON runs(pipeline, id);
                    CREATE TABLE run_sources (
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        source_id TEXT NOT NULL,
                        adapter TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        status TEXT NOT NULL,
                        records INTEGER NOT NULL DEFAULT 0,
                        observations INTEGER NOT NULL DEFAULT 0,
                        goals INTEGER NOT NULL DEFAULT 0,
                        bytes INTEGER NOT NULL DEFAULT 0,
                        seconds REAL NOT NULL DEFAULT 0,
                        sha256 TEXT,
                        error TEXT,
                        PRIMARY KEY (run_id, source_id)
                    );
                    CREATE TABLE fetches (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        source_id TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        sha256 TEXT,
                        bytes INTEGER NOT NULL DEFAULT 0,
                        status TEXT NOT NULL,
                        http_status INTEGER,
                        media_type TEXT,
                        charset TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        cache_path TEXT,
                        error TEXT,
                        fetched_at REAL NOT NULL
                    );
                    CREATE TABLE source_state (
                        pipeline TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        origin TEXT NOT NULL,
                        adapter TEXT NOT NULL,
                        options_hash TEXT NOT NULL,
                        sha256 TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        updated_at REAL NOT NULL,
                        PRIMARY KEY (pipeline, source_id)
                    );
                    \(Self.v1RecordTable("observations", comparator: false))
                    \(Self.v1RecordTable("goals", comparator: true))
                    CREATE TABLE checks (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        pipeline TEXT NOT NULL,
                        goal_id INTEGER NOT NULL REFERENCES goals(id),
                        subject TEXT NOT NULL,
                        indicator TEXT,
                        status TEXT NOT NULL,
                        target REAL,
                        actual REAL,
                        unit TEXT,
                        margin REAL,
                        attainment REAL,
                        detail TEXT
                    );
                    CREATE INDEX checks_run ON checks(run_id);
                    CREATE TABLE locks (
                        pipeline TEXT PRIMARY KEY,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        run_id INTEGER,
                        started_at REAL NOT NULL,
                        heartbeat_at REAL NOT NULL
                    );
                    """)
        }
        m.registerMigration("v2-record-lookups") { db in
            try db.execute(
                sql: """
                    CREATE INDEX observations_indicator ON observations(pipeline, indicator);
                    CREATE INDEX observations_subject ON observations(pipeline, subject);
                    """)
        }
        m.registerMigration("v3-location-page-cell") { db in
            try db.execute(
                sql: """
                    ALTER TABLE observations ADD COLUMN page INTEGER;
                    ALTER TABLE observations ADD COLUMN cell INTEGER;
                    ALTER TABLE goals ADD COLUMN page INTEGER;
                    ALTER TABLE goals ADD COLUMN cell INTEGER;
                    """)
        }
        m.registerMigration("v3-robust-lock-process-start") { db in
            // The holder's start time (clock ticks after boot, /proc/PID/stat field 22) tells a live
            // holder from a process that reused its pid.
            try db.execute(sql: "ALTER TABLE locks ADD COLUMN pid_start INTEGER")
        }
        return m
    }

    /// v1's `observations` and `goals` tables, one figure a row with its place in the source, and
    /// the index that finds a source's rows; a goal adds its comparator after the kind.
    static func v1RecordTable(_ name: String, comparator: Bool) -> String {
        """
        CREATE TABLE \(name) (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            pipeline TEXT NOT NULL,
            source_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            indicator TEXT,
            kind TEXT NOT NULL,\(comparator ? "\n    comparator TEXT NOT NULL," : "")
            value REAL,
            upper REAL,
            unit TEXT NOT NULL,
            period TEXT NOT NULL,
            region TEXT,
            redacted INTEGER NOT NULL,
            text TEXT,
            line INTEGER, col INTEGER, path TEXT, row INTEGER, pointer TEXT,
            attributes TEXT,
            origin TEXT NOT NULL,
            sha256 TEXT
        );
        CREATE INDEX \(name)_source ON \(name)(pipeline, source_id, run_id);
        """
    }
}

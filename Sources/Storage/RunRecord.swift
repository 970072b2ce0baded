import Foundation

/// One run of a pipeline as stored.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var pipeline: String
    public var pipelineFile: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// running, succeeded, partial (some source failed), failed, interrupted.
    public var status: String
    public var records: Int
    public var host: String
    public var pid: Int
    public var fullRefresh: Bool
    /// The goal-status summary as JSON ({"met":3,"missed":1,...}), when checks ran.
    public var summary: String?

    public init(
        id: Int64, pipeline: String, pipelineFile: String, startedAt: Date, finishedAt: Date?, status: String,
        records: Int, host: String, pid: Int, fullRefresh: Bool, summary: String?
    ) {
        self.id = id
        self.pipeline = pipeline
        self.pipelineFile = pipelineFile
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.records = records
        self.host = host
        self.pid = pid
        self.fullRefresh = fullRefresh
        self.summary = summary
    }

    /// Seconds from start to finish, when finished.
    public var duration: Double? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}

/// One source's outcome within a run.
public struct RunSourceRecord: Sendable, Equatable {
    public var sourceID: String
    public var adapter: String
    public var origin: String
    /// stored, unchanged, failed.
    public var status: String
    public var records: Int
    public var observations: Int
    public var goals: Int
    public var bytes: Int
    public var seconds: Double
    public var sha256: String?
    public var error: String?

    public init(
        sourceID: String, adapter: String, origin: String, status: String, records: Int = 0, observations: Int = 0,
        goals: Int = 0, bytes: Int = 0, seconds: Double = 0, sha256: String? = nil, error: String? = nil
    ) {
        self.sourceID = sourceID
        self.adapter = adapter
        self.origin = origin
        self.status = status
        self.records = records
        self.observations = observations
        self.goals = goals
        self.bytes = bytes
        self.seconds = seconds
        self.sha256 = sha256
        self.error = error
    }
}

/// One fetched input as logged.
public struct FetchRecord: Sendable, Equatable {
    public var sourceID: String
    public var origin: String
    public var sha256: String?
    public var bytes: Int
    /// fetched, not-modified, failed.
    public var status: String
    public var httpStatus: Int?
    public var mediaType: String?
    public var charset: String?
    public var etag: String?
    public var lastModified: String?
    public var cachePath: String?
    public var error: String?

    public init(
        sourceID: String, origin: String, sha256: String?, bytes: Int, status: String, httpStatus: Int? = nil,
        mediaType: String? = nil, charset: String? = nil, etag: String? = nil, lastModified: String? = nil,
        cachePath: String? = nil, error: String? = nil
    ) {
        self.sourceID = sourceID
        self.origin = origin
        self.sha256 = sha256
        self.bytes = bytes
        self.status = status
        self.httpStatus = httpStatus
        self.mediaType = mediaType
        self.charset = charset
        self.etag = etag
        self.lastModified = lastModified
        self.cachePath = cachePath
        self.error = error
    }
}

/// One goal check as stored.
public struct StoredCheck: Sendable, Equatable {
    public var goalID: Int64
    public var subject: String
    public var indicator: String?
    public var status: String
    public var target: Double?
    public var actual: Double?
    public var unit: String?
    public var margin: Double?
    public var attainment: Double?

    public init(
        goalID: Int64, subject: String, indicator: String?, status: String, target: Double?, actual: Double?,
        unit: String?, margin: Double?, attainment: Double?
    ) {
        self.goalID = goalID
        self.subject = subject
        self.indicator = indicator
        self.status = status
        self.target = target
        self.actual = actual
        self.unit = unit
        self.margin = margin
        self.attainment = attainment
    }
}

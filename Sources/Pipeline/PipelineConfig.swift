import Fetch
import IndicatorKit

/// A pipeline file, parsed and checked.
public struct PipelineConfig: Sendable {
    /// The pipeline file's absolute path.
    public var file: String
    /// The id: letters, digits and '-'.
    public var id: String
    public var title: String?
    /// The default region of records that name none.
    public var region: String?
    /// The goals' period as written: one period ("2022"), a span of years ("2018..2025") or a
    /// list ("2021, 2022, 2023"); `years` says which years a span or list covers.
    public var period: String?
    /// The years of a panel pipeline (`period: 2018..2025` or `period: [2021, 2022]`), ascending;
    /// nil for a single-period pipeline.
    public var years: [Int]? = nil
    /// The regions a panel pipeline covers (`regions:`); nil when it names none.
    public var regions: [String]? = nil
    /// A cron schedule, with an optional `TZ=Area/City` prefix.
    public var schedule: String?
    public var sources: [SourceConfig]
    public var goals: GoalsConfig
    public var report: ReportConfig
    /// True when the pipeline spans several years or regions: the scorecard then has a section per
    /// year and a view of each indicator across years.
    public var isPanel: Bool { years != nil || (regions?.count ?? 0) > 1 }

    /// The period a source's records default to: the source's own `period`/`year`, else the
    /// pipeline's when it is a single period.
    public func defaultPeriod(of source: SourceConfig) -> String? {
        source.period ?? (years == nil ? period : nil)
    }

    /// Extra catalog files (absolute paths) that add to or override the shipped catalog.
    public var catalogFiles: [String]
    /// `run-timeout`: seconds a run may take before it is stopped as on SIGTERM (nil: 6 hours).
    public var runTimeout: Double? = nil
    /// `stop-grace`: seconds the current source may go on after a stop request (nil: 30).
    public var stopGrace: Double? = nil
}

/// One source of a pipeline.
public struct SourceConfig: Sendable {
    public var id: String
    /// A built-in adapter's name, or `exec` for an external program.
    public var adapter: String
    /// An http(s) or file URL, or an absolute path (relative paths are resolved against the pipeline file).
    public var location: String?
    public var options: AdapterOptions
    /// HTTP headers to send (values may come from `${ENV}` and are never logged).
    public var headers: [String: String]
    /// For `exec`: the program and its leading arguments (relative program paths resolved against the file).
    public var command: [String]
    /// For `exec`: seconds before the program is stopped; for http(s): seconds for the whole transfer.
    public var timeout: Double?
    /// For `exec`: the longest stdout line read (`max-line-bytes`; nil: 16 MiB).
    public var maxLineBytes: Int? = nil
    /// For `exec`: the most stdout bytes read (`max-output-bytes`; nil: 1 GiB).
    public var maxOutputBytes: Int? = nil
    /// For http(s): where redirects may lead (`follow-redirects`; default the same scheme, host and port).
    public var followRedirects: RedirectPolicy = .sameOrigin
    /// The largest input accepted, in bytes (`max-body-size`); nil: the fetch default (200 MiB).
    public var maxBodyBytes: Int64?
    /// What a run does when the source yields no records, or an http(s) body of a media type its
    /// adapter does not read, while its last stored data had some (`on-empty`).
    public var onEmpty: OnEmptyRule = .fail
    /// The region this source is about (`region:`), a default for its records that name none; the
    /// pipeline's `region` when nil.
    public var region: String? = nil
    /// The period this source's records default to (`period:` or `year:`), overriding the
    /// pipeline's; a speech-text source's `year` option still wins inside the adapter.
    public var period: String? = nil
    /// Where the source is declared in the pipeline file.
    public var line: Int
    public var column: Int

    /// True when `location` is an http or https URL.
    public var isRemote: Bool { Self.isRemote(location) }

    /// True when `location` is an http or https URL (the loader asks before the config exists).
    static func isRemote(_ location: String?) -> Bool {
        guard let l = location?.lowercased() else { return false }
        return l.hasPrefix("http://") || l.hasPrefix("https://")
    }
}

/// The `on-empty` rule of a source.
public enum OnEmptyRule: String, Sendable, CaseIterable {
    /// The source fails; its previous data stays current (the default).
    case fail
    /// The source's previous data stays current, with a warning; the run still exits non-zero.
    case keep
    /// The empty result is stored and becomes current.
    case accept
}

/// Which goals count and how close `~` must be.
public struct GoalsConfig: Sendable {
    /// The sources whose goal records are the goals (nil: every goal record).
    public var sources: [String]?
    /// Tolerance overrides by kind: growth, share, change (percentage points), level (a fraction).
    public var tolerance: [String: Double]
}

/// Which reports `run` writes, and where.
public struct ReportConfig: Sendable {
    /// The format names as written (each one ``ReportFormat/init(named:)`` accepts).
    public var formats: [String]
    /// The folder report files go to (absolute), when any file format is asked for.
    public var directory: String?
    /// The labels' language, `zh` or `en`; nil picks it from the title and the goals' subjects.
    public var language: String? = nil

    public static let knownLanguages = ["zh", "en"]
}

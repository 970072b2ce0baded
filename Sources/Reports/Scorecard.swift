import Foundation
import GoalCheck
import IndicatorKit

/// One pipeline's goals with their verdicts, ready to render.
public struct Scorecard: Sendable {
    /// The heading ("柘城县 2022 年主要目标核查").
    public var title: String
    /// The pipeline id.
    public var pipeline: String
    /// The region the goals are for, when one.
    public var region: String?
    /// The goals' period ("2022").
    public var period: String
    /// When the scorecard was made.
    public var generatedAt: Date
    /// The store's run id, when the results come from a stored run.
    public var runID: Int64?
    /// One result per goal.
    public var results: [CheckResult]
    /// Subjects no catalog entry matched, for the user to add.
    public var unmatchedSubjects: [String]
    /// Free notes to print under the table.
    public var notes: [String]
    /// Warnings every format shows prominently: sources that failed, since when, and how old their
    /// figures are (a partial or stale scorecard). Empty when every source was read.
    public var sourceWarnings: [String] = []
    /// The store's row ids of the goals, in the order of `results`, when the goals come from a store.
    public var goalIDs: [Int64] = []
    /// The years of a panel pipeline (`period: 2018..2025`): reports then have a section per year,
    /// the plan goals apart, and a view of each indicator across the years. Nil for one period.
    public var years: [Int]? = nil
    /// The language of the labels (headings, status words, notices).
    public var language: ReportLanguage

    /// `language` nil picks one from the title and the goals' subjects (`ReportLanguage.detect`).
    public init(
        title: String, pipeline: String, region: String? = nil, period: String, generatedAt: Date = Date(),
        runID: Int64? = nil, results: [CheckResult], unmatchedSubjects: [String] = [], notes: [String] = [],
        language: ReportLanguage? = nil
    ) {
        self.title = title
        self.pipeline = pipeline
        self.region = region
        self.period = period
        self.generatedAt = generatedAt
        self.runID = runID
        self.results = results
        self.unmatchedSubjects = unmatchedSubjects
        self.notes = notes
        self.language = language ?? ReportLanguage.detect(title: title, subjects: results.map(\.goal.goal.subject))
    }

    /// The labels in the scorecard's language.
    public var labels: ReportLabels { ReportLabels(language) }
}

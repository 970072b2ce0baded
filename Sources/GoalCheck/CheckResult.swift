import IndicatorKit

/// The verdict on one goal, with both figures and where they came from.
///
/// `target`, `actual`, `margin` and the baseline's value are in `unit`, the goal's unit; the actual
/// is converted exactly from the unit its source wrote.
public struct CheckResult: Sendable, Hashable {
    /// The goal checked, with its provenance.
    public var goal: GoalEntry
    /// The goal's catalog entry, when it has one.
    public var indicator: Indicator?
    public var status: CheckStatus
    /// The unit of `target`, `actual`, `margin` and `expectedToDate`.
    public var unit: String
    /// The target (the low end for a range), or `nil` when masked.
    public var target: Double?
    /// The high end of a range target.
    public var targetUpper: Double?
    /// For a level goal checked against a partial period, the target prorated to the elapsed months.
    public var expectedToDate: Double?
    /// The actual in the goal's unit, or `nil` when there is none or it cannot be converted.
    public var actual: Double?
    /// The actual as its source wrote it (value and unit), when there is one.
    public var actualAsWritten: Quantity?
    /// actual − target (− `expectedToDate` for a prorated level goal).
    public var margin: Double?
    /// actual ÷ target (÷ `expectedToDate` for a prorated level goal); `nil` for a zero target.
    public var attainment: Double?
    /// The figure that decided the status: its provenance and, when derived, its inputs'.
    public var observation: ObservationEntry?
    /// Other figures for the same indicator and period that were not used (a year-end rate when
    /// the annual average decided, say).
    public var alternatives: [ObservationEntry]
    /// The latest figure before the goal's period and the change the target implies.
    public var baseline: Baseline?
    /// For a goal over a plan's span (`2021/2025`), the path so far: required and achieved average
    /// annual growth; nil for an annual goal.
    public var plan: PlanProgress? = nil
    /// One line saying why the status is what it is.
    public var explanation: String
    /// The same line in Chinese, for reports in Chinese; `nil` when none was written (a result read
    /// from an older store), and reports then show `explanation`.
    public var explanationZh: String?

    public init(
        goal: GoalEntry, indicator: Indicator?, status: CheckStatus, unit: String, target: Double?,
        targetUpper: Double? = nil, expectedToDate: Double? = nil, actual: Double? = nil,
        actualAsWritten: Quantity? = nil,
        margin: Double? = nil, attainment: Double? = nil, observation: ObservationEntry? = nil,
        alternatives: [ObservationEntry] = [], baseline: Baseline? = nil, explanation: String,
        explanationZh: String? = nil
    ) {
        self.goal = goal
        self.indicator = indicator
        self.status = status
        self.unit = unit
        self.target = target
        self.targetUpper = targetUpper
        self.expectedToDate = expectedToDate
        self.actual = actual
        self.actualAsWritten = actualAsWritten
        self.margin = margin
        self.attainment = attainment
        self.observation = observation
        self.alternatives = alternatives
        self.baseline = baseline
        self.explanation = explanation
        self.explanationZh = explanationZh
    }

    /// The goal's policy area from the catalog, or "其他" when it has no entry.
    public var area: String { indicator?.area ?? "其他" }

    /// The name to show: the catalog's simplified name, else the subject as written.
    public var displayName: String { indicator?.nameHans ?? goal.goal.subject }
}

/// What a figure measures.
///
/// - `level`: an amount (money, area, mass, a count).
/// - `growth`: percent change on the year before.
/// - `change`: change of a rate, in percentage points.
/// - `share`: a rate or a proportion.
public enum FigureKind: String, Sendable, Hashable, CaseIterable, Codable {
    case level
    case growth
    case change
    case share
}

/// How a goal's target is to be read.
///
/// `=` is a bare figure; `range` means the goal's quantity carries a low end (`value`) and a high
/// end (`upper`).
public enum TargetComparator: String, Sendable, Hashable, CaseIterable, Codable {
    /// 以上 / 不低于 / 至少
    case atLeast = ">="
    /// 突破 / 超过
    case above = ">"
    /// 以内 / 以下 / 不超过 / 控制在
    case atMost = "<="
    /// Strictly below.
    case below = "<"
    /// 左右 / 约
    case about = "~"
    /// A bare figure.
    case equal = "="
    /// 1-2所, 4.5%-5%: `value` is the low end and `upper` the high end.
    case range = "range"
}

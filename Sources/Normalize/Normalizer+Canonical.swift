import IndicatorKit

extension Normalizer {
    /// A normalized record's figure in its indicator's canonical unit (68653 万吨 stays 68653 万吨;
    /// 16.5 亿斤 becomes 82.5 万吨), or `nil` when it has no indicator, no value, or a unit that
    /// does not convert. Growth and change figures keep their own units (%, 百分点).
    public func canonicalQuantity(of record: SourceRecord) -> Quantity? {
        guard let code = record.indicator, let indicator = catalog.indicator(code: code),
            let value = record.quantity.value
        else { return nil }
        switch record.kind {
        case .growth, .change:
            return record.quantity
        case .level, .share:
            guard let v = catalog.units.convert(Units.decimal(value), from: record.quantity.unit, to: indicator.unit)
            else {
                return nil
            }
            return Quantity(
                value: Units.double(v),
                upper: record.quantity.upper.flatMap {
                    catalog.units.convert(Units.decimal($0), from: record.quantity.unit, to: indicator.unit).map(
                        Units.double)
                }, unit: indicator.unit)
        }
    }
}

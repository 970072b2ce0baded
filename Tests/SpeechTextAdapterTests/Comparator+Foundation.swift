import IndicatorKit

/// Foundation also declares a `Comparator`; in these tests the name means the goal comparator.
typealias Comparator = IndicatorKit.Comparator

import IndicatorKit

/// Foundation also declares a `Comparator`; in this module the name means the goal comparator.
typealias Comparator = IndicatorKit.Comparator

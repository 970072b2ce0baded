import IndicatorKit

/// Foundation also declares a `Comparator`, and GRDB a `Record`; in this module the names mean the SDK's.
typealias Comparator = IndicatorKit.Comparator
typealias Record = IndicatorKit.Record

// The IndicatorKitTesting module; see DESIGN.md.

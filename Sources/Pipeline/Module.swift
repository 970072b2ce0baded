// The Pipeline module; see DESIGN.md.

// The Store module; see DESIGN.md.

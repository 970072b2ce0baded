// The Reports module; see DESIGN.md.

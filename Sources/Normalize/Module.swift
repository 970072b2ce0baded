// The Normalize module; see DESIGN.md.

// The Fetch module; see DESIGN.md.

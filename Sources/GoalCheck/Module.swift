// The GoalCheck module; see DESIGN.md.

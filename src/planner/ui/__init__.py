"""The Textual board: a thin shell over planner.core (no rules here, only display and input)."""

"""The story: its steps and their checks, their HTML, the overview's small maps."""

"""Charts: records as plotly figures, and each chart in words and as a table."""

"""What the reader asks for: the filters, the link that holds the view, the search, the filter panel's data."""

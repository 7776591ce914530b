"""What the reader takes away: the view resolved, the briefing file, the PNG, CSV and GeoJSON, the licences."""

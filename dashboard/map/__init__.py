"""The map: geodata and geodesy, mark geometry and styles, the Leaflet glue, the map in words."""

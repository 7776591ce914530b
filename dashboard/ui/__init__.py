"""The only code besides views/ and app.py that imports Streamlit: caches, components, st_* helpers."""

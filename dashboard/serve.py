"""The server: ``streamlit run dashboard/serve.py`` (``make run``, the container, the replicas).

Streamlit's own server (``st.App``, on Starlette and uvicorn) running ``app.py``, with one middleware that puts
the page's first-paint styles, its language and preloads of Streamlit's late chunks in its HTML
(``first_paint.py``). ``streamlit run dashboard/app.py`` still serves the same app, on Streamlit's older server
and without those styles: the page then moves as it loads (README, "Steady as it loads").
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

# `streamlit run dashboard/serve.py` puts dashboard/ on sys.path, not the repo root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.first_paint import FirstPaintStyles, preload_chunks, serve_in_head  # noqa: E402
from dashboard.stale_reruns import StaleReruns  # noqa: E402

STREAMLIT_JS = Path(st.__file__).resolve().parent / "static" / "static" / "js"
serve_in_head()  # the app then leaves them out of its own styles (ui/page.py)
app = st.App("app.py", middleware=[Middleware(FirstPaintStyles, preload=preload_chunks(STREAMLIT_JS)),
                                   Middleware(StaleReruns)])

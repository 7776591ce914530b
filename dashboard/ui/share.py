"""'Share this view': the address bar's link, a copy button, a citation and (on the map page) the downloads."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.load import Corpus
from dashboard.ui.downloads import st_downloads

SHARE_CAPTION = "This link opens exactly this view: filters, selection, layers, and the map's position and zoom."


def st_share(corpus: Corpus, caption: str = SHARE_CAPTION, downloads: bool = True) -> None:
    """'Share this view': the address bar's link (filters, selection, layers, map position, a story's step),
    a copy button and a citation; `caption` says what the link holds on this page. `downloads`: the map
    view's briefing and PNG too (the Story page offers its step's beside the step instead).

    The content is the same for every view (the frame reads the address bar, which the URL sync keeps in
    step), so a filter change re-renders nothing here.
    """
    with st.popover("Share this view", icon=":material/share:",
                    help="A link to this view and a citation" + (", a briefing file (HTML) and a map image (PNG)."
                                                                 if downloads else ".")):
        st.caption(caption)
        st.iframe(_SHARE_BOX.replace("__VERSION__", escape.script_json(corpus.version)),
                  height=200)
        if downloads:
            st.caption("Or take the view with you, for readers without the dashboard:")
            st_downloads()


_SHARE_BOX = """
<style>
body { margin: 0; font: 14px system-ui, sans-serif; color: #262730; }
textarea { width: 100%; box-sizing: border-box; font: 13px ui-monospace, monospace; resize: none;
           border: 1px solid #d5d5d9; border-radius: 6px; padding: 6px; background: #f6f6f8; }
button { font: 14px system-ui; padding: 4px 10px; cursor: pointer; margin: 4px 0 8px; }
#ok { color: #2e7d32; margin-left: 8px; }
.label { color: #555; font-size: 12px; margin: 0 0 2px; }
</style>
<p class="label">Link</p>
<textarea id="link" rows="3" readonly aria-label="Link to this view"></textarea>
<button id="copy">Copy link</button><span id="ok" role="status"></span>
<p class="label">Citation</p>
<textarea id="cite" rows="3" readonly aria-label="Citation of this view"></textarea>
<script>
(function () {
  var version = __VERSION__, link = document.getElementById("link"), cite = document.getElementById("cite");
  function href() { try { return window.parent.location.href; } catch (e) { return ""; } }
  // The reader's calendar day (toISOString would give UTC's: 30 Nov at 20:30 on 29 Nov in Los Angeles).
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function refresh() {
    var h = href();
    if (link.value !== h) {
      link.value = h;
      cite.value = "Central Asia tour dashboard, view of " + today()
        + " (corpus " + version + "). " + h;
    }
  }
  refresh();
  // The address bar changes without this frame reloading (filters, map moves): follow it while open.
  setInterval(refresh, 500);
  document.getElementById("copy").onclick = function () {
    refresh();
    var ok = document.getElementById("ok");
    navigator.clipboard.writeText(link.value).then(function () { ok.textContent = "Copied"; },
      function () { link.select(); ok.textContent = "Press Ctrl+C (or Cmd+C) to copy"; });
  };
})();
</script>
"""

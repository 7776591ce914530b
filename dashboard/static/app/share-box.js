// "Share this view" (dashboard/ui/share.py): the address bar's link, a copy button and a citation, in the
// share box's own frame. Configuration: {"version": the corpus version} in #share-box-config.
(function () {
  var config = JSON.parse(document.getElementById("share-box-config").textContent);
  var version = config.version, link = document.getElementById("link"), cite = document.getElementById("cite");
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

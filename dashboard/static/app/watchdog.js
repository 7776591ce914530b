// The map's watchdog (dashboard/ui/watchdog.py): if Leaflet or the map never arrives (a blocked or missing
// asset), say so instead of a blank box. Configuration: {"delay": ms, "message": what it says, in the page's
// language} in #watchdog-config.
// Said at once when one of the map frame's scripts fails to load (the map is then never drawn: streamlit-folium
// loads them in turn and stops at the first that fails), else after `delay` if there is still no map.
(function () {
  var config = JSON.parse(document.getElementById("watchdog-config").textContent);
  var watched = new WeakSet();

  function mapFrame() {
    return document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  }
  // `cause` ("script": one of the frame's scripts did not load; "timeout": no map after `delay`) is kept on the
  // box, for whoever looks into a report.
  function say(cause) {
    var box = document.getElementById("map-watchdog");
    if (box && box.style.display !== "block") {
      box.setAttribute("data-cause", cause);
      box.textContent = config.message;
      box.style.display = "block";
    }
  }
  function drawn(frame) {
    try { return !!(frame && frame.contentWindow.L && frame.contentWindow.map); } catch (e) { return true; }
  }
  // A script that fails to load fires `error` on its element, which reaches the frame's window in the capture phase.
  // Each document the frame shows is watched once (its window object outlives a navigation; its listeners do not).
  function watch() {
    var frame = mapFrame();
    var win = null, doc = null;
    try { win = frame && frame.contentWindow; doc = win && win.document; } catch (e) { return; }
    if (!doc || watched.has(doc) || drawn(frame)) return;
    watched.add(doc);
    win.addEventListener("error", function (event) {
      if (event.target && event.target.tagName === "SCRIPT") say("script");
    }, true);
  }
  var polling = setInterval(function () {
    if (drawn(mapFrame())) { clearInterval(polling); return; }
    watch();
  }, 100);
  setTimeout(function () {
    clearInterval(polling);
    if (!drawn(mapFrame())) say("timeout");
  }, config.delay);
})();

// The map's watchdog (dashboard/ui/watchdog.py): if Leaflet or the map never arrives (a blocked or missing
// asset), say so instead of a blank box. Configuration: {"delay": ms} in #watchdog-config.
(function () {
  var config = JSON.parse(document.getElementById("watchdog-config").textContent);
  setTimeout(function () {
    var box = document.getElementById("map-watchdog");
    var frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    var ok = false;
    try { ok = !!(frame && frame.contentWindow.L && frame.contentWindow.map); } catch (e) { ok = true; }
    if (!ok && box) {
      box.textContent = "The map could not be drawn: its scripts did not load. The filters, evidence, charts "
        + "and articles still work. Reload the page; if it persists, the server's map assets are missing "
        + "(pip install --require-hashes -r requirements.txt).";
      box.style.display = "block";
    }
  }, config.delay);
})();

// The map's watchdog (dashboard/ui/watchdog.py): if Leaflet or the map never arrives (a blocked or missing
// asset), say so instead of a blank box. Configuration: {"delay": ms, "message": what it says, in the page's
// language} in #watchdog-config.
(function () {
  var config = JSON.parse(document.getElementById("watchdog-config").textContent);
  setTimeout(function () {
    var box = document.getElementById("map-watchdog");
    var frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    var ok = false;
    try { ok = !!(frame && frame.contentWindow.L && frame.contentWindow.map); } catch (e) { ok = true; }
    if (!ok && box) {
      box.textContent = config.message;
      box.style.display = "block";
    }
  }, config.delay);
})();

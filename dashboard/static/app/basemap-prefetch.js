// Start fetching the country polygons (and the map's stylesheets) while Leaflet is still loading: streamlit-folium
// loads its scripts one after another and runs the map script last, which would only then ask for them.
// The map script (static/app/map-basemap.js) takes this promise if it is there.
(function () {
  var script = document.currentScript;
  var url = script && new URL(script.src).searchParams.get("geojson");
  if (!url) { return; }
  window.__basemapData = fetch(url).then(function (r) {
    if (!r.ok) { throw new Error("HTTP " + r.status); }
    return r.json();
  });
  // Handled by the map script; this only keeps an early failure from being reported twice.
  window.__basemapData.catch(function () {});
  // The map's stylesheets (Leaflet's, its plugins'), asked for now too: streamlit-folium links them only once its
  // scripts have run, and on a slow link the map was drawn without them, then moved whole as they came (a fresh
  // reviewer: 1.0 of layout shift in the map's frame at 400 ms and 200 kB/s, every load). Its own links find them
  // loaded.
  new URL(script.src).searchParams.getAll("css").forEach(function (href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  });
})();

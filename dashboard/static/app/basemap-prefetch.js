// Start fetching the country polygons while Leaflet is still loading: streamlit-folium loads its
// scripts one after another and runs the map script last, which would only then ask for them.
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
})();

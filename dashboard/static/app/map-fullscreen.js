// A full-screen control (issue 28): the map alone on the screen, at the same centre and zoom, and back. The plugin
// is leaflet.fullscreen (dashboard/map/assets.py pins and checks it); it uses the browser's Fullscreen API, or,
// where a host page's frame does not allow it, fills the frame. Esc, or the button again, leaves.
window.__mapFullscreen = function (map) {
  "use strict";
  if (!L.Control.FullScreen) {
    console.error("map: the full-screen plugin is missing; the map has no full-screen button");
    return;
  }
  // Its own button under the zoom buttons (not inside Leaflet's zoom bar, which the plugin would reach into).
  var control = new L.Control.FullScreen({
    position: "topleft", forceSeparateButton: true,
    title: "Full screen: the map alone (Esc leaves)", titleCancel: "Leave full screen"
  });
  map.addControl(control);
  var button = control.getContainer().querySelector("a");
  button.setAttribute("aria-pressed", "false");
  // A link with the role of a button: Space presses it too, as it would a button (Enter already clicks a link).
  button.addEventListener("keydown", function (e) {
    if (e.key === " " || e.key === "Spacebar") {
      e.preventDefault();
      button.click();
    }
  });

  // The view the reader had is the one they get, in full screen and back. Leaflet keeps the centre when the size
  // changes, but only to the pixel, so each switch would creep; the view from before the switch is set again.
  var before = null;
  function remember() {
    if (!before) { before = {center: map.getCenter(), zoom: map.getZoom()}; }
  }
  button.addEventListener("click", remember, true);                  // before the plugin's own handler
  // Leaving by the browser (Esc, its own button): the page hears of it before Leaflet has the new size.
  document.addEventListener("fullscreenchange", remember, true);
  document.addEventListener("webkitfullscreenchange", remember, true);
  // The frame takes its new size a frame or two after the switch (and Leaflet hears of it then): the view is set
  // again each time the size changes until the switch has settled.
  function restore() {
    // reset: a pan of less than a pixel is no pan to Leaflet, and that is all the drift is.
    if (before && (!map.getCenter().equals(before.center) || map.getZoom() !== before.zoom)) {
      map.setView(before.center, before.zoom, {reset: true});
    }
  }
  map.on("resize", restore);
  map.on("enterFullscreen exitFullscreen", function (e) {
    restore();
    if (window.__layout) { window.__layout(); }  // the marks' labels, for the new size
    setTimeout(function () {
      restore();
      before = null;
      // Settled: what the page's tests wait for.
      map.getContainer().setAttribute("data-fullscreen", e.type === "enterFullscreen" ? "on" : "off");
    }, 500);
  });
  // Where the frame may not go full screen the plugin fills the frame instead, and the browser's Esc does not
  // apply: Esc leaves it here, unless it is closing a popup first.
  document.addEventListener("keydown", function (e) {
    var filled = map.getContainer().classList.contains("leaflet-pseudo-fullscreen");
    if (e.key === "Escape" && filled && !map.getPane("popupPane").hasChildNodes()) {
      remember();
      control.toggleFullScreen();
    }
  });
};

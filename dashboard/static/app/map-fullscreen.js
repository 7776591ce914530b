// A full-screen control (issue 28): the map alone on the screen, at the same centre and zoom, and back. The plugin
// is leaflet.fullscreen (dashboard/map/assets.py pins and checks it); it uses the browser's Fullscreen API. Where a
// host page's frame does not allow that, the map fills the page it is in (the dashboard, or the host's frame around
// it) instead. Esc, or the button again, leaves.
window.__mapFullscreen = function (map) {
  "use strict";
  if (!L.Control.FullScreen) {
    console.error("map: the full-screen plugin is missing; the map has no full-screen button");
    return;
  }
  var NAME = window.__mapWord("fullscreen");
  // Top right, above the legend: the top left holds the zoom buttons, the grouping's control and, on a short map,
  // the badge of a stop off the map, which needs the room.
  var control = new L.Control.FullScreen({
    position: "topright", forceSeparateButton: true, title: NAME, titleCancel: window.__mapWord("fullscreenLeave")
  });
  map.addControl(control);
  var button = control.getContainer().querySelector("a");
  button.setAttribute("aria-pressed", "false");
  // A toggle button keeps its name; aria-pressed says the state (the tooltip may say what a press does).
  function named() { button.setAttribute("aria-label", NAME); }
  named();
  // A link with the role of a button: Space presses it too, as it would a button (Enter already clicks a link).
  button.addEventListener("keydown", function (e) {
    if (e.key === " " || e.key === "Spacebar") {
      e.preventDefault();
      button.click();
    }
  });

  // One switch at a time: a double click would start the second before the first has ended (the browser's
  // full screen is asked for and given asynchronously), and end where it began or not, by timing.
  var switching = null;
  var before = null;
  function remember() {
    if (!before) { before = {center: map.getCenter(), zoom: map.getZoom()}; }
  }
  button.addEventListener("click", function (e) {
    if (switching) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
    switching = setTimeout(function () { switching = null; }, 2000);  // a refused request ends it too
    remember();
  }, true);                                                          // before the plugin's own handler
  // Leaving by the browser (Esc, its own button): the page hears of it before Leaflet has the new size.
  document.addEventListener("fullscreenchange", remember, true);
  document.addEventListener("webkitfullscreenchange", remember, true);

  // Without the browser's full screen (a host's frame without allow="fullscreen"), the map's frame is laid over
  // the page it is in: the plugin alone would fill only the map's own frame, which is the map's size already.
  var frameStyle = null;
  function fillPage(on) {
    try {
      var frame = window.frameElement;
      if (!frame) { return; }
      if (on && frameStyle === null) {
        frameStyle = frame.getAttribute("style") || "";
        frame.style.cssText = frameStyle + ";position:fixed;inset:0;width:100vw;height:100vh;max-width:none;" +
          "z-index:1000010";
      } else if (!on && frameStyle !== null) {
        frame.setAttribute("style", frameStyle);
        frameStyle = null;
      }
    } catch (e) { /* a cross-origin page around the map: the plugin's own fill is all there is */ }
  }

  // The view the reader had is the one they get, in full screen and back. Leaflet keeps the centre when the size
  // changes, but only to the pixel, so each switch would creep; the view from before the switch is set again.
  // The frame takes its new size a frame or two after the switch (and Leaflet hears of it then): the view is set
  // again each time the size changes until the switch has settled.
  function restore() {
    // reset: a pan of less than a pixel is no pan to Leaflet, and that is all the drift is.
    if (before && (!map.getCenter().equals(before.center) || map.getZoom() !== before.zoom)) {
      map.setView(before.center, before.zoom, {reset: true});
    }
  }
  var popup = null;
  map.on("popupopen", function (e) { popup = e.popup; });
  map.on("popupclose", function (e) { if (popup === e.popup) { popup = null; } });
  map.on("resize", restore);
  map.on("enterFullscreen exitFullscreen", function (e) {
    var on = e.type === "enterFullscreen";
    named();
    if (map.getContainer().classList.contains("leaflet-pseudo-fullscreen") || (!on && frameStyle !== null)) {
      fillPage(on);
      map.invalidateSize({pan: false});
    }
    // Nothing to scroll in full screen: the wheel and one finger move the map, as on any full-screen map; back in
    // the page they scroll it again (map-gestures.js).
    if (map.gestureHandling) {
      if (on) {
        map.gestureHandling.disable();
        map.dragging.enable();
        map.scrollWheelZoom.enable();
      } else {
        map.scrollWheelZoom.disable();
        map.gestureHandling.enable();
      }
    }
    restore();
    if (window.__layout) { window.__layout(); }  // the marks' labels, for the new size
    setTimeout(function () {
      restore();
      before = null;
      // A popup open across the switch is opened again: placed whole and clear of the controls for the new size.
      if (popup && map.hasLayer(popup)) {
        var open = popup;
        map.closePopup(open);
        map.openPopup(open);
      }
      clearTimeout(switching);
      switching = null;
      // Settled: what the page's tests wait for.
      map.getContainer().setAttribute("data-fullscreen", on ? "on" : "off");
    }, 500);
  });
  // Where the map fills the page instead, the browser's Esc does not apply: Esc leaves here, unless it is closing
  // a popup first.
  document.addEventListener("keydown", function (e) {
    var filled = map.getContainer().classList.contains("leaflet-pseudo-fullscreen");
    if (e.key === "Escape" && filled && !popup && !switching) {
      remember();
      control.toggleFullScreen();
    }
  }, true);  // before Leaflet's own Esc, which closes the popup: that Esc is the popup's alone
};

// The page scrolls over the map (issue 24): a wheel or one finger scrolls the page as anywhere else; the map
// zooms with Ctrl (⌘ on a Mac) and the wheel, and moves with two fingers, and says so when a reader tries
// otherwise. The plugin is leaflet-gesture-handling (dashboard/map/assets.py pins and checks it); the keyboard and
// the zoom buttons work as before.
window.__mapGestures = function (map) {
  "use strict";
  if (!map.gestureHandling) {
    console.error("map: the gesture-handling plugin is missing; the map takes the wheel and a finger's drag");
    return;
  }
  // The page's own words, in the page's language whatever the browser's (the plugin would pick its own
  // translation): dashboard/map/leaflet.py map_words.
  L.setOptions(map, {gestureHandlingOptions: {duration: 1500, text: {
    touch: window.__mapWord("gestureTouch"),
    scroll: window.__mapWord("gestureScroll"),
    scrollMac: window.__mapWord("gestureScrollMac")
  }}});
  map.gestureHandling.enable();
  // A mouse drags the map: the plugin allows it when Leaflet says the mouse is over the map, which it never says
  // when the mouse comes in over a country (every part of the map is one), so the map never moved under a mouse.
  // The container's own pointerenter is told either way; a finger's is not taken for a mouse.
  var box = map.getContainer();
  box.addEventListener("pointerenter", function (e) {
    if (e.pointerType === "mouse" && map.gestureHandling.enabled()) { map.dragging.enable(); }
  });
  box.addEventListener("pointerleave", function (e) {
    if (e.pointerType === "mouse" && map.gestureHandling.enabled() && !(map.dragging.moving && map.dragging.moving())) {
      map.dragging.disable();
    }
  });
  // Ctrl (⌘) and the wheel zoom from the first turn: the plugin switches the wheel's zoom back on while that
  // turn is handled, too late for Leaflet's handler to have it. Switched on before (this listens first).
  map.getContainer().addEventListener("wheel", function (e) {
    if ((e.ctrlKey || e.metaKey) && !map.scrollWheelZoom.enabled()) { map.scrollWheelZoom.enable(); }
  }, {capture: true, passive: true});
};

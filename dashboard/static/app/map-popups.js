// What the map opens lies whole inside the map (issue 24): a popup is narrowed to the room there is and the map
// panned until it fits clear of the map's controls (zoom, legend, scale, credit); a tooltip takes the side of
// its mark where it fits; a badge it would lie under (the mark for the route's start, off the map) steps back
// while it is open. Public Leaflet API only (options set on open, update(), getElement(), panBy).
// Sets window.__clearOfControls, which the map's script also pans a focused mark with.
window.__mapPopups = function (map) {
  "use strict";
  var GAP = 8;                // between what opens and the map's edge or a control
  var POPUP_WIDTH = 320;      // the widest a popup's text is on a wide map
  var POPUP_CHROME = [46, 48]; // a popup's frame around its text (Leaflet's margins, its tip), in pixels
  var DIRECTIONS = ["right", "left", "bottom", "top"];

  // Popups are panned into view here, not by Leaflet's autoPan (which knows nothing of the controls).
  L.Popup.mergeOptions({autoPan: false});

  function container() { return map.getContainer().getBoundingClientRect(); }

  // The map's margins that its controls cover, top and bottom, with `edge` pixels beyond them, each capped at
  // a share of the map's height (on a small map a mark must still fit): [[left, top], [right, bottom]].
  function clearOfControls(edge, cap) {
    var box = container(), top = edge, bottom = edge;
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (!r.width || !r.height) { return; }
      if (r.top - box.top < box.height / 2) { top = Math.max(top, r.bottom - box.top + edge); }
      else { bottom = Math.max(bottom, box.bottom - r.top + edge); }
    });
    var pad = [[edge, Math.min(top, box.height * cap)], [edge, Math.min(bottom, box.height * cap)]];
    pad.capped = top > box.height * cap || bottom > box.height * cap;  // the controls reach into what is left
    return pad;
  }
  // 28: half a marker and its focus ring, beyond a control's edge; a third of the map at most each way.
  window.__clearOfControls = function () { return clearOfControls(28, 1 / 3); };

  // Where an opened thing may lie, in the page's coordinates.
  function room() {
    var box = container(), pad = clearOfControls(GAP, 0.4);
    return {left: box.left + pad[0][0], top: box.top + pad[0][1], right: box.right - pad[1][0],
            bottom: box.bottom - pad[1][1], capped: pad.capped};
  }
  function union(els) {
    var out = null;
    els.forEach(function (el) {
      if (!el) { return; }
      var r = el.getBoundingClientRect();
      if (!r.width && !r.height) { return; }
      out = out ? {left: Math.min(out.left, r.left), top: Math.min(out.top, r.top),
                   right: Math.max(out.right, r.right), bottom: Math.max(out.bottom, r.bottom)} :
                  {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    });
    return out;
  }
  function popupBox(popup) {
    var el = popup.getElement();
    return el && union([el.querySelector(".leaflet-popup-content-wrapper"), el.querySelector(".leaflet-popup-tip-container")]);
  }
  function overflow(r, area) {
    return Math.max(0, area.left - r.left) + Math.max(0, r.right - area.right) +
           Math.max(0, area.top - r.top) + Math.max(0, r.bottom - area.bottom);
  }
  function shift(r, area) {
    // How far the map must move for r to lie inside area (toward its top-left if it cannot fit).
    function one(lo, hi, min, max) {
      if (lo < min) { return lo - min; }
      if (hi > max) { return Math.min(hi - max, lo - min); }
      return 0;
    }
    return [one(r.left, r.right, area.left, area.right), one(r.top, r.bottom, area.top, area.bottom)];
  }

  // A map too short for a popup clear of its controls (a frame 200 to 300 px tall: its controls take most of the
  // height, and the popup ran under them and past the map's foot, or the scale lay on its words): while the popup
  // is open it has the whole map, and the controls step back (map-popups.css), out of sight and out of the Tab
  // order; they return as it closes.
  var SHORT = 140;  // px: the room's height under which it does, as it does where the controls reach into the room
  function fitPopup(popup) {
    var area = room(), box = container();
    var over = area.capped || area.bottom - area.top < SHORT;
    map.getContainer().classList.toggle("popup-over-controls", over);
    if (over) { area = {left: box.left + GAP, top: box.top + GAP, right: box.right - GAP, bottom: box.bottom - GAP}; }
    var width = area.right - area.left, height = area.bottom - area.top;
    L.setOptions(popup, {maxWidth: Math.max(120, Math.min(POPUP_WIDTH, width - POPUP_CHROME[0])), maxHeight: null});
    popup.update();
    var r = popupBox(popup);
    if (r && r.bottom - r.top > height) {
      // Taller than the room: its text scrolls, and the scrolled box takes focus (a keyboard scrolls it too).
      L.setOptions(popup, {maxHeight: Math.max(80, height - POPUP_CHROME[1])});
      popup.update();
      var content = popup.getElement().querySelector(".leaflet-popup-content");
      content.setAttribute("tabindex", "0");
      content.setAttribute("role", "region");
      content.setAttribute("aria-label", window.__mapWord("popupScrolls"));
      r = popupBox(popup);
    }
    if (!r) { return; }
    var by = shift(r, area);
    // A pan still gliding (a drag's inertia) would carry the map on past this one.
    if (by[0] || by[1]) { map.stop(); map.panBy(by, {animate: false}); }
  }

  function fitTooltip(tip) {
    var el = tip.getElement();
    if (!el || !tip.isOpen()) { return; }
    if (!("__direction" in tip)) { tip.__direction = tip.options.direction; }
    el.style.translate = "";
    var area = room(), tried = [tip.__direction].concat(DIRECTIONS), best = null;
    for (var i = 0; i < tried.length; i++) {
      if (tip.options.direction !== tried[i]) { L.setOptions(tip, {direction: tried[i]}); tip.update(); }
      var r = el.getBoundingClientRect();
      if (overflow(r, area) === 0) { return; }
      // What cannot be moved in without covering the mark: above or below it, how far it runs out at the top
      // or bottom (it may slide sideways); beside it, how far it runs out at the sides.
      var beside = tried[i] === "left" || tried[i] === "right";
      var stuck = beside ? overflow({left: r.left, right: r.right, top: area.top, bottom: area.top}, area) :
        overflow({left: area.left, right: area.left, top: r.top, bottom: r.bottom}, area);
      if (tried[i] !== "auto" && (!best || stuck < best[1])) { best = [tried[i], stuck]; }
    }
    // No side has room for all of it: the side where it covers its mark least, slid in along the map's edge.
    L.setOptions(tip, {direction: best[0]});
    tip.update();
    var by = shift(el.getBoundingClientRect(), area);
    el.style.translate = (-by[0]) + "px " + (-by[1]) + "px";
  }

  // A badge (a control of our own drawn over the map, such as the edge mark) under an open popup or tooltip steps
  // back while it is open, so that nothing lies on what the reader opened.
  function uncover() {
    var opened = [];
    map.getContainer().querySelectorAll(".leaflet-popup, .leaflet-tooltip").forEach(function (el) {
      if (el.style.opacity === "0") { return; }  // closed, fading out
      var r = el.classList.contains("leaflet-popup") ? union([el.querySelector(".leaflet-popup-content-wrapper")]) :
        el.getBoundingClientRect();
      if (r) { opened.push(r); }
    });
    map.getContainer().querySelectorAll(".edge-mark").forEach(function (badge) {
      badge.classList.remove("under-opened");
      var b = badge.getBoundingClientRect();
      badge.classList.toggle("under-opened", opened.some(function (r) {
        return b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom;
      }));
    });
  }
  function openTooltips(fn) {
    map.eachLayer(function (l) {
      var tip = l.getTooltip && l.getTooltip();
      if (tip && tip.isOpen()) { fn(tip); }
    });
  }

  // A focused mark is panned into view after its tooltip opened, by Leaflet (animated) and by the map's script;
  // Leaflet places the tooltip again as the map moves: it is fitted again once the map has come to rest.
  // window.__fitPending says a refit is still to come (the page's tests wait on it, not on a guess of its delay).
  var refit = null;
  function refitSoon() {
    clearTimeout(refit);
    window.__fitPending = true;
    refit = setTimeout(function () { openTooltips(fitTooltip); uncover(); window.__fitPending = false; }, 60);
  }
  map.on("move moveend zoomend viewreset popupclose tooltipclose", refitSoon);  // after the layout's pass
  map.on("popupopen", function (e) {
    e.popup.getElement().inert = false;  // a popup opened again (the dashboard binds one to its mark): see popupclose
    fitPopup(e.popup);
    uncover();
    refitSoon();
    // Again on the next frame: opened by a key, a popup that had fitted here was found past the map's foot by then,
    // with neither the map nor the popup moved since (measured; the cause is not pinned down).
    requestAnimationFrame(function () { if (e.popup.isOpen()) { fitPopup(e.popup); uncover(); } });
  });
  map.on("popupclose", function (e) {
    map.getContainer().classList.remove("popup-over-controls");
    // Out of the Tab order as it fades out (200 ms): a quick Tab after Escape landed on its links, then nowhere.
    var el = e.popup.getElement();
    if (el) { el.inert = true; }
  });
  map.on("tooltipopen", function (e) { fitTooltip(e.tooltip); uncover(); });
  map.on("mousemove", function () {
    openTooltips(function (tip) { if (tip.options.sticky) { fitTooltip(tip); } });
  });
};

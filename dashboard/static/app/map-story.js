// The Story page's map (issue 14). Runs in the map's frame, from the story's layer script, which hands it
// every step's marks, where the map goes and how it is shaded (dashboard/story/view.py, map_payload and
// shading_payload). The map itself is never
// rebuilt: a step change flies it to the step's place and highlights the step's marks, dimming the others.
//
// The step shown first is the page's `story` parameter when the map loads; after that, the step the story's
// navigation asks for (window.__storyGo, called from the page: static/app/story-nav.js). The page's
// selection (`sel`) plays no part here: on this page a click on a mark only opens its popup.
window.__storyInit = function (map, data) {
  "use strict";
  window.__story = data;
  if (window.__storyGo) {
    // The layers were rebuilt (a filter changed, or the step needs other layers): the same step, shaded again.
    delete window.__storyShaded;
    window.__storyShade(window.__storyShown());
    window.__storyApply();
    return;
  }
  var shown = null;
  var SHORT_MAP = 360;  // px
  // The story's panel explains each step: the legend starts closed here, one click away (it is open on the
  // map page's wide screens), so that it does not cover the step's place.
  var legend = document.querySelector(".map-legend details");
  if (legend) { legend.open = false; }
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function stepFromUrl() {
    try {
      var value = new URL(window.parent.location.href).searchParams.get("story");
      var n = /^\d{1,3}$/.test(value || "") ? parseInt(value, 10) : 1;
      return n >= 1 && n <= window.__story.steps.length ? n : 1;
    } catch (e) { return 1; }
  }

  function emphasise(layer, on, dim) {
    if (layer instanceof L.Marker) {
      var icon = layer.getElement();
      if (icon) {
        icon.classList.toggle("in-story", on);
        icon.classList.toggle("story-dim", dim);
        layer.setZIndexOffset(on ? 900 : 0);
      }
    } else if (layer.setStyle) {
      if (!layer.__storyBase) {
        layer.__storyBase = {opacity: layer.options.opacity === undefined ? 1 : layer.options.opacity,
                             weight: layer.options.weight || 2};
      }
      var base = layer.__storyBase;
      layer.setStyle({opacity: dim ? base.opacity * 0.3 : base.opacity, weight: on ? base.weight + 2 : base.weight});
    }
  }

  // The step's marks stand out; the other marks that name a record are dimmed; countries the step marks
  // are outlined. Called after every change of step and of layers (layer_js calls __applySelection).
  window.__storyApply = function () {
    var step = shown && window.__story.steps[shown - 1];
    if (!step) { return; }
    var marks = {};
    step.marks.forEach(function (rid) { marks[rid] = true; });
    var any = step.marks.length > 0;
    (window.feature_group || []).forEach(function (g) {
      g.eachLayer(function (l) {
        var rid = window.__refOf(l);
        if (rid === null) { return; }
        emphasise(l, !!marks[rid], any && !marks[rid]);
      });
    });
    if (window.__basemap) {
      window.__basemap.eachLayer(function (f) {
        var on = !!marks[window.__refOf(f)];
        if (on) {
          f.setStyle({color: window.__mapColor("--map-story"), weight: 3});
          f.__storyOn = true;
        } else if (f.__storyOn) {
          var s = (window.__membership || {})[f.feature.properties.iso2];
          f.setStyle(s ? s.style : window.__baseStyle);
          delete f.__storyOn;
        }
      });
    }
    if (window.__layout) { window.__layout(); }
  };

  // The step's grouping and day, shaded here from the memberships the page holds (story.view.shading_payload),
  // as the time strip shades a day (map-time.js): a step that shades another grouping or day needs no server run.
  window.__storyShade = function (n) {
    var shading = window.__story.shading, s = shading && shading.steps[n - 1];
    if (!s || !shading.shaded || !window.__previewDay || !shading.timelines[s.shade]) { return; }
    var key = s.shade + "|" + s.day;
    if (window.__storyShaded === key) { return; }
    window.__membershipTimeline = shading.timelines[s.shade];
    window.__membershipGroup = shading.groups[s.shade];
    if (window.__previewDay(s.day)) { window.__storyShaded = key; }
  };

  // On a short map (a phone's, a third of its screen high) the controls' corners meet: the zoom buttons and the
  // whole grouping's button under them, the full screen button and the legend's, the scale. What they take at the
  // top and at the foot, in px, so that the step's marks are framed between (in Russian the grouping's button, longer,
  // lay across Dushanbe's marks). A taller map keeps its step in the middle, as the link's view is.
  function controlBands() {
    var container = map.getContainer(), box = container.getBoundingClientRect();
    var height = map.getSize().y;
    if (height > SHORT_MAP) { return {top: 0, bottom: 0}; }
    // An open panel (the legend, open as the page loads until it is shut) is not a band: it is the reader's to shut.
    var bands = function (corner) {
      return [].filter.call(container.querySelectorAll(corner + " .leaflet-control"), function (c) {
        return c.offsetWidth && c.offsetHeight < height / 3;
      }).map(function (c) { return c.getBoundingClientRect(); });
    };
    var top = bands(".leaflet-top"), bottom = bands(".leaflet-bottom");
    // Leaflet's stylesheet not applied yet (the controls stand under the map): nothing to measure, for now.
    if (top.concat(bottom).some(function (r) { return r.top < box.top || r.bottom > box.bottom; })) { return null; }
    return {top: Math.max.apply(null, [0].concat(top.map(function (r) { return r.bottom - box.top + 6; }))),
            bottom: Math.max.apply(null, [0].concat(bottom.map(function (r) { return box.bottom - r.top + 6; })))};
  }

  function go(n, animate) {
    var step = window.__story.steps[n - 1];
    if (!step) { return false; }
    shown = n;
    window.__storyShade(n);
    var box = document.getElementById("map_div");
    box.setAttribute("data-story", String(n));
    box.removeAttribute("data-story-arrived");
    var fly = animate && !reduce;
    // The legend's strip takes the map's foot on a wide screen (see map-basemap.js): the step is framed above it.
    var foot = window.__wideScreen() ? 78 : 0;
    map.once("moveend", function () {
      if (shown === n) { box.setAttribute("data-story-arrived", String(n)); }
    });
    var band = controlBands();
    if (!band) {
      // Framed again once the controls stand where they will (a step's first frame, as the page loads).
      band = {top: 0, bottom: 0};
      var tries = 0;
      requestAnimationFrame(function again() {
        if (shown !== n) { return; }
        if (controlBands()) { go(n, false); } else if (++tries < 300) { requestAnimationFrame(again); }
      });
    }
    if (step.bounds) {
      var options = {maxZoom: 7, paddingTopLeft: [30, Math.max(30, band.top)],
                     paddingBottomRight: [30, Math.max(30 + foot, band.bottom)]};
      if (fly) { map.flyToBounds(step.bounds, Object.assign({duration: 1.2}, options)); }
      else { map.fitBounds(step.bounds, Object.assign({animate: false}, options)); }
    } else {
      // The step's place in the middle of the band the controls leave (the map's middle when they leave it clear).
      var shift = (band.top - band.bottom) / 2;
      var centre = map.unproject(map.project(step.center, step.zoom).subtract([0, shift]), step.zoom);
      if (fly) { map.flyTo(centre, step.zoom, {duration: 1.2}); }
      else { map.setView(centre, step.zoom, {animate: false}); }
    }
    window.__storyApply();
    if (fly) { map.once("moveend", function () { if (shown === n) { framed = view(); } }); } else { framed = view(); }
    return true;
  }

  // A control that appears once the step is framed (the whole-grouping button, once the countries are shaded, after
  // the polygons have come) may stand over the step's marks: the step is framed again, unless the map has moved
  // since it was framed (the reader's view is theirs).
  var framed = null;
  function view() { return {centre: map.getCenter(), zoom: map.getZoom()}; }
  window.__storyControlsChanged = function () {
    if (shown && framed && map.getZoom() === framed.zoom && map.getCenter().equals(framed.centre)) { go(shown, false); }
  };

  // The page asks for step n (the step list, the buttons, the keys, a swipe). `again`: fly there even if it
  // is the step shown (the reader moved the map away and chose the step once more).
  window.__storyGo = function (n, animate, again) {
    if (n === shown && !again) { return true; }
    return go(n, animate !== false);
  };
  window.__storyShown = function () { return shown; };
  // On a phone the page's sheet makes the map's frame a third of the screen high, so that the step's words start
  // on the first screen (static/app/story.css, issue 24): the map fills its frame, and the step is framed again.
  function fillFrame() {
    var box = map.getContainer(), height = window.innerHeight;
    if (height > 0 && Math.abs(box.offsetHeight - height) > 1) {
      box.style.height = height + "px";
      map.invalidateSize({pan: false});
      return true;
    }
    return false;
  }
  fillFrame();
  window.addEventListener("resize", function () { if (fillFrame() && shown) { go(shown, false); } });
  go(stepFromUrl(), false);
};

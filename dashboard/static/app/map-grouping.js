// "The whole grouping": a control on the map that frames every state the shaded grouping gives a status
// on the chosen day (window.__membership, set by the members layer), near and far. A state too far to
// frame with the rest (Cuba for the EAEU, the United States for the C5+1) gets a mark at the map's edge
// that points to it, with its name, status and distance, and takes the map there when chosen.
// Runs in the map's frame; uses Leaflet's public API only.
window.__groupingControl = function (map) {
  "use strict";
  // Wider than this (degrees of longitude) and the frame would be most of the world: the farthest state
  // from the rest goes to an edge mark instead, until the rest fits.
  var MAX_SPAN = 200;
  var container, button, count, marks = [], active = false;

  // Escaped HTML (a country's name as the page gives it) as the text it shows; runs nothing.
  function plain(html) {
    var text = document.createElement("textarea");
    text.innerHTML = html;
    return text.value;
  }

  function shaded() {
    var status = window.__membership || {}, out = [];
    if (!window.__basemap) { return out; }
    window.__basemap.eachLayer(function (f) {
      var p = f.feature && f.feature.properties, s = p && status[p.iso2];
      if (s) {
        var b = f.getBounds();
        // Its name as the page's language says it (map-basemap.js; a file's map: the GeoJSON's own).
        var name = window.__countryName ? plain(window.__countryName(p)) : p.name;
        out.push({name: name, status: s.label, bounds: b, center: b.getCenter(), layer: f});
      }
    });
    return out;
  }

  function span(states) {
    if (!states.length) { return 0; }
    var west = Math.min.apply(null, states.map(function (s) { return s.bounds.getWest(); }));
    var east = Math.max.apply(null, states.map(function (s) { return s.bounds.getEast(); }));
    return east - west;
  }

  function median(values) {
    var v = values.slice().sort(function (a, b) { return a - b; });
    return v[Math.floor(v.length / 2)];
  }

  // The states framed together, and those left to edge marks (farthest from the group's middle first).
  function split(states) {
    var near = states.slice(), far = [];
    while (near.length > 1 && span(near) > MAX_SPAN) {
      var mid = L.latLng(median(near.map(function (s) { return s.center.lat; })),
                         median(near.map(function (s) { return s.center.lng; })));
      var worst = 0;
      near.forEach(function (s, i) { if (mid.distanceTo(s.center) > mid.distanceTo(near[worst].center)) { worst = i; } });
      far.push(near.splice(worst, 1)[0]);
    }
    return {near: near, far: far};
  }

  // A few pixels all round: the controls sit in the map's corners, over the Arctic sea or the ocean at this zoom,
  // and Russia alone spans 170 degrees and 40 of latitude, so a margin the height of the controls would drop the
  // whole frame a zoom level (to a world too small to read).
  function padding() { return {paddingTopLeft: [EDGE, EDGE], paddingBottomRight: [EDGE, EDGE]}; }
  var EDGE = 4;

  function clearMarks() {
    marks.forEach(function (m) { m.el.remove(); });
    marks = [];
  }

  function placeMarks() {
    if (!marks.length) { return; }
    var size = map.getSize(), cx = size.x / 2, cy = size.y / 2, inView = map.getBounds();
    var used = [];
    marks.forEach(function (m) {
      if (inView.intersects(m.state.bounds)) { m.el.style.display = "none"; return; }
      m.el.style.display = "";
      var c = map.latLngToContainerPoint(m.state.center), dx = c.x - cx, dy = c.y - cy;
      var km = Math.round(map.distance(map.getCenter(), m.state.center) / 1000);
      m.text.textContent = window.__mapWord("far", {name: m.state.name, status: m.state.status,
                                                     km: window.__mapNumber(km)});
      m.arrow.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
      m.el.setAttribute("aria-label", window.__mapWord("farLabel", {badge: m.text.textContent}));
      var hw = m.el.offsetWidth / 2 + 6, hh = m.el.offsetHeight / 2 + 6;
      var t = Math.min((cx - hw) / Math.abs(dx || 1e-9), (cy - hh) / Math.abs(dy || 1e-9));
      var x = cx + dx * t, y = cy + dy * t;
      // Stacked along the edge, never on top of each other.
      used.forEach(function (u) { if (Math.abs(u.x - x) < hw * 2 && Math.abs(u.y - y) < hh * 2) { y = u.y + hh * 2 + 4; } });
      y = Math.min(Math.max(y, hh), size.y - hh);
      used.push({x: x, y: y});
      m.el.style.left = x + "px";
      m.el.style.top = y + "px";
    });
  }

  function showFar(far) {
    clearMarks();
    far.forEach(function (state) {
      var el = document.createElement("button");
      el.type = "button";
      el.className = "edge-mark far-state";
      var arrow = document.createElement("span");
      arrow.className = "edge-arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "➤";
      var text = document.createElement("span");
      el.append(arrow, text);
      L.DomEvent.disableClickPropagation(el);
      el.addEventListener("click", function () { map.flyToBounds(state.bounds, Object.assign({maxZoom: 6}, padding())); });
      map.getContainer().appendChild(el);
      marks.push({el: el, text: text, arrow: arrow, state: state});
    });
    placeMarks();
  }

  function frame() {
    var states = shaded();
    if (!states.length) { return; }
    var parts = split(states);
    var bounds = L.latLngBounds([]);
    parts.near.forEach(function (s) { bounds.extend(s.bounds); });
    active = true;
    map.fitBounds(bounds, Object.assign({animate: false}, padding()));
    showFar(parts.far);
    button.setAttribute("aria-pressed", "true");
    var said = document.getElementById("grouping-status");
    if (said) {
      var group = window.__membershipGroup || window.__mapWord("theGrouping");
      said.textContent = parts.far.length ?
        window.__mapWord("framedFar", {n: parts.near.length, group: group,
                          far: parts.far.map(function (s) { return s.name; }).join(", ")}) :
        window.__mapWord("framed", {n: parts.near.length, group: group});
    }
  }

  // The control's words follow the shading: "Whole SCO · 27 states"; hidden when nothing is shaded.
  function refresh() {
    if (!button) { return; }
    var n = shaded().length, group = window.__membershipGroup || window.__mapWord("grouping");
    var shownBefore = container.style.display !== "none";
    container.style.display = n ? "" : "none";
    count.textContent = window.__mapWord("whole", {n: n, group: group});
    // The visible words first (WCAG 2.5.3: a speech-input user says what they see).
    button.setAttribute("aria-label", window.__mapWord("wholeLabel", {badge: count.textContent, group: group}));
    if (active) { frame(); }
    // Its room at the map's top changed: the Story page frames its step clear of it (map-story.js).
    if (shownBefore !== !!n && window.__storyControlsChanged) { window.__storyControlsChanged(); }
  }

  var control = L.control({position: "topleft"});
  control.onAdd = function () {
    container = L.DomUtil.create("div", "leaflet-bar whole-grouping");
    button = L.DomUtil.create("button", "", container);
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    count = L.DomUtil.create("span", "", button);
    var live = L.DomUtil.create("span", "sr-only", container);
    live.id = "grouping-status";
    live.setAttribute("role", "status");
    L.DomEvent.disableClickPropagation(container);
    button.addEventListener("click", frame);
    container.style.display = "none";
    return container;
  };
  control.addTo(map);
  map.on("moveend zoomend resize", placeMarks);
  // The reader moved the map by hand: the frame is theirs now; far marks stay until the shading changes.
  map.on("dragstart", function () { active = false; button.setAttribute("aria-pressed", "false"); });
  window.__groupingRefresh = function () {
    active = false;
    clearMarks();
    button.setAttribute("aria-pressed", "false");
    var said = document.getElementById("grouping-status");
    if (said) { said.textContent = ""; }  // it spoke of the grouping or the day before
    refresh();
  };
  window.__groupingFrame = frame;
  refresh();
};

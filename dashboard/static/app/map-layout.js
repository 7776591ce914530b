// The map's marks, laid out so that none covers another (issue 18). Runs in the map's frame after
// every zoom, move and change of layers: stops keep their place; a site on top of a stop or another
// site is moved aside, on a short leader line to where it is; a leg's label or a country's name that
// would cover something is hidden. The legend shows only what the map now draws. A start of the route
// off the map is shown by a mark at its edge. Sets window.__layoutDone when a pass is complete.
window.__mapLayout = function (map) {
  "use strict";
  var GAP = 2;
  // Leaflet's zoom buttons name themselves in English ("Zoom in"): named in the page's words instead.
  var zoom = map.zoomControl && map.zoomControl.getContainer();
  var zoomWords = [window.__mapWord("zoomIn"), window.__mapWord("zoomOut")];
  (zoom ? zoom.querySelectorAll("a") : []).forEach(function (a, i) {
    if (zoomWords[i]) {  // else Leaflet's own name stays: a button is never left without one
      a.title = zoomWords[i];
      a.setAttribute("aria-label", zoomWords[i]);
    }
  });
  // Leaflet's own link is titled in English: said so on a page in another language (WCAG 3.1.2). Through its
  // prefix, which Leaflet draws anew with every change of attribution.
  var credit = map.attributionControl;
  if (credit && typeof credit.options.prefix === "string" && credit.options.prefix.indexOf(" lang=") < 0) {
    credit.setPrefix(credit.options.prefix.replace("<a ", '<a lang="en" '));
  }
  var FAN = [[-38, -26], [38, -26], [-38, 22], [38, 22], [0, -44], [0, 40], [-52, 0], [52, 0]];

  function rect(el) { return el.getBoundingClientRect(); }
  function hits(a, b) {
    return a.left < b.right - GAP && b.left < a.right - GAP && a.top < b.bottom - GAP && b.top < a.bottom - GAP;
  }
  function moved(r, dx, dy) {
    return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
  }
  function free(r, placed) { return placed.every(function (p) { return !hits(r, p); }); }

  function reset(icon) {
    icon.classList.remove("laid-aside", "laid-hidden");
    icon.querySelectorAll(".laid-hidden").forEach(function (el) { el.classList.remove("laid-hidden"); });
    icon.querySelectorAll(".leader").forEach(function (el) { el.remove(); });
    var symbol = icon.querySelector(".site, .stop");
    if (symbol) { symbol.style.transform = ""; }
  }

  function leader(icon, symbol, dx, dy) {
    // From the mark's true place (the icon's anchor) to the middle of the moved symbol.
    var style = getComputedStyle(icon);
    var ax = -parseFloat(style.marginLeft) || 0, ay = -parseFloat(style.marginTop) || 0;
    var s = rect(symbol), i = rect(icon);
    var cx = s.left - i.left + s.width / 2, cy = s.top - i.top + s.height / 2;
    var line = document.createElement("div");
    line.className = "leader";
    var len = Math.hypot(cx - ax, cy - ay);
    line.style.cssText = "left:" + ax + "px;top:" + ay + "px;width:" + len + "px;transform:rotate(" +
      Math.atan2(cy - ay, cx - ax) + "rad)";
    icon.appendChild(line);
  }

  function items() {
    var out = [];
    document.querySelectorAll(".leaflet-marker-pane .leaflet-marker-icon").forEach(function (icon) {
      reset(icon);
      var stop = icon.querySelector(".stop"), site = icon.querySelector(".site");
      if (stop) { out.push({icon: icon, kind: 0, parts: [stop]}); }
      else if (site) { out.push({icon: icon, kind: 1, parts: [site]}); }
      else if (icon.classList.contains("leg-label")) {
        // A leg's label repeats what its line's tooltip says (and the feature table): it is not a stop of its
        // own for the keyboard or a screen reader.
        icon.setAttribute("tabindex", "-1");
        icon.setAttribute("aria-hidden", "true");
        out.push({icon: icon, kind: 2, parts: [].slice.call(icon.querySelectorAll(".leg-arrow, .leg-km"))});
      } else if (icon.classList.contains("country-label")) {
        out.push({icon: icon, kind: 3, parts: [icon.querySelector("span") || icon]});
      }
    });
    return out.sort(function (a, b) { return a.kind - b.kind; });
  }

  function inside(r, box) { return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; }
  function inView(r, box) { return r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom; }

  function layout() {
    window.__layoutDone = false;
    var box = rect(map.getContainer()), placed = [], edgeDone = false;
    var controls = [].map.call(map.getContainer().querySelectorAll(".leaflet-control"), rect);
    items().forEach(function (item) {
      if (item.kind > 1 && !edgeDone) {
        // After the stops and the sites, before any label: the mark for a start off the map, where no mark is.
        edgeDone = true;
        var e = edgeMark(placed);
        if (e) { placed.push(e); }
      }
      item.parts.forEach(function (part) {
        var r = rect(part);
        if (r.width < 1 || !inView(r, box) || getComputedStyle(part).display === "none") { return; }
        // A label is shown whole or not at all: not cut by the map's edge, not under a control.
        if (item.kind >= 2 && (!inside(r, box) || !free(r, controls))) { part.classList.add("laid-hidden"); return; }
        if (free(r, placed)) { placed.push(r); return; }
        if (item.kind <= 1) {
          // A stop or a site on top of another: aside, on a leader line, where there is room.
          for (var k = 0; k < FAN.length; k++) {
            var c = moved(r, FAN[k][0], FAN[k][1]);
            if (free(c, placed)) {
              part.style.transform = "translate(" + FAN[k][0] + "px," + FAN[k][1] + "px)";
              item.icon.classList.add("laid-aside");
              leader(item.icon, part, FAN[k][0], FAN[k][1]);
              placed.push(c);
              return;
            }
          }
          placed.push(r);  // nowhere better: it stays, and its tooltip still names it
          return;
        }
        part.classList.add("laid-hidden");
      });
    });
    if (!edgeDone) { var e = edgeMark(placed); if (e) { placed.push(e); } }
    legend();
    window.__layoutDone = true;
  }

  // --- the route's start, when it is off the map ----------------------------------------------------
  var edge = null;
  function origin() {
    var found = null;
    map.eachLayer(function (l) {
      if (!found && l.getLatLng && l.options && l.options.icon && /stop-origin/.test(l.options.icon.options.html || "")) {
        found = l;
      }
    });
    return found;
  }
  function edgeMark(placed) {
    var o = origin();
    if (!o || map.getBounds().pad(-0.02).contains(o.getLatLng())) {
      if (edge) { edge.style.display = "none"; }
      return null;
    }
    if (!edge) {
      edge = document.createElement("button");
      edge.type = "button";
      edge.className = "edge-mark";
      L.DomEvent.disableClickPropagation(edge);
      edge.addEventListener("click", function () {
        var all = L.latLngBounds([o.getLatLng()]);
        map.eachLayer(function (l) { if (l.getLatLng && l.options && l.options.icon) { all.extend(l.getLatLng()); } });
        map.flyToBounds(all.pad(0.05));
      });
      map.getContainer().appendChild(edge);
    }
    var size = map.getSize(), c = map.latLngToContainerPoint(o.getLatLng());
    var cx = size.x / 2, cy = size.y / 2, dx = c.x - cx, dy = c.y - cy;
    // From the map's centre (the briefing's frame's centre until the reader moves it: its legend pads the fit),
    // by Leaflet's own measure; the PNG measures the same way (dashboard/downloads/image.py, edge_distance_km).
    var centre = (window.__badgeCentre && window.__badgeCentre()) || map.getCenter();
    var km = Math.round(map.distance(centre, o.getLatLng()) / 1000);
    var name = (o.getTooltip() && o.getTooltip().getContent() || "").replace(/<[^>]*>/g, " ").match(/:\s*([^\s]+)/);
    var city = name ? name[1] : window.__mapWord("start");
    edge.textContent = "";
    var arrow = document.createElement("span");
    arrow.className = "edge-arrow";
    arrow.setAttribute("aria-hidden", "true");
    arrow.textContent = "➤";
    arrow.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
    var text = document.createElement("span");
    text.textContent = window.__mapWord("edge", {city: city, km: window.__mapNumber(km)});
    // What the figure measures, on a second, smaller line: the badge stays as wide as its first line.
    var from = document.createElement("small");
    from.textContent = " " + window.__mapWord("edgeFrom");
    from.style.cssText = "display:block;font-size:10px;font-weight:400;line-height:12px;white-space:nowrap";
    text.append(from);
    edge.append(arrow, text);
    // The visible words first (WCAG 2.5.3: a speech-input user says what they see).
    edge.setAttribute("aria-label", window.__mapWord("edgeLabel", {badge: text.textContent}));

    edge.style.display = "";
    var origin0 = rect(map.getContainer());
    // Off the marks and off the map's controls (a short map, as the Story page's on a phone, brings them close).
    // Where no place along the edge is clear of both, the first clear of the controls: a badge over a mark hides
    // it, a badge over a button (zoom in, full screen) takes its clicks. A story step's own marks are never hidden:
    // with no place clear of them and of the controls, the badge is not shown.
    // A control's box grown by the overlap free() forgives between marks: the badge does not touch a button at all.
    var controls = [].map.call(map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
      var b = rect(c);
      return {left: b.left - GAP, right: b.right + GAP, top: b.top - GAP, bottom: b.bottom + GAP};
    });
    var kept = controls.concat([].map.call(document.querySelectorAll(".leaflet-marker-icon.in-story"), rect));
    var taken = placed.concat(controls), fallback = null;
    // The badge whole, then without its second line (a short frame in a language of long words: 320 by 200 in
    // Russian, where the top's room between the zoom buttons and the legend's button is narrower than the badge).
    for (var compact = 0; compact < 2; compact++) {
      from.style.display = compact ? "none" : "block";
      // On the edge, toward the start, the whole badge inside the map; slid along the edge off any stop.
      var hw = edge.offsetWidth / 2 + 6, hh = edge.offsetHeight / 2 + 6;
      var t = Math.min((cx - hw) / Math.abs(dx || 1e-9), (cy - hh) / Math.abs(dy || 1e-9));
      var x = cx + dx * t, y = cy + dy * t, onSide = Math.abs(x - hw) < 1 || Math.abs(x - (size.x - hw)) < 1;
      // Along the edge the start's direction meets, then along the next edge round the corner toward it (in a
      // short frame, 320 by 200, the side is all zoom buttons and scale; the top between them and the legend is
      // free).
      for (var k = 0; k < 24; k++) {
        var step = (k % 2 ? -1 : 1) * Math.ceil(k % 12 / 2) * 30, side = onSide !== k > 11;
        var sx = k > 11 && !onSide ? (dx < 0 ? hw : size.x - hw) : x;
        var sy = k > 11 && onSide ? (dy < 0 ? hh : size.y - hh) : y;
        var ex = side ? sx : Math.min(Math.max(sx + step, hw), size.x - hw);
        var ey = side ? Math.min(Math.max(sy + step, hh), size.y - hh) : sy;
        var r = {left: origin0.left + ex - hw + 6, right: origin0.left + ex + hw - 6,
                 top: origin0.top + ey - hh + 6, bottom: origin0.top + ey + hh - 6};
        if (free(r, taken)) { return placeEdge(ex, ey, r); }
        if (!fallback && free(r, kept)) { fallback = [ex, ey, r, compact]; }
      }
    }
    if (fallback) {
      from.style.display = fallback[3] ? "none" : "block";
      return placeEdge(fallback[0], fallback[1], fallback[2]);
    }
    // Nowhere clear of the controls: not shown, rather than over a button whose clicks it would take.
    edge.style.display = "none";
    return null;
  }
  function placeEdge(x, y, r) {
    edge.style.left = x + "px";
    edge.style.top = y + "px";
    return r;
  }

  // --- the legend: only what the map draws now ----------------------------------------------------------
  function legend() {
    var rows = document.querySelectorAll(".map-legend [data-show]");
    if (!rows.length) { return; }
    var shown = {};
    (Object.values(window.__membership || {})).forEach(function (m) {
      shown["status:" + m.status] = true;
      shown["status:outside"] = true;
    });
    document.querySelectorAll(".leaflet-marker-pane .stop-made").forEach(function () { shown["stop:made"] = true; });
    document.querySelectorAll(".leaflet-marker-pane .stop-not-made").forEach(function () { shown["stop:not_made"] = true; });
    document.querySelectorAll(".leaflet-marker-pane .site[data-status]").forEach(function (s) {
      shown["site:" + s.getAttribute("data-status")] = true;
    });
    (window.feature_group || []).forEach(function (g) {
      if (!map.hasLayer(g)) { return; }
      g.eachLayer(function (l) {
        // A line's class (marks.py, style.LINE_STYLE) names its legend row: "line-border", "line-back", ...
        if (l.getLatLng) { return; }
        String((l.options || {}).className || "").split(" ").forEach(function (c) {
          if (c.indexOf("line-") === 0) { shown[c] = true; }
        });
      });
    });
    rows.forEach(function (row) { row.hidden = !shown[row.getAttribute("data-show")]; });
    document.querySelectorAll(".map-legend .lg-title[data-group]").forEach(function (title) {
      var group = title.getAttribute("data-group");
      title.hidden = !document.querySelector('.map-legend [data-show][data-group="' + group + '"]:not([hidden])');
    });
  }

  var timer = null;
  function soon() { clearTimeout(timer); window.__layoutDone = false; timer = setTimeout(layout, 30); }
  map.on("zoomend moveend resize", soon);
  window.__layout = soon;
  soon();
};

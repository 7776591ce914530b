// The map's marks in the browser, one copy for the dashboard's map and the briefing file (both load this file
// before their own script: dashboard/map/leaflet.py, dashboard/downloads/briefing.py). The marks come as compact
// JSON (dashboard/map/marks.py, Mark.to_json); their record is read back from their tooltip's "ref: …" line.
// Public Leaflet API only: elements come from getElement(), keys from the element's own events.
// The map's words are the page's, in its language (dashboard/map/leaflet.py map_words): the page's script sets
// window.__mapWords and window.__mapLang before anything is drawn (map-basemap.js; a file's map: map-file.js).
(function () {
  "use strict";
  var REF = /data-ref="([a-z0-9][a-z0-9-]*)"/;

  function fill(template, fields) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, k) {
      return fields && k in fields ? String(fields[k]) : whole;
    });
  }
  // One of the map's words, its {fields} filled ("" if the page gave none). A counted word comes as its forms by
  // plural category: fields.n is the count, said in the form for it and written as the page's language writes it.
  window.__mapWord = function (key, fields) {
    var word = (window.__mapWords || {})[key], lang = window.__mapLang || "en";
    if (word === undefined) { return ""; }
    if (typeof word === "object") {
      word = word[new Intl.PluralRules(lang).select(fields.n)] || word.other;
      fields = Object.assign({}, fields, {n: window.__mapNumber(fields.n)});
    }
    return fill(word, fields);
  };
  // A whole number as the page's language writes it (3,119; 3 119): its separator and the fewest digits it groups
  // come with the map's words (leaflet.map_words "digits", as the server writes numbers). Not toLocaleString: ICU's
  // number formatting costs its first call about 12 ms, spent before the map's first paint.
  window.__mapNumber = function (n) {
    var digits = (window.__mapWords || {}).digits, written = String(n);
    if (!digits || !/^\d+$/.test(written)) { return n.toLocaleString(window.__mapLang || "en"); }
    return written.length < digits.min ? written : written.replace(/\B(?=(\d{3})+$)/g, digits.group);
  };

  // Builds a layer's marks into the group g from their JSON d; b places the named marks in the Tab order (see
  // layer_js). A mark's name (m[9]) is its accessible name; window.__markReady (the page's script) makes it
  // take focus and be chosen by the keyboard.
  window.__renderMarks = function (g, d, b) {
    d.forEach(function (m, i) {
      var l, s = m[8] || {};
      if (m[0] === "marker") {
        // Not Leaflet's pan on focus: __markAccess pans a focused mark clear of the controls, at once. Leaflet's,
        // animated, ran on as a popup opened and undid the popup's own pan (it was left off the map's foot).
        l = L.marker(m[1][0], {keyboard: !!m[9], autoPanOnFocus: false, icon: L.divIcon({html: m[4], className: m[5],
                                                                  iconSize: m[6], iconAnchor: m[7]})});
      } else if (m[0] === "circle") {
        l = L.circleMarker(m[1][0], s);
      } else {
        l = L.polyline(m[1], s);
      }
      l.__name = m[9];
      l.__rank = (b || 0) + i;
      if (m[2]) { l.bindTooltip(m[2]); }
      if (m[3]) {
        l.bindPopup(m[3], {maxWidth: 320});
        // The mark that opened it, for Escape to give the focus back to (map-basemap.js).
        l.on("popupopen", function (e) { e.popup.__opener = l; if (m[2]) { l.closeTooltip(); } });
      }
      l.addTo(g);
      if (window.__markReady) { window.__markReady(l); }
    });
  };

  // A colour of the map's palette (dashboard/map/style.py), as the page's styles define it (css_properties).
  window.__mapColor = function (name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  };

  // The record a mark or a country stands for (its tooltip's data-ref, beside "ref: …" in the page's words), or null.
  window.__refOf = function (layer) {
    var tip = layer.getTooltip && layer.getTooltip(), content = tip && tip.getContent();
    var match = typeof content === "string" && content.match(REF);
    return match ? match[1] : null;
  };

  // A status other than membership is also told by its fill pattern (style.MEMBERSHIP_PATTERN), drawn over the
  // fill colour that Leaflet's options keep: again after any restyle, which sets the colour back. `patterned`
  // lists the statuses with a pattern; a country's status is its layer's __status.
  window.__paintPattern = function (layer, patterned) {
    var el = layer.getElement && layer.getElement();
    if (el && layer.__status && patterned.indexOf(layer.__status) >= 0) {
      el.setAttribute("fill", "url(#pat-" + layer.__status + ")");
      el.setAttribute("fill-opacity", "1");
    }
  };

  // A country (a feature of the basemap's layer) drawn and named by its status in the shaded grouping (`status`:
  // iso2 -> {status, style, tooltip}), or by `base` and outside(its name, its code) outside it. The dashboard's map
  // (map-basemap.js) and the briefing file shade their countries with it. A country already drawn as it should
  // be is left (the world has 250 states, and a change of filter restyles few).
  window.__shadeCountry = function (f, status, base, patterned, outside) {
    var s = status[f.feature.properties.iso2], style = s ? s.style : base, o = f.options;
    var tip = s ? s.tooltip : outside(f.feature.properties.name, f.feature.properties.iso2);
    if (f.__tip === tip && o.fillColor === style.fillColor && o.fillOpacity === style.fillOpacity &&
        o.color === style.color && o.weight === style.weight && o.dashArray === style.dashArray) {
      return;
    }
    f.__status = s ? s.status : null;
    f.setStyle(style);
    window.__paintPattern(f, patterned);
    delete f.__beforeSelection;
    f.__tip = tip;
    if (f.getTooltip()) { f.setTooltipContent(tip); } else { f.bindTooltip(tip, {sticky: true}); }
  };

  // The selected record's mark stands out (on: true), or no longer (false): a marker's icon is ringed and raised,
  // a line or a country drawn in black, wider, as it was before once deselected.
  window.__highlight = function (layer, on, patterned) {
    if (layer instanceof L.Marker) {
      var icon = layer.getElement();
      if (icon) {
        icon.classList.toggle("is-selected", on);
        layer.setZIndexOffset(on ? 1000 : 0);
      }
    } else if (layer.setStyle) {
      if (on && !layer.__beforeSelection) {
        layer.__beforeSelection = {color: layer.options.color, weight: layer.options.weight};
        layer.setStyle({color: window.__mapColor("--map-selected"), weight: (layer.options.weight || 2) + 3});
        if (layer.bringToFront && !layer.feature) { layer.bringToFront(); }
      } else if (!on && layer.__beforeSelection) {
        layer.setStyle(layer.__beforeSelection);
        delete layer.__beforeSelection;
      }
      if (layer.feature) { window.__paintPattern(layer, patterned); }
    }
  };

  // Enter or Space on a focused marker calls fn(event), as a click would, and nothing else: Leaflet's own Enter
  // (a popup's toggle, bound by bindPopup) never sees the key. The key is taken on the marker's element, each
  // time the marker reaches the map (it gets a new element then).
  window.__onEnterOrSpace = function (layer, fn) {
    function bind() {
      var el = layer.getElement();
      if (!el || el.__enterOrSpace) { return; }
      el.__enterOrSpace = true;
      L.DomEvent.on(el, "keypress", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          L.DomEvent.stopPropagation(e);
          L.DomEvent.preventDefault(e);
          fn(e);
        }
      });
    }
    layer.on("add", bind);
    if (layer.getElement()) { bind(); }
  };

  // A mark that selects a record takes focus, is named in words (describe.mark_name: layer.__name) and is chosen by
  // Enter or Space, select(layer, event), as by a click; any other mark (a leg's label, a border's white underlay)
  // stays out of the Tab order and the reading. Done each time the mark reaches the map (it gets a new element):
  // on the dashboard's map (map-basemap.js) and a file's (map-file.js).
  window.__markAccess = function (map, layer, select) {
    layer.on("add", function() { decorate(map, layer, select); });
    if (layer.getElement()) { decorate(map, layer, select); }
  };
  function decorate(map, layer, select) {
    var el = layer.getElement();
    if (!el || el.__decorated) { return; }
    el.__decorated = true;
    if (!layer.__name) {
      el.setAttribute("tabindex", "-1");
      el.setAttribute("aria-hidden", "true");
      return;
    }
    var text = document.createElement("textarea");  // decodes the escaped name, runs nothing
    text.innerHTML = layer.__name;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", text.value);
    el.setAttribute("data-rank", String(layer.__rank || 0));
    el.__layer = layer;
    if (layer instanceof L.Marker) {
      // A marker that takes focus is brought into the map's view, clear of its controls (zoom, legend, scale). By
      // the keyboard only: a pointer's press focuses it too, and the map moved between the press and the release
      // lost the click (a mark near the controls of a short map did not open).
      L.DomEvent.on(el, "focus", function() {
        if (!el.matches(":focus-visible")) { return; }
        var pad = window.__clearOfControls();
        map.panInside(layer.getLatLng(), {paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false});
      });
    } else {
      L.DomEvent.on(el, "keydown", function(e) {
        if (e.key === "Enter" || e.key === " ") { L.DomEvent.preventDefault(e); select(layer, e); }
      });
      // A focused line is brought into view (Leaflet draws nothing of a line off the map) and shows
      // its tooltip, as a hovered one does: on the dashboard at the reader's zoom (map-basemap.js, __intoView); in
      // a file, whose bytes are counted, whole.
      L.DomEvent.on(el, "focus", function() {
        var r = el.getBoundingClientRect(), box = map.getContainer().getBoundingClientRect();
        var drawn = r.width + r.height > 0 && r.right > box.left && r.left < box.right && r.bottom > box.top &&
          r.top < box.bottom;
        if (!drawn) {
          var pad = window.__clearOfControls(), room = {paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false};
          if (window.__intoView) { window.__intoView(layer, room); } else { map.fitBounds(layer.getBounds(), room); }
        }
        if (layer.openTooltip) { layer.openTooltip(); }
      });
      L.DomEvent.on(el, "blur", function() { if (layer.closeTooltip) { layer.closeTooltip(); } });
    }
  }

  // Leaflet's scale writes its units in English ("500 km"): on a page in another language, in its words ("500 км"),
  // and without the miles and feet that language's readers do not measure in. After each of the scale's own
  // updates (its handlers were added first).
  window.__scaleWords = function (map) {
    if (window.__mapLang === "en") { return; }
    var km = " " + window.__mapWord("km"), m = " " + window.__mapWord("m");
    function say() {
      map.getContainer().querySelectorAll(".leaflet-control-scale-line").forEach(function (line) {
        var text = line.textContent;
        if (/ (mi|ft)$/.test(text)) { line.style.display = "none"; }
        else { line.textContent = text.replace(/ km$/, km).replace(/ m$/, m); }
      });
    }
    map.on("move moveend", say);
    map.whenReady(say);  // its first update comes on the map's "load" (after "moveend"), in a file's map
  };

  // The countries' names ([name as escaped HTML, lat, lon]), never interactive.
  window.__countryLabels = function (map, labels) {
    labels.forEach(function (l) {
      L.marker([l[1], l[2]], {interactive: false, keyboard: false, icon: L.divIcon({
        className: "country-label", html: "<span>" + l[0] + "</span>", iconSize: [120, 16], iconAnchor: [60, 8]})
      }).addTo(map);
    });
  };

  // The legend (dashboard/map/legend.py's HTML) as a control: a strip along the map's foot on a wide screen, a
  // box at the top right on a narrow one; `open` says whether it starts open.
  window.__mapLegend = function (map, html, wide, open) {
    var legend = L.control({position: wide ? "bottomleft" : "topright"});
    legend.onAdd = function () {
      var d = L.DomUtil.create("div", "map-legend" + (wide ? " strip" : ""));
      d.setAttribute("role", "note");
      d.setAttribute("aria-label", window.__mapWord("legend"));
      // Its HTML (escaped, the legend's own), or its rows already made (a file's template, map-file.js).
      if (typeof html === "string") { d.innerHTML = html; } else { d.appendChild(html); }
      d.querySelector("details").open = open;
      L.DomEvent.disableClickPropagation(d);
      return d;
    };
    legend.addTo(map);
    return legend;
  };
})();

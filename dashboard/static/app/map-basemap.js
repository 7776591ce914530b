// The dashboard's map: the basemap (countries drawn from our geodata, shaded by the members layer), the selection
// followed from the page's address, each mark's focus and name, the country labels, the legend, the first view,
// and what the map tells the page (its frame for the downloads, its view in the address). Runs in the map's frame
// once, from the map's script (dashboard/map/leaflet.py), after map-marks.js, map-popups.js, map-gestures.js,
// map-layout.js and map-grouping.js; `config` is JSON from Python:
//   url: the basemap's GeoJSON; labels: [[name (escaped HTML), lat, lon]]; base: a country's style outside the
//   grouping (style.LAND_STYLE); patterned: the statuses filled with a pattern; bounds: the first view
//   [[south, west], [north, east]]; legend: the legend's HTML; refPattern: the regular expression of a
//   tooltip's record id (its data-ref); selParam: the address's selection parameter; words: the map's words in the page's
//   language (leaflet.map_words), lang: that language; countryNames: iso2 -> a country's name as escaped HTML, in
//   that language ({} where the GeoJSON's own names are said).
window.__mapBasemap = function (map, config) {
  // Not shown until Leaflet's stylesheet applies (basemap-prefetch.js asks for it early; on a slow link it may
  // still come after the map): drawn without it, every pane moved as it came. Its overflow clipped meanwhile, as
  // the stylesheet clips it: the unstyled panes made the frame's page taller, and it moved as they shrank.
  (function styled() {
    var ready = getComputedStyle(map.getPane("mapPane")).position === "absolute", style = map.getContainer().style;
    style.visibility = style.overflow = ready ? "" : "hidden";
    if (!ready) { requestAnimationFrame(styled); }
  })();
  window.__mapWords = config.words;
  window.__mapLang = config.lang;
  // The map's frame is a document of its own, which says its language too (its words are the page's).
  if (config.lang) { document.documentElement.lang = config.lang; }
  window.__scaleWords(map);  // the scale (folium's control_scale) in the page's language
  var countryNames = config.countryNames || {};
  // A country's name as its tooltip shows it (escaped HTML): the page's language's, else the GeoJSON's.
  window.__countryName = function (properties) { return countryNames[properties.iso2] || properties.name; };
  var labels = config.labels;
  if (map.keyboard) {
    // Leaflet focuses the map on mousedown, which scrolls a partly hidden map into view between press and release,
    // so the click lands elsewhere: the map takes focus first here, without scrolling (Leaflet's handler then
    // finds it focused and does nothing).
    var holder = map.getContainer();
    holder.addEventListener("mousedown", function () {
      if (document.activeElement !== holder) { holder.focus({preventScroll: true}); }
    }, true);
  }
  var base = config.base;
  var patterned = config.patterned;
  window.__baseStyle = base;
  function outside(name, iso2) {
    return "<b>" + window.__countryName({name: name, iso2: iso2}) + "</b><br>" + window.__mapWord("outside");
  }
  window.__applyMembership = function() {
    var layer = window.__basemap, status = window.__membership || {};
    if (!layer) { return; }
    layer.eachLayer(function(f) { window.__shadeCountry(f, status, base, patterned, outside); });
    window.__applySelection(true);
    if (window.__groupingRefresh) { window.__groupingRefresh(); }
  };
  // The selected record's mark is highlighted. The selection is the page's `sel` parameter,
  // which the app keeps in step with its state whichever way it was made (a click here, a
  // chart, a link, Clear selection), so the map follows it rather than being told.
  var shownSelection;
  var refOf = window.__refOf;
  function highlight(layer, on) { window.__highlight(layer, on, patterned); }
  window.__applySelection = function(force) {
    // On the Story page the step's marks are highlighted instead (static/app/map-story.js).
    if (window.__storyApply) { window.__storyApply(); return; }
    var sel = null;
    try { sel = new URL(window.parent.location.href).searchParams.get("sel"); } catch (e) { return; }
    if (sel === shownSelection && !force) { return; }
    shownSelection = sel;
    (window.feature_group || []).forEach(function(g) {
      g.eachLayer(function(l) { highlight(l, sel !== null && refOf(l) === sel); });
    });
    if (window.__basemap) {
      window.__basemap.eachLayer(function(f) { highlight(f, sel !== null && refOf(f) === sel); });
    }
  };
  setInterval(window.__applySelection, 250);
  // A mark that selects a record takes focus, is named in words (describe.mark_name) and is
  // selected by Enter or Space as by a click (Leaflet alone only opens its popup). Any other mark
  // (a leg's label, a border's white underlay) stays out of the Tab order and the reading.
  window.__markReady = function(layer) {
    if (layer.__name && layer instanceof L.Marker) {
      window.__onEnterOrSpace(layer, function (e) { select(layer, e); });
    }
    window.__markAccess(map, layer, select);
  };
  function select(layer, original) {
    var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    layer.fire("click", {latlng: at, originalEvent: original});
  }
  // Tab order: the stops in tour order, then the sites, then the lines (border, phone call), however
  // the layers were added or updated. Lines live in the overlay pane: it goes after the marker pane
  // in the document (the panes' z-index keeps what is drawn on top).
  // The frame's own name and description (the sentences above the map, views/map.py).
  try {
    // Not its title: Streamlit and our watchdog find the frame by it.
    window.frameElement.setAttribute("aria-label", window.__mapWord("frame"));
    window.frameElement.setAttribute("aria-describedby", "map-description");
  } catch (e) { /* a cross-origin host page */ }
  // A mark that takes focus is scrolled into the page's view, as any focused element is: the
  // browser scrolls only within this frame (whose map does not scroll), not the page around it.
  function reveal(el) {
    try {
      var frame = window.frameElement, w = window.parent;
      // Focus may have moved on (a quick Tab): scrolling back to this mark would leave it off screen.
      if (!frame || !el.getBoundingClientRect || document.activeElement !== el ||
          w.document.activeElement !== frame) { return; }
      var r = el.getBoundingClientRect(), f = frame.getBoundingClientRect(), margin = 48;
      var top = f.top + r.top, bottom = f.top + r.bottom, height = w.innerHeight;
      // A bar along the screen's bottom (the phone's page links, st.bottom) covers what is under it.
      var bar = w.document.querySelector('[data-testid="stBottom"]');
      var barTop = bar && bar.offsetHeight ? bar.getBoundingClientRect().top : height;
      if (barTop > 0 && barTop < height) { height = barTop; }
      var header = w.document.querySelector('[data-testid="stHeader"]');  // fixed over the page's top
      var topMargin = Math.max(margin, header ? header.getBoundingClientRect().bottom + 12 : 0);
      // The nearest box that scrolls and has something to scroll: the map's own room (a fixed height, so
      // that nothing jumps as the frame loads) is a scroll box with nothing to scroll.
      var box = frame.parentElement;
      while (box && !(/(auto|scroll)/.test(w.getComputedStyle(box).overflowY) &&
                      box.scrollHeight > box.clientHeight)) { box = box.parentElement; }
      box = box || w.document.scrollingElement;
      if (top < topMargin) { box.scrollTop -= topMargin - top; }
      else if (bottom > height - margin) { box.scrollTop += bottom - (height - margin); }
    } catch (e) { /* a cross-origin host page */ }
  }
  window.__mapPopups(map);  // sets window.__clearOfControls
  window.__mapGestures(map);
  window.__mapFullscreen(map);
  // A focused line off the map (map-marks.js) is panned in at the reader's zoom, by its point nearest the map's
  // centre: fitting the whole line zoomed a close view out to a continent for a long border (a fresh reviewer).
  window.__intoView = function (layer, room) {
    var centre = map.project(map.getCenter()), best = centre, far = Infinity;
    (function walk(list) {
      if (!L.LineUtil.isFlat(list)) { list.forEach(walk); return; }
      list.forEach(function (ll, i) {
        var q = L.LineUtil.closestPointOnSegment(centre, map.project(ll), map.project(list[i + 1] || ll));
        if (centre.distanceTo(q) < far) { far = centre.distanceTo(q); best = q; }
      });
    })(layer.getLatLngs());
    map.panInside(map.unproject(best), room);
  };
  // Escape closes the open popup wherever the focus is in the map's page, and gives the focus back to the mark that
  // opened it: Leaflet's own Escape works only while the map's container itself has the focus, and a popup opened by
  // a click or by Enter on a mark stayed (a fresh reviewer). A bubbling listener: map-fullscreen.js's, which leaves
  // a filled map on Escape, takes the key first and leaves it to an open popup.
  var shownPopup = null;
  map.on("popupopen", function (e) { shownPopup = e.popup; });
  map.on("popupclose", function (e) { if (shownPopup === e.popup) { shownPopup = null; } });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !shownPopup || !map.hasLayer(shownPopup)) { return; }
    var opener = shownPopup.__opener, mark = opener && opener.getElement ? opener.getElement() : null;
    map.closePopup(shownPopup);
    if (mark && mark.hasAttribute("tabindex")) { mark.focus({preventScroll: true}); }
  });
  map.getContainer().addEventListener("focusin", function(e) {
    // (A marker is brought into the map's view by its own focus handler, map-marks.js __markAccess.)
    setTimeout(function() { reveal(e.target); }, 0);
    setTimeout(function() { reveal(e.target); }, 350);  // after Leaflet's pan to a marker
  });
  map.getContainer().setAttribute("role", "region");
  map.getContainer().setAttribute("aria-label", window.__mapWord("region"));
  var panes = map.getPane("mapPane");
  panes.appendChild(map.getPane("overlayPane"));
  window.__tabOrder = function() {
    var pane = map.getPane("markerPane");
    var icons = Array.prototype.slice.call(pane.querySelectorAll(".leaflet-marker-icon[data-rank]"));
    var sorted = icons.slice().sort(function(a, b) { return a.dataset.rank - b.dataset.rank; });
    if (sorted.some(function(el, i) { return el !== icons[i]; })) {
      sorted.forEach(function(el) { pane.appendChild(el); });
    }
  };
  function draw(data) {
    window.__basemap = L.geoJSON(data, {
      style: function() { return base; },
      onEachFeature: function(f, layer) { layer.bindTooltip(window.__countryName(f.properties), {sticky: true}); }
    }).addTo(map);
    // Countries are reached by keyboard from the list under the map, not one by one here.
    window.__basemap.eachLayer(function(f) {
      var el = f.getElement();
      if (el) { el.setAttribute("tabindex", "-1"); el.setAttribute("aria-hidden", "true"); }
    });
    window.__basemap.bringToBack();
    window.__applyMembership();
    document.getElementById("map_div").setAttribute("data-basemap", "ready");
  }
  (window.__basemapData || fetch(config.url).then(function(r) {
    if (!r.ok) { throw new Error("HTTP " + r.status); }
    return r.json();
  })).then(draw).catch(function(err) {
    console.error("basemap: could not load country polygons", err);
    document.getElementById("map_div").setAttribute("data-basemap", "failed");
    var note = L.control({position: "bottomleft"});
    note.onAdd = function() {
      var d = L.DomUtil.create("div", "map-note");
      d.textContent = window.__mapWord("noOutlines");
      return d;
    };
    note.addTo(map);
  });
  window.__countryLabels(map, labels);
  function zoomClass() {
    var c = map.getContainer();
    c.classList.toggle("zoom-low", map.getZoom() < 5);
  }
  map.on("zoomend", zoomClass);
  window.__wideScreen = function() {
    try { return window.parent.innerWidth >= 1000; } catch (e) { return window.innerWidth >= 1000; }
  };
  // The first view frames the story (the three stops and the border) clear of the map's controls:
  // the legend's open strip at the map's foot on a wide screen, the zoom buttons, the scale. Fitted
  // again once the legend is on the map (its height depends on the width), so nothing of the first
  // view lies under it.
  window.__firstFit = function() {
    var pad = window.__clearOfControls();
    var fit = {animate: false, paddingTopLeft: [0, pad[0][1] - 28], paddingBottomRight: [0, pad[1][1] - 28]};
    try {
      // A link with a map view opens on it instead.
      if (new URL(window.parent.location.href).searchParams.has("lat")) { return; }
    } catch (e) { /* a cross-origin host page: the story's frame */ }
    map.fitBounds(config.bounds, fit);
  };
  window.__firstFit();
  zoomClass();
  window.__mapLayout(map);
  window.__groupingControl(map);
  // What the reader sees, for the downloads (a briefing file, a PNG): the map's bounds and size on
  // the page, kept on the page's window as the map moves (static/app/downloads.js reads them).
  function reportFrame() {
    try {
      var b = map.getBounds(), size = map.getSize();
      window.parent.__mapFrame = {bounds: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]],
                                  size: [size.x, size.y], zoom: map.getZoom()};
    } catch (e) { /* a cross-origin host page */ }
  }
  reportFrame();
  map.on("moveend resize", reportFrame);
  // Whether the map is moving (a drag's glide, a fly to a mark): a download asked for meanwhile waits for it to
  // stop, so that the file holds the frame the reader ends on, not the one they left.
  map.on("movestart", function () { try { window.parent.__mapMoving = true; } catch (e) { /* cross-origin */ } });
  map.on("moveend", function () { try { window.parent.__mapMoving = false; } catch (e) { /* cross-origin */ } });
  map.on("moveend", function() {
    try {
      var c = map.getCenter(), w = window.parent;
      w.__mapView = {lat: c.lat.toFixed(3), lon: c.lng.toFixed(3), z: String(map.getZoom())};
      var url = new URL(w.location.href);
      url.searchParams.set("lat", c.lat.toFixed(3));
      url.searchParams.set("lon", c.lng.toFixed(3));
      url.searchParams.set("z", String(map.getZoom()));
      w.history.replaceState(w.history.state, "", url.toString());
    } catch (e) { /* a cross-origin host page: the view just is not shared */ }
  });
  // A click on a mark or a shaded country names its record in the address bar at once, as the
  // server's reply will: a click made while the page reconnects is then in the link the new
  // session starts from (see README, "After a reconnect").
  var refPattern = new RegExp(config.refPattern);
  map.on("layeradd", function(e) {
    var layer = e.layer;
    if (!layer.getTooltip || layer.__selects) { return; }
    layer.__selects = true;
    layer.on("click", function() {
      var tip = layer.getTooltip(), ref = tip && refPattern.exec(String(tip.getContent()));
      if (!ref || window.__storyApply) { return; }
      try {
        var w = window.parent, url = new URL(w.location.href);
        url.searchParams.set(config.selParam, ref[1]);
        w.history.replaceState(w.history.state, "", url.toString());
      } catch (err) { /* a cross-origin host page */ }
    });
  });
  // The legend: a button that opens a strip along the map's foot on a wide screen, and a box at the top right on
  // a phone, where the map's foot is below the first screen. Closed at first: open, it would cover a fifth of the
  // map (issue 23); the shading is also named above the map and in each tooltip. The first view is fitted again
  // once it is on the map (its height depends on the width).
  window.__mapLegend(map, config.legend, window.__wideScreen(), false);
  window.__firstFit();
};

// The map of a downloaded file, drawn from the data it carries (dashboard/downloads/mapfile.py): the briefing's
// (briefing.js) and the published map's (embed.js). It runs after Leaflet, the polyline decoder and the map's own
// map-marks.js, map-popups.js and map-layout.js, which the dashboard's map runs too, so a file draws what the
// dashboard draws: its layers, styles, legend and layout. Nothing is fetched. Tooltips are the escaped HTML the
// map uses; what a click opens is the page's own (options.popupFor), never HTML from data.
//
// window.__drawMapFile(data, holder, options) -> {map, fit, legendBox(), resized()}
//   data.words, data.lang: the map's words and the file's language (leaflet.map_words, mapfile.map_data).
//   options.wide(): whether the legend is a strip along the map's foot (else a button), asked again by resized();
//   options.popupFor(layer, ref): the popup's content, a Node; options.chosen(ref): told which record a click chose.
(function () {
  "use strict";
  var DIGITS = 3;  // mapfile.COORD_DIGITS

  // A ring or a line is one encoded polyline; a MultiPolygon's polygons are lists of them.
  function decoded(rings, digits) {
    return rings.map(function (r) { return typeof r === "string" ? polyline.decode(r, digits) : decoded(r, digits); });
  }

  window.__drawMapFile = function (data, holder, options) {
    // The map's words in the file's language (dashboard/map/leaflet.py map_words), for the scripts it shares with
    // the dashboard's map (map-marks.js, map-popups.js, map-layout.js).
    window.__mapWords = data.words || window.__mapWords;
    window.__mapLang = data.lang || window.__mapLang;
    var map = L.map(holder, {minZoom: 2, maxZoom: 10, zoomSnap: 0.25, zoomDelta: 1, scrollWheelZoom: false,
                             worldCopyJump: false});
    window.map = map;
    var frame = L.latLngBounds(data.extent);

    // The scale, then the legend (a control needs no view), stacked as on the dashboard: the legend along the
    // map's foot above the scale, clear of the attribution, on a wide map; a button on a narrow one. The frame
    // is then fitted once, above the strip, before anything is drawn.
    L.control.scale().addTo(map);
    window.__scaleWords(map);
    // The legend's HTML is the file's own, in a template (as markup, not as a JSON string of it: a third smaller),
    // with only the rows of what this map draws, known from its data before anything is drawn: the layout's own
    // pass (map-layout.js, from what is drawn) then agrees, and the strip never moves once painted.
    var shown = shownRows(data);
    var wide, legend, legendBox;
    function placeLegend() {
      wide = !!options.wide();
      if (legend) { legend.remove(); }
      // A copy of the template's content, parsed once with the page (not its HTML parsed again).
      var rows = document.getElementById("map-legend").content.cloneNode(true);
      rows.querySelectorAll("[data-show]").forEach(function (row) { row.hidden = !shown[row.getAttribute("data-show")]; });
      rows.querySelectorAll(".lg-title[data-group]").forEach(function (title) {
        var group = title.getAttribute("data-group");
        title.hidden = !rows.querySelector('[data-show][data-group="' + group + '"]:not([hidden])');
      });
      legend = window.__mapLegend(map, rows, wide, wide);
      legendBox = legend.getContainer();
    }
    placeLegend();
    window.__wideScreen = function () { return wide; };
    function fit() {
      // As on the dashboard, whose first view keeps the story above the legend's strip; an open legend box
      // (on paper, where it is always open) keeps the frame to its left.
      var strip = legendBox.classList.contains("strip"), open = legendBox.querySelector("details").open;
      var below = strip ? holder.getBoundingClientRect().bottom - legendBox.getBoundingClientRect().top + 12 : 0;
      var right = !strip && open ? legendBox.offsetWidth + 10 : 0;
      map.fitBounds(frame, {animate: false, paddingBottomRight: [right, below]});
    }
    fit();
    // The edge badge measures from the centre of the reader's frame (the dashboard's, as it was), not from the
    // centre the legend's padding moved the fit to; once the reader pans or zooms, from the map's centre.
    var frameCentre = map.unproject(L.bounds(map.project(frame.getSouthWest(), 0),
                                             map.project(frame.getNorthEast(), 0)).getCenter(), 0);
    var moved = false;
    window.__badgeCentre = function () { return moved ? null : frameCentre; };
    map.on("dragstart zoomstart", function () { if (window.__layoutDone) { moved = true; } });
    map.attributionControl.addAttribution(data.attribution);

    // A page that scrolls: the wheel zooms the map only once the reader has clicked into it.
    map.on("focus click", function () { map.scrollWheelZoom.enable(); });
    map.on("blur mouseout", function () { map.scrollWheelZoom.disable(); });

    var refOf = window.__refOf;
    window.__mapPopups(map);  // what opens lies whole inside the map, clear of its controls, as on the dashboard

    function selectable(layer) {
      if (!layer.getTooltip || layer.__file) { return; }
      layer.__file = true;
      layer.on("click", function (e) {
        var ref = refOf(layer);
        if (options.chosen) { options.chosen(ref); }
        // Narrowed to the room there is and panned clear of the map's controls, as on the dashboard (map-popups.js).
        var popup = L.popup()
          .setLatLng(e.latlng || (layer.getLatLng && layer.getLatLng()))
          .setContent(options.popupFor(layer, ref)).openOn(map);
        // The mark's summary gives way to what it opened (it would lie over the popup).
        layer.closeTooltip();
        // Opened by a key, it takes the focus (its links are next in the Tab order, not after every other mark);
        // Escape, or its close button, gives the focus back to the mark.
        var keyed = e.originalEvent && e.originalEvent.type && e.originalEvent.type.indexOf("key") === 0;
        opener = layer.getElement ? layer.getElement() : null;
        if (keyed) {
          var content = popup.getElement().querySelector(".leaflet-popup-content");
          content.setAttribute("tabindex", "-1");
          content.focus({preventScroll: true});
        }
      });
    }
    var opener = null, shownPopup = null;
    map.on("popupopen", function (e) { shownPopup = e.popup; });
    function closeByKey(e) {
      if (e.key !== "Escape" || !shownPopup || !map.hasLayer(shownPopup)) { return; }
      var back = opener, inside = map.getContainer().querySelector(".leaflet-popup");
      var wasIn = inside && inside.contains(document.activeElement);
      map.closePopup();
      if (back && (wasIn || document.activeElement === back)) { back.focus({preventScroll: true}); }
    }
    document.addEventListener("keydown", closeByKey);
    map.on("popupclose", function (e) {
      if (shownPopup === e.popup) { shownPopup = null; }
      var el = e.popup.getElement();
      if (opener && el && el.contains(document.activeElement)) { opener.focus({preventScroll: true}); }
    });
    function select(layer, e) {
      var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
      layer.fire("click", {latlng: at, originalEvent: e});
    }
    // A mark that opens a record takes focus, named in words, and Enter or Space opens it, as on the dashboard.
    function markReady(layer) {
      selectable(layer);
      if (layer.__name && layer instanceof L.Marker) {
        window.__onEnterOrSpace(layer, function (e) { select(layer, e); });
      }
      window.__markAccess(map, layer, select);
    }
    // A shaded country opens its membership's quotes: it takes focus too, named by its tooltip's words. A country
    // outside the grouping has nothing to open and stays out of the Tab order.
    function countryReady(layer) {
      selectable(layer);
      var el = layer.getElement();
      if (!el) { return; }
      if (!refOf(layer)) {
        el.setAttribute("tabindex", "-1");
        el.setAttribute("aria-hidden", "true");
        return;
      }
      var words = document.createElement("div");
      words.innerHTML = String(layer.getTooltip().getContent());  // the tooltip's escaped HTML, as it shows
      words.querySelectorAll("[data-ref]").forEach(function (r) { r.remove(); });
      words.querySelectorAll("br").forEach(function (br) { br.replaceWith(", "); });  // a line break is a pause
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", words.textContent);
      L.DomEvent.on(el, "keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { L.DomEvent.preventDefault(e); select(layer, e); }
      });
      // Focused while wholly off the map (a member far away, Belarus in a phone's frame): its middle is panned in,
      // at the reader's zoom, clear of the controls, so that its focus ring is seen (a fresh reviewer, issue 28).
      L.DomEvent.on(el, "focus", function () {
        var r = el.getBoundingClientRect(), box = holder.getBoundingClientRect(), pad = window.__clearOfControls();
        if (!r.width || r.right < box.left || r.left > box.right || r.bottom < box.top || r.top > box.bottom) {
          map.panInside(layer.getCenter(), {paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false});
        }
      });
    }

    // A country outside the shaded grouping: its name, in bold, as text (never parsed as HTML).
    function named(name) {
      var b = document.createElement("b");
      b.textContent = name;
      return b;
    }

    // The countries, shaded as on the dashboard on the 'as of' date.
    var status = data.membership || {};
    window.__membership = status;
    var patterned = data.patterned || [];
    // The selected record (and a story step's records) stand out, as on the dashboard.
    var wanted = {};
    (data.highlight || []).forEach(function (id) { wanted[id] = true; });
    function highlight(layer) {
      if (wanted[refOf(layer)]) { window.__highlight(layer, true, patterned); }
    }
    function features(list) {
      return {type: "FeatureCollection", features: list.map(function (c) {
        // [iso2, name, rings, digits]: a MultiPolygon's rings come in a list per polygon.
        var type = typeof c[2][0] === "string" ? "Polygon" : "MultiPolygon";
        return {type: "Feature", properties: {iso2: c[0], name: c[1]},
                geometry: {type: type, coordinates: decoded(c[2], c[3] || DIGITS)}};
      })};
    }
    // Drawn and named as the dashboard's map does (map-marks.js), a status other than membership by its fill
    // pattern too (style.MEMBERSHIP_PATTERN).
    function countryShown(layer) {
      window.__shadeCountry(layer, status, data.land, patterned, named);
      countryReady(layer);
      highlight(layer);
    }
    // What the map opens on first: a country wholly away from the frame (it carries its own digits, mapfile.basemap)
    // is drawn just after the first paint, under everything else.
    var near = data.countries.filter(function (c) { return c.length < 4; });
    var far = data.countries.filter(function (c) { return c.length > 3; });
    window.__basemap = L.geoJSON(features(near), {style: function () { return data.land; }}).addTo(map);
    window.__basemap.eachLayer(countryShown);
    // The Tab order: the stops, the sites, then the lines and the shaded countries (the overlay pane after the
    // marker pane in the document, as on the dashboard; the panes' z-index keeps what is drawn on top).
    map.getPane("mapPane").appendChild(map.getPane("overlayPane"));
    requestAnimationFrame(function () {
      setTimeout(function () {
        L.geoJSON(features(far)).eachLayer(function (layer) {
          window.__basemap.addLayer(layer);
          layer.setStyle(data.land);
          layer.bringToBack();
          countryShown(layer);
        });
        holder.setAttribute("data-basemap", "ready");
        if (window.__layout) { window.__layout(); }
      }, 0);
    });

    window.__countryLabels(map, data.labels);

    // The layers, with the dashboard's own renderer (map-marks.js), in its order.
    window.__markReady = markReady;
    window.feature_group = [];
    data.layers.forEach(function (layer) {
      layer.marks.forEach(function (m) { if (typeof m[1] === "string") { m[1] = polyline.decode(m[1], DIGITS); } });
      var group = L.featureGroup();
      window.__renderMarks(group, layer.marks);
      group.addTo(map);
      window.feature_group.push(group);
    });

    window.feature_group.forEach(function (g) { g.eachLayer(highlight); });

    window.__mapLayout(map);
    // A frame resized across the legend's threshold (a phone turned, a column narrowed): the legend changes form.
    function resized() {
      if (!!options.wide() !== wide) {
        placeLegend();
        if (window.__layout) { window.__layout(); }
      }
    }
    return {map: map, fit: fit, legendBox: function () { return legendBox; }, resized: resized};
  };

  // The legend's rows for what the data draws (as map-layout.js's legend() finds them on the map): the statuses
  // shaded, the stops made or not, the sites' statuses, the lines' kinds; {data-show key: true}.
  function shownRows(data) {
    var shown = {};
    Object.keys(data.membership || {}).forEach(function (code) {
      shown["status:" + data.membership[code].status] = true;
      shown["status:outside"] = true;
    });
    data.layers.forEach(function (layer) {
      layer.marks.forEach(function (m) {
        var icon = m[4] || "";
        if (/stop-made/.test(icon)) { shown["stop:made"] = true; }
        if (/stop-not-made/.test(icon)) { shown["stop:not_made"] = true; }
        var site = /class="site[^"]*" data-status="([a-z_]+)"/.exec(icon);
        if (site) { shown["site:" + site[1]] = true; }
        String((m[8] || {}).className || "").split(" ").forEach(function (c) {
          if (c.indexOf("line-") === 0) { shown[c] = true; }
        });
      });
    });
    return shown;
  }
})();

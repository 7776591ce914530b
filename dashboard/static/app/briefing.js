// The briefing file's map (dashboard/downloads/briefing.py writes this into the file, after Leaflet and the map's own
// map-marks.js, map-popups.js and map-layout.js, which the dashboard's map runs too): the dashboard's layers, styles, legend and
// layout, drawn from the data inside the file. Nothing is fetched. Tooltips are the escaped HTML the map uses; a mark's popup is
// a copy of its record's card from this page (its excerpts, sources and references), never HTML from data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("briefing-data").textContent);
  var holder = document.getElementById("map");
  var map = L.map(holder, {minZoom: 2, maxZoom: 10, zoomSnap: 0.25, zoomDelta: 1, scrollWheelZoom: false,
                           worldCopyJump: false});
  window.map = map;
  var frame = L.latLngBounds(data.extent);

  // The scale, then the legend (a control needs no view), stacked as on the dashboard: the legend along the
  // map's foot above the scale, clear of the attribution, on a wide map; a button on a narrow one. The frame
  // is then fitted once, above the strip, before anything is drawn.
  L.control.scale().addTo(map);
  // From the window's width (the map spans the page up to 1120 px): reading the map's own would lay out the page.
  var wide = Math.min(window.innerWidth, 1120) - 40 >= 700;
  var legend = window.__mapLegend(map, data.legend, wide, wide);
  var legendBox = legend.getContainer();
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
  var frameCentre = map.unproject(L.bounds(map.project(L.latLngBounds(frame).getSouthWest(), 0),
                                           map.project(L.latLngBounds(frame).getNorthEast(), 0)).getCenter(), 0);
  var moved = false;
  window.__badgeCentre = function () { return moved ? null : frameCentre; };
  map.on("dragstart zoomstart", function () { if (window.__layoutDone) { moved = true; } });
  map.attributionControl.addAttribution(data.attribution);

  // A page that scrolls: the wheel zooms the map only once the reader has clicked into it.
  map.on("focus click", function () { map.scrollWheelZoom.enable(); });
  map.on("blur mouseout", function () { map.scrollWheelZoom.disable(); });

  var refOf = window.__refOf;
  window.__mapPopups(map);  // what opens lies whole inside the map, clear of its controls, as on the dashboard

  function popupFor(layer) {
    var ref = refOf(layer), box = document.createElement("div");
    box.className = "popup-evidence";
    var card = ref && !(layer instanceof L.CircleMarker) && document.getElementById("rec-" + ref);
    if (card) {
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("is-current");
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      box.appendChild(copy);
      var more = document.createElement("a");
      more.href = "#rec-" + ref;
      more.className = "to-card";
      more.textContent = "This record in the list below ↓";
      box.appendChild(more);
    } else {
      // A group of marks (a large view), or a record not listed in full: what its tooltip says.
      var tip = layer.getTooltip && layer.getTooltip();
      var summary = document.createElement("div");
      summary.innerHTML = tip ? String(tip.getContent()) : "";
      box.appendChild(summary);
      var note = document.createElement("p");
      note.className = "popup-note";
      note.textContent = layer instanceof L.CircleMarker
        ? "Marks grouped, as on the dashboard's map: narrow the filters there to see them one by one."
        : "Not listed in full in this file: the dashboard's link above shows it.";
      box.appendChild(note);
    }
    return box;
  }

  function selectable(layer) {
    if (!layer.getTooltip || layer.__briefing) { return; }
    layer.__briefing = true;
    layer.on("click", function (e) {
      var ref = refOf(layer);
      document.querySelectorAll(".record.is-current").forEach(function (el) { el.classList.remove("is-current"); });
      var card = ref && document.getElementById("rec-" + ref);
      if (card) { card.classList.add("is-current"); }
      // Narrowed to the room there is and panned clear of the map's controls, as on the dashboard (map-popups.js).
      L.popup()
        .setLatLng(e.latlng || (layer.getLatLng && layer.getLatLng()))
        .setContent(popupFor(layer)).openOn(map);
    });
    if (layer instanceof L.Marker) {
      // Enter or Space on a focused mark opens it, as a click does.
      window.__onEnterOrSpace(layer, function (e) {
        layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e});
      });
    }
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
  var countries = {type: "FeatureCollection", features: data.countries.map(function (c) {
    return {type: "Feature", properties: {iso2: c[0], name: c[1]}, geometry: {type: c[2], coordinates: c[3]}};
  })};
  // Drawn and named as the dashboard's map does (map-marks.js), a status other than membership by its fill
  // pattern too (style.MEMBERSHIP_PATTERN).
  var patterned = data.patterned || [];
  window.__basemap = L.geoJSON(countries, {style: function () { return data.land; }}).addTo(map);
  window.__basemap.eachLayer(function (layer) {
    window.__shadeCountry(layer, status, data.land, patterned, named);
    selectable(layer);
  });
  holder.setAttribute("data-basemap", "ready");

  window.__countryLabels(map, data.labels);

  // The layers, with the dashboard's own renderer (map-marks.js), in its order.
  window.__markReady = selectable;
  window.feature_group = [];
  data.layers.forEach(function (layer) {
    var group = L.featureGroup();
    window.__renderMarks(group, layer.marks);
    group.addTo(map);
    window.feature_group.push(group);
  });

  // The selected record (and a story step's records) stand out, as on the dashboard.
  var wanted = {};
  (data.highlight || []).forEach(function (id) { wanted[id] = true; });
  function highlight(layer) {
    if (wanted[refOf(layer)]) { window.__highlight(layer, true, patterned); }
  }
  window.feature_group.forEach(function (g) { g.eachLayer(highlight); });
  window.__basemap.eachLayer(highlight);

  window.__mapLayout(map);

  // Printing lays the page out again at the paper's width: the map is fitted to its frame there, with its
  // legend open (paper has no button to open it), and back afterwards.
  function refit() { map.invalidateSize({animate: false}); fit(); if (window.__layout) { window.__layout(); } }
  var details = legendBox.querySelector("details");
  window.addEventListener("beforeprint", function () { details.open = true; refit(); });
  window.addEventListener("afterprint", function () { details.open = wide; refit(); });

  var back = document.getElementById("map-reset");
  if (back) { back.addEventListener("click", function () { map.closePopup(); fit(); }); }

  // Painted: everything above is on the map (bench/briefing.py times navigation start to here).
  requestAnimationFrame(function () {
    window.__paintedAt = performance.now();
    holder.setAttribute("data-painted", "1");
  });
})();

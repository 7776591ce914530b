// The published map's own script (dashboard/downloads/embed.py writes it into the file after map-file.js, which draws
// the map): a click on a mark or a shaded country opens its record's quotes, a copy of the file's own <template> for it
// (escaped HTML the file was made with, never HTML from data); a group of marks or a country outside the grouping
// says what its tooltip says. The map fills the frame the file is put in, and follows it when the frame is resized.
// Its words are the file's, in the language it was made in (data.fileWords: mapfile.file_words).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("embed-data").textContent);
  var words = data.fileWords;
  var holder = document.getElementById("map");

  // Under a quote: its article's label, and a link to its place in the article on the dashboard (the reader).
  function cite(excerpt, ref) {
    var source = excerpt.getAttribute("data-s"), line = document.createElement("p");
    var label = document.createElement("span");
    label.textContent = data.sources[source] || source;
    // An article's label is the corpus's, in English: so marked in a file made in another language.
    if (document.documentElement.lang !== "en") { label.lang = "en"; }
    line.appendChild(label);
    if (data.link) {
      var url = new URL("reader", data.link);
      url.searchParams.set("source", source);
      var key = excerpt.getAttribute("data-k");
      url.searchParams.set("excerpt", key.charAt(0) === "." ? ref + key : key);  // ".2": the popup's own record's
      // The language the view's link opens in, which a relative link drops with the rest of its query.
      var lang = new URL(data.link).searchParams.get("lang");
      if (lang) { url.searchParams.set("lang", lang); }
      var a = document.createElement("a");
      a.href = url.href;
      a.rel = "noopener";
      a.textContent = words.read;
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(a);
    }
    excerpt.appendChild(line);
  }

  function popupFor(layer, ref) {
    var box = document.createElement("div");
    box.className = "popup-evidence";
    var quotes = ref && !(layer instanceof L.CircleMarker) && document.getElementById("q-" + ref);
    if (quotes) {
      box.appendChild(quotes.content.cloneNode(true));
      // Its public records and the disagreements about it: parts that several records share, written once.
      var parts = (quotes.getAttribute("data-parts") || "").split(" ").filter(Boolean), refs = null;
      parts.forEach(function (id) {
        var part = document.getElementById(id).content.cloneNode(true);
        if (id.charAt(0) === "r") {
          if (!refs) {
            refs = document.createElement("div");
            refs.className = "references";
            var badge = document.createElement("p");
            badge.className = "ctx-badge";
            badge.textContent = words.publicRecords;
            refs.appendChild(badge);
            box.firstChild.appendChild(refs);
          }
          refs.appendChild(part);
        } else {
          box.firstChild.appendChild(part);
        }
      });
      box.querySelectorAll(".excerpt[data-s]").forEach(function (excerpt) { cite(excerpt, ref); });
      if (data.link) {
        // This view on the dashboard, with the record selected (its evidence panel open).
        var url = new URL(data.link);
        url.searchParams.set("sel", ref);
        var to = document.createElement("p"), a = document.createElement("a");
        to.className = "to-live";
        a.href = url.href;
        a.rel = "noopener";
        a.textContent = words.onDashboard;
        to.appendChild(a);
        box.firstChild.appendChild(to);
      }
    } else {
      var tip = layer.getTooltip && layer.getTooltip();
      var summary = document.createElement("div");
      summary.innerHTML = tip ? String(tip.getContent()) : "";
      box.appendChild(summary);
      if (layer instanceof L.CircleMarker) {
        var note = document.createElement("p");
        note.className = "popup-note";
        note.textContent = words.groupedLive;
        box.appendChild(note);
      }
    }
    return box;
  }

  // The legend along the map's foot where the frame is wide and tall enough for it, else a button: followed as the
  // frame is resized.
  function wide() { return window.innerWidth >= 700 && window.innerHeight >= 420; }
  var drawn = window.__drawMapFile(data, holder, {wide: wide, popupFor: popupFor});
  var map = drawn.map;

  // "About", the time strip's "Ticks" and the legend's button (on a narrow frame; a strip on a wide one) open over the
  // map; Escape closes them and gives the focus back to the button.
  var about = document.querySelector("details.about");
  about.addEventListener("toggle", function () {
    if (about.open) { about.querySelector(".about-panel").focus(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var open = "details.about[open], details.fs-list[open], .map-legend:not(.strip) > details[open]";
    document.querySelectorAll(open).forEach(function (panel) {
      panel.open = false;
      panel.querySelector(":scope > summary").focus();
    });
  });
  // A host that resizes its frame (a phone turned, a column widened): the map follows, its view kept.
  window.addEventListener("resize", function () { map.invalidateSize({animate: false}); drawn.resized(); });

  // Full screen (issue 28): the file alone on the reader's screen, its map's view kept (the resize above); Esc or the
  // button again leaves. Only where the host's frame allows it (allow="fullscreen"; a file opened by itself does).
  // The live map's plugin (11 kB) does not fit the file's size: this is the browser's Fullscreen API on the page,
  // in a Leaflet control, under the zoom buttons (at the top right, above the legend's button as on the live map, it
  // pushed the button onto a stop on a phone's frame: the file's first view does not leave room for both there).
  if (document.fullscreenEnabled) {
    var full = L.control({position: "topleft"});
    full.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar"), button = L.DomUtil.create("a", "full-screen", bar);
      button.href = "#";
      button.setAttribute("role", "button");
      // A toggle keeps its name; aria-pressed says whether it is on, the tooltip what a press does.
      button.setAttribute("aria-label", words.fullscreen);
      button.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path ' +
        'd="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="currentColor" stroke-width="2"/></svg>';
      function shown() {
        var on = !!document.fullscreenElement;
        button.title = on ? words.fullscreenLeave : words.fullscreen;
        button.setAttribute("aria-pressed", on);
      }
      function press(e) {
        L.DomEvent.preventDefault(e);
        var done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
        done.catch(function () { /* refused: the button stays as it was */ });
      }
      L.DomEvent.on(button, "click", press);
      L.DomEvent.on(button, "keydown", function (e) { if (e.key === " ") { press(e); } });
      L.DomEvent.disableClickPropagation(bar);
      document.addEventListener("fullscreenchange", shown);
      shown();
      return bar;
    };
    full.addTo(map);
    if (window.__layout) { window.__layout(); }  // the marks and the start's badge clear of it too
  }

  // Painted: everything above is on the map (bench/briefing.py times navigation start to here).
  requestAnimationFrame(function () {
    window.__paintedAt = performance.now();
    holder.setAttribute("data-painted", "1");
  });
})();

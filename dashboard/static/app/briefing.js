// The briefing file's own script (dashboard/downloads/briefing.py writes it into the file after map-file.js, which
// draws the map): a mark's popup is a copy of its record's card from this page (its excerpts, sources and
// references), never HTML from data; the card chosen stands out in the list; printing refits the map to the paper.
// Its words are the file's, in the language it was made in (data.fileWords: mapfile.file_words).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("briefing-data").textContent);
  var words = data.fileWords;
  var holder = document.getElementById("map");

  function popupFor(layer, ref) {
    var box = document.createElement("div");
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
      more.textContent = words.toCard;
      box.appendChild(more);
    } else {
      // A group of marks (a large view), or a record not listed in full: what its tooltip says.
      var tip = layer.getTooltip && layer.getTooltip();
      var summary = document.createElement("div");
      summary.innerHTML = tip ? String(tip.getContent()) : "";
      box.appendChild(summary);
      var note = document.createElement("p");
      note.className = "popup-note";
      note.textContent = layer instanceof L.CircleMarker ? words.grouped : words.notListed;
      box.appendChild(note);
    }
    return box;
  }

  function chosen(ref) {
    document.querySelectorAll(".record.is-current").forEach(function (el) { el.classList.remove("is-current"); });
    var card = ref && document.getElementById("rec-" + ref);
    if (card) { card.classList.add("is-current"); }
  }

  // From the window's width (the map spans the page up to 1120 px): reading the map's own would lay out the page.
  var wide = Math.min(window.innerWidth, 1120) - 40 >= 700;
  var drawn = window.__drawMapFile(data, holder, {wide: function () { return wide; }, popupFor: popupFor,
                                                  chosen: chosen});
  var map = drawn.map, fit = drawn.fit;

  // Printing lays the page out again at the paper's width: the map is fitted to its frame there, with its
  // legend open (paper has no button to open it), and back afterwards.
  function refit() { map.invalidateSize({animate: false}); fit(); if (window.__layout) { window.__layout(); } }
  var details = drawn.legendBox().querySelector("details");
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

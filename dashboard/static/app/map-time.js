// Any day's shading, drawn in the map's frame without the server: the time strip under the map
// (static/app/time-strip.js) calls window.__previewDay(iso) while its handle moves or plays. The members layer
// hands over the shaded grouping's whole timeline (window.__membershipTimeline, from
// dashboard/map/marks.py membership_timeline); the status of a day is chosen as membership_status chooses it
// (a period holds from its first day up to the day it ended, the later-starting one wins), and each country
// is styled and named as membership_payload would for that day. The server's own shading of the day follows
// once the handle rests; it finds every country drawn already, so nothing is drawn twice.
(function () {
  "use strict";

  // "2015-01-01" as "1 Jan 2015" ("1 янв. 2015 г."), as the server writes it (describe.shown_date): a calendar
  // date, no time zone; the order of its parts ("{d} {m} {y}") and the months' names come with the timeline.
  function dayText(iso, timeline) {
    var p = iso.split("-"), parts = {d: String(Number(p[2])), m: timeline.months[Number(p[1]) - 1], y: String(Number(p[0]))};
    return timeline.day.replace(/\{([dmy])\}/g, function (whole, key) { return parts[key]; });
  }

  window.__statusOn = function (timeline, iso) {
    var out = {}, since = {};
    timeline.periods.forEach(function (p) {
      var code = p[0], first = p[1], ended = p[2];
      if ((first === "" || first <= iso) && (ended === "" || iso < ended) &&
          (!(code in since) || first >= since[code])) {
        since[code] = first;
        out[code] = {style: timeline.styles[p[3]], status: p[3], label: timeline.labels[p[3]],
                     tooltip: p[4] + dayText(iso, timeline) + p[5]};
      }
    });
    return out;
  };

  // Returns whether the frame could shade the day (false before the members layer has come, or without it).
  window.__previewDay = function (iso) {
    var timeline = window.__membershipTimeline;
    if (!timeline || !window.__applyMembership || !/^\d{4}-\d{2}-\d{2}$/.test(String(iso))) { return false; }
    window.__membership = window.__statusOn(timeline, iso);
    window.__membershipDay = iso;
    delete window.__storyShaded;  // the Story page's map no longer shows its step's day (map-story.js)
    window.__applyMembership();
    return true;
  };
})();

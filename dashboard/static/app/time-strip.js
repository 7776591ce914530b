// The time strip under the map (a light component, st.components.v2; data from dashboard/map/time_strip.py
// strip_data): a slider for the membership day, a tick for every change of the shaded grouping and for each of
// the tour's days, Play, Pause and a step to the previous or next change.
//
// One source of truth: the sidebar's "Memberships as of" field. While the handle moves or plays, the map's
// frame shades the day itself (window.__previewDay, static/app/map-time.js) and nothing reaches the server;
// once the handle rests, the day goes through that field (window.__setMembershipDay, static/app/filter-panel.js),
// which numbers it, resends it after a reconnect, and reruns the page once for the panel and the lists. The
// field's own changes move the handle at once (the "dashboard:as-of" event); the server's reply sets it.
// On the Story page (data.variants: every grouping a step shades, and each step's grouping and day) the strip shows
// the step's grouping and day, and follows the step in the browser (the "dashboard:story-step" event); there it
// only looks around in time: the map and the line under it (story-words.js, "dashboard:story-day") show the day,
// nothing is sent, and "Step's day" or a step change brings the step's own back. It has no brush there.
// Days are calendar dates ("2017-02-27"), counted in UTC: the same day in every time zone.
// All text from the data is set with textContent: nothing from annotations.yaml becomes markup.
// Every word the strip says comes with the data, in the page's language (data.text: time_strip.strip_words; data.lang;
// a day's months and the order of its parts: describe.day_forms).

const DAY_MS = 86400000;
const REST_MS = 450;  // the handle rests this long before its day is sent to the server
const PENDING_MS = 4000;
const SAY_MS = 1500;
const CROWD_PX = 6;  // ticks closer than this are one target for a pointer  // while playing, the live region says the changes of this long at once
const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

const toMs = (iso) => { const [y, m, d] = iso.split("-").map(Number); return Date.UTC(y, m - 1, d); };
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso, n) => toIso(toMs(iso) + n * DAY_MS);

// A month on, or back: the same day of that month, or its last day if it has fewer (31 Jan -> 28 Feb).
function addMonths(iso, n) {
  const [y, m, d] = iso.split("-").map(Number);
  const month = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
  return toIso(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), Math.min(d, last)));
}

// A template's {fields} filled in ("{n} changes" with {n: 5}); a field not given is left as it is.
function fill(template, fields) {
  return String(template).replace(/\{(\w+)\}/g, (whole, k) => (fields && k in fields ? String(fields[k]) : whole));
}

// One of the strip's words (data.text), its {fields} filled.
function say(state, key, fields) { return fill(state.data.text[key], fields); }

// A counted word: the form for n in the page's language (data.text[key]: forms by plural category), n put in.
function sayCount(state, key, n, fields) {
  const forms = state.data.text[key];
  const form = forms[new Intl.PluralRules(state.data.lang).select(n)] ?? forms.other;
  return fill(form, {...fields, n: n.toLocaleString(state.data.lang)});
}

// A day in words as the server writes it: long, "27 February 2017" (i18n.format_day; "27 февраля 2017 г."), or
// short, "27 Feb 2017"; the months' names and the order of the parts come with the data.
function dayWords(data, iso, long) {
  const [y, m, d] = iso.split("-").map(Number);
  return fill(long ? data.dayLong : data.dayShort, {d, m: (long ? data.months : data.monthsShort)[m - 1], y});
}

function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// The map's frame, if it is there and has its time script.
function previewInMap(iso) {
  try {
    const frame = document.querySelector(MAP_FRAME);
    const win = frame && frame.contentWindow;
    return !!(win && win.__previewDay && win.__previewDay(iso));
  } catch (err) { return false; }
}

function build(root, state) {
  const row = el("div", {class: "controls"});
  const play = el("button", {type: "button", class: "play", "data-playing": "false", "data-testid": "time-play"});
  const prev = el("button", {type: "button", class: "step", "data-testid": "time-prev"}, "‹");
  const next = el("button", {type: "button", class: "step", "data-testid": "time-next"}, "›");
  const day = el("span", {class: "day", "aria-hidden": "true", "data-testid": "time-day"});
  const group = el("span", {class: "grouping"});
  const back = el("button", {type: "button", class: "back", hidden: "", "data-testid": "time-back"});
  row.append(play, prev, next, day, back, group);

  const ticks = el("div", {class: "ticks", role: "toolbar", "data-testid": "time-ticks"});
  const rail = el("div", {class: "rail", "data-testid": "time-rail"});
  const handle = el("div", {class: "handle", role: "slider", tabindex: "0", "aria-orientation": "horizontal",
    "data-testid": "time-handle"});
  rail.append(el("div", {class: "line"}), handle);
  const axis = el("div", {class: "axis", "aria-hidden": "true"});
  // The brush of dated records (the sidebar's "Dated records between"): two thumbs on a rail of their own.
  const brushWords = el("div", {class: "brush-words", "aria-hidden": "true", "data-testid": "time-brush-words"});
  const brush = el("div", {class: "rail brush", "data-testid": "time-brush"});
  const band = el("div", {class: "band"});
  const thumbs = ["first", "last"].map((end) => el("div", {class: `thumb ${end}`, role: "slider", tabindex: "0",
    "aria-orientation": "horizontal", "data-testid": `time-brush-${end}`}));
  brush.append(el("div", {class: "line"}), band, ...thumbs);
  // It scrolls when its words are long: a Tab stop of its own, so a keyboard scrolls it too.
  const readout = el("div", {class: "readout", role: "region", tabindex: "0", "data-testid": "time-readout"});
  const live = el("div", {class: "sr-only", role: "status", "aria-live": "polite", "data-testid": "time-live"});
  // On the Story page of a phone the strip starts folded to this one button (time-strip.css), so that the step's
  // words still start on the first screen.
  const fold = el("button", {type: "button", class: "fold", "aria-expanded": "false", "data-testid": "time-fold"});
  fold.addEventListener("click", () => {
    const open = !root.classList.contains("open");
    root.classList.toggle("open", open);
    fold.setAttribute("aria-expanded", String(open));
  });
  root.append(fold, row, ticks, rail, axis, brushWords, brush, readout, live);
  Object.assign(state, {fold, play, prev, next, day, group, back, ticks, rail, handle, axis, readout, live, brushWords, brush,
    band, thumbs});
  back.addEventListener("click", () => {
    stop(state, false);
    move(state, state.data.value, "now");
    // The button goes: the focus goes to the handle, and the day is said.
    handle.focus({preventScroll: true});
    state.live.textContent = say(state, "backSaid", {day: state.data.words});
  });

  thumbs.forEach((thumb, k) => thumb.addEventListener("keydown", (e) => {
    const keys = {ArrowLeft: (d) => addDays(d, -1), ArrowDown: (d) => addDays(d, -1),
      ArrowRight: (d) => addDays(d, 1), ArrowUp: (d) => addDays(d, 1),
      PageUp: (d) => addMonths(d, 1), PageDown: (d) => addMonths(d, -1),
      Home: () => (k === 0 ? state.data.first : state.range[0]), End: () => (k === 0 ? state.range[1] : state.data.today)};
    if (!keys[e.key]) { return; }
    e.preventDefault();
    moveRange(state, k, keys[e.key](state.range[k]), "rest");
  }));
  const brushX = (x) => {
    const box = brush.getBoundingClientRect(), share = Math.min(1, Math.max(0, (x - box.left) / box.width));
    return toIso(toMs(state.data.first) + Math.round(share * state.span) * DAY_MS);
  };
  // A finger moves a thumb only once it goes sideways (a vertical swipe scrolls the page, and the browser then
  // cancels the pointer: the range is left as it was, nothing sent); a mouse or a pen moves it at once.
  brush.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) { return; }
    if (heldBack(state, e, "brush")) { return; }
    const day = brushX(e.clientX);
    // The nearer thumb follows the pointer (the last one, where both stand on one day and the pointer is after).
    const near = Math.abs(toMs(day) - toMs(state.range[0])) < Math.abs(toMs(day) - toMs(state.range[1])) ||
      (state.range[0] === state.range[1] && day < state.range[0]) ? 0 : 1;
    state.brushing = near;
    state.rangeBefore = [...state.range];
    brush.setPointerCapture(e.pointerId);
    thumbs[near].focus({preventScroll: true});
    moveRange(state, near, day, "drag");
  });
  brush.addEventListener("pointermove", (e) => {
    if (sideways(state, e, "brush")) { replay(brush, state.touch.down); }
    if (state.brushing !== null) { moveRange(state, state.brushing, brushX(e.clientX), "drag"); }
  });
  const release = () => {
    state.touch = null;
    if (state.brushing === null) { return; }
    state.brushing = null;
    clearTimeout(state.rangeTimer);
    state.rangeTimer = setTimeout(() => sendRange(state), REST_MS);
  };
  brush.addEventListener("pointerup", release);
  brush.addEventListener("pointercancel", () => {
    state.touch = null;
    if (state.brushing === null) { return; }
    const before = state.rangeBefore;
    state.brushing = null;
    state.rangeUnsent = false;
    clearTimeout(state.rangeTimer);
    drawRange(state, before);
  });
  window.addEventListener("dashboard:range", (e) => {
    const pair = e.detail;
    if (state.root.isConnected && Array.isArray(pair) && pair.length === 2 && JSON.stringify(pair) !== JSON.stringify(state.range)) {
      state.rangeSent = JSON.stringify(pair);
      state.rangeSentAt = Date.now();
      drawRange(state, pair);
    }
  });

  handle.addEventListener("keydown", (e) => {
    const keys = {ArrowLeft: (d) => addDays(d, -1), ArrowDown: (d) => addDays(d, -1),
      ArrowRight: (d) => addDays(d, 1), ArrowUp: (d) => addDays(d, 1),
      PageUp: (d) => addMonths(d, 1), PageDown: (d) => addMonths(d, -1),
      Home: () => state.data.first, End: () => state.data.today};
    if (!keys[e.key]) { return; }
    e.preventDefault();
    stop(state, false);
    const before = state.value;
    move(state, keys[e.key](state.value), "rest");
    // The slider says the day; the live region says what changed on the way (a key can cross several changes).
    const back = state.value < before, [lo, hi] = back ? [state.value, before] : [before, state.value];
    const crossed = changes(state).filter((t) => t.day > lo && t.day <= hi);
    if (crossed.length > 3) {  // Home or End over many: how many, and the last crossed (the readout lists them)
      const last = back ? crossed[0] : crossed[crossed.length - 1];
      announce(state, [{words: sayCount(state, back ? "undone" : "crossed", crossed.length,
        {grouping: state.data.grouping, change: last.words})}], false);
    } else {
      announce(state, back ? crossed.reverse().map((t) => ({...t, words: say(state, "backBefore", {change: t.words})}))
        : crossed, false);
    }
  });

  // Drag anywhere on the rail (a mouse, a pen, a finger: the rail lets a vertical swipe scroll the page).
  const fromX = (x) => {
    const box = rail.getBoundingClientRect(), share = Math.min(1, Math.max(0, (x - box.left) / box.width));
    return toIso(toMs(state.data.first) + Math.round(share * state.span) * DAY_MS);
  };
  rail.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) { return; }
    if (heldBack(state, e, "rail")) { return; }
    stop(state, false);
    state.dragging = true;
    state.before = state.value;
    rail.setPointerCapture(e.pointerId);
    handle.focus({preventScroll: true});
    move(state, fromX(e.clientX), "drag");
  });
  rail.addEventListener("pointermove", (e) => {
    if (sideways(state, e, "rail")) { replay(rail, state.touch.down); }
    if (state.dragging) { move(state, fromX(e.clientX), "drag"); }
  });
  const drop = () => { state.touch = null; if (state.dragging) { state.dragging = false; rest(state); } };
  rail.addEventListener("pointerup", drop);
  // The browser took the pointer (a page scroll): the day goes back to where it was, and nothing is sent.
  rail.addEventListener("pointercancel", () => {
    state.touch = null;
    if (!state.dragging) { return; }
    state.dragging = false;
    clearTimeout(state.restTimer);
    state.unsent = false;
    move(state, state.before, "quiet");
  });

  // The ticks: one Tab stop; ← → Home End move among them, Enter or Space (a click) jumps there.
  ticks.addEventListener("keydown", (e) => {
    const all = [...ticks.querySelectorAll("button")];
    const at = all.indexOf(e.target);
    const to = {ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: all.length - 1}[e.key];
    if (at < 0 || to === undefined) { return; }
    e.preventDefault();
    const target = all[Math.max(0, Math.min(all.length - 1, to))];
    all.forEach((b) => b.setAttribute("tabindex", b === target ? "0" : "-1"));
    target.focus();
  });
  // Ticks a few pixels apart (1 and 2 Jan 2015) are one target for a pointer: a click goes to the next of them after
  // the day shown (around again after the last), and hovering shows all of them. A key (Enter) takes the tick focused.
  // Every tick whose target (14 px wide, time-strip.css) is under the pointer at `x`, in order of day.
  const crowd = (x) => [...ticks.querySelectorAll("button")].filter((b) => {
    const box = b.getBoundingClientRect();
    return x >= box.left && x <= box.right;
  });
  // Of those, the ones nearest the pointer (a pixel apart at most): a tap chooses among them, not a tick months on.
  const nearest = (all, x) => {
    const off = (b) => { const box = b.getBoundingClientRect(); return Math.abs((box.left + box.right) / 2 - x); };
    const best = Math.min(...all.map(off));
    return all.filter((b) => off(b) <= best + 1);
  };
  ticks.addEventListener("click", (e) => {
    let button = e.target.closest("button.tick");
    if (!button) { return; }
    const near = e.detail > 0 ? nearest(crowd(e.clientX), e.clientX) : [];  // a pointer's click, not Enter or Space
    if (near.length) { button = near.find((b) => b.dataset.day > state.value) || near[0]; }
    stop(state, false);
    ticks.querySelectorAll("button").forEach((b) => b.setAttribute("tabindex", b === button ? "0" : "-1"));
    move(state, button.dataset.day, "now");
    if (near.length > 1) { state.shown = near.map((b) => state.tickByKey.get(b.dataset.key)); drawReadout(state); }
  });
  const showTick = (e) => {
    const button = e.target.closest && e.target.closest("button.tick");
    if (!button) { return; }
    const near = e.type === "pointerover" ? crowd(e.clientX) : [];
    state.shown = (near.length ? near : [button]).map((b) => state.tickByKey.get(b.dataset.key));
    drawReadout(state);
  };
  ticks.addEventListener("pointerover", showTick);
  ticks.addEventListener("focusin", showTick);
  const hideTick = (e) => {
    if (e.relatedTarget && ticks.contains(e.relatedTarget)) { return; }
    if (state.shown) { state.shown = null; drawReadout(state); }
  };
  ticks.addEventListener("pointerleave", hideTick);
  ticks.addEventListener("focusout", hideTick);

  play.addEventListener("click", () => {
    if (state.playing) { stop(state, true); state.paused = true; } else { start(state); }
  });
  prev.addEventListener("click", () => { stop(state, false); step(state, -1); });
  next.addEventListener("click", () => { stop(state, false); step(state, 1); });

  // The sidebar's field, changed by the reader: the handle follows at once (the server's reply confirms it).
  window.addEventListener("dashboard:as-of", (e) => {
    if (state.root.isConnected && typeof e.detail === "string" && e.detail !== state.value && !state.data.own) {
      stop(state, false);
      state.sent = e.detail;
      state.sentAt = Date.now();
      move(state, e.detail, "quiet");
    }
  });
}

function clamp(state, iso) {
  return iso < state.data.first ? state.data.first : iso > state.data.today ? state.data.today : iso;
}

// Draw the handle on `iso`. how: "drag" and "rest" (a key) shade the map at once and send the day once the
// handle has rested; "now" (a tick, a step, the end of play) sends it at once; "play" only shades; "quiet"
// (the sidebar's field moved) shades and sends nothing; "server" (the server's reply) only draws.
function move(state, iso, how) {
  iso = clamp(state, iso);
  const changed = iso !== state.value;
  state.value = iso;
  const n = Math.round((toMs(iso) - toMs(state.data.first)) / DAY_MS);
  const said = iso === state.data.value ? state.data.words : dayWords(state.data, iso, true);
  state.handle.style.left = `${(100 * n) / Math.max(1, state.span)}%`;
  state.handle.setAttribute("aria-valuenow", String(n));
  state.handle.setAttribute("aria-valuetext", said);
  // Seen: the short form, whole on a phone's row ("27 Sep 2017"); heard: the slider's words in full.
  state.day.textContent = dayWords(state.data, iso, false);
  if (!state.playing) { state.shown = null; }
  if (how !== "play" && how !== "server") { state.log = []; state.paused = false; }
  drawReadout(state);
  if (state.data.story) { storyDay(state); }
  tickStop(state);
  if (how === "server") { return; }
  if (changed && how !== "play") { previewSoon(state); }
  clearTimeout(state.restTimer);
  // Moved by the reader and not sent yet: a server reply meanwhile (to an older change) must not pull it back.
  if (how === "rest" || how === "drag") { state.unsent = true; }
  if (how === "rest") { state.restTimer = setTimeout(() => send(state), REST_MS); }
  if (how === "now") { send(state); }
}

// The ticks' one Tab stop: the latest tick up to the day shown (the first if none is), unless the focus is among
// them already (the arrows move it there).
function tickStop(state) {
  const all = [...state.ticks.querySelectorAll("button")];
  if (!all.length || state.ticks.contains(state.root.getRootNode().activeElement)) { return; }
  const at = all.filter((b) => b.dataset.day <= state.value).pop() || all[0];
  all.forEach((b) => b.setAttribute("tabindex", b === at ? "0" : "-1"));
}

// On the Story page: the way back to the step's day, and the line under the map says the day the map shows.
function storyDay(state) {
  const off = state.value !== state.data.value;
  // Folded on a phone, the button stands for the line under the map too (story.css hides that there).
  const whose = say(state, off ? "whoseStrip" : state.data.own ? "whoseStep" : "whoseSidebar");
  // One line whatever the width (its room is held from the first paint): the day first, the rest cut if need be.
  const said = dayWords(state.data, state.value, false);
  state.fold.replaceChildren(el("b", {}, said),
    " · " + say(state, state.data.shaded ? "foldShaded" : "foldNone", {grouping: state.data.grouping, whose}));
  state.back.hidden = !off;
  state.back.setAttribute("aria-label", say(state, "backLabel", {day: state.data.words}));
  document.dispatchEvent(new CustomEvent("dashboard:story-day", {detail: {off,
    // As the server writes the line (dates.format_date: the full words in Russian, data.text).
    day: dayWords(state.data, state.value, state.data.text === "long"),
    step: dayWords(state.data, state.data.value, state.data.text === "long")}}));
}

// The map shades the day at the next frame (however many moves came since the last one).
function previewSoon(state) {
  if (state.frameAsked) { return; }
  state.frameAsked = true;
  requestAnimationFrame(() => {
    state.frameAsked = false;
    if (state.data.shaded) { previewInMap(state.value); }
  });
}

function rest(state) {
  clearTimeout(state.restTimer);
  state.restTimer = setTimeout(() => send(state), REST_MS);
}

function send(state) {
  clearTimeout(state.restTimer);
  state.unsent = false;
  if (state.data.story) { return; }  // the story's strip only looks around
  if (state.value === state.data.value && !state.sent) { return; }
  state.sent = state.value;
  state.sentAt = Date.now();
  if (window.__setMembershipDay) { window.__setMembershipDay(state.value); }
}

// The brush: thumb k (0 the first day, 1 the last) to `iso`, never past the other thumb. how: "drag" (sent once the
// pointer is up), "rest" (a key: sent once the thumb has rested), "server" (only drawn).
function moveRange(state, k, iso, how) {
  const pair = [...state.range];
  pair[k] = clamp(state, iso);
  if (k === 0 && pair[0] > pair[1]) { pair[0] = pair[1]; }
  if (k === 1 && pair[1] < pair[0]) { pair[1] = pair[0]; }
  drawRange(state, pair);
  state.rangeUnsent = true;
  if (how === "rest") {
    clearTimeout(state.rangeTimer);
    state.rangeTimer = setTimeout(() => sendRange(state), REST_MS);
  }
}

function drawRange(state, pair) {
  state.range = pair;
  const at = (iso) => (100 * Math.round((toMs(iso) - toMs(state.data.first)) / DAY_MS)) / Math.max(1, state.span);
  const [a, b] = pair.map(at);
  state.band.style.left = `${a}%`;
  state.band.style.width = `${b - a}%`;
  const short = (iso) => (iso === state.data.today ? say(state, "today") : dayWords(state.data, iso, false));
  state.thumbs.forEach((thumb, k) => {
    const n = Math.round((toMs(pair[k]) - toMs(state.data.first)) / DAY_MS);
    thumb.style.left = `${[a, b][k]}%`;
    thumb.setAttribute("aria-valuemin", "0");
    thumb.setAttribute("aria-valuemax", String(state.span));
    thumb.setAttribute("aria-valuenow", String(n));
    thumb.setAttribute("aria-valuetext", dayWords(state.data, pair[k], true));
  });
  state.brushWords.replaceChildren(say(state, "brush"), el("span", {class: "kinds"}, " " + say(state, "brushKinds")),
    ": " + say(state, "brushRange", {start: short(pair[0]), end: short(pair[1])}));
  fit(state);
}

// Longer words (Russian's) on a narrow row give way rather than be cut: Play keeps its sign (its name stays for a
// screen reader and the tooltip), then the brush's words drop their kinds (the sidebar names them).
function fit(state) {
  const over = (e) => e.scrollWidth > e.clientWidth + 1;
  state.root.classList.remove("tight-play", "tight-kinds");
  state.root.classList.toggle("tight-play", over(state.group));
  state.root.classList.toggle("tight-kinds", over(state.brushWords));
}

function sendRange(state) {
  clearTimeout(state.rangeTimer);
  state.rangeUnsent = false;
  const key = JSON.stringify(state.range);
  if (key === JSON.stringify(state.data.range) && !state.rangeSent) { return; }
  state.rangeSent = key;
  state.rangeSentAt = Date.now();
  if (window.__setRecordRange) { window.__setRecordRange([...state.range]); }
}

// The change ticks (the shading's), in order of day.
const changes = (state) => state.data.ticks.filter((t) => t.kind === "change");

function step(state, by) {
  const all = changes(state);
  const target = by > 0 ? all.find((t) => t.day > state.value) : [...all].reverse().find((t) => t.day < state.value);
  if (target) {
    move(state, target.day, "now");
    announce(state, [target], false);
  } else if (by > 0 && state.value !== state.data.today) {
    move(state, state.data.today, "now");
  } else if (by < 0 && state.value !== state.data.first) {
    move(state, state.data.first, "now");
  }
}

// Say the changes crossed in the live region, and (`listed`, while playing) list them under the strip.
function announce(state, crossed, listed = true) {
  if (!crossed.length) { return; }
  if (listed) { state.log.push(...crossed); }
  drawReadout(state);
  // While playing, changes come faster than a screen reader reads them: those of the next SAY_MS are said together,
  // rather than each replacing the last before it was read.
  state.unsaid = [...(state.unsaid || []), ...crossed];
  if (state.sayTimer) { return; }
  const say = () => {
    state.live.textContent = state.unsaid.map((t) => t.words).join(". ");
    state.unsaid = [];
    state.sayTimer = state.playing ? setTimeout(() => {
      state.sayTimer = null;
      if (state.unsaid.length) { say(); }
    }, SAY_MS) : null;
  };
  say();
}

// The changes crossed and not said yet (play ended or paused within SAY_MS of them): their words, now.
function unsaid(state) {
  clearTimeout(state.sayTimer);
  state.sayTimer = null;
  const words = (state.unsaid || []).map((t) => t.words).join(". ");
  state.unsaid = [];
  return words ? `${words}. ` : "";
}

// A finger's pointerdown on the rail or the brush (`on`) is held back until it goes sideways (sideways, replay).
function heldBack(state, e, on) {
  if (e.pointerType !== "touch" || state.touchReady) { return false; }
  state.touch = {x: e.clientX, y: e.clientY, id: e.pointerId, on, down: e};
  return true;
}

// A finger that went down on the rail or the brush and now moves sideways more than it moves up or down: a drag.
function sideways(state, e, on) {
  const t = state.touch;
  if (!t || t.on !== on || t.id !== e.pointerId) { return false; }
  const dx = Math.abs(e.clientX - t.x), dy = Math.abs(e.clientY - t.y);
  if (dx < 6 || dx < dy) { return false; }
  return true;
}

// The pointerdown held back, now taken as one (the drag starts where the finger went down).
function replay(target, down) {
  const state = target.closest(".time-strip").__state;
  state.touch = null;
  state.touchReady = true;
  try { target.dispatchEvent(new PointerEvent("pointerdown", down)); } finally { state.touchReady = false; }
}

// Play: from the handle (from the first day if it is at today) to today in about data.playMs; with reduced
// motion, from change to change, data.stepMs each, with no animation between. Each change crossed is said in the
// live region and listed under the strip. window.__timeStripPlayMs, if set, replaces playMs (the tests').
function start(state) {
  // A pause resumes where it stopped; otherwise play starts from the first day.
  if (!state.paused || state.value >= state.data.today) { move(state, state.data.first, "play"); previewInMap(state.value); }
  state.paused = false;
  clearTimeout(state.restTimer);
  state.playing = true;
  state.log = [];
  state.shown = null;
  playLabel(state);
  state.live.textContent = say(state, "playing", {day: dayWords(state.data, state.value, true)});
  drawReadout(state);
  const playMs = window.__timeStripPlayMs || state.data.playMs;
  if (reducedMotion()) {
    const tick = () => {
      if (!state.playing) { return; }
      if (!state.root.isConnected) { state.playing = false; return; }  // the reader left the page: no other page's day
      const target = changes(state).find((t) => t.day > state.value);
      if (!target) {
        if (state.value < state.data.today) {
          move(state, state.data.today, "play");
          state.timer = setTimeout(tick, state.data.stepMs);
        } else { finish(state); }
        return;
      }
      move(state, target.day, "play");
      previewInMap(state.value);
      announce(state, [target]);
      state.timer = setTimeout(tick, Math.min(state.data.stepMs, playMs / Math.max(1, changes(state).length)));
    };
    state.timer = setTimeout(tick, 0);
    return;
  }
  const from = toMs(state.value), to = toMs(state.data.today);
  const perMs = (to - toMs(state.data.first)) / playMs;
  const began = performance.now();
  const frame = (now) => {
    if (!state.playing) { return; }
    if (!state.root.isConnected) { state.playing = false; return; }  // the reader left the page: no other page's day
    const at = Math.min(to, from + Math.floor(((now - began) * perMs) / DAY_MS) * DAY_MS);
    const before = state.value, iso = toIso(at);
    const crossed = changes(state).filter((t) => t.day > before && t.day <= iso);
    move(state, iso, "play");
    if (crossed.length) { previewInMap(iso); announce(state, crossed); }
    if (at >= to) { finish(state); return; }
    state.timer = requestAnimationFrame(frame);
  };
  state.timer = requestAnimationFrame(frame);
}

function finish(state) {
  const pending = unsaid(state);
  stop(state, true);
  const n = state.log.length;
  state.live.textContent = pending + sayCount(state, "played", n, {day: dayWords(state.data, state.value, true)});
}

// The button is named by what it does next ("Play", "Pause"); its sign is not read out.
function playLabel(state) {
  const [sign, name] = state.playing ? ["❚❚", say(state, "pause")] : ["▶", say(state, "play")];
  if (state.play.dataset.playing === String(state.playing) && state.play.textContent.endsWith(name)) { return; }
  state.play.dataset.playing = String(state.playing);
  state.play.replaceChildren(el("span", {"aria-hidden": "true"}, sign), el("span", {class: "name"}, ` ${name}`));
  state.play.title = name;
}

// Pause (or end) play; `send`: the day the handle stopped on goes to the server (the panel, the lists).
function stop(state, sendIt) {
  if (!state.playing) { return; }
  state.playing = false;
  clearTimeout(state.timer);
  cancelAnimationFrame(state.timer);
  playLabel(state);
  drawReadout(state);  // "Changes played", no longer "so far"
  const pending = unsaid(state);
  if (pending) { state.live.textContent = pending.trim(); }
  previewInMap(state.value);  // every tooltip's "as of" at the day stopped on
  if (sendIt) { send(state); }
}

// Under the strip: the tick hovered or focused; else, while playing or once played, the changes it went through
// (the latest first); else the latest change up to the day shown. Each with its sources.
function drawReadout(state) {
  const box = state.readout;
  let items, head;
  if (state.shown) {
    items = state.shown;
    head = "";
  } else if (state.log.length) {
    items = [...state.log].reverse();
    head = say(state, state.playing ? "soFar" : "changesPlayed");
  } else {
    const last = [...changes(state)].reverse().find((t) => t.day <= state.value);
    items = last ? [last] : [];
    const among = state.data.narrowed ? "Filtered" : "";
    head = !state.data.shaded ? say(state, "noneShaded")
      : say(state, (last ? "latest" : "noChange") + among, {grouping: state.data.grouping});
  }
  const key = JSON.stringify([head, items.map((t) => t.key)]);
  if (box.__key === key) { return; }
  box.__key = key;
  box.replaceChildren();
  if (head) { box.append(el("p", {class: "head"}, head)); }
  const list = el("ul");
  for (const t of items) {
    const li = el("li", {class: t.kind});
    li.append(el("span", {class: "words"}, t.words));
    if (t.sources.length) {
      const cites = el("span", {class: "sources"}, ` ${say(state, "sources")} `);
      t.sources.forEach((s, i) => {
        const safe = typeof s.url === "string" && /^https?:\/\//i.test(s.url);
        const link = safe ? el("a", {href: s.url, target: "_blank", rel: "noopener noreferrer"}) : el("span", {});
        // A title in the other language than the page's is read in its own (WCAG 3.1.2): a Russian one on an English
        // page, an English one on a Russian page; its publisher as it is.
        const russian = /[\u0400-\u04FF]/.test(s.title), own = russian ? "ru" : "en";
        link.append(own !== (state.data.lang || "en") ? el("span", {lang: own}, s.title) : s.title);
        if (s.publisher) { link.append(` (${s.publisher})`); }
        cites.append(link);
        if (i < t.sources.length - 1) { cites.append("; "); }
      });
      li.append(cites);
    }
    list.append(li);
  }
  box.append(list);
}

function drawTicks(state) {
  const data = state.data;
  const key = JSON.stringify([data.first, data.today, data.ticks.map((t) => [t.day, t.kind, t.words])]);
  if (state.ticks.__key === key) { return; }
  state.ticks.__key = key;
  state.ticks.setAttribute("aria-label", say(state, "ticks", {grouping: data.grouping}));
  state.ticks.replaceChildren();
  state.tickByKey = new Map();
  data.ticks.forEach((t, i) => {
    t.key = `${t.day}-${t.kind}-${i}`;
    state.tickByKey.set(t.key, t);
    const n = Math.round((toMs(t.day) - toMs(data.first)) / DAY_MS);
    const b = el("button", {type: "button", class: `tick ${t.kind}`, tabindex: "-1",
      "aria-label": t.words, "data-day": t.day, "data-key": t.key, "data-testid": `time-tick-${t.kind}`});
    b.style.left = `${(100 * n) / Math.max(1, state.span)}%`;
    state.ticks.append(b);
  });
  state.axis.replaceChildren();
  const y0 = Number(data.first.slice(0, 4)), y1 = Number(data.today.slice(0, 4));
  for (let y = y0; y <= y1; y += 1) {
    if (y !== y0 && y !== y1 && y % 10 !== 0) { continue; }
    const label = el("span", {class: y === y0 ? "first" : y === y1 ? "last" : ""}, y === y1 ? say(state, "today") : String(y));
    if (y !== y0 && y !== y1) {
      label.style.left = `${(100 * (toMs(`${y}-01-01`) - toMs(data.first))) / DAY_MS / Math.max(1, state.span)}%`;
    }
    state.axis.append(label);
  }
}

export default function (component) {
  const {data, parentElement} = component;
  if (!data.variants) { draw(parentElement, data, false); return undefined; }
  // The Story page: the step's grouping and day, now and at each step change in the browser.
  const forStep = (n) => {
    const step = data.story.steps[n - 1] || data.story.steps[data.story.current - 1];
    const variant = data.variants[step.org];
    return {...variant, value: step.value, words: dayWords(variant, step.value, true), story: true, own: step.own};
  };
  const root = draw(parentElement, forStep(document.__storyStep || data.story.current), false);
  if (root.__onStep) { document.removeEventListener("dashboard:story-step", root.__onStep); }
  // This render's own listener (a superseded render's cleanup may run after a newer render: story-words.js).
  const onStep = (event) => {
    const state = root.__state;
    stop(state, false);
    clearTimeout(state.restTimer);
    state.unsent = false;
    state.live.textContent = "";  // the last grouping's words: the same words said later must be heard again
    draw(parentElement, forStep(event.detail.step), true);
  };
  root.__onStep = onStep;
  document.addEventListener("dashboard:story-step", onStep);
  return () => document.removeEventListener("dashboard:story-step", onStep);
}

// The strip's own names, in the data's language (set again at each draw: a page in another language may reuse it).
function labels(state) {
  state.root.setAttribute("aria-label", say(state, "root"));
  for (const [button, key] of [[state.prev, "prev"], [state.next, "next"]]) {
    button.setAttribute("aria-label", say(state, key));
    button.title = say(state, key);
  }
  state.back.textContent = say(state, "back");
  state.handle.setAttribute("aria-label", say(state, "handle"));
  state.thumbs.forEach((thumb, k) => thumb.setAttribute("aria-label", say(state, k ? "thumbLast" : "thumbFirst")));
  state.readout.setAttribute("aria-label", say(state, "readout"));
}

// Draw the strip for `data`; `force`: the handle goes to data.value whatever the reader is doing (a step change).
function draw(parentElement, data, force) {
  let root = parentElement.querySelector(".time-strip");
  if (!root) {
    root = el("div", {class: "time-strip", "data-testid": "time-strip", role: "group"});
    root.__state = {root, value: null, log: [], playing: false, sent: null, sentAt: 0, tickByKey: new Map(),
      unsent: false, range: null, rangeSent: null, rangeSentAt: 0, rangeUnsent: false, brushing: null};
    build(root, root.__state);
    parentElement.append(root);
    new ResizeObserver(() => fit(root.__state)).observe(root);
  }
  const state = root.__state;
  // Another grouping or other filters while playing: its changes are another timeline, so play stops and the
  // handle takes the day the map now shows (the server's), rather than shading one grouping on another's days.
  const timeline = JSON.stringify([data.grouping, data.ticks.map((t) => [t.day, t.kind, t.words])]);
  if (state.timeline && state.timeline !== timeline && state.playing) {
    stop(state, false);
    state.log = [];
    state.paused = false;
    state.unsent = false;
    state.sent = null;
  }
  state.timeline = timeline;
  state.data = data;
  state.span = Math.round((toMs(data.today) - toMs(data.first)) / DAY_MS);
  state.handle.setAttribute("aria-valuemin", "0");
  state.handle.setAttribute("aria-valuemax", String(state.span));
  state.group.textContent = data.shaded ? say(state, data.narrowed ? "shadedFiltered" : "shaded", {grouping: data.grouping})
    : say(state, "noGrouping");
  state.group.title = data.narrowed ? say(state, "narrowed") : "";
  labels(state);
  playLabel(state);
  drawTicks(state);
  // The server's day, unless the reader has moved on since: a reply to an older day must not pull the handle back.
  const busy = state.playing || state.dragging || state.unsent || (state.sent && state.sent !== data.value &&
    Date.now() - state.sentAt < PENDING_MS);
  if (state.sent === data.value) { state.sent = null; }
  if (state.value === null || !busy || force) { move(state, data.value, "server"); }
  const serverRange = JSON.stringify(data.range);
  const brushing = state.brushing !== null || state.rangeUnsent ||
    (state.rangeSent && state.rangeSent !== serverRange && Date.now() - state.rangeSentAt < PENDING_MS);
  if (state.rangeSent === serverRange) { state.rangeSent = null; }
  if (!state.range || !brushing) { drawRange(state, [...data.range]); }
  root.classList.toggle("story", !!data.story);
  fit(state);
  return root;
}

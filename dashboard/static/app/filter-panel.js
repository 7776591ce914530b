// The sidebar's filters and map controls as one light component (st.components.v2): plain checkboxes,
// date fields and a select.
// Streamlit's own multiselects and date inputs cost ~100 ms of browser time per filter change to
// re-render; this updates a few text nodes and attributes instead.
// All text from the data is set with textContent: nothing from annotations.yaml becomes markup.
// Every word the panel says comes from Python in the language of the page (data.words, data.lang:
// query/filter_panel.py panel_words); none is written here.

const PENDING_MS = 4000;

// A sentence's {name} fields filled in (each value as text).
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// A count in words, in the page's language's plural form: "3 records", "3 записи".
function plural(forms, n, lang) {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return fill(form, {n: n.toLocaleString(lang)});
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

// A change the reader made: remembered (as `shown`, what the panel now shows) until the server's reply
// shows it too, and numbered, then sent with every change not yet applied (see `resend` below).
function change(state, key, value, shown = value) {
  state.pending[key] = {value: JSON.stringify(shown), at: Date.now()};
  state.unapplied.push({key, value, n: ++state.seq});
  state.send();
}

// May the server's value be written into the panel? Not while a newer change of the reader's is on
// its way (a reply to an older click must not undo a newer one); then the pending change is done.
function settled(state, key, value) {
  const pending = state.pending[key];
  // A change not yet applied (sent while the page was connecting) is kept however long that takes.
  const waiting = Date.now() - pending?.at < PENDING_MS || state.unapplied.some((c) => c.key === key);
  if (pending && waiting && pending.value !== JSON.stringify(value)) { return false; }
  delete state.pending[key];
  return true;
}

// The search box: sent on Enter (or the Search button), and when emptied, so that clearing it
// restores the view. Typing alone sends nothing: each search reruns the page.
function buildSearch(search, state) {
  const form = el("form", {class: "search", role: "search", "data-key": search.key});
  const id = "filter-search-input";
  const help = el("p", {class: "help", id: `${id}-help`}, search.help);
  const input = el("input", {type: "search", id, name: "q", maxlength: String(search.max), autocomplete: "off",
    spellcheck: "false", placeholder: search.placeholder, "aria-describedby": help.id, "data-testid": "filter-search"});
  const button = el("button", {type: "submit", "data-testid": "filter-search-submit"}, state.words.search);
  const row = el("div", {class: "search-row"});
  row.append(input, button);
  form.append(el("label", {for: id, class: "search-label"}, search.label), row, help);
  const send = () => {
    const value = input.value.replace(/\s+/g, " ").trim();
    if (value !== state.searched) { state.searched = value; change(state, search.key, value); }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });
  // The field's own clear button (×) and Escape fire "search"; deleting the last character, "input".
  input.addEventListener("search", send);
  input.addEventListener("input", () => { if (input.value === "") { send(); } });
  return form;
}

function updateSearch(form, search, state) {
  if (!settled(state, search.key, search.value)) { return; }
  state.searched = search.value;
  const input = form.querySelector("input");
  // Never overwrite what the reader is typing.
  if (input.getRootNode().activeElement !== input && input.value !== search.value) { input.value = search.value; }
  form.classList.toggle("active", search.value !== "");
}

function facetSummary(facet, chosen, words) {
  if (!chosen.length) { return words.all; }
  const names = new Map(facet.options.map((o) => [o.value, o.name]));
  const shown = chosen.map((v) => names.get(v) || v);
  return shown.length <= 2 ? shown.join(", ") : `${shown.slice(0, 2).join(", ")} +${shown.length - 2}`;
}

function buildFacet(facet, state) {
  const box = el("details", {class: "facet", "data-key": facet.key});
  const summary = el("summary", {title: facet.help});
  summary.append(el("span", {class: "label"}, facet.label), el("span", {class: "chosen"}));
  box.append(summary, el("p", {class: "help"}, facet.help));
  const group = el("div", {class: "options", role: "group", "aria-label": facet.label});
  for (const option of facet.options) {
    const row = el("label", {class: "option"});
    const input = el("input", {type: "checkbox", value: option.value, "data-testid": `filter-${facet.key}-${option.value}`});
    // The count, then for screen readers the word it counts ("records"), in the form its number takes.
    row.append(input, el("span", {class: "name", ...(option.lang ? {lang: option.lang} : {})}, option.name),
      el("span", {class: "count"}),
      el("span", {class: "sr-only"}));
    group.append(row);
  }
  group.addEventListener("change", () => {
    const value = [...group.querySelectorAll("input:checked")].map((i) => i.value);
    box.querySelector(".chosen").textContent = facetSummary(facet, value, state.words);
    change(state, facet.key, value);
  });
  box.append(group);
  return box;
}

function updateFacet(box, facet, state) {
  const keepDom = !settled(state, facet.key, facet.chosen);
  const chosen = new Set(facet.chosen);
  const counts = new Map(facet.options.map((o) => [o.value, o.count]));
  // Only what changed is written: every write makes the browser restyle, and most counts stay put.
  for (const input of box.querySelectorAll("input")) {
    if (!keepDom && input.checked !== chosen.has(input.value)) { input.checked = chosen.has(input.value); }
    const number = counts.get(input.value) || 0;
    const n = number.toLocaleString(state.lang);
    const count = input.parentElement.querySelector(".count");
    if (count.textContent !== n) {
      count.textContent = n;
      input.parentElement.classList.toggle("zero", number === 0);
      const said = plural(state.words.records, number, state.lang);
      input.setAttribute("aria-description", said);
      // "3 records" without its number, after the number shown: " records", " записи".
      input.parentElement.querySelector(".sr-only").textContent = ` ${said.replace(n, "").trim()}`;
    }
  }
  const summary = box.querySelector(".chosen");
  const text = facetSummary(facet, facet.chosen, state.words);
  if (!keepDom && summary.textContent !== text) { summary.textContent = text; }
  box.classList.toggle("active", facet.chosen.length > 0);
}

// "2026-12-05" as "5 Dec 2026" ("5 декабря 2026 г."), the dashboard's way (dates.format_date): each month's
// pattern comes from Python (words.days: "{d} Dec {y}"); a calendar date, no time zone.
function dayText(iso, words) {
  const [y, m, d] = iso.split("-").map(Number);
  return fill(words.days[m - 1], {d, y});
}

// What a date field may hold, and what the map will use instead when it may not, in words (issue 24):
// a day past the reader's today is read as today, a day before the record's start as its first day.
// Nothing is changed without saying so beside the field.
function readDay(value, input, name, words) {
  if (value > input.max) {
    return {value: input.max,
      note: fill(words.after, {field: name, day: dayText(value, words), today: dayText(input.max, words)})};
  }
  if (value < input.min) {
    return {value: input.min,
      note: fill(words.before, {field: name, day: dayText(value, words), first: dayText(input.min, words)})};
  }
  return {value, note: ""};
}

function buildDates(dates, state) {
  const words = state.words;
  const wrap = el("div", {class: "dates"});
  for (const field of dates) {
    const block = el("fieldset", {class: "date", "data-key": field.key, title: field.help});
    block.append(el("legend", {}, field.label));
    const inputs = field.ends.map((end) => {
      const input = el("input", {type: "date", "aria-label": end.label, "data-testid": `filter-${field.key}-${end.name}`});
      const row = el("label", {class: "end"});
      if (field.ends.length > 1) { row.append(el("span", {class: "end-name"}, words[end.name] ?? end.name)); }
      row.append(input);
      block.append(row);
      return input;
    });
    // Where a refused or changed value is said: beside the field, and to a screen reader.
    const note = el("p", {class: "note", role: "status", "aria-live": "polite", "data-testid": `filter-${field.key}-note`});
    const say = (text) => { if (note.textContent !== text) { note.textContent = text; } };
    block.__say = say;
    if (field.today) {
      // "Today" beside the field: the reader's today (the field's max), in one click or key press.
      // Named by its words, inside the field's group (legend): "Today".
      const today = el("button", {type: "button", class: "today", "data-testid": `filter-${field.key}-today`}, words.today);
      today.addEventListener("click", () => {
        const last = inputs.length - 1;
        inputs[last].value = inputs[last].max;
        say("");
        send(true);
      });
      const row = inputs[inputs.length - 1].closest(".end");
      const line = el("div", {class: "end-row"});
      row.replaceWith(line);
      line.append(row, today);
    }
    block.append(note, el("p", {class: "help"}, field.help));
    let timer = null;
    // `final`: the reader has left the field (or pressed Enter), so a value out of range is no longer a year
    // being typed digit by digit (0002, 0020, 0201 …) but what they mean: read it, and say how.
    const send = (final) => {
      const typed = inputs.map((i) => i.value);
      if (typed.some((v) => !v)) {
        clearTimeout(timer);
        if (!final) { inputs.forEach((i) => i.setAttribute("aria-invalid", String(!i.value))); return; }
        // Not a whole date: the field goes back to what the map uses, and says so.
        const shown = block.__server;
        block.__sent = JSON.stringify(shown);
        inputs.forEach((i, k) => { i.value = shown[k]; i.setAttribute("aria-invalid", "false"); });
        const days = shown.map((iso) => dayText(iso, words));
        say(fill(words.whole, {days: days.length === 2 ? fill(words.span, {start: days[0], end: days[1]}) : days[0]}));
        return;
      }
      if (!final && typed.some((v, k) => v < inputs[k].min)) {
        clearTimeout(timer);  // a year still being typed (0002, 0020, 0201 …): nothing is sent yet
        inputs.forEach((i) => i.setAttribute("aria-invalid", String(i.value < i.min || i.value > i.max)));
        return;
      }
      // Each end by its own label ("Dated records from"), a field of one end by the field's.
      const names = field.ends.map((end) => (field.ends.length > 1 ? end.label : field.label));
      const read = typed.map((v, k) => readDay(v, inputs[k], names[k], words));
      let values = read.map((r) => r.value);
      const notes = read.map((r) => r.note).filter(Boolean);
      if (values.length === 2 && values[0] > values[1]) {
        values = [values[1], values[0]];
        notes.push(fill(words.swapped, {field: field.label}));
      }
      inputs.forEach((i, k) => { if (i.value !== values[k]) { i.value = values[k]; } i.setAttribute("aria-invalid", "false"); });
      // A note stays until the reader gives the field a new value (leaving it, or Enter, is not one).
      if (JSON.stringify(values) === block.__sent) { if (notes.length) { say(notes.join(" ")); } return; }
      say(notes.join(" "));
      block.__sent = JSON.stringify(values);
      // The time strip under the map follows the field at once (static/app/time-strip.js); it sends nothing back.
      if (field.today) { window.dispatchEvent(new CustomEvent("dashboard:as-of", {detail: values[0]})); }
      if (values.length === 2) { window.dispatchEvent(new CustomEvent("dashboard:range", {detail: values})); }
      clearTimeout(timer);
      timer = setTimeout(() => {
        change(state, field.key, values.length === 1 ? values[0] : values, values);
      }, final ? 0 : 250);
    };
    if (field.today) {
      // The time strip's day comes through this field (one source of truth: the field, then the server's reply),
      // with its numbering, its notes and its resending after a reconnect.
      window.__setMembershipDay = (iso) => { inputs[0].value = iso; say(""); send(true); };
    }
    if (inputs.length === 2) {
      // The time strip's brush of dated records, the same way ([from, to]).
      window.__setRecordRange = (pair) => { inputs[0].value = pair[0]; inputs[1].value = pair[1]; say(""); send(true); };
    }
    inputs.forEach((input) => {
      input.addEventListener("change", () => send(false));
      input.addEventListener("blur", () => send(true));
      input.addEventListener("keydown", (event) => { if (event.key === "Enter") { send(true); } });
    });
    wrap.append(block);
  }
  return wrap;
}

function updateDates(wrap, dates, state) {
  for (const field of dates) {
    const block = wrap.querySelector(`fieldset[data-key="${CSS.escape(field.key)}"]`);
    const server = field.ends.map((end) => end.value);
    block.__server = server;
    const keepDom = !settled(state, field.key, server);
    if (!keepDom) { block.__sent = JSON.stringify(server); }
    block.querySelectorAll("input").forEach((input, i) => {
      const end = field.ends[i];
      if (input.min !== end.min) { input.min = end.min; }
      if (input.max !== end.max) { input.max = end.max; }
      if (!keepDom && input.getRootNode().activeElement !== input && input.value !== end.value) { input.value = end.value; }
      if (!keepDom && input.getAttribute("aria-invalid") !== "false") { input.setAttribute("aria-invalid", "false"); }
    });
    // A change the server made to a value (a day that passed midnight on its way) is said here too.
    if (field.note && block.__said !== field.note) { block.__say(field.note); }
    block.__said = field.note || "";
  }
}

function buildMap(controls, state) {
  const wrap = el("section", {class: "map-controls", "aria-label": state.words.map});
  wrap.append(el("h3", {}, state.words.map));

  const shade = controls.shade;
  const field = el("label", {class: "field", title: shade.help});
  field.append(el("span", {class: "label"}, shade.label));
  const select = el("select", {"data-testid": "filter-shade"});
  for (const option of shade.options) {
    select.append(el("option", {value: option.value, ...(option.lang ? {lang: option.lang} : {})}, option.name));
  }
  select.addEventListener("change", () => change(state, shade.key, select.value));
  field.append(select, el("span", {class: "help"}, shade.help));
  wrap.append(field);

  const layers = controls.layers;
  const group = el("fieldset", {class: "layers", "data-key": layers.key});
  group.append(el("legend", {}, layers.label));
  for (const option of layers.options) {
    const row = el("label", {class: "chip"});
    row.append(el("input", {type: "checkbox", value: option.value, "data-testid": `filter-layers-${option.value}`}),
      el("span", {}, option.name));
    group.append(row);
  }
  group.addEventListener("change", () => {
    change(state, layers.key, [...group.querySelectorAll("input:checked")].map((i) => i.value));
  });
  wrap.append(group);

  const tiles = controls.tiles;
  const toggle = el("label", {class: "option tiles", title: tiles.help});
  const box = el("input", {type: "checkbox", "data-testid": "filter-tiles"});
  toggle.append(box, el("span", {class: "name"}, tiles.label));
  box.addEventListener("change", () => change(state, tiles.key, box.checked));
  wrap.append(toggle, el("p", {class: "help"}, tiles.help));
  return wrap;
}

function updateMap(wrap, controls, state) {
  const {shade, layers, tiles} = controls;
  if (settled(state, shade.key, shade.value)) { wrap.querySelector("select").value = shade.value; }
  if (settled(state, layers.key, layers.value)) {
    const on = new Set(layers.value);
    wrap.querySelectorAll(".layers input").forEach((i) => { i.checked = on.has(i.value); });
  }
  if (settled(state, tiles.key, tiles.value)) { wrap.querySelector(".tiles input").checked = tiles.value; }
}

// Streamlit reads its embed parameters' names in any case (?EMBED=true is embed mode): so does every link here.
function embedPairs(params, carry) {
  return [...params].filter(([k]) => carry.includes(k.toLowerCase()));
}

// The embed parameters as the page was opened with them: Streamlit's page switch writes back only those it reads
// in lower case (?Embed_Options=Show_Padding was gone after a click on Compare). They cannot change without a load.
function embedOpened(params, carry) {
  if (!window.__embedOpened) { window.__embedOpened = embedPairs(params, carry); }
  return window.__embedOpened;
}

function dropEmbed(params, carry) {
  [...new Set([...params.keys()])].filter((k) => carry.includes(k.toLowerCase())).forEach((k) => params.delete(k));
}

// The embed parameters the page was opened with, if Streamlit does not take one of them (its embed mode wants
// embed=true, its options are a set of names, with it only): the server says which, and why (vs.embed_notices).
function embedMisread(link) {
  const pairs = embedPairs(new URLSearchParams(window.location.search), link.carry || []);
  const on = pairs.some(([k, v]) => k.toLowerCase() === "embed" && v.toLowerCase() === "true");
  const taken = ([k, v]) => on && (k.toLowerCase() === "embed" || (link.options || []).includes(v.toLowerCase()));
  return pairs.every(taken) ? null : pairs;
}

// The address bar: the server's parameters (`want`) plus the map's own view (`keep`: lat, lon, z),
// which the map writes to window.__mapView as it moves (static/app/map-basemap.js; until then the server's, `view`),
// plus Streamlit's embed mode
// (`carry`: every value as it is), so that an embedded page stays embedded.
function syncUrl(link) {
  try {
    const url = new URL(window.location.href);
    const next = new URLSearchParams();
    const view = window.__mapView || {};
    Object.entries(link.want).forEach(([k, v]) => next.set(k, v));
    embedOpened(url.searchParams, link.carry || []).forEach(([k, v]) => next.append(k, v));
    link.keep.forEach((k) => {
      // The map's own position once it has moved, else the one the server read from the link (none where the
      // link's was ignored with a notice), else the address's (the story's step).
      const server = link.view && k in link.view ? link.view[k] : url.searchParams.get(k);
      const v = view[k] !== undefined ? view[k] : server;
      if (v !== null && v !== undefined) { next.set(k, v); }
    });
    const query = next.toString().replace(/%2C/g, ",");
    if (`?${query}` !== url.search && !(query === "" && url.search === "")) {
      window.history.replaceState(window.history.state, "", url.pathname + (query ? `?${query}` : "") + url.hash);
    }
  } catch (err) { console.warn("URL sync unavailable", err); }
}

// Streamlit's page links (the navigation, the phone's bar, st.page_link): opened in a new tab (a middle click,
// Ctrl+click, "Open link in new tab") a link opens its href, which Streamlit writes bare: no language, no filters.
// Each href carries the address's query instead, without the pages' own parameters (the article read, the story's
// step) unless it leads to the page shown, and without embed mode (a new tab opens the whole app, as carryEmbed
// says). A plain click stays Streamlit's: its handler navigates in place, embed mode kept.
const PAGE_LINKS = ['stTopNavLink', 'stTopNavDropdownLink', 'stSidebarNavLink', 'stPageLink-NavLink']
  .map((id) => `a[data-testid="${id}"]`).join(", ");

function carryQuery() {
  const {own, embed} = window.__pageLinks || {own: [], embed: []};
  const here = new URL(window.location.href);
  for (const a of document.querySelectorAll(PAGE_LINKS)) {
    try {
      // Streamlit writes the main page's link as href="" (its url_path), which is the page shown, whichever it is: a
      // new tab from "Map" opened the page the reader was on. It is the app's root, the folder of the pages' links.
      if (a.dataset.page === undefined) { a.dataset.page = a.getAttribute("href") || ""; }
      const to = new URL(a.dataset.page || "./", here);
      if (to.origin !== here.origin) { continue; }
      const query = new URLSearchParams(here.search);
      dropEmbed(query, embed);
      if (to.pathname !== here.pathname) { own.forEach((k) => query.delete(k)); }
      const search = query.toString().replace(/%2C/g, ",");
      const href = to.pathname + (search ? `?${search}` : "") + to.hash;
      if (a.getAttribute("href") !== href) { a.setAttribute("href", href); }
      // Streamlit shows the page's own link in bold only: a screen reader is told too.
      if (to.pathname === here.pathname) { a.setAttribute("aria-current", "page"); }
      else if (a.hasAttribute("aria-current")) { a.removeAttribute("aria-current"); }
    } catch (err) { console.warn("page link unchanged", err); }
  }
  showCurrentInBar(here.pathname);
}

// Where first-paint.css shows the bar. Elsewhere it is not drawn, and measuring it (as the page changes, on every
// batch of elements) forced a layout each time: 55-210 ms of a Charts page's load at 1280 px.
const BAR_SHOWN = window.matchMedia("(max-width: 767.98px)");

// The phone's bar scrolls sideways and keeps its scroll across pages: a page reached some other way (a link in the
// page, Back, a shared link) left its own link out of sight. Until the reader scrolls the bar on this page, the bar
// is scrolled so that the link lies whole in it: when the page is shown, and again whenever the bar's links change
// size (their font arriving, the language switch drawn), which moved the link out again after it had been shown
// (a flaky test on a busy machine). Never once the reader has scrolled it: that would undo their scrolling.
function showCurrentInBar(path) {
  if (!BAR_SHOWN.matches) { return; }
  const bar = document.querySelector(".st-key-phone-nav");
  const link = bar && bar.querySelector('a[aria-current="page"]');
  if (!link) { return; }
  followBar(bar, link);
  // Scrolled by other than us since we last did, on this page: by the reader, or the browser for them (a link
  // focused by Tab, or brought into view for a click). Told here too, not only by the scroll event, which comes a
  // frame later: a focus or a pointer press runs this first, and it undid the focus's scroll (tests caught it).
  if (bar.__shownFor !== path) { bar.__scrolledFor = null; }  // another page shown (Back to one scrolled before)
  else if (bar.__ours !== undefined && Math.abs(bar.scrollLeft - bar.__ours) > 1) { bar.__scrolledFor = path; }
  bar.__shownFor = path;
  if (bar.__scrolledFor === path || bar.scrollWidth <= bar.clientWidth) { return; }
  const room = bar.getBoundingClientRect(), at = link.getBoundingClientRect();
  // Clear of the switch at its start and of the edge (first-paint.css's scroll-padding), as a focused link is.
  const style = getComputedStyle(bar);
  const start = room.left + (parseFloat(style.scrollPaddingInlineStart) || 0);
  const end = room.right - (parseFloat(style.scrollPaddingInlineEnd) || 0);
  // Not scrollIntoView: it would scroll the page as well.
  if (at.left < start) { bar.scrollLeft -= start - at.left; }
  else if (at.right > end) { bar.scrollLeft += Math.min(at.right - end, at.left - start); }
  bar.__ours = bar.scrollLeft;  // as the browser clamped it: the scroll event it fires is ours, not the reader's
}

// Watches the bar once: a scroll that is not ours is the reader's (for the page shown); a change of a link's size
// (or the switch's) may move the page's link out of sight.
function followBar(bar, link) {
  if (!bar.__followed) {
    bar.__followed = true;
    bar.addEventListener("scroll", () => {
      if (bar.__ours === undefined || Math.abs(bar.scrollLeft - bar.__ours) > 1) { bar.__scrolledFor = bar.__shownFor; }
    }, {passive: true});
    bar.__sizes = new ResizeObserver(() => { if (bar.__shownFor) { showCurrentInBar(bar.__shownFor); } });
  }
  bar.querySelectorAll("a, .st-key-language_switch_phone").forEach((e) => bar.__sizes.observe(e));
  bar.__sizes.observe(link);
}

// The hrefs follow the address: whenever the panel writes it (syncUrl), when links are drawn (the phone's bar comes
// after the page, the navigation anew in a full run), and as a link is about to be opened, since the map and the
// story's step write the address too (a pointer down, a context menu, a focus: before a middle click, a new tab).
function followPageLinks(own, embed) {
  window.__pageLinks = {own, embed};
  carryQuery();
  if (window.__pageLinksFollowed) { return; }
  window.__pageLinksFollowed = true;
  // A window narrowed to a phone's width shows the bar again: its page's link is brought into sight then. Hidden,
  // the bar lost its scroll (and with it the reader's): a scroll that differs from ours is not theirs this time.
  BAR_SHOWN.addEventListener("change", () => {
    if (!BAR_SHOWN.matches) { return; }
    const bar = document.querySelector(".st-key-phone-nav");
    if (bar) { delete bar.__ours; bar.__scrolledFor = null; }
    carryQuery();
  });
  let queued = false;
  new MutationObserver(() => {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(() => { queued = false; carryQuery(); });
  }).observe(document.body, {childList: true, subtree: true});
  const before = (e) => { if (e.target instanceof Element && e.target.closest(PAGE_LINKS)) { carryQuery(); } };
  ["pointerdown", "contextmenu", "focusin"].forEach((type) => document.addEventListener(type, before, true));
  // Ctrl, ⌘ or Shift and a click: the browser's new tab or window, not Streamlit's handler (which navigated in
  // place). Stopped here, on the way down, the click never reaches it, and the browser follows the href.
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element ? e.target.closest(PAGE_LINKS) : null;
    if (a && (e.ctrlKey || e.metaKey || e.shiftKey)) { carryQuery(); e.stopPropagation(); }
  }, true);
}

// Streamlit's embed mode goes with every link inside the app (issue 28): a record's "on the map", a Compare row, a
// story's "explore" link reload the page, and would open it whole inside the host's frame. Streamlit's own page
// links keep it themselves. A link that opens a new tab, or leaves the app, opens as it is.
function carryEmbed(carry) {
  if (window.__embedCarried) { return; }
  window.__embedCarried = true;
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
    // A new tab or window (its target, or Ctrl, ⌘, Shift, a middle button) opens the whole app.
    const elsewhere = e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0;
    if (!a || elsewhere || (a.target && a.target !== "_self")) { return; }
    try {
      const here = new URL(window.location.href);
      const kept = embedOpened(here.searchParams, carry);
      const to = new URL(a.getAttribute("href"), here);
      if (!kept.length || to.origin !== here.origin) { return; }
      dropEmbed(to.searchParams, carry);
      kept.forEach(([k, v]) => to.searchParams.append(k, v));
      a.setAttribute("href", to.pathname + to.search.replace(/%2C/g, ",") + to.hash);
    } catch (err) { console.warn("embed: link unchanged", err); }
  }, true);
}

// What a change did, said by screen readers (a polite live region outside the panel, so that it is heard
// with the sidebar closed too). Said on changes only, not when the page loads.
function announce(parts) {
  let live = document.getElementById("dashboard-live");
  if (!live) {
    live = el("div", {id: "dashboard-live", role: "status", "aria-live": "polite", "aria-atomic": "true",
      "data-testid": "live-region"});
    live.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);" +
      "white-space:nowrap;border:0;padding:0";
    document.body.append(live);
    live.__said = parts;
    return;
  }
  // Only what changed: the filters' count, or the selection (a mark picked on the map or from a list).
  const changed = Object.keys(parts).filter(k => parts[k] && live.__said[k] !== parts[k]).map(k => parts[k]);
  live.__said = parts;
  if (changed.length) { live.textContent = changed.join(". "); }
}

// Focus follows the sidebar: into it when it opens (its Collapse button), back to the Expand button when
// it closes with focus inside it or lost. Installed once per page.
function followSidebarFocus() {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  if (!sidebar || sidebar.__focusFollows) { return; }
  sidebar.__focusFollows = true;
  // Closed, it only slides out of view: `inert` takes it out of the Tab order at once (page.css also hides it
  // once it has slid away).
  sidebar.inert = sidebar.dataset.collapsed === "true";
  new MutationObserver(() => {
    const closed = sidebar.dataset.collapsed === "true";
    sidebar.inert = closed;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    setTimeout(() => {
      const now = document.activeElement;
      const moved = now && now !== document.body && now !== active;
      if (moved) { return; }
      if (!closed && (lost || active.closest?.('[data-testid="stExpandSidebarButton"]'))) {
        document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.focus();
      } else if (closed && (lost || sidebar.contains(active))) {
        document.querySelector('[data-testid="stExpandSidebarButton"]')?.focus();
      }
    }, 350);  // once the sidebar has slid (0.3 s) and its buttons are drawn
  }).observe(sidebar, {attributes: true, attributeFilter: ["data-collapsed"]});
}

function shape(data) {
  return JSON.stringify([data.facets.map((f) => [f.key, f.options.map((o) => o.value)]),
    data.dates.map((d) => [d.key, d.ends.length]), data.map.shade.options.map((o) => o.value)]);
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".filter-panel");
  const wanted = shape(data);
  if (!root || root.dataset.shape !== wanted || root.lang !== data.lang) {
    // Rebuilt only when the options themselves change (another corpus), or the language (its words are drawn
    // when it is built); otherwise updated in place. A new language keeps the changes on their way.
    const open = new Set(root ? [...root.querySelectorAll("details[open]")].map((d) => d.dataset.key) : data.open);
    const kept = root && root.dataset.shape === wanted ? root.__state : null;
    if (root) { root.remove(); }
    root = el("div", {class: "filter-panel", "data-testid": "filter-panel", lang: data.lang});
    root.dataset.shape = wanted;
    // `epoch` tells this panel's numbers from another's (a reload, another tab); `session` is the server
    // session's token, which changes when a reconnect lands on a new session.
    root.__state = kept || {pending: {}, send: null, seq: 0, sent: 0, unapplied: [], session: null,
      epoch: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`};
    root.__state.words = data.words;
    root.__state.lang = data.lang;
    root.append(buildSearch(data.search, root.__state));
    for (const facet of data.facets) {
      const box = buildFacet(facet, root.__state);
      if (open.has(facet.key)) { box.open = true; }
      root.append(box);
    }
    root.append(buildDates(data.dates, root.__state));
    const clear = el("button", {type: "button", class: "clear", "data-testid": "filter-clear"}, data.words.clear);
    clear.addEventListener("click", () => change(root.__state, "clear", null));
    root.append(clear, buildMap(data.map, root.__state));
    parentElement.append(root);
  }
  const state = root.__state;
  // Every change the server has not applied goes with each message, in order; the server applies those
  // newer than the last it applied. `sent` makes each message differ, so the server always gets it.
  state.send = (extra) => setStateValue("change", {
    epoch: state.epoch, changes: state.unapplied.slice(-50), sent: ++state.sent, ...extra,
  });
  const applied = data.applied && data.applied.epoch === state.epoch ? data.applied.n : 0;
  state.unapplied = state.unapplied.filter((c) => c.n > applied);
  if (state.session !== null && data.session !== state.session) {
    // A reconnect landed on a new server session (a restarted server, another replica). Streamlit seeded
    // it from the query string the page was loaded with, not from the address bar, and it has not seen
    // the changes made while the page was connecting: send both. This render shows that stale view, so
    // neither the panel nor the address bar take it; the reply redraws them.
    state.session = data.session;
    const search = window.location.search;
    setTimeout(() => state.send({restore: search}), 0);
    return;
  }
  const misread = state.session === null && data.link ? embedMisread(data.link) : null;
  if (misread) { setTimeout(() => state.send({embed: misread}), 0); }
  state.session = data.session;
  if (data.announce) { announce({filters: data.announce, selection: data.announce_selection}); }
  followSidebarFocus();
  updateSearch(root.querySelector("form.search"), data.search, state);
  for (const facet of data.facets) {
    updateFacet(root.querySelector(`details[data-key="${CSS.escape(facet.key)}"]`), facet, state);
  }
  updateDates(root.querySelector(".dates"), data.dates, state);
  updateMap(root.querySelector(".map-controls"), data.map, state);
  if (data.link) {
    state.link = data.link;
    carryEmbed(state.link.carry || []);
    syncUrl(state.link);
    followPageLinks(state.link.own || [], state.link.carry || []);
    // Once more after the map has settled (a link's view is applied by the map a moment later);
    // with the newest parameters, should another change have come in meanwhile.
    clearTimeout(state.linkTimer);
    state.linkTimer = setTimeout(() => { syncUrl(state.link); carryQuery(); }, 400);
  }
}

// The Story page's navigation (issue 14) as one light component (st.components.v2): where the reader is
// ("Step 3 of 9", the date, the place), the step's heading, Previous and Next, the list of steps, and the
// keys (← →, Home, End) and a swipe on a touch screen.
//
// A step change is sent to the server, and shows at once: the heading, the address bar (?story=N), the step's
// words (story-words.js, sent with the page) and the map, which flies to the step (window.__storyGo in the map's
// frame: static/app/map-story.js). The server's run that follows draws what depends on the reader's filters
// (a step's marks outside them, the layers it needs) and the tab's title. A polite live region announces the step, and focus goes to its heading (after
// a key, a swipe or a click in the list; a click on Previous or Next keeps focus on the button, so that it
// can be pressed again). Text from the data is set with textContent: nothing in it becomes markup. Every word
// comes from Python in the page's language (`data.words`, story/navigation.py nav_words), none is written here.

const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';
const SWIPE_PX = 60;
// Each step shown is announced to the step's words (story-words.js), which are drawn in the browser.
const STEP_EVENT = "dashboard:story-step";
const SYNCED_EVENT = "dashboard:story-synced";
// Keys are the page's, except where a control uses them itself.
const OWN_KEYS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const OWN_ROLES = /^(slider|listbox|option|menu|menuitem|menubar|tab|tablist|radio|radiogroup|combobox|grid|tree|spinbutton|textbox)$/;

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  node.append(...children);
  return node;
}

// A template's {fields} filled in, in one pass (braces inside a value stay as they are).
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function announceText(words, step, total) {
  return fill(words.announce, {number: step.n, total, heading: step.heading, date: step.date || words.announceNoDate,
    place: step.place});
}

// The address holds the step shown: after a render too (a link's bad value, or a step a run began before), but a
// first step the address does not name is left unnamed.
function keepAddress(param, n) {
  try {
    const named = new URL(window.location.href).searchParams.get(param);
    if (named !== null ? named !== String(n) : n !== 1) { setAddress(param, n); }
  } catch (err) { console.warn("story: address bar unavailable", err); }
}

function setAddress(param, n) {
  try {
    const url = new URL(window.location.href);
    if (url.searchParams.get(param) !== String(n)) {
      url.searchParams.set(param, String(n));
      window.history.replaceState(window.history.state, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
    }
  } catch (err) { console.warn("story: address bar unavailable", err); }
}

// The map is told directly (no round trip to the server); it may still be loading, so ask again a moment later.
function flyTo(state, n, again, tries = 0) {
  clearTimeout(state.flyTimer);
  let win = null;
  try { win = document.querySelector(MAP_FRAME)?.contentWindow; } catch (err) { win = null; }
  if (win && typeof win.__storyGo === "function") {
    if (win.__storyShown() !== n || again) { win.__storyGo(n, true, again); }
    return;
  }
  if (tries < 300) { state.flyTimer = setTimeout(() => flyTo(state, n, again, tries + 1), 100); }
}

function build(root, state, words) {
  const list = h("ol", {class: "steps-list"});
  const nav = h("nav", {class: "steps", "aria-label": words.steps}, list);
  const meta = h("p", {class: "meta", "data-testid": "story-meta"});
  const heading = h("h2", {class: "heading", tabindex: "-1", "data-testid": "story-heading"});
  const prev = h("button", {type: "button", class: "prev", "data-testid": "story-prev"}, words.prev);
  const next = h("button", {type: "button", class: "next", "data-testid": "story-next"}, words.next);
  const hint = h("p", {class: "hint", id: "story-keys"}, h("span", {class: "keys"}, words.keys),
    h("span", {class: "swipe"}, words.swipe));
  const live = h("div", {class: "live", "aria-live": "polite", "aria-atomic": "true", "data-testid": "story-live"});
  const buttons = h("div", {class: "buttons"}, h("div", {class: "row"}, prev, next), hint);
  prev.setAttribute("aria-describedby", hint.id);
  next.setAttribute("aria-describedby", hint.id);
  root.append(nav, h("div", {class: "bar"}, h("div", {class: "head"}, meta, heading), buttons), live);
  prev.addEventListener("click", () => go(root, state.current - 1, "button"));
  next.addEventListener("click", () => go(root, state.current + 1, "button"));
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-n]");
    if (button) { go(root, Number(button.dataset.n), "list"); }
  });

  const onKey = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    const target = event.composedPath()[0];
    if (target instanceof Element && (OWN_KEYS.has(target.tagName) || target.isContentEditable
        || OWN_ROLES.test(target.getAttribute("role") || "") || target.closest('[data-testid="stSidebar"]'))) {
      return;
    }
    const to = {ArrowLeft: state.current - 1, ArrowRight: state.current + 1, Home: 1, End: state.total}[event.key];
    if (to === undefined) { return; }
    event.preventDefault();
    go(root, to, "key");
  };
  let touch = null;
  const onTouchStart = (event) => {
    const target = event.composedPath()[0];
    // On the page, not on the phone's bar of page links along its bottom (st.bottom, inside stMain).
    const inside = target instanceof Element && target.closest('[data-testid="stMain"]')
      && !target.closest('[data-testid="stBottom"]');
    touch = inside && event.touches.length === 1 && !scrollsSideways(event.composedPath())
      ? {x: event.touches[0].clientX, y: event.touches[0].clientY, t: Date.now()} : null;
  };
  const onTouchEnd = (event) => {
    if (!touch || event.changedTouches.length !== 1) { return; }
    const dx = event.changedTouches[0].clientX - touch.x, dy = event.changedTouches[0].clientY - touch.y;
    const quick = Date.now() - touch.t < 1000;
    touch = null;
    if (quick && Math.abs(dx) >= SWIPE_PX && Math.abs(dy) < Math.abs(dx) * 0.6) {
      go(root, state.current + (dx < 0 ? 1 : -1), "swipe");
    }
  };
  // The keys and the swipe are the document's: attached at each render unless they are already (Streamlit may run
  // the cleanup below and then render the same element again, whose listeners would otherwise be gone for good).
  root.__listen = () => {
    if (root.__listening) { return; }
    root.__listening = true;
    document.addEventListener("keydown", onKey);
    document.addEventListener("touchstart", onTouchStart, {passive: true});
    document.addEventListener("touchend", onTouchEnd, {passive: true});
  };
  root.__cleanup = () => {
    root.__listening = false;
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("touchstart", onTouchStart);
    document.removeEventListener("touchend", onTouchEnd);
    clearTimeout(state.flyTimer);
    delete document.__storyStep;
  };
}

// A swipe along something that scrolls sideways (the step list on a phone, a wide table) is that thing's.
function scrollsSideways(path) {
  return path.some((node) => node instanceof Element && node.scrollWidth > node.clientWidth + 2
    && /(auto|scroll)/.test(getComputedStyle(node).overflowX));
}

function show(root, state) {
  const step = state.steps[state.current - 1];
  root.querySelector(".meta").textContent = fill(state.words.meta,
    {number: step.n, total: state.total, date: step.date || state.words.noDate, place: step.place});
  root.querySelector(".heading").textContent = step.heading;
  root.querySelector(".prev").disabled = state.current <= 1;
  root.querySelector(".next").disabled = state.current >= state.total;
  root.querySelectorAll(".steps-list button").forEach((button) => {
    if (Number(button.dataset.n) === state.current) { button.setAttribute("aria-current", "step"); }
    else { button.removeAttribute("aria-current"); }
  });
  root.dataset.step = String(state.current);
  // The step's words (story-words.js) follow at once, in the browser.
  if (document.__storyStep !== state.current) {
    document.__storyStep = state.current;
    const step = state.current;
    setTimeout(() => document.dispatchEvent(new CustomEvent(STEP_EVENT, {detail: {step}})), 0);
  }
}

function go(root, n, how) {
  const state = root.__state;
  if (n < 1 || n > state.total) { return; }
  const again = n === state.current;
  if (again && how !== "list") { return; }
  const focused = root.getRootNode().activeElement;
  state.current = n;
  state.seq += 1;
  // The server is told first, and the map and the words are drawn in the next task: Streamlit sends the value
  // from a task of its own, which the map's 10 ms of layout would otherwise hold back (a step change then took
  // 1.6× the floor app's select change instead of 1.1×, bench/story.py).
  if (!again) { state.send({epoch: state.epoch, seq: state.seq, step: n}); }
  show(root, state);
  setTimeout(() => { setAddress(state.param, n); flyTo(state, n, again); }, 0);
  const live = root.querySelector(".live");
  live.textContent = announceText(state.words, state.steps[n - 1], state.total);
  // The step's words start at their top again (they scroll in their own box).
  const box = document.querySelector(".st-key-story-words");
  if (box) { box.scrollTop = 0; }
  // Focus follows the step, except on a Previous or Next button that can still be pressed, and after a swipe
  // (a sighted touch: the reader stays where the words are; the live region says what changed).
  if (how !== "swipe" && (how !== "button" || !focused || focused.disabled)) {
    const heading = root.querySelector(".heading");
    heading.focus({preventScroll: true});
    const where = heading.getBoundingClientRect();
    if (where.top < 0 || where.bottom > window.innerHeight) { heading.scrollIntoView({block: "nearest"}); }
  }
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".story-nav");
  // Built again when the steps or the words change (another language).
  const shape = JSON.stringify([data.steps, data.words]);
  if (!root || root.dataset.shape !== shape) {
    if (root) { root.__cleanup(); root.remove(); }
    root = h("div", {class: "story-nav", "data-testid": "story-nav"});
    root.dataset.shape = shape;
    root.__state = {seq: 0, current: data.current, flyTimer: null,
      epoch: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`};
    build(root, root.__state, data.words);
    parentElement.append(root);
  }
  root.__listen();
  // The cleanup this render hands Streamlit acts only while it is the latest render (a superseded render's cleanup
  // can come after a newer render: it must not take the newer one's keys away).
  const token = (root.__token = (root.__token || 0) + 1);
  const cleanup = () => { if (root.__token === token) { root.__cleanup(); } };
  const state = root.__state;
  Object.assign(state, {steps: data.steps, words: data.words, total: data.steps.length, param: data.param,
    send: (value) => setStateValue("go", value)});
  if (state.session !== undefined && state.session !== data.session && state.seq > 0) {
    // A reconnect landed on a new server session, which starts from the link the page was loaded with:
    // it is told the reader's step, and this render (that stale step) is not shown.
    state.session = data.session;
    state.send({epoch: state.epoch, seq: state.seq, step: state.current});
    return cleanup;
  }
  state.session = data.session;
  const list = root.querySelector(".steps-list");
  if (!list.children.length) {
    data.steps.forEach((step) => list.append(h("li", {}, h("button", {type: "button", "data-n": String(step.n),
      title: step.heading}, h("span", {class: "num"}, String(step.n)), h("span", {class: "lbl"}, ` ${step.label}`)))));
  }
  // The server's step, unless a newer change of the reader's is still on its way to it.
  const applied = data.applied && data.applied.epoch === state.epoch ? data.applied.seq : null;
  if (applied === null || applied >= state.seq) {
    state.current = data.current;
  }
  if (applied !== null && applied >= state.seq) {
    // The server has the reader's latest step (the tab's title is its); a test or the bench may wait for this.
    document.dispatchEvent(new CustomEvent(SYNCED_EVENT, {detail: {step: state.current, seq: applied}}));
  }
  show(root, state);
  keepAddress(state.param, state.current);
  flyTo(state, state.current, false);
  return cleanup;
}

// "Download briefing (HTML)" and "Download map (PNG)" as one light component (st.components.v2; dashboard/ui/downloads.py).
// A click sends what the server cannot know by itself: the map as the reader sees it now (its frame, which the
// map keeps on this window as it moves, and the address bar's lat, lon and z). The server makes the file on
// that request only, never on an ordinary rerun, and sends it back once; it is saved from here as a Blob.
// All text is set with textContent. The words come with the data, in the page's language (data.words:
// dashboard/downloads/delivery.py download_words; data.lang for numbers).

const KINDS = [
  {kind: "html", testid: "download-briefing"},
  {kind: "embed", testid: "download-embed"},
  {kind: "png", testid: "download-png"},
];

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

function sizeText(bytes, words, lang) {
  if (bytes >= 1e6) {
    const n = (bytes / 1e6).toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    return words.mb.replace("{n}", n);
  }
  return words.kb.replace("{n}", Math.max(1, Math.round(bytes / 1e3)).toLocaleString(lang));
}

// The link is clicked inside the component: a click outside it would close the popover the buttons sit in.
function save(file, where) {
  const raw = atob(file.data);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
  const url = URL.createObjectURL(new Blob([bytes], {type: file.mime}));
  const link = el("a", {href: url, download: file.name});
  link.style.display = "none";
  where.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export default function (component) {
  const {data, parentElement, setTriggerValue} = component;
  const words = data.words, lang = data.lang;
  let root = parentElement.querySelector(".downloads");
  // The page's language changed (the switch reruns the page with the component kept): its words are drawn again,
  // its requests' state kept.
  let kept = null;
  if (root && root.__lang !== lang) {
    kept = root.__state;
    root.remove();
    root = null;
  }
  if (!root) {
    root = el("div", {class: "downloads", "data-testid": "downloads"});
    root.__state = kept || {asked: null, done: new Set(), seq: Date.now() % 1e9};
    root.__lang = lang;
    const row = el("div", {class: "buttons"});
    for (const item of KINDS) {
      const said = words.kinds[item.kind];
      const button = el("button", {type: "button", "data-kind": item.kind, "data-testid": item.testid,
                                   title: said.help, "aria-describedby": `${item.testid}-help`}, said.label);
      button.addEventListener("click", () => {
        const state = root.__state;
        if (state.asked !== null) { return; }
        state.asked = ++state.seq;
        const asked = state.asked;
        // The map may still be gliding from a drag: the file is of the frame it stops on (map-basemap.js), which
        // the address bar then holds too. Waited for at most 3 s.
        const since = Date.now();
        const send = () => {
          if (window.__mapMoving && Date.now() - since < 3000) { setTimeout(send, 50); return; }
          const frame = window.__mapFrame || null;
          setTriggerValue("ask", {kind: item.kind, n: asked, search: window.location.search, frame});
        };
        send();
        // aria-disabled, not disabled: a disabled button would lose the focus, and the popover with it.
        root.querySelectorAll("button").forEach((b) => { b.setAttribute("aria-disabled", "true"); });
        status.textContent = words.making[item.kind];
        status.className = "status";
      });
      row.append(button);
    }
    const status = el("p", {class: "status", role: "status", "aria-live": "polite", "data-testid": "download-status"});
    const helps = el("div", {class: "helps"});
    for (const item of KINDS) {
      // Each help says which button it is about, as the buttons wrap above them.
      const help = el("p", {class: "help", id: `${item.testid}-help`});
      const said = words.kinds[item.kind];
      help.append(el("b", {}, `${said.short}: `), said.help);
      helps.append(help);
    }
    root.append(row, status, helps);
    parentElement.append(root);
  }
  const state = root.__state;
  const ready = data && data.ready;
  if (ready && ready.n === state.asked && !state.done.has(ready.n)) {
    state.done.add(ready.n);
    state.asked = null;
    root.querySelectorAll("button").forEach((b) => { b.removeAttribute("aria-disabled"); });
    const status = root.querySelector(".status");
    if (ready.error) {
      status.textContent = ready.error;
      status.className = "status error";
    } else {
      save(ready, root);
      status.textContent = words.saved.replace("{name}", ready.name).replace("{size}", sizeText(ready.bytes, words, lang));
      status.className = "status done";
    }
  }
}

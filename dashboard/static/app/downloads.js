// "Download briefing (HTML)" and "Download map (PNG)" as one light component (st.components.v2; dashboard/ui/downloads.py).
// A click sends what the server cannot know by itself: the map as the reader sees it now (its frame, which the
// map keeps on this window as it moves, and the address bar's lat, lon and z). The server makes the file on
// that request only, never on an ordinary rerun, and sends it back once; it is saved from here as a Blob.
// All text is set with textContent.

const KINDS = [
  {kind: "html", label: "Download briefing (HTML)", testid: "download-briefing", short: "Briefing",
   help: "One file: the map, every record in view with its excerpts and sources, the link. Opens offline."},
  {kind: "embed", label: "Publish this view (HTML)", testid: "download-embed", short: "Publish",
   help: "The map alone, in one small file for your own site or CMS: put it on any web server and show it in an " +
         "iframe. A click opens the quotes; it fetches nothing, so your readers never reach this server."},
  {kind: "png", label: "Download map (PNG)", testid: "download-png", short: "Map (PNG)",
   help: "The map as an image for slides: 1920 px wide, with its legend, date, attribution and link."},
];

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

function sizeText(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
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
  let root = parentElement.querySelector(".downloads");
  if (!root) {
    root = el("div", {class: "downloads", "data-testid": "downloads"});
    root.__state = {asked: null, done: new Set(), seq: Date.now() % 1e9};
    const row = el("div", {class: "buttons"});
    for (const item of KINDS) {
      const button = el("button", {type: "button", "data-kind": item.kind, "data-testid": item.testid,
                                   title: item.help, "aria-describedby": `${item.testid}-help`}, item.label);
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
        status.textContent = {html: "Making the briefing…", embed: "Making the published map…"}[item.kind] ||
          "Drawing the map…";
        status.className = "status";
      });
      row.append(button);
    }
    const status = el("p", {class: "status", role: "status", "aria-live": "polite", "data-testid": "download-status"});
    const helps = el("div", {class: "helps"});
    for (const item of KINDS) {
      // Each help says which button it is about, as the buttons wrap above them.
      const help = el("p", {class: "help", id: `${item.testid}-help`});
      help.append(el("b", {}, `${item.short}: `), item.help);
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
      status.textContent = `Saved ${ready.name} (${sizeText(ready.bytes)}).`;
      status.className = "status done";
    }
  }
}

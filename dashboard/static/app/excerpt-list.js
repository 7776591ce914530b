// The map page's list of excerpts as one light component (st.components.v2): a page of cards and a pager.
// Text from the data is set with textContent; links only ever point at the app's article reader.
// Every word the list says comes from Python in the page's language (data.words, data.lang:
// evidence/excerpts.py excerpt_list_words); the corpus's words carry their own language where it is not the
// page's (each card's `langs`: an English quote is marked lang="en" on a Russian page).

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

// A sentence's {name} fields filled in (each value as text).
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The attributes of an element holding one of a card's corpus texts: its language, where not the page's.
function langOf(item, part) {
  const lang = (item.langs || {})[part];
  return lang ? {lang} : {};
}

function card(item, words) {
  const article = el("article");
  const title = el("h4");
  title.append(el("span", langOf(item, "title"), item.title));
  if (item.disputed) { title.append(" ", el("span", {class: "flag"}, words.flag)); }
  const source = el("p", {class: "source"});
  source.append(el("strong", langOf(item, "label"), item.label), el("br"), el("span", langOf(item, "cite"), item.cite),
    el("br"));
  if (/^reader\?/.test(item.link)) {
    // A new tab, as Streamlit's markdown links: the map stays as the reader left it.
    source.append(el("a", {href: item.link, target: "_blank", rel: "noopener noreferrer"}, words.read));
  }
  source.append(` · ${fill(words.characters, {start: item.start, end: item.end})}`);
  article.append(title, el("blockquote", langOf(item, "quote"), item.quote), source);
  return article;
}

function build(parentElement, words, lang, setStateValue) {
  const root = el("div", {class: "excerpt-list", "data-testid": "excerpt-list", lang});
  const pager = el("nav", {class: "pager", "aria-label": words.pages});
  const prev = el("button", {type: "button", class: "prev", "aria-label": words.prev_label}, words.prev);
  const next = el("button", {type: "button", class: "next", "aria-label": words.next_label}, words.next);
  pager.append(prev, el("span", {class: "where", "aria-live": "polite"}), next);
  root.append(pager, el("div", {class: "cards"}));
  root.__seq = 0;
  const go = (step) => {
    const target = root.__page + step;
    if (target < 1 || target > root.__pages) { return; }
    setStateValue("page", {page: target, seq: `${Date.now()}.${++root.__seq}`});
  };
  prev.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  parentElement.append(root);
  return root;
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  const {words, lang} = data;
  let root = parentElement.querySelector(".excerpt-list");
  // Built anew in another language (its buttons' words are drawn when it is built).
  if (root && root.lang !== lang) { root.remove(); root = null; }
  if (!root) { root = build(parentElement, words, lang, setStateValue); }
  root.__page = data.page;
  root.__pages = data.pages;
  const first = (data.page - 1) * data.size + 1;
  const last = Math.min(data.total, data.page * data.size);
  const form = words.where[new Intl.PluralRules(lang).select(data.total)] ?? words.where.other;
  const where = fill(form, {first: first.toLocaleString(lang), last: last.toLocaleString(lang),
    n: data.total.toLocaleString(lang), page: data.page.toLocaleString(lang), pages: data.pages.toLocaleString(lang)});
  if (root.querySelector(".where").textContent !== where) { root.querySelector(".where").textContent = where; }
  root.querySelector(".prev").disabled = data.page <= 1;
  root.querySelector(".next").disabled = data.page >= data.pages;
  root.querySelectorAll(".pager button").forEach((b) => { b.hidden = data.pages <= 1; });
  // The same page of cards (a change that keeps these records) is left as it is.
  const shown = JSON.stringify([lang, data.cards]);
  if (root.__shown !== shown) {
    root.__shown = shown;
    root.querySelector(".cards").replaceChildren(...data.cards.map((item) => card(item, words)));
  }
}

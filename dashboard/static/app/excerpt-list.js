// The map page's list of excerpts as one light component (st.components.v2): a page of cards and a pager.
// Text from the data is set with textContent; links only ever point at the app's article reader.

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

function card(item) {
  const article = el("article");
  const title = el("h4", {}, item.title);
  if (item.disputed) { title.append(" ", el("span", {class: "flag"}, "⚠ sources disagree")); }
  const source = el("p", {class: "source"});
  source.append(el("strong", {}, item.label), el("br"), item.cite, el("br"));
  if (/^reader\?/.test(item.link)) {
    // A new tab, as Streamlit's markdown links: the map stays as the reader left it.
    source.append(el("a", {href: item.link, target: "_blank", rel: "noopener noreferrer"}, "Read in the article ↗"));
  }
  source.append(` · characters ${item.start}–${item.end}`);
  article.append(title, el("blockquote", {}, item.quote), source);
  return article;
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".excerpt-list");
  if (!root) {
    root = el("div", {class: "excerpt-list", "data-testid": "excerpt-list"});
    const pager = el("nav", {class: "pager", "aria-label": "Pages of excerpts"});
    const prev = el("button", {type: "button", class: "prev", "aria-label": "Previous page"}, "‹ Previous");
    const next = el("button", {type: "button", class: "next", "aria-label": "Next page"}, "Next ›");
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
  }
  root.__page = data.page;
  root.__pages = data.pages;
  const first = (data.page - 1) * data.size + 1;
  const last = Math.min(data.total, data.page * data.size);
  const where = `${first}–${last} of ${data.total.toLocaleString("en")} excerpt${data.total === 1 ? "" : "s"} · page ${data.page} of ${data.pages}`;
  if (root.querySelector(".where").textContent !== where) { root.querySelector(".where").textContent = where; }
  root.querySelector(".prev").disabled = data.page <= 1;
  root.querySelector(".next").disabled = data.page >= data.pages;
  root.querySelectorAll(".pager button").forEach((b) => { b.hidden = data.pages <= 1; });
  // The same page of cards (a change that keeps these records) is left as it is.
  const shown = JSON.stringify(data.cards);
  if (root.__shown !== shown) {
    root.__shown = shown;
    root.querySelector(".cards").replaceChildren(...data.cards.map(card));
  }
}

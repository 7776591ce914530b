// The language switch (dashboard/ui/language.py): each language named in itself and marked with its language
// (lang=), the page's own pressed. A choice is sent to the server, which runs the whole page in it.
// Configuration: {"languages": [[code, name], ...], "active": code, "page": the page's lang attribute,
// "label": the group's name, "skipWords": the words of Streamlit's skip link in the page's language, and on the
// phone's bar "skip": {"css", "text"} of the link that leads to it}.

// The phone's bar of page links is drawn after the page, so its switch came last in the Tab order. A link first in
// the page's Tab order (ahead of Streamlit's "Skip to main content"), seen only when focused, leads to it: Enter
// moves the focus to the switch's pressed button. Outside Streamlit's tree (the body's first child), which it
// never redraws.
function skipTo(root, data) {
  if (!document.getElementById("language-skip-style")) {
    const style = document.createElement("style");
    style.id = "language-skip-style";
    style.textContent = data.skip.css;
    document.head.append(style);
  }
  let link = document.getElementById("language-skip");
  if (!link) {
    link = document.createElement("a");
    link.id = "language-skip";
    link.className = "language-skip";
    link.href = "#";
    link.setAttribute("data-testid", "language-skip");
    document.body.prepend(link);
  }
  link.__root = root;
  if (!link.__follows) {
    link.__follows = true;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const buttons = link.__root.querySelectorAll("button");
      // The bar is fixed at the foot of the screen: focused, it is in view already, and the browser's scroll to it
      // moved the page under the reader (430 px and more on a phone).
      ([...buttons].find((b) => b.getAttribute("aria-pressed") === "true") || buttons[0])?.focus({preventScroll: true});
    });
  }
  // "Language: English, Русский" (the page's words around {languages}), each language's name in its own language.
  const names = data.languages.map(([code, name]) => {
    const span = document.createElement("span");
    span.lang = code;
    span.textContent = name;
    return span;
  });
  const [before, after = ""] = data.skip.text.split("{languages}");
  link.replaceChildren(before, ...names.flatMap((span, i) => (i ? [", ", span] : [span])), after);
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".language-switch");
  if (!root) {
    root = document.createElement("div");
    root.className = "language-switch";
    root.setAttribute("role", "group");
    root.setAttribute("data-testid", "language-switch");
    parentElement.append(root);
  }
  root.setAttribute("aria-label", data.label);
  // The page's language, for screen readers and the browser's own translation offer (WCAG 3.1.1).
  document.documentElement.lang = data.page;
  // Streamlit's skip link, the first stop of the keyboard, says "Skip to main content" whatever the page's language
  // and has no way to be told otherwise (README "In Russian"). Its words are a constant of Streamlit's, which React
  // never writes again: said here, they stay.
  const skip = document.querySelector('[data-testid="stSkipToContent"]');
  if (skip && data.skipWords && skip.textContent !== data.skipWords) {
    skip.textContent = data.skipWords;
  }
  // The buttons are made once and changed in place: the one pressed keeps the keyboard's focus through the run
  // the choice starts (replaced, it would drop the focus to the page's body).
  const codes = JSON.stringify(data.languages);
  if (root.__codes !== codes) {
    root.__codes = codes;
    root.replaceChildren(...data.languages.map(([code, name]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.lang = code;
      button.textContent = name;
      button.addEventListener("click", () => {
        if (button.getAttribute("aria-pressed") !== "true") {
          setStateValue("lang", {lang: code, seq: `${Date.now()}`});
        }
      });
      return button;
    }));
  }
  root.querySelectorAll("button").forEach((button) => {
    button.setAttribute("aria-pressed", String(button.lang === data.active));
  });
  if (data.skip) { skipTo(root, data); }
}

// The language switch (dashboard/ui/language.py): each language named in itself and marked with its language
// (lang=), the page's own pressed. A choice is sent to the server, which runs the whole page in it.
// Configuration: {"languages": [[code, name], ...], "active": code, "page": the page's lang attribute,
// "label": the group's name, "skip": the words of Streamlit's skip link in the page's language}.

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
  if (skip && data.skip && skip.textContent !== data.skip) {
    skip.textContent = data.skip;
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
}

// The Story page's words and the line under its map (issue 29): every step's, as escaped HTML built by
// dashboard/story/html.py and story/view.py, come with the page, and a step change shows its own at once, in the
// browser. The step the server drew is on the page already, in an st.html element of ours (`data.target`, its
// class): drawn with the page, so nothing moves as this script loads; this component shows nothing itself, and
// swaps that element's content. The navigation (story-nav.js) announces each step it shows with a
// "dashboard:story-step" event on the document and keeps it in document.__storyStep; the time strip
// (time-strip.js) the day it looks at with "dashboard:story-day". Its words come from Python (`data.say`,
// story/view.py caption_words), in the page's language.
const STEP_EVENT = "dashboard:story-step";
const DAY_EVENT = "dashboard:story-day";

export default function (component) {
  const {data} = component;
  const target = () => document.querySelector(`.${data.target}`);
  // Content the server drew (the element is new, or the server drew it again): it is the step of its run.
  const ours = (el) => el.__html !== undefined && el.innerHTML === el.__html;
  const show = (n) => {
    const el = target(), html = data.words[n - 1];
    if (!el || typeof html !== "string") { return; }
    if (!ours(el) && n === data.current) { el.__step = n; el.__html = el.innerHTML; return; }
    if (ours(el) && el.__step === n) { return; }
    el.innerHTML = html;
    el.__step = n;
    el.__html = el.innerHTML;
  };
  // This render's own listeners: Streamlit may run a superseded render's cleanup after a newer render, which must
  // keep its own.
  const onStep = (event) => show(event.detail.step), onDay = (event) => sayDay(target(), event.detail, data.say);
  document.addEventListener(STEP_EVENT, onStep);
  document.addEventListener(DAY_EVENT, onDay);
  show(document.__storyStep || data.current);
  return () => {
    document.removeEventListener(STEP_EVENT, onStep);
    document.removeEventListener(DAY_EVENT, onDay);
  };
}

// The line under the map names the day the map shows: the step's, or the one the time strip looks at.
function sayDay(el, detail, say) {
  const day = el && el.querySelector(".story-day"), whose = el && el.querySelector(".story-whose");
  if (!day || !whose) { return; }
  if (whose.__said === undefined || !el.contains(whose)) { whose.__said = whose.textContent; }
  day.textContent = detail.day;
  whose.textContent = detail.off && say ? say.offStrip.replace("{day}", detail.step) : whose.__said;
}

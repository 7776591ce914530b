// In the head of the page's HTML (dashboard/first_paint.py). Switches off each first-paint sheet that matters only
// while Streamlit draws a kind of element as its placeholder (a style element whose data-until-drawn is the
// placeholder's selector) once such a placeholder has been in the page and none is left, with the app's run
// finished: Streamlit then has that kind's code, and never draws its placeholder again. Such sheets hold :has()
// rules that made every later layout of the page cost (~6 ms a forced layout on the Charts page, where plotly
// measures its texts one by one, against ~0.4 ms). A sheet whose placeholder never came stays on: it costs, but
// the page never moves for want of it.
(function () {
  var waiting = Array.prototype.slice.call(document.querySelectorAll("style[data-until-drawn]"));
  var seen = new WeakSet();
  if (!waiting.length || typeof MutationObserver !== "function") return;
  function runFinished() {
    var app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute("data-test-script-state") === "notRunning";
  }
  var observer = new MutationObserver(function () {
    waiting = waiting.filter(function (sheet) {
      if (document.querySelector(sheet.getAttribute("data-until-drawn"))) {
        seen.add(sheet);
        return true;
      }
      if (!seen.has(sheet) || !runFinished()) return true;
      sheet.disabled = true;
      return false;
    });
    if (!waiting.length) observer.disconnect();
  });
  observer.observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                              attributeFilter: ["data-test-script-state"]});
})();

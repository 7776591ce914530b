// In the head of the page's HTML (dashboard/first_paint.py). Switches off each first-paint sheet that matters only
// while Streamlit draws a kind of element as its placeholder (a style element whose data-until-drawn is the
// placeholder's selector) once one such placeholder has been drawn over in place (its parent still in the page, the
// placeholder gone from it) and none is left, with the app's run finished: Streamlit then has that kind's code, and
// never draws its placeholder again. A placeholder that went with its page (a page switched before the code came)
// proves nothing. Such sheets hold :has() rules that made every later layout of the page cost (~6 ms a forced
// layout on the Charts page, where plotly measures its texts one by one, against ~0.4 ms). A sheet whose
// placeholder never came stays on: it costs, but the page never moves for want of it.
(function () {
  var waiting = Array.prototype.slice.call(document.querySelectorAll("style[data-until-drawn]"));
  var seen = new Map();  // sheet -> [[a placeholder's parent, the placeholder], ...]
  if (!waiting.length || typeof MutationObserver !== "function") return;
  function drawnOver(pair) {
    return pair[0].isConnected && !pair[0].contains(pair[1]);
  }
  function runFinished() {
    var app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute("data-test-script-state") === "notRunning";
  }
  var observer = new MutationObserver(function () {
    waiting = waiting.filter(function (sheet) {
      var placeholders = document.querySelectorAll(sheet.getAttribute("data-until-drawn"));
      var pairs = seen.get(sheet) || [];
      seen.set(sheet, pairs);
      if (placeholders.length) {
        placeholders.forEach(function (p) {
          if (p.parentElement && !pairs.some(function (pair) { return pair[1] === p; })) pairs.push([p.parentElement, p]);
        });
        return true;
      }
      if (!runFinished() || !pairs.some(drawnOver)) return true;
      sheet.disabled = true;
      seen.delete(sheet);
      return false;
    });
    if (!waiting.length) observer.disconnect();
  });
  observer.observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                              attributeFilter: ["data-test-script-state"]});
})();

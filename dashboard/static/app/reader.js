// The article reader's page: a click or Enter on a highlighted passage says which records it supports;
// the focused excerpt (a deep link's) is scrolled to and said at once.
var info = document.getElementById("info");
function show(m) {
  var items = JSON.parse(m.getAttribute("data-supports"));
  info.textContent = "";
  var b = document.createElement("b"); b.textContent = "This passage supports: "; info.appendChild(b);
  items.forEach(function (it, i) {
    var s = document.createElement("span");
    s.textContent = (i ? "; " : "") + it[1] + " (ref: " + it[0] + ")";
    info.appendChild(s);
  });
}
document.querySelectorAll("mark.hl").forEach(function (m) {
  m.addEventListener("click", function () { show(m); });
  m.addEventListener("keydown", function (e) { if (e.key === "Enter") { show(m); } });
});
var focus = document.querySelector("mark.focus");
if (focus) { focus.scrollIntoView({block: "center"}); show(focus); }

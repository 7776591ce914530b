// The article reader's page: a click or Enter on a highlighted passage says which records it supports;
// the focused excerpt (a deep link's) is scrolled to and said at once. Its words come in the page's one JSON
// element ({"words": {"supports", "item"}, "lang"}: dashboard/evidence/reader.py); a record's title is the
// corpus's (English), marked lang="en" on a page in another language.
var config = JSON.parse(document.querySelector('script[type="application/json"]').textContent);
var words = config.words;
var info = document.getElementById("info");
// A template's {fields} filled in as nodes: text for a string, the node itself for a node.
function fill(template, fields) {
  var out = document.createDocumentFragment();
  template.split(/(\{\w+\})/).forEach(function (part) {
    var key = /^\{(\w+)\}$/.exec(part);
    var value = key && Object.prototype.hasOwnProperty.call(fields, key[1]) ? fields[key[1]] : part;
    if (value) { out.appendChild(typeof value === "string" ? document.createTextNode(value) : value); }
  });
  return out;
}
function show(m) {
  var items = JSON.parse(m.getAttribute("data-supports"));
  info.textContent = "";
  var b = document.createElement("b"); b.textContent = words.supports + " "; info.appendChild(b);
  items.forEach(function (it, i) {
    var s = document.createElement("span");
    var title = document.createElement("span");
    title.textContent = it[1];
    if (config.lang !== "en") { title.setAttribute("lang", "en"); }
    if (i) { s.appendChild(document.createTextNode("; ")); }
    s.appendChild(fill(words.item, {title: title, ref: it[0]}));
    info.appendChild(s);
  });
}
document.querySelectorAll("mark.hl").forEach(function (m) {
  m.addEventListener("click", function () { show(m); });
  m.addEventListener("keydown", function (e) { if (e.key === "Enter") { show(m); } });
});
var focus = document.querySelector("mark.focus");
if (focus) { focus.scrollIntoView({block: "center"}); show(focus); }

// "Share this view" (dashboard/ui/share.py): the address bar's link, a copy button, a citation and the code that
// embeds the view in another page, in the share box's own frame. Configuration: {"version": the corpus version,
// "height": the embed's height in px, "lang": the language the link and the embed open in (null: the address bar's),
// "embedOptions": the embed options the page takes (link.EMBED_TAKEN), "words": the box's words in the page's
// language (dashboard/ui/share.py share_box_words)} in #share-box-config.
(function () {
  var config = JSON.parse(document.getElementById("share-box-config").textContent);
  var version = config.version, link = document.getElementById("link"), cite = document.getElementById("cite");
  var embed = document.getElementById("embed"), words = config.words;
  // The page's words in place of the file's English: a label names its word (data-w); the fields and buttons are
  // known by their ids.
  document.querySelectorAll("[data-w]").forEach(function (el) { el.textContent = words[el.getAttribute("data-w")]; });
  [["link", "linkLabel"], ["cite", "citationLabel"], ["embed", "embedLabel"]].forEach(function (pair) {
    document.getElementById(pair[0]).setAttribute("aria-label", words[pair[1]]);
  });
  document.getElementById("copy").textContent = words.copy;
  document.getElementById("copy-embed").textContent = words.copyEmbed;
  // Streamlit's embed mode (no menu, no header) is the embed code's, not the link's: a link opens the whole app.
  var EMBED = ["embed", "embed_options"];
  // The address bar, in the language of the page it is shared from: a link sent opens in the sender's language.
  function address() {
    try {
      var url = new URL(window.parent.location.href);
      if (config.lang) { url.searchParams.set("lang", config.lang); }
      return url;
    } catch (e) { return null; }
  }
  function title() { try { return window.parent.document.title; } catch (e) { return words.dashboard; } }
  // The page's language (its <html lang>): the box's own words are in it, and so is the embed's title, which a
  // host page in another language must not read with its own rules (WCAG 3.1.2).
  function pageLang() { try { return window.parent.document.documentElement.lang || ""; } catch (e) { return ""; } }
  if (pageLang()) { document.documentElement.lang = pageLang(); }
  function attr(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  // The reader's calendar day (toISOString would give UTC's: 30 Nov at 20:30 on 29 Nov in Los Angeles), in the
  // page's words: words.days holds each month's pattern ("{d} Dec {y}", "{d} декабря {y} г.": dates.day_templates).
  function today() {
    var d = new Date();
    return words.days[d.getMonth()].replace("{d}", d.getDate()).replace("{y}", d.getFullYear());
  }
  // Streamlit reads the embed parameters' names and values in any case (?EMBED=True is embed mode): each is
  // dropped whatever its case, and the embed code carries the options Streamlit takes (config.embedOptions), as
  // written once, in lower case; an option it ignores is left out (a fresh reviewer, issue 28).
  function withoutEmbed(url) {
    var options = [];
    Array.from(new Set(url.searchParams.keys())).forEach(function (k) {
      if (EMBED.indexOf(k.toLowerCase()) < 0) { return; }
      if (k.toLowerCase() === "embed_options") {
        url.searchParams.getAll(k).forEach(function (v) {
          v = v.toLowerCase();
          if (config.embedOptions.indexOf(v) >= 0 && options.indexOf(v) < 0) { options.push(v); }
        });
      }
      url.searchParams.delete(k);
    });
    return options;
  }
  function refresh() {
    var url = address();
    if (!url) { return; }
    withoutEmbed(url);
    var h = url.toString().replace(/%2C/g, ",");
    if (link.value !== h) {
      link.value = h;
      cite.value = words.cite.replace("{day}", today()).replace("{version}", version).replace("{link}", h);
    }
    var inside = address(), options = withoutEmbed(inside);
    inside.searchParams.set("embed", "true");
    options.forEach(function (v) { inside.searchParams.append("embed_options", v); });
    var lang = pageLang();
    var code = '<iframe src="' + attr(inside.toString().replace(/%2C/g, ",")) + '" title="' + attr(title()) +
      '"' + (lang ? ' lang="' + attr(lang) + '"' : "") +
      ' width="100%" height="' + config.height + '" style="border: 0; max-width: 100%" ' +
      // Full screen for the map's button; the clipboard for the share box's own copy buttons, inside the host.
      'allow="fullscreen; clipboard-write" ' +
      'loading="lazy"></iframe>';
    if (embed.value !== code) { embed.value = code; }
  }
  refresh();
  // The address bar changes without this frame reloading (filters, map moves): follow it while open.
  setInterval(refresh, 500);
  function copier(button, field, said, press) {
    button.onclick = function () {
      refresh();
      navigator.clipboard.writeText(field.value).then(function () { said.textContent = words.copied; },
        function () { field.select(); said.textContent = press; });
    };
  }
  copier(document.getElementById("copy"), link, document.getElementById("ok"), words.pressLink);
  copier(document.getElementById("copy-embed"), embed, document.getElementById("ok-embed"), words.pressCode);

  // The box is a dialog (Streamlit's popover), which leaves the focus on its button while its content comes last
  // in the page: a keyboard reader would Tab through the whole page to reach it. Opened, it takes the focus (the
  // link first, as a dialog should); Escape closes it from here and gives the focus back to its button.
  function opener() {
    try {
      if (!window.frameElement || !window.frameElement.closest('[data-testid="stPopoverBody"]')) { return null; }
      return window.parent.document.querySelector('[data-testid="stPopoverButton"][aria-expanded="true"]');
    } catch (e) { return null; }
  }
  if (opener()) { link.focus({preventScroll: true}); }
  document.addEventListener("keydown", function (e) {
    var button = e.key === "Escape" && opener();
    if (button) { e.preventDefault(); button.click(); button.focus(); }
  });
})();

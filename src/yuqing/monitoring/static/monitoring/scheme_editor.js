// Scheme editor: show the boxes of the chosen mode, and a live preview of what the scheme matches.
// Loaded as a static file (the Content-Security-Policy forbids inline scripts). Everything shown
// comes from collected documents, so it is written with textContent, never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("scheme-form");
  if (!form) { return; }
  var previewUrl = form.getAttribute("data-preview-url");
  var fields = ["mode", "place_words", "subject_words", "exclude_words", "expression"];
  var timer = null;
  var sequence = 0;

  function mode() {
    var checked = form.querySelector("input[name=mode]:checked");
    return checked ? checked.value : "simple";
  }

  function showMode() {
    var simple = mode() === "simple";
    document.getElementById("simple-boxes").hidden = !simple;
    document.getElementById("advanced-box").hidden = simple;
  }

  function params() {
    var query = new URLSearchParams();
    fields.forEach(function (name) {
      if (name === "mode") { query.set("mode", mode()); return; }
      var input = form.elements[name];
      if (input) { query.set(name, input.value); }
    });
    return query;
  }

  function render(data) {
    var count = document.getElementById("preview-count");
    var expression = document.getElementById("preview-expression");
    var error = document.getElementById("preview-error");
    var list = document.getElementById("preview-list");
    list.textContent = "";
    error.hidden = !data.error;
    error.textContent = data.error || "";
    count.textContent = data.error ? "—" : String(data.total);
    expression.textContent = data.expression || "";
    (data.sample || []).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "doctitle";
      link.href = doc.url;
      link.textContent = doc.title;
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = [doc.published, doc.site, doc.sentiment].filter(Boolean).join(" · ");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    document.getElementById("preview").setAttribute("data-ready", "1");
  }

  function refresh() {
    var mine = ++sequence;
    fetch(previewUrl + "?" + params().toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (mine === sequence) { render(data); } })
      .catch(function () { /* the next keystroke tries again */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", function () { showMode(); schedule(); });
  showMode();
  refresh();
})();

// Tabs over panes: <nav class="tabs"> links to <div class="tabpane" id=…>. Without this script every pane
// shows and the tabs are links down the page. With it, one pane shows: the one the address names (#pane-x,
// or an element inside it, as a form's return to #tasks), else the first. Opening a pane redraws its charts.
(function () {
  var nav = document.querySelector("nav.tabs");
  if (!nav) { return; }
  var tabs = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
  var panes = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("href").slice(1)); });

  function paneOf(hash) {
    var target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var i = 0; target && i < panes.length; i++) {
      if (panes[i] && panes[i].contains(target)) { return i; }
    }
    return -1;
  }

  function show(index) {
    tabs.forEach(function (tab, i) {
      var on = i === index;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.classList.toggle("active", on);
      if (panes[i]) { panes[i].hidden = !on; }
    });
    window.dispatchEvent(new Event("resize"));  // a chart drawn while hidden takes its size now
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function (event) {
      event.preventDefault();
      show(i);
      history.replaceState(null, "", tab.getAttribute("href"));
    });
  });
  window.addEventListener("hashchange", function () { var i = paneOf(location.hash); if (i >= 0) { show(i); } });
  var start = paneOf(location.hash);
  show(start >= 0 ? start : 0);
  if (start >= 0 && location.hash.slice(1) !== panes[start].id) {
    document.getElementById(decodeURIComponent(location.hash.slice(1))).scrollIntoView();
  }
})();

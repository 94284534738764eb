// The dashboard: reads the JSON of briefings:dashboard_data and draws it with the vendored ECharts.
// Collected text (event titles, site names, words) is untrusted: it only ever goes into textContent
// or into canvas (tooltips in richText mode), never into HTML.
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  if (!root || !window.echarts) { return; }
  var t = function (key) { return root.getAttribute("data-t-" + key) || key; };
  var FONT = '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';
  var COLORS = { negative: "#d83931", neutral: "#8f959e", positive: "#2ea121", unknown: "#c9cdd4" };
  var charts = [];

  function chart(id) {
    var box = document.getElementById(id);
    var made = echarts.getInstanceByDom(box);
    if (made) { made.clear(); return made; }
    made = echarts.init(box, null, { renderer: "canvas" });
    charts.push(made);
    return made;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    if (/^\/[^\/]/.test(href)) { a.setAttribute("href", href); } // our own pages only
    return a;
  }

  function base(extra) {
    var option = { textStyle: { fontFamily: FONT }, tooltip: { renderMode: "richText" }, animation: false };
    for (var key in extra) { option[key] = extra[key]; }
    return option;
  }

  function volume(data) {
    var negative = data.negative_means ? t("negative") + " (" + data.negative_means + ")" : t("negative");
    chart("dash-volume").setOption(base({
      tooltip: { trigger: "axis", renderMode: "richText" }, legend: { data: [t("total"), negative], top: 0 },
      grid: { left: 40, right: 16, top: 30, bottom: 30 },
      xAxis: { type: "category", data: data.labels }, yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("total"), type: "line", smooth: true, areaStyle: { opacity: 0.1 }, data: data.values, itemStyle: { color: "#1456f0" } },
        { name: negative, type: "bar", data: data.negative, itemStyle: { color: COLORS.negative } }
      ]
    }));
  }

  function sentiment(rows) {
    chart("dash-sentiment").setOption(base({
      series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}\n{d}%" },
        data: rows.map(function (r) { return { name: r.label, value: r.count, itemStyle: { color: COLORS[r.key] || "#c9cdd4" } }; }) }]
    }));
  }

  function risk(data) {
    document.getElementById("dash-risk-count").textContent = String(data.total);
    document.getElementById("dash-risk-link").setAttribute("href", data.url);
    list("dash-risk", data.types, function (r) {
      var li = el("li"); li.appendChild(link(r.url, r.label || r.type)); li.appendChild(el("span", " · " + r.count + " " + t("posts"), "meta"));
      return li;
    });
  }

  function bars(id, names, values, color) {
    chart(id).setOption(base({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: { hideOverlap: true } }, yAxis: { type: "category", data: names.slice().reverse() },
      series: [{ type: "bar", data: values.slice().reverse(), itemStyle: { color: color || "#1456f0" }, label: { show: true, position: "right" } }]
    }));
  }

  // The map card (briefings/area_map.py): the office's area as its division tree, a level drawn as a map
  // where the office installed outlines for it; a national map only from the office's own file, which
  // the server has checked for the South China Sea islands. Nothing national is shipped or drawn otherwise.
  var mapState = { data: null, index: {}, names: {} };

  function mapUrl(name) { return root.getAttribute("data-maps") + "?name=" + encodeURIComponent(name); }

  function note(text) { document.getElementById("dash-map-note").textContent = text; }

  function indexTree(node, parent) {
    node.parent = parent; mapState.index[node.code] = node; mapState.names[node.code] = node.name;
    node.children.forEach(function (child) { indexTree(child, node); });
  }

  function kidsOf(node) {
    var kids = node.children.slice();
    if (node.rest && kids.length) { kids.push({ code: "", name: node.name + " · " + t("rest"), value: node.rest, children: [], rest: 0 }); }
    return kids;
  }

  function trail(node) {
    var box = document.getElementById("dash-map-trail"), chain = [];
    while (box.firstChild) { box.removeChild(box.firstChild); }
    for (var n = node; n; n = n.parent) { chain.unshift(n); }
    chain.forEach(function (n, i) {
      if (i) { box.appendChild(el("span", "›", "sep")); }
      if (i === chain.length - 1) { box.appendChild(el("span", n.name + " · " + n.value, "here")); return; }
      var up = el("button", n.name, "linklike"); up.type = "button";
      up.addEventListener("click", function () { showArea(n); });
      box.appendChild(up);
    });
  }

  function open(node) {
    if (!node || !node.code) { return; }
    if (node.children.length) { showArea(node); } else { window.location.href = mapState.data.search + node.code; }
  }

  function showArea(node) {
    var box = document.getElementById("dash-map"), area = mapState.data.area;
    box.setAttribute("data-view", "area"); box.setAttribute("data-code", node.code);
    trail(node);
    var own = area.codes.length && area.codes[0] !== area.tree.code;
    note(t("area-note") + (own ? " " + t("own-note") : ""));
    var kids = kidsOf(node).filter(function (k) { return k.value > 0; });
    bars("dash-cities", kids.slice(0, 12).map(function (k) { return k.name; }), kids.slice(0, 12).map(function (k) { return k.value; }), "#de7802");
    if (mapState.data.outlines.indexOf(node.code) >= 0) { outline(node, kids); } else { treemap(node, kids); }
  }

  function treemap(node, kids) {
    var shape = function (k, depth) {
      var item = { name: k.code ? k.name : t("rest"), value: k.value, code: k.code };  // inside its block: no parent name
      if (k.own && mapState.data.area.codes[0] !== mapState.data.area.tree.code) { item.itemStyle = { borderColor: COLORS.negative, borderWidth: 3 }; }
      if (depth < 1) { item.children = kidsOf(k).filter(function (c) { return c.value > 0; }).map(function (c) { return shape(c, depth + 1); }); }
      return item;
    };
    var view = chart("dash-map");
    view.setOption(base({
      tooltip: { renderMode: "richText", formatter: function (p) { return p.name + ": " + p.value + " " + t("posts"); } },
      series: [{ type: "treemap", animation: false, roam: false, nodeClick: false, breadcrumb: { show: false }, top: 0, left: 0, right: 0, bottom: 0,
        label: { show: true, formatter: "{b}\n{c}", color: "#fff", fontFamily: FONT },
        upperLabel: { show: true, height: 22, formatter: "{b}  {c}", color: "#fff", fontFamily: FONT },
        // level 0 is the (hidden) root; 1 the places inside the shown one; 2 the places inside those
        levels: [{ itemStyle: { borderWidth: 0, gapWidth: 3 }, upperLabel: { show: false } },
                 { itemStyle: { borderWidth: 3, gapWidth: 1, borderColorSaturation: 0.6 } },
                 { colorSaturation: [0.35, 0.55], itemStyle: { borderWidth: 1, gapWidth: 1, borderColorSaturation: 0.65 } }],
        data: kids.map(function (k) { return shape(k, 0); }) }]
    }));
    view.off("click");
    view.on("click", function (p) { open(mapState.index[p.data && p.data.code]); });
  }

  // An installed outline file: each feature named by a division code (code/adcode: 410000 is read as 41,
  // 411400 as 4114, a 12-digit township code by its first 9) or by the division's full name.
  function division(code) {
    code = String(code || "");
    if (code.length === 12) { return code.slice(0, 9); }
    if (code.length === 6 && /0000$/.test(code)) { return code.slice(0, 2); }
    return code.length === 6 && /00$/.test(code) ? code.slice(0, 4) : code;
  }

  function registered(name, then) {
    if (echarts.getMap("yuqing-" + name)) { then(true); return; }
    fetch(mapUrl(name), { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo || !geo.features) { then(false); return; }
      geo.features.forEach(function (f) {
        var p = f.properties || (f.properties = {});
        p.yuqing_name = mapState.names[division(p.code || p.adcode)] || p.name;
      });
      echarts.registerMap("yuqing-" + name, geo); then(true);
    }).catch(function () { then(false); });
  }

  function choropleth(name, rows, color) {
    var max = Math.max.apply(null, [1].concat(rows.map(function (r) { return r.value; })));
    var view = chart("dash-map");
    view.setOption(base({
      visualMap: { min: 0, max: max, left: 0, bottom: 0, itemHeight: 80, calculable: false, inRange: { color: ["#eef3fe", color] } },
      series: [{ type: "map", map: "yuqing-" + name, roam: false, nameProperty: "yuqing_name", label: { show: false },
        emphasis: { label: { show: true } }, data: rows.map(function (r) { return { name: r.name, value: r.value, code: r.code }; }) }]
    }));
    return view;
  }

  function outline(node, kids) {
    registered(node.code, function (ok) {
      if (!ok) { treemap(node, kids); return; }
      var view = choropleth(node.code, kids, "#1456f0");
      view.off("click");
      view.on("click", function (p) { open(mapState.index[p.data && p.data.code]); });
    });
  }

  function showNational() {
    var data = mapState.data, provinces = data.provinces;
    provinces.forEach(function (p) { mapState.names[p.code] = p.name; });
    registered("china", function (ok) {
      if (!ok) { return; }
      document.getElementById("dash-map").setAttribute("data-view", "national");
      var box = document.getElementById("dash-map-trail");
      while (box.firstChild) { box.removeChild(box.firstChild); }
      if (data.area) {
        var back = el("button", data.area.tree.name, "linklike"); back.type = "button";
        back.addEventListener("click", function () { showArea(data.area.tree); }); box.appendChild(back);
      }
      note(t("national-note"));
      choropleth("china", provinces, "#1456f0");
      bars("dash-cities", provinces.slice(0, 12).map(function (p) { return p.name; }), provinces.slice(0, 12).map(function (p) { return p.value; }), "#de7802");
    });
  }

  function map(data) {
    mapState.data = { area: data.map.area, outlines: data.map.outlines, search: data.map.search, provinces: data.provinces };
    var nationalButton = document.getElementById("dash-map-national");
    if (data.map.national) { nationalButton.hidden = false; nationalButton.addEventListener("click", showNational); }
    if (data.map.national_refused) { document.getElementById("dash-map-note").insertAdjacentElement("afterend", el("p", data.map.national_refused, "error")); }
    if (data.map.area) { indexTree(data.map.area.tree, null); showArea(data.map.area.tree); return; }
    if (data.map.national) { showNational(); return; }
    document.getElementById("dash-map").setAttribute("data-view", "provinces");
    note(t("no-area"));
    var top = data.provinces.slice(0, 12), cities = data.cities.slice(0, 12);
    bars("dash-map", top.map(function (p) { return p.name; }), top.map(function (p) { return p.value; }));
    bars("dash-cities", cities.map(function (c) { return c.name; }), cities.map(function (c) { return c.value; }), "#de7802");
  }

  function words(list) {
    var box = document.getElementById("dash-words");
    if (!list.length) { box.appendChild(el("p", t("none"), "empty")); return; }
    var top = list[0][1], palette = ["#1456f0", "#de7802", "#2ea121", "#d83931", "#7f3bf5", "#0fa9a0", "#646a73"];
    list.slice(0, 60).forEach(function (pair, i) {
      var span = el("span", pair[0]);
      span.style.fontSize = (12 + Math.round(22 * Math.sqrt(pair[1] / top))) + "px";
      span.style.color = palette[i % palette.length];
      span.title = pair[1] + " " + t("posts");
      box.appendChild(span);
    });
  }

  function events(rows) {
    var body = document.querySelector("#dash-events tbody");
    if (!rows.length) { var tr = el("tr"); var td = el("td", t("none"), "empty"); td.colSpan = 7; tr.appendChild(td); body.appendChild(tr); }
    rows.forEach(function (e) {
      var tr = el("tr");
      tr.appendChild(el("td", e.title.length > 60 ? e.title.slice(0, 60) + "…" : e.title));
      tr.appendChild(el("td", e.size));
      tr.appendChild(el("td", e.risk ? e.risk + (e.risk_type ? " " + e.risk_type : "") : "", e.risk ? "sent negative" : ""));
      tr.appendChild(el("td", e.growth));
      var life = el("td"); life.appendChild(el("span", e.lifecycle_label, "lifecycle " + e.lifecycle)); tr.appendChild(life);
      tr.appendChild(el("td", e.last_seen));
      var open = el("td"); open.appendChild(link(e.open_url, t("open"))); tr.appendChild(open);
      body.appendChild(tr);
    });
  }

  function list(id, rows, render) {
    var box = document.getElementById(id);
    if (!rows.length) { box.appendChild(el("li", t("none"), "empty")); }
    rows.forEach(function (row) { box.appendChild(render(row)); });
  }

  function alerts(data) {
    if (!data.available) { document.getElementById("dash-alerts").appendChild(el("li", t("unavailable"), "empty")); return; }
    document.getElementById("dash-alert-count").textContent = data.waiting ? data.waiting + " " + t("waiting") : "";
    list("dash-alerts", data.items, function (a) {
      var li = el("li"); li.appendChild(el("span", a.severity + " ", "sev-" + a.severity_key));
      li.appendChild(link(a.url, a.title)); li.appendChild(el("span", " · " + a.status + " · " + a.posts + " " + t("posts"), "meta"));
      return li;
    });
  }

  function duty(data) {
    var box = document.getElementById("dash-duty");
    if (!data.available) { box.appendChild(el("dd", t("unavailable"), "empty")); return; }
    if (!data.officer) { box.appendChild(el("dd", t("nobody"), "error")); return; }
    [["officer", data.officer], ["backup", data.backup], ["leader", data.leader], ["until", data.until]].forEach(function (pair) {
      if (pair[1]) { box.appendChild(el("dt", t(pair[0]))); box.appendChild(el("dd", pair[1])); }
    });
  }

  function reporting(data) {
    var box = document.getElementById("dash-reporting");
    if (!data.available) { box.appendChild(el("p", t("unavailable"), "empty")); return; }
    var head = el("p"); head.appendChild(link(data.url, data.month + ": " + data.total + " " + t("items"))); box.appendChild(head);
    var bar = el("div", null, "progress"), colors = ["#c9cdd4", "#1456f0", "#7f3bf5", "#de7802", "#d83931", "#0fa9a0", "#2ea121"];
    var legend = el("ul", null, "dash-list");
    data.states.forEach(function (s, i) {
      if (!s.count) { return; }
      var part = el("span"); part.style.width = (100 * s.count / Math.max(1, data.total)) + "%"; part.style.background = colors[i % colors.length];
      part.title = s.label + ": " + s.count; bar.appendChild(part);
      var li = el("li", s.label + ": " + s.count); li.style.borderLeft = "10px solid " + colors[i % colors.length]; li.style.paddingLeft = "6px";
      legend.appendChild(li);
    });
    box.appendChild(bar); box.appendChild(legend);
    box.appendChild(el("p", data.deadlines_pending + " " + t("deadlines") + ", " + data.deadlines_overdue + " " + t("overdue"),
                       data.deadlines_overdue ? "error" : "meta"));
  }

  function incidents(rows) {
    list("dash-incidents", rows, function (i) {
      var li = el("li"); li.appendChild(el("span", i.severity + " ", "sev-" + i.severity_key));
      li.appendChild(link(i.url, i.title)); li.appendChild(el("span", " · " + i.state, "meta"));
      return li;
    });
  }

  function fail() { root.insertBefore(el("p", t("failed"), "error"), root.firstChild); }

  var fetchJson = function (url) { return fetch(url, { credentials: "same-origin" }).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); }); };
  fetchJson(root.getAttribute("data-url")).then(function (data) {
    volume(data.volume); sentiment(data.sentiment); risk(data.risk); map(data);
    var sources = data.sources;
    bars("dash-sources", sources.map(function (s) { return s.site; }), sources.map(function (s) { return s.count; }));
    words(data.words); events(data.events); alerts(data.alerts); duty(data.duty); reporting(data.reporting); incidents(data.incidents);
    root.setAttribute("data-ready", "1");
  }).catch(fail);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

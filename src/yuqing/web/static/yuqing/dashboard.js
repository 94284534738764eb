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
      var li = el("li"); li.appendChild(link(r.url, r.type)); li.appendChild(el("span", " · " + r.count + " " + t("posts"), "meta"));
      return li;
    });
  }

  function bars(id, names, values, color) {
    chart(id).setOption(base({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: names.slice().reverse() },
      series: [{ type: "bar", data: values.slice().reverse(), itemStyle: { color: color || "#1456f0" }, label: { show: true, position: "right" } }]
    }));
  }

  function cities(rows, province) {
    var chosen = rows.filter(function (r) { return !province || r.code.indexOf(province) === 0; }).slice(0, 12);
    bars("dash-cities", chosen.map(function (r) { return r.name; }), chosen.map(function (r) { return r.value; }), "#de7802");
  }

  function map(data, geo) {
    echarts.registerMap("yuqing-provinces", geo);
    var max = Math.max.apply(null, [1].concat(data.provinces.map(function (p) { return p.value; })));
    var provinceMap = chart("dash-map");
    provinceMap.setOption(base({
      visualMap: { min: 0, max: max, left: 0, bottom: 0, itemHeight: 80, calculable: false, inRange: { color: ["#eef3fe", "#1456f0"] } },
      series: [{ type: "map", map: "yuqing-provinces", roam: false, nameProperty: "name", label: { show: false },
        emphasis: { label: { show: true } }, data: data.provinces.map(function (p) { return { name: p.name, value: p.value }; }) }]
    }));
    var codes = {};
    geo.features.forEach(function (f) { codes[f.properties.name] = f.properties.code; });
    provinceMap.on("click", function (params) { province(data, codes[params.name]); });
    cities(data.cities, null);
  }

  // An office may ship city outlines as vendor/geo/cities-<province code>.geojson (see its README);
  // without that file, the province's cities are shown as bars.
  function province(data, code) {
    if (!code) { cities(data.cities, null); return; }
    fetch(root.getAttribute("data-geo-dir") + "cities-" + code + ".geojson", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) { if (geo) { cityMap(data, code, geo); } else { cities(data.cities, code); } })
      .catch(function () { cities(data.cities, code); });
  }

  function cityMap(data, code, geo) {
    echarts.registerMap("yuqing-cities-" + code, geo);
    var rows = data.cities.filter(function (r) { return r.code.indexOf(code) === 0; });
    chart("dash-cities").setOption(base({
      visualMap: { min: 0, max: Math.max.apply(null, [1].concat(rows.map(function (r) { return r.value; }))), show: false,
        inRange: { color: ["#fff4e5", "#de7802"] } },
      series: [{ type: "map", map: "yuqing-cities-" + code, nameProperty: "name",
        data: rows.map(function (r) { return { name: r.name, value: r.value }; }) }]
    }));
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
  Promise.all([fetchJson(root.getAttribute("data-url")), fetchJson(root.getAttribute("data-geo"))]).then(function (both) {
    var data = both[0];
    volume(data.volume); sentiment(data.sentiment); risk(data.risk); map(data, both[1]);
    var sources = data.sources;
    bars("dash-sources", sources.map(function (s) { return s.site; }), sources.map(function (s) { return s.count; }));
    words(data.words); events(data.events); alerts(data.alerts); duty(data.duty); reporting(data.reporting); incidents(data.incidents);
    root.setAttribute("data-ready", "1");
  }).catch(fail);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

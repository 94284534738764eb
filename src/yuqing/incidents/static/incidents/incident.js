// The incident page's hourly volume chart. Data comes from a JSON block (json_script), no inline script.
(function () {
  var node = document.getElementById("hourly-data");
  var box = document.getElementById("hourly-chart");
  if (!node || !box || !window.echarts) { return; }
  var rows = JSON.parse(node.textContent);
  if (!rows.length) { box.textContent = box.getAttribute("data-empty") || ""; return; }
  var chart = echarts.init(box);
  chart.setOption({
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: rows.map(function (r) { return r.t; }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: rows.map(function (r) { return r.n; }), itemStyle: { color: "#1456f0" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();

// An event's posts and comments per hour, and the negative share of its comments (json_script data).
(function () {
  var node = document.getElementById("event-timeline");
  var box = document.getElementById("event-chart");
  if (!node || !box || !window.echarts) { return; }
  var rows = JSON.parse(node.textContent);
  if (!rows.length) { box.textContent = box.getAttribute("data-empty") || ""; return; }
  var chart = echarts.init(box);
  chart.setOption({
    grid: { left: 40, right: 48, top: 32, bottom: 40 },
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    xAxis: { type: "category", data: rows.map(function (r) { return r.t; }) },
    yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
    series: [
      { name: box.getAttribute("data-posts"), type: "bar", data: rows.map(function (r) { return r.posts; }) },
      { name: box.getAttribute("data-comments"), type: "bar", data: rows.map(function (r) { return r.comments; }) },
      { name: box.getAttribute("data-share"), type: "line", yAxisIndex: 1, connectNulls: true,
        data: rows.map(function (r) { return r.share === null ? null : Math.round(r.share * 100); }) }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();

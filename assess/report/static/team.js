/* The team report's radar: "Compare with" shows one role's profile at a time, and the
   radar takes the size whose labels were laid out for the chart's width (layout.meta.sizes,
   as in the personal report; a phone gets numbers). Without JavaScript the select stays
   hidden and the table under the chart holds every number. */
(function () {
  "use strict";
  // "Team over time": each chart as tall as its key needs (the entries below it, as many
  // to a row as its width holds: plotly lays them out, its box would be capped at half the
  // chart and scroll), so the lines keep their room on a phone.
  var charts = document.querySelectorAll("#team-trend .chart");
  var PLOT_HEIGHT = 330, KEY_ROOM = 16;
  function fit(chart) {
    if (!chart.data || !chart.layout || !chart.layout.legend) return;
    var entries = chart.querySelector(".legend .groups");
    var key = Math.ceil(entries ? entries.getBBox().height : 0) + KEY_ROOM;
    var height = PLOT_HEIGHT + key;
    if (Math.abs((chart.layout.height || 0) - height) > 2) {
      window.Plotly.relayout(chart, { height: height, "legend.maxheight": key });
    }
  }
  function fitAll() {
    Array.prototype.forEach.call(charts, fit);
  }
  window.assessCharts.add(fitAll);
  var waiting = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(waiting);
    waiting = window.setTimeout(function () {
      if (window.assessCharts.ready()) fitAll();
    }, 150);
  });

  // Which skills' lines the median and best-level charts draw (each line's meta is [its
  // area, drawn at first]).
  var pickers = document.querySelectorAll("select[data-trend-chart]");
  Array.prototype.forEach.call(pickers, function (picker) {
    var chart = document.getElementById(picker.getAttribute("data-trend-chart"));
    if (!chart) return;
    picker.parentNode.hidden = false;
    function draw() {
      window.assessCharts.add(function () {
        if (!chart.data) return;
        var choice = picker.value;
        var visible = chart.data.map(function (trace) {
          var meta = trace.meta || [];
          return choice === "all" || (choice === "moved" ? meta[1] === true : meta[0] === choice);
        });
        window.Plotly.restyle(chart, { visible: visible });
        fit(chart);
      });
    }
    picker.addEventListener("change", draw);
    if (picker.value !== "moved") draw(); // a browser may restore another choice on reload
  });
})();

(function () {
  "use strict";
  var select = document.getElementById("team-role-select");
  var radar = document.getElementById("team-radar");
  if (!select || !radar) return;
  document.getElementById("team-role-controls").hidden = false;

  function show(role) {
    var name = select.options[select.selectedIndex].getAttribute("data-plotly-name");
    var notes = document.querySelectorAll("[data-radar-role]");
    for (var i = 0; i < notes.length; i++) {
      notes[i].hidden = notes[i].getAttribute("data-radar-role") !== role;
    }
    window.assessCharts.add(function () {
      if (!radar.data) return;
      var visible = radar.data.map(function (trace) {
        return typeof trace.meta === "string" ? trace.meta === role : trace.visible;
      });
      window.Plotly.restyle(radar, { visible: visible });
      window.Plotly.relayout(radar, { "title.text": "Team skills vs. " + name });
    });
  }

  function fitRadar(width) {
    if (!radar.layout || !radar.layout.meta) return;
    var sizes = radar.layout.meta.sizes, chartWidth = width || radar.clientWidth, i = 0;
    while (i < sizes.length - 1 && chartWidth < sizes[i].min_width) i++;
    var key = sizes[i].name + (width ? "@" + width : "");
    if (radar.getAttribute("data-size") === key) return;
    radar.setAttribute("data-size", key);
    var update = {};
    for (var k in sizes[i].relayout) update[k] = sizes[i].relayout[k];
    update.width = width || null;
    update.autosize = !width;
    window.Plotly.relayout(radar, update);
  }

  // Paper shows everything: the per-person detail opens for printing, and closes again.
  var PRINT_WIDTH = 680; // A4 and Letter lay the page out about 700 px wide
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].open = true;
      closed[i].setAttribute("data-print-opened", "");
    }
    if (window.assessCharts.ready()) fitRadar(PRINT_WIDTH);
  });
  window.addEventListener("afterprint", function () {
    var opened = document.querySelectorAll("details[data-print-opened]");
    for (var i = 0; i < opened.length; i++) {
      opened[i].open = false;
      opened[i].removeAttribute("data-print-opened");
    }
    if (window.assessCharts.ready()) fitRadar();
  });
  select.addEventListener("change", function () {
    show(select.value);
  });
  show(select.value); // a browser may restore another choice on reload
  window.assessCharts.add(function () {
    fitRadar();
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      if (window.assessCharts.ready() && !window.matchMedia("print").matches) fitRadar();
    }, 150);
  });
})();

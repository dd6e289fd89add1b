/* The personal report's role switch and radar fitting. Without JavaScript the page shows
   the role it opens on and lists the other roles under <details>; here those blocks are
   moved out and the "Compare with" select shows one role's blocks at a time, with its
   profile on the radar and its bar marked in the match chart. */
(function () {
  "use strict";
  var select = document.getElementById("role-select");
  if (!select) return;
  var SHOWN = "#D55E00", OTHER = "#0072B2";

  var holders = document.querySelectorAll("[data-role-blocks]");
  for (var h = 0; h < holders.length; h++) {
    var details = holders[h].querySelector("details.other-roles");
    if (!details) continue;
    var moved = details.querySelectorAll(".role-block");
    for (var m = 0; m < moved.length; m++) holders[h].insertBefore(moved[m], details);
    holders[h].removeChild(details);
  }
  document.getElementById("role-controls").hidden = false;

  function show(role) {
    var blocks = document.querySelectorAll("[data-role]");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].hidden = blocks[i].getAttribute("data-role") !== role;
    }
    var name = select.options[select.selectedIndex].getAttribute("data-plotly-name");
    window.assessCharts.add(function () {
      // Traces that belong to one role carry its id in meta: the radar's profiles, and
      // the lines of readiness and match over time.
      ["assess-radar", "assess-history"].forEach(function (id) {
        var chart = document.getElementById(id);
        if (!chart || !chart.data) return;
        var visible = chart.data.map(function (trace) {
          return typeof trace.meta === "string" ? trace.meta === role : trace.visible;
        });
        window.Plotly.restyle(chart, { visible: visible });
      });
      var radar = document.getElementById("assess-radar");
      if (radar && radar.data) {
        window.Plotly.relayout(radar, { "title.text": "Your skills vs. " + name });
      }
      var history = document.getElementById("assess-history");
      if (history && history.data) {
        window.Plotly.relayout(history, { "title.text": name + " over time" });
      }
      var fit = document.getElementById("assess-fit");
      if (fit && fit.data) {
        var colours = fit.data[0].meta.map(function (id) {
          return id === role ? SHOWN : OTHER;
        });
        window.Plotly.restyle(fit, { "marker.color": [colours] }, [0]);
      }
    });
  }

  // The radar has a few sizes (layout.meta.sizes, widest first): the labels of each are
  // laid out in Python so that they never overlap; a phone gets numbers.
  function fitRadar(width) {
    var radar = document.getElementById("assess-radar");
    if (!radar || !radar.layout || !radar.layout.meta) return;
    var sizes = radar.layout.meta.sizes, chartWidth = width || radar.clientWidth, i = 0;
    while (i < sizes.length - 1 && chartWidth < sizes[i].min_width) i++;
    var key = sizes[i].name + (width ? "@" + width : "");
    if (radar.getAttribute("data-size") === key) return;
    radar.setAttribute("data-size", key);
    var update = {};
    for (var k in sizes[i].relayout) update[k] = sizes[i].relayout[k];
    update.width = width || null; // null: back to the width of the page
    update.autosize = !width;
    window.Plotly.relayout(radar, update);
  }

  // The match chart's labels need room: on a phone, or on paper, the bars stand alone
  // and the table under the chart gives the numbers.
  function fitMatch(width) {
    var fit = document.getElementById("assess-fit");
    if (!fit || !fit.layout || !fit.layout.meta) return;
    var labelled = (width || fit.clientWidth) >= fit.layout.meta.labels_from;
    var update = {
      width: width || null,
      autosize: !width,
      height: fit.layout.meta.height,
      "xaxis.range": labelled ? [-100, 235] : [-100, 100]
    };
    window.Plotly.update(fit, { visible: [true, labelled] }, update);
  }

  // Charts without sizes of their own (readiness and match over time) take a given
  // width on paper and the page's width again after.
  function fitPlain(width) {
    var history = document.getElementById("assess-history");
    if (!history || !history.layout) return;
    window.Plotly.relayout(history, { width: width || null, autosize: !width });
  }

  // Printing lays the page out about 700 px wide (A4 and Letter): draw the charts to fit.
  var PRINT_WIDTH = 680;
  window.addEventListener("beforeprint", function () {
    if (!window.assessCharts.ready()) return;
    fitRadar(PRINT_WIDTH);
    fitMatch(PRINT_WIDTH);
    fitPlain(PRINT_WIDTH);
  });
  window.addEventListener("afterprint", function () {
    if (!window.assessCharts.ready()) return;
    fitRadar();
    fitMatch();
    fitPlain();
  });

  select.addEventListener("change", function () {
    show(select.value);
  });
  show(select.value); // a browser may restore another choice on reload
  window.assessCharts.add(function () {
    fitRadar();
    fitMatch();
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      if (window.assessCharts.ready() && !window.matchMedia("print").matches) {
        fitRadar();
        fitMatch();
      }
    }, 150);
  });
})();

/* Runs first: marks that JavaScript runs (the page styles charts only then) and holds
   each chart's drawing until plotly.js is unpacked (unpack.js calls start). */
document.documentElement.className += " js";
window.assessCharts = (function () {
  "use strict";
  var waiting = [], ready = false;
  return {
    add: function (draw) {
      if (ready) draw();
      else waiting.push(draw);
    },
    start: function () {
      ready = true;
      while (waiting.length) waiting.shift()();
    },
    ready: function () {
      return ready;
    }
  };
})();

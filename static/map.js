/* The map page's month control: a slider (arrow keys, Home, End) and previous/next
   buttons showing one month's layer of marks at a time, position 0 being the whole
   year. The month is kept in the address (#2026-01) so a view can be shared. Without
   script the whole year's layer shows and every month's list opens on demand. */
(function () {
  "use strict";

  function start() {
    var control = document.querySelector(".map-control[data-months]");
    var svg = document.querySelector(".map-figure .war-map");
    if (!control || !svg) return;
    var months = control.dataset.months ? control.dataset.months.split(" ") : [];
    var slider = control.querySelector("input[type=range]");
    var output = control.querySelector("output");
    var prev = control.querySelector(".map-prev");
    var next = control.querySelector(".map-next");
    var layers = svg.querySelectorAll(".map-layer");
    var lists = document.querySelectorAll(".map-month-list[data-layer]");
    var yearLabel = output.textContent;
    control.hidden = false;
    document.documentElement.classList.add("map-js");

    function labelOf(key) {
      var list = document.getElementById("month-" + key);
      var summary = list && list.querySelector("summary");
      return summary ? summary.firstChild.textContent.trim() : key;
    }

    function show(index, fromHash) {
      index = Math.max(0, Math.min(months.length, index));
      var key = index === 0 ? "all" : months[index - 1];
      for (var i = 0; i < layers.length; i++) {
        layers[i].style.display = layers[i].getAttribute("data-layer") === key ? "inline" : "none";
      }
      for (var j = 0; j < lists.length; j++) {
        var mine = lists[j].getAttribute("data-layer") === key;
        lists[j].classList.toggle("current", mine);
        if (mine) lists[j].open = true;
      }
      var text = index === 0 ? yearLabel : labelOf(key);
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", text);
      output.textContent = text;
      prev.disabled = index === 0;
      next.disabled = index === months.length;
      if (!fromHash) {
        var hash = index === 0 ? "" : "#" + key;
        if (window.location.hash !== hash) {
          window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
        }
      }
    }

    function fromHash() {
      var key = window.location.hash.replace(/^#(month-)?/, "");
      var at = months.indexOf(key);
      show(at >= 0 ? at + 1 : 0, true);
    }

    slider.addEventListener("input", function () { show(parseInt(slider.value, 10) || 0); });
    prev.addEventListener("click", function () { show((parseInt(slider.value, 10) || 0) - 1); });
    next.addEventListener("click", function () { show((parseInt(slider.value, 10) || 0) + 1); });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Starts the Pagefind UI on the search page: the only script on the site.
   The Pagefind bundle is loaded from here, so a build without a search index
   shows a plain note instead of broken links. */
(function () {
  "use strict";

  function unavailable() {
    var note = document.getElementById("search-unavailable");
    if (note) note.hidden = false;
  }

  function startUI(el) {
    if (typeof window.PagefindUI !== "function") return unavailable();
    var ui = new window.PagefindUI({
      element: "#search",
      baseUrl: el.dataset.baseUrl || "/",
      bundlePath: el.dataset.bundlePath,
      showImages: false,
      showSubResults: false,
      pageSize: 10,
      sort: { date: "desc" },
      openFilters: ["topic"],
      showEmptyFilters: false,
      translations: { placeholder: "Search events" }
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) ui.triggerSearch(q);
  }

  function wireBox(box) {
    var input = box.querySelector("input");
    var button = box.querySelector("button");
    if (!input || !button) return;
    function go() {
      var words = input.value.trim();
      window.location.href = box.dataset.searchUrl + (words ? "?q=" + encodeURIComponent(words) : "");
    }
    button.addEventListener("click", go);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") go();
    });
  }

  function start() {
    var boxes = document.querySelectorAll(".search-box[data-search-url]");
    for (var i = 0; i < boxes.length; i++) wireBox(boxes[i]);
    var el = document.getElementById("search");
    if (!el) return;
    var bundle = el.dataset.bundlePath;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () { startUI(el); };
    script.onerror = unavailable;
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

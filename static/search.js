/* Starts the Pagefind UI on the search page. The only script on the site. */
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("search");
    if (!el) return;
    if (typeof window.PagefindUI !== "function") {
      var note = document.getElementById("search-unavailable");
      if (note) note.hidden = false;
      return;
    }
    var ui = new window.PagefindUI({
      element: "#search",
      baseUrl: el.dataset.baseUrl || "/",
      bundlePath: el.dataset.bundlePath,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      pageSize: 10,
      sort: { date: "desc" },
      openFilters: ["actor", "topic"],
      translations: { placeholder: "Search events" }
    });
    var params = new URLSearchParams(window.location.search);
    var q = params.get("q");
    if (q) ui.triggerSearch(q);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

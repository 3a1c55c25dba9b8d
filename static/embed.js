/* "Embed this": completes the iframe code's address from this page's location (a site
   built without a host in base_url knows only its path) and wires the copy button.
   search.js calls window.chronicleEmbedFill when the filtered view changes. */
(function () {
  "use strict";

  function fill(box) {
    var src = new URL(box.dataset.embedPath + (box.dataset.query || ""), window.location.href).href;
    box.value = box.value.replace(/src="[^"]*"/, 'src="' + src.replace(/"/g, "%22").replace(/&/g, "&amp;") + '"');
  }
  window.chronicleEmbedFill = fill;

  function wire(box) {
    fill(box);
    var holder = box.parentNode;
    var button = holder.querySelector(".copy-embed");
    var status = holder.querySelector(".copy-status");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      box.focus();
      box.select();
      var done = function () { if (status) status.textContent = "Embed code copied."; };
      var fallback = function () {
        try { document.execCommand("copy"); done(); } catch (e) { if (status) status.textContent = "Press Ctrl+C to copy."; }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  function start() {
    var boxes = document.querySelectorAll(".embed-text[data-embed-path]");
    for (var i = 0; i < boxes.length; i++) wire(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Live reload for `ocaq serve` only: reloads on a good rebuild, and shows the
// build error (file, line, what to do) over the page while the site is broken.
(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "ocaq-error-overlay";
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20,20,20,.94)"; s.color = "#fff"; s.padding = "1.5rem";
      s.font = "15px/1.5 ui-monospace, Menlo, Consolas, monospace"; s.whiteSpace = "pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The site could not be rebuilt. Still showing the last good version.\n\n" + text;
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  var source = new EventSource("/__ocaq/events");
  source.addEventListener("reload", function () { hide(); location.reload(); });
  source.addEventListener("build-error", function (e) { if (e.data) { show(e.data); } });
})();

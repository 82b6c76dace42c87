// The import's page follows its run without reloading: every 2 s it asks for the run's
// progress (status; reading, saving; rows written of rows read) and reloads once, when the run is finished, to
// show the result. Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var card = document.querySelector(".import-run[data-progress-url]");
  if (!card || !window.fetch) { return; }
  var url = card.getAttribute("data-progress-url");
  var status = document.getElementById("run-status");
  var bar = document.getElementById("rows-bar");
  var count = document.getElementById("rows-count");
  var progress = document.getElementById("run-progress");
  function show(data) {
    card.setAttribute("data-status", data.status);
    if (progress) { progress.setAttribute("data-phase", data.phase); }
    if (status) { status.firstChild.nodeValue = data.status_label; }
    if (bar && data.rows_total) {
      bar.max = data.rows_total;
      // Saving: the rows are committed together, so the bar moves without a count.
      if (data.phase === "saving") { bar.removeAttribute("value"); } else { bar.value = data.rows_done; }
    }
    if (count) { count.textContent = data.rows_text; }
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        show(data);
        if (data.finished) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();

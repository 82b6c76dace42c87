// The case's documents page while a PDF is being made by the job worker: every 2 s it asks
// each pending document's progress and reloads once, when all of them are ready, to show the
// download links. Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var pending = Array.prototype.slice.call(document.querySelectorAll("[data-progress-url]"));
  if (!pending.length || !window.fetch) { return; }
  function ask(item) {
    return fetch(item.getAttribute("data-progress-url"), {
      headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (response) { return response.ok ? response.json() : null; });
  }
  function poll() {
    Promise.all(pending.map(ask))
      .then(function (answers) {
        var ready = answers.every(function (data) { return data && data.ready; });
        if (ready) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();

// markdownx sets up each Markdown box when the page loads, the blank template of an inline's
// rows among them. "Add another" copies that template without markdownx's listeners, so the
// boxes of a new row (a comparison table's cells) showed a preview that never changed. This
// gives them the same live preview, from the same staff-only address and after the same
// pause in typing. Images can be added to the row once it is saved.
(function () {
  "use strict";
  var PAUSE = 500; // milliseconds, markdownx's own

  function csrfToken() {
    var input = document.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function livePreview(container) {
    var editor = container.querySelector(".markdownx-editor");
    var preview = container.querySelector(".markdownx-preview");
    if (!editor || !preview) return;
    var timer = null;
    function render() {
      var data = new FormData();
      data.append("content", editor.value);
      data.append("csrfmiddlewaretoken", csrfToken());
      fetch(editor.getAttribute("data-markdownx-urls-path"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error("Preview refused: " + response.status);
          return response.text();
        })
        .then(function (html) {
          preview.innerHTML = html; // the server's sanitised rendering, as markdownx shows it
          container.dispatchEvent(new CustomEvent("markdownx.update", { detail: [html] }));
        })
        .catch(function (error) {
          console.error(error);
        });
    }
    editor.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, PAUSE);
    });
  }

  // Django's admin sends formset:added on each row "Add another" inserts.
  document.addEventListener("formset:added", function (event) {
    event.target.querySelectorAll(".markdownx").forEach(livePreview);
  });
})();

// The Markdown editor's live preview, on a wide screen: css/admin.css puts it beside the
// text and keeps it in view; this scrolls it to the part being edited. Without it the
// preview of a long article showed its opening while the editor typed near the end.
// The place is found by lines (the caret's line over all lines): near, not exact.
(function () {
  "use strict";

  function follow(editor, preview) {
    // Only where the preview sits beside the text (it is below it on narrow screens).
    if (window.getComputedStyle(preview).position !== "sticky") return;
    var lines = editor.value.split("\n").length;
    var line = editor.value.slice(0, editor.selectionStart).split("\n").length;
    var target = (line / lines) * preview.scrollHeight - preview.clientHeight / 2;
    preview.scrollTop = Math.max(0, target);
  }

  function setUp(container) {
    var editor = container.querySelector("textarea");
    var preview = container.querySelector(".markdownx-preview");
    if (!editor || !preview) return;
    var update = function () { follow(editor, preview); };
    ["keyup", "click", "focus"].forEach(function (name) {
      editor.addEventListener(name, update);
    });
    // markdownx replaces the preview's content after each render, which resets its place.
    new MutationObserver(update).observe(preview, { childList: true });
  }

  document.querySelectorAll(".markdownx").forEach(setUp);
  // Rows added with "Add another" (editor-new-rows.js).
  document.addEventListener("formset:added", function (event) {
    event.target.querySelectorAll(".markdownx").forEach(setUp);
  });
})();

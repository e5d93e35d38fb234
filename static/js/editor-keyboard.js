// The Markdown editor on a keyboard: Tab moves on from the box, as from any other box.
// markdownx turns Tab in its box into a tab character (and Shift+Tab removes one), so an
// editor on a keyboard could never leave it: not for "Add an image", the next field or Save.
// (In Markdown a tab at the start of a line makes a code block, which is never meant here.)
// This listener runs before markdownx's, capturing on the document, and keeps the key from it.
// The links in the live preview (every citation and reference of an article), and its
// tables (each a stop of its own on the site, to scroll on a phone), are taken out of the
// Tab order too, so Tab from the box reaches the next field, not fifty links later;
// the preview itself is one stop instead, from which the keyboard scrolls it.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Tab" && box.classList && box.classList.contains("markdownx-editor")) {
      event.stopPropagation();
    }
  }, true);

  function untab(preview) {
    preview.querySelectorAll("a[href], table[tabindex]").forEach(function (stop) {
      stop.setAttribute("tabindex", "-1");
    });
  }

  function setUp(preview) {
    preview.setAttribute("tabindex", "0");
    // markdownx replaces the preview's content after each render.
    new MutationObserver(function () { untab(preview); }).observe(preview, { childList: true });
  }

  document.querySelectorAll(".markdownx-preview").forEach(setUp);
  // Rows added with "Add another" (editor-new-rows.js).
  document.addEventListener("formset:added", function (event) {
    event.target.querySelectorAll(".markdownx-preview").forEach(setUp);
  });
})();

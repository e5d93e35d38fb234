// markdownx sets up each Markdown box when the page loads, the blank template of an inline's
// rows among them, and marks each box it has set up. "Add another" copies that template,
// mark and all, but not markdownx's listeners, so the boxes of a new row (a comparison
// table's cells) showed a preview that never changed and took no images. markdownx offers
// no call that sets up one box, but its script, run again, sets up every box without the
// mark. So this takes the mark off the new row's boxes and runs markdownx's script again:
// they get markdownx's own live preview, image upload and paste. (Our other editor scripts
// set up new rows themselves, on the same event.)
(function () {
  "use strict";

  // Django's admin sends formset:added on each row "Add another" inserts.
  document.addEventListener("formset:added", function (event) {
    var boxes = event.target.querySelectorAll(".markdownx-editor[data-markdownx-init]");
    var markdownx = document.querySelector("script[src*='markdownx/js/markdownx']");
    if (!boxes.length || !markdownx) return;
    boxes.forEach(function (box) { box.removeAttribute("data-markdownx-init"); });
    var again = document.createElement("script");
    again.src = markdownx.src;
    again.addEventListener("load", function () { again.remove(); });
    document.head.appendChild(again);
  });
})();

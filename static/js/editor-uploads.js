// The Markdown editor's image upload, when the server refuses a file.
// markdownx answers a refusal by typing "Invalid response" into the editor's text and
// logging the server's reason to the console, where an editor never looks. This undoes the
// inserted text and shows the server's reason above the editor instead.
(function () {
  "use strict";

  function reason(detail) {
    var answer = detail && detail[0];
    if (answer && typeof answer === "object" && answer.image) {
      return [].concat(answer.image).join(" ");
    }
    return "The server did not accept the upload. Check your connection and try again.";
  }

  function showRefusal(event) {
    var container = event.target;
    var editor = container.querySelector("textarea");
    if (!editor) return;
    // markdownx inserts its placeholder right after this event: put the text back as it was.
    var text = editor.value;
    var start = editor.selectionStart;
    var end = editor.selectionEnd;
    window.setTimeout(function () {
      editor.value = text;
      editor.setSelectionRange(start, end);
      editor.dispatchEvent(new Event("keyup"));
    }, 0);

    var note = container.parentNode.querySelector(".upload-refused");
    if (!note) {
      note = document.createElement("p");
      note.className = "errornote upload-refused";
      note.setAttribute("role", "alert");
      container.parentNode.insertBefore(note, container);
    }
    note.textContent = "The image was not uploaded. " + reason(event.detail);
  }

  // The events do not bubble; listening in the capture phase catches every editor on the page.
  document.addEventListener("markdownx.fileUploadError", showRefusal, true);
  document.addEventListener("fileUploadError", showRefusal, true);
  document.addEventListener("markdownx.fileUploadEnd", function (event) {
    var note = event.target.parentNode.querySelector(".upload-refused");
    if (note) note.remove();
  }, true);
})();

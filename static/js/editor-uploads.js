// The Markdown editor's image upload.
// markdownx answers a refusal by typing "Invalid response" into the editor's text and
// logging the server's reason to the console, where an editor never looks. This undoes the
// inserted text and shows the server's reason above the editor instead.
// markdownx takes images only dragged onto the box (or pasted), which an editor on a
// keyboard or a touch screen cannot do: this adds an "Add an image" file chooser above each
// box (above: below it, Tab would first pass every link in the preview). The chosen file
// goes to markdownx as a drop on the box, so it is uploaded, inserted at the cursor and, if
// refused, explained exactly as a dragged one is.
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
  // How far down the text the cursor at `at` is, in pixels: a hidden copy of the box, as
  // wide and in the same type, holding the text before it (a textarea tells no position).
  var COPIED = ["boxSizing", "width", "paddingTop", "paddingRight", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderLeftWidth", "fontFamily", "fontSize",
    "fontWeight", "lineHeight", "letterSpacing", "tabSize"];

  function cursorDepth(editor, at) {
    var style = window.getComputedStyle(editor);
    var copy = document.createElement("div");
    COPIED.forEach(function (name) { copy.style[name] = style[name]; });
    copy.style.position = "absolute";
    copy.style.visibility = "hidden";
    copy.style.whiteSpace = "pre-wrap";
    copy.style.overflowWrap = "break-word";
    copy.textContent = editor.value.slice(0, at) + "\u200b";
    document.body.appendChild(copy);
    var depth = copy.offsetHeight;
    copy.remove();
    return depth;
  }

  // Focusing a tall box scrolls the page to its end, not to the cursor: an image put in
  // the middle of an article had its description selected out of sight.
  function showCursor(editor, at) {
    var depth = cursorDepth(editor, at);
    if (depth < editor.scrollTop || depth > editor.scrollTop + editor.clientHeight) {
      editor.scrollTop = depth - editor.clientHeight / 2;
    }
    var y = editor.getBoundingClientRect().top + depth - editor.scrollTop;
    if (y < 0 || y > window.innerHeight) window.scrollBy(0, y - window.innerHeight / 3);
  }

  // markdownx leaves the cursor at the end of the text. Put it on the new image's placeholder
  // description instead, selected, so what the editor types next describes the image.
  // The placeholder is named by the upload's answer (articles/views.py, image_upload), so
  // this script, the inserted text and the save's refusal of it agree.
  document.addEventListener("markdownx.fileUploadEnd", function (event) {
    var container = event.target;
    var note = container.parentNode.querySelector(".upload-refused");
    if (note) note.remove();
    var editor = container.querySelector("textarea");
    var answer = (event.detail && event.detail[0]) || {};
    var code = answer.image_code, placeholder = answer.alt_placeholder;
    var at = code && editor ? editor.value.indexOf(code) : -1;
    if (at < 0) return;
    at = ownParagraph(editor, at, code.length);
    var alt = placeholder ? code.indexOf(placeholder) : -1;
    editor.focus();
    if (alt < 0) {
      editor.setSelectionRange(at + code.length, at + code.length);
    } else {
      editor.setSelectionRange(at + alt, at + alt + placeholder.length);
    }
    showCursor(editor, editor.selectionEnd);
  }, true);

  // Before markdownx reads the cursor for a dropped or chosen image (it puts the image in
  // place of the selection when the upload ends): the last image's description, still
  // selected, took the next image inside it, "![![Describe this image](new)](old)". The
  // cursor goes after that image instead. Only the cursor: a refused file changes no text.
  document.addEventListener("drop", function (event) {
    var editor = event.target;
    var files = event.dataTransfer && event.dataTransfer.files;
    if (!(editor.matches && editor.matches(".markdownx textarea") && files && files.length)) {
      return;
    }
    var text = editor.value, start = editor.selectionStart, end = editor.selectionEnd;
    var opened = text.lastIndexOf("![", start);
    var closed = opened < 0 ? -1 : text.indexOf(")", end);
    if (closed >= 0 && /^!\[[^\]\n]*\]\([^)\n]*\)$/.test(text.slice(opened, closed + 1))) {
      editor.setSelectionRange(closed + 1, closed + 1);
    }
  }, true);

  // An uploaded image goes in a paragraph of its own, a blank line before and after it
  // unless the text has one: glued to the word before ("Para two.![...") it was part of
  // that sentence.
  function ownParagraph(editor, at, length) {
    var text = editor.value, end = at + length;
    var above = text.slice(Math.max(0, at - 2), at), below = text.slice(end, end + 2);
    var before = at === 0 || above === "\n\n" ? "" : above.slice(-1) === "\n" ? "\n" : "\n\n";
    var after = end === text.length || below === "\n\n" ? "" : below[0] === "\n" ? "\n" : "\n\n";
    if (before || after) {
      editor.value = text.slice(0, at) + before + text.slice(at, end) + after + text.slice(end);
      editor.dispatchEvent(new Event("input", { bubbles: true })); // the preview, the draft
    }
    return at + before.length;
  }

  function addImageChooser(container) {
    var editor = container.querySelector("textarea");
    // An inline's blank template row: markdownx does not run in the rows copied from it.
    if (!editor || container.closest(".empty-form")) return;
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "image/png,image/jpeg,image/webp";
    // In a box never clicked the cursor is at the start: the image went before the first
    // word. It goes at the end instead.
    editor.addEventListener("focus", function () { editor.dataset.cursorPlaced = "1"; });
    input.addEventListener("change", function () {
      if (!input.files.length) return;
      if (!editor.dataset.cursorPlaced) {
        editor.setSelectionRange(editor.value.length, editor.value.length);
      }
      var transfer = new DataTransfer();
      transfer.items.add(input.files[0]);
      editor.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
      input.value = ""; // the same file can be chosen again
    });
    var label = document.createElement("label");
    label.appendChild(document.createTextNode("Add an image "));
    label.appendChild(input);
    var chooser = document.createElement("p");
    chooser.className = "editor-image";
    chooser.appendChild(label);
    container.parentNode.insertBefore(chooser, container);
  }

  document.querySelectorAll(".markdownx").forEach(addImageChooser);
  // Rows added with "Add another" (editor-new-rows.js).
  document.addEventListener("formset:added", function (event) {
    event.target.querySelectorAll(".markdownx").forEach(addImageChooser);
  });
})();

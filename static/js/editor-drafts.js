// What an editor types in an admin form is kept in this browser until a save goes through.
// A save can fail where the server never sees the text: the editor was logged out in another
// tab, the session ran out, the connection dropped; the login page that follows has lost it.
// The next time the form is opened in this browser, a note above it offers the text back.
// Only text boxes are kept (not choices such as the status), and putting the text back also
// puts back the edit token the editor had, so if someone saved the page meanwhile the save is
// refused as stale and their version is not overwritten (articles/editing.py).
(function () {
  "use strict";

  var form = document.querySelector("#content-main form[method='post']");
  var storage = null;
  try {
    storage = window.localStorage;
  } catch (error) {
    return; // storage blocked by the browser's settings: nothing can be kept
  }
  var PENDING = "editor-draft-pending";
  var KEPT_DAYS = 30;

  // A save that went through shows Django's success message: its draft is done with.
  var pending = window.sessionStorage.getItem(PENDING);
  window.sessionStorage.removeItem(PENDING);
  if (pending && document.querySelector(".messagelist .success")) {
    storage.removeItem(pending);
  }
  if (!form || !form.querySelector("[name='_save']")) return;

  var key = "editor-draft:" + window.location.pathname;
  var token = form.querySelector("[name='edit_token_seen']");

  function textBoxes() {
    return Array.prototype.filter.call(form.elements, function (field) {
      var textual = field.tagName === "TEXTAREA" ||
        (field.tagName === "INPUT" && /^(text|url|email|number|search|)$/.test(field.type));
      return textual && field.name && !field.readOnly && !field.disabled;
    });
  }

  function read() {
    try {
      return JSON.parse(storage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function keep() {
    var fields = {};
    textBoxes().forEach(function (field) { fields[field.name] = field.value; });
    var draft = { at: new Date().toISOString(), token: token ? token.value : "", fields: fields };
    try {
      storage.setItem(key, JSON.stringify(draft));
    } catch (error) {
      // Storage full or refused: the form still works, only without the kept copy.
    }
  }

  // An inline row's boxes are named prefix-index-field ("rows-8-feature"). A row added with
  // "Add another" is not in the form when it opens again, so its text would be dropped.
  var ROW_FIELD = /^(.+)-(\d+)-[^-]+$/;

  function differsFromForm(draft) {
    return Object.keys(draft.fields).some(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return ROW_FIELD.test(name) && draft.fields[name] !== "";
      return "value" in field && field.value !== draft.fields[name];
    });
  }

  // The box for a kept value; for a row added before the text was kept, "Add another" is
  // pressed until the row is back (or the formset takes no more rows).
  function fieldFor(name) {
    var field = form.elements.namedItem(name);
    var row = ROW_FIELD.exec(name);
    if (field || !row) return field;
    var add = form.querySelector("#" + CSS.escape(row[1]) + "-group .add-row a");
    for (var tries = 0; !field && add && add.offsetParent !== null && tries < 100; tries++) {
      add.click();
      field = form.elements.namedItem(name);
    }
    return field;
  }

  function putBack(draft) {
    Object.keys(draft.fields).forEach(function (name) {
      var field = fieldFor(name);
      if (!field || !("value" in field)) return;
      field.value = draft.fields[name];
      // The Markdown editor redraws its preview on these.
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("keyup", { bubbles: true }));
    });
    if (token && draft.token) token.value = draft.token;
  }

  function offer(draft) {
    var note = document.createElement("div");
    note.className = "editor-draft";
    note.setAttribute("role", "status");
    var text = document.createElement("p");
    var when = new Date(draft.at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    text.textContent = "This browser kept text you typed in this form on " + when +
      " that was never saved.";
    if (token && draft.token && draft.token !== token.value) {
      text.textContent += " Someone has saved this page since: if you put your text back, " +
        "saving will ask you to merge their changes first.";
    }
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button";
    restore.textContent = "Put my text back";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button";
    discard.textContent = "Discard it";
    restore.addEventListener("click", function () {
      putBack(draft);
      note.remove();
    });
    discard.addEventListener("click", function () {
      storage.removeItem(key);
      note.remove();
    });
    note.append(text, restore, " ", discard);
    form.parentNode.insertBefore(note, form);
  }

  var draft = read();
  var tooOld = draft && Date.now() - Date.parse(draft.at) > KEPT_DAYS * 86400000;
  if (draft && draft.fields && !tooOld && differsFromForm(draft)) {
    offer(draft);
  } else if (draft && !document.querySelector(".errornote")) {
    // What it kept is what the form shows: saved. A form shown again with errors (a stale
    // save, a broken link) holds the text but has not saved it, so the copy stays.
    storage.removeItem(key);
  }

  var timer = null;
  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, 400);
  });
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    keep();
    window.sessionStorage.setItem(PENDING, key);
  });
})();

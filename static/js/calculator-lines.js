/*
 * Calculator: "Add a product" and "Add a food" buttons, progressive enhancement only.
 * Without this script the server always offers a spare blank line in each group. With it,
 * each fieldset with data-add-label gets a button that copies its last line, empty,
 * numbers it and focuses it, up to the group's data-max-lines.
 */
(function () {
  "use strict";

  function lines(group) {
    return group.querySelectorAll(":scope > .calc-line");
  }

  function emptyLine(line, group, number) {
    var prefix = group.getAttribute("data-line-prefix");
    var key = group.getAttribute("data-line-key");
    var ids = {};
    line.id = key + "-" + number;
    line.querySelector("legend").textContent = group.getAttribute("data-line-title") + " " + number;
    line.querySelectorAll(".errorlist, .field__hint").forEach(function (node) {
      node.parentNode.removeChild(node);
    });
    line.querySelectorAll(".field--error").forEach(function (node) {
      node.classList.remove("field--error");
    });
    line.querySelectorAll("input, select").forEach(function (box) {
      var id = "id_" + prefix + number + "_" + box.name;
      ids[box.id] = id;
      box.id = id;
      box.removeAttribute("aria-invalid");
      box.removeAttribute("aria-describedby");
      if (box.tagName === "SELECT") {
        box.selectedIndex = 0;
        box.querySelectorAll("option").forEach(function (option) {
          option.removeAttribute("selected");
        });
      } else {
        box.value = "";
        box.removeAttribute("value");
      }
    });
    line.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = ids[label.htmlFor] || label.htmlFor;
    });
    return line;
  }

  document.querySelectorAll("fieldset[data-add-label]").forEach(function (group) {
    var button = document.createElement("button");
    var holder = document.createElement("p");
    button.type = "button";
    button.className = "calc-add";
    button.textContent = group.getAttribute("data-add-label");
    holder.appendChild(button);
    group.appendChild(holder);
    var most = parseInt(group.getAttribute("data-max-lines"), 10) || 20;

    function update() {
      holder.hidden = lines(group).length >= most;
    }

    button.addEventListener("click", function () {
      var all = lines(group);
      if (all.length >= most) {
        return;
      }
      var last = all[all.length - 1];
      var line = emptyLine(last.cloneNode(true), group, all.length + 1);
      last.parentNode.insertBefore(line, last.nextSibling);
      update();
      line.querySelector("input, select").focus();
    });
    update();
  });
})();

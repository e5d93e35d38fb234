// The export page's "Select all" box, wired up without an inline handler (the site's CSP
// blocks those). onSelectToggleChange comes from django-import-export's own script.
document.addEventListener("change", function (event) {
  if (event.target.matches(".select-toggle") && window.onSelectToggleChange) {
    window.onSelectToggleChange(event);
  }
});

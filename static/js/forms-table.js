/*
 * Forms table: filter, sort and remove filters without reloading the page.
 *
 * Progressive enhancement only. Without this script the filter form is a plain GET form and
 * every sort and remove link is an ordinary link; this script fetches the same URLs, swaps in
 * the results, and keeps the address bar on the server's canonical URL.
 *
 * The boxes ticked to compare belong to the filter form (form="forms-filter"), so a filter
 * change sends them as `forms`; a link, drawn with the ticks of its page, is sent with the
 * boxes ticked now.
 */
(function () {
  "use strict";

  var form = document.getElementById("forms-filter");
  var results = document.getElementById("forms-results");
  if (!form || !results || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }

  var announcer = document.getElementById("forms-announcer");
  var pending = null;
  var typingTimer = null;
  // The history entry is the search being typed: a search is one step back.
  var typingEntry = false;

  function queryFromForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return form.action.split(/[?#]/)[0] + (query ? "?" + query : "");
  }

  // Make the filter form show what the server understood, leaving alone the field being typed
  // in, unless `all` (Back, Forward).
  function syncForm(freshForm, all) {
    if (!freshForm) {
      return;
    }
    // What a control asked for that cannot apply yet (a grade before an outcome), beside it.
    Array.prototype.forEach.call(freshForm.querySelectorAll("[data-field-message]"), function (fresh) {
      var mine = document.getElementById(fresh.id);
      if (mine) {
        mine.textContent = fresh.textContent;
      }
    });
    Array.prototype.forEach.call(freshForm.elements, function (fresh) {
      if (!fresh.name) {
        return;
      }
      var mine = null;
      Array.prototype.forEach.call(form.elements, function (element) {
        if (element.name === fresh.name && (fresh.type !== "checkbox" || element.value === fresh.value)) {
          mine = mine || element;
        }
      });
      if (!mine) {
        return;
      }
      if (fresh.type === "checkbox") {
        mine.checked = fresh.checked;
      } else if (all || mine !== document.activeElement) {
        mine.value = fresh.value;
      }
    });
  }

  function withTicks(href) {
    var url = new URL(href, window.location.href);
    var ticked = new FormData(form).getAll("forms");
    url.searchParams.delete("forms");
    if (ticked.length) {
      url.searchParams.set("forms", ticked.join(","));
    }
    // Slugs hold no commas: keep the list readable in the address bar, as the server writes it.
    url.search = url.searchParams.toString().replace(/%2C/gi, ",");
    return url.href;
  }

  function updateCompareHint() {
    var hint = document.getElementById("compare-hint");
    if (!hint) {
      return;
    }
    var ticked = results.querySelectorAll('input[name="forms"]:checked').length;
    if (ticked === 0) {
      hint.textContent = "Tick two to four forms.";
    } else if (ticked === 1) {
      hint.textContent = "1 ticked: tick at least one more.";
    } else if (ticked <= 4) {
      hint.textContent = ticked + " ticked: ready to compare.";
    } else {
      hint.textContent = ticked + " ticked: untick " + (ticked - 4) + " to compare (up to four).";
    }
  }

  function load(url, options) {
    if (!options.typing) {
      window.clearTimeout(typingTimer); // a search still waiting for a pause is dropped
    }
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(url, { headers: { Accept: "text/html" }, signal: pending.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text().then(function (html) {
          return { html: html, url: response.url };
        });
      })
      .then(function (page) {
        var doc = new DOMParser().parseFromString(page.html, "text/html");
        var fresh = doc.getElementById("forms-results");
        if (!fresh) {
          throw new Error("no results in the page");
        }
        results.innerHTML = fresh.innerHTML;
        syncForm(doc.getElementById("forms-filter"), options.all);
        document.title = doc.title;
        var canonical = document.querySelector('link[rel="canonical"]');
        var freshCanonical = doc.querySelector('link[rel="canonical"]');
        if (canonical && freshCanonical) {
          canonical.href = freshCanonical.href;
        }
        typingEntry = Boolean(options.typing);
        if (options.push && page.url !== window.location.href) {
          history.pushState({ formsTable: true }, "", page.url);
        } else if (options.replace) {
          history.replaceState({ formsTable: true }, "", page.url);
        }
        var count = document.getElementById("result-count");
        // The count, and any notice of what was ignored or why nothing is left.
        if (announcer) {
          announcer.textContent = Array.prototype.map
            .call(results.querySelectorAll("[data-announce]"), function (part) {
              return part.textContent.replace(/\s+/g, " ").trim();
            })
            .join(" ");
        }
        if (options.focusResults && count) {
          count.setAttribute("tabindex", "-1");
          count.focus();
        }
        updateCompareHint();
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url);
        }
      });
  }

  // A press of the button shows its answer (boxes ticked before it already loaded theirs).
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.hasAttribute("formaction")) {
      return; // "Compare ticked forms" opens the compare page
    }
    event.preventDefault();
    load(queryFromForm(), { push: true, focusResults: true });
  });

  form.addEventListener("change", function (event) {
    if (event.target.name !== "q") {
      load(queryFromForm(), { push: true });
    }
  });

  form.addEventListener("input", function (event) {
    if (event.target.name === "q") {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(function () {
        var entry = typingEntry ? { replace: true } : { push: true };
        entry.typing = true;
        load(queryFromForm(), entry);
      }, 350);
    }
  });

  function followTableLink(event) {
    var link = event.target.closest("a[data-table-link]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    load(withTicks(link.href), { push: true, focusResults: true });
  }

  results.addEventListener("click", followTableLink);
  form.addEventListener("click", followTableLink);

  results.addEventListener("change", function (event) {
    if (event.target.name === "forms") {
      updateCompareHint();
    }
  });

  window.addEventListener("popstate", function () {
    load(window.location.href, { all: true });
  });

  // Back from the compare page, the browser puts the ticks back after the script ran.
  window.addEventListener("pageshow", updateCompareHint);

  updateCompareHint();
})();

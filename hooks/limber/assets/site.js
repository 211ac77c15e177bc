/* Limber site script: the stretch index filters, and small accessibility fixes to the theme.
   Dependency-free; safe to run more than once (DOMContentLoaded and Material's document$). */
(function () {
  "use strict";

  function labelSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function words(element, name) {
    var value = element.getAttribute("data-" + name) || "";
    return value ? value.split(" ") : [];
  }

  function matches(item, filters) {
    if (filters.area && words(item, "areas").indexOf(filters.area) < 0) return false;
    if (filters.position && item.getAttribute("data-position") !== filters.position) return false;
    if (filters.equipment === "none") return words(item, "equipment").length === 0;
    if (filters.equipment && words(item, "equipment").indexOf(filters.equipment) < 0) return false;
    return true;
  }

  function setUpFilters() {
    var form = document.querySelector("[data-limber-filters]");
    var list = document.querySelector("[data-limber-list]");
    var count = document.querySelector("[data-limber-count]");
    if (!form || !list || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    form.hidden = false;
    var selects = form.querySelectorAll("select[data-limber-filter]");
    var items = list.querySelectorAll("li");

    function apply(updateAddress) {
      var filters = {};
      var params = new URLSearchParams();
      Array.prototype.forEach.call(selects, function (select) {
        filters[select.name] = select.value;
        if (select.value) params.set(select.name, select.value);
      });
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        var show = matches(item, filters);
        item.hidden = !show;
        if (show) shown += 1;
      });
      var total = items.length;
      count.textContent = shown === total
        ? total + (total === 1 ? " stretch" : " stretches")
        : "Showing " + shown + " of " + total + " stretches";
      if (updateAddress) {
        var query = params.toString();
        try {
          history.replaceState(null, "", query ? "?" + query : location.pathname);
        } catch (error) {
          /* file:// pages may refuse address changes; the filter still works. */
        }
      }
    }

    var initial = new URLSearchParams(location.search);
    Array.prototype.forEach.call(selects, function (select) {
      var wanted = initial.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  function start() {
    labelSearchDialog();
    setUpFilters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();

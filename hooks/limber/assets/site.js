/* Limber site script: the stretch index filters, and small accessibility fixes to the theme.
   Dependency-free; safe to run more than once (DOMContentLoaded and Material's document$).
   Words come from the message catalogue (section `site`), carried by assets/limber/limber-data.js. */
(function () {
  "use strict";

  /** The words for `site.<key>`; a plural ({one, other}) is chosen by `values.count`. */
  function t(key, values) {
    var entry = (data.messages || {})["site." + key];
    if (entry === undefined) return key;
    if (typeof entry === "object") entry = (values && values.count === 1 && entry.one) || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  var script = document.currentScript;
  var data = window.LimberData || { paths: {}, colours: {} };
  var siteRoot = script && data.paths.root ? new URL(data.paths.root, script.src) : null;

  /* Installable and offline over http(s): the manifest and the service worker. file:// pages
     work from the folder as they are (no fetch, no workers there). */
  function setUpOffline() {
    if (!siteRoot || !/^https?:$/.test(location.protocol)) return;
    if (!document.querySelector('link[rel="manifest"]')) {
      var manifest = document.createElement("link");
      manifest.rel = "manifest";
      manifest.href = new URL(data.paths.manifest, siteRoot).href;
      document.head.appendChild(manifest);
      var theme = document.createElement("meta");
      theme.name = "theme-color";
      theme.content = data.colours.brand;
      document.head.appendChild(theme);
    }
    if (!("serviceWorker" in navigator) || window.__limberWorker) return;
    window.__limberWorker = true;
    // A new build's worker taking over says so; the other language's worker handing this
    // site's pages to their own (a visit to /, then to /es/) is no new version.
    var worker = navigator.serviceWorker.controller;
    var was = worker && worker.scriptURL;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      var now = navigator.serviceWorker.controller;
      if (was && now && now.scriptURL === was) showUpdateNotice();
      was = now && now.scriptURL;
    });
    navigator.serviceWorker.register(new URL(data.paths.serviceWorker, siteRoot).href).catch(function () {
      /* no service worker (private mode, old browser): the site still works online */
    });
  }

  function showUpdateNotice() {
    if (document.querySelector(".limber-update")) return;
    var notice = document.createElement("div");
    notice.className = "limber-update";
    notice.setAttribute("role", "status");
    notice.textContent = t("update") + " ";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary";
    reload.textContent = t("reload");
    reload.addEventListener("click", function () { location.reload(); });
    notice.appendChild(reload);
    document.body.appendChild(notice);
  }

  function labelSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", t("search"));
  }

  function words(element, name) {
    var value = element.getAttribute("data-" + name) || "";
    return value ? value.split(" ") : [];
  }

  /** Each stretch of the index with the words the filters match, read from the page once. */
  function readItems(lists) {
    var items = [];
    Array.prototype.forEach.call(lists, function (list) {
      Array.prototype.forEach.call(list.children, function (item) {
        items.push({
          element: item,
          list: list,
          areas: words(item, "areas"),
          position: item.getAttribute("data-position"),
          equipment: words(item, "equipment")
        });
      });
    });
    return items;
  }

  function matches(item, filters) {
    if (filters.area && item.areas.indexOf(filters.area) < 0) return false;
    if (filters.position && item.position !== filters.position) return false;
    if (filters.equipment === "none") return item.equipment.length === 0;
    if (filters.equipment && item.equipment.indexOf(filters.equipment) < 0) return false;
    return true;
  }

  /* The index's filters. The page arrives showing every stretch with its count, so at start
     nothing is done unless the address holds a filter (?area=hips): at 1,000 stretches, touching
     each item while the page opens would hold up the first screen. The items' words are read on
     the first filtering, once. The list comes in runs (stretch_index_list.html): a run with no
     match is left out, and a filtered list is drawn whole (data-filtered, limber.css). */
  function setUpFilters() {
    var form = document.querySelector("[data-limber-filters]");
    var holder = document.querySelector("[data-limber-lists]");
    var count = document.querySelector("[data-limber-count]");
    if (!form || !holder || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    form.hidden = false;
    var selects = form.querySelectorAll("select[data-limber-filter]");
    var lists = holder.querySelectorAll("[data-limber-list]");
    var items = null;

    function apply(updateAddress) {
      var filters = {};
      var params = new URLSearchParams();
      Array.prototype.forEach.call(selects, function (select) {
        filters[select.name] = select.value;
        if (select.value) params.set(select.name, select.value);
      });
      if (!items) items = readItems(lists);
      var shown = 0;
      var perList = new Map();
      items.forEach(function (item) {
        var show = matches(item, filters);
        if (item.element.hidden === show) item.element.hidden = !show;
        if (show) shown += 1;
        perList.set(item.list, (perList.get(item.list) || 0) + (show ? 1 : 0));
      });
      perList.forEach(function (inList, list) {
        if (list.hidden !== (inList === 0)) list.hidden = inList === 0;
      });
      var total = items.length;
      holder.toggleAttribute("data-filtered", shown !== total);
      count.textContent = shown === total ? t("count", { count: total })
        : shown ? t("showing", { shown: shown, total: total }) : t("none_match", { any: selects[0].options[0].text });
      count.toggleAttribute("data-empty", shown === 0);
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
    var wantsFilter = false;
    Array.prototype.forEach.call(selects, function (select) {
      var wanted = initial.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
      // A choice the browser kept from an earlier visit counts as much as one in the address.
      if (select.value) wantsFilter = true;
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (wantsFilter) apply(false);
  }

  /* "Save everything for offline": fetch the files left out of the precache (cards, PDFs, audio,
     the site zip; listed with their hashes in offline-files.json) into the cache the service
     worker reads them from, counting bytes as they come. Saving again fetches only what changed. */
  function setUpSave() {
    var box = document.querySelector("[data-limber-save]");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "true");
    var status = box.querySelector("[data-limber-save-status]");
    var bar = box.querySelector("[data-limber-save-progress]");
    var button = box.querySelector("[data-limber-save-button]");
    if (location.protocol === "file:") {
      status.textContent = t("save_folder");
      bar.hidden = true;
      button.hidden = true;
      return;
    }
    if (!siteRoot || !("caches" in window) || !("serviceWorker" in navigator)) {
      status.textContent = t("save_unsupported");
      return;
    }
    var number = new Intl.NumberFormat(data.language || undefined, { maximumFractionDigits: 1 });
    function size(bytes) { return t("save_size", { size: number.format(bytes / 1e6) }); }
    var cacheName = "limber-saved " + siteRoot.href; // the service worker's SAVED
    var list = null;

    function show(key, saved, extra) {
      bar.max = Math.max(list.size, 1);
      bar.value = saved;
      var values = { saved: size(saved), total: size(list.size) };
      if (extra) values.reason = extra;
      status.textContent = t(key, values);
    }

    function entries() {
      return Object.keys(list.files).map(function (path) {
        var url = new URL(path, siteRoot).href;
        return { url: url, key: url + "?v=" + list.files[path][0], size: list.files[path][1] };
      });
    }

    function savedBytes(cache) {
      return Promise.all(entries().map(function (entry) {
        return cache.match(entry.key).then(function (hit) { return hit ? entry.size : 0; });
      })).then(function (sizes) { return sizes.reduce(function (a, b) { return a + b; }, 0); });
    }

    /* One file into the cache, streamed: the bar moves as its bytes arrive. */
    function saveOne(cache, entry, onBytes) {
      return fetch(entry.url, { cache: "no-cache", headers: { "x-limber-save": "1" } }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        var streams = response.body.tee();
        var reader = streams[1].getReader();
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return null;
            onBytes(chunk.value.length);
            return pump();
          });
        }
        var copy = new Response(streams[0], { headers: response.headers });
        return Promise.all([cache.put(entry.key, copy), pump()]);
      });
    }

    function saveAll() {
      button.disabled = true;
      var cache;
      var saved = 0;
      var spoken = -1;
      caches.open(cacheName).then(function (opened) {
        cache = opened;
        return savedBytes(cache);
      }).then(function (already) {
        saved = already;
        show("save_saving", saved);
        var chain = Promise.resolve();
        entries().forEach(function (entry) {
          chain = chain.then(function () {
            return cache.match(entry.key).then(function (hit) {
              if (hit) return null;
              var before = saved;
              return saveOne(cache, entry, function (bytes) {
                bar.value = Math.min(before + entry.size, bar.value + bytes);
              }).then(function () {
                saved = before + entry.size;
                // The words change at each tenth, not each file: a screen reader is not flooded.
                var tenth = Math.floor((saved / list.size) * 10);
                if (tenth !== spoken) show("save_saving", saved);
                else bar.value = saved;
                spoken = tenth;
              });
            });
          });
        });
        return chain;
      }).then(function () {
        show("save_done", saved);
      }).catch(function (error) {
        show("save_failed", saved, error && error.message ? error.message : String(error));
      }).then(function () {
        button.disabled = false;
      });
    }

    fetch(new URL(data.paths.offlineFiles, siteRoot).href).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (loaded) {
      list = loaded;
      return caches.has(cacheName).then(function (has) {
        return has ? caches.open(cacheName).then(savedBytes) : 0; // opening would create it
      });
    }).then(function (saved) {
      show(saved >= list.size ? "save_done" : "save_ready", saved);
      button.disabled = false;
      button.addEventListener("click", saveAll);
    }).catch(function () {
      /* offline with no list yet: the words already on the page still hold */
    });
  }

  /** "Print this routine": the browser's own Print, which a phone keeps deep in a menu. */
  function setUpPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-limber-print]"), function (button) {
      if (button.limberPrint) return;
      button.limberPrint = true;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    setUpPrint();
    setUpOffline();
    labelSearchDialog();
    setUpFilters();
    setUpSave();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();

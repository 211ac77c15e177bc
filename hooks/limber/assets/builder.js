/* Limber routine builder, on builder.html only. A built routine plays in the timer.js player
 * (LimberTimer.mount): one code path with authored routines. It stays on the device or in the
 * link's fragment (never sent to a server). Link form: see limber/builder.py. The codec at the
 * top needs no page: Node's tests load this file. Words: the catalogue's (messages/en.yml), from
 * LimberData.messages on the page; Node passes them to useMessages. */
(function (root) {
  "use strict";

  var VERSION = 1;
  var TITLE_LIMIT = 60;
  var REST_LIMIT = 600;
  var DEFAULT_REST = 10;
  var ITEM = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d{1,4})(?::(\d{1,3}))?$/;
  var EXPORT_FILE = "limber-routines.json";
  var messages = null;

  function useMessages(catalogue) { messages = catalogue; }

  /** The catalogue's words for `key` ("builder.add"), {placeholders} filled; a plural
   *  ({one, other}) is chosen by `values.count`. */
  function t(key, values) {
    var words = messages || (root.LimberData && root.LimberData.messages) || {};
    var entry = words[key];
    if (entry === undefined) return key;
    if (typeof entry === "object") entry = (values && values.count === 1 && entry.one) || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  function clipTitle(title) {
    return Array.from(String(title || "")).slice(0, TITLE_LIMIT).join("");
  }

  function escapeTitle(title) {
    return encodeURIComponent(clipTitle(title)).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function encode(routine) {
    var items = routine.items.map(function (item) {
      return item.slug + ":" + item.amount + (item.reps !== 1 ? ":" + item.reps : "");
    });
    return [VERSION, routine.rest, routine.items.length, escapeTitle(routine.title), items.join(",")].join(";");
  }

  /** Link text to {title, rest, items, problems}; never throws. */
  function decode(code) {
    var result = { version: null, title: "", rest: DEFAULT_REST, items: [], problems: [] };
    var parts = String(code == null ? "" : code).split(";");
    if (!/^\d{1,4}$/.test(parts[0])) {
      result.problems.push(t("builder.link_unreadable"));
      return result;
    }
    result.version = Number(parts[0]);
    if (result.version !== VERSION) {
      result.problems.push(t(result.version > VERSION ? "builder.link_newer" : "builder.link_older",
        { version: result.version }));
      return result;
    }
    if (/^\d{1,3}$/.test(parts[1] || "") && Number(parts[1]) <= REST_LIMIT) result.rest = Number(parts[1]);
    else result.problems.push(t("builder.link_rest", { rest: DEFAULT_REST }));
    var count = /^\d{1,3}$/.test(parts[2] || "") ? Number(parts[2]) : null;
    try {
      // A "+" is a space some apps write (the link itself writes "+" as %2B).
      result.title = clipTitle(decodeURIComponent((parts[3] || "").replace(/\+/g, " ")));
    } catch (error) {
      result.problems.push(t("builder.link_name"));
    }
    var pieces = parts.length > 4 && parts[4] ? parts.slice(4).join(";").split(",") : [];
    pieces.forEach(function (piece, index) {
      var match = ITEM.exec(piece);
      if (!match) {
        result.problems.push(t("builder.link_item", { number: index + 1, text: piece.slice(0, 40) }));
        return;
      }
      result.items.push({ slug: match[1], amount: Number(match[2]), reps: match[3] ? Number(match[3]) : 1 });
    });
    if (count === null) result.problems.push(t("builder.link_count"));
    else if (pieces.length < count) {
      result.problems.push(t("builder.link_cut", { count: count }));
    }
    return result;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function clamp(value, range) { return Math.max(range[0], Math.min(range[1], value)); }

  /** Unknown stretches left out, doses brought into range: each said in `problems`. */
  function resolve(decoded, library) {
    var problems = decoded.problems.slice(), items = [];
    decoded.items.forEach(function (item) {
      if (!has(library, item.slug)) {
        problems.push(t("builder.link_unknown", { slug: item.slug }));
        return;
      }
      var stretch = library[item.slug];
      var amount = clamp(item.amount, stretch.amount), reps = clamp(item.reps, stretch.reps);
      if (amount !== item.amount || reps !== item.reps) {
        problems.push(t("builder.link_dose", { name: stretch.name, dose: doseText(stretch, amount, reps) }));
      }
      items.push({ slug: item.slug, amount: amount, reps: reps });
    });
    return { title: decoded.title, rest: decoded.rest, items: items, problems: problems };
  }

  function stretchCount(n) { return t("routine.stretch_count", { count: n }); }

  function secondsText(seconds) {
    return seconds % 60 === 0 ? t("dose.minutes", { span: seconds / 60 }) : t("dose.seconds", { span: seconds });
  }

  /** As limber.wording.dose_text says it. */
  function doseText(stretch, amount, reps) {
    var dose = stretch.kind === "hold" ? t("dose.hold", { time: secondsText(amount) })
      : t("dose.breaths", { count: amount, amount: amount });
    var times = reps !== 1 ? t("dose.times", { count: reps, reps: reps }) : "";
    var sides = stretch.sides === "alternate" && reps !== 1 ? "alternate_repeated" : stretch.sides;
    return t("dose.sides_" + sides, { dose: dose, times: times });
  }

  function minutesText(seconds) {
    if (seconds < 45) return t("duration.under_a_minute");
    var minutes = Math.round(seconds / 60);
    if (seconds % 120 === 30) minutes -= 1; // half to even, as Python's round()
    minutes = Math.max(1, minutes);
    return t("duration.about", { count: minutes, minutes: minutes });
  }

  /** The plan JSON authored routine pages carry. */
  function playerConfig(routine, library, settings) {
    return {
      id: "builder:" + encode(routine),
      title: routine.title || t("builder.yours"),
      rest: routine.rest,
      settings: settings,
      items: routine.items.map(function (item) {
        var s = library[item.slug];
        var data = { slug: item.slug, name: s.name, kind: s.kind, amount: [item.amount, item.amount],
          reps: [item.reps, item.reps], sides: s.sides };
        if (s.cues) data.cues = s.cues;
        return data;
      })
    };
  }

  // Letters NFKD does not take apart (limber.paths._LATIN).
  var LATIN = { "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "ð": "d" };

  /** A file name from a routine's name, as limber.paths.slugify makes one ("Sra. López" →
   * "sra-lopez", "Straße" → "strasse"). */
  function slugify(text) {
    var plain = String(text).replace(/[ßøØæÆœŒłŁđĐþð]/g, function (c) { return LATIN[c]; })
      .normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return (plain.match(/[a-z0-9]+/g) || []).join("-");
  }

  /** The docs/routines/<slug>.md text of this routine. */
  function proposal(routine, library) {
    var title = routine.title.trim() || t("builder.name_placeholder");
    var lines = ["---", "title: " + JSON.stringify(title), "rest: " + routine.rest, "stretches:"];
    routine.items.forEach(function (item) {
      var s = library[item.slug];
      lines.push("  - stretch: " + item.slug, "    " + s.kind + ": " + item.amount);
      if (s.reps[0] !== s.reps[1] || item.reps !== s.reps[0]) lines.push("    reps: " + item.reps);
    });
    lines.push("---", "");
    return { path: "docs/routines/" + (slugify(title) || "my-routine") + ".md", text: lines.join("\n") };
  }


  function readExport(text, library) {
    var data;
    try { data = JSON.parse(text); } catch (error) { return { error: t("builder.import_not_json", { error: error.message }) }; }
    if (!data || data.format !== "limber-routines" || !Array.isArray(data.routines)) {
      return { error: t("builder.import_not_routines") };
    }
    if (data.version !== VERSION) return { error: t("builder.import_version", { version: data.version, expected: VERSION }) };
    var routines = [], problems = [];
    data.routines.forEach(function (entry, index) {
      if (!entry || typeof entry.name !== "string" || !Array.isArray(entry.stretches)) {
        problems.push(t("builder.import_skipped", { number: index + 1 }));
        return;
      }
      var rest = Number.isInteger(entry.rest) && entry.rest >= 0 && entry.rest <= REST_LIMIT ? entry.rest : DEFAULT_REST;
      var items = [], local = [];
      entry.stretches.forEach(function (s, k) {
        if (!s || typeof s.stretch !== "string" || !Number.isInteger(s.amount) || (s.reps != null && !Number.isInteger(s.reps))) {
          local.push(t("builder.import_item", { number: k + 1 }));
        } else items.push({ slug: s.stretch, amount: s.amount, reps: s.reps == null ? 1 : s.reps });
      });
      var resolved = resolve({ title: clipTitle(entry.name), rest: rest, items: items, problems: local }, library);
      resolved.problems.forEach(function (p) { problems.push(clipTitle(entry.name) + ": " + p); });
      routines.push(resolved);
    });
    return { routines: routines, problems: problems };
  }

  function exportText(saved) {
    return JSON.stringify({
      format: "limber-routines", version: VERSION,
      routines: saved.map(function (r) {
        return { name: r.title, rest: r.rest, stretches: r.items.map(function (i) {
          return { stretch: i.slug, amount: i.amount, reps: i.reps };
        }) };
      })
    }, null, 1) + "\n";
  }

  /** Room on a sheet of these stretches for their next steps, and its list's type size
   * (limber.sheet.sheet_room, with the page's `sheet` measures): { more: bool, points: number }. */
  function sheetRoom(items, library, room) {
    var cues = 0, mores = 0;
    items.forEach(function (item) {
      var s = library[item.slug];
      cues += s.cue.length + 1;
      mores += s.more ? s.more.length : 0;
    });
    var characters = items.length * room.row + cues;
    var more = characters + mores <= room.page;
    if (more) characters += mores;
    var points = room.points.filter(function (size) {
      return characters * size * size <= room.page * room.base * room.base;
    });
    return { more: more, points: points.length ? points[0] : room.base };
  }

  var codec = { VERSION: VERSION, TITLE_LIMIT: TITLE_LIMIT, encode: encode, decode: decode,
    resolve: resolve, doseText: doseText, minutesText: minutesText, playerConfig: playerConfig,
    proposal: proposal, readExport: readExport, exportText: exportText, useMessages: useMessages,
    sheetRoom: sheetRoom, slugify: slugify };
  if (typeof module === "object" && module.exports) {
    module.exports = codec;
    return;
  }
  root.LimberBuilder = codec;

  var DRAFT = "limber:builder:draft";
  var SAVED = "limber:builder:saved";

  function readJSON(key) {
    try { return JSON.parse(root.localStorage.getItem(key) || "null"); } catch (error) { return null; }
  }

  function writeJSON(key, value) {
    try { root.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage off: the page still works */ }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  var ICONS = { up: "M7 14l5-5 5 5z", down: "M7 10l5 5 5-5z", remove: "M6 6l12 12M18 6L6 18" };

  function iconButton(name, label, uid) {
    var b = el("button", { type: "button", class: "lb-icon", "data-act": name, "data-uid": String(uid),
      "aria-label": label, title: label });
    b.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="' + ICONS[name] + '"/></svg>';
    return b;
  }

  function Builder(box) {
    var data = JSON.parse(box.querySelector("[data-lb-data]").textContent);
    var self = this;
    this.box = box;
    this.data = data;
    this.library = {};
    data.stretches.forEach(function (s) { self.library[s.slug] = s; });
    this.uid = 0;
    this.pending = false;
    this.$ = function (name) { return box.querySelector("[data-lb-" + name + "]"); };
    this.routine = { title: "", rest: data.rest, items: [] };
    this.saved = (readJSON(SAVED) || []).map(function (entry) {
      return entry && typeof entry.code === "string" ? self.fromCode(entry.code).routine : null;
    }).filter(Boolean);
    box.classList.add("is-ready");
    this.wire();
    this.open();
  }

  var proto = Builder.prototype;

  proto.fromCode = function (code) {
    var resolved = resolve(decode(code), this.library);
    var self = this;
    var problems = resolved.problems;
    delete resolved.problems;
    resolved.items.forEach(function (item) { item.uid = ++self.uid; });
    return { routine: resolved, problems: problems };
  };

  /** The routine's code in the page's address, or null. */
  function linkCode() {
    var match = /(?:^#|[#&])r=([^&]*)/.exec(location.hash);
    return match ? match[1] : null;
  }

  /* A link wins over the draft, which is kept among the saved: a link never loses your work. */
  proto.open = function () {
    var linked = linkCode();
    var draft = readJSON(DRAFT);
    var draftRoutine = draft && typeof draft.code === "string" ? this.fromCode(draft.code).routine : null;
    if (linked !== null) {
      // Some apps escape the separators of a link they pass on: undo that, and only that (a
      // name's "%2B" stays a "+", not the space a bare "+" stands for).
      var code = linked.indexOf(";") < 0 && /%3B/i.test(linked)
        ? linked.replace(/%3B/gi, ";").replace(/%2C/gi, ",").replace(/%3A/gi, ":") : linked;
      // A link that ends a sentence may carry its full stop or bracket: items end in a digit. A
      // ":" stays (a stretch cut after it is reported, not mended).
      code = code.replace(/(\d)(?:[^\w%:]|%[0-9a-f]{2})+$/i, "$1");
      var opened = this.fromCode(code);
      var kept = opened.routine.items.length;
      if (kept && draftRoutine && draftRoutine.items.length && encode(draftRoutine) !== encode(opened.routine)) {
        this.keep(draftRoutine, t("builder.earlier_draft"));
      }
      if (kept || !draftRoutine) this.routine = opened.routine;
      else this.routine = draftRoutine;
      // Your own routine comes back with its address (a reload, Back): not one sent to you.
      var own = draft && draft.code === encode(opened.routine);
      this.sent = own ? draft.sent === true : kept > 0;
      this.showProblems(opened.problems, kept);
      this.damaged = opened.problems.length ? encode(this.routine) : null;
    } else if (draftRoutine) {
      this.routine = draftRoutine;
    }
    this.render();
  };

  proto.showProblems = function (problems, kept) {
    var notice = this.$("notice");
    notice.textContent = "";
    if (!problems.length) { notice.hidden = true; return; }
    notice.appendChild(el("p", {}, kept
      ? t("builder.link_partial", { stretches: stretchCount(kept) }) : t("builder.link_failed")));
    var list = notice.appendChild(el("ul"));
    problems.forEach(function (p) { list.appendChild(el("li", {}, p)); });
    notice.appendChild(el("p", {}, t(kept ? "builder.link_ask" : "builder.link_ask_again")));
    var close = notice.appendChild(el("button", { type: "button", class: "md-button" }, t("builder.dismiss")));
    close.addEventListener("click", function () { notice.hidden = true; });
    notice.hidden = false;
  };

  proto.say = function (text) {
    this.$("status").textContent = text;
  };

  proto.keep = function (routine, fallback) {
    var code = encode(routine);
    if (this.saved.some(function (r) { return encode(r) === code; })) return;
    var copy = JSON.parse(JSON.stringify(routine));
    copy.title = copy.title || fallback;
    this.saved.unshift(copy);
    this.storeSaved();
  };

  proto.storeSaved = function () {
    writeJSON(SAVED, this.saved.map(function (r) { return { code: encode(r) }; }));
    this.renderSaved();
  };

  proto.wire = function () {
    var self = this;
    Array.prototype.forEach.call(this.box.querySelectorAll("[data-lb-add]"), function (button) {
      button.disabled = false;
      button.addEventListener("click", function () { self.add(button.getAttribute("data-lb-add")); });
    });
    // Another link opened in this tab (pasted, or tapped in a message) changes only the address
    // after "#": the page is not loaded again, so the routine it names is opened here.
    // Back to an address this tab wrote itself (its own links, "See your routine", make history
    // entries) is not a link: the routine on the page stays, and so does its address.
    root.addEventListener("hashchange", function () {
      var code = linkCode(), current = encode(self.routine);
      if (code === null || code === current) return;
      if (history.state && history.state.limberRoutine) {
        self.writeAddress(current);
        return;
      }
      if (self.routine.items.length) self.keep(self.routine, t("builder.earlier_draft"));
      self.open();
      self.box.scrollIntoView();
    });
    var title = this.$("title"), rest = this.$("rest");
    title.addEventListener("input", function () { self.routine.title = clipTitle(title.value); self.render(true); });
    rest.addEventListener("change", function () { self.routine.rest = Number(rest.value); self.render(); });
    this.$("chosen").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-act]");
      if (button) self.act(button.getAttribute("data-act"), Number(button.getAttribute("data-uid")));
    });
    this.$("chosen").addEventListener("change", function (event) {
      var select = event.target.closest("select[data-field]");
      if (!select) return;
      var uid = Number(select.getAttribute("data-uid"));
      self.item(uid)[select.getAttribute("data-field")] = Number(select.value);
      self.render();
      self.focus('select[data-uid="' + uid + '"][data-field="' + select.getAttribute("data-field") + '"]');
    });
    this.wireDrag();
    this.wireFilters();
    this.wireActions();
    this.$("player").addEventListener("limber:step", function () {
      if (self.pending && self.$("player").getAttribute("data-status") === "idle") {
        setTimeout(function () { self.mountPlayer(true); }, 0);
      }
    });
  };

  proto.item = function (uid) {
    return this.routine.items.filter(function (i) { return i.uid === uid; })[0];
  };

  proto.add = function (slug) {
    var s = this.library[slug];
    this.routine.items.push({ uid: ++this.uid, slug: slug, amount: s.amount[0], reps: s.reps[0] });
    this.render();
    this.say(t("builder.added", { name: s.name, summary: this.summary() }));
  };

  proto.act = function (action, uid) {
    var items = this.routine.items, index = items.indexOf(this.item(uid));
    if (index < 0) return;
    var name = this.library[items[index].slug].name;
    if (action === "remove") {
      items.splice(index, 1);
      this.render();
      var next = items[index] || items[index - 1];
      if (next) this.focus('button[data-act="remove"][data-uid="' + next.uid + '"]');
      else this.focus("#lb-routine-title");
      this.say(t("builder.removed", { name: name, summary: this.summary() }));
      return;
    }
    var to = action === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= items.length) return;
    items.splice(to, 0, items.splice(index, 1)[0]);
    this.render();
    var edge = (action === "up" && to === 0) || (action === "down" && to === items.length - 1);
    this.focus('button[data-act="' + (edge ? (action === "up" ? "down" : "up") : action) + '"][data-uid="' + uid + '"]');
    this.say(t("builder.moved", { name: name, number: to + 1, total: items.length }));
  };

  proto.focus = function (selector) {
    var target = this.box.querySelector(selector);
    if (target) target.focus();
  };

  /* Dragging: an extra; the buttons do the same by keyboard. */
  proto.wireDrag = function () {
    var self = this, list = this.$("chosen"), dragged = null;
    function at(event) {
      var li = event.target.closest && event.target.closest("li[data-uid]");
      return li && self.item(Number(li.getAttribute("data-uid")));
    }
    list.addEventListener("dragstart", function (event) {
      dragged = at(event);
      if (dragged) event.dataTransfer.setData("text/plain", "");
    });
    list.addEventListener("dragover", function (event) { if (dragged) event.preventDefault(); });
    list.addEventListener("dragend", function () { dragged = null; });
    list.addEventListener("drop", function (event) {
      var target = at(event), items = self.routine.items;
      if (!dragged || !target) return;
      event.preventDefault();
      var below = items.indexOf(dragged) < items.indexOf(target);
      items.splice(items.indexOf(dragged), 1);
      items.splice(items.indexOf(target) + (below ? 1 : 0), 0, dragged);
      dragged = null;
      self.render();
    });
  };

  proto.wireFilters = function () {
    var form = this.box.querySelector("[data-lb-filters]"), self = this;
    var items = this.box.querySelectorAll(".lb-item");
    function apply() {
      var f = {};
      Array.prototype.forEach.call(form.querySelectorAll("[data-lb-filter]"), function (input) {
        f[input.getAttribute("data-lb-filter")] = input.value.trim().toLowerCase();
      });
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        var words = function (name) { return (item.getAttribute("data-" + name) || "").split(" ").filter(Boolean); };
        var show = (!f.area || words("areas").indexOf(f.area) >= 0) &&
          (!f.position || item.getAttribute("data-position") === f.position) &&
          (!f.equipment || (f.equipment === "none" ? !words("equipment").length : words("equipment").indexOf(f.equipment) >= 0)) &&
          (!f.words || f.words.split(/\s+/).every(function (w) { return item.getAttribute("data-words").indexOf(w) >= 0; }));
        item.hidden = !show;
        if (show) shown += 1;
      });
      self.$("count").textContent = shown === items.length ? t("site.count", { count: items.length })
        : shown ? t("site.showing", { shown: shown, total: items.length })
        : f.words && !f.area && !f.position && !f.equipment ? t("site.none_found", { words: f.words })
        : t("site.none_match", { any: form.querySelector("select").options[0].text });
      self.$("count").toggleAttribute("data-empty", shown === 0);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  proto.wireActions = function () {
    var self = this, link = this.$("link");
    link.addEventListener("focus", function () { link.select(); });
    this.$("copy").addEventListener("click", function () {
      self.copy(link.value, t("builder.link_copied"), link);
    });
    var share = this.$("share");
    if (navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: self.routine.title || t("builder.share_title"), url: link.value })
          .catch(function () { /* closed without sharing */ });
      });
    }
    this.$("print").addEventListener("click", function () { root.print(); });
    this.$("sent-print").addEventListener("click", function () { root.print(); });
    this.$("sent-start").addEventListener("click", function () { self.startSent(); });
    this.$("propose-copy").addEventListener("click", function () {
      self.copy(self.$("propose").value, t("builder.text_copied"), self.$("propose"));
    });
    this.$("save").addEventListener("click", function () { self.save(); });
    this.$("new").addEventListener("click", function () {
      if (self.routine.items.length) self.keep(self.routine, t("builder.unnamed"));
      self.routine = { title: "", rest: self.data.rest, items: [] };
      self.sent = false;
      self.render();
      self.focus("[data-lb-title]");
      self.say(t("builder.started_new"));
    });
    this.$("saved-list").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-saved]");
      if (button) self.savedAct(button.getAttribute("data-saved"), Number(button.getAttribute("data-index")));
    });
    this.$("export").addEventListener("click", function () { self.exportFile(); });
    var file = this.$("import-file");
    this.$("import").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) self.importFile(file.files[0]);
      file.value = "";
    });
  };

  proto.copy = function (text, done, field) {
    var self = this;
    function fallback() {
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      self.note(ok ? done : t("builder.copy_by_hand"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { self.note(done); }, fallback);
    } else fallback();
  };

  proto.note = function (text) {
    this.say(text);
    this.$("copied").textContent = text;
  };

  proto.save = function () {
    var routine = JSON.parse(JSON.stringify(this.routine));
    if (!routine.items.length) { this.savedNote(t("builder.nothing_to_save")); return; }
    routine.title = routine.title || t("builder.numbered_title", { number: this.saved.length + 1 });
    var same = this.saved.filter(function (r) { return r.title === routine.title; })[0];
    if (same) this.saved[this.saved.indexOf(same)] = routine;
    else this.saved.unshift(routine);
    this.routine.title = routine.title;
    this.storeSaved();
    this.render();
    this.savedNote(t(same ? "builder.updated" : "builder.saved", { title: routine.title }));
  };

  proto.savedNote = function (text, undo) {
    var note = this.$("saved-note");
    note.textContent = text + " ";
    if (undo) {
      var button = note.appendChild(el("button", { type: "button", class: "md-button" }, t("builder.undo")));
      button.addEventListener("click", function () { undo(); note.textContent = t("builder.brought_back"); });
    }
  };

  proto.savedAct = function (action, index) {
    var self = this, routine = this.saved[index];
    if (!routine) return;
    if (action === "open") {
      if (this.routine.items.length) this.keep(this.routine, t("builder.unnamed"));
      this.routine = this.fromCode(encode(routine)).routine;
      this.sent = false;
      this.render();
      this.focus("#lb-routine-title");
      this.say(t("builder.opened", { title: routine.title, summary: this.summary() }));
    } else if (action === "delete") {
      this.saved.splice(index, 1);
      this.storeSaved();
      this.focus("[data-lb-save]");
      this.savedNote(t("builder.deleted", { title: routine.title }), function () {
        self.saved.splice(index, 0, routine);
        self.storeSaved();
      });
    } else if (action === "rename") {
      this.renameField(index);
    }
  };

  proto.renameField = function (index) {
    var self = this, routine = this.saved[index];
    var li = this.$("saved-list").children[index];
    li.textContent = "";
    var input = li.appendChild(el("input", { type: "text", maxlength: String(TITLE_LIMIT),
      "aria-label": t("builder.rename_label", { title: routine.title }) }));
    input.value = routine.title;
    var ok = li.appendChild(el("button", { type: "button", class: "md-button" }, t("builder.save_name")));
    function done(keep) {
      if (keep && input.value.trim()) routine.title = clipTitle(input.value.trim());
      self.storeSaved();
      self.focus('button[data-saved="rename"][data-index="' + index + '"]');
    }
    ok.addEventListener("click", function () { done(true); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); done(true); }
      if (event.key === "Escape") { event.preventDefault(); done(false); }
    });
    input.focus();
    input.select();
  };

  proto.renderSaved = function () {
    var list = this.$("saved-list"), self = this;
    list.textContent = "";
    if (!this.saved.length) {
      list.appendChild(el("li", { class: "lb-none" }, t("builder.nothing_saved")));
      return;
    }
    this.saved.forEach(function (routine, index) {
      var li = list.appendChild(el("li"));
      var text = li.appendChild(el("span", { class: "lb-saved-name" }, routine.title));
      text.appendChild(el("small", {}, " " + stretchCount(routine.items.length) +
        ", " + minutesText(self.total(routine))));
      [["open", t("builder.open")], ["rename", t("builder.rename")], ["delete", t("builder.delete")]].forEach(function (pair) {
        li.appendChild(el("button", { type: "button", class: "md-button lb-small", "data-saved": pair[0],
          "data-index": String(index), "aria-label": pair[1] + " " + routine.title }, pair[1]));
      });
    });
  };

  proto.exportFile = function () {
    var saved = this.saved.slice();
    if (this.routine.items.length && !saved.some(function (r) { return encode(r) === encode(this.routine); }, this)) {
      saved.unshift(JSON.parse(JSON.stringify(this.routine)));
      saved[0].title = saved[0].title || t("builder.current");
    }
    if (!saved.length) { this.savedNote(t("builder.nothing_to_export")); return; }
    var blob = new Blob([exportText(saved)], { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: EXPORT_FILE });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    this.savedNote(t("builder.exported", { count: saved.length, file: EXPORT_FILE }));
  };

  proto.importFile = function (file) {
    var self = this, reader = new FileReader();
    reader.onload = function () {
      var result = readExport(String(reader.result), self.library);
      if (result.error) { self.savedNote(t("builder.import_failed", { file: file.name, error: result.error })); return; }
      result.routines.forEach(function (r) { if (r.items.length) self.keep(r, t("builder.imported_routine")); });
      var added = result.routines.filter(function (r) { return r.items.length; }).length;
      self.savedNote(t("builder.imported", { count: added, file: file.name }) +
        (result.problems.length ? " " + result.problems.join(" ") : ""));
    };
    reader.onerror = function () { self.savedNote(t("builder.file_unreadable", { file: file.name })); };
    reader.readAsText(file);
  };

  proto.total = function (routine) {
    var timer = root.LimberTimer, prefs = readJSON("limber:prefs") || {};
    var pace = String(prefs.pace || "").split("-");
    var config = playerConfig(routine, this.library, this.data.settings);
    var plan = timer.buildPlan(config, { inhale: Number(pace[0]) || 0, exhale: Number(pace[1]) || 0 });
    return timer.totalSeconds(plan);
  };

  proto.summary = function () {
    var n = this.routine.items.length;
    return n ? t("builder.summary", { stretches: stretchCount(n), time: root.LimberTimer.clock(this.total(this.routine)) })
      : t("builder.empty_routine");
  };

  proto.thumb = function (slug) {
    var source = this.box.querySelector('.lb-item[data-slug="' + slug + '"] .limber-thumb');
    if (!source) return el("span", { class: "limber-thumb" });
    var copy = source.cloneNode(true), picture = copy.querySelector("img");
    // The library's pictures load as they scroll into view; a chosen one is wanted at once,
    // on screen and on the printed sheet (hidden until printed, where lazy would never load).
    if (picture) picture.removeAttribute("loading");
    return copy;
  };

  proto.doseSelect = function (item, field) {
    var s = this.library[item.slug], range = field === "amount" ? s.amount : s.reps;
    var step = field === "amount" && s.kind === "hold" ? 5 : 1;
    var label = t(field === "reps" ? "builder.label_times" : s.kind === "hold" ? "timer.choice_hold" : "timer.choice_breaths");
    var wrap = el("span", { class: "lb-dose" });
    wrap.appendChild(el("span", { class: "lb-dose-label", "aria-hidden": "true" }, label));
    var select = wrap.appendChild(el("select", { "data-field": field, "data-uid": String(item.uid),
      "aria-label": t("builder.dose_label", { what: label, name: s.name }) }));
    var values = [];
    for (var v = range[0]; v < range[1]; v += step) values.push(v);
    values.push(range[1]);
    if (values.indexOf(item[field]) < 0) values.push(item[field]);
    values.sort(function (a, b) { return a - b; }).forEach(function (value) {
      var text = field === "reps" ? t("builder.times", { count: value }) : s.kind === "hold" ? secondsText(value)
        : t("dose.breaths", { count: value, amount: value });
      select.appendChild(el("option", { value: String(value) }, text));
    });
    select.value = String(item[field]);
    return wrap;
  };

  proto.renderChosen = function () {
    var list = this.$("chosen"), self = this, items = this.routine.items;
    list.textContent = "";
    items.forEach(function (item, index) {
      var s = self.library[item.slug];
      var li = list.appendChild(el("li", { class: "lb-chosen-item", "data-uid": String(item.uid), draggable: "true" }));
      li.appendChild(self.thumb(item.slug));
      var text = li.appendChild(el("div", { class: "lb-chosen-text" }));
      var name = text.appendChild(el("p", { class: "lb-chosen-name" }));
      name.appendChild(el("a", { href: s.url }, s.name));
      var doses = text.appendChild(el("div", { class: "lb-doses" }));
      var pickAmount = s.amount[0] < s.amount[1], pickReps = s.reps[0] < s.reps[1];
      if (pickAmount) doses.appendChild(self.doseSelect(item, "amount"));
      if (pickReps) doses.appendChild(self.doseSelect(item, "reps"));
      // The dose in words where it says more than the menus do: the sides, or a part they leave out.
      if (!(pickAmount && (pickReps || item.reps === 1) && s.sides === "none"))
        text.appendChild(el("p", { class: "lb-chosen-dose" }, doseText(s, item.amount, item.reps)));
      var tools = li.appendChild(el("div", { class: "lb-tools" }));
      var up = tools.appendChild(iconButton("up", t("builder.move_up", { name: s.name }), item.uid));
      var down = tools.appendChild(iconButton("down", t("builder.move_down", { name: s.name }), item.uid));
      tools.appendChild(iconButton("remove", t("builder.remove", { name: s.name }), item.uid));
      up.disabled = index === 0;
      down.disabled = index === items.length - 1;
    });
    this.$("empty").hidden = items.length > 0;
    Array.prototype.forEach.call(this.box.querySelectorAll(".lb-item"), function (li) {
      var count = items.filter(function (i) { return i.slug === li.getAttribute("data-slug"); }).length;
      li.classList.toggle("is-chosen", count > 0);
      var badge = li.querySelector(".lb-in");
      if (!count && badge) badge.remove();
      if (count) {
        badge = badge || li.querySelector(".lb-item-text").appendChild(el("span", { class: "lb-in" }));
        badge.textContent = t("builder.in_routine", { count: count });
      }
    });
  };

  proto.shareUrl = function (code) {
    var base = this.data.base || location.href.replace(/[?#].*$/, "");
    return base + "#r=" + code;
  };

  function qrSvg(text) {
    if (typeof root.qrcode !== "function") return null;
    try {
      var qr = root.qrcode(0, "L");
      qr.addData(text);
      qr.make();
      var n = qr.getModuleCount(), path = "";
      for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) if (qr.isDark(r, c)) path += "M" + c + " " + r + "h1v1h-1z";
      return '<svg viewBox="-4 -4 ' + (n + 8) + " " + (n + 8) + '" role="img" aria-label="' + t("builder.qr_label") + '" shape-rendering="crispEdges">' +
        '<rect x="-4" y="-4" width="' + (n + 8) + '" height="' + (n + 8) + '" fill="#fff"/><path fill="#000" d="' + path + '"/></svg>';
    } catch (error) { return null; }
  }

  proto.renderSheet = function (url, qr, seconds) {
    var sheet = this.$("sheet"), self = this, r = this.routine, n = r.items.length;
    sheet.textContent = "";
    sheet.appendChild(el("h2", { class: "lb-sheet-title" }, r.title || t("builder.name_placeholder")));
    var meta = sheet.appendChild(el("p", { class: "limber-meta" }));
    meta.appendChild(el("strong", {}, minutesText(seconds)));
    meta.appendChild(document.createTextNode(" \u00b7 " + stretchCount(n) + " \u00b7 " + t("routine.rest", { rest: r.rest })));
    var room = sheetRoom(r.items, this.library, this.data.sheet);  // next steps, larger type
    var list = sheet.appendChild(el("ol", { class: "limber-routine" + (room.more ? " limber-few" : "") +
      (room.points > this.data.sheet.base ? " limber-sheet-" + room.points + "pt" : "") }));
    r.items.forEach(function (item) {
      var s = self.library[item.slug];
      var li = list.appendChild(el("li", { class: "limber-step" }));
      li.appendChild(el("span", { class: "limber-tick" }));
      li.appendChild(self.thumb(item.slug));
      var text = li.appendChild(el("span", { class: "limber-step-text" }));
      text.appendChild(el("a", { href: s.url }, s.name));
      text.appendChild(document.createTextNode(" "));
      text.appendChild(el("span", { class: "limber-dose" }, doseText(s, item.amount, item.reps)));
      var steps = text.appendChild(el("span", { class: "limber-keysteps" }, s.cue));
      if (s.more) steps.appendChild(el("span", { class: "limber-more-steps" }, " " + s.more));
    });
    var foot = sheet.appendChild(el("div", { class: "limber-sheet-foot" }));
    if (qr) foot.appendChild(el("div", { class: "limber-qr" })).innerHTML = qr;
    foot.appendChild(el("p", {}, t("safety.stop") + " " + t("safety.tick")));
    if (qr || url) foot.appendChild(el("p", {}, qr ? t("builder.scan") : url));
  };

  /** A routine from a link: its name, size and time, and its Start at the top, until another
   * routine takes its place (changing it keeps the panel: the page must not jump mid-drag). */
  proto.renderSent = function (n, seconds) {
    var sent = this.$("sent");
    if (!n) this.sent = false; // emptied: whatever is built next is your own
    sent.hidden = !this.sent;
    if (sent.hidden) return;
    var size = stretchCount(n) + ", " + minutesText(seconds);  // "4:00" read as a time of day
    var title = this.routine.title;
    this.$("sent-text").textContent = title
      ? t("builder.sent", { name: title, size: size }) : t("builder.sent_untitled", { size: size });
    // What was sent, to read as a handout: each stretch, its dose and how to do it. Made again
    // only when they change (typing a name must not close what the reader opened).
    var list = this.$("sent-list"), library = this.library;
    var listed = JSON.stringify(this.routine.items.map(function (i) { return [i.slug, i.amount, i.reps]; }));
    if (list.getAttribute("data-listed") === listed) return;
    list.setAttribute("data-listed", listed);
    list.textContent = "";
    this.routine.items.forEach(function (item) {
      var stretch = library[item.slug];
      var row = list.appendChild(el("li"));
      var head = row.appendChild(el("p"));
      head.appendChild(el("a", { href: stretch.url }, stretch.name));
      head.appendChild(document.createTextNode(" \u00b7 " + doseText(stretch, item.amount, item.reps)));
      var how = row.appendChild(el("details"));
      var summary = how.appendChild(el("summary", {}, t("builder.sent_how")));
      summary.appendChild(el("span", { class: "lb-vh" }, " \u00b7 " + stretch.name));
      var steps = how.appendChild(el("p", {}, stretch.more ? stretch.cue + " " + stretch.more : stretch.cue));
      if (stretch.cut) {  // the sheet's share of a long stretch's steps: the page has them all
        steps.appendChild(document.createTextNode(" "));
        steps.appendChild(el("a", { href: stretch.url + "#how-to-do-it" }, t("builder.sent_all_steps")));
      }
    });
  };

  /** The player, brought into view and started, unless it is already going (a second press,
   * or a run restored after a reload): then its own Pause or Resume has the focus. */
  proto.startSent = function () {
    var player = this.$("player");
    var status = player.getAttribute("data-status");
    player.scrollIntoView({ block: "start" });
    var start = player.querySelector(".lt-start");
    if (start && !this.pending && (!status || status === "idle" || status === "done")) start.click();
    var shown = player.querySelectorAll(".lt-start, .lt-pause, .lt-resume");
    for (var i = 0; i < shown.length; i++) {
      if (!shown[i].hidden) { shown[i].focus(); break; }
    }
  };

  proto.mountPlayer = function (now) {
    var player = this.$("player"), r = this.routine;
    var status = player.getAttribute("data-status");
    if (!now && status && status !== "idle" && status !== "done") {
      this.pending = true;
      this.$("pending").hidden = false;
      return;
    }
    this.pending = false;
    this.$("pending").hidden = true;
    player.hidden = !r.items.length;
    if (!r.items.length) {
      if (player.limberTimer) player.limberTimer.destroy();
      return;
    }
    var config = playerConfig(r, this.library, this.data.settings);
    player.querySelector("[data-limber-config]").textContent = JSON.stringify(config);
    player.setAttribute("data-limber-timer", "routine");
    var lost = now && player.contains(document.activeElement);
    root.LimberTimer.mount(player);
    if (lost) player.querySelector(".lt-start").focus(); // Reset was pressed: keep focus in the player
  };

  /** Show the routine everywhere; keep it on the device and in the address. */
  proto.render = function (typing) {
    var r = this.routine, code = encode(r), n = r.items.length;
    var title = this.$("title");
    if (!typing) title.value = r.title;
    this.$("rest").value = String(r.rest);
    if (this.$("rest").value !== String(r.rest)) {
      this.$("rest").appendChild(el("option", { value: String(r.rest) }, t("builder.seconds", { seconds: r.rest })));
      this.$("rest").value = String(r.rest);
    }
    if (!typing) this.renderChosen();
    var seconds = n ? this.total(r) : 0;
    this.$("total").textContent = n
      ? t("builder.total", { time: root.LimberTimer.clock(seconds) }) + " \u00b7 " + stretchCount(n) + " \u00b7 " +
        t("routine.rest", { rest: r.rest })
      : t("builder.no_stretches");
    this.$("tally").textContent = n
      ? t("builder.tally", { stretches: stretchCount(n), time: root.LimberTimer.clock(seconds) })
      : t("builder.tally_empty");
    var url = this.shareUrl(code);
    // A copy opened from a folder, with no site address: its link opens on this device alone.
    var local = /^file:/i.test(url);
    this.$("link").value = url;
    this.$("actions").hidden = !n;
    this.$("hint").textContent = local
      ? t("builder.share_local", { page: t("builder.title") }) : t("builder.share_hint");
    var qr = n && !local ? qrSvg(url) : null;
    this.$("qr").innerHTML = qr || "";
    this.renderSheet(local ? "" : url, qr, seconds);
    var file = n ? proposal(r, this.library) : null;
    this.$("propose").value = file ? file.text : "";
    this.$("propose-path").textContent = file ? file.path : "";
    this.renderSent(n, seconds);
    writeJSON(DRAFT, { code: code, sent: this.sent === true });
    // A damaged link stays in the address bar until the routine is changed: reloaded or
    // bookmarked, it says again what it left out.
    if (this.damaged !== code) {
      this.damaged = null;
      this.writeAddress(code);
    }
    if (!typing) this.mountPlayer(false);
    this.renderSaved();
  };

  /** The routine's code into the address, marked as this tab's own (see the hashchange). */
  proto.writeAddress = function (code) {
    var n = this.routine.items.length;
    try {
      var state = Object.assign({}, history.state, { limberRoutine: true });  // Follow along's too
      history.replaceState(state, "", n ? "#r=" + code : location.pathname + location.search);
    } catch (error) { /* some file:// pages refuse address changes; the link field still works */ }
  };

  function start() {
    var box = document.querySelector("[data-limber-builder]");
    if (!box || box.limberBuilder || !root.LimberTimer) return;
    try {
      box.limberBuilder = new Builder(box);
    } catch (error) {
      var notice = box.querySelector("[data-lb-notice]");
      notice.textContent = t("builder.cannot_start", { error: error.message });
      notice.hidden = false;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(typeof window !== "undefined" ? window : globalThis);

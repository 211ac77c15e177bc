/* Limber follow-along view: the player, full screen, for someone two metres away with busy hands.
 *
 * Dependency-free, no build step. timer.js calls LimberFollow.attach(timer, box) while it draws a
 * player (stretch, routine or built routine), which adds the "Follow along" button. The view is a
 * modal dialog inside the player's section: on open it borrows the player's own clock, cue, progress
 * and buttons (so the run, its keys and its live region are the same ones), shows the current
 * stretch's figure large, the coming stretch during rests and get-ready, and gives the borrowed
 * parts back on close. Full screen where the browser allows it; a fixed full-viewport layer
 * otherwise (file://, iframes, iOS Safari), laid out by the same CSS either way.
 *
 * Figures: a stretch page's own `[data-limber-figure]`; for a routine, each stretch's thumbnail
 * found by its slug (`[data-slug="…"] .limber-thumb` or `.limber-thumb[data-slug="…"]`), which
 * the routine page and the builder already show in their lists. The routine page's are drawings;
 * the builder's library shows each stretch from its picture file (`stretches/figures/<slug>.svg`),
 * and the view shows that same file, moved between its first and last pose by its address.
 * Words come from the site's message catalogue (messages/en.yml, section `follow`), so a
 * translation needs no change here.
 */
(function (root) {
  "use strict";

  /** The words for `follow.<key>`, from the catalogue the page carries in `LimberData.messages`. */
  function t(key, values) {
    var words = (root.LimberData && root.LimberData.messages) || {};
    var entry = words["follow." + key];
    if (typeof entry !== "string") return key;
    return entry.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  var CONTROLS = "button, a, input, select, textarea, summary, label";
  var SMALLEST_CUE_PX = 14;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function cssString(text) {
    return String(text).replace(/["\\]/g, "\\$&");
  }

  function hint(className) {
    var node = el("p", { class: className });
    node.appendChild(el("span", { class: "lt-follow-touch" }, t("hint_touch")));
    node.appendChild(el("span", { class: "lt-follow-keys" }, t("hint_keys")));
    return node;
  }

  var counter = 0;

  function FollowView(timer, box) {
    this.timer = timer;
    this.section = timer.section;
    this.isOpen = false;
    this.listeners = [];
    this.figures = {};
    this.openButton = el("button", { type: "button", class: "md-button lt-follow-open" }, t("open"));
    var row = box.appendChild(el("div", { class: "lt-follow-row" }));
    row.appendChild(this.openButton);
    var self = this;
    this.on(this.openButton, "click", function () { self.open(); });
  }

  FollowView.prototype.on = function (target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
    return this;
  };

  /* The view's frame, built on first open: most visitors never open it. */
  FollowView.prototype.build = function () {
    if (this.view) return;
    var self = this, config = this.timer.config;
    var title = config.title || config.items[0].name;
    var view = el("div", { class: "lt-follow", role: "dialog", "aria-modal": "true",
      "aria-label": t("dialog", { title: title }), tabindex: "-1", id: "lt-follow-" + (++counter) });
    view.hidden = true;
    var top = view.appendChild(el("div", { class: "lt-follow-top" }));
    var heading = top.appendChild(el("div", { class: "lt-follow-heading" }));
    heading.appendChild(el("p", { class: "lt-follow-title" }, title));
    this.slotPosition = heading.appendChild(el("div", { class: "lt-follow-slot" }));
    this.closeButton = top.appendChild(el("button", { type: "button", class: "md-button lt-follow-close" }, t("close")));

    var stage = view.appendChild(el("div", { class: "lt-follow-stage" }));
    this.figureEl = stage.appendChild(el("div", { class: "lt-follow-figure" }));
    this.nextEl = stage.appendChild(el("div", { class: "lt-follow-next" }));
    this.nextEl.appendChild(el("p", { class: "lt-follow-next-label" }, t("next_up")));
    this.nextNameEl = this.nextEl.appendChild(el("p", { class: "lt-follow-next-name" }));
    this.nextFigureEl = this.nextEl.appendChild(el("div", { class: "lt-follow-next-figure", "aria-hidden": "true" }));
    stage.appendChild(el("p", { class: "lt-follow-paused", "aria-hidden": "true" }, t("paused")));

    var main = view.appendChild(el("div", { class: "lt-follow-main" }));
    this.slotMain = main;
    var foot = view.appendChild(el("div", { class: "lt-follow-foot" }));
    this.slotFoot = foot;
    this.hintEl = hint("lt-follow-hint");
    // On a phone on its side the hint goes up beside the title: the clock needs the height.
    heading.appendChild(hint("lt-follow-hint lt-follow-hint-top"));
    this.wakeEl = el("p", { class: "lt-follow-wake", role: "status" });

    this.on(this.closeButton, "click", function () { self.close(); })
      .on(view, "click", function (event) { self.onTap(event); })
      .on(document, "keydown", function (event) { if (self.isOpen) self.onKey(event); })
      .on(this.section, "limber:step", function (event) { self.show(event.detail); })
      .on(this.section, "limber:wake", function () { self.showWake(); })
      .on(root, "popstate", function () { if (self.isOpen) self.close(true); })
      .on(root, "resize", function () { self.fit(); })
      .on(document, "fullscreenchange", function () {
        if (self.isOpen && self.fullscreen && document.fullscreenElement !== view) self.close();
      });
    this.section.appendChild(view);
    this.view = view;
  };

  /* The player's parts the view borrows, each with a marker where it goes back. */
  FollowView.prototype.borrow = function () {
    var t = this.timer, visual = t.clockEl.parentNode, total = t.totalEl.parentNode;
    var controls = t.buttons.start.parentNode;
    var moves = [[t.positionEl, this.slotPosition], [t.nameEl, this.slotMain], [visual, this.slotMain],
      [t.stepEl, this.slotMain], [t.detailEl, this.slotMain], [total, this.slotFoot],
      [this.wakeEl, this.slotFoot], [controls, this.slotFoot], [this.hintEl, this.slotFoot]];
    this.borrowed = moves.map(function (move) {
      var node = move[0], marker = document.createComment("lt-follow");
      if (node.parentNode) node.parentNode.replaceChild(marker, node);
      move[1].appendChild(node);
      return [node, marker];
    });
  };

  FollowView.prototype.giveBack = function () {
    this.timer.stepEl.style.fontSize = "";
    (this.borrowed || []).forEach(function (entry) {
      var node = entry[0], marker = entry[1];
      if (marker.parentNode) marker.parentNode.replaceChild(node, marker);
      else if (node.parentNode) node.parentNode.removeChild(node);
    });
    this.borrowed = null;
  };

  /* Everything outside the dialog goes inert while it is open, as a modal should. */
  FollowView.prototype.setInert = function (inert) {
    var self = this;
    if (!inert) {
      (this.inerted || []).forEach(function (node) { node.inert = false; });
      this.inerted = null;
      return;
    }
    this.inerted = [];
    for (var node = this.view; node && node !== document.body; node = node.parentNode) {
      Array.prototype.forEach.call(node.parentNode.children, function (sibling) {
        if (sibling !== node && !sibling.inert && !/^(SCRIPT|STYLE|LINK)$/.test(sibling.tagName)) {
          sibling.inert = true;
          self.inerted.push(sibling);
        }
      });
    }
  };

  FollowView.prototype.open = function () {
    if (this.isOpen) return this;
    this.build();
    this.isOpen = true;
    this.borrow();
    this.view.hidden = false;
    document.documentElement.classList.add("lt-follow-on");
    this.setInert(true);
    this.fullscreen = false;
    var self = this, view = this.view;
    if (view.requestFullscreen && document.fullscreenEnabled) {
      try {
        view.requestFullscreen({ navigationUI: "hide" }).then(function () {
          self.fullscreen = document.fullscreenElement === view;
        }, function () { /* refused: the fixed layer already fills the viewport */ });
      } catch (error) { /* old API shape: stay a fixed layer */ }
    }
    try {
      root.history.pushState({ limberFollow: view.id }, "");
      this.pushed = true;
    } catch (error) { this.pushed = false; /* some file:// pages refuse: Escape still closes */ }
    var t = this.timer;
    this.show({ step: t.steps[t.state.index], index: t.state.index,
      phase: this.section.getAttribute("data-phase") || "" });
    t.lockScreen();
    this.showWake();
    t.focusControls();
    if (!view.contains(document.activeElement)) view.focus();
    return this;
  };

  FollowView.prototype.close = function (fromHistory) {
    if (!this.isOpen) return this;
    this.isOpen = false;
    var self = this, leaving = null;
    if (document.fullscreenElement === this.view && document.exitFullscreen) {
      leaving = document.exitFullscreen();
    }
    this.fullscreen = false;
    this.setInert(false);
    this.view.hidden = true;
    document.documentElement.classList.remove("lt-follow-on");
    this.giveBack();
    if (this.pushed && !fromHistory && root.history.state && root.history.state.limberFollow === this.view.id) {
      root.history.back();
    }
    this.pushed = false;
    this.openButton.focus();
    // Until full screen has ended the page around the view cannot take focus: try again then.
    if (leaving) leaving.then(function () { self.openButton.focus(); }, function () { self.openButton.focus(); });
    return this;
  };

  /* A tap or click anywhere but on a control pauses or resumes. */
  FollowView.prototype.onTap = function (event) {
    if (event.target.closest && event.target.closest(CONTROLS)) return;
    var t = this.timer, status = t.state.status;
    if (status === "running") t.pause();
    else if (status === "paused") t.resume();
    else return;
    // Whatever follows the timer's buttons (the routine's audio) follows this tap too.
    this.section.dispatchEvent(new CustomEvent("limber:tap", { bubbles: true }));
  };

  FollowView.prototype.onKey = function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "Tab") {
      var focusable = Array.prototype.filter.call(this.view.querySelectorAll("button, [href], select"),
        function (node) { return !node.hidden && node.offsetParent !== null; });
      if (!focusable.length) return;
      var first = focusable[0], last = focusable[focusable.length - 1];
      if (event.shiftKey && (document.activeElement === first || document.activeElement === this.view)) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
    }
  };

  /* A stretch's figure, copied from the page; null when the page has none for it. */
  FollowView.prototype.figureFor = function (index) {
    if (index in this.figures) return this.figures[index] ? this.figures[index].cloneNode(true) : null;
    var item = this.timer.config.items[index] || {}, source = null, picture = null;
    if (item.slug) {
      var slug = cssString(item.slug);
      source = document.querySelector('[data-slug="' + slug + '"] .limber-thumb .limber-figure, ' +
        '.limber-thumb[data-slug="' + slug + '"] .limber-figure');
      if (!source) picture = document.querySelector('[data-slug="' + slug + '"] .limber-thumb img.limber-pic');
    }
    if (!source && !picture && !this.timer.routine) source = document.querySelector("[data-limber-figure]");
    var copy = null;
    if (picture) {
      copy = pictureFigure(picture, item.name || "");
    } else if (source) {
      copy = source.cloneNode(true);
      copy.removeAttribute("data-limber-figure");
      copy.classList.add("lt-follow-drawing");
      var caption = copy.querySelector("figcaption");
      if (caption) caption.parentNode.removeChild(caption);
      // Name the frames the copy really has, so showFrame never picks one that is not there
      // (which would leave the figure blank).
      var frames = Array.prototype.map.call(copy.querySelectorAll("g[data-frame]"), function (group) {
        return group.getAttribute("data-frame");
      });
      if (frames.length) copy.setAttribute("data-frames", frames.join(" "));
    }
    this.figures[index] = copy;
    return copy ? copy.cloneNode(true) : null;
  };

  /* A list that shows each stretch from its own picture file (the builder's library) has no
     drawing to copy: the view shows that file, large, under a name. The file holds a moving
     figure's first and last pose as views (#first, #last), which showFrame picks as it picks a
     drawing's frames. The <img> is not lazy (the copied one may be, in a list scrolled out of
     view or filtered away). */
  function pictureFigure(picture, name) {
    var figure = el("figure", { class: "limber-figure lt-follow-drawing", role: "img",
      "aria-label": t("picture", { name: name }), "data-frames": "first last" });
    figure.appendChild(el("img", { class: "limber-pic", src: picture.getAttribute("src"), alt: "",
      decoding: "async" }));
    return figure;
  }

  function place(slot, figure) {
    while (slot.firstChild) slot.removeChild(slot.firstChild);
    if (figure) slot.appendChild(figure);
    return figure;
  }

  /* Show a step: during get-ready and rests the coming stretch, small, with its name; otherwise
     the current stretch, large, in the pose for this moment. */
  FollowView.prototype.show = function (detail) {
    if (!this.isOpen || !detail || !detail.step) return;
    var self = this;
    // After the player has written this step's name and detail too (same task, later lines).
    Promise.resolve().then(function () { self.fit(); });
    var step = detail.step, item = this.timer.config.items[step.item];
    var waiting = step.type === "ready" || step.type === "rest";
    this.view.setAttribute("data-waiting", waiting ? "true" : "false");
    if (waiting) {
      place(this.figureEl, null);
      this.shown = null;
      this.nextNameEl.textContent = item.name;
      var small = place(this.nextFigureEl, this.figureFor(step.item));
      // The card already names it, and the slot is hidden from screen readers.
      if (small) [small].concat(Array.prototype.slice.call(small.querySelectorAll("[role]")))
        .forEach(function (node) { node.removeAttribute("role"); });
      return;
    }
    var figure = this.figureEl.firstChild;
    if (this.shown !== step.item) {
      figure = place(this.figureEl, this.figureFor(step.item));
      this.shown = step.item;
    }
    if (figure && root.LimberTimer && root.LimberTimer.showFrame) root.LimberTimer.showFrame(figure, detail);
  };

  /* Keep a long cue whole on a short screen (a phone on its side): the clock keeps its size
     and the cue gets smaller type rather than running into the name, the detail or the buttons. */
  FollowView.prototype.fit = function () {
    if (!this.isOpen) return;
    var main = this.slotMain, cue = this.timer.stepEl;
    cue.style.fontSize = "";
    var size = parseFloat(root.getComputedStyle(cue).fontSize);
    while (main.scrollHeight > main.clientHeight + 1 && size > SMALLEST_CUE_PX) {
      size -= 1;
      cue.style.fontSize = size + "px";
    }
  };

  /* Say so, in the view, when the screen may go dark during a run. */
  FollowView.prototype.showWake = function () {
    if (!this.view) return;
    var state = this.timer.wake, text = "";
    if (state === "off") text = t("wake_off");
    else if (state === "unavailable" || state === "refused") text = t("wake_unavailable");
    if (this.wakeEl.textContent !== text) this.wakeEl.textContent = text;
    this.wakeEl.hidden = !text;
  };

  FollowView.prototype.destroy = function () {
    if (this.isOpen) this.close();
    this.listeners.forEach(function (entry) { entry[0].removeEventListener(entry[1], entry[2]); });
    this.listeners = [];
    if (this.view && this.view.parentNode) this.view.parentNode.removeChild(this.view);
    var row = this.openButton.parentNode;
    if (row && row.parentNode) row.parentNode.removeChild(row);
  };

  root.LimberFollow = {
    attach: function (timer, box) { return new FollowView(timer, box); }
  };
})(window);

/* Limber timer: holds, sides, reps, breath pacing and a routine player.
 *
 * Dependency-free, no build step. It finds every `[data-limber-timer]` section on the page,
 * reads the plan the page generator wrote as JSON inside it, and builds the controls. Time left
 * is computed from Date.now() timestamps, never by counting ticks, so a throttled or hidden tab
 * lands on the right step when it comes back. Works over http, from file:// and after Material's
 * instant navigation (start() is safe to call more than once).
 *
 * The plan builder at the top needs no page; Node's tests load this file and call it.
 * Words come from the site's message catalogue (messages/en.yml, section `timer`), which the page
 * carries in `LimberData.messages` (assets/limber/limber-data.js); Node passes them to useMessages.
 */
(function (root) {
  "use strict";

  var STORE = "limber:timer:";
  var PREFS = "limber:prefs";
  var READY_CHOICES = [15, 30, 60]; // seconds to get ready besides the default (settings.getReady)
  var STALE_MS = 6 * 60 * 60 * 1000; // a saved session older than this starts over
  var messages = null;

  /* ---------- Words: the catalogue's, with {placeholders} filled ---------- */

  function useMessages(catalogue) { messages = catalogue; }

  /** The words for `timer.<key>`; a plural ({one, other}) is chosen by `values.count`. */
  function t(key, values) {
    var words = messages || (root.LimberData && root.LimberData.messages) || {};
    var entry = words["timer." + key];
    if (entry === undefined) return key;
    if (typeof entry === "object") entry = (values && values.count === 1 && entry.one) || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  /* ---------- The plan: a list of timed steps built from the doses ---------- */

  function pick(range, fraction) {
    var low = range[0], high = range[1];
    return low + Math.round((fraction || 0) * (high - low));
  }

  function sidesOf(item, reps) {
    var sides = [];
    for (var rep = 1; rep <= reps; rep++) {
      if (item.sides === "none") sides.push([null, rep]);
      else if (item.sides === "alternate") sides.push(["Left", rep], ["Right", rep]);
      else sides.push(["Left", rep]);
    }
    if (item.sides === "both") {
      for (var again = 1; again <= reps; again++) sides.push(["Right", again]);
    }
    return sides;
  }

  /** Steps for a config ({items, rest, settings}) and a choice ({amount, reps} fractions 0..1,
   *  {inhale, exhale, ready} seconds). Each step: {type, duration (s), item, side, rep, reps, breaths}. */
  function buildPlan(config, choice) {
    var s = config.settings;
    choice = choice || {};
    var inhale = choice.inhale || s.inhale, exhale = choice.exhale || s.exhale;
    var steps = [{ type: "ready", duration: choice.ready || s.getReady, item: 0 }];
    config.items.forEach(function (item, index) {
      if (index > 0 && config.rest > 0) steps.push({ type: "rest", duration: config.rest, item: index });
      var amount = pick(item.amount, choice.amount);
      var reps = pick(item.reps, choice.reps);
      var work = item.kind === "hold" ? amount : amount * (inhale + exhale);
      var previous = null;
      sidesOf(item, reps).forEach(function (entry, k) {
        if (k > 0) {
          var switching = item.sides === "both" && entry[0] !== previous;
          steps.push({
            type: switching ? "switch" : "gap",
            duration: switching ? s.switchSides : s.repGap,
            item: index, side: entry[0], rep: entry[1], reps: reps
          });
        }
        steps.push({
          type: "work", kind: item.kind, duration: work, item: index, side: entry[0],
          rep: entry[1], reps: reps, breaths: item.kind === "breaths" ? amount : 0,
          inhale: inhale, exhale: exhale
        });
        previous = entry[0];
      });
    });
    steps.push({ type: "done", duration: 0, item: config.items.length - 1 });
    return steps;
  }

  function totalSeconds(steps) {
    return steps.reduce(function (sum, step) { return sum + step.duration; }, 0);
  }

  /** Which breath phase a breaths step is in, `elapsed` seconds into it. */
  function breathPhase(step, elapsed) {
    var cycle = step.inhale + step.exhale;
    var within = elapsed % cycle;
    var inhaling = within < step.inhale;
    return {
      phase: inhaling ? "Inhale" : "Exhale",
      breath: Math.min(step.breaths, Math.floor(elapsed / cycle) + 1),
      left: inhaling ? step.inhale - within : cycle - within,
      length: inhaling ? step.inhale : step.exhale
    };
  }

  /** The words for a step, as shown in the live region and spoken. */
  function describe(config, steps, index, elapsed) {
    var step = steps[index];
    var item = config.items[step.item];
    var next = steps[index + 1];
    var count = step.reps > 1 ? t("count", { rep: step.rep, reps: step.reps }) : "";
    var side = step.side ? t(step.side.toLowerCase()) : "";
    switch (step.type) {
      case "ready":
        if (!next || !next.side) return t("ready", { name: item.name });
        return next.side === "Left" ? t("ready_left", { name: item.name }) : t("ready_right", { name: item.name });
      case "rest":
        return t("rest", { name: item.name });
      case "switch":
        return t("switch", { side: side });
      case "gap":
        if (side) return t("gap_side", { side: side }) + (count ? " · " + count : "");
        return count ? t("gap_rep_count", { rep: step.rep, reps: step.reps }) : t("gap_rep");
      case "done":
        return t("done");
      default:
        var before = side ? side + " · " : "";
        if (step.kind === "breaths") {
          var phase = breathPhase(step, elapsed || 0).phase;
          var cue = (item.cues || {})[phase.toLowerCase()];
          return before + t(phase.toLowerCase()) + (cue ? " · " + cue : "");
        }
        return before + t("hold") + (count ? " · " + count : "");
    }
  }

  /** The words to say for a step: as shown, but after the first breath of a breathed stretch
   *  only the phase and its cue's short name ("Inhale · Cow"), as the routine's audio says it:
   *  a whole cue does not fit in a breath. */
  function spoken(config, steps, index, elapsed, words) {
    var step = steps[index];
    if (step.type !== "work" || step.kind !== "breaths") return words;
    var breath = breathPhase(step, elapsed || 0);
    if (breath.breath <= 1) return words;
    var cue = (config.items[step.item].cues || {})[breath.phase.toLowerCase()] || "";
    var label = cue.indexOf(":") > 0 ? cue.split(":")[0].trim() : "";
    return t(breath.phase.toLowerCase()) + (label ? " · " + label : "");
  }

  function clock(seconds) {
    var whole = Math.max(0, Math.ceil(seconds - 1e-6));
    var minutes = Math.floor(whole / 60), rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  var core = { buildPlan: buildPlan, totalSeconds: totalSeconds, breathPhase: breathPhase,
    describe: describe, clock: clock, pick: pick, muted: false, useMessages: useMessages };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }
  root.LimberTimer = core;

  /* ---------- Preferences and saved sessions ---------- */

  function readJSON(key) {
    try { return JSON.parse(root.localStorage.getItem(key) || "null"); } catch (error) { return null; }
  }

  function writeJSON(key, value) {
    try {
      if (value === null) root.localStorage.removeItem(key);
      else root.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* storage may be off (private mode, file://); the timer still works */ }
  }

  function prefs() {
    var saved = readJSON(PREFS) || {};
    return { sound: saved.sound !== false, voice: !!saved.voice, wake: saved.wake !== false,
      pace: saved.pace || "", ready: READY_CHOICES.indexOf(saved.ready) >= 0 ? saved.ready : 0 };
  }

  /* ---------- Cues: tones, voice, wake lock ---------- */

  /* What each change sounds like, so that it is known without looking: [pitch in Hz, seconds
     after the change]. A low tick counts down the last three seconds of a step. */
  var TONES = {
    count: [[660, 0]],
    step: [[880, 0]],                          // a hold, breaths, a gap, get ready
    "switch": [[880, 0], [880, 0.22]],         // two high: the other side now
    rest: [[880, 0], [660, 0.22]],             // high then low: rest, another stretch next
    done: [[660, 0], [880, 0.18], [1100, 0.36]] // rising: finished
  };

  var audio = null;
  function soundContext() {
    try {
      audio = audio || new (root.AudioContext || root.webkitAudioContext)();
    } catch (error) { /* no audio here */ }
    return audio;
  }

  /** The tones of a kind of change (a step's type, or "count"); a type without its own, "step". */
  function beep(kind) {
    if (!prefs().sound || core.muted) return; // muted: the routine's audio track is cueing
    try {
      var context = soundContext();
      if (context.state === "suspended") context.resume(); // allowed once the page has had a tap
      var short = kind === "count", start = context.currentTime;
      (TONES[kind] || TONES.step).forEach(function (tone) {
        var osc = context.createOscillator(), gain = context.createGain(), now = start + tone[1];
        osc.frequency.value = tone[0];
        gain.gain.setValueAtTime(0.0001, now);
        gain.gain.exponentialRampToValueAtTime(0.25, now + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + (short ? 0.18 : 0.4));
        osc.connect(gain).connect(context.destination);
        osc.start(now);
        osc.stop(now + 0.45);
      });
    } catch (error) { /* no audio here */ }
  }

  function say(text) {
    if (!prefs().voice || core.muted || !root.speechSynthesis) return;
    root.speechSynthesis.cancel();
    var utterance = new root.SpeechSynthesisUtterance(text.replace(/ · /g, ". "));
    // The page's language picks the voice: Spanish words in a Spanish voice.
    utterance.lang = (root.document && root.document.documentElement.lang) || "en";
    root.speechSynthesis.speak(utterance);
  }

  /* ---------- One timer on the page ---------- */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function button(label, className) {
    return el("button", { type: "button", class: "md-button lt-" + className }, label);
  }

  function Timer(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector("[data-limber-config]").textContent);
    this.routine = section.getAttribute("data-limber-timer") === "routine";
    this.key = STORE + this.config.id;
    this.listeners = [];
    this.choice = { amount: 0, reps: 0 };
    this.state = { index: 0, status: "idle", startedAt: 0, banked: 0 };
    this.lastSecond = null;
    this.lastWords = "";
    this.wakeLock = null;
    this.render();
    this.restore();
    this.update(true);
  }

  Timer.prototype.on = function (target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
    return this;
  };

  Timer.prototype.pace = function () {
    var pace = prefs().pace.split("-");
    var s = this.config.settings;
    return { inhale: Number(pace[0]) || s.inhale, exhale: Number(pace[1]) || s.exhale };
  };

  Timer.prototype.plan = function () {
    var pace = this.pace();
    this.steps = buildPlan(this.config, {
      amount: this.choice.amount, reps: this.choice.reps, inhale: pace.inhale, exhale: pace.exhale,
      ready: prefs().ready
    });
    this.total = totalSeconds(this.steps);
    return this;
  };

  Timer.prototype.render = function () {
    var self = this, config = this.config, items = config.items;
    var fallback = this.section.querySelector(".limber-timer-fallback");
    if (fallback) fallback.hidden = true;
    var box = el("div", { class: "lt-box" });
    var head = el("div", { class: "lt-head" });
    this.nameEl = head.appendChild(el("p", { class: "lt-name" }));
    this.positionEl = head.appendChild(el("p", { class: "lt-position" }));
    box.appendChild(head);

    var visual = el("div", { class: "lt-visual" });
    visual.innerHTML = '<svg class="lt-ring" viewBox="0 0 120 120" aria-hidden="true" focusable="false">' +
      '<circle class="lt-ring-track" cx="60" cy="60" r="54"/>' +
      '<circle class="lt-ring-fill" cx="60" cy="60" r="54" pathLength="100"/></svg>' +
      '<div class="lt-breath" aria-hidden="true"></div>';
    this.ringEl = visual.querySelector(".lt-ring-fill");
    this.breathEl = visual.querySelector(".lt-breath");
    this.clockEl = visual.appendChild(el("div", { role: "timer", class: "lt-clock",
      "aria-label": t("clock_label") }));
    box.appendChild(visual);

    this.stepEl = box.appendChild(el("p", { class: "lt-step", "aria-live": "polite", "aria-atomic": "true" }));
    this.detailEl = box.appendChild(el("p", { class: "lt-detail" }));
    var total = box.appendChild(el("div", { class: "lt-total" }));
    this.totalEl = total.appendChild(el("span", { class: "lt-total-text" }));
    this.barEl = total.appendChild(el("span", { class: "lt-bar", "aria-hidden": "true" }))
      .appendChild(el("span", { class: "lt-bar-fill" }));

    this.choicesEl = box.appendChild(el("div", { class: "lt-choices" }));
    this.renderChoices();

    var controls = box.appendChild(el("div", { class: "lt-controls" }));
    this.buttons = {
      back: button(t("back"), "back"), start: button(t("start"), "start"),
      pause: button(t("pause"), "pause"), resume: button(t("resume"), "resume"),
      skip: button(t("skip"), "skip"), reset: button(t("reset"), "reset")
    };
    ["start", "pause", "resume"].forEach(function (name) {
      self.buttons[name].classList.add("md-button--primary");
    });
    ["back", "start", "pause", "resume", "skip", "reset"].forEach(function (name) {
      controls.appendChild(self.buttons[name]);
    });
    // A run that carried on through a reload may not sound until the page is touched again.
    this.soundButton = controls.appendChild(button(t("sound_back"), "sound"));
    this.soundButton.hidden = true;
    // The follow-along view (follow.js) adds its button to every player, built ones included.
    if (root.LimberFollow) this.follow = root.LimberFollow.attach(this, box);
    ["start", "pause", "resume", "skip", "back", "reset"].forEach(function (name) {
      var control = self.buttons[name];
      self.on(control, "click", function () {
        self[name]();
        // The pressed button may hide itself (Start, Pause): keep focus in the controls.
        if (control.hidden) self.focusControls();
      });
    });

    if (this.routine && items.length > 1) box.appendChild(this.renderList());
    box.appendChild(this.renderSettings());
    box.appendChild(el("p", { class: "lt-keys" }, t("keys")));
    this.section.appendChild(box);

    this.on(document, "keydown", function (event) { self.onKey(event); })
      .on(document, "visibilitychange", function () {
        self.update(false);
        if (!document.hidden) self.lockScreen();
      });
    this.interval = setInterval(function () { self.update(false); }, 200);
  };

  Timer.prototype.renderChoices = function () {
    var self = this, items = this.config.items, box = this.choicesEl;
    var ranged = function (field) { return items.some(function (i) { return i[field][0] < i[field][1]; }); };
    function select(label, fields, options) {
      var wrap = el("label", { class: "lt-choice" }, label + " ");
      var input = wrap.appendChild(el("select", { "data-choice": fields[0] }));
      options.forEach(function (option) {
        input.appendChild(el("option", { value: String(option[0]) }, option[1]));
      });
      self.on(input, "change", function () {
        fields.forEach(function (field) { self.choice[field] = Number(input.value); });
        self.plan().update(true);
      });
      box.appendChild(wrap);
    }
    if (!this.routine) {
      var item = items[0];
      var unit = item.kind === "hold" ? "seconds" : "breaths";
      [["amount", t(item.kind === "hold" ? "choice_hold" : "choice_breaths"), item.amount],
        ["reps", t("choice_reps"), item.reps]].forEach(function (entry) {
        var range = entry[2];
        if (range[0] === range[1]) return;
        var step = entry[0] === "amount" && item.kind === "hold" ? 5 : 1;
        var options = [];
        for (var value = range[0]; value < range[1]; value += step) options.push(value);
        options.push(range[1]);
        select(entry[1], [entry[0]], options.map(function (value) {
          return [(value - range[0]) / (range[1] - range[0]), t(entry[0] === "amount" ? unit : "times", { value: value })];
        }));
      });
    } else if (ranged("amount") || ranged("reps")) {
      select(t("length"), ["amount", "reps"], [[0, t("shortest")], [0.5, t("middle")], [1, t("longest")]]);
    }
  };

  Timer.prototype.renderList = function () {
    var self = this;
    var details = el("details", { class: "lt-list" });
    details.appendChild(el("summary", {}, t("jump")));
    var list = details.appendChild(el("ol"));
    this.config.items.forEach(function (item, index) {
      var go = list.appendChild(el("li")).appendChild(el("button", { type: "button", class: "lt-jump" }, item.name));
      self.on(go, "click", function () { self.jump(index); });
    });
    this.listEl = list;
    return details;
  };

  Timer.prototype.renderSettings = function () {
    var self = this, current = prefs();
    var details = el("details", { class: "lt-settings" });
    details.appendChild(el("summary", {}, t("settings")));
    [["sound", t("sound")], ["voice", t("voice")], ["wake", t("wake")]]
      .forEach(function (entry) {
        var label = details.appendChild(el("label", { class: "lt-toggle" }));
        var box = label.appendChild(el("input", { type: "checkbox", "data-pref": entry[0] }));
        box.checked = current[entry[0]];
        label.appendChild(document.createTextNode(" " + entry[1]));
        if (entry[0] === "sound") {
          var key = details.appendChild(el("p", { class: "lt-tones", id: "lt-tones-" + self.config.id }, t("tones")));
          box.setAttribute("aria-describedby", key.id);
        }
        self.on(box, "change", function () {
          var saved = prefs();
          saved[entry[0]] = box.checked;
          writeJSON(PREFS, saved);
          if (entry[0] === "wake") self.lockScreen();
        });
      });
    // Time to put the phone down, walk back and get onto the floor before the first stretch.
    var getReady = this.config.settings.getReady;
    var readyWrap = details.appendChild(el("label", { class: "lt-choice lt-toggle" }, t("ready_time") + " "));
    var ready = readyWrap.appendChild(el("select", { "data-pref": "ready" }));
    var choices = [getReady].concat(READY_CHOICES.filter(function (seconds) { return seconds > getReady; }));
    choices.forEach(function (seconds) {
      ready.appendChild(el("option", { value: String(seconds) }, t("ready_seconds", { seconds: seconds })));
    });
    ready.value = String(choices.indexOf(current.ready) >= 0 ? current.ready : getReady);
    this.on(ready, "change", function () { self.changePref("ready", Number(ready.value)); });
    if (this.config.items.some(function (item) { return item.kind === "breaths"; })) {
      var s = this.config.settings;
      var wrap = details.appendChild(el("label", { class: "lt-choice" }, t("pace") + " "));
      var pace = wrap.appendChild(el("select", { "data-pref": "pace" }));
      [[s.inhale + "-" + s.exhale, t("pace_default", { inhale: s.inhale, exhale: s.exhale })],
        ["3-3", t("pace_faster")], ["5-5", t("pace_slower")],
        ["4-6", t("pace_calming")]].forEach(function (entry) {
        pace.appendChild(el("option", { value: entry[0] }, entry[1]));
      });
      pace.value = current.pace || pace.options[0].value;
      this.on(pace, "change", function () { self.changePref("pace", pace.value); });
    }
    return details;
  };

  /** Keep a setting that changes the plan, and go on in the same step with the new plan. */
  Timer.prototype.changePref = function (name, value) {
    var saved = prefs();
    saved[name] = value;
    writeJSON(PREFS, saved);
    var elapsed = this.elapsed();
    this.plan();
    this.state.banked = Math.min(elapsed, this.steps[this.state.index].duration) * 1000;
    if (this.state.status === "running") this.state.startedAt = Date.now();
    this.save().update(true);
  };

  /* ---------- State ---------- */

  Timer.prototype.elapsed = function () {
    var st = this.state;
    var ms = st.banked + (st.status === "running" ? Date.now() - st.startedAt : 0);
    return Math.max(0, ms / 1000);
  };

  Timer.prototype.go = function (index, keepRunning) {
    var last = this.steps.length - 1;
    this.state.index = Math.max(0, Math.min(index, last));
    this.state.banked = 0;
    this.state.startedAt = Date.now();
    if (this.state.index === last) this.state.status = "done";
    else if (!keepRunning && this.state.status === "idle") this.state.status = "paused";
    this.lastSecond = null;
    this.save();
    this.update(true);
    return this;
  };

  Timer.prototype.start = function () {
    this.state = { index: 0, status: "running", startedAt: Date.now(), banked: 0 };
    beep("count"); // a user gesture: lets the audio context start
    this.lockScreen();
    return this.save().update(true);
  };

  Timer.prototype.pause = function () {
    if (this.state.status !== "running") return this;
    this.state.banked = this.elapsed() * 1000;
    this.state.status = "paused";
    this.releaseScreen();
    return this.save().update(true);
  };

  Timer.prototype.resume = function () {
    if (this.state.status !== "paused") return this;
    this.state.startedAt = Date.now();
    this.state.status = "running";
    this.lockScreen();
    return this.save().update(true);
  };

  Timer.prototype.skip = function () { return this.go(this.state.index + 1, true); };

  Timer.prototype.back = function () {
    var back = this.elapsed() < 2 || this.steps[this.state.index].type === "done" ? 1 : 0;
    if (this.state.status === "done") this.state.status = "paused";
    return this.go(this.state.index - back, true);
  };

  Timer.prototype.jump = function (item) {
    var target = 0;
    for (var i = 0; i < this.steps.length; i++) {
      if (this.steps[i].item === item && this.steps[i].type !== "rest") { target = i; break; }
    }
    if (this.state.status === "idle" || this.state.status === "done") this.state.status = "paused";
    return this.go(target, true);
  };

  Timer.prototype.reset = function () {
    this.state = { index: 0, status: "idle", startedAt: 0, banked: 0 };
    this.releaseScreen();
    writeJSON(this.key, null);
    this.lastWords = "";
    return this.update(true);
  };

  Timer.prototype.save = function () {
    var st = this.state;
    writeJSON(this.key, st.status === "idle" ? null : {
      index: st.index, status: st.status, startedAt: st.startedAt, banked: st.banked,
      choice: this.choice, steps: this.steps.length, savedAt: Date.now()
    });
    return this;
  };

  /* A finished run, or one whose time ran out while the page was closed, comes back ready to
     start: resuming is for unfinished runs. */
  function finished(saved, steps) {
    if (saved.status === "done") return true;
    if (saved.status !== "running") return false;
    var spent = (saved.banked + Date.now() - saved.startedAt) / 1000;
    return spent >= totalSeconds(steps.slice(saved.index));
  }

  Timer.prototype.restore = function () {
    this.plan();
    var saved = readJSON(this.key);
    if (!saved || Date.now() - saved.savedAt > STALE_MS) return;
    this.choice = saved.choice || this.choice;
    this.plan();
    if (saved.steps !== this.steps.length || finished(saved, this.steps)) return;
    this.state = { index: saved.index, status: saved.status, startedAt: saved.startedAt, banked: saved.banked };
    Array.prototype.forEach.call(this.choicesEl.querySelectorAll("select"), function (select) {
      select.value = String(saved.choice[select.getAttribute("data-choice")]);
    });
    if (this.state.status === "running") this.askForSound();
  };

  /* After a reload, the browser lets the page sound only after a tap or a key: until then a
     running run is silent. Say so with a button; any tap or key on the page does as well (on
     its click, not as the finger goes down: the button going then would move what is tapped). */
  Timer.prototype.askForSound = function () {
    var self = this, current = prefs(), context = current.sound ? soundContext() : null;
    var activation = root.navigator.userActivation;
    var silentTones = context && context.state === "suspended";
    var silentVoice = current.voice && !(activation && activation.hasBeenActive);
    if (!silentTones && !silentVoice) return;
    var button = this.soundButton;
    var wake = function () {
      if (context && context.state === "suspended") context.resume();
      button.hidden = true;
      document.removeEventListener("click", wake, true);
      document.removeEventListener("keydown", wake, true);
    };
    button.hidden = false;
    document.addEventListener("click", wake, true);
    document.addEventListener("keydown", wake, true);
    this.on(button, "click", function () { wake(); self.focusControls(); });
  };

  /* Move past every step whose time is up (several, after a hidden or throttled spell). */
  Timer.prototype.advance = function () {
    var st = this.state, moved = false;
    while (st.status === "running") {
      var step = this.steps[st.index];
      var over = this.elapsed() - step.duration;
      if (over < 0) break;
      st.index += 1;
      st.banked = 0;
      st.startedAt = Date.now() - over * 1000;
      moved = true;
      if (st.index === this.steps.length - 1) st.status = "done";
    }
    if (moved) {
      this.save();
      this.lastSecond = null;
      var now = this.steps[st.index], type = now.type;
      // Alternating sides, the gap before the other side is a change of side too.
      if (type === "gap" && now.side && now.side !== this.steps[st.index - 1].side) type = "switch";
      beep(type);
    }
    return moved;
  };

  Timer.prototype.announce = function (force) {
    var words = describe(this.config, this.steps, this.state.index, this.elapsed());
    if (this.state.status === "idle") words = t("idle");
    if (words === this.lastWords && !force) return;
    var spokenBefore = this.lastWords;
    this.lastWords = words;
    this.stepEl.textContent = words;
    if (spokenBefore && this.state.status !== "idle") {
      say(spoken(this.config, this.steps, this.state.index, this.elapsed(), words));
    }
    var step = this.steps[this.state.index];
    var breathing = step.kind === "breaths" && step.type === "work";
    var phase = breathing ? breathPhase(step, this.elapsed()).phase.toLowerCase() : step.type;
    this.section.setAttribute("data-phase", phase);
    this.section.setAttribute("data-side", (step.side || "none").toLowerCase());
    this.section.dispatchEvent(new CustomEvent("limber:step", {
      bubbles: true, detail: { step: step, index: this.state.index, phase: phase, words: words }
    }));
  };

  Timer.prototype.update = function (force) {
    if (!this.steps) this.plan();
    var moved = this.advance();
    var st = this.state, step = this.steps[st.index], config = this.config;
    var elapsed = Math.min(this.elapsed(), step.duration);
    var left = step.duration - elapsed;
    this.clockEl.textContent = clock(st.status === "idle" ? this.steps[1].duration : left);
    var second = Math.ceil(left);
    if (st.status === "running" && second !== this.lastSecond && second <= 3 && second >= 1 && !moved &&
        step.duration > 3) {  // hidden too: a phone in a pocket still counts down
      beep("count");
    }
    this.lastSecond = second;

    var item = config.items[step.item];
    this.nameEl.textContent = this.routine ? item.name : config.items[0].name;
    this.positionEl.textContent = this.routine
      ? t("position", { number: step.item + 1, total: config.items.length }) : "";
    var nextItem = null;
    for (var i = st.index + 1; i < this.steps.length; i++) {
      if (this.steps[i].item !== step.item) { nextItem = config.items[this.steps[i].item]; break; }
    }
    var detail = "";
    if (step.type === "work" && step.kind === "breaths") {
      var breath = breathPhase(step, elapsed);
      detail = t("breath", { number: breath.breath, total: step.breaths });
      this.breathEl.setAttribute("data-phase", breath.phase.toLowerCase());
      this.breathEl.style.setProperty("--lt-phase-time", breath.length + "s");
    } else {
      this.breathEl.removeAttribute("data-phase");
    }
    // A rest or get-ready already names the stretch it leads to ("Rest · Next: …", "Get
    // ready · Cat-cow"): no second, later name beside it.
    if (this.routine && nextItem && step.type !== "done" && step.type !== "rest" && step.type !== "ready") {
      detail += (detail ? " · " : "") + t("next_up", { name: nextItem.name });
    }
    this.detailEl.textContent = detail;

    var done = totalSeconds(this.steps.slice(0, st.index)) + elapsed;
    var remaining = this.total - (st.status === "idle" ? 0 : done);
    this.totalEl.textContent = t(this.routine ? "routine_left" : "total_left", { time: clock(remaining) });
    this.barEl.style.width = (st.status === "idle" ? 0 : 100 * done / this.total).toFixed(2) + "%";
    var fraction = step.duration ? elapsed / step.duration : 1;
    this.ringEl.style.strokeDashoffset = String(100 - 100 * (st.status === "idle" ? 0 : fraction));

    var b = this.buttons, idle = st.status === "idle";
    b.start.hidden = !idle;
    b.pause.hidden = st.status !== "running";
    b.resume.hidden = st.status !== "paused";
    b.skip.hidden = idle || st.status === "done";
    b.back.hidden = idle;
    b.reset.hidden = idle;
    this.choicesEl.hidden = !idle;
    this.section.setAttribute("data-status", st.status);
    this.keepChromeAway(st.status === "running" || st.status === "paused");
    if (this.listEl) {
      Array.prototype.forEach.call(this.listEl.children, function (li, index) {
        if (index === step.item && !idle) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
    }
    if (st.status === "done") this.releaseScreen();
    this.announce(force || moved);
    return this;
  };

  /* While a run is on, Material's "Back to top" pill must not float over the controls, and the
     sticky header must not cover the top of the player when it starts. */
  Timer.prototype.keepChromeAway = function (running) {
    var page = document.documentElement;
    if (running === page.hasAttribute("data-limber-running")) return;
    if (running) {
      page.setAttribute("data-limber-running", "");
      var box = this.section.getBoundingClientRect();
      var header = document.querySelector(".md-header");
      var top = header ? header.getBoundingClientRect().bottom : 0;
      if (box.top < top || box.bottom > root.innerHeight) this.section.scrollIntoView({ block: "start" });
    } else {
      page.removeAttribute("data-limber-running");
    }
  };

  Timer.prototype.focusControls = function () {
  var b = this.buttons;
  var next = [b.pause, b.resume, b.start, b.reset].filter(function (x) { return !x.hidden; })[0];
  if (next) next.focus();
};

Timer.prototype.onKey = function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = /^(INPUT|SELECT|TEXTAREA|BUTTON|SUMMARY|A)$/.test(target.tagName) || target.isContentEditable;
    var timers = document.querySelectorAll("[data-limber-timer]");
    if (timers.length > 1 && !this.section.contains(target)) return;
    var st = this.state.status;
    if (event.key === " " && !typing) {
      if (st === "idle") this.start();
      else if (st === "running") this.pause();
      else if (st === "paused") this.resume();
      else return;
    } else if (event.key === "ArrowRight" && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && st !== "idle") {
      this.skip();
    } else if (event.key === "ArrowLeft" && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && st !== "idle") {
      this.back();
    } else if ((event.key === "r" || event.key === "R") && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && st !== "idle") {
      this.reset();
    } else {
      return;
    }
    event.preventDefault();
  };

  /* The screen wake lock while a run is on. `this.wake` says how it went ("on", "off" by the
     reader's choice, "unavailable", "refused") and a `limber:wake` event tells the page, so the
     follow-along view can say when the screen may go dark. */
  Timer.prototype.lockScreen = function () {
    var self = this;
    if (!prefs().wake) {
      this.releaseScreen();
      return this.wakeIs("off");
    }
    if (!navigator.wakeLock) return this.wakeIs("unavailable");
    if (this.state.status !== "running" || this.wakeLock || document.hidden) return this;
    navigator.wakeLock.request("screen").then(function (lock) {
      self.wakeLock = lock;
      self.wakeIs("on");
      lock.addEventListener("release", function () { self.wakeLock = null; });
    }).catch(function () { self.wakeIs("refused"); /* battery saver, permissions: the timer still runs */ });
    return this;
  };

  Timer.prototype.wakeIs = function (state) {
    this.wake = state;
    this.section.dispatchEvent(new CustomEvent("limber:wake", { bubbles: true, detail: { state: state } }));
    return this;
  };

  Timer.prototype.releaseScreen = function () {
    if (this.wakeLock) this.wakeLock.release();
    this.wakeLock = null;
  };

  Timer.prototype.destroy = function () {
    if (this.follow) this.follow.destroy();
    clearInterval(this.interval);
    this.listeners.forEach(function (entry) { entry[0].removeEventListener(entry[1], entry[2]); });
    this.releaseScreen();
    delete this.section.limberTimer;
  };

  /* The stretch figure follows the timer: first keyframe on the inhale (and while getting
     ready or resting), second on the exhale or during a hold; mirrored on the right side. */
  function followTimer(event) {
    var figure = document.querySelector("[data-limber-figure]");
    if (figure) showFrame(figure, event.detail);
  }

  /** Put a figure in the pose for a step: mirrored for the right side always, moving between
   *  its keyframes unless the reader asked for reduced motion. */
  function showFrame(figure, detail) {
    var step = detail.step;
    figure.setAttribute("data-side", step.side === "Right" ? "right" : "left");
    if (root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    var frames = (figure.getAttribute("data-frames") || "").split(" ");
    var moving = detail.phase === "exhale" || (step.type === "work" && step.kind === "hold");
    var frame = frames[moving ? frames.length - 1 : 0];
    figure.setAttribute("data-frame", frame);
    Array.prototype.forEach.call(figure.querySelectorAll("[data-frame]"), function (group) {
      group.classList.toggle("is-current", group.getAttribute("data-frame") === frame);
    });
    // A figure shown from its picture file: the file's own views of its poses (#first, #last).
    var picture = figure.querySelector("img[src]");
    if (picture && frame) {
      var src = picture.getAttribute("src").split("#")[0] + "#" + frame;
      if (picture.getAttribute("src") !== src) picture.setAttribute("src", src);
    }
  }
  core.showFrame = showFrame;

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-limber-timer]"), function (section) {
      if (!section.limberTimer) section.limberTimer = new Timer(section);
    });
  }

  /* (Re)mount a player on `section` from the plan JSON inside it: the routine builder writes a
     new plan there and calls this, so built routines play in this same player. */
  core.mount = function (section) {
    if (section.limberTimer) section.limberTimer.destroy();
    Array.prototype.forEach.call(section.querySelectorAll(".lt-box"), function (box) {
      box.parentNode.removeChild(box);
    });
    section.limberTimer = new Timer(section);
    return section.limberTimer;
  };

  document.addEventListener("limber:step", followTimer);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(typeof window !== "undefined" ? window : globalThis);

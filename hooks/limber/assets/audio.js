/* Limber routine audio: "Play as audio" in the routine player.
 *
 * Dependency-free, no build step. A routine page carries a `[data-limber-audio]` block (the MP3's
 * link and its settings as JSON). This script adds a "Play as audio" button and an <audio>
 * element that plays the routine's MP3: the build rendered it from the same plan as the timer
 * (the shortest length, the default breath pace), so while it plays the visual timer follows
 * audio.currentTime, and keeps following it when the page was hidden or the phone locked. The
 * timer's own buttons and keys (Pause, Resume, Skip, Back, Reset) move the audio with them; the
 * lock screen's play, pause, next and previous (Media Session) go to the step boundaries. The
 * timer's own tones and voice are muted while the track cues.
 *
 * On the builder page there is no MP3 (the routine exists only in the browser): the track is
 * assembled here from the clip set the build spoke (assets/limber/audio-clips.js: stretch names
 * and cue words), with the same tones and timing, as a WAV blob for the same <audio> element.
 */
(function (root) {
  "use strict";

  var script = document.currentScript;
  var CLIPS = script ? new URL("audio-clips.js", script.src).href : "";
  var BACK_WITHIN = 2; // as the player's Back: early in a step, "previous" goes one step further
  var SYNC_MS = 250;

  function core() { return root.LimberTimer || {}; }

  /** The words for `audio.<key>` (or another section's, given whole), from the catalogue the
   * page carries in `LimberData.messages`, with its {placeholders} filled from `values`. */
  function t(key, values) {
    var words = (root.LimberData && root.LimberData.messages) || {};
    var entry = words[key.indexOf(".") < 0 ? "audio." + key : key];
    if (entry === undefined) return key;
    return entry.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  /** `block` holds the button and the <audio>; `section` is the player; `config` is {src, title,
   *  artwork}, or `assemble` makes the track in the browser (builder routines). */
  function AudioPlayer(block, section, config, assemble) {
    this.block = block;
    this.section = section;
    this.config = config;
    this.assemble = assemble || null;
    this.listeners = [];
    this.active = false;
    this.shownItem = -1;
    this.actions = {};
    this.plan();
    this.render();
    this.setUpSession();
  }

  /** The track's plan: the shortest length at the default pace, as the track was made. */
  AudioPlayer.prototype.plan = function () {
    var core = root.LimberTimer, config = this.timer().config, settings = config.settings;
    this.steps = core.buildPlan(config,
      { amount: 0, reps: 0, inhale: settings.inhale, exhale: settings.exhale });
    this.total = core.totalSeconds(this.steps);
    this.starts = [];
    var now = 0;
    for (var i = 0; i < this.steps.length; i++) { this.starts.push(now); now += this.steps[i].duration; }
    return this;
  };

  /** The player's timer (the builder mounts a new one when its routine changes). */
  AudioPlayer.prototype.timer = function () { return this.section.limberTimer; };

  AudioPlayer.prototype.on = function (target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
    return this;
  };

  AudioPlayer.prototype.render = function () {
    var self = this;
    var controls = el("div", { class: "limber-audio-controls" });
    this.button = controls.appendChild(el("button", { type: "button", class: "md-button" }, t("play")));
    this.audio = controls.appendChild(el("audio", { preload: "none", controls: "", "aria-label": t("player") }));
    if (this.config.src) this.audio.src = this.config.src;
    this.audio.hidden = true;
    this.status = controls.appendChild(el("p", { class: "limber-audio-status", role: "status" }));
    this.block.insertBefore(controls, this.block.firstChild);

    this.on(this.button, "click", function () {
      if (self.active) self.stop(); else self.play();
    });
    ["play", "pause", "seeked", "timeupdate", "ended"].forEach(function (type) {
      self.on(self.audio, type, function () { self.sync(); });
    });
    this.on(this.audio, "playing", function () { self.before = null; });
    this.on(this.audio, "error", function () {
      if (!self.active) return;
      // Offline, a track never played online is not on this device (tracks are saved later).
      self.status.textContent = navigator.onLine === false
        ? t("failed_offline", { save: t("site.save") }) : t("failed");
      var before = self.before;
      self.before = null;
      self.stop();
      self.audio.hidden = true;
      // As the message says, the run goes on without the audio: as it was before the press
      // (its plan and place), or from where the track stopped.
      var timer = self.timer();
      if (before) {
        timer.steps = before.steps;
        timer.total = before.total;
        timer.choice = before.choice;
        timer.state = before.state;
        timer.save().update(true);
      }
      if (timer.state.status === "idle") timer.start();
      else if (timer.state.status === "paused") timer.resume();
    });
    // The timer's buttons and keys act on the timer first (its listeners were added before
    // these: on the buttons themselves, and on the document earlier); then the audio follows.
    this.on(this.section, "click", function (event) {
      if (event.target.closest && event.target.closest(".lt-controls, .lt-list")) self.pull();
    });
    this.on(document, "keydown", function () { self.pull(); });
    this.on(this.section, "limber:tap", function () { self.pull(); });  // follow along's tap
    this.on(document, "visibilitychange", function () { self.sync(); });
    this.interval = setInterval(function () { self.sync(); }, SYNC_MS);
  };

  /** Index of the step playing `seconds` into the track. */
  AudioPlayer.prototype.indexAt = function (seconds) {
    var last = this.steps.length - 1;
    if (seconds >= this.total) return last;
    for (var i = last - 1; i > 0; i--) if (this.starts[i] <= seconds) return i;
    return 0;
  };

  /** Seconds into the track of a moment `elapsed` seconds into step `index`. */
  AudioPlayer.prototype.at = function (index, elapsed) {
    return this.starts[index] + Math.min(elapsed, this.steps[index].duration);
  };

  /** Where the timer is, in seconds from the start of the plan. */
  AudioPlayer.prototype.timerPosition = function () {
    var timer = this.timer(), st = timer.state;
    return st.status === "idle" ? 0 : this.at(st.index, timer.elapsed());
  };

  /** Where in the track a run the timer is in goes on: the same moment where the timer's plan
   *  has the track's steps (a longer hold ends where the track's ends); else, the start of the
   *  stretch it is on (more reps than the track has). From the start when nothing runs. */
  AudioPlayer.prototype.startFrom = function () {
    var timer = this.timer(), st = timer.state, steps = timer.steps || [], own = this.steps;
    if (st.status === "idle" || st.status === "done" || !steps[st.index]) return 0;
    var same = steps.length === own.length && steps.every(function (step, i) {
      return step.type === own[i].type && step.item === own[i].item && step.side === own[i].side;
    });
    if (same) return this.at(st.index, timer.elapsed());
    var item = steps[st.index].item;
    for (var i = 0; i < own.length; i++) {
      if (own[i].item === item && own[i].type !== "rest") return this.starts[i];
    }
    return 0;
  };

  AudioPlayer.prototype.play = function () {
    var self = this;
    if (this.assemble) {
      var wanted = JSON.stringify(this.timer().config);
      if (this.made !== wanted) {
        this.status.textContent = t("preparing");
        this.button.disabled = true;
        this.assemble(this.timer().config).then(function (url) {
          if (self.audio.src.indexOf("blob:") === 0) URL.revokeObjectURL(self.audio.src);
          self.audio.src = url;
          self.made = wanted;
          self.button.disabled = false;
          self.plan().play();
        }, function () {
          self.button.disabled = false;
          self.status.textContent = t("failed");
        });
        return this;
      }
    }
    var timer = this.timer();
    var from = this.startFrom();
    // The run as it is, for a track that cannot load (offline, not saved yet).
    this.before = { steps: timer.steps, total: timer.total, choice: timer.choice,
      state: JSON.parse(JSON.stringify(timer.state)) };
    this.active = true;
    root.LimberTimer.muted = true;
    this.status.textContent = "";
    this.audio.hidden = false;
    this.button.textContent = t("stop");
    timer.steps = this.steps;
    timer.total = this.total;
    timer.choice = { amount: 0, reps: 0 };
    if (from >= this.total) from = 0;
    if (Math.abs(this.audio.currentTime - from) > 0.3) this.audio.currentTime = from;
    var playing = this.audio.play();
    if (playing && playing.catch) playing.catch(function () { self.sync(); });
    this.sync();
    return this;
  };

  /** Stop the audio; the timer stays paused where the track was. */
  AudioPlayer.prototype.stop = function () {
    this.audio.pause();
    this.sync();
    this.active = false;
    root.LimberTimer.muted = false;
    this.button.textContent = t("play");
    return this;
  };

  /** The timer follows the track: same step, same time into it, running or paused with it. */
  AudioPlayer.prototype.sync = function () {
    if (!this.active) return;
    var audio = this.audio, timer = this.timer(), t = audio.currentTime || 0;
    var index = this.indexAt(t), last = this.steps.length - 1;
    var within = Math.max(0, t - this.starts[index]);
    timer.steps = this.steps;
    timer.total = this.total;
    if (audio.ended || index === last) {
      timer.state = { index: last, status: "done", startedAt: Date.now(), banked: 0 };
    } else if (audio.paused) {
      timer.state = { index: index, status: "paused", startedAt: Date.now(), banked: within * 1000 };
    } else {
      timer.state = { index: index, status: "running", startedAt: Date.now() - within * 1000, banked: 0 };
    }
    timer.save().update(false);
    this.showSession(index, t);
    if (audio.ended) this.stop();
  };

  /** The audio follows the timer after a press of its buttons or keys. */
  AudioPlayer.prototype.pull = function () {
    if (!this.active) return;
    var st = this.timer().state, audio = this.audio;
    if (st.status === "idle") { // Reset
      audio.pause();
      audio.currentTime = 0;
      this.active = false;
      root.LimberTimer.muted = false;
      this.button.textContent = t("play");
      return;
    }
    var position = this.timerPosition();
    if (Math.abs(position - audio.currentTime) > 0.3) audio.currentTime = position;
    if (st.status === "running" && audio.paused) audio.play();
    else if (st.status !== "running" && !audio.paused) audio.pause();
  };

  /** Go to the next step's start, or back to this step's (or the previous one's) start. */
  AudioPlayer.prototype.seekStep = function (direction) {
    var t = this.audio.currentTime || 0, index = this.indexAt(t);
    var target;
    if (direction > 0) target = this.starts[Math.min(index + 1, this.steps.length - 1)];
    else target = this.starts[t - this.starts[index] > BACK_WITHIN ? index : Math.max(0, index - 1)];
    this.audio.currentTime = target;
    this.sync();
    return this;
  };

  /* ---------- Media Session: the lock screen and the headset's buttons ---------- */

  AudioPlayer.prototype.setUpSession = function () {
    var self = this, audio = this.audio;
    this.actions = {
      play: function () { self.play(); },
      pause: function () { audio.pause(); },
      stop: function () { self.stop(); },
      nexttrack: function () { self.seekStep(1); },
      previoustrack: function () { self.seekStep(-1); },
      seekto: function (details) { audio.currentTime = details.seekTime; self.sync(); }
    };
    if (!("mediaSession" in navigator)) return;
    Object.keys(this.actions).forEach(function (name) {
      try { navigator.mediaSession.setActionHandler(name, self.actions[name]); } catch (error) { /* not offered here */ }
    });
  };

  AudioPlayer.prototype.showSession = function (index, seconds) {
    if (!("mediaSession" in navigator)) return;
    var session = navigator.mediaSession, item = this.steps[index].item;
    if (item !== this.shownItem && root.MediaMetadata) {
      this.shownItem = item;
      var card = (this.config.artwork || [])[item];
      session.metadata = new root.MediaMetadata({
        title: this.timer().config.items[item].name,
        artist: this.config.title || this.timer().config.title || "",
        album: t("album"),
        artwork: card ? [{ src: new URL(card, location.href).href, sizes: "1240x1748", type: "image/png" }] : []
      });
    }
    session.playbackState = this.audio.paused ? "paused" : "playing";
    var duration = this.audio.duration;
    if (session.setPositionState && isFinite(duration) && duration > 0) {
      try {
        session.setPositionState({ duration: duration, position: Math.min(seconds, duration),
          playbackRate: this.audio.playbackRate || 1 });
      } catch (error) { /* an older implementation */ }
    }
  };

  AudioPlayer.prototype.destroy = function () {
    clearInterval(this.interval);
    this.listeners.forEach(function (entry) { entry[0].removeEventListener(entry[1], entry[2]); });
    delete this.block.limberAudio;
  };

  /* ---------- Builder routines: a track assembled from the build's clips ---------- */

  var TONES = { high: [880, 0.45], low: [660, 0.18] }; // Hz, seconds: as timer.js beeps
  var TONE_LEVEL = 0.45, SPEECH_LEVEL = 0.9, CLIP_GAP = 0.08;
  var AFTER_TONE = 0.45, AFTER_START = 0.25, COUNTDOWN = 3; // as limber/audio/cues.py

  /** The cues of a plan, as limber/audio/cues.py lays them out: {at, tone} or {at, say: [clip
   *  keys]} ("w:<word>" a cue word, "n:<name>" a stretch's name). */
  function cueSheet(config, steps) {
    var sheet = [{ at: 0, tone: "low" }], now = 0;
    function sideFirst(index) {
      for (var k = index + 1; k < steps.length; k++) {
        if (steps[k].type === "work") return steps[k].side ? ["w:leftFirst"] : [];
      }
      return [];
    }
    steps.forEach(function (step, i) {
      var start = now, say = null, delay = AFTER_TONE;
      now += step.duration;
      if (i > 0) sheet.push({ at: start, tone: "high" });
      var name = "n:" + config.items[step.item].name;
      var side = step.side ? ["w:" + step.side.toLowerCase()] : [];
      if (step.type === "ready") { say = ["w:ready", name].concat(sideFirst(i)); delay = AFTER_START; }
      else if (step.type === "rest") say = ["w:rest", name].concat(sideFirst(i));
      else if (step.type === "switch") say = ["w:switch"];
      else if (step.type === "gap") say = ["w:relax"];
      else if (step.type === "done") { say = ["w:done"]; delay = AFTER_START; }
      else if (step.kind === "breaths") {
        for (var b = 0; b < step.breaths; b++) {
          var at = start + b * (step.inhale + step.exhale);
          sheet.push({ at: at + (b === 0 ? AFTER_TONE : 0), say: (b === 0 ? side : []).concat(["w:inhale"]) });
          sheet.push({ at: at + step.inhale, say: ["w:exhale"] });
        }
      } else {
        var first = steps[i - 1].type === "ready" || steps[i - 1].type === "rest";
        say = first ? [name].concat(side) : side.length ? side : ["w:hold"];
      }
      if (say) sheet.push({ at: start + delay, say: say });
      if (step.duration > COUNTDOWN) {
        for (var left = COUNTDOWN; left >= 1; left--) sheet.push({ at: now - left, tone: "low" });
      }
    });
    return sheet;
  }

  function loadClips() {
    if (root.LimberAudioClips) return Promise.resolve(root.LimberAudioClips);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script"); // a script, not fetch: works from file:// too
      tag.src = CLIPS;
      tag.onload = function () { if (root.LimberAudioClips) resolve(root.LimberAudioClips); else reject(new Error("no clips")); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  /** A clip's samples, without the silence an MP3 decoder adds around it, at SPEECH_LEVEL. */
  function decodeClip(context, base64) {
    var bytes = atob(base64), data = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) data[i] = bytes.charCodeAt(i);
    return context.decodeAudioData(data.buffer).then(function (buffer) {
      var samples = buffer.getChannelData(0), first = 0, last = samples.length - 1, peak = 0;
      while (first < last && Math.abs(samples[first]) < 0.01) first++;
      while (last > first && Math.abs(samples[last]) < 0.01) last--;
      var clip = samples.slice(first, last + 1);
      for (var k = 0; k < clip.length; k++) peak = Math.max(peak, Math.abs(clip[k]));
      if (peak) for (k = 0; k < clip.length; k++) clip[k] *= SPEECH_LEVEL / peak;
      return clip;
    });
  }

  function tone(name, rate) {
    var spec = TONES[name], length = Math.floor(spec[1] * rate), wave = new Float32Array(length);
    for (var i = 0; i < length; i++) {
      var t = i / rate;
      wave[i] = Math.sin(2 * Math.PI * spec[0] * t) * Math.min(1, t / 0.02) *
        Math.exp(-t * Math.log(2500) / spec[1]) * TONE_LEVEL;
    }
    return wave;
  }

  function wav(samples, rate) {
    var buffer = new ArrayBuffer(44 + samples.length * 2), view = new DataView(buffer);
    function text(offset, value) { for (var i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i)); }
    text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
    text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
    view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      view.setInt16(44 + i * 2, Math.max(-1, Math.min(1, samples[i])) * 32767, true);
    }
    return new Blob([buffer], { type: "audio/wav" });
  }

  /** A builder routine's track: the clips and tones laid on its plan, as a WAV blob's URL. */
  function assemble(config) {
    return loadClips().then(function (set) {
      var rate = set.rate, context = new OfflineAudioContext(1, rate, rate);
      var s = config.settings;
      var steps = root.LimberTimer.buildPlan(config, { amount: 0, reps: 0, inhale: s.inhale, exhale: s.exhale });
      var sheet = cueSheet(config, steps), keys = {};
      sheet.forEach(function (cue) { (cue.say || []).forEach(function (key) { keys[key] = true; }); });
      return Promise.all(Object.keys(keys).map(function (key) {
        var data = key.charAt(0) === "n" ? set.names[key.slice(2)] : set.words[key.slice(2)];
        // A name the clip set lacks (a stretch newer than the build): its tones still mark it.
        if (!data) return [key, new Float32Array(0)];
        return decodeClip(context, data).then(function (clip) { return [key, clip]; });
      })).then(function (pairs) {
        var clips = { high: tone("high", rate), low: tone("low", rate) };
        pairs.forEach(function (pair) { clips[pair[0]] = pair[1]; });
        var placed = [], end = root.LimberTimer.totalSeconds(steps) * rate;
        sheet.forEach(function (cue) {
          var at = Math.round(cue.at * rate);
          (cue.tone ? [cue.tone] : cue.say).forEach(function (key) {
            placed.push([at, clips[key]]);
            at += clips[key].length + (cue.tone ? 0 : Math.round(CLIP_GAP * rate));
          });
          end = Math.max(end, at);
        });
        var track = new Float32Array(Math.ceil(end));
        placed.forEach(function (entry) {
          var at = entry[0], clip = entry[1];
          for (var i = 0; i < clip.length && at + i < track.length; i++) track[at + i] += clip[i];
        });
        return URL.createObjectURL(wav(track, rate));
      });
    });
  }

  /** On the builder page: a "Play as audio" block under the player, once it has a routine. */
  function startBuilder() {
    var builder = document.querySelector("[data-limber-builder]");
    var section = builder && builder.querySelector('[data-limber-timer="routine"]');
    if (!section || !section.limberTimer || builder.querySelector("[data-limber-audio]")) return;
    var block = el("div", { class: "limber-audio", "data-limber-audio": "" });
    section.parentNode.insertBefore(block, section.nextSibling);
    block.limberAudio = new AudioPlayer(block, section, { src: "", title: "", artwork: [] }, assemble);
    var watch = function () { block.hidden = section.hidden; };
    new MutationObserver(watch).observe(section, { attributes: true, attributeFilter: ["hidden"] });
    watch();
  }

  function start() {
    if (!root.LimberTimer) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-limber-audio]"), function (block) {
      var section = document.querySelector('[data-limber-timer="routine"]');
      if (block.limberAudio || !section || !section.limberTimer) return;
      var config = JSON.parse(block.querySelector("[data-limber-audio-config]").textContent);
      block.limberAudio = new AudioPlayer(block, section, config);
    });
    startBuilder();
  }

  core().cueSheet = cueSheet;
  core().assemble = assemble;
  // The builder mounts its player late; a new player's first step event comes from inside its
  // constructor, before the section holds it: look a moment later.
  document.addEventListener("limber:step", function () { setTimeout(startBuilder, 0); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(window);

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
 */
(function (root) {
  "use strict";

  var WORDS = { play: "Play as audio", stop: "Stop audio", label: "Routine audio",
    failed: "The audio could not be loaded here; the timer goes on without it." };
  var BACK_WITHIN = 2; // as the player's Back: early in a step, "previous" goes one step further
  var SYNC_MS = 250;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function AudioPlayer(block) {
    this.block = block;
    this.config = JSON.parse(block.querySelector("[data-limber-audio-config]").textContent);
    this.section = document.querySelector('[data-limber-timer="routine"]');
    this.timer = this.section && this.section.limberTimer;
    this.listeners = [];
    this.active = false;
    this.shownItem = -1;
    this.actions = {};
    var core = root.LimberTimer;
    var settings = this.timer.config.settings;
    // The track's plan: the shortest length at the default pace, as the build rendered it.
    this.steps = core.buildPlan(this.timer.config,
      { amount: 0, reps: 0, inhale: settings.inhale, exhale: settings.exhale });
    this.total = core.totalSeconds(this.steps);
    this.starts = [];
    var now = 0;
    for (var i = 0; i < this.steps.length; i++) { this.starts.push(now); now += this.steps[i].duration; }
    this.render();
    this.setUpSession();
  }

  AudioPlayer.prototype.on = function (target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
    return this;
  };

  AudioPlayer.prototype.render = function () {
    var self = this;
    var controls = el("div", { class: "limber-audio-controls" });
    this.button = controls.appendChild(el("button", { type: "button", class: "md-button" }, WORDS.play));
    this.audio = controls.appendChild(el("audio", { preload: "none", controls: "", "aria-label": WORDS.label }));
    this.audio.src = this.config.src;
    this.audio.hidden = true;
    this.status = controls.appendChild(el("p", { class: "limber-audio-status", role: "status" }));
    this.block.insertBefore(controls, this.block.firstChild);

    this.on(this.button, "click", function () {
      if (self.active) self.stop(); else self.play();
    });
    ["play", "pause", "seeked", "timeupdate", "ended"].forEach(function (type) {
      self.on(self.audio, type, function () { self.sync(); });
    });
    this.on(this.audio, "error", function () {
      if (!self.active) return;
      self.status.textContent = WORDS.failed;
      self.stop();
    });
    // The timer's buttons and keys act on the timer first (its listeners were added before
    // these: on the buttons themselves, and on the document earlier); then the audio follows.
    this.on(this.section, "click", function (event) {
      if (event.target.closest && event.target.closest(".lt-controls, .lt-list")) self.pull();
    });
    this.on(document, "keydown", function () { self.pull(); });
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

  /** Where the timer is, in seconds from the start of the plan. */
  AudioPlayer.prototype.timerPosition = function () {
    var st = this.timer.state;
    if (st.status === "idle") return 0;
    return this.starts[st.index] + Math.min(this.timer.elapsed(), this.steps[st.index].duration);
  };

  AudioPlayer.prototype.play = function () {
    var self = this, timer = this.timer;
    var from = timer.steps === this.steps ? this.timerPosition() : 0;
    this.active = true;
    root.LimberTimer.muted = true;
    this.status.textContent = "";
    this.audio.hidden = false;
    this.button.textContent = WORDS.stop;
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
    this.button.textContent = WORDS.play;
    return this;
  };

  /** The timer follows the track: same step, same time into it, running or paused with it. */
  AudioPlayer.prototype.sync = function () {
    if (!this.active) return;
    var audio = this.audio, timer = this.timer, t = audio.currentTime || 0;
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
    var st = this.timer.state, audio = this.audio;
    if (st.status === "idle") { // Reset
      audio.pause();
      audio.currentTime = 0;
      this.active = false;
      root.LimberTimer.muted = false;
      this.button.textContent = WORDS.play;
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
      var card = this.config.artwork[item];
      session.metadata = new root.MediaMetadata({
        title: this.timer.config.items[item].name,
        artist: this.config.title,
        album: "Limber",
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

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-limber-audio]"), function (block) {
      var section = document.querySelector('[data-limber-timer="routine"]');
      if (block.limberAudio || !root.LimberTimer || !section || !section.limberTimer) return;
      block.limberAudio = new AudioPlayer(block);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(window);

/* editions web page: read-along, chapters, speed, larger text, remembered position. No framework, nothing sent. */
(function () {
  "use strict";
  var audio = document.getElementById("player");
  if (!audio) { return; }
  var root = document.documentElement;
  var key = "editions-web:" + (audio.getAttribute("src") || "") + ":";
  function load(name) { try { return window.localStorage.getItem(name); } catch (e) { return null; } }
  function save(name, value) { try { window.localStorage.setItem(name, value); } catch (e) { /* private mode */ } }

  // every cue: its start (seconds) and the element it is read from, in time order
  var cues = [];
  Array.prototype.forEach.call(document.querySelectorAll(".cue[data-t]"), function (el) {
    el.getAttribute("data-t").split(" ").forEach(function (t) { cues.push({ t: parseFloat(t), el: el }); });
  });
  cues.sort(function (a, b) { return a.t - b.t; });

  function cueAt(t) {  // the last cue that has started (at a boundary, the later one)
    var lo = 0, hi = cues.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cues[mid].t <= t + 0.0005) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };
  var current = null, follow = true, ourScroll = 0;
  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < (window.innerHeight || root.clientHeight);
  }
  window.addEventListener("scroll", function () {
    if (Date.now() < ourScroll) { return; }
    follow = current ? inView(current) : true;  // scrolled away: stop following until it is back in view
  }, { passive: true });

  function highlight() {
    var started = audio.currentTime > 0 || !audio.paused;
    var i = started ? cueAt(audio.currentTime) : -1;
    if (i < 0 && started && cues.length) { i = 0; }
    var el = i >= 0 ? cues[i].el : null;
    if (el === current) { return; }
    if (current) { current.removeAttribute("aria-current"); }
    current = el;
    if (!el) { return; }
    el.setAttribute("aria-current", "true");
    if (follow && !audio.paused && !inView(el)) {
      ourScroll = Date.now() + 1000;
      el.scrollIntoView({ block: "center", behavior: reduce.matches ? "auto" : "smooth" });
    }
  }
  ["timeupdate", "seeked", "play", "pause"].forEach(function (ev) { audio.addEventListener(ev, highlight); });

  function playFrom(t) {
    audio.currentTime = t;
    follow = true;
    var p = audio.play();
    if (p && p.catch) { p.catch(function () { /* the reader's browser refused: the seek stands */ }); }
  }

  // sentences: focusable, click or Enter plays from there
  Array.prototype.forEach.call(document.querySelectorAll(".cue[data-t]"), function (el) {
    if (el.classList.contains("s")) { el.setAttribute("tabindex", "0"); }
    var t = parseFloat(el.getAttribute("data-t"));
    el.addEventListener("click", function () { playFrom(t); });
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); playFrom(t); }
    });
  });

  // chapters: a link seeks the audio (and still moves to the text)
  Array.prototype.forEach.call(document.querySelectorAll("a[data-seek]"), function (a) {
    a.addEventListener("click", function () {
      audio.currentTime = parseFloat(a.getAttribute("data-seek"));
      follow = true;
    });
  });

  // speed and larger text, shown only when this script runs
  var controls = document.getElementById("controls");
  if (controls) { controls.hidden = false; }
  var speed = document.getElementById("speed");
  if (speed) {
    var kept = load("editions-web:speed");
    if (kept && speed.querySelector('option[value="' + kept + '"]')) { speed.value = kept; }
    audio.playbackRate = parseFloat(speed.value) || 1;
    speed.addEventListener("change", function () {
      audio.playbackRate = parseFloat(speed.value) || 1;
      save("editions-web:speed", speed.value);
    });
    audio.addEventListener("loadedmetadata", function () { audio.playbackRate = parseFloat(speed.value) || 1; });
  }
  var larger = document.getElementById("larger");
  function setLarger(on) {
    root.classList.toggle("larger", on);
    if (larger) { larger.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  setLarger(load("editions-web:larger") === "1");
  if (larger) {
    larger.addEventListener("click", function () {
      var on = !root.classList.contains("larger");
      setLarger(on);
      save("editions-web:larger", on ? "1" : "0");
    });
  }

  // the listening position, kept in this browser only
  var lastSaved = 0;
  function keep() {
    if (Math.abs(audio.currentTime - lastSaved) >= 2 || audio.paused) {
      lastSaved = audio.currentTime;
      save(key + "position", String(audio.currentTime));
    }
  }
  audio.addEventListener("timeupdate", keep);
  audio.addEventListener("pause", keep);
  audio.addEventListener("ended", function () { save(key + "position", "0"); });
  function resume() {
    var at = parseFloat(load(key + "position") || "0");
    if (at > 1 && isFinite(audio.duration) && at < audio.duration - 2 && audio.currentTime === 0) {
      audio.currentTime = at;
    }
  }
  if (audio.readyState >= 1) { resume(); } else { audio.addEventListener("loadedmetadata", resume, { once: true }); }
}());

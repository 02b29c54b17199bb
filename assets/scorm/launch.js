/* Frontline SCORM 1.2 launch page (sco/<module>.html in a package built by frontline.dist.scorm).
 *
 * It finds the learning platform's API (ADL's discovery: up the window.parent chain, then the
 * opener's), shows the module page of the book, unchanged, in a full-size frame, and keeps one
 * session for as long as the learner stays in the module. It reports:
 *   cmi.core.lesson_status    "incomplete" once opened; "completed" once the learner has reached the
 *                             end of the page and answered every self-check on it (in any session)
 *   cmi.core.score.raw        0-100, once a self-check is answered: the share of the page's
 *                             self-checks answered correctly at the FIRST try (a later try does not
 *                             change it; unanswered ones count as not correct); min 0, max 100
 *   cmi.core.lesson_location  the id of the section the learner was reading, to resume there
 *   cmi.suspend_data          compact JSON: {"sc":{"<item>":1 or 0 (first try right),...},"end":1}
 *   cmi.core.exit             "suspend" unless completed, then ""
 *   cmi.core.session_time     HHHH:MM:SS.SS
 * and commits, then finishes, when the page goes away. With no API (outside a platform) it only
 * shows the page. The module page's self-checks announce themselves with the "fl-selfcheck" event
 * (assets/static/frontline.js); the frame is read only when it is of the same origin. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("fl-sco").textContent);
  var frame = document.getElementById("fl-sco-frame");
  var note = document.getElementById("fl-sco-note");
  var root = new URL("../", window.location.href);
  var page = new URL(config.page, window.location.href);

  // --- the platform's API ---------------------------------------------------------------------
  function apiOf(win) {
    try {
      return win.API || null;
    } catch (e) {
      return null; // a window of another origin
    }
  }

  function findAPI(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      var api = apiOf(win);
      if (api) {
        return api;
      }
      if (!win.parent || win.parent === win) {
        return null;
      }
      win = win.parent;
    }
    return null;
  }

  var api = findAPI(window);
  if (!api && window.opener) {
    api = findAPI(window.opener);
  }
  var live = false;
  try {
    live = !!api && String(api.LMSInitialize("")) === "true";
  } catch (e) {
    live = false;
  }

  function get(name) {
    return live ? String(api.LMSGetValue(name) || "") : "";
  }

  var review = get("cmi.core.lesson_mode") === "review"; // a platform's review: record nothing
  function set(name, value) {
    if (live && !review) {
      api.LMSSetValue(name, String(value));
    }
  }

  // --- what the learner has done ----------------------------------------------------------------
  var state = { sc: {}, end: 0 };
  try {
    var saved = JSON.parse(get("cmi.suspend_data") || "{}");
    if (saved && typeof saved.sc === "object" && saved.sc) {
      Object.keys(saved.sc).forEach(function (k) { state.sc[k] = saved.sc[k] ? 1 : 0; });
    }
    state.end = saved && saved.end ? 1 : 0;
  } catch (e) {
    state = { sc: {}, end: 0 };
  }
  var status = get("cmi.core.lesson_status");
  var completed = status === "completed" || status === "passed";
  var place = get("cmi.core.lesson_location");
  var items = null; // the self-checks of the module page, known once it has loaded
  var started = Date.now();
  var reported = "";
  var scored = false;

  if (live && !completed && status !== "failed") {
    set("cmi.core.lesson_status", get("cmi.core.lesson_mode") === "browse" ? "browsed" : "incomplete");
  }
  set("cmi.core.exit", completed ? "" : "suspend");
  if (live) {
    api.LMSCommit("");
  }

  function report(commit) {
    if (!live || review || items === null) {
      return;
    }
    var data = JSON.stringify(state);
    var answered = items.filter(function (i) { return i in state.sc; }).length;
    var right = items.filter(function (i) { return state.sc[i] === 1; }).length;
    if (!completed && state.end && answered === items.length) {
      completed = true;
      set("cmi.core.lesson_status", "completed");
      set("cmi.core.exit", "");
    }
    var now = data + "|" + right + "|" + completed;
    if (now === reported) {
      return;
    }
    reported = now;
    set("cmi.suspend_data", data);
    if (answered > 0) {
      if (!scored) {
        scored = true;
        set("cmi.core.score.min", "0");
        set("cmi.core.score.max", "100");
      }
      set("cmi.core.score.raw", String(Math.round((100 * right) / items.length)));
    }
    if (commit) {
      api.LMSCommit("");
    }
  }

  // --- where the learner is -----------------------------------------------------------------------
  function frameWindow() {
    try {
      var win = frame.contentWindow;
      return win && win.location.pathname === page.pathname ? win : null;
    } catch (e) {
      return null; // file:// or another origin: the page is shown, not read
    }
  }

  function top(el) {
    return el.getBoundingClientRect().top;
  }

  // The section being read: the last one whose start is in the top quarter of the view or above
  // it, kept while its start stays in that quarter (so a resumed place stays put); at the end of
  // the page, the last one in view.
  function whereNow(win, atEnd) {
    var doc = win.document;
    var sections = Array.prototype.slice.call(doc.querySelectorAll("article section[id]"));
    var edge = win.innerHeight / 4;
    var current = place ? doc.getElementById(place) : null;
    if (!atEnd && current && top(current) >= 0 && top(current) <= edge) {
      return place;
    }
    var found = "";
    sections.forEach(function (s) {
      if (top(s) <= (atEnd ? win.innerHeight - 1 : edge)) {
        found = s.id;
      }
    });
    return found;
  }

  function update() {
    var win = frameWindow();
    if (!win) {
      return;
    }
    var doc = win.document.documentElement;
    var atEnd = win.innerHeight + win.scrollY >= doc.scrollHeight - 8;
    var here = whereNow(win, atEnd);
    if (here && here !== place) {
      place = here;
      set("cmi.core.lesson_location", here);
    }
    if (atEnd && !state.end) {
      state.end = 1;
      report(true);
    }
  }

  var pending = null;
  function onScroll() {
    if (pending === null) {
      pending = window.setTimeout(function () { pending = null; update(); }, 150);
    }
  }

  function onSelfCheck(event) {
    var d = event.detail || {};
    if (d.item && !(d.item in state.sc)) {
      state.sc[d.item] = d.correct ? 1 : 0; // the first try is the one that counts
    }
    report(true);
  }

  // --- links that would leave the package -------------------------------------------------------
  var hideNote = null;
  function say(text) {
    note.textContent = text;
    note.hidden = false;
    window.clearTimeout(hideNote);
    hideNote = window.setTimeout(function () { note.hidden = true; }, 8000);
  }

  // Where a link or a form leads: null when it stays on the module page.
  function leave(href, event) {
    var url;
    try {
      url = new URL(href, event.target.ownerDocument.baseURI);
    } catch (e) {
      return;
    }
    if (!/^(https?|file):$/.test(url.protocol)) {
      return; // mailto:, tel:
    }
    if (url.origin === page.origin && url.pathname === page.pathname) {
      return; // a place on this page
    }
    event.preventDefault();
    if (url.origin !== root.origin) {
      window.open(url.href, "_blank", "noopener"); // another site: beside the course, not in it
      return;
    }
    var path = url.pathname.indexOf(root.pathname) === 0 ? url.pathname.slice(root.pathname.length) : "";
    path = decodeURIComponent(path);
    if (config.modules[path]) {
      say(config.modules[path] + " is another activity of this course: open it from the course page.");
    } else if (config.files.indexOf(path) >= 0) {
      window.open(url.href, "_blank"); // a printable card of this package
    } else {
      say("That page is in the full book, not in this course package.");
    }
  }

  function onClick(event) {
    var a = event.target.closest ? event.target.closest("a[href]") : null;
    if (a && !event.defaultPrevented) {
      leave(a.getAttribute("href"), event);
    }
  }

  function onSubmit(event) {
    var form = event.target;
    leave(form.getAttribute("action") || "", event);
  }

  // --- the frame ------------------------------------------------------------------------------------
  frame.addEventListener("load", function () {
    var win = frameWindow();
    if (!win) {
      return;
    }
    var doc = win.document;
    doc.addEventListener("click", onClick, true);
    doc.addEventListener("submit", onSubmit, true);
    items = Array.prototype.map.call(doc.querySelectorAll(".fl-selfcheck[data-item]"), function (s) {
      return s.getAttribute("data-item");
    });
    doc.addEventListener("fl-selfcheck", onSelfCheck);
    var target = place ? doc.getElementById(place) : null;
    if (target) {
      target.scrollIntoView({ block: "start", behavior: "instant" });
    }
    win.addEventListener("scroll", onScroll, { passive: true });
    win.addEventListener("resize", onScroll);
    win.addEventListener("pagehide", update); // the frame goes before this page does
    report(false);
    update();
  });

  var start = page.href;
  if (/^[A-Za-z][\w.:-]*$/.test(place)) {
    start += "#" + place;
  } else {
    place = "";
  }
  frame.src = start;

  // --- the end of the session ---------------------------------------------------------------------
  function timespan(ms) {
    var cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999);
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    return ("000" + h).slice(-4) + ":" + ("0" + m).slice(-2) + ":" + (s < 10 ? "0" : "") + s.toFixed(2);
  }

  var finished = false;
  function finish() {
    if (!live || finished) {
      return;
    }
    finished = true;
    try {
      update();
    } catch (e) {
      // the frame is already gone: what it last reported stands
    }
    report(false);
    set("cmi.core.exit", completed ? "" : "suspend");
    set("cmi.core.session_time", timespan(Date.now() - started));
    api.LMSCommit("");
    api.LMSFinish("");
  }

  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && live && !finished) {
      update();
      report(false);
      api.LMSCommit("");
    }
  });
})();

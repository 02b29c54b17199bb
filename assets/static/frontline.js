/* Frontline book: self-checks and exercises that work with no kernel and no network, and the
 * Jupyter widget manager, loaded from this book only when a learner asks for it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src : document.baseURI;
  var widgetKB = script ? script.getAttribute("data-widget-kb") : null;
  // The page's language's words, given by the build on this tag (frontline.content.interface);
  // English where it gives none.
  var strings = {};
  try {
    strings = JSON.parse((script && script.getAttribute("data-fl-strings")) || "{}");
  } catch (e) {
    strings = {};
  }
  function t(text, values) {
    var out = strings[text] || text;
    Object.keys(values || {}).forEach(function (k) { out = out.split("{" + k + "}").join(values[k]); });
    return out;
  }

  // From file:// (the unzipped book), the browser refuses the fetch() that Sphinx's search uses
  // to show a summary under each result; the results themselves come from searchindex.js, loaded
  // by a script tag, which works. Show them without summaries rather than with errors.
  // (DOCUMENTATION_OPTIONS is a global `const`, so it is not a property of window.)
  if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS === "object") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; // eslint-disable-line no-undef
  }

  function vendor(name) {
    return new URL("vendor/" + name, base).href;
  }

  function say(el, status, text) {
    el.textContent = "";
    if (status) {
      var strong = document.createElement("strong");
      strong.textContent = status + " ";
      el.appendChild(strong);
    }
    el.appendChild(document.createTextNode(text));
  }

  function setupSelfCheck(section) {
    var button = section.querySelector(".fl-check");
    var feedback = section.querySelector(".fl-feedback");
    button.hidden = false;
    button.addEventListener("click", function () {
      var chosen = section.querySelector("input[type=radio]:checked");
      section.classList.remove("fl-right", "fl-wrong");
      if (!chosen) {
        say(feedback, "", t("Choose an answer first."));
        return;
      }
      var right = chosen.getAttribute("data-correct") === "true";
      section.classList.add(right ? "fl-right" : "fl-wrong");
      var why = section.querySelector('.fl-answer li[data-option="' + chosen.value + '"] .fl-why');
      say(feedback, right ? t("Correct.") : t("Not correct."), why ? why.textContent : "");
      // For whoever embeds the page (a SCORM launch page records progress); nothing here listens.
      document.dispatchEvent(new CustomEvent("fl-selfcheck", {
        detail: { item: section.getAttribute("data-item"), correct: right }
      }));
    });
  }

  function setupExercise(box) {
    var button = box.querySelector(".fl-check");
    var summary = box.querySelector(".fl-summary");
    button.hidden = false;
    button.addEventListener("click", function () {
      var facts = box.querySelectorAll(".fl-fact");
      var right = 0;
      facts.forEach(function (li) {
        var select = li.querySelector("select");
        var out = li.querySelector(".fl-result");
        li.classList.remove("fl-right", "fl-wrong");
        if (!select.value) {
          say(out, "", t("Not answered yet."));
        } else if (select.value === li.getAttribute("data-answer")) {
          right += 1;
          li.classList.add("fl-right");
          say(out, t("Right."), li.getAttribute("data-why"));
        } else {
          li.classList.add("fl-wrong");
          say(out, t("Not quite."), li.getAttribute("data-why"));
        }
      });
      say(summary, "", t("{right} of {total} facts sorted as suggested.", { right: right, total: facts.length }));
    });
  }

  function loadScript(src, attrs) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      Object.keys(attrs || {}).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  var loading = null;
  function loadWidgets() {
    var buttons = document.querySelectorAll(".fl-load-widgets");
    if (!loading) {
      buttons.forEach(function (b) { b.disabled = true; b.textContent = t("Loading the widget version..."); });
      loading = loadWidgetState()
        .then(function () { return loadScript(vendor("require.js")); })
        .then(function () {
          return loadScript(vendor("embed-amd.js"), { "data-jupyter-widgets-cdn": vendor("") });
        })
        .then(function () {
          buttons.forEach(function (b) { b.remove(); });
        })
        .catch(function () {
          buttons.forEach(function (b) { b.disabled = false; b.textContent = t("Could not load. Try again"); });
          loading = null;
        });
    }
    return loading;
  }

  // The page's saved widget state lives in its own script, fetched with the widget manager: the
  // manager reads it from a widget-state script tag, which this adds to the page.
  function stateMeta() {
    return document.querySelector('meta[name="fl-widget-state"]');
  }

  function loadWidgetState() {
    return loadScript(stateMeta().getAttribute("content")).then(function () {
      var tag = document.createElement("script");
      tag.type = "application/vnd.jupyter.widget-state+json";
      tag.textContent = JSON.stringify(window.flWidgetState);
      document.body.appendChild(tag);
    });
  }

  function setupWidgetSlots() {
    if (!stateMeta()) return;
    var stateKB = parseInt(stateMeta().getAttribute("data-kb") || "0", 10);
    document.querySelectorAll(".fl-widget-slot").forEach(function (slot) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fl-load-widgets";
      var kb = (parseInt(widgetKB || "0", 10) || 0) + stateKB;
      b.textContent = t("Show the Jupyter widget version") + (kb ? " " + t("({kb} KB download)", { kb: kb }) : "");
      b.addEventListener("click", loadWidgets);
      var note = document.createElement("p");
      note.className = "fl-widget-note";
      note.textContent = t("Optional. The exercise above works as it is. The widget version looks as it does " +
        "in Jupyter; its Check button works only when the notebook runs in Jupyter.");
      slot.insertBefore(note, slot.firstChild);
      slot.insertBefore(b, note);
    });
  }

  // On paper there is nothing to click. A trainer's copy (the default, and what the browser's own
  // Print command gives) prints the answers open; a learner's copy leaves them out altogether.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    if (document.documentElement.getAttribute("data-fl-print") === "learner") {
      return;
    }
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.fl-answer"), function (d) {
      return !d.open;
    });
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
    document.documentElement.removeAttribute("data-fl-print");
  });

  function printCopy(kind) {
    document.documentElement.setAttribute("data-fl-print", kind);
    window.print();
  }

  // Pages with self-checks or exercises offer both copies, above the first of them.
  function setupPrintChoice() {
    var first = document.querySelector(".fl-selfcheck, .fl-exercise");
    if (!first) {
      return;
    }
    var box = document.createElement("div");
    box.className = "fl-print-choice";
    var label = document.createElement("p");
    label.textContent = t("Print this page:");
    box.appendChild(label);
    [["learner", "Learner's copy (no answers)"], ["trainer", "Trainer's copy (answers shown)"]].forEach(function (c) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fl-print fl-print-" + c[0];
      b.textContent = t(c[1]);
      b.addEventListener("click", function () { printCopy(c[0]); });
      box.appendChild(b);
    });
    var article = document.querySelector("article") || document.body;
    var heading = article.querySelector("h1");
    if (heading && heading.parentNode) {
      heading.parentNode.insertBefore(box, heading.nextSibling);
    } else {
      article.insertBefore(box, article.firstChild);
    }
  }

  // Over http(s), the service worker at the book's root caches the whole book on the first visit;
  // once it has, each page says so. Nothing is shown where there is no service worker (file://).
  function setupOffline() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var sw = navigator.serviceWorker;
    sw.addEventListener("message", function (e) {
      if (!e.data || e.data.type !== "fl-offline-status" || !e.data.ready) return;
      var p = document.querySelector(".fl-offline") || document.createElement("p");
      p.className = "fl-offline";
      p.setAttribute("role", "status");
      p.textContent = t("Available offline: {mb} MB", { mb: (e.data.bytes / 1048576).toFixed(1) });
      (document.querySelector("article") || document.body).appendChild(p);
    });
    sw.startMessages();
    sw.register(new URL("../sw.js", base).href).then(function () { return sw.ready; }).then(function (reg) {
      reg.active.postMessage({ type: "fl-offline-status" });
    }).catch(function () {});
  }

  function init() {
    document.querySelectorAll(".fl-selfcheck").forEach(setupSelfCheck);
    document.querySelectorAll(".fl-exercise").forEach(setupExercise);
    setupWidgetSlots();
    setupPrintChoice();
    setupOffline();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

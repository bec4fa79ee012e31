/* Warn shortly before the session ends, and let the person stay signed in.
 *
 * The server says how many seconds are left: on the page (the dialog's data-seconds-left) and
 * after every htmx request (the X-Session-Seconds-Left header; autosave counts as activity).
 * "Stay signed in" posts to the keep-alive route; without this script the form still works and
 * the page says when the session ends (templates/base.html). */
(function () {
  "use strict";

  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;

  function dialog() {
    return document.getElementById("session-warning");
  }

  function showMessage(box, name) {
    box.querySelectorAll("[data-session-message]").forEach(function (message) {
      message.hidden = message.getAttribute("data-session-message") !== name;
    });
    var keepAlive = box.querySelector("[data-session-keep-alive]");
    if (keepAlive) {
      keepAlive.hidden = name !== "idle";
    }
  }

  function open(name) {
    var box = dialog();
    if (!box) {
      return;
    }
    showMessage(box, name);
    if (!box.open) {
      returnFocus = document.activeElement;
      box.showModal();
    }
  }

  // Another tab may have kept the session going: ask (without it counting as activity) before warning.
  function askThen(act) {
    var box = dialog();
    if (!window.fetch || !box) {
      act(null);
      return;
    }
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(act, function () { act(null); });
  }

  function schedule(secondsLeft, isFinal) {
    var box = dialog();
    if (!box || !isFinite(secondsLeft)) {
      return;
    }
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    if (box.open) {
      box.close();
    }
    var warnBefore = Number(box.getAttribute("data-warning-seconds")) || 0;
    warnTimer = setTimeout(function () {
      askThen(function (answer) {
        if (answer && answer.seconds_left > warnBefore + 1) {
          schedule(answer.seconds_left, answer.final);
        } else {
          open(isFinal ? "final" : "idle");
        }
      });
    }, Math.max(0, secondsLeft - warnBefore) * 1000);
    // A second late rather than early: never "signed out" while the server still keeps the session.
    endTimer = setTimeout(function () {
      askThen(function (answer) {
        if (answer && answer.seconds_left > 0) {
          schedule(answer.seconds_left, answer.final);
        } else {
          open("ended");
        }
      });
    }, (secondsLeft + 1) * 1000);
  }

  function scheduleFromPage() {
    var box = dialog();
    if (box) {
      schedule(Number(box.getAttribute("data-seconds-left")), box.getAttribute("data-final") === "1");
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-session-keep-alive]") || !window.fetch) {
      return;
    }
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && answer.seconds_left > 0) {
        schedule(answer.seconds_left, answer.final);
      } else {
        open("ended");
      }
    }, function () {
      open("ended");
    });
  });

  document.addEventListener("close", function (event) {
    if (event.target === dialog() && returnFocus && document.contains(returnFocus)) {
      returnFocus.focus();
    }
  }, true);

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var left = xhr && xhr.getResponseHeader("X-Session-Seconds-Left");
    if (left) {
      schedule(Number(left), xhr.getResponseHeader("X-Session-Final") === "1");
    }
  });

  // A boosted page brings a new dialog; read its time (the request's header set the same).
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target === document.body) {
      scheduleFromPage();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scheduleFromPage);
  } else {
    scheduleFromPage();
  }
})();

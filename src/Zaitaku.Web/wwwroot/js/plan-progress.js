/*
 * Zaitaku console: follows a rotation plan while the planner solves it. The plan page marks its
 * progress box with data-plan-status="/tasks/plans/{id}/status"; this polls that small JSON
 * status each second, shows the best plan so far against the proven bound, and reloads the page
 * when the solve has ended. Without this file the page refreshes itself (noscript meta refresh).
 */
(function () {
  "use strict";

  function number(n) {
    return Number(n).toLocaleString("ja-JP");
  }

  function start() {
    var box = document.querySelector("[data-plan-status]");
    if (!box) {
      return;
    }
    var url = box.getAttribute("data-plan-status");
    var bar = box.querySelector("progress");

    function set(name, text) {
      box.querySelectorAll("[data-plan-field='" + name + "']").forEach(function (el) {
        el.textContent = text;
      });
    }

    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) {
            window.setTimeout(poll, 3000);
            return;
          }
          if (status.state !== "solving") {
            window.location.reload();
            return;
          }
          set("queued", status.queued ? box.getAttribute("data-queued-text") : "");
          set("elapsed", status.elapsedSeconds.toFixed(1));
          set("homeDays", number(status.homeDays));
          set("bound", status.bound > 0 ? number(status.bound) : "—");
          set("gap", status.bound > 0 ? ((status.bound - status.homeDays) * 100 / status.bound).toFixed(2) + "%" : "—");
          if (bar) {
            bar.max = status.timeLimitSeconds;
            bar.value = Math.min(status.elapsedSeconds, status.timeLimitSeconds);
          }
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }

    window.setTimeout(poll, 500);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

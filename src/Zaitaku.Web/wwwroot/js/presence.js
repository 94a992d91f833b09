/*
 * Zaitaku presence board (在席状況): live updates over SignalR (window.signalR from
 * lib/signalr/signalr.min.js). The page is complete without this file; it only keeps it current.
 *
 *   [data-presence-board]           the board; data-section = section id, data-hub = hub path
 *   [data-presence-staff="id"]      one staff member's row; data-state, data-fallback, data-until
 *     [data-presence-chip]          the state chip (class chip--<state>, text = label)
 *     [data-presence-since]         since when (HH:mm)
 *     [data-presence-note]          the manual state's note and expiry
 *     [data-presence-today]         today's place: home / office / none
 *   [data-presence-count="state"]   the number of rows in a state ("home", "office" count today's place)
 *   [data-presence-status]          live / reconnecting / offline, for people and for tests
 *   <script type="application/json" id="presence-labels">  state code → { label, chip }, in the page's language
 */
(function () {
  "use strict";

  function start() {
    var board = document.querySelector("[data-presence-board]");
    if (!board || !window.signalR) {
      return;
    }
    var labels = JSON.parse(document.getElementById("presence-labels").textContent);
    var status = board.querySelector("[data-presence-status]");
    var timers = {};

    function setStatus(state) {
      if (status) {
        status.setAttribute("data-presence-status", state);
        status.textContent = labels["$" + state] || state;
      }
    }

    function showState(row, code) {
      var chip = row.querySelector("[data-presence-chip]");
      var label = labels[code] || { label: code, chip: "chip--off" };
      row.setAttribute("data-state", code);
      if (chip) {
        chip.className = "chip " + label.chip;
        chip.textContent = label.label;
      }
    }

    function recount() {
      board.querySelectorAll("[data-presence-count]").forEach(function (cell) {
        var key = cell.getAttribute("data-presence-count");
        var selector = key === "home" || key === "office" || key === "none"
          ? "[data-presence-staff][data-today='" + key + "']"
          : "[data-presence-staff][data-state='" + key + "']";
        cell.textContent = board.querySelectorAll(selector).length.toLocaleString("ja-JP");
      });
    }

    // A manual state falls back to the workday's state when it expires.
    function scheduleExpiry(row) {
      var id = row.getAttribute("data-presence-staff");
      window.clearTimeout(timers[id]);
      var until = row.getAttribute("data-until");
      if (!until) {
        return;
      }
      var wait = Date.parse(until) - Date.now();
      timers[id] = window.setTimeout(function () {
        row.removeAttribute("data-until");
        showState(row, row.getAttribute("data-fallback"));
        var note = row.querySelector("[data-presence-note]");
        if (note) {
          note.textContent = "";
        }
        recount();
      }, Math.max(0, wait));
    }

    function apply(message) {
      var row = board.querySelector("[data-presence-staff='" + message.staffId + "']");
      if (!row) {
        return;
      }
      row.setAttribute("data-fallback", message.fallback);
      row.setAttribute("data-today", message.today);
      if (message.until) {
        row.setAttribute("data-until", message.until);
      } else {
        row.removeAttribute("data-until");
      }
      showState(row, message.state);
      var since = row.querySelector("[data-presence-since]");
      if (since) {
        since.textContent = message.since || "";
      }
      var note = row.querySelector("[data-presence-note]");
      if (note) {
        note.textContent = message.until
          ? (message.note ? message.note + " " : "") + (labels.$until || "").replace("{0}", new Date(message.until).toLocaleTimeString("ja-JP", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Tokyo" }))
          : "";
      }
      var today = row.querySelector("[data-presence-today]");
      if (today) {
        today.textContent = labels["$today-" + message.today] || "";
      }
      scheduleExpiry(row);
      recount();
    }

    board.querySelectorAll("[data-presence-staff]").forEach(scheduleExpiry);

    var connection = new window.signalR.HubConnectionBuilder()
      .withUrl(board.getAttribute("data-hub"))
      .withAutomaticReconnect()
      .configureLogging(window.signalR.LogLevel.Warning)
      .build();
    connection.on("presence", apply);

    function watch() {
      return connection.invoke("Watch", board.getAttribute("data-section")).then(function (ok) {
        setStatus(ok ? "live" : "offline");
      });
    }

    connection.onreconnecting(function () { setStatus("reconnecting"); });
    // Changes made while disconnected were missed: the server-rendered page is the truth.
    connection.onreconnected(function () { window.location.reload(); });
    connection.onclose(function () { setStatus("offline"); });
    connection.start().then(watch).catch(function () { setStatus("offline"); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

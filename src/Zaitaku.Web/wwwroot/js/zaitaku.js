/*
 * Zaitaku console: small progressive enhancements. Every page works without this file;
 * the server validates everything again. No framework, no inline script needed (CSP-friendly).
 *
 *   data-confirm="message"        on a button, link or form: asks before a dangerous action.
 *   data-select-all="group"       on a checkbox: checks or clears every data-select-group="group".
 *   data-selected-count="group"   its text becomes the number of checked boxes in the group.
 *   data-requires-selection="group"  a button disabled while nothing in the group is checked.
 *   data-chart="json-id"          on a <canvas>: draws a Chart.js chart from the JSON in
 *                                 <script type="application/json" id="json-id">, in token colours.
 *
 * Blazor's enhanced navigation swaps page content without a load event, so clicks are
 * delegated from the document and new content is picked up by a MutationObserver.
 */
(function () {
  "use strict";

  // ---- confirm before dangerous actions

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-confirm]") : null;
    if (!target || target.tagName === "FORM") {
      return;
    }
    if (target.matches(":disabled, [aria-disabled='true']")) {
      event.preventDefault();
      return;
    }
    if (!window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Capture phase, so a cancelled submit never reaches Blazor's form handling.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
      return;
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // ---- select all (bulk approval tables)

  function groupMembers(group) {
    return Array.prototype.filter.call(
      document.querySelectorAll("input[type='checkbox'][data-select-group]"),
      function (box) { return box.getAttribute("data-select-group") === group && !box.disabled; });
  }

  function groupElements(attribute, group) {
    return Array.prototype.filter.call(
      document.querySelectorAll("[" + attribute + "]"),
      function (el) { return el.getAttribute(attribute) === group; });
  }

  function refreshGroup(group) {
    var members = groupMembers(group);
    var checked = members.filter(function (box) { return box.checked; }).length;
    groupElements("data-select-all", group).forEach(function (all) {
      all.checked = members.length > 0 && checked === members.length;
      all.indeterminate = checked > 0 && checked < members.length;
    });
    groupElements("data-selected-count", group).forEach(function (el) {
      el.textContent = checked.toLocaleString("ja-JP");
    });
    groupElements("data-requires-selection", group).forEach(function (button) {
      button.disabled = checked === 0;
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") {
      return;
    }
    var all = box.getAttribute("data-select-all");
    if (all !== null) {
      groupMembers(all).forEach(function (member) { member.checked = box.checked; });
      refreshGroup(all);
      return;
    }
    var group = box.getAttribute("data-select-group");
    if (group !== null) {
      refreshGroup(group);
    }
  });

  function refreshAllGroups(root) {
    var groups = {};
    root.querySelectorAll("[data-select-all], [data-select-group]").forEach(function (el) {
      groups[el.getAttribute("data-select-all") || el.getAttribute("data-select-group")] = true;
    });
    Object.keys(groups).forEach(refreshGroup);
  }

  // ---- charts in the design tokens' colours

  function token(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  // Distinct hues that stay apart for common colour-vision deficiencies, darkest first.
  function palette() {
    return [
      token("--color-primitive-blue-900", "#0017c1"),
      token("--color-primitive-orange-600", "#fb5b01"),
      token("--color-primitive-green-700", "#1d8b56"),
      token("--color-primitive-purple-700", "#6f23d0"),
      token("--color-primitive-cyan-900", "#006f83"),
      token("--color-neutral-solid-gray-536", "#767676"),
      token("--color-primitive-magenta-800", "#aa00aa"),
      token("--color-primitive-yellow-700", "#b78f00")
    ];
  }

  function applyChartDefaults(Chart) {
    if (Chart.__zaitakuDefaults) {
      return;
    }
    Chart.__zaitakuDefaults = true;
    Chart.defaults.font.family = token("--zt-font-family", "sans-serif");
    Chart.defaults.font.size = 14;
    Chart.defaults.color = token("--color-neutral-solid-gray-800", "#333333");
    Chart.defaults.borderColor = token("--color-neutral-solid-gray-200", "#cccccc");
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.responsive = true;
    Chart.defaults.plugins.legend.labels.boxWidth = 14;
    Chart.defaults.plugins.tooltip.backgroundColor = token("--color-neutral-solid-gray-900", "#1a1a1a");
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      Chart.defaults.animation = false;
    }
  }

  function colourDatasets(config) {
    var colours = palette();
    var single = config.data.datasets.length === 1 && (config.type === "pie" || config.type === "doughnut");
    config.data.datasets.forEach(function (dataset, index) {
      if (single && dataset.backgroundColor === undefined) {
        dataset.backgroundColor = dataset.data.map(function (_, i) { return colours[i % colours.length]; });
        dataset.borderColor = token("--color-neutral-white", "#ffffff");
        return;
      }
      var colour = colours[index % colours.length];
      if (dataset.backgroundColor === undefined) {
        dataset.backgroundColor = colour;
      }
      if (dataset.borderColor === undefined) {
        dataset.borderColor = colour;
      }
    });
  }

  function drawCharts(root) {
    var Chart = window.Chart;
    if (!Chart) {
      return;
    }
    applyChartDefaults(Chart);
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (Chart.getChart(canvas)) {
        return;
      }
      var source = document.getElementById(canvas.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var config = JSON.parse(source.textContent);
      colourDatasets(config);
      new Chart(canvas, config);
    });
  }

  // ---- start, and pick up content that enhanced navigation brings in

  function enhance(root) {
    refreshAllGroups(root);
    drawCharts(root);
  }

  function start() {
    enhance(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) {
        return;
      }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        enhance(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  window.Zaitaku = { palette: palette, drawCharts: drawCharts };
})();

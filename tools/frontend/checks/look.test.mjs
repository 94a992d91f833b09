// Checks of the console's look that a reviewer would otherwise do by eye or by hand.
// Run: node --test tools/frontend/checks/   (the page checks need /usr/bin/chromium, or $CHROMIUM)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { withPage } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = join(here, "..");
const wwwroot = join(frontend, "..", "..", "src", "Zaitaku.Web", "wwwroot");
const styleguide = pathToFileURL(join(wwwroot, "styleguide.html")).href;
const probeSource = readFileSync(join(here, "page-probe.js"), "utf8");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const noBrowser = !existsSync(chromium) && `no browser at ${chromium}`;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function styleguidePage(size, use) {
  return withPage(chromium, styleguide, size, async (page) => {
    await page.evaluate(probeSource);
    return use(page);
  });
}

// ---- files

// SignalR's client names these documentation pages in its error messages; they are never fetched.
const documentationLinks = new Set(["https://aka.ms/signalr-core-differences", "https://learn.microsoft.com/aspnet/core/signalr/javascript-client#bsleep"]);

test("OwnAssets_ReferenceNoExternalUrl", () => {
  const offenders = filesUnder(wwwroot)
    .filter((f) => /\.(css|js|html)$/.test(f))
    .flatMap((f) => {
      // Vendored files keep their licence banners (/*! ... */), which name the projects' sites.
      const text = readFileSync(f, "utf8").replace(/\/\*![\s\S]*?\*\//g, "");
      return (text.match(/\b(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"')]*/gi) ?? [])
        .filter((url) => !documentationLinks.has(url))
        .map((url) => `${relative(wwwroot, f)}: ${url}`);
    });
  assert.deepEqual(offenders, []);
});

test("VendoredFiles_MatchRecordedChecksums", () => {
  const lib = join(wwwroot, "lib");
  const lines = readFileSync(join(lib, "SHA256SUMS"), "utf8").trim().split("\n");
  assert.ok(lines.length >= 5, "SHA256SUMS lists every copied file");
  for (const line of lines) {
    const [sum, name] = line.split(/\s+/);
    const actual = createHash("sha256").update(readFileSync(join(lib, name))).digest("hex");
    assert.equal(actual, sum, `${name} differs from what build.sh copied; run tools/frontend/build.sh`);
  }
});

test("LibReadme_NamesThePinnedVersions", () => {
  const pinned = JSON.parse(readFileSync(join(frontend, "package.json"), "utf8")).dependencies;
  const readme = readFileSync(join(wwwroot, "lib", "README.md"), "utf8");
  for (const [name, version] of Object.entries(pinned)) {
    const row = readme.split("\n").find((line) => line.includes(`\`${name}\``));
    assert.ok(row, `lib/README.md has a row for ${name}`);
    assert.ok(row.includes(`| ${version} |`), `lib/README.md names ${name} ${version}: ${row}`);
  }
});

test("VendoredFiles_AreThePinnedPackagesFiles", { skip: !existsSync(join(frontend, "node_modules")) && "npm ci not run" }, () => {
  const pairs = [
    ["node_modules/@digital-go-jp/design-tokens/dist/tokens.css", "lib/design-tokens/tokens.css"],
    ["node_modules/chart.js/dist/chart.umd.min.js", "lib/chartjs/chart.umd.min.js"],
    ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "lib/signalr/signalr.min.js"],
  ];
  for (const [from, to] of pairs) {
    assert.ok(readFileSync(join(frontend, from)).equals(readFileSync(join(wwwroot, to))), `${to} differs from ${from}`);
  }
});

test("Stylesheet_UsesOnlyCustomPropertiesThatExist", () => {
  const tokens = new Set(readFileSync(join(wwwroot, "lib", "design-tokens", "tokens.css"), "utf8").match(/--[a-z0-9-]+(?=:)/g));
  const css = readFileSync(join(wwwroot, "css", "zaitaku.css"), "utf8");
  const own = new Set(css.match(/--[a-z0-9_-]+(?=:)/g));
  const used = [...new Set(css.match(/var\(--[a-z0-9_-]+/g).map((v) => v.slice(4)))];
  assert.deepEqual(used.filter((name) => !tokens.has(name) && !own.has(name)), []);
});

test("Stylesheet_HasNoRawColourOutsideTokens", () => {
  // Colours come from the tokens; only the print stylesheet's pt/mm units and white/black keywords are raw.
  const css = readFileSync(join(wwwroot, "css", "zaitaku.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  assert.deepEqual(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [], []);
});

// ---- the style guide in a browser

test("StyleGuide_EveryTextMeetsContrastMinimum", { skip: noBrowser }, async () => {
  const texts = await styleguidePage({ width: 1280, height: 900 }, (page) => page.evaluate("zaitakuProbe.texts()"));
  assert.ok(texts.length > 200, `the probe measured ${texts.length} texts`);
  const failing = texts.filter((t) => t.ratio < t.needed).map((t) => `${t.what}: ${t.ratio.toFixed(2)} < ${t.needed}`);
  assert.deepEqual(failing, []);
});

test("StyleGuide_TabbingThroughThePage_EveryStopShowsTheFocusRing", { skip: noBrowser }, async () => {
  const stops = await styleguidePage({ width: 1280, height: 900 }, async (page) => {
    const seen = [];
    for (let i = 0; i < 300; i++) {
      await page.press("Tab", "Tab", 9);
      const stop = await page.evaluate("zaitakuProbe.focused()");
      if (!stop || (seen.length > 0 && stop.what === seen[0].what)) {
        break;
      }
      seen.push(stop);
    }
    return seen;
  });
  assert.equal(stops[0]?.what, "a.skip-link \"本文へ移動\"", "the first Tab reaches the skip link");
  assert.ok(stops.length > 60, `Tab visited ${stops.length} elements`);
  const failing = stops.filter((s) => !(s.outline && s.ring)).map((s) => `${s.what}: outline=${s.outline} ring=${s.ring}`);
  assert.deepEqual(failing, []);
});

for (const width of [1024, 360]) {
  test(`StyleGuide_At${width}px_PageDoesNotScrollSideways`, { skip: noBrowser }, async () => {
    const { viewport, scrollWidth } = await styleguidePage({ width, height: 900 }, (page) => page.evaluate("zaitakuProbe.overflow()"));
    assert.equal(viewport, width);
    assert.ok(scrollWidth <= width, `the page is ${scrollWidth}px wide in a ${width}px window`);
  });
}

test("StyleGuide_At1024px_NavigationStaysBesideTheContent", { skip: noBrowser }, async () => {
  const layout = await styleguidePage({ width: 1024, height: 900 }, (page) => page.evaluate(`(() => {
    const nav = document.querySelector(".app-nav").getBoundingClientRect();
    const main = document.querySelector(".app-main").getBoundingClientRect();
    return { navRight: nav.right, mainLeft: main.left, mainTop: main.top, navTop: nav.top };
  })()`));
  assert.ok(layout.mainLeft >= layout.navRight, "main starts right of the navigation");
  assert.equal(layout.mainTop, layout.navTop);
});

// ---- zaitaku.js

test("SelectAll_Clicked_ChecksEveryRowAndCountsThem", { skip: noBrowser }, async () => {
  const after = await styleguidePage({ width: 1280, height: 900 }, (page) => page.evaluate(`(() => {
    const state = () => ({
      count: document.querySelector('[data-selected-count="approvals"]').textContent,
      checked: [...document.querySelectorAll('[data-select-group="approvals"]')].filter((b) => b.checked).length,
      all: document.querySelector('[data-select-all="approvals"]').checked,
      mixed: document.querySelector('[data-select-all="approvals"]').indeterminate,
      disabled: document.querySelector('[data-requires-selection="approvals"]').disabled,
    });
    const initial = state();
    document.querySelector('[data-select-all="approvals"]').click();
    const allOn = state();
    document.querySelector('[data-select-all="approvals"]').click();
    const allOff = state();
    document.querySelector('[data-select-group="approvals"]').click();
    const one = state();
    return { initial, allOn, allOff, one };
  })()`));
  // The page starts with one of four requests ticked.
  assert.deepEqual(after.initial, { count: "1", checked: 1, all: false, mixed: true, disabled: false });
  assert.deepEqual(after.allOn, { count: "4", checked: 4, all: true, mixed: false, disabled: false });
  assert.deepEqual(after.allOff, { count: "0", checked: 0, all: false, mixed: false, disabled: true });
  assert.deepEqual(after.one, { count: "1", checked: 1, all: false, mixed: true, disabled: false });
});

test("DataConfirm_Declined_CancelsTheActionAndShowsTheMessage", { skip: noBrowser }, async () => {
  const outcome = await styleguidePage({ width: 1280, height: 900 }, (page) => page.evaluate(`(() => {
    const asked = [];
    window.confirm = (message) => { asked.push(message); return asked.length > 1; };
    const button = document.querySelector("button.button--danger[data-confirm]");
    const declined = new MouseEvent("click", { bubbles: true, cancelable: true });
    button.dispatchEvent(declined);
    const accepted = new MouseEvent("click", { bubbles: true, cancelable: true });
    button.dispatchEvent(accepted);
    return { asked, declinedCancelled: declined.defaultPrevented, acceptedCancelled: accepted.defaultPrevented };
  })()`));
  assert.equal(outcome.asked.length, 2);
  assert.match(outcome.asked[0], /ZT-PC-0042 の証明書を失効させます/);
  assert.equal(outcome.declinedCancelled, true);
  assert.equal(outcome.acceptedCancelled, false);
});

test("DataChart_OnLoad_DrawsInTokenColours", { skip: noBrowser }, async () => {
  const chart = await styleguidePage({ width: 1280, height: 900 }, (page) => page.evaluate(`(() => {
    const instance = Chart.getChart(document.querySelector("canvas[data-chart]"));
    const token = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return instance && {
      colours: instance.data.datasets.map((d) => d.backgroundColor),
      expected: [token("--color-primitive-blue-900"), token("--color-primitive-orange-600")],
      font: Chart.defaults.font.family,
      height: document.querySelector("canvas[data-chart]").getBoundingClientRect().height,
    };
  })()`));
  assert.ok(chart, "Chart.js drew the chart");
  assert.deepEqual(chart.colours, chart.expected);
  assert.match(chart.font, /^"Noto Sans JP"/);
  assert.ok(chart.height > 200, `the canvas is ${chart.height}px high`);
});

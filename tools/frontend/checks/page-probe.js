/*
 * Evaluated in the style guide by look.test.mjs (through the DevTools protocol). Measures what a
 * reviewer would: text contrast against the painted background, the focus indicator of the
 * element that keyboard focus is on, and page-level horizontal overflow.
 */
(function () {
  "use strict";

  function parse(colour) {
    var m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) {
      return null;
    }
    var parts = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }

  function over(top, bottom) {
    var a = top.a + bottom.a * (1 - top.a);
    function mix(k) { return a === 0 ? 0 : (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a; }
    return { r: mix("r"), g: mix("g"), b: mix("b"), a: a };
  }

  function luminance(c) {
    function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }

  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // The colour painted behind an element: its own and its ancestors' backgrounds, composited on white.
  function backgroundOf(el, ownStyle) {
    var layers = [];
    if (ownStyle) {
      layers.push(parse(ownStyle.backgroundColor));
    }
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      var c = parse(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a === 1) {
          break;
        }
      }
    }
    var result = { r: 255, g: 255, b: 255, a: 1 };
    for (var i = layers.length - 1; i >= 0; i--) {
      if (layers[i] && layers[i].a > 0) {
        result = over(layers[i], result);
      }
    }
    return result;
  }

  function visible(el) {
    if (!el.getClientRects().length) {
      return false;
    }
    if (el.closest(".visually-hidden, [hidden]")) {
      return false;
    }
    // Content of a closed <details> is not painted, whatever its boxes say.
    var closed = el.closest("details:not([open])");
    if (closed && !el.closest("summary")) {
      return false;
    }
    var s = getComputedStyle(el);
    return s.visibility === "visible" && parseFloat(s.opacity) > 0;
  }

  // WCAG 1.4.3 exempts inactive controls.
  function inactive(el) {
    return !!el.closest(":disabled, [aria-disabled='true']") ||
      !!(el.closest("label") && el.closest("label").querySelector(":disabled"));
  }

  function large(style) {
    var size = parseFloat(style.fontSize);
    return size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
  }

  function describe(el) {
    var text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " \"" + text + "\"";
  }

  function texts() {
    var texts = [];
    document.querySelectorAll("body *").forEach(function (el) {
      if (el.tagName === "SCRIPT" || el.tagName === "STYLE" || !visible(el) || inactive(el)) {
        return;
      }
      var style = getComputedStyle(el);
      var ownText = Array.prototype.some.call(el.childNodes, function (n) {
        return n.nodeType === 3 && n.textContent.trim() !== "";
      });
      var isField = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !/^(checkbox|radio|file)$/.test(el.type);
      if (ownText || (isField && (el.value || "").trim() !== "")) {
        var bg = backgroundOf(el);
        var fg = over(parse(style.color), bg);
        texts.push({ what: describe(el), ratio: ratio(fg, bg), needed: large(style) ? 3 : 4.5 });
      }
      // Icons drawn as generated text (alert marks, the error "！").
      ["::before", "::after"].forEach(function (pseudo) {
        var ps = getComputedStyle(el, pseudo);
        if (!/^"[^"]+"$/.test(ps.content)) {
          return;
        }
        var pbg = backgroundOf(el, ps);
        var pfg = over(parse(ps.color), pbg);
        texts.push({ what: describe(el) + " " + pseudo + " " + ps.content, ratio: ratio(pfg, pbg), needed: large(ps) ? 3 : 4.5 });
      });
    });
    return texts;
  }

  // The element keyboard focus is on, and whether the design system's indicator is drawn.
  function focused() {
    var el = document.activeElement;
    if (!el || el === document.body) {
      return null;
    }
    var s = getComputedStyle(el);
    return {
      what: describe(el),
      focusVisible: el.matches(":focus-visible"),
      outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 ? s.outlineWidth + " " + s.outlineColor : null,
      ring: s.boxShadow !== "none" ? s.boxShadow : null
    };
  }

  function overflow() {
    return { viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth };
  }

  window.zaitakuProbe = { texts: texts, focused: focused, overflow: overflow };
})();

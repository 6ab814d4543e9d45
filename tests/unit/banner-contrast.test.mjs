// The banner's colours, read from its stylesheet in extension/banner.js: every text colour
// on its background must meet WCAG AA for normal text (4.5:1), in both themes and at every
// level, so a new colour that fails is caught here rather than by a user.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../../extension/banner.js", import.meta.url), "utf8");

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Rules such as `.box.major_outage { --fg: #5c0a05; --bg: #ffe0de; … }` (text and background).
const rules = [...source.matchAll(/((?::host\(\[data-theme=dark\]\) )?\.box(?:\.\w+)?) \{[^}]*?--fg: (#[0-9a-f]{6}); --bg: (#[0-9a-f]{6})/g)]
  .map(([, selector, fg, bg]) => ({ selector, fg, bg }));

test("the banner stylesheet has a colour pair per level and theme", () => {
  // default (degraded) + partial, major, maintenance, resolved, in light and dark
  assert.equal(rules.length, 10, rules.map((r) => r.selector).join("\n"));
});

for (const { selector, fg, bg } of rules) {
  test(`${selector}: ${fg} on ${bg} meets WCAG AA`, () => {
    const ratio = contrast(fg, bg);
    assert.ok(ratio >= 4.5, `contrast ${ratio.toFixed(2)}:1`);
  });
}

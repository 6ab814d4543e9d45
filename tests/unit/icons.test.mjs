// The toolbar icon follows the badge (background.js `iconFor`): every level the core can put
// on the badge must have its drawn icon in both sizes, or setIcon would fail at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";

const ext = new URL("../../extension/", import.meta.url);
const background = readFileSync(new URL("background.js", ext), "utf8");
const levels = JSON.parse(/const LEVEL_ICONS = (\[[^\]]*\])/.exec(background)?.[1] ?? "null");
// The core's level names (src/model/level.rs, serde snake_case).
const core = readFileSync(new URL("../../src/model/level.rs", import.meta.url), "utf8");

test("every problem level and 'unknown' has a toolbar icon", () => {
  assert.deepEqual(levels, ["degraded", "partial_outage", "major_outage", "maintenance", "unknown"]);
  for (const level of levels) {
    assert.match(core, new RegExp(level.replace(/_(\w)/g, (_, c) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase())));
    for (const size of [16, 32]) assert.ok(existsSync(new URL(`icons/${level}-${size}.png`, ext)), `${level}-${size}.png`);
  }
});

test("the icons are PNGs of the right size", () => {
  for (const level of levels) {
    for (const size of [16, 32]) {
      const png = readFileSync(new URL(`icons/${level}-${size}.png`, ext));
      assert.equal(png.subarray(1, 4).toString(), "PNG");
      assert.equal(png.readUInt32BE(16), size);
      assert.equal(png.readUInt32BE(20), size);
    }
  }
});

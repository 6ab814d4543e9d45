// Sizes of the built dist/, checked by `make test-sizes` after `make`: guardrails against
// bloat, not targets. The wasm (≤ 280 KB gzip), the content scripts together (≤ 40 KB raw)
// and each package zip (≤ 450 KB) have the guardrails in bench/sizes.mjs; every other
// measured file (the glue, the background and popup scripts) is held by its ceiling in
// tests/size-ceilings.json, set well above its size (about 1.5-2×) so that only real
// growth trips it. A file past its limit fails, and so does a file with no limit at all.
import { readFileSync } from "node:fs";
import { measure, table } from "../bench/sizes.mjs";

const ceilings = JSON.parse(readFileSync(new URL("size-ceilings.json", import.meta.url), "utf8"));
const rows = measure();
console.log(table(rows));

const unit = (limit) => (limit.gzip ? "gzip -9" : "raw");
let failed = false;
if (!rows.some((r) => r.label.startsWith("content script") && r.budget)) {
  console.error("no content-script row with its guardrail: what the manifest injects was not measured");
  failed = true;
}
for (const r of rows) {
  if (r.budget && !r.ok) {
    console.error(`past its size guardrail: ${r.label}: ${r.measured} B > ${r.budget.bytes} B (${unit(r.budget)})`);
    failed = true;
  }
  if (r.budget) continue;
  const ceiling = ceilings[r.label.replace(/-\d+\.\d+\.\d+-/, "-")];
  if (ceiling === undefined) {
    console.error(`no guardrail and no ceiling in tests/size-ceilings.json: ${r.label}`);
    failed = true;
    continue;
  }
  const size = ceiling.gzip ? r.gzip : r.raw;
  if (size > ceiling.bytes) {
    console.error(`size grew past its ceiling: ${r.label}: ${size} B > ${ceiling.bytes} B (${unit(ceiling)})`);
    failed = true;
  }
}
if (!failed) console.log("every file is within its size guardrail or ceiling");
process.exit(failed ? 1 : 0);

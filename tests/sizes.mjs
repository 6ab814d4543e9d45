// The size budgets of issue 9, asserted on the built dist/ (run by `make test` after `make`).
// Sizes are exact, so they are asserted; timings are only measured, by `make bench`.
import { measure, table } from "../bench/sizes.mjs";

const rows = measure();
console.log(table(rows));
const over = rows.filter((r) => r.budget && !r.ok);
if (over.length) {
  for (const r of over) {
    console.error(`size budget exceeded: ${r.label}: ${r.measured} B > ${r.budget.bytes} B (${r.budget.gzip ? "gzip -9" : "raw"})`);
  }
  process.exit(1);
}
console.log("all size budgets met");

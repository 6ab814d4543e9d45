// Runs `web-ext lint` on the Firefox package and fails on any error or warning.
// web-ext exits 0 on warnings, so the JSON summary is what decides.
import { execFileSync } from "node:child_process";

const dir = process.argv[2] ?? "dist/firefox";
let out;
try {
  out = execFileSync("web-ext", ["lint", "--source-dir", dir, "--output", "json", "--no-config-discovery"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
} catch (e) {
  out = e.stdout; // web-ext exits non-zero on errors; the JSON still says which
}
const report = JSON.parse(out);
const { errors, warnings, notices } = report.summary;
for (const kind of ["errors", "warnings", "notices"]) {
  for (const m of report[kind] ?? []) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ""} ${m.message}`);
}
console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 && warnings === 0 ? 0 : 1);

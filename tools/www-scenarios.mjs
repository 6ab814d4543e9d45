// Copies the fixtures that www/scenarios.json names into the site, so the simulator's
// built-in scenarios ship with it (the site never reads tests/ at run time).
// Usage: node tools/www-scenarios.mjs www/scenarios.json tests/fixtures dist/www/scenarios
// Fails on a missing file, a path leaving the fixtures folder, or a file that is not JSON.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [list, from, to] = process.argv.slice(2);
if (!to) {
  console.error("usage: www-scenarios.mjs SCENARIOS_JSON FIXTURES_DIR OUT_DIR");
  process.exit(2);
}
const { scenarios } = JSON.parse(readFileSync(list, "utf8"));
const files = new Set(scenarios.flatMap((s) => s.files));
for (const file of files) {
  const source = path.resolve(from, file);
  if (!source.startsWith(path.resolve(from) + path.sep)) throw new Error(`${file} is outside ${from}`);
  JSON.parse(readFileSync(source, "utf8"));
  const target = path.join(to, file);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
}
console.log(`${files.size} scenario files in ${to}`);

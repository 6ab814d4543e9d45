// What the extension costs to download and to inject: the sizes of the built files, with
// their guardrails. Used by `make bench` (bench/run.mjs) and asserted by `make test`
// (tests/sizes.mjs). Sizes are exact, so unlike timings they can be asserted.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;

/**
 * Guardrails in bytes, against bloat; not targets to build down to. `gzip: true` limits the
 * gzip -9 size, otherwise the raw size. The wasm and each package are what a user downloads;
 * the content scripts are what every chatgpt.com page load reads and parses (they ship
 * unminified: the limit leaves room for translations). Every other file is held by a
 * ceiling in tests/size-ceilings.json. Rows keep the field name `budget` for bench/run.mjs.
 */
export const BUDGETS = {
  // Not the 160 KB first asked for: on the standard stack (serde derives, serde_json,
  // serde_with, serde-wasm-bindgen, time, httpdate) the core is about 239 KB gzip at
  // opt-level "z" with the history and languages features, and most of that is the crates'
  // own code (BENCHMARKS.md, "Size"); getting under 160 KB would take hand-written JSON
  // again. The guardrail sits about 15 % above what ships, so that growth is noticed.
  wasm: { bytes: 280 * KB, gzip: true },
  // 32 KB until the languages issue: l10n.js (matching the page's language to a shipped
  // locale, chrome.i18n's substitution, Intl formats and plurals) is about 8 KB of it, and
  // the translations themselves come from the background, not with every page.
  content: { bytes: 40 * KB, gzip: false },
  zip: { bytes: 450 * KB, gzip: false },
};

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function file(label, p, budget) {
  const buf = readFileSync(p);
  return { label, path: path.relative(root, p), raw: buf.length, gzip: gz(buf), budget };
}

/** Every measured item of the built `dist/` (throws if it isn't built). */
export function measure(dist = path.join(root, "dist")) {
  const chrome = path.join(dist, "chrome");
  if (!existsSync(path.join(chrome, "manifest.json"))) throw new Error(`${chrome} is not built (run make)`);
  const manifest = JSON.parse(readFileSync(path.join(chrome, "manifest.json"), "utf8"));
  const rows = [];
  const pkg = path.join(chrome, "pkg");
  for (const name of readdirSync(pkg).sort()) {
    if (name.endsWith("_bg.wasm")) rows.push(file("wasm (core)", path.join(pkg, name), BUDGETS.wasm));
    else if (name.endsWith(".js")) rows.push(file("JS glue (wasm-bindgen)", path.join(pkg, name)));
  }
  const bg = manifest.background?.service_worker ?? manifest.background?.scripts?.[0] ?? "background.js";
  rows.push(file("background script", path.join(chrome, bg)));
  const popupHtml = readFileSync(path.join(chrome, "popup.html"), "utf8");
  for (const src of [...popupHtml.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])) {
    rows.push(file(`popup script ${src}`, path.join(chrome, src)));
  }
  // Everything the manifest injects into chatgpt.com, together: that is what each page load pays.
  const injected = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  const content = injected.map((js) => readFileSync(path.join(chrome, js)));
  const all = Buffer.concat(content);
  rows.push({
    label: `content script (${injected.join(" + ")})`,
    path: injected.map((js) => `dist/chrome/${js}`).join(", "),
    raw: all.length,
    gzip: gz(all),
    budget: BUDGETS.content,
  });
  // The packages; not the source zip for store reviewers, which no user downloads.
  for (const name of readdirSync(dist).filter((n) => n.endsWith(".zip") && !n.endsWith("-source.zip")).sort()) {
    const p = path.join(dist, name);
    rows.push({ label: `zip ${name}`, path: path.relative(root, p), raw: statSync(p).size, gzip: null, budget: BUDGETS.zip });
  }
  for (const row of rows) {
    if (row.budget) row.measured = row.budget.gzip ? row.gzip : row.raw;
    if (row.budget) row.ok = row.measured <= row.budget.bytes;
  }
  return rows;
}

const kb = (n) => (n == null ? "" : `${(n / KB).toFixed(1)} KB`);

/** A Markdown table of `measure()`'s rows. */
export function table(rows) {
  const lines = ["| file | raw | gzip -9 | guardrail | within |", "|---|---:|---:|---:|:---:|"];
  for (const r of rows) {
    const budget = r.budget ? `≤ ${kb(r.budget.bytes)} ${r.budget.gzip ? "gzip" : "raw"}` : "";
    const within = r.budget ? (r.ok ? "yes" : `**NO** (+${kb(r.measured - r.budget.bytes)})`) : "";
    lines.push(`| ${r.label} | ${r.raw.toLocaleString("en")} B | ${r.gzip == null ? "" : `${r.gzip.toLocaleString("en")} B`} | ${budget} | ${within} |`);
  }
  return lines.join("\n");
}

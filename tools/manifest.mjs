#!/usr/bin/env node
// Turns the one manifest source (extension/manifest.json) into a browser's manifest.
// Why: Chrome and Firefox disagree on a few keys (a service worker vs an event page,
// gecko settings), and keeping two hand-written manifests lets them drift apart.
// The version comes from Cargo.toml so the crate, the manifests and the zips never disagree.
//
// usage: node tools/manifest.mjs <chrome|firefox> <out-file>
import { readFileSync, writeFileSync } from "node:fs";

const [browser, out] = process.argv.slice(2);
if (!["chrome", "firefox"].includes(browser) || !out) {
  console.error("usage: node tools/manifest.mjs <chrome|firefox> <out-file>");
  process.exit(2);
}

const source = JSON.parse(readFileSync(new URL("../extension/manifest.json", import.meta.url)));
const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) {
  console.error("manifest: no version in Cargo.toml");
  process.exit(1);
}

const manifest = { ...source, version };
if (browser === "chrome") {
  // Chrome runs MV3 backgrounds only as service workers and rejects unknown gecko keys.
  manifest.background = { service_worker: "background.js", type: "module" };
  delete manifest.browser_specific_settings;
} else {
  // Firefox has its own minimum (browser_specific_settings) and warns on Chrome's key.
  delete manifest.minimum_chrome_version;
  // Firefox runs MV3 backgrounds as event pages; web-ext lint warns on service_worker.
  manifest.background = { scripts: ["background.js"], type: "module" };
}
writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");

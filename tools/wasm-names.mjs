#!/usr/bin/env node
// Applies the mapping `wasm-opt --minify-imports-and-exports-and-modules` prints to
// wasm-bindgen's glue, so the glue and the renamed wasm agree again.
//
// Why: wasm-bindgen names every import after the JS it calls plus a 16-digit hash
// (`__wbg_getReader_fadcafe607253a67`), and the closures' exports after their full Rust
// types (200 characters and more). Those names are 1.5 KB of the wasm's gzip size
// (issue 9), and hashes don't compress. Minified, the wasm's interface is `a.a`, `a.b`…
// The public functions keep their names in the glue (`export function check`): only the
// glue's own references into the wasm change.
//
// The rewrite refuses rather than guesses: each import must be exactly one key of the
// glue's import object, the module exactly one, and every `wasm.<name>` the glue uses must
// be in the mapping. A wasm-bindgen upgrade that changes the glue's shape fails the build
// here, not in a browser.
//
// usage: node tools/wasm-names.mjs <mapping.json> <glue.js>
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `glue` with the mapping's new names; throws where the glue isn't what it expects. */
export function renameGlue(glue, mapping) {
  const { imports, exports } = mapping;
  if (!Array.isArray(imports) || !Array.isArray(exports)) throw new Error("wasm-names: not a wasm-opt mapping");
  let out = glue;
  const modules = new Set(imports.map(([module]) => module));
  for (const [, old, now] of imports) {
    // A key of the import object: `old: function(...)`.
    const key = new RegExp(`(?<![\\w$.])${escape(old)}(?=\\s*:)`, "g");
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-names: import ${old} is ${found} keys of the glue, not 1`);
    out = out.replace(key, JSON.stringify(now));
  }
  // The minified module is named `a`; the mapping gives only the old module names.
  for (const module of modules) {
    const key = new RegExp(`${escape(JSON.stringify(module))}(?=\\s*:)`, "g");
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-names: module ${module} is ${found} keys of the glue, not 1`);
    out = out.replace(key, '"a"');
  }
  const renamed = new Map(exports);
  out = out.replace(/(?<![\w$.])wasm\.([\w$]+)/g, (_, name) => {
    const now = renamed.get(name);
    if (now === undefined) throw new Error(`wasm-names: the glue uses wasm.${name}, which the mapping lacks`);
    return `wasm.${now}`;
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mappingFile, glueFile] = process.argv.slice(2);
  if (!glueFile) {
    console.error("usage: node tools/wasm-names.mjs <mapping.json> <glue.js>");
    process.exit(2);
  }
  const mapping = JSON.parse(readFileSync(mappingFile, "utf8"));
  writeFileSync(glueFile, renameGlue(readFileSync(glueFile, "utf8"), mapping));
}

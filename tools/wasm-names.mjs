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
// glue's import object, the module exactly one, every `wasm.<name>` the glue uses must be
// in the mapping, and the result is checked against the renamed wasm itself (its import
// module, its imports and its exports, as `WebAssembly.Module` reads them). A wasm-bindgen upgrade that changes the glue's shape fails the build
// here, not in a browser.
//
// usage: node tools/wasm-names.mjs <mapping.json> <glue.js> <renamed.wasm>
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `glue` with the mapping's new names; throws where the glue isn't what it expects.
 * `wasm` (the renamed module's `{imports, exports}` as `WebAssembly.Module` lists them)
 * names the new import module and is checked against: every import the wasm asks for
 * must be a key the glue now provides, every `wasm.<name>` the glue uses an export.
 */
export function renameGlue(glue, mapping, wasm) {
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
  // The mapping gives only the old module names; the new one is read from the wasm.
  const newModules = new Set(wasm.imports.map((i) => i.module));
  if (modules.size !== 1 || newModules.size !== 1) {
    throw new Error(`wasm-names: expected one import module, the mapping has ${modules.size}, the wasm ${newModules.size}`);
  }
  const [newModule] = newModules;
  for (const module of modules) {
    const key = new RegExp(`${escape(JSON.stringify(module))}(?=\\s*:)`, "g");
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-names: module ${module} is ${found} keys of the glue, not 1`);
    out = out.replace(key, JSON.stringify(newModule));
  }
  const provided = new Set(imports.map(([, , now]) => now));
  for (const { name } of wasm.imports) {
    if (!provided.has(name)) throw new Error(`wasm-names: the wasm imports ${name}, which the glue does not provide`);
  }
  const renamed = new Map(exports);
  const exported = new Set(wasm.exports.map((e) => e.name));
  out = out.replace(/(?<![\w$.])wasm\.([\w$]+)/g, (_, name) => {
    const now = renamed.get(name);
    if (now === undefined) throw new Error(`wasm-names: the glue uses wasm.${name}, which the mapping lacks`);
    if (!exported.has(now)) throw new Error(`wasm-names: wasm.${name} is mapped to ${now}, which the wasm does not export`);
    return `wasm.${now}`;
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mappingFile, glueFile, wasmFile] = process.argv.slice(2);
  if (!wasmFile) {
    console.error("usage: node tools/wasm-names.mjs <mapping.json> <glue.js> <renamed.wasm>");
    process.exit(2);
  }
  const mapping = JSON.parse(readFileSync(mappingFile, "utf8"));
  const module = new WebAssembly.Module(readFileSync(wasmFile));
  const wasm = { imports: WebAssembly.Module.imports(module), exports: WebAssembly.Module.exports(module) };
  writeFileSync(glueFile, renameGlue(readFileSync(glueFile, "utf8"), mapping, wasm));
}

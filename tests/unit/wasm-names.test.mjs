// tools/wasm-names.mjs: the glue gets the minified wasm's names, and refuses a glue whose
// shape it doesn't know (rather than build a package that fails to load in the browser).
import { test } from "node:test";
import assert from "node:assert/strict";
import { renameGlue } from "../../tools/wasm-names.mjs";

const glue = `
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) { return Error(arg0); },
        __wbg_get_556f1c9a5c587e8c: function(arg0) { return arg0.get_556; },
    };
    return { __proto__: null, "./outage_radar_bg.js": import0 };
}
export function check(a) { return wasm.check(a, wasm.__wbindgen_malloc); }
function finish(instance) { wasm = instance.exports; wasm.__wbindgen_start(); }
`;
const mapping = {
  imports: [
    ["./outage_radar_bg.js", "__wbg_Error_208446807d0d1e30", "A"],
    ["./outage_radar_bg.js", "__wbg_get_556f1c9a5c587e8c", "B"],
  ],
  exports: [["check", "_"], ["__wbindgen_malloc", "la"], ["__wbindgen_start", "ta"]],
};
// The renamed wasm, as WebAssembly.Module.imports / exports list it.
const wasm = {
  imports: [{ module: "a", name: "A", kind: "function" }, { module: "a", name: "B", kind: "function" }],
  exports: [{ name: "_", kind: "function" }, { name: "la", kind: "function" }, { name: "ta", kind: "function" }],
};

test("imports, the module and the glue's uses of exports get the new names", () => {
  const out = renameGlue(glue, mapping, wasm);
  assert.match(out, /"A": function\(arg0, arg1\)/);
  assert.match(out, /"B": function\(arg0\) \{ return arg0\.get_556; \}/);
  assert.match(out, /"a": import0/);
  assert.match(out, /export function check\(a\) \{ return wasm\._\(a, wasm\.la\); \}/);
  assert.match(out, /wasm\.ta\(\)/);
  assert.doesNotMatch(out, /__wbg_Error|__wbg_get_556|outage_radar_bg|wasm\.check|wasm\.__/);
});

test("a glue that doesn't match the mapping is refused", () => {
  const lacking = { ...mapping, exports: mapping.exports.slice(1) };
  assert.throws(() => renameGlue(glue, lacking, wasm), /wasm\.check/);
  const unknownImport = { ...mapping, imports: [...mapping.imports, ["./outage_radar_bg.js", "__wbg_gone_0000", "C"]] };
  assert.throws(() => renameGlue(glue, unknownImport, wasm), /__wbg_gone_0000 is 0 keys/);
  assert.throws(() => renameGlue(glue, {}, wasm), /not a wasm-opt mapping/);
});

test("the result is checked against the renamed wasm itself", () => {
  // The module name comes from the wasm, not from an assumption.
  const other = { ...wasm, imports: wasm.imports.map((i) => ({ ...i, module: "env" })) };
  assert.match(renameGlue(glue, mapping, other), /"env": import0/);
  const extraImport = { ...wasm, imports: [...wasm.imports, { module: "a", name: "C", kind: "function" }] };
  assert.throws(() => renameGlue(glue, mapping, extraImport), /imports C, which the glue does not provide/);
  const noStart = { ...wasm, exports: wasm.exports.filter((e) => e.name !== "ta") };
  assert.throws(() => renameGlue(glue, mapping, noStart), /mapped to ta, which the wasm does not export/);
});

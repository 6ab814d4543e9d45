// tools/minify.mjs, which minifies the built packages: the CSS squeeze keeps what CSS reads
// (strings, combinators, spaced values), classic scripts and modules are told apart, and a
// module keeps its imports and exports. The built result itself is exercised by every
// browser test (they load dist/), and its size by `make test-sizes`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classicScripts, minifySource, squeezeCss, squeezeMarkedCss } from "../../tools/minify.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("squeezeCss drops comments and needless spaces, keeps strings and meaningful spaces", () => {
  const css = `
    /* a comment with a quote: it's "here" */
    :host([data-placement="page"]) .box  >  a ,  .x :hover {
      font: 14px/1.4 system-ui, "Segoe  UI", sans-serif;
      width: min(640px, calc(100vw - 24px));
      border: 1px solid rgb(0 0 0 / 0.15);
      content: 'a ; b { }';
    }
  `;
  assert.equal(
    squeezeCss(css),
    `:host([data-placement="page"]) .box>a,.x :hover{font:14px/1.4 system-ui,"Segoe  UI",sans-serif;` +
      `width:min(640px,calc(100vw - 24px));border:1px solid rgb(0 0 0 / 0.15);content:'a ; b { }'}`,
  );
});

test("squeezeMarkedCss squeezes only marked templates, and refuses ones it can't read safely", () => {
  const source = "const A = /* css */ `\n  .a { color: red; }\n`;\nconst B = `\n  .b { color: red; }\n`;";
  assert.equal(squeezeMarkedCss(source), 'const A = ".a{color:red}";\nconst B = `\n  .b { color: red; }\n`;');
  assert.throws(() => squeezeMarkedCss("const A = /* css */ `.a { width: ${w}px }`;"), /plain text/);
  assert.throws(() => squeezeMarkedCss("const A = /* css */ `.a::before { content: '\\2014' }`;"), /plain text/);
});

test("the banner's stylesheet is marked, so the shipped banner carries it squeezed", async () => {
  const source = readFileSync(path.join(root, "extension/banner.js"), "utf8");
  const out = await minifySource(source, { module: false, file: "banner.js" });
  assert.match(out, /":host\{all:initial;display:block\}/);
  assert.doesNotMatch(out, /\/\*|\n {4}/, "no comments, no indentation left");
});

test("classicScripts: the manifest's content scripts and non-module <script>s; the rest are modules", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "minify-test-"));
  try {
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ content_scripts: [{ js: ["banner.js", "content.js"] }] }));
    writeFileSync(path.join(dir, "page.html"), '<script src="classic.js"></script><script type="module" src="app.js"></script>');
    assert.deepEqual([...classicScripts(dir)].sort(), ["banner.js", "classic.js", "content.js"]);
  } finally {
    rmSync(dir, { recursive: true });
  }
  assert.deepEqual([...classicScripts(path.join(root, "www"))], ["banner.js"]);
});

test("a module keeps its imports and exports; a classic script gets no module syntax", async () => {
  const mod = await minifySource(
    'import init, { decide } from "./pkg/core.js";\nexport function render(verdict) {\n  return decide(verdict) ?? init();\n}\n',
    { module: true },
  );
  assert.match(mod, /^import \w+,\{decide as \w+\}from"\.\/pkg\/core\.js";/);
  assert.match(mod, /export\{\w+ as render\}|export function render/);
  const classic = await minifySource('(() => {\n  "use strict";\n  const longName = 1;\n  globalThis.x = longName;\n})();\n', { module: false });
  assert.doesNotMatch(classic, /\b(import|export)\b/);
  assert.match(classic, /"use strict"/, "a classic script keeps its strict mode");
});

#!/usr/bin/env node
// Minifies the shell's JavaScript in a built directory (dist/chrome, dist/firefox, dist/www),
// in place. Why: the content scripts run on every chatgpt.com page load and issue 9 holds
// them to 8 KB; the readable sources stay in extension/ and `make` rebuilds the package from
// them. No source maps are shipped.
//
// Which files are classic scripts (no module syntax, no top-level mangling) is read from the
// directory itself: the manifest's content scripts and any <script> without type="module"
// in its HTML pages. Every other .js file is an ES module, wasm-bindgen's glue in pkg/
// included (31 KB readable, a third of that minified).
//
// CSS kept in a JS template literal (the banner's stylesheet, which must live inside its
// closed shadow root) is marked `/* css */` in the source: its comments and needless
// whitespace go too. Terser can't do that, as it never looks inside strings.
//
// usage: node tools/minify.mjs <dir>
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

/** Squeezes a stylesheet: drops comments and the whitespace CSS doesn't need; keeps strings. */
export function squeezeCss(css) {
  const squeeze = (text) =>
    text.replace(/\s+/g, " ").replace(/ ?([{};,>]) ?/g, "$1").replace(/: /g, ":").replace(/;}/g, "}");
  const parts = [];
  let text = "";
  // Comments (which may hold quotes) and strings, read in one pass, left to right.
  for (const [token, string] of css.matchAll(/\/\*[\s\S]*?\*\/|("[^"]*"|'[^']*')|[^"'/]+|[\s\S]/g)) {
    if (string) {
      parts.push(squeeze(text), string);
      text = "";
    } else {
      text += token.startsWith("/*") ? " " : token;
    }
  }
  parts.push(squeeze(text));
  return parts.join("").trim();
}

/** Replaces each `/* css *\/` template literal's text in `source` with its squeezed form. */
export function squeezeMarkedCss(source, file = "source") {
  return source.replace(/\/\* css \*\/\s*`([^`]*)`/g, (_, css) => {
    if (css.includes("${") || css.includes("\\")) {
      throw new Error(`${file}: a /* css */ template must be plain text (no \${…}, no backslashes)`);
    }
    return JSON.stringify(squeezeCss(css));
  });
}

/** Terser's settings for one file: `module` for ES modules, else a classic script. */
export function terserOptions(module) {
  return {
    module,
    ecma: 2022,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
    sourceMap: false,
  };
}

/** Minifies one file's source. */
export async function minifySource(source, { module, file = "source" }) {
  let out;
  try {
    out = await minify(squeezeMarkedCss(source, file), terserOptions(module));
  } catch (err) {
    throw new Error(`${file}${err.line ? `:${err.line}:${err.col}` : ""}: ${err.message}`);
  }
  if (typeof out.code !== "string") throw new Error(`${file}: terser returned nothing`);
  return out.code;
}

/** The .js files a directory loads as classic scripts (relative paths). */
export function classicScripts(dir) {
  const classic = new Set();
  const manifest = path.join(dir, "manifest.json");
  if (existsSync(manifest)) {
    for (const cs of JSON.parse(readFileSync(manifest, "utf8")).content_scripts ?? []) {
      for (const js of cs.js ?? []) classic.add(path.normalize(js));
    }
  }
  for (const html of readdirSync(dir).filter((n) => n.endsWith(".html"))) {
    for (const [tag, src] of readFileSync(path.join(dir, html), "utf8").matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
      if (!/\btype="module"/.test(tag)) classic.add(path.normalize(src));
    }
  }
  return classic;
}

function jsFiles(dir, rel = "") {
  const found = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      found.push(...jsFiles(dir, p));
    } else if (entry.name.endsWith(".js")) {
      found.push(p);
    }
  }
  return found.sort();
}

async function main(dir) {
  if (!dir || !existsSync(dir)) {
    console.error("usage: node tools/minify.mjs <dir>");
    process.exit(2);
  }
  const classic = classicScripts(dir);
  for (const rel of jsFiles(dir)) {
    const file = path.join(dir, rel);
    const source = readFileSync(file, "utf8");
    writeFileSync(file, await minifySource(source, { module: !classic.has(rel), file }));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((err) => {
    console.error(`minify: ${err.message}`);
    process.exit(1);
  });
}

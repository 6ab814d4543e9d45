// Least privilege, checked on the built manifests of both browsers (no browser needed):
// exactly the permissions the extension needs, other sites only as optional permissions
// (asked for on the user's click), no remote code, no eval, a strict CSP, and no shipped
// script that builds HTML from strings or evaluates code.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { root } from "./mock.mjs";

const REQUIRED = ["alarms", "notifications", "storage"];
const HOSTS = ["https://status.openai.com/*"];
const CONTENT_MATCHES = ["https://chat.openai.com/*", "https://chatgpt.com/*"];
// Sites the user may grant from the options page, one click each.
const OPTIONAL_HOSTS = ["https://platform.openai.com/*", "https://sora.chatgpt.com/*", "https://sora.com/*"];
// Registering the banner's script on a granted optional site needs `scripting`; it is asked
// for on the same click, never at install.
const OPTIONAL_PERMISSIONS = ["scripting"];
// Every top-level key the manifests may have: a new one (web_accessible_resources,
// externally_connectable, declarative_net_request…) widens what the extension exposes or
// can do, and must be reviewed here.
const KEYS = [
  "manifest_version", "name", "short_name", "description", "version", "default_locale", "homepage_url", "icons",
  "permissions", "host_permissions", "optional_permissions", "optional_host_permissions", "background",
  "content_scripts", "action", "options_ui", "content_security_policy", "browser_specific_settings",
  "minimum_chrome_version",
];

const sorted = (list) => [...(list ?? [])].sort();

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

for (const browser of ["chrome", "firefox"]) {
  describe(`permissions: ${browser}`, () => {
    const dist = path.join(root, "dist", browser);
    const manifestPath = path.join(dist, "manifest.json");
    assert.ok(existsSync(manifestPath), `${manifestPath} is built (run make)`);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

    test("asks for exactly storage, alarms and notifications", () => {
      assert.deepEqual(sorted(manifest.permissions), REQUIRED);
    });

    test("host access: status.openai.com only", () => {
      assert.deepEqual(sorted(manifest.host_permissions), HOSTS);
    });

    test("content scripts on chatgpt.com and chat.openai.com only, top frame", () => {
      const matches = new Set();
      for (const script of manifest.content_scripts ?? []) {
        for (const m of script.matches) matches.add(m);
        assert.equal(script.all_frames ?? false, false);
        assert.equal(script.match_about_blank ?? false, false);
        assert.equal(script.exclude_matches, undefined);
        assert.equal(script.world ?? "ISOLATED", "ISOLATED", "never in the page's own world");
      }
      assert.deepEqual(sorted(matches), CONTENT_MATCHES);
    });

    test("other sites only as optional permissions", () => {
      for (const host of manifest.optional_host_permissions ?? []) {
        assert.ok(OPTIONAL_HOSTS.includes(host), `unexpected optional host ${host}`);
      }
      for (const permission of manifest.optional_permissions ?? []) {
        assert.ok(OPTIONAL_PERMISSIONS.includes(permission), `unexpected optional permission ${permission}`);
      }
      const everything = JSON.stringify(manifest);
      for (const broad of ["<all_urls>", "*://*/*", "https://*/*", "http://"]) {
        assert.ok(!everything.includes(broad), `no ${broad} anywhere`);
      }
    });

    test("no key beyond the reviewed ones (nothing web-accessible, no external messaging)", () => {
      for (const key of Object.keys(manifest)) assert.ok(KEYS.includes(key), `unreviewed manifest key ${key}`);
    });

    test("a minimum version with 'wasm-unsafe-eval' (Chrome 103, Firefox 140)", () => {
      if (browser === "chrome") {
        assert.equal(manifest.minimum_chrome_version, "103");
        assert.equal(manifest.browser_specific_settings, undefined);
      } else {
        assert.equal(manifest.minimum_chrome_version, undefined, "Firefox's own key says it");
        assert.equal(manifest.browser_specific_settings.gecko.strict_min_version, "140.0");
      }
    });

    test("strict CSP: own scripts and wasm only, no eval, no remote code", () => {
      const csp = manifest.content_security_policy;
      assert.deepEqual(Object.keys(csp), ["extension_pages"], "no sandbox pages");
      const directives = Object.fromEntries(
        csp.extension_pages.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name, values];
        }),
      );
      assert.deepEqual(directives["default-src"], ["'none'"]);
      assert.deepEqual(directives["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
      assert.deepEqual(directives["object-src"], ["'none'"]);
      assert.deepEqual(directives["base-uri"], ["'none'"]);
      assert.deepEqual(sorted(directives["connect-src"]), ["'self'", "https://status.openai.com"]);
      for (const [name, values] of Object.entries(directives)) {
        for (const v of values) {
          assert.ok(!["'unsafe-eval'", "'unsafe-inline'", "*", "data:", "blob:", "http:", "https:"].includes(v), `${name} allows ${v}`);
        }
      }
    });

    test("shipped code: no eval, no string-built HTML, no remote scripts", () => {
      const code = files(dist).filter((f) => /\.(m?js|html)$/.test(f));
      assert.ok(code.length > 3);
      for (const file of code) {
        const text = readFileSync(file, "utf8");
        const rel = path.relative(dist, file);
        for (const [what, pattern] of [
          ["eval", /\beval\s*\(/],
          ["new Function", /new\s+Function\s*\(/],
          ["string timers", /set(Timeout|Interval)\s*\(\s*["'`]/],
          ["innerHTML/outerHTML", /\.(inner|outer)HTML\s*=/],
          ["insertAdjacentHTML", /insertAdjacentHTML/],
          ["document.write", /document\.write/],
          ["remote import", /import\s*\(?\s*["'`]https?:/],
          ["remote script", /<script[^>]+src\s*=\s*["']?(https?:)?\/\//i],
          ["inline script", /<script(?![^>]*\bsrc=)[^>]*>/i],
        ]) {
          assert.ok(!pattern.test(text), `${rel}: ${what}`);
        }
      }
    });

    test("messages are accepted only from the extension itself", () => {
      // The listener's first test is the sender's id, in the source and in the shipped
      // script (copied as written; both are checked so the two can never drift apart).
      const firstTestIsSender = /onMessage\.addListener\(\s*\(?(\w+),\s*(\w+)[^)]*\)?\s*=>\s*\{\s*if\s*\(\s*\2\.id\s*[!=]==\s*\w+\.runtime\.id\b/;
      for (const file of [path.join(root, "extension/background.js"), path.join(dist, "background.js")]) {
        const background = readFileSync(file, "utf8");
        assert.match(background, firstTestIsSender, path.relative(root, file));
        assert.ok(!/onMessageExternal|onConnectExternal/.test(background), `${path.relative(root, file)}: no external messaging`);
      }
    });
  });
}

// Local stand-ins for status.openai.com and chatgpt.com, served over HTTPS on loopback.
// The browsers are told to resolve the real host names to this server, so the shipped
// build (with its real URLs) is what gets tested. Also the plain static server the built
// web page (dist/www) is served from, as `make www` serves it.
import { createServer } from "node:https";
import { createServer as createHttpServer } from "node:http";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const out = path.join(here, ".out");
const fixtures = path.join(root, "tests/fixtures");

export const HOSTS = ["status.openai.com", "chatgpt.com", "chat.openai.com", "platform.openai.com", "sora.com", "sora.chatgpt.com"];
/** Hosts that get the fake page (the content script's always-on and optional sites). */
const PAGE_HOSTS = new Set(HOSTS.filter((h) => h !== "status.openai.com"));

/** A self-signed certificate naming every mocked host, made once per checkout. */
function certificate() {
  mkdirSync(out, { recursive: true });
  // Named after the host list, so adding a host makes a new certificate.
  const tag = createHash("sha256").update(HOSTS.join(",")).digest("hex").slice(0, 8);
  const key = path.join(out, `key-${tag}.pem`);
  const cert = path.join(out, `cert-${tag}.pem`);
  if (!existsSync(cert)) {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=outage-radar-test",
      "-addext", `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(",")},IP:127.0.0.1`,
      "-keyout", key, "-out", cert,
    ], { stdio: "ignore" });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export function fixture(name) {
  return readFileSync(path.join(fixtures, name));
}

/**
 * Starts the mock. `status` decides what status.openai.com answers:
 * `{ scenario: "native/all-operational.json" }`, `{ body }` (a scenario built in the test,
 * which wins over `scenario` while set) or `{ respond(req, res) }` for faults.
 */
export async function startMock({ port = 0 } = {}) {
  const state = {
    scenario: "native/all-operational.json",
    theme: "light",
    requests: [],
  };
  const page = readFileSync(path.join(here, "fake-chatgpt/index.html"), "utf8");
  const server = createServer(certificate(), (req, res) => {
    const host = (req.headers.host ?? "").split(":")[0];
    state.requests.push({ host, url: req.url, at: Date.now() });
    if (host === "status.openai.com") return serveStatus(state, req, res);
    if (PAGE_HOSTS.has(host)) return serveChatGPT(state, page, req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not mocked");
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    state,
    port: server.address().port,
    statusRequests: () => state.requests.filter((r) => r.host === "status.openai.com"),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** The scenarios are written "as of" this moment (tests/fixtures/scenarios.py). */
const SCENARIO_NOW = Date.parse("2026-09-15T12:00:00Z");

/**
 * Moves every timestamp of a scenario by the same amount so that it reads as of now:
 * an incident that started 40 minutes before the scenario's moment started 40 minutes ago.
 */
export function asOfNow(body) {
  const shift = Date.now() - SCENARIO_NOW;
  return String(body).replace(/"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"/g, (_, at) =>
    JSON.stringify(new Date(Date.parse(at) + shift).toISOString()),
  );
}

function serveStatus(state, req, res) {
  // `delayMs`: answer that much later, e.g. to stop a worker while its fetch is pending.
  if (state.delayMs > 0) {
    const later = { ...state, delayMs: 0 };
    setTimeout(() => serveStatus(later, req, res), state.delayMs);
    return;
  }
  if (state.respond) return state.respond(req, res);
  if (req.url.split("?")[0] === "/proxy/status.openai.com/component_impacts") {
    // The page's own history: 90 days of impact periods (one still going on) and uptimes.
    // `historyRespond` stands in for it alone (a failing history while the summary answers).
    if (state.historyRespond) return state.historyRespond(req, res);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" });
    return res.end(asOfNow(fixture(state.impacts ?? "history/component_impacts-90d.json")));
  }
  if (req.url.split("?")[0] === "/proxy/status.openai.com") {
    const body = asOfNow(state.body ?? fixture(state.scenario));
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=0, must-revalidate",
      "access-control-allow-origin": "*",
    });
    return res.end(body);
  }
  res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Not found</body></html>");
}

function serveChatGPT(state, page, req, res) {
  // As strict as a real hardened page: nonce-only scripts and styles, Trusted Types.
  const nonce = randomBytes(12).toString("base64");
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": [
      "default-src 'self'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ].join("; "),
    "x-frame-options": "DENY",
  });
  // The page's language: `?lang=de` (its words are in the page, for the error-sign tests), else
  // the test's `state.lang` (ChatGPT sets it from the user's ChatGPT language), else "en".
  const asked = /^[a-z]{2}(?:-[A-Z]{2})?$/.exec(new URL(req.url, "https://x").searchParams.get("lang") ?? "")?.[0];
  res.end(page.replaceAll("__NONCE__", nonce).replace("__THEME__", state.theme).replace("__LANG__", asked ?? state.lang ?? "en"));
}

const SITE_TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".wasm": "application/wasm", ".png": "image/png",
};

/** A static file server for `dir` (dist/www) on loopback, like `python3 -m http.server` in `make www`. */
export async function serveSite(dir) {
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    res.writeHead(200, { "content-type": SITE_TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

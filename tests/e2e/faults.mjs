// Ways status.openai.com (or the network in between) can fail, as `state.respond` hooks for
// the mock in mock.mjs. Each one is what a real client has met: an outage of the status page
// itself, rate limiting, a hung proxy, a captive portal, a truncated or runaway body.
import { fixture } from "./mock.mjs";

export const NATIVE_PATH = "/proxy/status.openai.com";
const isNative = (req) => req.url.split("?")[0] === NATIVE_PATH;

const html = (res, status, body, headers = {}) =>
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers }).end(body);

const json = (res, body, contentType = "application/json; charset=utf-8") =>
  res.writeHead(200, { "content-type": contentType, "access-control-allow-origin": "*" }).end(body);

/** 20 MB of JSON-looking bytes, sent chunked (no Content-Length) so only a streaming cap stops it. */
function runaway(res) {
  const total = 20 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  let closed = false;
  res.on("close", () => { closed = true; });
  res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
  res.write('{"summary":{"name":"');
  const pump = () => {
    while (!closed && sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return res.once("drain", pump);
    }
    if (!closed) res.end('"}}');
  };
  pump();
}

const CAPTIVE = `<!doctype html><html><head><title>Sign in to the network</title></head>
<body><form action="/login" method="post"><h1>Welcome to Airport Wi-Fi</h1>
<input name="email"><button>Connect</button></form></body></html>`;

/**
 * The fault modes. `state` is what the core should end in after enough failures
 * (`unreachable`: we got no usable answer; `unreadable`: an answer we can't read) and
 * `error` the `last_error.kind` it records.
 */
export const FAULTS = {
  "500": { state: "unreachable", error: "http", respond: (req, res) => html(res, 500, "<h1>Internal Server Error</h1>") },
  "503": { state: "unreachable", error: "http", respond: (req, res) => html(res, 503, "<h1>Service Unavailable</h1>") },
  "429": {
    state: "unreachable",
    error: "http",
    // Per failure. The first is longer than the 5 s a click on "Check now" waits after the
    // last check, so that the click lands inside it.
    retryAfterSecs: [8, 2, 2],
    respond: (req, res, { retryAfter }) =>
      res.writeHead(429, { "content-type": "text/plain", "retry-after": String(retryAfter) }).end("Too Many Requests"),
  },
  // Only the main feed hangs (each hang costs the 10 s timeout); the others answer 404.
  hang: {
    state: "unreachable",
    error: "timeout",
    respond: (req, res) => (isNative(req) ? undefined : html(res, 404, "<h1>Not found</h1>")),
  },
  // Browsers retry a request by themselves when the connection is reset before any answer
  // (Chromium once on a kept-alive connection, Firefox up to network.http.request.max-attempts
  // = 10 times), so the mock may see several requests for one check.
  reset: { state: "unreachable", error: "offline", requests: [1, 10], respond: (req) => req.socket.destroy() },
  "captive-portal": { state: "unreadable", error: "not_json", respond: (req, res) => html(res, 200, CAPTIVE) },
  "truncated-json": {
    state: "unreadable",
    error: "not_json",
    respond: (req, res) => {
      const body = fixture("native/chatgpt-partial-outage.json");
      json(res, body.subarray(0, Math.floor(body.length / 2)));
    },
  },
  "20mb-body": { state: "unreadable", error: "too_large", respond: (req, res) => runaway(res) },
  "wrong-content-type": {
    state: "unreadable",
    error: "not_json",
    respond: (req, res) => json(res, fixture("native/chatgpt-partial-outage.json"), "text/plain; charset=utf-8"),
  },
  "empty-body": { state: "unreadable", error: "not_json", respond: (req, res) => json(res, "") },
  "wrong-shape": {
    state: "unreadable",
    error: "shape",
    respond: (req, res) => json(res, JSON.stringify({ status: "ok", data: [{ id: 1, healthy: true }] })),
  },
};

/**
 * The backoff the core promises (src/background/schedule.rs) after `n` consecutive failures, as a
 * range in seconds: the interval doubles per failure from at least a minute, with "equal
 * jitter" (between half and all of it), and never exceeds 30 minutes.
 */
export const backoffRange = (n) => [Math.min(30 * 2 ** Math.max(0, n - 1), 15 * 60), 30 * 60];

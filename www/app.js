// The www dashboard: the extension's Rust core and view code, in an ordinary page.
// The status JSON endpoints send Access-Control-Allow-Origin: *, so the page fetches them
// directly; what it last saw is kept in localStorage like the extension keeps it in storage.
import init, { check } from "./pkg/outage_radar.js";
import { renderStatus } from "./view.js";

const KEY = "outage-radar";
const main = document.getElementById("status");
const button = document.getElementById("refresh");

// The extension's English messages, read the way chrome.i18n would.
const messages = await fetch("_locales/en/messages.json").then((r) => r.json());
const t = (key, subs = []) => {
  const entry = messages[key];
  if (!entry) return key;
  return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
    const ref = entry.placeholders?.[name.toLowerCase()]?.content ?? "";
    return ref.replace(/\$(\d)/g, (__, i) => subs[Number(i) - 1] ?? "");
  });
};

await init({ module_or_path: new URL("pkg/outage_radar_bg.wasm", import.meta.url) });

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? null;
  } catch {
    return null;
  }
}

async function refresh() {
  button.disabled = true;
  try {
    const result = await check(load(), null, Date.now());
    localStorage.setItem(KEY, JSON.stringify({ snapshot: result.snapshot, fetch: result.fetch, verdict: result.verdict }));
    renderStatus(main, result.verdict, { t });
  } finally {
    button.disabled = false;
  }
}

button.addEventListener("click", refresh);
const stored = load();
if (stored?.verdict) renderStatus(main, stored.verdict, { t });
refresh();
setInterval(refresh, 5 * 60 * 1000);

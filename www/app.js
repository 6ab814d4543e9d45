// The live dashboard: the extension's Rust core and the popup's view code, in an ordinary
// page. The status JSON endpoints send Access-Control-Allow-Origin: *, so the page asks
// them directly, through the core's `check` (same fetch, timeout, size cap and fallbacks
// as the extension). What it last saw is kept in localStorage, the way the extension
// keeps it in storage.local, so an unreachable status page still shows the last known
// status, marked as such.
import { loadCore } from "./core.js";
import { languagePicker, loadLanguage } from "./lang.js";
import { renderStatus } from "./view.js";
import { renderInsights } from "./insights.js";
import { unreachableNotice } from "./notice.js";

const KEY = "outage-radar";
const main = document.getElementById("status");
const notice = document.getElementById("notice");
const button = document.getElementById("refresh");

/** The record `check` returned last time, or nothing if absent or damaged. */
function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? null;
  } catch {
    return null;
  }
}

function save(result) {
  try {
    // The page's history (asked for a few times a day) and the history view made from it
    // are kept too: a check hands them back only when they changed.
    const last = load();
    const history = result.history ?? last?.history ?? null;
    const history_view = result.history_view ?? last?.history_view ?? null;
    // `decision` lets the next check decide the previous verdict again (see src/background/record.rs).
    const { snapshot, fetch, verdict, decision } = result;
    localStorage.setItem(KEY, JSON.stringify({ snapshot, fetch, verdict, decision, history, history_view }));
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}

function showNotice(text) {
  notice.textContent = text ?? "";
  notice.hidden = !text;
}

function start(t, check) {
  let verdict = load()?.verdict ?? null;
  let timer = 0;

  function render() {
    if (!verdict) return;
    const now = Date.now();
    renderStatus(main, verdict, { t, now });
    renderInsights(main, verdict, load()?.history_view, { t, locale: document.documentElement.lang || "en", now });
    showNotice(unreachableNotice(verdict, t, now));
    document.title = `${main.querySelector("h1")?.textContent ?? ""} — Outage Radar`;
  }

  async function refresh() {
    clearTimeout(timer);
    button.disabled = true;
    let next = 300;
    try {
      // Never rejects for a bad status page: failures come back in the verdict's freshness.
      const now = Date.now();
      const result = await check(load(), null, now, -new Date(now).getTimezoneOffset());
      save(result);
      verdict = result.verdict;
      if (Number.isFinite(result.next_check_secs)) next = result.next_check_secs;
      render();
    } catch (err) {
      showNotice(t("site_check_failed", [String(err?.message ?? err)]));
    } finally {
      button.disabled = false;
      // The core's schedule: every minute or so during an incident, ~5 min when all is well,
      // and never before a Retry-After the server asked for.
      // Bounded here too, so a surprise from the core can never make the page hammer the host.
      timer = setTimeout(refresh, Math.min(3600, Math.max(30, next)) * 1000);
    }
  }

  button.addEventListener("click", refresh);
  render();
  refresh();
  // "Checked 2 min ago" should not freeze between checks.
  setInterval(render, 30 * 1000);
}

try {
  const [{ t, locale, locales }, core] = await Promise.all([loadLanguage(), loadCore()]);
  document.querySelector("header.site")?.append(languagePicker(t, locale, locales));
  const link = document.createElement("a");
  link.href = "https://status.openai.com/";
  link.textContent = t("site_lede_link");
  document.getElementById("lede").replaceChildren(...globalThis.OutageRadarL10n.nodes(t, "site_lede", [link]));
  start(t, core.check);
} catch (err) {
  button.disabled = true;
  main.replaceChildren();
  const h1 = document.createElement("h1");
  h1.className = "overall";
  h1.textContent = "This page could not start";
  main.append(h1);
  showNotice(`${err?.message ?? err}. Try reloading, or open status.openai.com directly.`);
}

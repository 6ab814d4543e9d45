// Outage Radar background: wires browser APIs to the Rust core and nothing more.
// Chrome runs this as a module service worker, Firefox as a module event page. Both may be
// stopped at any moment, so every bit of state lives in storage.local and every listener is
// registered synchronously at the top level (no top-level await: it kills the Chrome worker).
import init, { check, migrate_storage } from "./pkg/outage_radar.js";
import { followSitePermissions } from "./sites.js";

const ext = globalThis.browser ?? globalThis.chrome;
const ALARM = "check";
const ready = init({ module_or_path: ext.runtime.getURL("pkg/outage_radar_bg.wasm") });

// Updates and reloads keep storage, written by whichever version ran before: once per
// worker start, before anything reads it, the core brings it to this version's schema
// (src/migrate.rs), so settings and dismissals carry over.
let upgraded = null;
function upgradeStorage() {
  upgraded ??= (async () => {
    await ready;
    const result = migrate_storage(await ext.storage.local.get(null));
    if (!result.changed) return;
    await ext.storage.local.set(result.record);
    if (result.removed.length) await ext.storage.local.remove(result.removed);
  })().catch((err) => console.error("Outage Radar: storage upgrade failed", err));
  return upgraded;
}

// One check at a time, even if an alarm and a click arrive together.
let running = null;

function runCheck() {
  running ??= (async () => {
    try {
      await ready;
      await upgradeStorage();
      const stored = await ext.storage.local.get(["snapshot", "fetch", "verdict"]);
      const { settings } = await ext.storage.sync.get("settings").catch(() => ({}));
      const result = await check(stored, settings ?? null, Date.now());
      await ext.storage.local.set({
        snapshot: result.snapshot ?? null,
        fetch: result.fetch,
        verdict: result.verdict,
      });
      await showBadge(result.verdict);
      await ext.alarms.create(ALARM, { delayInMinutes: result.next_check_secs / 60 });
    } catch (err) {
      // The core turns every status-page failure into data; reaching here means a bug or a
      // browser API failure. Keep polling so one bad run can't silence the extension.
      console.error("Outage Radar: check failed", err);
      await ext.alarms.create(ALARM, { delayInMinutes: 5 });
    } finally {
      running = null;
    }
  })();
  return running;
}

async function showBadge(verdict) {
  const badge = verdict.badge;
  await ext.action.setBadgeText({ text: badge.text });
  await ext.action.setBadgeBackgroundColor({ color: badge.color });
  const summary = ext.i18n.getMessage(`level_${badge.level}`) || badge.level;
  await ext.action.setTitle({ title: ext.i18n.getMessage("badge_title", [summary]) });
}

ext.runtime.onInstalled.addListener(() => runCheck());
ext.runtime.onStartup.addListener(() => runCheck());
ext.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) runCheck();
});

// Messages come only from the extension's own pages; anything else, or any other shape,
// is ignored.
ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== ext.runtime.id || typeof message !== "object" || message === null) return;
  if (message.type === "refresh") {
    runCheck().then(() => sendResponse({ ok: true }));
    return true; // keeps the channel open for the async answer
  }
});

// A worker that wakes without an alarm (e.g. after a crash) makes sure one exists.
ext.alarms.get(ALARM).then((alarm) => {
  if (!alarm) runCheck();
});

// The banner on the optional sites the user granted (see sites.js).
followSitePermissions();

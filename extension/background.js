// Outage Radar background: wires browser APIs to the Rust core and nothing more.
// Chrome runs this as a module service worker, Firefox as a module event page. Both may be
// stopped at any moment, so every bit of state lives in storage and every listener is
// registered synchronously at the top level (no top-level await: it kills the Chrome worker).
//
// What lives where (all decided by the core, src/schedule.rs and src/notify.rs):
//   storage.local   snapshot, fetch, decision, dismissals, history, signals — what the core
//                   decides from (src/record.rs); verdict, banners, history_view — what it
//                   decided, for the popup and the content scripts (the core never reads
//                   them back)
//                   notify    — notified keys, held (quiet hours), outbox, "notify me" requests
//                   inflight  — when the running check started (never two fetches at once)
//                   seed      — per-install number for the jitter (installs don't poll in step)
//   storage.session chat_seen_at — when a chatgpt.com tab last said it is visible
//   alarms          "check"   — the next check; while one runs, a watchdog in its place
import init, {
  check_and_plan,
  dismiss,
  note_signal,
  signal_table,
  migrate_storage,
  storage_schema,
  notify_me,
  notify_me_cancel,
  notify_me_pending,
  poll_plan,
  undismiss,
  decide,
} from "./pkg/outage_radar.js";
import { followSitePermissions } from "./sites.js";
import "./l10n.js";

const ext = globalThis.browser ?? globalThis.chrome;
const ALARM = "check";
const STATUS_ORIGIN = "https://status.openai.com/";
const CHAT_HOSTS = ["chatgpt.com", "chat.openai.com"];
const ready = init({ module_or_path: ext.runtime.getURL("pkg/outage_radar_bg.wasm") });
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
// Notifications and the tooltip speak the browser's language (chrome.i18n's), and format in it.
const L = globalThis.OutageRadarL10n;
const intl = () => L.intl(t);
/** OpenAI's words in a sentence of ours, isolated in a right-to-left language. */
const theirs = (text) => L.isolate(t, text);
// storage.session is kept in memory across worker restarts but not browser restarts, which
// is right for "a tab is open"; very old browsers without it fall back to storage.local.
const session = ext.storage.session ?? ext.storage.local;

// Updates and reloads keep storage, written by whichever version ran before: once per
// worker start, before anything reads it, the core brings it to this version's schema
// (src/background/migrate.rs), so settings and dismissals carry over. A record already at
// this schema needs nothing, so a woken worker reads just `schema` (not the whole storage,
// history included) to know. The content script's table of error signs comes with the
// build: stored here when this build's differs from the one in storage (a new install or
// an update), not with every check.
let upgraded = null;
function upgradeStorage() {
  upgraded ??= (async () => {
    await ready;
    const stored = await ext.storage.local.get(["schema", "signal_table"]);
    if (stored.schema !== storage_schema()) {
      const result = migrate_storage(await ext.storage.local.get(null));
      if (result.changed) {
        await ext.storage.local.set(result.record);
        if (result.removed.length) await ext.storage.local.remove(result.removed);
      }
    }
    const table = signal_table();
    if (JSON.stringify(stored.signal_table) !== JSON.stringify(table)) {
      await ext.storage.local.set({ signal_table: table });
    }
  })().catch((err) => console.error("Outage Radar: storage upgrade failed", err));
  return upgraded;
}

// Every read-modify-write of storage in this worker runs one after the other, so a click
// on "notify me" and a check finishing can't overwrite each other's `notify`.
let queue = Promise.resolve();
function exclusive(task) {
  const run = queue.then(async () => {
    await ready;
    await upgradeStorage();
    return task();
  });
  queue = run.catch(() => {});
  return run;
}

async function readSettings() {
  const { settings } = await ext.storage.sync.get("settings").catch(() => ({}));
  return settings ?? null;
}

/** What the core's schedule needs besides the stored record. */
async function pollContext(stored, manual) {
  const { chat_seen_at } = await session.get("chat_seen_at").catch(() => ({}));
  const alarm = await ext.alarms.get(ALARM);
  return {
    chat_seen_at: chat_seen_at ?? null,
    inflight_since: stored.inflight ?? null,
    seed: stored.seed,
    manual,
    // Chrome may report a fraction of a millisecond; the core reads whole milliseconds.
    alarm_at: alarm ? Math.floor(alarm.scheduledTime) : null,
  };
}

async function seedOf(stored) {
  if (Number.isInteger(stored.seed)) return stored.seed;
  const seed = crypto.getRandomValues(new Uint32Array(1))[0];
  await ext.storage.local.set({ seed });
  return seed;
}

// A check asked for while another is queued or running joins it: an alarm and a click
// arriving together make one fetch.
let running = null;
function runCheck({ manual = false } = {}) {
  running ??= exclusive(() => checkNow(manual)).finally(() => {
    running = null;
  });
  return running;
}

// What the core decides from (src/record.rs); the polling context adds inflight and seed.
// `schema` goes with it: without it the core takes the record for one from before the
// storage schema and upgrades it again, which dropped the notices quiet hours held back.
const RECORD = ["schema", "snapshot", "fetch", "decision", "dismissals", "history", "signals", "notify"];

async function checkNow(manual) {
  try {
    const stored = await ext.storage.local.get([...RECORD, "inflight", "seed"]);
    stored.seed = await seedOf(stored);
    const settings = await readSettings();
    // The gate needs only the fetch state and the context: the core is not handed the
    // whole record (nor decides from it) just to say "start".
    const gateOf = { schema: stored.schema, fetch: stored.fetch };
    let context = await pollContext(stored, manual);
    let plan = poll_plan(gateOf, settings, context, Date.now());
    if (plan.gate.kind === "wait") {
      // A click right after a check: it waits out the short gap (the popup is waiting for
      // the answer, which keeps the worker alive) and then fetches once for every click.
      await new Promise((resolve) => setTimeout(resolve, plan.gate.ms));
      context = await pollContext(stored, false);
      plan = poll_plan(gateOf, settings, context, Date.now());
    }
    if (plan.gate.kind === "busy") {
      // A check started by a worker that was stopped may still be running: try again when
      // its marker times out.
      await ext.alarms.create(ALARM, { when: plan.gate.until });
      return;
    }
    const started = Date.now();
    // Should this worker be stopped mid-check, the marker keeps a new one from fetching
    // alongside, and the watchdog alarm makes sure checking resumes.
    await ext.storage.local.set({ inflight: started });
    await ext.alarms.create(ALARM, { when: plan.watchdog_at });
    // The check plans the notifications too (quiet hours and the history's local days need
    // the local clock's offset), and the next check, as poll_plan would from the record it
    // hands back.
    const result = await check_and_plan(stored, settings, started, -new Date(started).getTimezoneOffset(), context);
    // One write: the verdict and the notifications it causes are stored together, so a
    // stop after this line loses nothing and one before it repeats the whole check. The
    // page's history and the history view come back, and are written, only when they
    // changed.
    await ext.storage.local.set({
      snapshot: result.snapshot ?? null,
      fetch: result.fetch,
      verdict: result.verdict,
      decision: result.decision,
      dismissals: result.dismissals,
      banners: result.verdict.pages,
      notify: result.notify,
      inflight: null,
      ...(result.history ? { history: result.history } : {}),
      ...(result.history_view ? { history_view: result.history_view } : {}),
    });
    await showBadge(result.verdict);
    if (result.notify.outbox?.length) await deliver();
    await ext.alarms.create(ALARM, { when: result.next.at });
  } catch (err) {
    // The core turns every status-page failure into data; reaching here means a bug or a
    // browser API failure. Keep polling so one bad run can't silence the extension.
    console.error("Outage Radar: check failed", err);
    await ext.storage.local.set({ inflight: null }).catch(() => {});
    await ext.alarms.create(ALARM, { delayInMinutes: 5 });
  }
}

// ---------------------------------------------------------------- badge
// What was last set is kept in storage.session (cleared, like the toolbar button itself,
// when the browser restarts or the extension reloads), so a check that changes nothing
// shown sets nothing: above all not the icon, which the browser decodes and draws again
// on every setIcon. Without storage.session everything is set every time.
async function showBadge(verdict) {
  const badge = verdict.badge;
  const want = { text: badge.text, color: badge.color, title: tooltip(verdict), icon: iconFor(badge) };
  const { badge_shown: shown } = ext.storage.session
    ? await ext.storage.session.get("badge_shown").catch(() => ({}))
    : {};
  const same = (key) => shown && JSON.stringify(shown[key]) === JSON.stringify(want[key]);
  if (!same("text")) await ext.action.setBadgeText({ text: want.text });
  if (!same("color")) await ext.action.setBadgeBackgroundColor({ color: want.color });
  if (!same("title")) await ext.action.setTitle({ title: want.title });
  if (!same("icon")) await ext.action.setIcon({ path: want.icon });
  if (ext.storage.session && !(same("text") && same("color") && same("title") && same("icon"))) {
    await ext.storage.session.set({ badge_shown: want }).catch(() => {});
  }
}

// The icon follows the badge: the radar's blip takes the level's colour, and a status we
// can't vouch for ("?") greys the whole mark. Drawn by tools/make-icons.py.
const LEVEL_ICONS = ["degraded", "partial_outage", "major_outage", "maintenance", "unknown"];
function iconFor(badge) {
  const name = badge.text === "?" ? "unknown" : badge.text === "" ? null : badge.level;
  if (!LEVEL_ICONS.includes(name)) return { 16: "icons/icon-16.png", 32: "icons/icon-32.png" };
  return { 16: `icons/${name}-16.png`, 32: `icons/${name}-32.png` };
}

/** One line: the watched level and the first watched incident, or why we don't know. */
function tooltip(verdict) {
  const badge = verdict.badge;
  const level = t(`level_${badge.level}`);
  if (badge.text === "?") return t("tooltip_unknown");
  if (badge.text === "M") return t("tooltip_maintenance");
  if (badge.text === "") return t("tooltip_operational");
  const watched = (verdict.incidents ?? []).filter((i) => i.watched);
  if (watched.length === 0) return t("tooltip_problem_plain", [level]);
  if (watched.length === 1) return t("tooltip_problem", [level, theirs(watched[0].name)]);
  const more = watched.length - 1;
  return intl().plural("tooltip_problem_more", more, [level, theirs(watched[0].name), intl().number(more)]);
}

// ---------------------------------------------------------------- notifications
function notificationText(n) {
  const level = t(`level_${n.level}`);
  switch (n.kind) {
    case "incident_started":
    case "incident_worsened":
    case "incident_improved":
      return { title: t(`notify_${n.kind}`, [level]), message: n.name };
    case "incident_resolved":
      return { title: t("notify_incident_resolved"), message: n.name };
    case "maintenance_soon": {
      return { title: t("notify_maintenance_soon"), message: t("notify_maintenance_at", [theirs(n.name), intl().clock(n.at)]) };
    }
    case "data_stale":
      return { title: t("notify_data_stale"), message: t("notify_data_stale_text") };
    case "data_recovered":
      return { title: t("notify_data_recovered"), message: t("notify_data_recovered_text") };
    case "back":
      return { title: t("notify_back", [theirs(n.name)]), message: t("notify_back_text") };
    default:
      return null;
  }
}

/**
 * Shows what the core put in the outbox, then removes it from there. Call inside
 * `exclusive`. A notice shown but not yet removed (the worker stopped in between) is shown
 * again under the same id, which replaces it instead of adding a second one.
 */
async function deliver() {
  const { notify } = await ext.storage.local.get("notify");
  const outbox = notify?.outbox ?? [];
  if (outbox.length === 0) return;
  const done = [];
  for (const n of outbox) {
    const text = notificationText(n);
    if (!text || !ext.notifications) {
      done.push(n.id); // nothing this browser can show: don't retry forever
      continue;
    }
    try {
      await ext.notifications.create(n.id, {
        type: "basic",
        iconUrl: ext.runtime.getURL("icons/icon-128.png"),
        title: text.title,
        message: `${text.message}\n${t("notify_click_hint")}`,
      });
      done.push(n.id);
    } catch (err) {
      console.error("Outage Radar: notification failed", err);
    }
  }
  await ext.storage.local.set({ notify: { ...notify, outbox: outbox.filter((n) => !done.includes(n.id)) } });
}

// A click opens the page recorded for that notification, only ever on status.openai.com.
ext.notifications?.onClicked.addListener((id) => {
  exclusive(async () => {
    const { notify } = await ext.storage.local.get("notify");
    const url = notify?.notified?.find((n) => n.key === id)?.url;
    await ext.tabs.create({ url: typeof url === "string" && url.startsWith(STATUS_ORIGIN) ? url : STATUS_ORIGIN });
    await ext.notifications.clear(id);
  }).catch((err) => console.error("Outage Radar: notification click failed", err));
});

/** "Notify me when it's back" for a group (id or name) or a component id. */
function notifyMe(service) {
  return exclusive(async () => {
    const stored = await ext.storage.local.get(RECORD);
    const answer = notify_me(stored, service, await readSettings(), Date.now());
    if (answer.ok) await ext.storage.local.set({ notify: answer.notify });
    return { ok: answer.ok, refusal: answer.refusal ?? null };
  });
}

/** The "notify me" requests still waiting (the popup says so, with Cancel). */
async function notifyPending() {
  const stored = await ext.storage.local.get(RECORD);
  return notify_me_pending(stored, Date.now());
}

/** Cancels "notify me when it's back" for `service` (the id it was recorded under). */
function notifyCancel(service) {
  return exclusive(async () => {
    const stored = await ext.storage.local.get(RECORD);
    await ext.storage.local.set({ notify: notify_me_cancel(stored, service) });
  });
}

// ---------------------------------------------------------------- a chatgpt.com tab is open
// presence.js (a content script on chatgpt.com) says so on load, when its tab becomes
// visible and once a minute while visible: no `tabs` permission needed. The core then
// paces checks at about a minute, and a pending idle alarm is brought forward.
function chatOpened() {
  return exclusive(async () => {
    const now = Date.now();
    await session.set({ chat_seen_at: now });
    const stored = await ext.storage.local.get([...RECORD, "inflight", "seed"]);
    const plan = poll_plan(stored, await readSettings(), await pollContext(stored, false), now);
    if (plan.reschedule && plan.gate.kind === "start") await ext.alarms.create(ALARM, { when: plan.next.at });
  });
}

// ---------------------------------------------------------------- wiring
ext.runtime.onInstalled.addListener(() => runCheck());
ext.runtime.onStartup.addListener(() => runCheck());
ext.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) runCheck();
});

// ---------------------------------------------------------------- the banner's language
// The content script draws the banner in the page's language (its `lang`) when the extension
// has it; chrome.i18n speaks only the browser's, so this sends that locale's messages, read
// from the extension's own _locales (over the English ones, for any key a translation lacks,
// as chrome.i18n falls back to the default locale). Null when no shipped locale matches.
const localeFiles = new Map();
function readLocale(locale) {
  if (!localeFiles.has(locale)) {
    const read = fetch(ext.runtime.getURL(`_locales/${locale}/messages.json`))
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
    localeFiles.set(locale, read);
  }
  return localeFiles.get(locale);
}
async function messagesFor(lang) {
  const locale = L.bestLocale([lang]);
  if (!locale) return null;
  const [chosen, fallback] = await Promise.all([readLocale(locale), readLocale("en")]);
  if (!chosen) return null;
  return { locale, messages: { ...fallback, ...chosen } };
}

// Messages come only from this extension (its pages and its content scripts); anything
// else, or any other shape, is ignored.
ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== ext.runtime.id || typeof message !== "object" || message === null) return;
  if (message.type === "refresh") {
    runCheck({ manual: true }).then(() => sendResponse({ ok: true }));
    return true; // keeps the channel open for the async answer
  }
  if (message.type === "dismiss" && typeof message.page === "string" && message.page.length < 64) {
    dismissBanner(message.page).then(() => sendResponse({ ok: true }));
    return true;
  }
  if (message.type === "notify-me" && typeof message.service === "string" && message.service.length <= 200) {
    notifyMe(message.service)
      .then(sendResponse)
      .catch((err) => {
        console.error("Outage Radar: notify-me failed", err);
        sendResponse({ ok: false, refusal: null });
      });
    return true;
  }
  if (message.type === "notify-pending") {
    notifyPending().then(sendResponse, () => sendResponse([]));
    return true;
  }
  if (message.type === "notify-cancel" && typeof message.service === "string" && message.service.length <= 200) {
    notifyCancel(message.service).then(() => sendResponse({ ok: true }), () => sendResponse({ ok: false }));
    return true;
  }
  if (message.type === "undismiss" && typeof message.page === "string" && message.page.length < 64) {
    showBannerAgain(message.page).then(() => sendResponse({ ok: true }));
    return true;
  }
  if (message.type === "messages" && typeof message.lang === "string" && message.lang.length <= 64) {
    messagesFor(message.lang)
      .then(sendResponse)
      .catch(() => sendResponse(null));
    return true;
  }
  if (message.type === "signal" && ["error_ui", "offline", "online"].includes(message.kind) && sender.tab) {
    noteSignal(message.kind);
    return;
  }
  if (message.type === "chat-open") {
    let host = "";
    try {
      host = new URL(sender.url ?? sender.tab?.url ?? "").hostname;
    } catch {}
    if (CHAT_HOSTS.includes(host)) chatOpened().catch((err) => console.error("Outage Radar: chat-open failed", err));
  }
});

// A content script saw ChatGPT fail (or the browser go offline / online): the core
// records it, updates the popup's "is it just me?" answer and says whether to look at the
// status page again now (it may have just started reporting the problem).
function noteSignal(kind) {
  return exclusive(async () => {
    const stored = await ext.storage.local.get(RECORD);
    const noted = note_signal(stored, await readSettings(), kind, Date.now());
    await ext.storage.local.set({ signals: noted.signals, ...(noted.verdict ? { verdict: noted.verdict } : {}) });
    return noted.recheck;
  })
    .then((recheck) => recheck && runCheck({ manual: true }))
    .catch((err) => console.error("Outage Radar: signal failed", err));
}

// The banner's dismiss button (`dismiss`: the core records what was dismissed at which
// level) and the popup's "Show the banner again" (`undismiss`: the core forgets the
// dismissals of what the page's banner shows); every tab follows through storage.onChanged.
function changeDismissals(change, page, what) {
  return exclusive(async () => {
    const stored = await ext.storage.local.get(RECORD);
    const result = change(stored, await readSettings(), page, Date.now());
    await ext.storage.local.set({
      dismissals: result.dismissals,
      verdict: result.verdict,
      banners: result.verdict.pages,
    });
  }).catch((err) => console.error(`Outage Radar: ${what} failed`, err));
}
const dismissBanner = (page) => changeDismissals(dismiss, page, "dismiss");
const showBannerAgain = (page) => changeDismissals(undismiss, page, "show the banner again");

// Whenever the worker starts: notifications decided by a worker that was stopped before
// showing them are shown now, and an alarm exists (a check runs if none does).
exclusive(deliver).catch((err) => console.error("Outage Radar: delivery failed", err));
ext.alarms.get(ALARM).then((alarm) => {
  if (!alarm) runCheck();
});

// The banner on the optional sites the user granted (see sites.js).
followSitePermissions();

// ---------------------------------------------------------------- settings
// A change on the options page takes effect at once: the core decides again from the
// stored status (no request to the status page), and the badge, the banners and the
// popup follow. Queued like a check, so a check that read the old settings can't
// overwrite the new verdict afterwards.
// The old settings give the verdict the change follows (a running "resolved" note carries
// on); a banner the change hides just goes, with no note: OpenAI still reports its problem.
function settingsChanged(oldSettings) {
  return exclusive(async () => {
    const stored = await ext.storage.local.get(RECORD);
    if (!stored.decision) return;
    const now = Date.now();
    // The history view follows the watched groups at once (the next check brings it anyway).
    const { verdict, decision, history_view } = decide(stored, await readSettings(), oldSettings ?? null, now, -new Date(now).getTimezoneOffset());
    await ext.storage.local.set({ verdict, decision, banners: verdict.pages, history_view });
    await showBadge(verdict);
  }).catch((err) => console.error("Outage Radar: settings change failed", err));
}
ext.storage.onChanged.addListener((changes, area) => {
  if (area === "sync" && changes.settings) settingsChanged(changes.settings.oldValue);
});

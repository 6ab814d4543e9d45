import init, { settings_of } from "./pkg/outage_radar.js";
import { optionalOrigins, syncSites } from "./sites.js";
import "./l10n.js";

// Options: settings live in storage.sync (where the browser has it). The background
// decides again from the stored status as soon as they change (storage.onChanged), so a
// change shows at once: badge, banners, popup. The core supplies the defaults
// (`settings_of`), so this page never guesses them.
const ext = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
// The language shown is chrome.i18n's: the page's lang, direction and numbers follow it.
const shown = globalThis.OutageRadarL10n.intl(t);
document.documentElement.lang = shown.locale;
document.documentElement.dir = shown.dir;

const form = document.getElementById("form");
const saved = document.getElementById("saved");

// ---------------------------------------------------------------- optional sites
// The core's page table (stored with every verdict as `banners`) says which hosts belong
// to which services; the manifest says which of them are optional. Each optional page
// gets a switch that asks for (or gives back) access to exactly its hosts.
const optional = new Set(optionalOrigins(ext.runtime.getManifest()));
const sites = document.getElementById("sites");
const { banners = [] } = await ext.storage.local.get("banners");
const { origins: granted = [] } = await ext.permissions.getAll();
for (const page of banners) {
  const origins = page.hosts.map((host) => `https://${host}/*`);
  if (!origins.every((origin) => optional.has(origin))) continue;
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = `site_${page.id}`;
  box.checked = origins.every((origin) => granted.includes(origin));
  box.addEventListener("change", (event) => {
    event.stopPropagation(); // not a setting: the browser's permissions hold it
    // Called at once, inside the click: browsers grant permissions only on a user gesture.
    const asked = box.checked
      ? ext.permissions.request({ permissions: ["scripting"], origins })
      : ext.permissions.remove({ origins });
    Promise.resolve(asked)
      .then((ok) => {
        if (box.checked && !ok) box.checked = false;
        return syncSites();
      })
      .then(() => (saved.textContent = t("options_saved")));
  });
  const label = document.createElement("label");
  label.append(box, " ", t(`site_${page.id}`) || page.hosts.join(", "));
  sites.append(label);
}

// ---------------------------------------------------------------- settings

await init({ module_or_path: ext.runtime.getURL("pkg/outage_radar_bg.wasm") });
const { settings: stored = null } = await ext.storage.sync.get("settings");
let settings = settings_of(stored);
const { verdict = null } = await ext.storage.local.get("verdict");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// ---------------------------------------------------------------- what to watch
// Groups by name (a rebuilt group keeps its name), components by id (two are both named
// "Login"): the groups and components the status page lists today, from the last check.
const watchList = document.getElementById("watch-list");
const watchedGroup = (name) => settings.watched_groups.some((w) => w.trim().toLowerCase() === name.trim().toLowerCase());
for (const group of verdict?.groups ?? []) {
  const box = el("input", { type: "checkbox", name: "watch_group", value: group.name });
  box.checked = watchedGroup(group.name);
  const block = el("div", { class: "watch-group", "data-group": group.name }, el("label", {}, box, " ", el("bdi", { lang: "en" }, group.name)));
  const parts = el("details", {}, el("summary", {}, t("options_watch_components", [shown.number(group.components?.length ?? 0)])));
  for (const c of group.components ?? []) {
    const cbox = el("input", { type: "checkbox", name: "watch_component", value: c.id });
    cbox.checked = box.checked || settings.watched_components.includes(c.id);
    cbox.disabled = box.checked;
    parts.append(el("label", {}, cbox, " ", el("bdi", { lang: "en" }, c.name)));
  }
  // A watched group covers its components: they show ticked and can't be picked alone.
  box.addEventListener("change", () => {
    for (const cbox of parts.querySelectorAll("input")) {
      cbox.disabled = box.checked;
      cbox.checked = box.checked || settings.watched_components.includes(cbox.value);
    }
  });
  block.append(parts);
  watchList.append(block);
}
if (!verdict?.groups?.length) document.getElementById("watch-hint").textContent = t("options_watch_none_yet");

// ---------------------------------------------------------------- the rest of the form
// Idle check interval: the core keeps it within 5–10 minutes (src/background/schedule.rs); the list
// offers exactly that range.
const every = form.check_every_minutes;
for (let m = 5; m <= 10; m++) every.append(el("option", { value: String(m) }, shown.unit(m, "minute")));

const NOTIFY_KINDS = ["started", "worsened", "improved", "resolved", "maintenance", "data", "only_watched"];
const hhmm = (min) => `${String(Math.floor((min % 1440) / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;
const minutes = (value) => {
  const [h, m] = String(value).split(":").map(Number);
  return Number.isFinite(h) && Number.isFinite(m) ? h * 60 + m : 0;
};

function fill() {
  form.banner_enabled.checked = settings.banner_enabled;
  form.banner_min_level.value = settings.banner_min_level;
  form.banner_admin_components.checked = settings.banner_admin_components;
  if (form.banner_min_level.value !== settings.banner_min_level) form.banner_min_level.value = "degraded";
  form.notify_enabled.checked = settings.notify.enabled;
  for (const kind of NOTIFY_KINDS) form[`notify_${kind}`].checked = settings.notify[kind];
  form.quiet_enabled.checked = Boolean(settings.quiet_hours);
  form.quiet_start.value = hhmm(settings.quiet_hours?.start_min ?? 22 * 60);
  form.quiet_end.value = hhmm(settings.quiet_hours?.end_min ?? 7 * 60);
  every.value = String(Math.min(10, Math.max(5, settings.check_every_minutes)));
  follow();
}

/** Switches that mean nothing while their parent is off are greyed out. */
function follow() {
  for (const input of document.querySelectorAll("#notify-kinds input")) input.disabled = !form.notify_enabled.checked;
  form.quiet_start.disabled = form.quiet_end.disabled = !form.notify_enabled.checked || !form.quiet_enabled.checked;
  form.banner_min_level.disabled = form.banner_admin_components.disabled = !form.banner_enabled.checked;
}

function read() {
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked:not(:disabled)`)].map((b) => b.value);
  const notify = { ...settings.notify, enabled: form.notify_enabled.checked };
  for (const kind of NOTIFY_KINDS) notify[kind] = form[`notify_${kind}`].checked;
  const next = {
    ...settings,
    banner_enabled: form.banner_enabled.checked,
    banner_min_level: form.banner_min_level.value,
    banner_admin_components: form.banner_admin_components.checked,
    notify,
    quiet_hours: form.quiet_enabled.checked ? { start_min: minutes(form.quiet_start.value), end_min: minutes(form.quiet_end.value) } : null,
    check_every_minutes: Number(every.value),
  };
  if (verdict?.groups?.length) {
    next.watched_groups = checked("watch_group");
    // Components already covered by a watched group are not listed on their own.
    next.watched_components = checked("watch_component");
  }
  return next;
}

fill();
const watchSaid = document.getElementById("watch-said");
form.addEventListener("change", async (event) => {
  follow();
  let wanted = read();
  settings = settings_of(wanted);
  // Watching nothing is not a setting (the core reads it as the default watch, see
  // Settings::watches_nothing): the box just unticked comes back, and the page says why.
  const refused = wanted.watched_groups !== undefined && settings.watched_groups.join("\n") !== wanted.watched_groups.join("\n");
  if (refused && event.target?.name?.startsWith("watch_")) {
    event.target.checked = true;
    // Its components follow it again (the box's own listener; this event doesn't bubble).
    event.target.dispatchEvent(new Event("change"));
    follow();
    wanted = read();
    settings = settings_of(wanted);
  }
  watchSaid.textContent = refused ? t("options_watch_one_needed") : "";
  await ext.storage.sync.set({ settings });
  saved.textContent = t("options_saved");
});
form.addEventListener("submit", (event) => event.preventDefault());

// ---------------------------------------------------------------- test notification
// A notification shown at once, so the user can see whether the browser and the system
// let Outage Radar's notifications through (they can block them without telling us; Chrome
// says so through getPermissionLevel, Firefox doesn't).
const testSaid = document.getElementById("test-notification-said");
document.getElementById("test-notification").addEventListener("click", async () => {
  try {
    const level = await ext.notifications.getPermissionLevel?.();
    if (level === "denied") {
      testSaid.textContent = t("options_notify_test_blocked");
      return;
    }
    await ext.notifications.create("outage-radar-test", {
      type: "basic",
      iconUrl: ext.runtime.getURL("icons/icon-128.png"),
      title: t("options_notify_test_title"),
      message: t("options_notify_test_text"),
    });
    testSaid.textContent = t("options_notify_test_sent");
  } catch {
    testSaid.textContent = t("options_notify_test_failed");
  }
});

// ---------------------------------------------------------------- preview the banner
// Sample data, shown for 20 seconds on every open chatgpt.com tab: the content script
// draws `banner_preview` like a real banner and says so, which is how this page knows
// whether a tab is open.
const PREVIEW_MS = 20_000;
const previewSaid = document.getElementById("preview-said");
let previewShown = 0;
ext.runtime.onMessage.addListener((message) => {
  if (message?.type === "preview-shown") {
    previewShown += 1;
    previewSaid.textContent = t("options_preview_shown");
  }
});
document.getElementById("preview").addEventListener("click", async () => {
  const now = Date.now();
  const level = form.banner_min_level.value === "degraded" ? "partial_outage" : form.banner_min_level.value;
  const banner = {
    show: true,
    level,
    incident_ids: ["preview"],
    maintenance_ids: [],
    scope_unclear: false,
    affected: [{ name: t("options_preview_service"), level }],
    incidents: [{
      id: "preview",
      name: t("options_preview_incident"),
      status: "investigating",
      level,
      url: "https://status.openai.com/",
      started_at: now - 12 * 60_000,
      latest_update: { at: now - 3 * 60_000, status: "investigating", text: t("options_preview_update") },
    }],
    dismissed: false,
    resolved_until: null,
  };
  previewShown = 0;
  previewSaid.textContent = t("options_preview_sent");
  await ext.storage.local.set({ banner_preview: { until: now + PREVIEW_MS, banner } });
  setTimeout(() => {
    if (!previewShown) previewSaid.textContent = t("options_preview_no_tab");
  }, 2500);
});

// The toolbar popup: shows the verdict the background stored, follows its changes, and
// asks the background for a fresh check on request. Rendering lives in view.js (status,
// guide), insights.js and history.js (recent incidents, 90-day bars); what to say and in
// which order is the core's (the verdict's `guidance`, the `history_view`). The order on
// screen leads with what matters within the popup's first 600 px: the status line, its
// "checked … ago" with Check now, ongoing incidents and maintenance, what you can do; then
// the last days and the bars.
import { el, localTime, renderStatus, tick } from "./view.js";
import { renderInsights } from "./insights.js";
import "./l10n.js";

const ext = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
const main = document.getElementById("status");
let current = null;
let historyView = null; // recent incidents and daily bars of the watched groups, from the core
let pending = []; // the "notify me" requests the core holds
const checkRow = document.getElementById("check-row");

for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
// The language shown is chrome.i18n's (the browser's, reduced to a shipped locale): the
// page's lang, direction and every Intl format follow it.
const shown = globalThis.OutageRadarL10n.intl(t);
document.documentElement.lang = shown.locale;
document.documentElement.dir = shown.dir;
const locale = shown.locale;

/** Name and version of this browser, for the support report. */
async function browserName() {
  try {
    const info = await ext.runtime.getBrowserInfo?.();
    if (info?.name) return `${info.name} ${info.version}`;
  } catch {}
  const brands = navigator.userAgentData?.brands?.filter((b) => !/not.a.brand/i.test(b.brand)) ?? [];
  const brand = brands.find((b) => b.brand !== "Chromium") ?? brands[0];
  if (brand) return `${brand.brand} ${brand.version}`;
  return navigator.userAgent;
}

/** The short plain-text report "Copy details" puts on the clipboard: facts only, from the verdict. */
async function report(verdict) {
  const g = verdict.guidance ?? {};
  const incident = (verdict.incidents ?? []).find((i) => i.id === g.incident_id);
  const maintenance = (verdict.maintenances ?? []).find((m) => m.id === g.incident_id);
  const now = new Date();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -now.getTimezoneOffset();
  const utc = `UTC${offset >= 0 ? "+" : "-"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
  const lines = [t("report_heading")];
  lines.push(`${t("report_time")}: ${shown.dateTime(now.getTime())} (${zone}, ${utc})`);
  const subject = incident ?? maintenance;
  if (subject) {
    lines.push(`${t("report_incident")}: ${subject.name} (${subject.id})`);
    lines.push(`${t("report_link")}: ${subject.url}`);
    if (incident) lines.push(`${t("report_status")}: ${t(`level_${incident.level}`)}, ${incident.status}`);
  } else {
    lines.push(`${t("report_incident")}: ${t("report_no_incident")}`);
  }
  const services = g.services?.length ? g.services.join(", ") : g.service_name ?? t("report_none");
  lines.push(`${t("report_services")}: ${services}`);
  if (verdict.data_at) lines.push(`${t("report_checked")}: ${localTime(verdict.data_at, now.getTime(), t)} (${verdict.freshness?.state ?? "?"})`);
  lines.push(`${t("report_browser")}: ${await browserName()}`);
  lines.push(`${t("report_extension")}: ${t("extName")} ${ext.runtime.getManifest().version}`);
  return lines.join("\n");
}

const actions = {
  notifyMe: (service) => ext.runtime.sendMessage({ type: "notify-me", service }),
  cancelNotify: (service) => ext.runtime.sendMessage({ type: "notify-cancel", service }),
  get pending() {
    return pending;
  },
  copyDetails: async () => {
    const text = await report(current ?? {});
    try {
      await navigator.clipboard.writeText(text);
      return { text, copied: true };
    } catch {
      return { text, copied: false };
    }
  },
  get offline() {
    return navigator.onLine === false;
  },
};

function render(verdict) {
  current = verdict ?? null;
  // Keep what the user opened (folded sections, focus) across a redraw.
  const open = new Set([...main.querySelectorAll("details[open]")].map(key));
  const closed = new Set([...main.querySelectorAll("details:not([open])")].map(key));
  const focused = document.activeElement?.id;
  // A day of the 90-day bars has no id: it is found again by its row and its date.
  const day = document.activeElement?.closest?.(".history-row li[data-day]");
  const row = day?.closest(".history-row");
  const dayAgain = day && (row.dataset.component
    ? `.history-row[data-component="${CSS.escape(row.dataset.component)}"] li[data-day="${CSS.escape(day.dataset.day)}"]`
    : `.history-row[data-group="${CSS.escape(row.dataset.group ?? "")}"] li[data-day="${CSS.escape(day.dataset.day)}"]`);
  if (!verdict) {
    main.replaceChildren();
    const h = document.createElement("h1");
    h.className = "overall";
    h.textContent = t("overall_none");
    main.append(h, checkRow);
    return;
  }
  const now = Date.now();
  renderStatus(main, verdict, { t, now, actions, brand: t("popup_title") });
  // Check now sits with the "checked … ago" line (or the notice that says how old it is).
  main.querySelector("[data-freshness]")?.append(" ", checkRow);
  if (!checkRow.isConnected) main.querySelector("h1")?.after(checkRow);
  const hidden = hiddenBanner(verdict);
  if (hidden) main.querySelector(":scope > .incidents")?.after(hidden);
  renderInsights(main, verdict, historyView, { t, locale, now });
  for (const d of main.querySelectorAll("details")) {
    if (open.has(key(d))) d.open = true;
    else if (closed.has(key(d))) d.open = false;
  }
  if (focused) document.getElementById(focused)?.focus();
  else if (dayAgain) focusDay(main.querySelector(dayAgain));
}

/** Focuses a day of the bars, making it its row's one Tab stop (the rows' roving tabindex). */
function focusDay(item) {
  if (!item) return;
  for (const other of item.parentElement.querySelectorAll('li[tabindex="0"]')) other.tabIndex = -1;
  item.tabIndex = 0;
  item.focus();
}

/** The banner the user hid while its problem goes on (the core's `dismissed`), with "Show the banner again". */
function hiddenBanner(verdict) {
  const pages = (verdict.pages ?? []).filter((p) => p.banner?.show && p.banner?.dismissed);
  if (!pages.length) return null;
  const button = el("button", { type: "button", id: "show-banner" }, t("popup_banner_show_again"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    for (const page of pages) await ext.runtime.sendMessage({ type: "undismiss", page: page.id }).catch(() => {});
  });
  return el("div", { class: "notice banner-hidden", "data-banner-hidden": pages.map((p) => p.id).join(" ") },
    el("p", {}, t("popup_banner_hidden", [pages[0].hosts?.[0] ?? "chatgpt.com"])), el("p", {}, button));
}

/** Asks the background which "notify me" requests the core holds. */
async function loadPending() {
  try {
    const answer = await ext.runtime.sendMessage({ type: "notify-pending" });
    pending = Array.isArray(answer) ? answer : [];
  } catch {
    pending = [];
  }
}

function key(details) {
  const owner = details.closest("[data-incident],[data-group]");
  return `${owner?.dataset.incident ?? owner?.dataset.group ?? ""}/${details.className}`;
}

Promise.all([ext.storage.local.get(["verdict", "history_view"]), loadPending()]).then(([{ verdict, history_view }]) => {
  historyView = history_view ?? null;
  render(verdict);
});
ext.storage.onChanged.addListener(async (changes, area) => {
  if (area !== "local") return;
  if (changes.history_view) historyView = changes.history_view.newValue ?? null;
  if (changes.notify) await loadPending();
  if (changes.verdict) render(changes.verdict.newValue);
  else if (changes.history_view || changes.notify) render(current);
});
// "checked 40 s ago" and the like stay true while the popup is open.
setInterval(() => tick(main, { t, now: Date.now() }), 5000);

const refresh = document.getElementById("refresh");
const said = document.getElementById("refresh-said");
refresh.addEventListener("click", async () => {
  refresh.disabled = true;
  refresh.setAttribute("aria-busy", "true");
  said.textContent = t("popup_checking");
  try {
    await ext.runtime.sendMessage({ type: "refresh" });
    said.textContent = t("popup_checked");
    setTimeout(() => (said.textContent = ""), 4000);
  } catch {
    said.textContent = t("popup_check_failed");
  } finally {
    refresh.disabled = false;
    refresh.removeAttribute("aria-busy");
  }
});

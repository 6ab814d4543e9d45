// History at a glance, shared by the popup and the www dashboard: the last days' incidents
// and 90 daily bars per watched group, as the core computed them (`history_view`, stored
// by the background; www keeps it in its localStorage record). This file only words and
// draws them: dates, durations and percentages through `Intl` in the `locale` passed in,
// every sentence a message, status-page text as text, links only to status.openai.com.
//
// The model functions (`historyModel`, `recentModel`) are pure and unit-tested
// (tests/unit/history.test.mjs); `renderHistory` and `renderRecent` lay the model out.
import { el, safeLink } from "./view.js";

export const LEVELS = ["operational", "degraded", "partial_outage", "major_outage", "maintenance", "unknown"];
/** The legend's order: what a bar can be, best first, then the two that are not a state of service. */
const LEGEND = ["operational", "degraded", "partial_outage", "major_outage", "maintenance", "no_data"];

const level = (value) => (LEVELS.includes(value) ? value : "unknown");
const finite = (ms) => typeof ms === "number" && Number.isFinite(ms) && Number.isFinite(new Date(ms).getTime());

/** "99.92%" in `locale`; null when there is no figure. `value` is a percentage (99.92). */
export function percentText(locale, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100);
}

/** "1 hr, 15 min" in `locale`: days and hours from a day on, hours and minutes below; at least a minute. */
export function durationText(locale, ms) {
  const mins = Math.max(1, Math.round(ms / 60_000));
  const parts = mins >= 1440
    ? { days: Math.floor(mins / 1440), hours: Math.floor((mins % 1440) / 60) }
    : { hours: Math.floor(mins / 60), minutes: mins % 60 };
  for (const unit of Object.keys(parts)) if (!parts[unit]) delete parts[unit];
  if (typeof Intl.DurationFormat === "function") return new Intl.DurationFormat(locale, { style: "short" }).format(parts);
  // Older engines (Node 20): the same words, unit by unit, listed the locale's way.
  const unitName = { days: "day", hours: "hour", minutes: "minute" };
  const words = Object.entries(parts).map(([unit, n]) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: unitName[unit], unitDisplay: "short" }).format(n));
  return new Intl.ListFormat(locale, { type: "unit", style: "short" }).format(words);
}

/** "2 December" (the day of a bar) in `locale`. */
export function dayText(locale, ms) {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long" }).format(new Date(ms));
}

/** "Dec 4, 14:05" (when an incident started) in `locale`. */
export function startText(locale, ms) {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(ms));
}

/** What one bar says, in words: "2 December: Partial outage — Conversations and Login". */
export function dayLabel(t, locale, day) {
  const date = dayText(locale, day.day);
  if (day.no_data) return t("history_day_no_data", [date]);
  const what = t(`level_${level(day.level)}`);
  const affected = (day.affected ?? []).filter((a) => typeof a === "string" && a);
  if (!affected.length) return t("history_day", [date, what]);
  return t("history_day_affected", [date, what, new Intl.ListFormat(locale, { type: "conjunction" }).format(affected)]);
}

function rowModel(t, locale, name, row) {
  const uptime = percentText(locale, row.uptime_90);
  return {
    name,
    uptime: uptime ? t("history_uptime", [uptime]) : t("history_uptime_none"),
    days: (row.days ?? []).filter((d) => finite(d?.day)).map((d) => ({
      day: d.day,
      level: d.no_data ? "no_data" : level(d.level),
      label: dayLabel(t, locale, d),
    })),
  };
}

/**
 * The bars, in words: per group its name, uptime figure and days (oldest first, each with
 * its level and its label), and the same for each of its components; and the note that
 * the history is old, when it is. Null when there is nothing to show.
 */
export function historyModel(view, { t, locale }) {
  const groups = (view?.groups ?? []).filter((g) => g?.days?.length);
  if (!groups.length) return null;
  return {
    // Old history says when it was last read (not when this view was made); none read yet, so.
    stale: view.stale ? (finite(view.fetched_at) ? t("history_as_of", [startText(locale, view.fetched_at)]) : t("history_unavailable")) : null,
    groups: groups.map((g) => ({
      ...rowModel(t, locale, g.name, g),
      components: (g.components ?? []).filter((c) => c?.days?.length).map((c) => ({ id: c.component_id, ...rowModel(t, locale, c.name, c) })),
    })),
  };
}

/** The recent incidents, newest first as the core ordered them, each said in words. */
export function recentModel(view, { t, locale, now }) {
  return (view?.recent_incidents ?? []).filter((i) => i && finite(i.started_at)).map((i) => {
    const what = t(`level_${level(i.level)}`);
    const started = startText(locale, i.started_at);
    const ongoing = !finite(i.ended_at);
    return {
      id: i.id,
      name: i.name,
      url: i.url,
      level: level(i.level),
      ongoing,
      started_at: i.started_at,
      meta: ongoing
        ? t("recent_meta_ongoing", [what, started, durationText(locale, Math.max(0, now - i.started_at))])
        : t("recent_meta", [what, started, durationText(locale, Math.max(0, i.ended_at - i.started_at))]),
    };
  });
}

// ---------------------------------------------------------------- drawing

/**
 * One row of bars as a list: each day an item named by its label, reachable by keyboard
 * with one Tab stop per row (roving tabindex: arrows, Home and End move between days), and
 * what the focused or hovered day says shown in `readout` for sighted users.
 */
function bars(row, label, readout) {
  const list = el("ol", { class: "days", "aria-label": label });
  const items = row.days.map((d, i) => {
    const item = el("li", { class: `day level-${d.level}`, tabindex: i === row.days.length - 1 ? "0" : "-1", "data-day": String(d.day), "data-level": d.level, title: d.label },
      el("span", { class: "sr" }, d.label));
    const show = () => (readout.textContent = d.label);
    item.addEventListener("focus", show);
    item.addEventListener("mouseenter", show);
    return item;
  });
  list.addEventListener("keydown", (event) => {
    const at = items.indexOf(document.activeElement);
    if (at < 0) return;
    const to = { ArrowLeft: at - 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = items[Math.max(0, Math.min(items.length - 1, to))];
    items[at].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  list.append(...items);
  return list;
}

function row(t, model, readout, { component = null } = {}) {
  const box = el("div", { class: component ? "history-row component" : "history-row", ...(component ? { "data-component": component } : { "data-group": model.name }) },
    el("p", { class: "row-head" }, el(component ? "span" : "strong", { class: "row-name" }, model.name), el("span", { class: "uptime" }, model.uptime)),
    bars(model, t("history_days_label", [model.name]), readout));
  return box;
}

/** The 90-day bars of `view` (a `history_view`), with legend, axis and uptime; null when there are none. */
export function renderHistory(t, view, { locale }) {
  const model = historyModel(view, { t, locale });
  if (!model) return null;
  const section = el("section", { class: "history", "aria-labelledby": "h-history" }, el("h2", { id: "h-history" }, t("history_title")));
  if (model.stale) section.append(el("p", { class: "muted history-stale" }, model.stale));
  const legend = el("ul", { class: "legend", "aria-label": t("history_legend") },
    ...LEGEND.map((l) => el("li", {}, el("span", { class: `swatch level-${l}`, "aria-hidden": "true" }), t(l === "no_data" ? "history_no_data" : `level_${l}`))));
  const readout = el("p", { class: "readout muted" });
  section.append(legend);
  for (const group of model.groups) {
    const box = row(t, group, readout);
    box.append(el("p", { class: "axis muted", "aria-hidden": "true" }, el("span", {}, t("history_axis_start")), el("span", {}, t("history_axis_end"))));
    if (group.components.length) {
      const open = el("details", { class: "history-components" }, el("summary", {}, t("history_components", [group.name, String(group.components.length)])));
      for (const c of group.components) open.append(row(t, c, readout, { component: c.id }));
      box.append(open);
    }
    section.append(box);
  }
  section.append(readout);
  return section;
}

/** The last days' incidents of `view`, newest first; says so when there were none. Null without a view. */
export function renderRecent(t, view, { locale, now = Date.now() }) {
  if (!view || !Array.isArray(view.recent_incidents)) return null;
  const items = recentModel(view, { t, locale, now });
  const section = el("section", { class: "recent", "aria-labelledby": "h-recent" }, el("h2", { id: "h-recent" }, t("recent_title")));
  if (!items.length) {
    section.append(el("p", { class: "muted" }, t("recent_none")));
    return section;
  }
  const list = el("ol", { class: "recent-list" });
  for (const i of items) {
    list.append(el("li", { class: `recent-incident level-${i.level}`, "data-recent-incident": i.id, "data-ongoing": String(i.ongoing) },
      el("span", { class: "recent-name" }, safeLink(i.url, i.name)),
      el("span", { class: "meta" }, i.meta)));
  }
  section.append(list);
  return section;
}

// The popup's (and www dashboard's) answers to "how long will it last?", "is it just me?"
// and "how reliable is it?". Everything here was decided by the core (src/decide/history.rs,
// src/decide/signals.rs); this only lays it out. Text only; links are our own fixed ones.
import { el } from "./view.js";
import "./l10n.js";

const L = globalThis.OutageRadarL10n;

const LEVELS = ["operational", "degraded", "partial_outage", "major_outage", "maintenance", "unknown"];

/** "47 min", "1 hr, 5 min", in the language `t` speaks. */
const minutes = (t, mins) => L.intl(t).minutes(mins);

/** An uptime given in hundredths of a percent (9972 → 99.72 %), in the language `t` speaks. */
const percent = (t, hundredths) => L.intl(t).percent(hundredths / 10000);

/** "Incidents affecting Conversations over the last 90 days lasted a median of 47 min…" */
function estimates(t, verdict) {
  const items = (verdict.incidents ?? []).filter((i) => i.estimate?.count);
  if (!items.length) return null;
  const section = el("section", { class: "estimates", "aria-labelledby": "h-estimates" }, el("h2", { id: "h-estimates" }, t("insights_how_long")));
  for (const incident of items) {
    const e = incident.estimate;
    const what = el("bdi", { lang: "en" }, incident.components?.length ? incident.components.join(", ") : incident.name);
    const f = L.intl(t);
    const said = f.plural("estimate_full", e.count, ["\uE000", f.unit(e.window_days, "day"), minutes(t, e.median_mins), minutes(t, e.p25_mins), minutes(t, e.p75_mins), f.number(e.count)]);
    const [before, after = ""] = said.split("\uE000");
    section.append(el("p", { class: "estimate", "data-estimate-for": incident.id }, before, what, after));
  }
  return section;
}

const CAUSES = {
  your_network: ["just_me_network", "just_me_network_how"],
  not_yet_reported: ["just_me_unreported", "just_me_unreported_how"],
  account_or_browser: ["just_me_account", "just_me_account_how"],
};

/** The likely causes, most likely first, with how to tell them apart. */
function justMe(t, verdict) {
  const answer = verdict.just_me;
  if (!answer) return null;
  const section = el("section", { class: "just-me", "aria-labelledby": "h-just-me" },
    el("h2", { id: "h-just-me" }, t("just_me_title")),
    el("p", {}, t(answer.offline ? "just_me_offline" : "just_me_intro")));
  const list = el("ol", { class: "causes" });
  for (const cause of answer.causes ?? []) {
    const keys = CAUSES[cause];
    if (!keys) continue;
    list.append(el("li", { "data-cause": cause }, el("strong", {}, t(keys[0])), " ", t(keys[1])));
  }
  section.append(list, el("p", { class: "muted" }, t("just_me_private")));
  return section;
}

/** Daily bars and uptime of the watched components over 90 days. */
function reliability(t, rows) {
  if (!rows?.length) return null;
  const section = el("section", { class: "reliability", "aria-labelledby": "h-reliability" }, el("h2", { id: "h-reliability" }, t("insights_reliability")));
  for (const row of rows) {
    const summary = t("reliability_summary", [L.isolate(t, row.name), percent(t, row.uptime_30), percent(t, row.uptime_90)]);
    const details = el("details", { class: "component-reliability", "data-component": row.component_id });
    details.append(el("summary", {}, ...L.nodes(t, "reliability_summary", [el("bdi", { lang: "en" }, row.name), percent(t, row.uptime_30), percent(t, row.uptime_90)])));
    const bars = el("div", { class: "bars", role: "img", "aria-label": summary });
    for (const day of row.days ?? []) {
      const level = LEVELS.includes(day.level) ? day.level : "unknown";
      const date = L.intl(t).date(new Date(day.day).getTime(), { dateStyle: "medium" });
      const title = day.down_mins ? `${date}: ${t(`level_${level}`)}, ${minutes(t, day.down_mins)}` : `${date}: ${t(`level_${level}`)}`;
      bars.append(el("span", { class: `bar level-${level}`, title }));
    }
    details.append(bars);
    section.append(details);
  }
  return section;
}

/** Appends the insight sections that apply to `container`. */
export function renderInsights(container, verdict, reliabilityRows, { t }) {
  for (const section of [justMe(t, verdict), estimates(t, verdict), reliability(t, reliabilityRows)]) {
    if (section) container.append(section);
  }
}

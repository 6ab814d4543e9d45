// The popup's (and www dashboard's) answers to "how long will it last?", "is it just me?"
// and, through history.js, "how reliable has it been?". Everything here was decided by the
// core (src/decide/history.rs, src/decide/signals.rs); this only lays it out. Text only; links are our own fixed ones.
import { el } from "./view.js";
import { renderHistory, renderRecent } from "./history.js";
import "./l10n.js";

const L = globalThis.OutageRadarL10n;

/** "47 min", "1 hr, 5 min", in the language `t` speaks. */
const minutes = (t, mins) => L.intl(t).minutes(mins);

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

/**
 * Appends the insight sections that apply to `container`, before its list of groups (what
 * each component is doing now, the longest part): "is it just me?", "how long will it
 * last?", then the last days' incidents and the 90-day bars of `historyView` (the core's
 * `history_view`), as issue 21 orders the popup.
 */
export function renderInsights(container, verdict, historyView, { t, locale, now = Date.now() }) {
  const sections = [justMe(t, verdict), estimates(t, verdict), renderRecent(t, historyView, { locale, now }), renderHistory(t, historyView, { locale })];
  const groups = container.querySelector(":scope > .groups");
  for (const section of sections) {
    if (!section) continue;
    if (groups) groups.before(section);
    else container.append(section);
  }
}

// Renders a verdict (decided by the Rust core) as DOM. Shared by the popup and the www
// dashboard, so both show the same thing. Text only: everything from the status page goes
// in through text nodes, and links only ever point at https://status.openai.com/ (or at the
// fixed help and community pages named below).
// Every number, time and date goes through l10n.js's Intl formatters in the language `t`
// speaks; OpenAI's own words (incident names, updates, service names) stay English, marked
// `lang="en"` and isolated in their own direction.
//
// `t(key, substitutions)` is the i18n lookup: chrome.i18n.getMessage in the extension, a
// reader of the same _locales file on the web page.
//
// What to say and in which order is the core's: the verdict's `guidance` lists the steps
// and their facts (src/decide/guidance.rs), groups and components come worst first. This file
// words and draws them.

import "./l10n.js";

const L = globalThis.OutageRadarL10n;
const STATUS_ORIGIN = "https://status.openai.com/";
/** Attributes of an element that holds OpenAI's own (English) words. */
const OPENAI = { lang: "en", dir: "auto" };
const HELP_URL = "https://help.openai.com/";
const DOWNDETECTOR_URL = "https://downdetector.com/status/openai/";
/** OpenAI's official accounts on X, where it also posts about outages. */
const OFFICIAL_ACCOUNTS = [
  ["@OpenAI", "https://x.com/OpenAI"],
  ["@ChatGPTapp", "https://x.com/ChatGPTapp"],
];
const ICONS = { operational: "✓", degraded: "!", partial_outage: "!", major_outage: "✕", maintenance: "⚙", unknown: "?" };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export function safeLink(url, text) {
  if (typeof url !== "string" || !url.startsWith(STATUS_ORIGIN)) return el("span", {}, text);
  return externalLink(url, text);
}

/** A link to one of the fixed https pages this file names (never status-page text). */
function externalLink(url, text) {
  return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
}

/** "12 minutes ago", in the language `t` speaks. */
export function ago(t, thenMs, nowMs) {
  return L.intl(t).relative(Math.min(thenMs, nowMs), nowMs);
}

/** "in 58 minutes" for a time ahead (at least a minute ahead: it is still to come). */
function ahead(t, thenMs, nowMs) {
  return L.intl(t).relative(Math.max(thenMs, nowMs + 60000), nowMs);
}

/**
 * The local clock time, with the date when it is not today, in the language `t` speaks
 * (without `t`, the browser's default).
 */
export function localTime(ms, nowMs = Date.now(), t = null) {
  if (t) return L.intl(t).clock(ms, nowMs);
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return "?";
  const sameDay = d.toDateString() === new Date(nowMs).toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/**
 * A relative time ("12 min ago", or "in 20 min" with `future`) that `tick` keeps current,
 * with the local date and time on hover and for assistive technology via `datetime`.
 */
function time(t, ms, nowMs, { future = false, wrap = null } = {}) {
  if (!Number.isFinite(new Date(ms).getTime())) return t("time_unknown");
  const node = el("time", {
    datetime: new Date(ms).toISOString(),
    title: L.intl(t).dateTime(ms),
    "data-at": String(ms),
    ...(future ? { "data-future": "" } : {}),
    ...(wrap ? { "data-wrap": wrap } : {}),
  });
  node.textContent = relative(t, node, nowMs);
  return node;
}

function relative(t, node, nowMs) {
  const at = Number(node.dataset.at);
  const text = node.hasAttribute("data-future") ? ahead(t, at, nowMs) : ago(t, at, nowMs);
  return node.dataset.wrap ? t(node.dataset.wrap, [text]) : text;
}

/** Brings every relative time in `container` up to `now` (the popup calls it every few seconds). */
export function tick(container, { t, now = Date.now() }) {
  for (const node of container.querySelectorAll("time[data-at]")) {
    const text = relative(t, node, now);
    if (node.textContent !== text) node.textContent = text;
  }
}

/** A translated word for a status-page value, or the value itself when we have none. */
function statusWord(t, status) {
  if (!status) return "";
  const key = `incident_status_${status}`;
  const said = t(key);
  return said && said !== key ? said : status;
}

function overallLine(t, verdict) {
  const level = verdict.overall;
  if (verdict.freshness?.state === "none") return t("overall_none");
  if (level === "operational") return t("overall_operational");
  if (level === "maintenance") return t("overall_maintenance");
  if (level === "unknown") return t("overall_unknown");
  return t("overall_problem", [t(`level_${level}`)]);
}

/** Fresh data: when it was checked. Otherwise a notice saying what went wrong, and that what follows is the last known status. */
function freshnessBlock(t, verdict, nowMs) {
  const f = verdict.freshness ?? {};
  const since = verdict.data_at ? time(t, verdict.data_at, nowMs) : null;
  const notice = (kind, title, ...body) =>
    el("div", { class: `notice freshness ${kind}`, role: "status", "data-freshness": f.state }, el("strong", {}, title), ...body);
  const lastKnown = () => (since ? el("p", {}, ...L.nodes(t, "fresh_last_known_ago", [since])) : el("p", {}, t("fresh_nothing_known")));
  // How the status page fails, as the core named it: an HTTP error is not "no answer", a
  // rate limit is not the network, only "offline" is the user's connection.
  const failed = f.failure ? t(`fresh_failure_${f.failure}`, [String(f.last_error?.status ?? "")]) : null;
  switch (f.state) {
    case "unreachable":
      return notice("warn", failed ?? t("fresh_unreachable_title"), el("p", {}, t(failed ? "fresh_failing_text" : "fresh_unreachable_text")), lastKnown());
    case "unreadable":
      return notice("warn", failed ?? t("fresh_unreadable_title"), el("p", {}, t("fresh_unreadable_text")), lastKnown());
    case "stale":
      return notice("warn", failed ?? t("fresh_stale_title"), lastKnown());
    case "none":
      return notice("warn", t("fresh_never"));
    default: {
      const p = el("p", { class: "freshness", "data-freshness": f.state ?? "fresh" },
        ...L.nodes(t, "checked_ago", [verdict.checked_at ? time(t, verdict.checked_at, nowMs) : "?"]));
      if (verdict.source === "compat") p.append(" ", t("source_compat"));
      return p;
    }
  }
}

/** The data reports an ongoing incident but its newest time is implausibly old (decided by the core: `old_data_at`). */
function oldDataNotice(t, verdict) {
  const at = new Date(verdict.old_data_at ?? NaN);
  if (!Number.isFinite(at.getTime())) return null;
  const date = L.intl(t).date(at.getTime());
  return el("p", { class: "notice warn old-data", role: "note", "data-old-data": "" }, t("old_data", [date]));
}

function incidentArticle(t, incident, nowMs) {
  const item = el("article", { class: `incident level-${incident.level}`, "data-incident": incident.id });
  item.append(el("h3", OPENAI, safeLink(incident.url, incident.name)));
  const meta = el("p", { class: "meta" }, `${t(`level_${incident.level}`)} · ${statusWord(t, incident.status)}`);
  if (incident.started_at) meta.append(" · ", ...L.nodes(t, "incident_started_ago", [time(t, incident.started_at, nowMs)]));
  item.append(meta);
  item.append(
    incident.components?.length ? el("p", { class: "components", ...OPENAI }, incident.components.join(", ")) : el("p", { class: "components" }, t("incident_scope_unclear")),
  );
  // The timeline, latest first: the newest update in full view, the earlier ones folded.
  const updates = incident.updates?.length ? incident.updates : incident.latest_update ? [incident.latest_update] : [];
  const entry = (u) => {
    const li = el("li", { class: "update" });
    const head = el("span", { class: "when" });
    if (u.at) head.append(time(t, u.at, nowMs));
    if (u.status) head.append(head.childNodes.length ? " · " : "", statusWord(t, u.status));
    li.append(head, el("p", OPENAI, u.text ?? ""));
    return li;
  };
  if (updates.length) {
    item.append(el("ol", { class: "timeline", "aria-label": t("incident_timeline") }, entry(updates[0])));
    if (updates.length > 1) {
      const more = el("details", { class: "earlier" }, el("summary", {}, t("incident_earlier", [L.intl(t).number(updates.length - 1)])));
      more.append(el("ol", { class: "timeline" }, ...updates.slice(1).map(entry)));
      item.append(more);
    }
  }
  return item;
}

function maintenanceArticle(t, m, nowMs) {
  const meta = el("p", { class: "meta" }, m.in_progress ? t("maintenance_in_progress") : t("maintenance_scheduled"));
  if (m.in_progress && m.overrun && m.ends_at) meta.append(" · ", el("strong", { class: "overrun" }, t("maintenance_overrun", [localTime(m.ends_at, nowMs, t)])));
  else if (m.in_progress && m.ends_at) meta.append(" · ", t("maintenance_ends", [localTime(m.ends_at, nowMs, t)]), " (", time(t, m.ends_at, nowMs, { future: true }), ")");
  else if (!m.in_progress && m.starts_at) {
    meta.append(" · ", t("maintenance_starts", [localTime(m.starts_at, nowMs, t)]), " (", time(t, m.starts_at, nowMs, { future: true }), ")");
    if (m.ends_at) meta.append(" · ", t("maintenance_until", [localTime(m.ends_at, nowMs, t)]));
  }
  return el(
    "article",
    { class: `maintenance level-maintenance`, "data-maintenance": m.id, "data-in-progress": String(Boolean(m.in_progress)), "data-overrun": String(Boolean(m.overrun)) },
    el("h3", OPENAI, safeLink(m.url, m.name)),
    meta,
    m.components?.length ? el("p", { class: "components", ...OPENAI }, m.components.join(", ")) : null,
  );
}

function groupBlock(t, group) {
  const details = el("details", { class: `group level-${group.level}`, "data-group": group.name });
  // Operational groups stay folded: what needs attention comes first and open.
  if (group.level !== "operational") details.open = true;
  details.append(
    el("summary", {}, el("span", { class: "dot", "aria-hidden": "true" }), el("bdi", { lang: "en" }, group.name), ` — ${t(`level_${group.level}`)}`),
  );
  // A component the compat summary left out is "not reported" (the core counts it by the
  // page's headline: src/decide/assess.rs), never "status unknown".
  const line = (c) =>
    c.not_reported
      ? el("li", { class: `level-${c.level} not-reported`, "data-level": c.level }, ...L.nodes(t, "component_not_reported", [el("bdi", { lang: "en" }, c.name)]))
      : el("li", { class: `level-${c.level}`, "data-level": c.level }, el("bdi", { lang: "en" }, c.name), `: ${t(`level_${c.level}`)}`);
  const components = group.components ?? [];
  const notOk = components.filter((c) => c.level !== "operational");
  const ok = components.filter((c) => c.level === "operational");
  if (group.level === "operational" || notOk.length === 0) {
    details.append(el("ul", {}, ...components.map(line)));
  } else {
    details.append(el("ul", {}, ...notOk.map(line)));
    if (ok.length) {
      const rest = el("details", { class: "operational-rest" }, el("summary", {}, L.intl(t).plural("group_operational_rest", ok.length, [L.intl(t).number(ok.length)])));
      rest.append(el("ul", {}, ...ok.map(line)));
      details.append(rest);
    }
  }
  return details;
}

// ---------------------------------------------------------------- the guide

function step(kind, title, ...body) {
  return el("li", { class: `step step-${kind}`, "data-step": kind }, el("strong", { class: "step-title" }, title), ...body);
}

function guideStep(t, kind, g, verdict, nowMs, actions) {
  switch (kind) {
    case "confirm": {
      const links = el("p", {}, externalLink(STATUS_ORIGIN, "status.openai.com"));
      if (g.incident_url?.startsWith(STATUS_ORIGIN)) links.append(" · ", externalLink(g.incident_url, t("guide_incident_page")));
      return step(kind, t(g.situation === "no_data" ? "guide_confirm_nodata" : "guide_confirm_title"), links,
        el("p", { class: "muted" }, t("guide_confirm_lag")));
    }
    case "others": {
      const search = `https://x.com/search?q=${encodeURIComponent(`"${g.search || "ChatGPT down"}"`)}&f=live`;
      const links = el("p", {}, externalLink(search, t("guide_x_search_for", [g.search || "ChatGPT down"])), " · ",
        externalLink(DOWNDETECTOR_URL, "Downdetector"));
      const accounts = el("p", {}, t("guide_official"), " ");
      // "@OpenAI" keeps its @ in front in a right-to-left language too.
      OFFICIAL_ACCOUNTS.forEach(([name, url], i) => {
        const link = externalLink(url, name);
        link.dir = "ltr";
        accounts.append(i ? ", " : "", link);
      });
      return step(kind, t("guide_others_title"), links, accounts);
    }
    case "wait": {
      const body = [];
      if (g.until) {
        body.push(el("p", { class: "until" }, t("guide_until", [localTime(g.until, nowMs, t)]), " (", time(t, g.until, nowMs, { future: true }), ")"));
      }
      body.push(el("p", {}, t("guide_no_hammering")));
      if (g.notify_service && actions?.notifyMe) body.push(notifyMeBlock(t, g, actions));
      return step(kind, t(g.situation === "maintenance" ? "guide_wait_maintenance" : "guide_wait_title"), ...body);
    }
    case "support": {
      const body = [el("p", {}, t("guide_support_text"), " ", externalLink(HELP_URL, "help.openai.com"))];
      if (actions?.copyDetails) {
        const said = el("p", { class: "said", role: "status" });
        const shown = el("textarea", { id: "report", readonly: "", rows: "7", "aria-label": t("guide_copy_label") });
        shown.hidden = true;
        const button = el("button", { type: "button", id: "copy-details" }, t("guide_copy"));
        button.addEventListener("click", async () => {
          const { text, copied } = await actions.copyDetails();
          shown.value = text;
          shown.hidden = false;
          said.textContent = copied ? t("guide_copied") : t("guide_copy_failed");
          if (!copied) shown.select();
        });
        body.push(el("p", {}, button), said, shown);
      }
      return step(kind, t("guide_support_title"), ...body);
    }
    case "elsewhere": {
      const title = g.service_name ? L.nodes(t, "guide_elsewhere_title", [el("bdi", { lang: "en" }, g.service_name)]) : [t("guide_elsewhere_generic")];
      const body = [el("p", {}, t("guide_elsewhere_text"))];
      if (g.incident_url?.startsWith(STATUS_ORIGIN)) body.push(el("p", {}, externalLink(g.incident_url, t("guide_incident_page"))));
      return step(kind, el("span", {}, ...title), ...body);
    }
    case "self_check": {
      const list = el("ul", {},
        el("li", {}, t("guide_check_other_site")),
        el("li", {}, t("guide_check_private")),
        el("li", {}, t("guide_check_site_data")),
        el("li", {}, t("guide_check_network")));
      const body = [list];
      if (actions?.offline) body.unshift(el("p", { class: "warn-text" }, t("guide_offline_now")));
      return step(kind, t("guide_self_check_title"), ...body);
    }
    default:
      return null;
  }
}

/**
 * "Notify me when it's back", showing its state: a request the core holds for this service
 * (`actions.pending`, from the background) reads "You'll get a notification…" with Cancel;
 * otherwise the button. Each click redraws the block in its new state.
 */
function notifyMeBlock(t, g, actions) {
  const block = el("div", { class: "notify-me", "data-service": g.notify_service });
  // OpenAI's service name stays as OpenAI writes it, marked English inside another language.
  const named = (key) => (g.service_name ? L.nodes(t, key, [el("bdi", { lang: "en" }, g.service_name)]) : [t(key, [t("banner_services_generic")])]);
  const said = el("p", { class: "said", role: "status" });
  // What the last click got is kept with the actions (the popup's, for as long as it is
  // open), so the redraw the click itself causes doesn't wipe it.
  const notes = (actions.notes ??= {});
  const draw = (pending, message = "") => {
    notes[g.notify_service] = message;
    said.textContent = message;
    if (pending) {
      const cancel = el("button", { type: "button", id: "notify-cancel" }, t("guide_notify_me_cancel"));
      cancel.addEventListener("click", async () => {
        cancel.disabled = true;
        let answer = null;
        try {
          answer = await actions.cancelNotify(g.notify_service);
        } catch {}
        if (answer?.ok) draw(false, t("guide_notify_me_cancelled"));
        else draw(true, t("guide_notify_me_failed"));
      });
      // The state itself is what the status line says, so a redraw keeps saying it.
      if (!message) said.replaceChildren(...named("guide_notify_me_pending"));
      said.classList.add("notify-pending");
      block.replaceChildren(said, el("p", {}, cancel));
      return;
    }
    said.classList.remove("notify-pending");
    const button = el("button", { type: "button", id: "notify-me", "data-service": g.notify_service }, ...named("guide_notify_me"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      let answer = null;
      try {
        answer = await actions.notifyMe(g.notify_service);
      } catch {}
      if (answer?.ok) draw(true);
      else draw(false, t(`guide_notify_me_${answer?.refusal ?? "failed"}`));
    });
    block.replaceChildren(el("p", {}, button), said);
  };
  draw(Boolean(actions.pending?.some((p) => p.service === g.notify_service)), notes[g.notify_service] ?? "");
  return block;
}

/** The guide: the situation in one line, the likely cause, then the steps in the core's order. */
export function renderGuidance(t, verdict, { now = Date.now(), actions = null } = {}) {
  const g = verdict.guidance;
  if (!g?.steps?.length) return null;
  const section = el("section", { class: "guidance", "aria-labelledby": "h-guidance", "data-situation": g.situation },
    el("h2", { id: "h-guidance" }, t("guide_title")));
  section.append(el("p", { class: "situation" }, t(`guide_situation_${g.situation}`)));
  if (g.stale) section.append(el("p", { class: "warn-text" }, t("guide_stale")));
  if (g.cause) section.append(el("p", { class: "cause", "data-cause": g.cause }, t(`cause_${g.cause}`)));
  const list = el("ol", { class: "steps" });
  for (const kind of g.steps) {
    const item = guideStep(t, kind, g, verdict, now, actions);
    if (item) list.append(item);
  }
  section.append(list);
  return section;
}

/**
 * Fills `container` with the status picture of `verdict`.
 * `actions` (optional, the popup's): `notifyMe(service)` → {ok, refusal}, `pending` (the
 * "notify me" requests waiting) and `cancelNotify(service)` → {ok}, `copyDetails()` →
 * {text, copied}, `offline` (the browser says so); without them those buttons are left out.
 */
export function renderStatus(container, verdict, { t, now = Date.now(), actions = null, brand = null }) {
  container.replaceChildren();
  const level = verdict.freshness?.state === "none" ? "unknown" : verdict.overall ?? "unknown";
  container.append(
    el("h1", { class: `overall level-${level}`, "data-level": verdict.overall },
      el("span", { class: "icon", "aria-hidden": "true" }, ICONS[level] ?? "?"),
      // The popup names the product on the status's own line (`brand`).
      brand ? el("span", { class: "brand" }, brand) : null,
      el("span", { class: "overall-text" }, overallLine(t, verdict))),
    freshnessBlock(t, verdict, now),
  );
  const old = oldDataNotice(t, verdict);
  if (old) container.append(old);

  const incidents = el("section", { class: "incidents", "aria-labelledby": "h-incidents" }, el("h2", { id: "h-incidents" }, t("popup_incidents")));
  if (!verdict.incidents?.length) incidents.append(el("p", { class: "muted" }, t("popup_no_incidents")));
  for (const incident of verdict.incidents ?? []) incidents.append(incidentArticle(t, incident, now));
  container.append(incidents);

  if (verdict.maintenances?.length) {
    const section = el("section", { class: "maintenances", "aria-labelledby": "h-maintenances" }, el("h2", { id: "h-maintenances" }, t("popup_maintenances")));
    // In progress first, then upcoming by start.
    const sorted = [...verdict.maintenances].sort((a, b) => Number(b.in_progress) - Number(a.in_progress));
    for (const m of sorted) section.append(maintenanceArticle(t, m, now));
    container.append(section);
  }

  const guide = renderGuidance(t, verdict, { now, actions });
  if (guide) container.append(guide);

  const groups = el("section", { class: "groups", "aria-labelledby": "h-groups" }, el("h2", { id: "h-groups" }, t("popup_groups")));
  for (const group of verdict.groups ?? []) groups.append(groupBlock(t, group));
  container.append(groups);
}

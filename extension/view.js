// Renders a verdict (decided by the Rust core) as DOM. Shared by the popup and the www
// dashboard, so both show the same thing. Text only: everything from the status page goes
// in through text nodes, and links only ever point at https://status.openai.com/.
//
// `t(key, substitutions)` is the i18n lookup: chrome.i18n.getMessage in the extension, a
// reader of the same _locales file on the web page.

const STATUS_ORIGIN = "https://status.openai.com/";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function safeLink(url, text) {
  if (typeof url !== "string" || !url.startsWith(STATUS_ORIGIN)) return el("span", {}, text);
  return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
}

export function ago(t, thenMs, nowMs) {
  const secs = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (secs < 10) return t("ago_now");
  if (secs < 60) return t("ago_seconds", [String(secs)]);
  if (secs < 3600) return t("ago_minutes", [String(Math.floor(secs / 60))]);
  if (secs < 86400) return t("ago_hours", [String(Math.floor(secs / 3600))]);
  return t("ago_days", [String(Math.floor(secs / 86400))]);
}

function time(t, ms, nowMs) {
  const node = el("time", { datetime: new Date(ms).toISOString(), title: new Date(ms).toLocaleString() }, ago(t, ms, nowMs));
  return node;
}

function overallLine(t, verdict) {
  const level = verdict.overall;
  if (verdict.freshness?.state === "none") return t("overall_none");
  if (level === "operational") return t("overall_operational");
  if (level === "maintenance") return t("overall_maintenance");
  if (level === "unknown") return t("overall_unknown");
  return t("overall_problem", [t(`level_${level}`)]);
}

function freshnessLine(t, verdict, nowMs) {
  const f = verdict.freshness ?? {};
  const since = verdict.data_at ? ago(t, verdict.data_at, nowMs) : null;
  switch (f.state) {
    case "stale":
      return el("p", { class: "freshness warn", role: "status" }, t("fresh_stale", [since ?? "?"]));
    case "unreachable":
      return el("p", { class: "freshness warn", role: "status" }, since ? t("fresh_unreachable", [since]) : t("fresh_never"));
    case "unreadable":
      return el("p", { class: "freshness warn", role: "status" }, since ? t("fresh_unreadable", [since]) : t("fresh_never"));
    case "none":
      return el("p", { class: "freshness warn", role: "status" }, t("fresh_never"));
    default: {
      const p = el("p", { class: "freshness" }, t("checked_ago", [ago(t, verdict.checked_at, nowMs)]));
      if (verdict.source === "compat") p.append(" ", t("source_compat"));
      return p;
    }
  }
}

/** Fills `container` with the status picture of `verdict`. */
export function renderStatus(container, verdict, { t, now = Date.now() }) {
  container.replaceChildren();
  container.append(
    el("h1", { class: `overall level-${verdict.overall}`, "data-level": verdict.overall }, overallLine(t, verdict)),
    freshnessLine(t, verdict, now),
  );

  const incidents = el("section", { class: "incidents", "aria-labelledby": "h-incidents" }, el("h2", { id: "h-incidents" }, t("popup_incidents")));
  if (!verdict.incidents?.length) incidents.append(el("p", { class: "muted" }, t("popup_no_incidents")));
  for (const incident of verdict.incidents ?? []) {
    const item = el("article", { class: `incident level-${incident.level}`, "data-incident": incident.id });
    item.append(el("h3", {}, safeLink(incident.url, incident.name)));
    const meta = el("p", { class: "meta" }, `${t(`level_${incident.level}`)} · ${incident.status}`);
    item.append(meta);
    item.append(
      el("p", { class: "components" }, incident.components?.length ? incident.components.join(", ") : t("incident_scope_unclear")),
    );
    if (incident.latest_update) {
      const update = el("p", { class: "update" }, incident.latest_update.text ?? "");
      if (incident.latest_update.at) update.append(" ", time(t, incident.latest_update.at, now));
      item.append(update);
    }
    incidents.append(item);
  }
  container.append(incidents);

  if (verdict.maintenances?.length) {
    const section = el("section", { class: "maintenances" }, el("h2", {}, t("popup_maintenances")));
    for (const m of verdict.maintenances) {
      const when =
        m.starts_at && m.ends_at
          ? t("maintenance_window", [new Date(m.starts_at).toLocaleString(), new Date(m.ends_at).toLocaleString()])
          : "";
      section.append(
        el(
          "article",
          { class: "maintenance" },
          el("h3", {}, safeLink(m.url, m.name)),
          el("p", { class: "meta" }, `${m.in_progress ? t("maintenance_in_progress") : t("maintenance_scheduled")} ${when}`),
        ),
      );
    }
    container.append(section);
  }

  const groups = el("section", { class: "groups" }, el("h2", {}, t("popup_groups")));
  for (const group of verdict.groups ?? []) {
    const details = el("details", { class: `group level-${group.level}`, "data-group": group.name });
    if (group.level !== "operational") details.open = true;
    details.append(el("summary", {}, el("span", { class: "dot", "aria-hidden": "true" }), `${group.name} — ${t(`level_${group.level}`)}`));
    const list = el("ul", {});
    for (const c of group.components ?? []) {
      list.append(el("li", { class: `level-${c.level}` }, `${c.name}: ${t(`level_${c.level}`)}`));
    }
    details.append(list);
    groups.append(details);
  }
  container.append(groups);
}

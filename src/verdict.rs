//! The decision: what each user should be told, as a pure function of
//! (snapshot, fetch state, settings, now).
//!
//! The [`Verdict`] is stored by the extension and read by plain-JS content scripts
//! and the popup, so its field names are an interface: snake_case, and all the
//! logic lives here (the JS picks `pages[i]` by host and path prefix and renders).
//!
//! Decisions (see also the docs on each item):
//! - **Keyed by id.** Page services resolve to component ids at run time
//!   ([`crate::pages`]); an incident touches a page when one of its component ids
//!   is a visible component of the page's services. The API "Login" never raises
//!   the ChatGPT banner, the ChatGPT "Login" always does.
//! - **Hidden** groups and components (and components inside hidden groups) count
//!   for nothing; incidents whose known components are all hidden are left out.
//! - **Scope unclear**: an ongoing incident that lists no component, or only ids
//!   the snapshot does not know, is shown on *every* page with `scope_unclear`.
//!   When a page's services match nothing in the snapshot (e.g. compat data with
//!   no group structure), every ongoing incident is scope-unclear for that page.
//! - **Incident level** in the view is the *effective* level: the derived level,
//!   except that an unknown level (and, for scope-unclear incidents, operational)
//!   becomes degraded: an open incident we cannot read is never "all clear" and
//!   never red.
//! - **Banner threshold**: an item shows when its level is not operational and its
//!   severity ≥ `banner_min_level`; maintenance (ranked below unknown) is shown
//!   whenever `banner_min_level` is degraded or lower, i.e. by default.
//! - **Freshness** ([`Freshness`]): banners only show from fresh data or stale data
//!   at most [`BANNER_MAX_AGE_MS`] old; otherwise `show` is false and the badge
//!   says "?".

use crate::guidance::{self, Guidance};
use crate::history::Estimate;
use crate::ids::{IdMap, IdSet};
use crate::level::Level;
use crate::model::{Incident, Maintenance, Placed, Snapshot, SourceKind, Update};
use crate::pages::{rule_for_url, PageRule, DEFAULT_PAGE_URL, PAGE_RULES};
use crate::settings::Settings;
use crate::signals::JustMe;
use crate::source::{FetchError, STATUS_BASE};
use crate::state::FetchState;
use crate::time::MINUTE_MS;

/// Data older than this is "stale" even without failures (polling is ~1–5 min).
pub const STALE_AFTER_MS: i64 = 15 * MINUTE_MS;
/// Stale data older than this no longer drives banners (old news is not shown as
/// current) and the badge says "?".
pub const BANNER_MAX_AGE_MS: i64 = 60 * MINUTE_MS;
/// Updates kept per incident in the verdict (it is stored in extension storage).
pub const UPDATES_KEPT: usize = 20;
/// Id of the synthetic group holding top-level (ungrouped) components.
pub const UNGROUPED_ID: &str = "_ungrouped";

/// How trustworthy the data behind a verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FreshnessState {
    /// Last fetch succeeded less than [`STALE_AFTER_MS`] ago.
    Fresh,
    /// Data exists but the last fetch(es) failed (fewer than
    /// `stale_after_failures`), or it is older than [`STALE_AFTER_MS`], or its age
    /// is unknown.
    Stale,
    /// ≥ `stale_after_failures` consecutive failures, the last one offline, timeout
    /// or HTTP. Takes precedence over `none`.
    Unreachable,
    /// ≥ `stale_after_failures` consecutive failures, the last one not JSON, wrong
    /// shape or too large: the server answers but we cannot read it.
    Unreadable,
    /// Never had data.
    #[default]
    None,
}
crate::wire::names!(FreshnessState { Fresh = "fresh", Stale = "stale", Unreachable = "unreachable", Unreadable = "unreadable", None = "none" });

impl FreshnessState {
    /// Fresh or stale: the data can be shown (as of its age).
    pub fn usable(self) -> bool {
        matches!(self, FreshnessState::Fresh | FreshnessState::Stale)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Freshness {
    pub state: FreshnessState,
    pub age_secs: Option<i64>,
    pub failures: u32,
    pub last_error: Option<FetchError>,
}
crate::wire::record!(Freshness {
    state,
    age_secs,
    failures,
    last_error
});

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComponentView {
    pub id: String,
    pub name: String,
    pub level: Level,
}
crate::wire::record!(ComponentView { id, name, level });

/// A visible group; `level` is the worst of its visible components (unknown when
/// it has none: an emptied group is not "operational").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub components: Vec<ComponentView>,
}
crate::wire::record!(GroupView {
    id,
    name,
    level,
    components
});

#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncidentView {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Effective level (see module doc).
    pub level: Level,
    pub url: String,
    /// Names of the components, same order as `component_ids`.
    pub components: Vec<String>,
    pub component_ids: Vec<String>,
    /// Names of the visible groups it touches (for notification filtering).
    pub groups: Vec<String>,
    pub started_at: Option<i64>,
    pub latest_update: Option<Update>,
    /// Latest first, at most [`UPDATES_KEPT`].
    pub updates: Vec<Update>,
    pub scope_unclear: bool,
    /// Touches a watched group, or its scope is unclear, or no watched group exists
    /// in the snapshot (renamed groups must not silence notifications).
    pub watched: bool,
    /// How long incidents like this one lasted (see `history`); none when too few.
    pub estimate: Option<Estimate>,
}
crate::wire::record!(IncidentView {
    id,
    name,
    status,
    level,
    url,
    components,
    component_ids,
    groups,
    started_at,
    latest_update,
    updates,
    scope_unclear,
    watched,
    estimate
});

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MaintenanceView {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Reported in progress, or its window has started (and not ended).
    pub in_progress: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub url: String,
    pub components: Vec<String>,
    pub component_ids: Vec<String>,
}
crate::wire::record!(MaintenanceView {
    id,
    name,
    status,
    in_progress,
    starts_at,
    ends_at,
    url,
    components,
    component_ids
});

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Affected {
    pub name: String,
    pub level: Level,
}
crate::wire::record!(Affected { name, level });

/// What the on-page banner should say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Banner {
    pub show: bool,
    /// Worst qualifying level when shown; otherwise the page's worst level (for
    /// information; `unknown` when the data is not usable).
    pub level: Level,
    pub incident_ids: Vec<String>,
    pub maintenance_ids: Vec<String>,
    pub scope_unclear: bool,
    pub affected: Vec<Affected>,
    /// What the banner tells of each of `incident_ids`, so the content script reads
    /// one small record per page load instead of the whole verdict.
    pub incidents: Vec<BannerIncident>,
    /// The user dismissed what this banner shows (see `dismissals`); `show` stays true
    /// so that "a problem is reported" and "the user saw it" remain distinct facts.
    pub dismissed: bool,
    /// Set after a problem on this page cleared: until then the page shows a short
    /// "resolved" note (see `dismissals::follow_up`).
    pub resolved_until: Option<i64>,
}
crate::wire::record!(Banner {
    show,
    level,
    incident_ids,
    maintenance_ids,
    scope_unclear,
    affected,
    incidents,
    dismissed,
    resolved_until
});

/// One incident as the banner shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BannerIncident {
    pub id: String,
    pub name: String,
    pub status: String,
    pub level: Level,
    pub url: String,
    pub started_at: Option<i64>,
    pub latest_update: Option<Update>,
    pub estimate: Option<Estimate>,
}
crate::wire::record!(BannerIncident {
    id,
    name,
    status,
    level,
    url,
    started_at,
    latest_update,
    estimate
});

/// One entry per [`PAGE_RULES`] rule, same order: the content script picks the
/// first whose host is in `hosts` and whose path starts with `path_prefix`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageBanner {
    pub id: String,
    pub hosts: Vec<String>,
    pub path_prefix: String,
    pub banner: Banner,
}
crate::wire::record!(PageBanner {
    id,
    hosts,
    path_prefix,
    banner
});

/// Toolbar badge: `""` all clear, `"!"` problem, `"M"` maintenance, `"?"` no
/// usable data, stale all-clear, or unknown state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Badge {
    pub level: Level,
    pub text: String,
    pub color: String,
}
crate::wire::record!(Badge { level, text, color });

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    pub source: Option<SourceKind>,
    pub checked_at: i64,
    pub data_at: Option<i64>,
    pub freshness: Freshness,
    /// Worst over visible components, groups, counted incidents and maintenance in
    /// progress; the page indicator only when no component is known; unknown when
    /// there is no data.
    pub overall: Level,
    pub groups: Vec<GroupView>,
    pub incidents: Vec<IncidentView>,
    pub maintenances: Vec<MaintenanceView>,
    pub pages: Vec<PageBanner>,
    /// The banner for [`DEFAULT_PAGE_URL`] (`https://chatgpt.com/`).
    pub banner: Banner,
    pub badge: Badge,
    /// What the user can do about it (see `guidance`): the popup's guide.
    pub guidance: Guidance,
    /// Signs that ChatGPT fails for this user while OpenAI reports nothing (see `signals`).
    pub just_me: Option<JustMe>,
}
crate::wire::record!(Verdict {
    source,
    checked_at,
    data_at,
    freshness,
    overall,
    groups,
    incidents,
    maintenances,
    pages,
    banner,
    badge,
    guidance,
    just_me
});

impl Verdict {
    /// The banner for any page URL; a hidden default for pages not in the table.
    pub fn banner_for_url(&self, url: &str) -> Banner {
        rule_for_url(url)
            .and_then(|r| self.pages.iter().find(|p| p.id == r.id))
            .map(|p| p.banner.clone())
            .unwrap_or_default()
    }
}

/// Badge colour for a level (`#rrggbb`).
pub fn level_color(level: Level) -> &'static str {
    match level {
        Level::Operational => "#2e7d32",
        Level::Maintenance => "#1565c0",
        Level::Unknown => "#757575",
        Level::Degraded => "#f9a825",
        Level::PartialOutage => "#ef6c00",
        Level::MajorOutage => "#c62828",
    }
}

/// `https://status.openai.com/incidents/<id>`, the id reduced to `[A-Za-z0-9_-]`
/// (at most 64 chars) so a hostile id cannot build another URL.
pub fn incident_url(id: &str) -> String {
    let mut url = String::with_capacity(STATUS_BASE.len() + 11 + id.len().min(64));
    url.push_str(STATUS_BASE);
    url.push_str("/incidents/");
    let base = url.len();
    url.extend(
        id.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .take(64),
    );
    if url.len() == base {
        url.truncate(STATUS_BASE.len());
        url.push('/');
    }
    url
}

fn freshness(has_snapshot: bool, fetch: &FetchState, settings: &Settings, now: i64) -> Freshness {
    let threshold = settings.stale_after_failures.max(1);
    let age_secs = fetch.age_secs(now);
    let failures = fetch.consecutive_failures;
    let state = if failures >= threshold {
        if fetch
            .last_error
            .as_ref()
            .is_some_and(FetchError::is_unreadable)
        {
            FreshnessState::Unreadable
        } else {
            FreshnessState::Unreachable
        }
    } else if !has_snapshot {
        FreshnessState::None
    } else if failures > 0 || age_secs.map_or(true, |a| a > STALE_AFTER_MS / 1000) {
        FreshnessState::Stale
    } else {
        FreshnessState::Fresh
    };
    Freshness {
        state,
        age_secs: if has_snapshot { age_secs } else { None },
        failures,
        last_error: fetch.last_error.clone(),
    }
}

/// Does an item at `level` pass the banner threshold?
fn qualifies(level: Level, min: Level) -> bool {
    match level {
        Level::Operational => false,
        Level::Maintenance => min.severity() <= Level::Degraded.severity(),
        l => l.severity() >= min.severity(),
    }
}

fn name_eq(a: &str, b: &str) -> bool {
    crate::text::trim(a).eq_ignore_ascii_case(crate::text::trim(b))
}

/// Visible component ids a list of service names resolves to, and whether any
/// name matched anything at all (hidden included).
fn resolve_services<'a>(snap: &'a Snapshot, services: &[&str]) -> (IdSet<'a>, bool) {
    let mut ids = IdSet::default();
    let mut matched = false;
    for svc in services {
        let groups: Vec<_> = snap
            .groups
            .iter()
            .filter(|g| name_eq(&g.name, svc))
            .collect();
        let placed: Vec<Placed<'_>> = if groups.is_empty() {
            snap.placed()
                .filter(|p| name_eq(&p.component.name, svc))
                .collect()
        } else {
            groups
                .iter()
                .flat_map(|g| {
                    g.components.iter().map(move |c| Placed {
                        component: c,
                        group: Some(g),
                    })
                })
                .collect()
        };
        matched |= !placed.is_empty() || !groups.is_empty();
        ids.extend(
            placed
                .iter()
                .filter(|p| !p.hidden())
                .map(|p| p.component.id.as_str()),
        );
    }
    (ids, matched)
}

/// An incident or maintenance as `decide` sees it.
struct Scoped<'a> {
    /// Visible component ids it touches.
    visible: IdSet<'a>,
    /// Known ids exist and all are hidden: leave it out.
    hidden_only: bool,
    scope_unclear: bool,
    groups: Vec<String>,
}

fn scope<'a>(snap: &'a Snapshot, ids: impl Iterator<Item = &'a str>) -> Scoped<'a> {
    let mut visible = IdSet::default();
    let mut known = false;
    let mut any = false;
    let mut groups: Vec<String> = Vec::new();
    for id in ids {
        any = true;
        for p in snap.find(id) {
            known = true;
            if !p.hidden() {
                visible.insert(p.component.id.as_str());
                if let Some(g) = p.group {
                    if !groups.contains(&g.name) {
                        groups.push(g.name.clone());
                    }
                }
            }
        }
    }
    Scoped {
        hidden_only: known && visible.is_empty(),
        scope_unclear: !any || !known,
        visible,
        groups,
    }
}

fn effective_level(inc: &Incident, scope_unclear: bool) -> Level {
    match inc.level {
        Level::Unknown => Level::Degraded,
        Level::Operational if scope_unclear => Level::Degraded,
        l => l,
    }
}

fn component_name(snap: &Snapshot, id: &str, given: &str) -> String {
    if !given.is_empty() {
        return given.to_owned();
    }
    snap.find(id)
        .map(|p| p.component.name.clone())
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_owned())
}

struct Counted<'a> {
    view: IncidentView,
    visible: IdSet<'a>,
}

struct CountedMaint<'a> {
    view: MaintenanceView,
    visible: IdSet<'a>,
}

fn maintenance_in_progress(m: &Maintenance, now: i64) -> bool {
    let started = m.starts_at.is_some_and(|s| s <= now);
    let not_ended = match m.ends_at {
        Some(e) => now < e,
        None => true,
    };
    m.in_progress || (started && not_ended)
}

/// Decides what to tell the user. `snapshot` is the last parsed data (if any),
/// `fetch` how fetching has gone, `now` ms since the epoch.
pub fn decide(
    snapshot: Option<&Snapshot>,
    fetch: &FetchState,
    settings: &Settings,
    now: i64,
) -> Verdict {
    let fresh = freshness(snapshot.is_some(), fetch, settings, now);
    let banners_allowed = fresh.state.usable()
        && fresh
            .age_secs
            .is_some_and(|a| a <= BANNER_MAX_AGE_MS / 1000);
    let mut v = Verdict {
        source: snapshot.map(|s| s.source).or(fetch.source_used),
        checked_at: now,
        data_at: fetch.last_success_at,
        overall: Level::Unknown,
        ..Verdict::default()
    };
    let empty = Snapshot::default();
    let snap = snapshot.unwrap_or(&empty);

    // Groups (visible only), then top-level components as a synthetic group.
    for g in snap.groups.iter().filter(|g| !g.hidden) {
        let components: Vec<ComponentView> = g
            .components
            .iter()
            .filter(|c| !c.hidden)
            .map(|c| ComponentView {
                id: c.id.clone(),
                name: c.name.clone(),
                level: c.level,
            })
            .collect();
        v.groups.push(GroupView {
            id: g.id.clone(),
            name: g.name.clone(),
            level: Level::worst_of(components.iter().map(|c| c.level)).unwrap_or(Level::Unknown),
            components,
        });
    }
    let loose: Vec<ComponentView> = snap
        .components
        .iter()
        .filter(|c| !c.hidden)
        .map(|c| ComponentView {
            id: c.id.clone(),
            name: c.name.clone(),
            level: c.level,
        })
        .collect();
    if !loose.is_empty() {
        v.groups.push(GroupView {
            id: UNGROUPED_ID.to_owned(),
            name: "Other".to_owned(),
            level: Level::worst_of(loose.iter().map(|c| c.level)).unwrap_or(Level::Unknown),
            components: loose,
        });
    }

    let watched_exists = snap.groups.iter().any(|g| settings.watches_group(&g.name))
        || snap
            .placed()
            .any(|p| settings.watches_component(&p.component.id));
    let is_watched = |groups: &[String], ids: &IdSet<'_>| {
        !watched_exists
            || groups.iter().any(|g| settings.watches_group(g))
            || ids.iter().any(|id| settings.watches_component(id))
    };

    // Incidents.
    let maint_ids: IdSet<'_> = snap.maintenances.iter().map(|m| m.id.as_str()).collect();
    let mut counted: Vec<Counted<'_>> = Vec::new();
    for inc in snap.incidents.iter().filter(|i| i.is_ongoing()) {
        if counted.iter().any(|c| c.view.id == inc.id) || maint_ids.contains(inc.id.as_str()) {
            continue;
        }
        let sc = scope(snap, inc.components.iter().map(|c| c.id.as_str()));
        if sc.hidden_only {
            continue;
        }
        let updates: Vec<Update> = inc.updates.iter().take(UPDATES_KEPT).cloned().collect();
        let view = IncidentView {
            id: inc.id.clone(),
            name: inc.name.clone(),
            status: inc.status.clone(),
            level: effective_level(inc, sc.scope_unclear),
            url: incident_url(&inc.id),
            components: inc
                .components
                .iter()
                .map(|c| component_name(snap, &c.id, &c.name))
                .collect(),
            component_ids: inc.components.iter().map(|c| c.id.clone()).collect(),
            watched: sc.scope_unclear || is_watched(&sc.groups, &sc.visible),
            groups: sc.groups,
            started_at: inc.started_at,
            latest_update: updates.first().cloned(),
            updates,
            scope_unclear: sc.scope_unclear,
            estimate: None,
        };
        counted.push(Counted {
            view,
            visible: sc.visible,
        });
    }

    // Maintenances: not over, not ended, not only on hidden components.
    let mut maints: Vec<CountedMaint<'_>> = Vec::new();
    for m in &snap.maintenances {
        if m.is_over() || m.ends_at.is_some_and(|e| e <= now) {
            continue;
        }
        if maints.iter().any(|c| c.view.id == m.id) {
            continue;
        }
        let sc = scope(snap, m.components.iter().map(|c| c.id.as_str()));
        if sc.hidden_only {
            continue;
        }
        maints.push(CountedMaint {
            view: MaintenanceView {
                id: m.id.clone(),
                name: m.name.clone(),
                status: m.status.clone(),
                in_progress: maintenance_in_progress(m, now),
                starts_at: m.starts_at,
                ends_at: m.ends_at,
                url: incident_url(&m.id),
                components: m
                    .components
                    .iter()
                    .map(|c| component_name(snap, &c.id, &c.name))
                    .collect(),
                component_ids: m.components.iter().map(|c| c.id.clone()).collect(),
            },
            visible: sc.visible,
        });
    }

    // Overall.
    let any_component = snap.placed().next().is_some();
    let mut levels: Vec<Level> = v.groups.iter().map(|g| g.level).collect();
    levels.extend(counted.iter().map(|c| c.view.level));
    if maints.iter().any(|m| m.view.in_progress) {
        levels.push(Level::Maintenance);
    }
    if !any_component {
        levels.push(snap.page_indicator.unwrap_or(Level::Unknown));
    }
    if snapshot.is_some() {
        v.overall = Level::worst_of(levels).unwrap_or(Level::Unknown);
    }

    // Banners.
    for rule in PAGE_RULES {
        let banner = page_banner(rule, snap, &counted, &maints, settings, banners_allowed);
        v.pages.push(PageBanner {
            id: rule.id.to_owned(),
            hosts: rule.hosts.iter().map(|h| (*h).to_owned()).collect(),
            path_prefix: rule.path_prefix.to_owned(),
            banner,
        });
    }
    v.banner = v.banner_for_url(DEFAULT_PAGE_URL);

    // Badge: about the watched groups (all groups if none of them exists).
    v.badge = if !banners_allowed {
        badge(Level::Unknown, "?")
    } else {
        let mut wl: Vec<Level> = Vec::new();
        for g in &v.groups {
            if !watched_exists || settings.watches_group(&g.name) {
                wl.push(g.level);
            } else {
                wl.extend(
                    g.components
                        .iter()
                        .filter(|c| settings.watches_component(&c.id))
                        .map(|c| c.level),
                );
            }
        }
        wl.extend(
            counted
                .iter()
                .filter(|c| c.view.watched)
                .map(|c| c.view.level),
        );
        if !watched_exists {
            wl.push(v.overall);
        }
        let level = Level::worst_of(wl).unwrap_or(Level::Unknown);
        if level.is_problem() {
            badge(level, "!")
        } else if level == Level::Unknown || fresh.state != FreshnessState::Fresh {
            badge(Level::Unknown, "?")
        } else if level == Level::Maintenance {
            badge(level, "M")
        } else {
            badge(level, "")
        }
    };

    v.incidents = counted.into_iter().map(|c| c.view).collect();
    v.maintenances = maints.into_iter().map(|m| m.view).collect();
    v.freshness = fresh;
    // Worst first, for the popup: a stable sort, so equal levels keep the page's order.
    for g in &mut v.groups {
        crate::order::sort_by_key(&mut g.components, |c| {
            crate::order::desc(c.level.severity().into())
        });
    }
    crate::order::sort_by_key(&mut v.groups, |g| {
        crate::order::desc(g.level.severity().into())
    });
    v.guidance = guidance::advise(&v, settings);
    v
}

fn badge(level: Level, text: &str) -> Badge {
    Badge {
        level,
        text: text.to_owned(),
        color: level_color(level).to_owned(),
    }
}

fn page_banner(
    rule: &PageRule,
    snap: &Snapshot,
    incidents: &[Counted<'_>],
    maints: &[CountedMaint<'_>],
    settings: &Settings,
    allowed: bool,
) -> Banner {
    let (ids, mapped) = resolve_services(snap, rule.services);
    let min = settings.banner_min_level;
    let mut b = Banner::default();
    let mut shown: Vec<Level> = Vec::new();
    let mut info: Vec<Level> = Vec::new();
    // Affected components, one entry per id.
    let mut seen: IdMap<()> = IdMap::default();
    let mut add_affected = |b: &mut Banner, id: &str, name: String, level: Level| {
        if seen.get(id).is_none() {
            seen.upsert(id, (), |_, _| true);
            b.affected.push(Affected { name, level });
        }
    };

    for p in snap
        .placed()
        .filter(|p| !p.hidden() && ids.contains(p.component.id.as_str()))
    {
        let c = p.component;
        info.push(c.level);
        if qualifies(c.level, min) {
            shown.push(c.level);
            add_affected(&mut b, &c.id, c.name.clone(), c.level);
        }
    }
    for inc in incidents {
        let touches =
            inc.view.scope_unclear || !mapped || inc.visible.iter().any(|id| ids.contains(id));
        if !touches {
            continue;
        }
        let level = inc.view.level;
        info.push(level);
        if !qualifies(level, min) {
            continue;
        }
        shown.push(level);
        b.incident_ids.push(inc.view.id.clone());
        b.incidents.push(BannerIncident {
            id: inc.view.id.clone(),
            name: inc.view.name.clone(),
            status: inc.view.status.clone(),
            level,
            url: inc.view.url.clone(),
            started_at: inc.view.started_at,
            latest_update: inc.view.latest_update.clone(),
            estimate: None,
        });
        b.scope_unclear |= inc.view.scope_unclear || !mapped;
        for (cid, name) in inc.view.component_ids.iter().zip(&inc.view.components) {
            if ids.contains(cid.as_str()) {
                let cl = snap
                    .find(cid)
                    .map(|p| p.component.level)
                    .next()
                    .unwrap_or(level);
                add_affected(&mut b, cid, name.clone(), cl.worst(level));
            }
        }
    }
    for m in maints.iter().filter(|m| m.view.in_progress) {
        if m.visible.iter().any(|id| ids.contains(id)) && qualifies(Level::Maintenance, min) {
            shown.push(Level::Maintenance);
            b.maintenance_ids.push(m.view.id.clone());
        }
    }

    if !allowed {
        return Banner::default();
    }
    b.show = settings.banner_enabled && !shown.is_empty();
    b.level = if b.show {
        Level::worst_of(shown).unwrap_or(Level::Unknown)
    } else {
        Level::worst_of(info).unwrap_or(if mapped {
            Level::Operational
        } else {
            Level::Unknown
        })
    };
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_sanitised() {
        assert_eq!(
            incident_url("01KG77ZCW3ZCZBXCRP47BT0KFG"),
            "https://status.openai.com/incidents/01KG77ZCW3ZCZBXCRP47BT0KFG"
        );
        assert_eq!(
            incident_url("../../evil?x=<script>"),
            "https://status.openai.com/incidents/evilxscript"
        );
        assert_eq!(incident_url("//"), "https://status.openai.com/");
        assert_eq!(incident_url(&"a".repeat(500)).len(), 36 + 64);
    }

    #[test]
    fn thresholds() {
        assert!(!qualifies(Level::Operational, Level::Operational));
        assert!(qualifies(Level::Degraded, Level::Degraded));
        assert!(!qualifies(Level::Unknown, Level::Degraded));
        assert!(qualifies(Level::Maintenance, Level::Degraded));
        assert!(!qualifies(Level::Maintenance, Level::PartialOutage));
        assert!(qualifies(Level::MajorOutage, Level::PartialOutage));
    }

    #[test]
    fn effective_levels() {
        let mut inc = Incident::default();
        assert_eq!(effective_level(&inc, false), Level::Degraded);
        inc.level = Level::Operational;
        assert_eq!(effective_level(&inc, false), Level::Operational);
        assert_eq!(effective_level(&inc, true), Level::Degraded);
        inc.level = Level::MajorOutage;
        assert_eq!(effective_level(&inc, true), Level::MajorOutage);
    }

    #[test]
    fn unknown_url_gets_hidden_banner() {
        let v = Verdict::default();
        assert!(!v.banner_for_url("https://example.com/").show);
    }
}

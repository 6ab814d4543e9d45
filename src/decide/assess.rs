//! The decision: what each user should be told, as a pure function of
//! (snapshot, fetch state, settings, now), with the guidance that goes with it.
//!
//! Decisions (see also the docs on each item):
//! - **Keyed by id.** Page services resolve to component ids at run time
//!   ([`crate::model::pages`]); an incident touches a page when one of its component ids
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
//! - **Not reported** (compat data): a component the compat summary left out (it does so
//!   by design) is shown as "not reported". While the page's own headline says all is
//!   operational, it counts as operational for its group, the overall level, the badge
//!   and the banner; otherwise (a problem somewhere, or no headline) as unknown, since
//!   the problem may be there. Unknown stays for values we cannot read and missing data.
//! - **Times that add up**: an incident's start later than now is now; an update stamped
//!   before the incident began is at its start, one later than now is now. So "updated …
//!   ago" is never longer than "going on for …", and neither is negative. Data that
//!   reports an ongoing incident while its newest time is more than [`OLD_DATA_AFTER_MS`]
//!   older than the fetch is flagged (`old_data_at`): the durations are what the data says,
//!   and the popup says the data looks out of date.
//! - **Freshness** ([`Freshness`]): banners only show from data at most
//!   [`BANNER_MAX_AGE_MS`] old, fresh or not: when the status page fails (as it does in
//!   big outages) the last known problem stays, marked with its time and the failure
//!   (`last_known_at`, `failure`). Past that age `show` is false and the badge says
//!   "?": a failing status page never turns into an all-clear.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use crate::decide::guidance;
use crate::decide::verdict::{
    incident_url, level_color, Affected, Badge, Banner, BannerIncident, ComponentView, Failure,
    Freshness, FreshnessState, GroupView, IncidentView, MaintenanceView, PageBanner, Verdict,
    OLD_DATA_AFTER_MS, STALE_AFTER_MS, UNGROUPED_ID, UPDATES_KEPT,
};
use crate::model::level::Level;
use crate::model::pages::{DEFAULT_PAGE_ID, PAGE_RULES};
use crate::model::settings::Settings;
use crate::model::snapshot::{
    Component, ComponentRef, Incident, Maintenance, Placed, Snapshot, Update,
};
use crate::source::state::FetchState;
use crate::source::FetchError;

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
    } else if failures > 0 || age_secs.is_none_or(|a| a > STALE_AFTER_MS / 1000) {
        FreshnessState::Stale
    } else {
        FreshnessState::Fresh
    };
    Freshness {
        state,
        age_secs: if has_snapshot { age_secs } else { None },
        failures,
        last_error: fetch.last_error.clone(),
        failure: fetch
            .last_error
            .as_ref()
            .filter(|_| failures > 0)
            .map(Failure::of),
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
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The worse of `acc` and `level` (`level` when there is no `acc` yet): what
/// [`Level::worst_of`] does, one level at a time, without a list.
fn worse(acc: Option<Level>, level: Level) -> Option<Level> {
    Some(acc.map_or(level, |a| a.worst(level)))
}

/// Every component of the snapshot in page order, and an index of their ids: what
/// `decide` looks components up in, built once per verdict.
///
/// Each distinct id has a *key* (a small number), and sets of ids (a page's components,
/// an incident's) are flags by key: the same id placed twice (drift) is one member.
struct Placements<'a> {
    placed: Vec<Placed<'a>>,
    /// The key of each id.
    keys: HashMap<&'a str, usize>,
    /// The positions in `placed` of each key's id, in page order.
    positions: Vec<Vec<usize>>,
    /// The key of the id at each position of `placed`.
    key_at: Vec<usize>,
}

/// An incident or maintenance as `decide` sees it.
struct Scoped {
    /// The pages (bits, in [`PAGE_RULES`] order) whose services hold one of the visible
    /// components it touches.
    pages: u8,
    /// One of the visible components it touches is watched on its own.
    watched_component: bool,
    /// Known ids exist and all are hidden: leave it out.
    hidden_only: bool,
    scope_unclear: bool,
    /// Names of the visible groups it touches (incidents only).
    groups: Vec<String>,
    /// Where each of its component ids is first placed (none when unknown), same order
    /// (incidents only).
    first: Vec<Option<usize>>,
}

// One bit per page rule.
const _: () = assert!(PAGE_RULES.len() <= 8);

impl<'a> Placements<'a> {
    fn new(snap: &'a Snapshot) -> Self {
        let placed: Vec<Placed<'a>> = snap.placed().collect();
        let mut keys = HashMap::with_capacity(placed.len());
        let mut positions: Vec<Vec<usize>> = Vec::new();
        let mut key_at = Vec::with_capacity(placed.len());
        for (pos, p) in placed.iter().enumerate() {
            let key = *keys.entry(p.component.id.as_str()).or_insert_with(|| {
                positions.push(Vec::new());
                positions.len() - 1
            });
            positions[key].push(pos);
            key_at.push(key);
        }
        Placements {
            placed,
            keys,
            positions,
            key_at,
        }
    }

    /// How many distinct ids there are: every key is below this.
    fn count(&self) -> usize {
        self.positions.len()
    }

    /// The key of the id at `pos`.
    fn key(&self, pos: usize) -> usize {
        self.key_at[pos]
    }

    /// The positions of `id`, in page order.
    fn find(&self, id: &str) -> &[usize] {
        self.keys.get(id).map_or(&[], |&key| &self.positions[key])
    }

    /// For each id key, the pages (bits) whose services hold a visible component of that
    /// id; and the pages whose service names match anything at all (hidden included).
    /// Services are names matched against group names, or, when no group has the name,
    /// against component names (see [`crate::model::pages`]). A group's admin-only
    /// components hold no page unless `admin` (`Settings::banner_admin_components`).
    fn pages(&self, snap: &Snapshot, admin: bool) -> (Vec<u8>, u8) {
        let mut masks = vec![0u8; self.count()];
        let mut mapped = 0u8;
        for (page, rule) in PAGE_RULES.iter().enumerate() {
            let bit = 1u8 << page;
            for svc in rule.services {
                let mut any_group = false;
                // Groups' components come first in `placed`, group by group.
                let mut start = 0;
                for g in &snap.groups {
                    let end = start + g.components.len();
                    if name_eq(&g.name, svc) {
                        any_group = true;
                        mapped |= bit;
                        for pos in start..end {
                            if admin || !rule.is_admin_component(&self.placed[pos].component.name) {
                                self.mark(&mut masks, pos, bit);
                            }
                        }
                    }
                    start = end;
                }
                if !any_group {
                    for pos in 0..self.placed.len() {
                        if name_eq(&self.placed[pos].component.name, svc) {
                            mapped |= bit;
                            self.mark(&mut masks, pos, bit);
                        }
                    }
                }
            }
        }
        (masks, mapped)
    }

    fn mark(&self, masks: &mut [u8], pos: usize, bit: u8) {
        if !self.placed[pos].hidden() {
            masks[self.key(pos)] |= bit;
        }
    }

    /// What the components an incident or maintenance lists touch; `detail` for what
    /// only incidents show (groups, where each component is).
    fn scope(
        &self,
        refs: &[ComponentRef],
        masks: &[u8],
        settings: &Settings,
        detail: bool,
    ) -> Scoped {
        let mut sc = Scoped {
            pages: 0,
            watched_component: false,
            hidden_only: false,
            scope_unclear: refs.is_empty(),
            groups: Vec::new(),
            first: Vec::with_capacity(if detail { refs.len() } else { 0 }),
        };
        let (mut known, mut visible) = (false, false);
        for r in refs {
            let mut first = None;
            let mut seen = false;
            for &pos in self.find(&r.id) {
                first.get_or_insert(pos);
                let p = self.placed[pos];
                if p.hidden() {
                    continue;
                }
                seen = true;
                sc.pages |= masks[self.key(pos)];
                if let (true, Some(g)) = (detail, p.group) {
                    if !sc.groups.contains(&g.name) {
                        sc.groups.push(g.name.clone());
                    }
                }
            }
            known |= first.is_some();
            visible |= seen;
            sc.watched_component |= seen && settings.watches_component(&r.id);
            if detail {
                sc.first.push(first);
            }
        }
        sc.hidden_only = known && !visible;
        sc.scope_unclear |= !known;
        sc
    }

    /// A component's name as an incident lists it, else as the page names it, else its id.
    fn component_name(&self, r: &ComponentRef) -> String {
        if !r.name.is_empty() {
            return r.name.clone();
        }
        for &pos in self.find(&r.id) {
            let name = &self.placed[pos].component.name;
            if !name.is_empty() {
                return name.clone();
            }
        }
        r.id.clone()
    }

    fn names_and_ids(&self, refs: &[ComponentRef]) -> (Vec<String>, Vec<String>) {
        let mut names = Vec::with_capacity(refs.len());
        let mut ids = Vec::with_capacity(refs.len());
        for r in refs {
            names.push(self.component_name(r));
            ids.push(r.id.clone());
        }
        (names, ids)
    }
}

fn effective_level(inc: &Incident, scope_unclear: bool) -> Level {
    match inc.level {
        Level::Unknown => Level::Degraded,
        Level::Operational if scope_unclear => Level::Degraded,
        l => l,
    }
}

/// An incident's start and updates made consistent with each other and with `now` (see
/// the module doc); returns the start. Monotonic, so the updates stay latest first.
fn consistent_times(started_at: Option<i64>, updates: &mut [Update], now: i64) -> Option<i64> {
    let start = started_at.map(|s| s.min(now));
    for u in updates {
        if let Some(at) = u.at.as_mut() {
            *at = start.map_or(*at, |s| (*at).max(s)).min(now);
        }
    }
    start
}

/// The newest time the data gives (ongoing incidents' starts and updates, maintenances'
/// updates), as the page stamped it.
fn newest_time(incidents: &[&Incident], maintenances: &[Maintenance]) -> Option<i64> {
    let incident_times = incidents.iter().flat_map(|i| {
        i.started_at
            .into_iter()
            .chain(i.updates.iter().filter_map(|u| u.at))
    });
    let maintenance_times = maintenances
        .iter()
        .flat_map(|m| m.updates.iter().filter_map(|u| u.at));
    incident_times.chain(maintenance_times).max()
}

/// The newest time of data that reports an ongoing incident, when it is implausibly old
/// for data fetched at `fetched_at`.
fn old_data(incidents: &[&Incident], maintenances: &[Maintenance], fetched_at: i64) -> Option<i64> {
    if incidents.is_empty() {
        return None;
    }
    newest_time(incidents, maintenances)
        .filter(|newest| fetched_at.saturating_sub(*newest) > OLD_DATA_AFTER_MS)
}

fn maintenance_in_progress(m: &Maintenance, now: i64) -> bool {
    let started = m.starts_at.is_some_and(|s| s <= now);
    let not_ended = match m.ends_at {
        Some(e) => now < e,
        None => true,
    };
    m.in_progress || (started && not_ended)
}

/// What a component's level counts as for its group, the overall level, the badge and
/// the banner: a component the compat summary left out counts as operational while the
/// page's headline vouches for it (says all is operational), else as its (unknown) level.
fn counted_level(c: &Component, vouched: bool) -> Level {
    if c.not_reported && vouched {
        Level::Operational
    } else {
        c.level
    }
}

/// The visible components of a list, for the popup.
fn component_views(components: &[Component], vouched: bool) -> (Vec<ComponentView>, Option<Level>) {
    let mut views = Vec::with_capacity(components.len());
    let mut level = None;
    for c in components.iter().filter(|c| !c.hidden) {
        level = worse(level, counted_level(c, vouched));
        views.push(ComponentView {
            id: c.id.clone(),
            name: c.name.clone(),
            level: c.level,
            not_reported: c.not_reported,
        });
    }
    (views, level)
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
    let banners_allowed = snapshot.is_some() && fresh.last_known_stands();
    // Not fresh: the banner says it shows the last known status, as of when.
    let last_known_at = (fresh.state != FreshnessState::Fresh)
        .then_some(fetch.last_success_at)
        .flatten();
    let mut v = Verdict {
        source: snapshot.map(|s| s.source).or(fetch.source_used),
        checked_at: now,
        data_at: fetch.last_success_at,
        overall: Level::Unknown,
        ..Verdict::default()
    };
    let empty = Snapshot::default();
    let snap = snapshot.unwrap_or(&empty);
    let placements = Placements::new(snap);
    let (masks, mapped) = placements.pages(snap, settings.banner_admin_components);

    // The page's headline says all is operational: it vouches for what the compat
    // summary left out.
    let vouched = snap.page_indicator == Some(Level::Operational);
    // Groups (visible only), then top-level components as a synthetic group.
    v.groups.reserve(snap.groups.len() + 1);
    for g in snap.groups.iter().filter(|g| !g.hidden) {
        let (components, level) = component_views(&g.components, vouched);
        v.groups.push(GroupView {
            id: g.id.clone(),
            name: g.name.clone(),
            level: level.unwrap_or(Level::Unknown),
            components,
        });
    }
    let (loose, level) = component_views(&snap.components, vouched);
    if !loose.is_empty() {
        v.groups.push(GroupView {
            id: UNGROUPED_ID.to_owned(),
            name: "Other".to_owned(),
            level: level.unwrap_or(Level::Unknown),
            components: loose,
        });
    }

    let watched_exists = snap.groups.iter().any(|g| settings.watches_group(&g.name))
        || placements
            .placed
            .iter()
            .any(|p| settings.watches_component(&p.component.id));

    // Incidents.
    let maint_ids: HashSet<&str> = snap.maintenances.iter().map(|m| m.id.as_str()).collect();
    let mut incidents: Vec<IncidentView> = Vec::with_capacity(snap.incidents.len());
    let mut scopes: Vec<Scoped> = Vec::with_capacity(snap.incidents.len());
    // The incidents shown, as the page stamped them.
    let mut shown: Vec<&Incident> = Vec::with_capacity(snap.incidents.len());
    for inc in &snap.incidents {
        if !inc.is_ongoing()
            || incidents.iter().any(|c| c.id == inc.id)
            || maint_ids.contains(inc.id.as_str())
        {
            continue;
        }
        let mut sc = placements.scope(&inc.components, &masks, settings, true);
        if sc.hidden_only {
            continue;
        }
        let mut updates = inc.updates[..inc.updates.len().min(UPDATES_KEPT)].to_vec();
        let started_at = consistent_times(inc.started_at, &mut updates, now);
        shown.push(inc);
        let (components, component_ids) = placements.names_and_ids(&inc.components);
        let watched = sc.scope_unclear
            || !watched_exists
            || sc.groups.iter().any(|g| settings.watches_group(g))
            || sc.watched_component;
        incidents.push(IncidentView {
            id: inc.id.clone(),
            name: inc.name.clone(),
            status: inc.status.clone(),
            level: effective_level(inc, sc.scope_unclear),
            url: incident_url(&inc.id),
            components,
            component_ids,
            watched,
            groups: std::mem::take(&mut sc.groups),
            started_at,
            latest_update: updates.first().cloned(),
            updates,
            scope_unclear: sc.scope_unclear,
            estimate: None,
        });
        scopes.push(sc);
    }

    // Maintenances: not over, not ended, not only on hidden components. One the feed
    // still reports in progress after its planned end is not ended: it runs late.
    let mut maints: Vec<MaintenanceView> = Vec::new();
    let mut maint_pages: Vec<u8> = Vec::new();
    for m in &snap.maintenances {
        let past_end = m.ends_at.is_some_and(|e| e <= now);
        if m.is_over() || (past_end && !m.in_progress) || maints.iter().any(|c| c.id == m.id) {
            continue;
        }
        let sc = placements.scope(&m.components, &masks, settings, false);
        if sc.hidden_only {
            continue;
        }
        let (components, component_ids) = placements.names_and_ids(&m.components);
        maints.push(MaintenanceView {
            id: m.id.clone(),
            name: m.name.clone(),
            status: m.status.clone(),
            in_progress: maintenance_in_progress(m, now),
            overrun: past_end,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            url: incident_url(&m.id),
            components,
            component_ids,
        });
        maint_pages.push(sc.pages);
    }

    // Overall.
    let mut overall = None;
    for g in &v.groups {
        overall = worse(overall, g.level);
    }
    for i in &incidents {
        overall = worse(overall, i.level);
    }
    if maints.iter().any(|m| m.in_progress) {
        overall = worse(overall, Level::Maintenance);
    }
    if placements.placed.is_empty() {
        overall = worse(overall, snap.page_indicator.unwrap_or(Level::Unknown));
    }
    if snapshot.is_some() {
        v.overall = overall.unwrap_or(Level::Unknown);
    }

    // Banners: one per page, and the default page's as `banner` too.
    v.pages.reserve(PAGE_RULES.len());
    for (page, rule) in PAGE_RULES.iter().enumerate() {
        let on = Page {
            bit: 1 << page,
            mapped: mapped & 1 << page != 0,
            placements: &placements,
            masks: &masks,
        };
        let banner = if banners_allowed {
            let mut b = on.banner(
                &incidents,
                &scopes,
                &maints,
                &maint_pages,
                settings,
                vouched,
            );
            if b.show {
                b.last_known_at = last_known_at;
                b.failure = fresh.failure;
            }
            b
        } else {
            Banner::default()
        };
        if rule.id == DEFAULT_PAGE_ID {
            v.banner = banner.clone();
        }
        v.pages.push(PageBanner {
            id: rule.id.to_owned(),
            hosts: rule.hosts.iter().map(|h| (*h).to_owned()).collect(),
            path_prefix: rule.path_prefix.to_owned(),
            banner,
        });
    }

    // Badge: about the watched groups (all groups if none of them exists).
    v.badge = if !banners_allowed {
        badge(Level::Unknown, "?")
    } else {
        let mut wl = None;
        for g in &v.groups {
            if !watched_exists || settings.watches_group(&g.name) {
                wl = worse(wl, g.level);
            } else {
                for c in &g.components {
                    if settings.watches_component(&c.id) {
                        wl = worse(wl, c.level);
                    }
                }
            }
        }
        for i in &incidents {
            if i.watched {
                wl = worse(wl, i.level);
            }
        }
        if !watched_exists {
            wl = worse(wl, v.overall);
        }
        let level = wl.unwrap_or(Level::Unknown);
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

    v.old_data_at = old_data(
        &shown,
        &snap.maintenances,
        fetch.last_success_at.unwrap_or(now),
    );
    v.incidents = incidents;
    v.maintenances = maints;
    v.freshness = fresh;
    // Worst first, for the popup: a stable sort, so equal levels keep the page's order.
    for g in &mut v.groups {
        g.components.sort_by_key(|c| Reverse(c.level.severity()));
    }
    v.groups.sort_by_key(|g| Reverse(g.level.severity()));
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

/// One page of [`PAGE_RULES`] as its banner is decided.
struct Page<'p, 'a> {
    /// The page's bit in the id keys' masks.
    bit: u8,
    /// Its services match something in the snapshot.
    mapped: bool,
    placements: &'p Placements<'a>,
    masks: &'p [u8],
}

impl Page<'_, '_> {
    /// Is the component at `pos`'s id one of the page's (a visible component of its
    /// services has that id)?
    fn holds(&self, pos: usize) -> bool {
        self.masks[self.placements.key(pos)] & self.bit != 0
    }

    fn banner(
        &self,
        incidents: &[IncidentView],
        scopes: &[Scoped],
        maints: &[MaintenanceView],
        maint_pages: &[u8],
        settings: &Settings,
        vouched: bool,
    ) -> Banner {
        let min = settings.banner_min_level;
        let mut b = Banner::default();
        let mut shown = None;
        let mut info = None;
        // Affected components, one entry per id (by key).
        let mut seen = vec![false; self.placements.count()];

        for (pos, p) in self.placements.placed.iter().enumerate() {
            if p.hidden() || !self.holds(pos) {
                continue;
            }
            let c = p.component;
            let level = counted_level(c, vouched);
            info = worse(info, level);
            if qualifies(level, min) {
                shown = worse(shown, level);
                let key = self.placements.key(pos);
                if !seen[key] {
                    seen[key] = true;
                    b.affected.push(Affected {
                        name: c.name.clone(),
                        level: c.level,
                    });
                }
            }
        }
        for (inc, sc) in incidents.iter().zip(scopes) {
            if !(inc.scope_unclear || !self.mapped || sc.pages & self.bit != 0) {
                continue;
            }
            let level = inc.level;
            info = worse(info, level);
            if !qualifies(level, min) {
                continue;
            }
            shown = worse(shown, level);
            b.incident_ids.push(inc.id.clone());
            b.incidents.push(banner_incident(inc));
            b.scope_unclear |= inc.scope_unclear || !self.mapped;
            for (first, name) in sc.first.iter().zip(&inc.components) {
                let Some(pos) = *first else { continue };
                let key = self.placements.key(pos);
                if self.holds(pos) && !seen[key] {
                    seen[key] = true;
                    let cl = self.placements.placed[pos].component.level;
                    b.affected.push(Affected {
                        name: name.clone(),
                        level: cl.worst(level),
                    });
                }
            }
        }
        if qualifies(Level::Maintenance, min) {
            for (m, pages) in maints.iter().zip(maint_pages) {
                if m.in_progress && pages & self.bit != 0 {
                    shown = worse(shown, Level::Maintenance);
                    b.maintenance_ids.push(m.id.clone());
                    b.maintenances.push(m.clone());
                }
            }
        }

        b.show = settings.banner_enabled && shown.is_some();
        b.level = match shown {
            Some(level) if b.show => level,
            _ => info.unwrap_or(if self.mapped {
                Level::Operational
            } else {
                Level::Unknown
            }),
        };
        b
    }
}

/// An incident as the banner tells it.
fn banner_incident(inc: &IncidentView) -> BannerIncident {
    BannerIncident {
        id: inc.id.clone(),
        name: inc.name.clone(),
        status: inc.status.clone(),
        level: inc.level,
        url: inc.url.clone(),
        started_at: inc.started_at,
        latest_update: inc.latest_update.clone(),
        estimate: None,
    }
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

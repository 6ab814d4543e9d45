//! Which transition events become system notifications, and "notify me when it's back".
//!
//! Pure decisions over a [`NotifyState`] the shell keeps in `storage.local`:
//! - **Only [`Event`]s drive notifications** (never a poll by itself: a peer notified on
//!   every poll), filtered by [`NotifySettings`] and the watched groups.
//! - **Once per event key**: keys already notified are remembered ([`NotifyState::notified`],
//!   pruned after [`NOTIFIED_KEEP_MS`] and to [`NOTIFIED_MAX`] entries), so the same incident
//!   state never notifies twice, even across restarts or a compat interlude.
//! - **Quiet hours** hold events back (as the notices they would be: a notice says all that
//!   is needed to judge it later, and keeps the stored record free of the events' shape);
//!   when they end, each held notice is shown only if it is still true (the incident still
//!   on, at that level), the latest one per incident, and a "resolved" only if the user had
//!   heard of the incident. An incident that came and went in the night stays silent.
//! - **Outbox**: decided notices are stored *with* the verdict that caused them, in one
//!   write, and removed once shown; a worker stopped in between shows them on its next run
//!   (same id, so a browser replaces rather than duplicates).
//! - **"Notify me when it's back"**: a request for a group or component that is not
//!   operational; it fires once, from fresh data, when that service is operational with no
//!   ongoing incident touching it, outside quiet hours, and is then removed. Requests expire
//!   after [`BACK_REQUEST_MAX_AGE_MS`].
//! - Every URL handed out is on `https://status.openai.com/`.

use serde::{Deserialize, Serialize};
use serde_with::{serde_as, VecSkipError};
use std::cmp::Reverse;

use crate::decide::transitions::Event;
use crate::decide::verdict::{FreshnessState, Verdict};
use crate::model::level::Level;
use crate::model::settings::{NotifySettings, Settings};
use crate::source::STATUS_HOME;

/// Notified keys are remembered this long (incidents rarely last days; a key forgotten
/// after a month cannot come back anyway: its incident is long resolved).
pub const NOTIFIED_KEEP_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// At most this many notified keys are kept (newest win).
pub const NOTIFIED_MAX: usize = 300;
/// Held (quiet-hours) notices kept at most.
pub const HELD_MAX: usize = 50;
/// Undelivered notices kept at most.
pub const OUTBOX_MAX: usize = 20;
/// "Notify me when it's back" requests lapse after a week.
pub const BACK_REQUEST_MAX_AGE_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// At most this many open requests.
pub const BACK_MAX: usize = 20;

/// One key already notified.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Notified {
    pub key: String,
    pub at: i64,
    /// Where a click on it leads (always on status.openai.com).
    pub url: String,
}

/// A notification to show. `id` is the event key (or `back:…`): stable, so showing it
/// twice replaces rather than duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Notice {
    pub id: String,
    /// `incident_started`, `incident_worsened`, `incident_improved`, `incident_resolved`,
    /// `maintenance_soon`, `data_stale`, `data_recovered` or `back`.
    pub kind: String,
    /// Incident, maintenance or service name (status-page text: show as text only).
    pub name: String,
    pub level: Level,
    pub url: String,
    /// When the event happened (maintenance: when it starts).
    pub at: i64,
}

/// "Notify me when `service` is operational again".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackRequest {
    /// Group id or component id, as found in the verdict.
    pub service: String,
    pub name: String,
    pub since: i64,
}

/// Everything about notifications that must survive a worker restart.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NotifyState {
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub notified: Vec<Notified>,
    /// Held back by quiet hours, in the order they happened.
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub held: Vec<Notice>,
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub outbox: Vec<Notice>,
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub back: Vec<BackRequest>,
}

/// Why a "notify me" request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackRefusal {
    /// No usable data to judge the service by.
    NoData,
    /// No group or component by that id or name.
    Unknown,
    /// It is operational already: there is nothing to wait for.
    Operational,
    /// Notifications are turned off.
    Disabled,
}

fn safe_url(url: &str) -> String {
    if !url.starts_with(STATUS_HOME) {
        return STATUS_HOME.to_owned();
    }
    if url
        .bytes()
        .any(|b| matches!(b, b'\\' | b' ' | b'\n' | b'\r'))
    {
        return STATUS_HOME.to_owned();
    }
    url.to_owned()
}

fn name_eq(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn kind_enabled(event: &Event, n: &NotifySettings) -> bool {
    match event {
        Event::IncidentStarted { .. } => n.started,
        Event::IncidentWorsened { .. } => n.worsened,
        Event::IncidentImproved { .. } => n.improved,
        Event::IncidentResolved { .. } => n.resolved,
        Event::MaintenanceSoon { .. } => n.maintenance,
        Event::DataStale { .. } | Event::DataRecovered { .. } => n.data,
    }
}

/// Component ids of the watched groups and of the components watched on their own in
/// this verdict; `None` when none of them exists (a renamed group must not silence
/// everything, as in `verdict`).
fn watched_component_ids<'a>(verdict: &'a Verdict, settings: &Settings) -> Option<Vec<&'a str>> {
    let ids: Vec<&str> = verdict
        .groups
        .iter()
        .flat_map(|g| {
            let whole = settings.watches_group(&g.name);
            g.components
                .iter()
                .filter(move |c| whole || settings.watches_component(&c.id))
        })
        .map(|c| c.id.as_str())
        .collect();
    (!ids.is_empty()).then_some(ids)
}

fn watched(event: &Event, verdict: &Verdict, settings: &Settings) -> bool {
    if !settings.notify.only_watched {
        return true;
    }
    match event {
        Event::IncidentStarted { watched, .. }
        | Event::IncidentWorsened { watched, .. }
        | Event::IncidentImproved { watched, .. }
        | Event::IncidentResolved { watched, .. } => *watched,
        Event::MaintenanceSoon { maintenance_id, .. } => {
            let Some(ids) = watched_component_ids(verdict, settings) else {
                return true;
            };
            match verdict
                .maintenances
                .iter()
                .find(|m| &m.id == maintenance_id)
            {
                Some(m) if !m.component_ids.is_empty() => {
                    m.component_ids.iter().any(|c| ids.contains(&c.as_str()))
                }
                _ => true,
            }
        }
        Event::DataStale { .. } | Event::DataRecovered { .. } => true,
    }
}

fn notice(event: &Event) -> Notice {
    let (kind, name, level, url, at) = match event {
        Event::IncidentStarted {
            name, level, url, ..
        } => ("incident_started", name.clone(), *level, url.as_str(), 0),
        Event::IncidentWorsened {
            name, level, url, ..
        } => ("incident_worsened", name.clone(), *level, url.as_str(), 0),
        Event::IncidentImproved {
            name, level, url, ..
        } => ("incident_improved", name.clone(), *level, url.as_str(), 0),
        Event::IncidentResolved { name, url, .. } => (
            "incident_resolved",
            name.clone(),
            Level::Operational,
            url.as_str(),
            0,
        ),
        Event::MaintenanceSoon {
            name,
            url,
            starts_at,
            ..
        } => (
            "maintenance_soon",
            name.clone(),
            Level::Maintenance,
            url.as_str(),
            *starts_at,
        ),
        Event::DataStale { since, .. } => (
            "data_stale",
            String::new(),
            Level::Unknown,
            "",
            since.unwrap_or(0),
        ),
        Event::DataRecovered { at } => ("data_recovered", String::new(), Level::Unknown, "", *at),
    };
    Notice {
        id: event.key(),
        kind: kind.to_owned(),
        name,
        level,
        url: url.to_owned(),
        at,
    }
}

impl Notice {
    /// What the notice is about: the incident (`incident_*`) or maintenance
    /// (`maintenance_soon`) id, read from its [`Event::key`]-shaped id; `""` for the
    /// others.
    fn subject(&self) -> &str {
        let kind = self.kind.as_str();
        let Some(rest) = self.id.strip_prefix(kind).and_then(|r| r.strip_prefix(':')) else {
            return "";
        };
        match kind {
            "incident_started" | "incident_resolved" => rest,
            "incident_worsened" | "incident_improved" | "maintenance_soon" => {
                rest.rsplit_once(':').map_or("", |(id, _)| id)
            }
            _ => "",
        }
    }

    /// The incident it is about, if any.
    fn incident(&self) -> Option<&str> {
        Some(self.subject()).filter(|id| self.kind.starts_with("incident_") && !id.is_empty())
    }
}

/// Has the user been told about this incident (any of its events notified)?
fn heard_of(state: &NotifyState, incident_id: &str) -> bool {
    state.notified.iter().any(|n| {
        n.key.starts_with("incident_")
            && !n.key.starts_with("incident_resolved:")
            && n.key
                .split_once(':')
                .map(|(_, r)| r.split_once(':').map_or(r, |(id, _)| id))
                == Some(incident_id)
    })
}

/// Is a held notice still worth telling now?
fn still_true(n: &Notice, verdict: &Verdict, now: i64) -> bool {
    let usable = verdict.freshness.state.usable();
    let ongoing = verdict.incidents.iter().find(|i| i.id == n.subject());
    match n.kind.as_str() {
        "incident_started" => usable && ongoing.is_some(),
        "incident_worsened" | "incident_improved" => {
            usable && ongoing.is_some_and(|i| i.level == n.level)
        }
        "incident_resolved" => {
            verdict.freshness.state == FreshnessState::Fresh && ongoing.is_none()
        }
        "maintenance_soon" => {
            n.at > now
                && verdict
                    .maintenances
                    .iter()
                    .any(|m| m.id == n.subject() && m.starts_at == Some(n.at))
        }
        "data_stale" => !usable,
        "data_recovered" => usable,
        _ => false,
    }
}

fn prune(state: &mut NotifyState, now: i64) {
    state.notified.retain(|n| {
        now.saturating_sub(n.at) < NOTIFIED_KEEP_MS && n.at <= now.saturating_add(NOTIFIED_KEEP_MS)
    });
    if state.notified.len() > NOTIFIED_MAX {
        state.notified.sort_by_key(|n| Reverse(n.at));
        state.notified.truncate(NOTIFIED_MAX);
    }
    state
        .back
        .retain(|b| now.saturating_sub(b.since) < BACK_REQUEST_MAX_AGE_MS);
    state.back.truncate(BACK_MAX);
    // The oldest (first) held and undelivered notices go first.
    let excess = state.held.len().saturating_sub(HELD_MAX);
    state.held.drain(..excess);
    let excess = state.outbox.len().saturating_sub(OUTBOX_MAX);
    state.outbox.drain(..excess);
}

/// Queues a notice unless its key was notified already; records the key.
fn emit(state: &mut NotifyState, mut n: Notice, now: i64) {
    if state.notified.iter().any(|k| k.key == n.id) {
        return;
    }
    n.url = safe_url(&n.url);
    state.notified.push(Notified {
        key: n.id.clone(),
        at: now,
        url: n.url.clone(),
    });
    state.outbox.retain(|o| o.id != n.id);
    state.outbox.push(n);
}

/// The level of a group or component in the verdict, worsened by any ongoing incident
/// touching it, and its display name. `None` when the verdict has no such service.
fn service_level(verdict: &Verdict, service: &str) -> Option<(String, String, Level)> {
    if let Some(g) = verdict
        .groups
        .iter()
        .find(|g| g.id == service || name_eq(&g.name, service))
    {
        let mut level = g.level;
        for i in &verdict.incidents {
            if i.groups.iter().any(|n| name_eq(n, &g.name))
                || i.component_ids
                    .iter()
                    .any(|c| g.components.iter().any(|gc| &gc.id == c))
            {
                level = level.worst(i.level);
            }
        }
        return Some((g.id.clone(), g.name.clone(), level));
    }
    for g in &verdict.groups {
        for c in &g.components {
            if c.id != service {
                continue;
            }
            let mut level = c.level;
            for i in &verdict.incidents {
                if i.component_ids.iter().any(|id| id == &c.id) {
                    level = level.worst(i.level);
                }
            }
            return Some((c.id.clone(), c.name.clone(), level));
        }
    }
    None
}

/// Records "notify me when `service` is back" (a group id or name, or a component id).
pub fn request_back(
    mut state: NotifyState,
    service: &str,
    verdict: &Verdict,
    settings: &Settings,
    now: i64,
) -> Result<NotifyState, BackRefusal> {
    if !settings.notify.enabled {
        return Err(BackRefusal::Disabled);
    }
    // While the status page fails, the last known status stands as long as it is young
    // enough (see `Freshness::last_known_stands`): a service last known down can still be
    // asked for.
    if !verdict.freshness.state.usable() && !verdict.freshness.last_known_stands() {
        return Err(BackRefusal::NoData);
    }
    // The first 200 characters.
    let service = service
        .char_indices()
        .nth(200)
        .map_or(service, |(end, _)| &service[..end]);
    let (id, name, level) = service_level(verdict, service).ok_or(BackRefusal::Unknown)?;
    if level == Level::Operational {
        return Err(BackRefusal::Operational);
    }
    prune(&mut state, now);
    if !state.back.iter().any(|b| b.service == id) {
        state.back.push(BackRequest {
            service: id,
            name,
            since: now,
        });
        state.back.truncate(BACK_MAX);
    }
    Ok(state)
}

/// The "notify me" requests still waiting at `now` (expired ones left out), as the popup
/// shows them: "You'll get a notification when ChatGPT is back".
pub fn pending_back(state: &NotifyState, now: i64) -> Vec<BackRequest> {
    state
        .back
        .iter()
        .filter(|b| now.saturating_sub(b.since) < BACK_REQUEST_MAX_AGE_MS)
        .cloned()
        .collect()
}

/// Cancels "notify me when `service` is back" (the id a request was recorded under).
pub fn cancel_back(mut state: NotifyState, service: &str) -> NotifyState {
    state.back.retain(|b| b.service != service);
    state
}

/// The decision after a check: `events` (from [`crate::decide::transitions::events`]) between the
/// previous verdict and `verdict`. Returns the new state; its `outbox` is what to show.
/// `utc_offset_min` is the local clock's offset from UTC (for quiet hours).
pub fn plan(
    mut state: NotifyState,
    events: &[Event],
    verdict: &Verdict,
    settings: &Settings,
    now: i64,
    utc_offset_min: i32,
) -> NotifyState {
    prune(&mut state, now);
    let n = &settings.notify;
    if !n.enabled {
        state.held.clear();
        return state;
    }
    let mut wanted = Vec::new();
    for e in events {
        if kind_enabled(e, n) && watched(e, verdict, settings) {
            wanted.push(notice(e));
        }
    }
    let quiet = settings
        .quiet_hours
        .is_some_and(|q| q.contains(now, utc_offset_min));
    if quiet {
        for n in wanted {
            if !state.held.iter().any(|h| h.id == n.id) {
                state.held.push(n);
            }
        }
        prune(&mut state, now);
        return state;
    }

    // Quiet hours are over: what is still true, the latest per incident, before anything new.
    let held = std::mem::take(&mut state.held);
    let mut latest: Vec<Notice> = Vec::new();
    for n in held.into_iter().rev() {
        let same_incident = n
            .incident()
            .is_some_and(|id| latest.iter().any(|l| l.incident() == Some(id)));
        if !same_incident && still_true(&n, verdict, now) {
            latest.push(n);
        }
    }
    latest.reverse();
    for n in latest.into_iter().chain(wanted) {
        if n.kind == "incident_resolved" && !heard_of(&state, n.subject()) {
            continue;
        }
        emit(&mut state, n, now);
    }

    // "Notify me when it's back": only from fresh data.
    if verdict.freshness.state == FreshnessState::Fresh {
        let mut waiting = Vec::new();
        for b in std::mem::take(&mut state.back) {
            match service_level(verdict, &b.service) {
                Some((_, name, Level::Operational)) => emit(
                    &mut state,
                    Notice {
                        id: format!("back:{}:{}", b.service, b.since),
                        kind: "back".to_owned(),
                        name,
                        level: Level::Operational,
                        url: STATUS_HOME.to_owned(),
                        at: now,
                    },
                    now,
                ),
                _ => waiting.push(b),
            }
        }
        state.back = waiting;
    }
    prune(&mut state, now);
    state
}

/// Removes shown notices from the outbox.
pub fn delivered(mut state: NotifyState, ids: &[String]) -> NotifyState {
    state.outbox.retain(|n| !ids.contains(&n.id));
    state
}

/// Where a click on notification `id` leads: its recorded URL, always on status.openai.com.
pub fn click_url(state: &NotifyState, id: &str) -> String {
    state
        .notified
        .iter()
        .find(|n| n.key == id)
        .map_or_else(|| STATUS_HOME.to_owned(), |n| safe_url(&n.url))
}

//! Reading status.openai.com: endpoints, response checks, typed errors and parsers.
//!
//! The payloads are read by `serde_json` into the types of `source/payload.rs`, then
//! mapped onto the model here. Those types are lenient on purpose: the feed is
//! undocumented and drifts, so every key is optional, a member of the wrong type reads as
//! absent, a malformed single item is skipped instead of failing the snapshot, and an
//! unknown status string becomes [`Level::Unknown`] with the raw string kept. Only a body
//! that is not JSON ([`FetchError::NotJson`]) or a wrong *top-level* shape (not an
//! object, or missing the key that identifies the payload: [`FetchError::Shape`]) is an
//! error.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::model::impacts::{self, Impacts, Span};
use crate::model::level::Level;
#[cfg(test)]
use crate::model::snapshot::parse_rfc3339;
use crate::model::snapshot::{
    format_rfc3339, is_closed_status, Component, ComponentRef, Group, Impact, Incident,
    Maintenance, Snapshot, SourceKind, Update, MINUTE_MS,
};
use crate::model::text::{clean_display, clean_id, clean_line, NAME_MAX, STATUS_MAX, TEXT_MAX};

pub mod known;
mod payload;
pub mod state;

use payload::{
    AffectedComponent, CompatComponent, CompatIncident, CompatMaintenance, CompatRoot,
    CompatUpdate, ImpactsRoot, IncidentsRoot, Kind, List, NativeIncident, NativeRoot, NativeUpdate,
    PageStatus, StructureComponent, Summary, Text, Time, Top,
};

/// Base URL of the status page.
pub const STATUS_BASE: &str = "https://status.openai.com";
/// The status page's front page: [`STATUS_BASE`] and a slash (tested), where a link goes
/// when it has nowhere more precise to go.
pub const STATUS_HOME: &str = "https://status.openai.com/";

/// Longest `Retry-After` we honour: a broken or hostile header must not silence the
/// extension for days.
pub const MAX_RETRY_AFTER_SECS: u64 = 6 * 60 * 60;

/// The endpoints the extension reads, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// incident.io summary: structure, component states, incidents. Primary.
    NativeSummary,
    /// incident.io incident history with full update text. Not asked by the check (see
    /// [`Endpoint::ComponentImpacts`]); read by the inspection tool and the simulator.
    NativeIncidents,
    /// What the page's own bars and uptime figures are drawn from, for a window given in
    /// the query ([`impacts_query`]). Fetch rarely.
    ComponentImpacts,
    /// Statuspage-compatible summary. Drops components: fallback only.
    CompatSummary,
    /// Full flat component list (no groups).
    CompatComponents,
    /// Page-wide indicator only.
    CompatStatus,
}

impl Endpoint {
    pub const ALL: [Endpoint; 6] = [
        Endpoint::NativeSummary,
        Endpoint::NativeIncidents,
        Endpoint::ComponentImpacts,
        Endpoint::CompatSummary,
        Endpoint::CompatComponents,
        Endpoint::CompatStatus,
    ];

    pub fn url(self) -> &'static str {
        match self {
            Endpoint::NativeSummary => "https://status.openai.com/proxy/status.openai.com",
            Endpoint::NativeIncidents => {
                "https://status.openai.com/proxy/status.openai.com/incidents"
            }
            Endpoint::ComponentImpacts => {
                "https://status.openai.com/proxy/status.openai.com/component_impacts"
            }
            Endpoint::CompatSummary => "https://status.openai.com/api/v2/summary.json",
            Endpoint::CompatComponents => "https://status.openai.com/api/v2/components.json",
            Endpoint::CompatStatus => "https://status.openai.com/api/v2/status.json",
        }
    }

    /// Body size cap. Real summaries are tens of KB; the caps leave room for growth
    /// while keeping a runaway response from eating the worker's memory.
    pub fn max_bytes(self) -> usize {
        match self {
            Endpoint::NativeIncidents | Endpoint::ComponentImpacts => 4 * 1024 * 1024,
            Endpoint::CompatStatus => 256 * 1024,
            _ => 2 * 1024 * 1024,
        }
    }

    /// Which source family the endpoint belongs to.
    pub fn source(self) -> SourceKind {
        match self {
            Endpoint::NativeSummary | Endpoint::NativeIncidents | Endpoint::ComponentImpacts => {
                SourceKind::Native
            }
            _ => SourceKind::Compat,
        }
    }
}

/// How far back the history is asked for: the page's own bars cover 90 days.
pub const HISTORY_DAYS: i64 = 90;

/// The query parameters of a [`Endpoint::ComponentImpacts`] request made at `now`: the
/// last [`HISTORY_DAYS`] days, to the minute (`start_at`, `end_at`: RFC 3339 UTC, as the
/// page asks).
pub fn impacts_query(now: i64) -> Vec<(&'static str, String)> {
    let end = now.div_euclid(MINUTE_MS) * MINUTE_MS;
    let start = end - HISTORY_DAYS * 24 * 60 * MINUTE_MS;
    vec![
        ("start_at", format_rfc3339(start)),
        ("end_at", format_rfc3339(end)),
    ]
}

/// Why a fetch produced no usable data. Stored in [`crate::FetchState`] and shown
/// in the verdict, so it is serde-tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FetchError {
    /// Network unreachable / DNS / CORS failure: no HTTP status at all.
    Offline,
    /// No complete answer within the timeout (~10 s).
    Timeout,
    /// A non-2xx status (304 is handled by the caller, never an error).
    Http {
        status: u16,
        retry_after_secs: Option<u64>,
    },
    /// The body is not JSON (typically an HTML error page).
    NotJson { content_type: String },
    /// JSON, but not the shape we expect.
    Shape { detail: String },
    /// Body larger than the endpoint's cap.
    TooLarge { limit: usize },
    /// The web page only: no answer the page may read while the browser says it is
    /// online. A cross-origin error response (a 503 without CORS headers) looks like this,
    /// and so does a blocker: not the user's connection (see [`FetchError::of_request`]).
    Blocked,
}

impl FetchError {
    /// Errors that mean "we reached the server but cannot read what it says"; a run
    /// of these makes the data `unreadable` rather than `unreachable`.
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            FetchError::NotJson { .. } | FetchError::Shape { .. } | FetchError::TooLarge { .. }
        )
    }

    /// Whether the compat endpoints are worth asking after the main feed failed this way.
    /// Not when offline (they would fail the same way), nor when the server asked us to
    /// wait (429, or any status with Retry-After): its other endpoints are the same server.
    pub fn worth_a_fallback(&self) -> bool {
        match self {
            FetchError::Offline => false,
            FetchError::Http {
                status,
                retry_after_secs,
            } => *status != 429 && retry_after_secs.is_none(),
            _ => true,
        }
    }

    /// A request (or its body) that failed without an HTTP status, from the JS error's
    /// `name`: a timeout, or no answer at all. A page fetching across origins gets the
    /// same bare error for a cross-origin error response as for no network, so there
    /// (`cross_origin`) "offline" is said only when the browser says so (`online` false).
    pub fn of_request(name: &str, online: bool, cross_origin: bool) -> FetchError {
        match name {
            "TimeoutError" | "AbortError" => FetchError::Timeout,
            _ if cross_origin && online => FetchError::Blocked,
            _ => FetchError::Offline,
        }
    }

    pub(crate) fn shape(detail: &str) -> FetchError {
        FetchError::Shape {
            detail: detail.to_owned(),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Offline => write!(f, "offline"),
            FetchError::Timeout => write!(f, "timed out"),
            FetchError::Http {
                status,
                retry_after_secs: Some(s),
            } => write!(f, "HTTP {status} (retry after {s} s)"),
            FetchError::Http { status, .. } => write!(f, "HTTP {status}"),
            FetchError::NotJson { content_type } if content_type.is_empty() => {
                write!(f, "not JSON")
            }
            FetchError::NotJson { content_type } => write!(f, "not JSON ({content_type})"),
            FetchError::Shape { detail } => write!(f, "unexpected shape: {detail}"),
            FetchError::TooLarge { limit } => write!(f, "response larger than {limit} bytes"),
            FetchError::Blocked => write!(f, "no answer this page may read"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Parses a `Retry-After` value: delta-seconds, or (when `now` is given) an HTTP
/// date turned into seconds from `now`. Capped at [`MAX_RETRY_AFTER_SECS`].
pub fn parse_retry_after(value: &str, now: Option<i64>) -> Option<u64> {
    let v = value.trim();
    let secs = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // All digits: too many for a u64 is still "a long time".
        v.parse::<u64>().unwrap_or(u64::MAX)
    } else {
        let at = parse_http_date(v)?;
        let diff = at.saturating_sub(now?).max(0) / 1000;
        u64::try_from(diff).unwrap_or(0)
    };
    Some(secs.min(MAX_RETRY_AFTER_SECS))
}

/// Checks a response before its body is parsed. Retry-After is read as seconds
/// only; use [`check_response_at`] to also accept HTTP dates.
pub fn check_response(
    status: u16,
    content_type: Option<&str>,
    retry_after: Option<&str>,
    body_len: usize,
    limit: usize,
) -> Result<(), FetchError> {
    check(status, content_type, retry_after, body_len, limit, None)
}

/// [`check_response`], with `now` to resolve a `Retry-After` HTTP date.
pub fn check_response_at(
    status: u16,
    content_type: Option<&str>,
    retry_after: Option<&str>,
    body_len: usize,
    limit: usize,
    now: i64,
) -> Result<(), FetchError> {
    check(
        status,
        content_type,
        retry_after,
        body_len,
        limit,
        Some(now),
    )
}

/// Order matters: a 5xx HTML error page is an HTTP error (transient, "unreachable"),
/// not a "not JSON" one; size is checked before content type because a huge body is
/// refused whatever it claims to be.
fn check(
    status: u16,
    content_type: Option<&str>,
    retry_after: Option<&str>,
    body_len: usize,
    limit: usize,
    now: Option<i64>,
) -> Result<(), FetchError> {
    if !(200..=299).contains(&status) {
        return Err(FetchError::Http {
            status,
            retry_after_secs: retry_after.and_then(|v| parse_retry_after(v, now)),
        });
    }
    if body_len > limit {
        return Err(FetchError::TooLarge { limit });
    }
    let ct = content_type.unwrap_or("").trim();
    // Any JSON media type: `application/json`, `…+json`, whatever the case.
    if !ct.to_ascii_lowercase().contains("json") {
        return Err(FetchError::NotJson {
            content_type: clean_line(ct, 100),
        });
    }
    Ok(())
}

/// FNV-1a 64-bit hash of a body, as 16 hex digits: "no change" detection when the
/// server sends no ETag/Last-Modified.
pub fn body_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------
// Times

/// Milliseconds since the epoch of an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn parse_http_date(s: &str) -> Option<i64> {
    let at = httpdate::parse_http_date(s).ok()?;
    i64::try_from(at.duration_since(UNIX_EPOCH).ok()?.as_millis()).ok()
}

// ---------------------------------------------------------------------------
// Reading a body

/// Checks that `body` is JSON, all of it, before its shape is looked at. A separate
/// pass because serde skips the members no type asks for without `serde_json::Value`'s
/// checks (numbers in range, nesting depth), and a body that is not JSON as a whole is
/// `NotJson` whichever part is broken.
fn valid(body: &str) -> Result<(), FetchError> {
    serde_json::from_str::<payload::AnyJson>(body)
        .map(|_| ())
        .map_err(|_| FetchError::NotJson {
            content_type: String::new(),
        })
}

/// Reads a [`valid`] body as the object `T`; `shape` is the error if it is not an
/// object (or, as serde refuses them, repeats a member `T` reads).
fn read<'a, T: Deserialize<'a>>(body: &'a str, shape: &str) -> Result<T, FetchError> {
    serde_json::from_str::<payload::Obj<T>>(body)
        .ok()
        .and_then(|o| o.0)
        .ok_or_else(|| FetchError::shape(shape))
}

// ---------------------------------------------------------------------------
// Lenient values

/// A name or other one-line display text, cleaned ([`crate::model::text`]); empty if absent.
fn name(t: &Text) -> String {
    t.raw().map(|s| clean_line(s, NAME_MAX)).unwrap_or_default()
}

/// A status word, cleaned; `None` if absent.
fn status_text(t: &Text) -> Option<String> {
    t.raw().map(|s| clean_line(s, STATUS_MAX))
}

/// An id, cleaned ([`clean_id`]); `None` if absent or empty.
fn id_text(t: &Text) -> Option<String> {
    t.raw().map(clean_id).filter(|s| !s.is_empty())
}

/// First non-blank text, raw.
fn first_text<'a>(texts: &[&'a Text]) -> Option<&'a str> {
    texts
        .iter()
        .filter_map(|t| t.raw())
        .find(|s| !s.trim().is_empty())
}

/// First non-empty id.
fn first_id(texts: &[&Text]) -> Option<String> {
    texts.iter().find_map(|t| id_text(t))
}

/// First readable time.
fn first_time(times: &[Time]) -> Option<i64> {
    times.iter().find_map(|t| t.0)
}

/// Level and raw string of a status field (missing/non-string ⇒ unknown, no raw).
fn level_of(raw: Option<String>) -> (Level, Option<String>) {
    match raw {
        Some(s) => (Level::from_source(&s), Some(s)),
        None => (Level::Unknown, None),
    }
}

/// id → display name, filled from the structure and the catalogue.
#[derive(Default)]
struct Names(HashMap<String, String>);

impl Names {
    /// The first name given for an id stays (the structure and the catalogue name every
    /// component twice).
    fn add(&mut self, id: &str, name: &str) {
        if !id.is_empty() && !name.is_empty() && !self.0.contains_key(id) {
            self.0.insert(id.to_owned(), name.to_owned());
        }
    }
    /// `own` name, else the one known for `id`.
    fn name_of(&self, own: &Text, id: &str) -> String {
        let own = name(own);
        if own.is_empty() {
            self.get(id)
        } else {
            own
        }
    }
    /// Names a component that has no name of its own.
    fn fill(&self, c: &mut Component) {
        if c.name.is_empty() {
            c.name = self.get(&c.id);
        }
    }
    fn get(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_default()
    }
}

/// Adds a component ref, keeping one entry per id (the worst level).
fn push_ref(refs: &mut Vec<ComponentRef>, r: ComponentRef) {
    if let Some(existing) = refs.iter_mut().find(|e| e.id == r.id) {
        existing.level = existing.level.worst(r.level);
    } else {
        refs.push(r);
    }
}

/// Sorts updates latest first; updates without a time go last. Stable: updates of one
/// time keep the feed's order.
fn sort_updates(updates: &mut [Update]) {
    updates.sort_by_key(|u| Reverse(u.at.unwrap_or(i64::MIN)));
}

// ---------------------------------------------------------------------------
// Native (incident.io)

fn native_update(u: &NativeUpdate) -> Option<Update> {
    let text = first_text(&[&u.message_string, &u.message, &u.body])
        .map(|s| clean_display(s, TEXT_MAX))
        .unwrap_or_default();
    let status = first_text(&[&u.to_status, &u.status])
        .map(|s| clean_line(s, STATUS_MAX))
        .unwrap_or_default();
    if text.is_empty() && status.is_empty() {
        // Nothing to show: drift or a broken entry.
        return None;
    }
    Some(Update {
        at: first_time(&[u.published_at, u.created_at, u.display_at]),
        status,
        text,
    })
}

/// One native incident or maintenance. `None` for an entry without an id (it could be
/// neither linked, named nor deduplicated).
fn native_incident(v: &NativeIncident, names: &Names) -> Option<Incident> {
    let id = id_text(&v.id)?;
    let status = status_text(&v.status).unwrap_or_default();
    let mut impacts: Vec<Impact> = Vec::new();
    for i in v.component_impacts.items() {
        if let Some(component_id) = id_text(&i.component_id) {
            impacts.push(Impact {
                component_id,
                level: level_of(status_text(&i.status)).0,
                start_at: i.start_at.0,
                end_at: i.end_at.0,
            });
        }
    }

    let mut components = Vec::new();
    for a in v.affected_components.items() {
        let Some(cid) = id_text(&a.component_id) else {
            continue;
        };
        // `status` is the impact the incident declares (it moves with updates);
        // `current_status` is the component's live state, which other incidents
        // also influence. Prefer the declared impact.
        let raw = status_text(&a.status).or_else(|| status_text(&a.current_status));
        let name = names.name_of(&a.name, &cid);
        push_ref(
            &mut components,
            ComponentRef {
                name,
                level: level_of(raw).0,
                id: cid,
            },
        );
    }
    if components.is_empty() && !is_closed_status(&status) {
        // Drift fallback: no affected list, but open impact periods name components.
        for i in impacts.iter().filter(|i| i.end_at.is_none()) {
            push_ref(
                &mut components,
                ComponentRef {
                    id: i.component_id.clone(),
                    name: names.get(&i.component_id),
                    level: i.level,
                },
            );
        }
    }

    let summaries = v.status_summaries.items();
    let level = Level::worst_of(components.iter().map(|c| c.level))
        .or_else(|| {
            // The last summary that names one.
            summaries
                .iter()
                .rev()
                .find_map(|s| s.worst_component_status.raw())
                .map(Level::from_source)
        })
        .unwrap_or(Level::Unknown);

    let mut updates: Vec<Update> = v.updates.items().iter().filter_map(native_update).collect();
    sort_updates(&mut updates);

    let started_at = first_time(&[v.published_at, v.started_at, v.created_at])
        .or_else(|| impacts.iter().filter_map(|i| i.start_at).min())
        .or_else(|| summaries.iter().filter_map(|s| s.start_at.0).min())
        .or_else(|| updates.iter().filter_map(|u| u.at).min());

    let resolved_at = if is_closed_status(&status) {
        v.resolved_at
            .0
            .or_else(|| {
                // The latest closing update's time.
                updates
                    .iter()
                    .find(|u| is_closed_status(&u.status))
                    .and_then(|u| u.at)
            })
            .or_else(|| impacts.iter().filter_map(|i| i.end_at).max())
    } else {
        None
    };

    let maintenance = v
        .kind
        .raw()
        .is_some_and(|t| t.eq_ignore_ascii_case("maintenance"));
    Some(Incident {
        id,
        name: name(&v.name),
        status,
        level,
        components,
        started_at,
        resolved_at,
        updates,
        impacts,
        maintenance,
    })
}

/// Whether a maintenance status means the work is underway.
fn maintenance_underway(status: &str) -> bool {
    ["maintenance_in_progress", "in_progress", "verifying"]
        .iter()
        .any(|w| status.eq_ignore_ascii_case(w))
}

fn native_maintenance(
    v: &NativeIncident,
    names: &Names,
    listed_in_progress: bool,
) -> Option<Maintenance> {
    let inc = native_incident(v, names)?;
    let summaries = v.status_summaries.items();
    let starts_at = first_time(&[v.starts_at, v.scheduled_for, v.start_at])
        .or_else(|| inc.impacts.iter().filter_map(|i| i.start_at).min())
        .or_else(|| summaries.iter().filter_map(|s| s.start_at.0).min());
    let ends_at = first_time(&[v.ends_at, v.scheduled_until, v.end_at])
        .or_else(|| inc.impacts.iter().filter_map(|i| i.end_at).max())
        .or_else(|| summaries.iter().filter_map(|s| s.end_at.0).max());
    let in_progress = listed_in_progress || maintenance_underway(&inc.status);
    Some(Maintenance {
        id: inc.id,
        name: inc.name,
        status: inc.status,
        in_progress,
        starts_at,
        ends_at,
        components: inc.components,
        updates: inc.updates,
    })
}

/// The affected components' statuses by id (sorted, so components the page describes
/// nowhere are added in id order).
type Affected = BTreeMap<String, Option<String>>;

/// A component entry of the structure (`{component_id, name, hidden}`); its own name, if
/// it has one, is given to `names`.
fn structure_component(
    c: &StructureComponent,
    names: &mut Names,
    affected: &Affected,
) -> Option<Component> {
    let id = first_id(&[&c.component_id, &c.id])?;
    let name = name(&c.name);
    names.add(&id, &name);
    let (level, raw_status) = component_state(&id, affected);
    Some(Component {
        id,
        name,
        hidden: c.hidden.0,
        level,
        raw_status,
        not_reported: false,
    })
}

/// Of two statuses of one affected component, whether the first stays (it is as bad).
fn keep_worse(old: &Option<String>, new: &Option<String>) -> bool {
    let level = |s: &Option<String>| s.as_deref().map_or(Level::Unknown, Level::from_source);
    level(old).severity() >= level(new).severity()
}

/// Worst status per id, should an id be listed twice.
fn affected_states(list: &[AffectedComponent]) -> Affected {
    let mut affected = Affected::new();
    for a in list {
        let Some(id) = id_text(&a.component_id) else {
            continue;
        };
        let status = status_text(&a.status);
        match affected.get_mut(&id) {
            Some(old) if !keep_worse(old, &status) => *old = status,
            Some(_) => {}
            None => {
                affected.insert(id, status);
            }
        }
    }
    affected
}

/// `affected_components` lists only non-operational components: absent ⇒ operational.
fn component_state(id: &str, affected: &Affected) -> (Level, Option<String>) {
    match affected.get(id) {
        None => (Level::Operational, None),
        Some(raw) => level_of(raw.clone()),
    }
}

fn native_summary(summary: &Summary) -> Snapshot {
    let affected = affected_states(summary.affected_components.items());

    // The structure, in one pass: each component's id and name are cleaned once. A
    // component without a name of its own is named from the catalogue afterwards (its
    // name is then empty until the end of this function).
    let mut names = Names::default();
    let mut snap = Snapshot {
        source: SourceKind::Native,
        page_name: name(&summary.name),
        ..Snapshot::default()
    };
    let structure_items = summary.structure.0.as_ref().map(|s| s.items.items());
    for it in structure_items.unwrap_or_default() {
        if let Some(g) = &it.group.0 {
            let components = g
                .components
                .items()
                .iter()
                .filter_map(|c| structure_component(c, &mut names, &affected))
                .collect();
            snap.groups.push(Group {
                id: id_text(&g.id).unwrap_or_default(),
                name: name(&g.name),
                hidden: g.hidden.0,
                components,
            });
        } else if let Some(c) = &it.component.0 {
            if let Some(c) = structure_component(c, &mut names, &affected) {
                snap.components.push(c);
            }
        }
    }
    let mut catalogue: Vec<(String, String)> = Vec::new();
    for c in summary.components.items() {
        if let Some(id) = first_id(&[&c.id, &c.component_id]) {
            let n = name(&c.name);
            names.add(&id, &n);
            catalogue.push((id, n));
        }
    }
    for g in &mut snap.groups {
        for c in &mut g.components {
            names.fill(c);
        }
    }
    for c in &mut snap.components {
        names.fill(c);
    }

    // No usable structure (drift): show the catalogue flat rather than nothing.
    // With a structure, catalogue entries it does not place are not shown on the
    // page, so they are kept hidden.
    let structured = snap.has_components();
    for (id, name) in &catalogue {
        if !snap.has(id) {
            let (level, raw_status) = component_state(id, &affected);
            snap.components.push(Component {
                id: id.clone(),
                name: name.clone(),
                hidden: structured,
                level,
                raw_status,
                not_reported: false,
            });
        }
    }
    // A component the page reports as affected but describes nowhere: keep it
    // visible (it counts for `overall`), named by its id.
    for (id, raw) in &affected {
        if !snap.has(id) {
            let (level, raw_status) = level_of(raw.clone());
            snap.components.push(Component {
                id: id.clone(),
                name: clean_line(id, NAME_MAX),
                hidden: false,
                level,
                raw_status,
                not_reported: false,
            });
        }
    }

    snap.incidents = native_incident_list(summary.ongoing_incidents.items(), &names);

    let mut maints: Vec<Maintenance> = Vec::new();
    let lists = [
        (&summary.in_progress_maintenances, true),
        (&summary.scheduled_maintenances, false),
    ];
    for (list, in_progress) in lists {
        for v in list.items() {
            if let Some(m) = native_maintenance(v, &names, in_progress) {
                if let Some(old) = maints.iter_mut().find(|o| o.id == m.id) {
                    old.in_progress |= m.in_progress;
                } else {
                    maints.push(m);
                }
            }
        }
    }
    snap.maintenances = maints;
    snap
}

fn read_native_summary(body: &str) -> Result<Snapshot, FetchError> {
    let root: NativeRoot = read(body, "no `summary` object")?;
    let summary = root
        .summary
        .0
        .ok_or_else(|| FetchError::shape("no `summary` object"))?;
    Ok(native_summary(&summary))
}

/// Parses the native summary (`/proxy/status.openai.com`).
pub fn parse_native_summary(body: &str) -> Result<Snapshot, FetchError> {
    valid(body)?;
    read_native_summary(body)
}

/// [`parse_native_summary`] from the fetched bytes.
pub fn parse_native_summary_bytes(body: &[u8]) -> Result<Snapshot, FetchError> {
    let body = std::str::from_utf8(body).map_err(|_| FetchError::shape("body is not UTF-8"))?;
    parse_native_summary(body)
}

fn read_native_incidents(body: &str) -> Result<Vec<Incident>, FetchError> {
    let root: IncidentsRoot = read(body, "no `incidents` array")?;
    let list = root
        .incidents
        .0
        .ok_or_else(|| FetchError::shape("no `incidents` array"))?;
    Ok(native_incident_list(&list, &Names::default()))
}

fn native_incident_list(list: &[NativeIncident], names: &Names) -> Vec<Incident> {
    list.iter()
        .filter_map(|v| native_incident(v, names))
        .collect()
}

/// Parses the native incident history (`/proxy/status.openai.com/incidents`),
/// resolved incidents and maintenances included (see [`Incident::maintenance`]).
/// Component names are unknown here; match them by id against a snapshot.
pub fn parse_native_incidents(body: &str) -> Result<Vec<Incident>, FetchError> {
    valid(body)?;
    read_native_incidents(body)
}

// ---------------------------------------------------------------------------
// The page's history (component_impacts)

fn read_component_impacts(body: &str) -> Result<Impacts, FetchError> {
    let root: ImpactsRoot = read(body, "no `component_impacts` array")?;
    if root.component_impacts.0.is_none() && root.component_uptimes.0.is_none() {
        return Err(FetchError::shape("no `component_impacts` array"));
    }
    let mut out = Impacts::default();
    for i in root.component_impacts.items() {
        // A period without a component or a start can be placed on no bar.
        let (Some(component_id), Some(start)) = (id_text(&i.component_id), i.start_at.0) else {
            continue;
        };
        let end = i.end_at.0;
        if end.is_some_and(|e| e < start) {
            continue;
        }
        out.spans.push(Span {
            component_id,
            incident_id: id_text(&i.status_page_incident_id).unwrap_or_default(),
            level: level_of(status_text(&i.status)).0,
            start,
            end,
        });
    }
    for u in root.component_uptimes.items() {
        let (Some(component_id), Some(uptime)) = (id_text(&u.component_id), u.uptime.0) else {
            continue;
        };
        if !out.uptimes.iter().any(|o| o.component_id == component_id) {
            out.uptimes.push(impacts::Uptime {
                component_id,
                uptime,
                since: u.data_available_since.0,
            });
        }
    }
    for l in root.incident_links.items() {
        let Some(id) = id_text(&l.id) else {
            continue;
        };
        if !out.incidents.iter().any(|o| o.id == id) {
            out.incidents.push(impacts::IncidentLink {
                id,
                name: name(&l.name),
                status: status_text(&l.status).unwrap_or_default(),
                published_at: l.published_at.0,
            });
        }
    }
    Ok(out)
}

/// Parses what the page's bars and uptimes are drawn from
/// (`/proxy/status.openai.com/component_impacts`). Lenient like the summary: a period
/// without a component id or a readable start is skipped, an unknown status is
/// [`Level::Unknown`], an uptime is read from a string or a number (and skipped when it is
/// neither, or outside 0–100), a period without `end_at` is still going on. Only a body
/// that is not JSON, not an object, or has neither `component_impacts` nor
/// `component_uptimes` as an array is an error.
pub fn parse_component_impacts(body: &str) -> Result<Impacts, FetchError> {
    valid(body)?;
    read_component_impacts(body)
}

/// [`parse_component_impacts`] from the fetched bytes.
pub fn parse_component_impacts_bytes(body: &[u8]) -> Result<Impacts, FetchError> {
    let body = std::str::from_utf8(body).map_err(|_| FetchError::shape("body is not UTF-8"))?;
    parse_component_impacts(body)
}

// ---------------------------------------------------------------------------
// Compat (Statuspage-shaped /api/v2)

/// A component row of components.json / summary.json.
struct CompatRow {
    id: String,
    name: String,
    raw: Option<String>,
    group_id: Option<String>,
    is_group: bool,
}

/// Adds `list`'s component rows to `rows`, skipping ids already there.
fn add_compat_rows(rows: &mut Vec<CompatRow>, list: &List<CompatComponent>) {
    for c in list.items() {
        let Some(id) = id_text(&c.id) else {
            continue;
        };
        if !rows.iter().any(|o| o.id == id) {
            rows.push(CompatRow {
                name: name(&c.name),
                raw: status_text(&c.status),
                group_id: id_text(&c.group_id),
                is_group: c.group.0,
                id,
            });
        }
    }
}

fn compat_updates(list: &List<CompatUpdate>) -> Vec<Update> {
    let mut ups: Vec<Update> = list
        .items()
        .iter()
        .map(|u| Update {
            at: first_time(&[u.display_at, u.created_at, u.updated_at]),
            status: status_text(&u.status).unwrap_or_default(),
            text: clean_display(u.body.raw().unwrap_or_default(), TEXT_MAX),
        })
        .collect();
    sort_updates(&mut ups);
    ups
}

fn compat_refs(list: &List<CompatComponent>) -> Vec<ComponentRef> {
    let mut refs = Vec::new();
    for c in list.items() {
        if let Some(id) = id_text(&c.id) {
            push_ref(
                &mut refs,
                ComponentRef {
                    id,
                    name: name(&c.name),
                    level: level_of(status_text(&c.status)).0,
                },
            );
        }
    }
    refs
}

fn compat_incident(v: &CompatIncident) -> Option<Incident> {
    let id = id_text(&v.id)?;
    let components = compat_refs(&v.components);
    // `impact` when present and readable, combined with the components' states.
    let impact = v
        .impact
        .raw()
        .map(Level::from_source)
        .filter(|l| *l != Level::Unknown);
    let level = Level::worst_of(impact.into_iter().chain(components.iter().map(|c| c.level)))
        .unwrap_or(Level::Unknown);
    Some(Incident {
        id,
        name: name(&v.name),
        status: status_text(&v.status).unwrap_or_default(),
        level,
        components,
        started_at: first_time(&[v.started_at, v.created_at]),
        resolved_at: v.resolved_at.0,
        updates: compat_updates(&v.incident_updates),
        impacts: Vec::new(),
        maintenance: false,
    })
}

fn compat_maintenance(v: &CompatMaintenance) -> Option<Maintenance> {
    let id = id_text(&v.id)?;
    let status = status_text(&v.status).unwrap_or_default();
    Some(Maintenance {
        id,
        name: name(&v.name),
        in_progress: maintenance_underway(&status),
        starts_at: first_time(&[v.scheduled_for, v.starts_at]),
        ends_at: first_time(&[v.scheduled_until, v.ends_at]),
        components: compat_refs(&v.components),
        updates: compat_updates(&v.incident_updates),
        status,
    })
}

fn is_compat_summary(v: &CompatRoot) -> bool {
    v.components.0.is_some()
        || v.incidents.0.is_some()
        || v.scheduled_maintenances.0.is_some()
        || v.status.0.is_some()
}

/// Builds a snapshot from the Statuspage-compatible endpoints (any subset).
///
/// summary.json drops components unpredictably, so components.json is the primary
/// list of component states and summary.json only adds what components.json lacks.
/// Neither carries groups (incident.io's compat output is flat): group membership,
/// names and hidden flags are taken from `previous`, the last native snapshot, when
/// given, else from the baked-in [`crate::source::known`] table. A component the structure
/// places but no compat payload mentions is kept as [`Level::Unknown`], marked
/// `not_reported` (never assumed operational here: `decide` weighs it against the page's
/// headline), when only summary.json was read, and dropped when
/// components.json (the full list) was read. Compat components the structure does
/// not know become top-level components. Payloads that fail to parse are
/// ignored if another one is usable; if none is, the first error is returned.
pub fn parse_compat(
    summary: Option<&str>,
    components: Option<&str>,
    status: Option<&str>,
    previous: Option<&Snapshot>,
) -> Result<Snapshot, FetchError> {
    let mut first_err: Option<FetchError> = None;
    let mut keep = |body: Option<&str>, ok: fn(&CompatRoot) -> bool, what: &str| {
        let body = body?;
        let res = valid(body)
            .and_then(|()| read::<CompatRoot>(body, what))
            .and_then(|v| {
                if ok(&v) {
                    Ok(v)
                } else {
                    Err(FetchError::shape(what))
                }
            });
        match res {
            Ok(v) => Some(v),
            Err(e) => {
                first_err.get_or_insert(e);
                None
            }
        }
    };
    let summary_v = keep(summary, is_compat_summary, "compat summary: no known keys");
    let components_v = keep(
        components,
        |v| v.components.0.is_some(),
        "compat components: no `components` array",
    );
    let status_v = keep(
        status,
        |v| v.status.0.is_some(),
        "compat status: no `status` object",
    );
    if summary_v.is_none() && components_v.is_none() && status_v.is_none() {
        return Err(first_err.unwrap_or_else(|| FetchError::shape("no compat payload")));
    }
    Ok(compat_snapshot(
        summary_v.as_ref(),
        components_v.as_ref(),
        status_v.as_ref(),
        previous,
    ))
}

fn compat_snapshot(
    summary: Option<&CompatRoot>,
    components: Option<&CompatRoot>,
    status: Option<&CompatRoot>,
    previous: Option<&Snapshot>,
) -> Snapshot {
    // Union of rows, components.json first.
    let mut rows: Vec<CompatRow> = Vec::new();
    for v in [components, summary].into_iter().flatten() {
        add_compat_rows(&mut rows, &v.components);
    }
    let page_name = [summary, components, status]
        .into_iter()
        .flatten()
        .filter_map(|v| v.page.0.as_ref())
        .map(|p| name(&p.name))
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    let page_indicator = [status, summary]
        .into_iter()
        .flatten()
        .find_map(|v| headline(v.status.0.as_ref()?));

    let mut snap = Snapshot {
        source: SourceKind::Compat,
        page_name,
        page_indicator,
        ..Snapshot::default()
    };
    // Group structure: the previous native snapshot, else Statuspage-style groups
    // if the rows carry them, else the baked-in table (only when there are rows:
    // status.json alone describes no component).
    let has_groups = rows.iter().any(|r| r.is_group);
    let fallback;
    let structure = match previous {
        Some(p) => Some(p),
        None if !has_groups && !rows.is_empty() => {
            fallback = crate::source::known::fallback_structure();
            Some(&fallback)
        }
        None => None,
    };
    // components.json is the full list: an id it lacks no longer exists. With only
    // summary.json (which drops components) a missing id is unknown.
    let full_list = components.is_some();
    let mut placed: Vec<String> = Vec::new();
    if let Some(prev) = structure {
        for g in &prev.groups {
            let mut comps = Vec::new();
            for c in &g.components {
                if let Some(c) = carry(c, &rows, full_list, &mut placed) {
                    comps.push(c);
                }
            }
            snap.groups.push(Group {
                id: g.id.clone(),
                name: g.name.clone(),
                hidden: g.hidden,
                components: comps,
            });
        }
        for c in &prev.components {
            if let Some(c) = carry(c, &rows, full_list, &mut placed) {
                snap.components.push(c);
            }
        }
    } else {
        // Statuspage-style groups, if the compat output ever carries them.
        for g in rows.iter().filter(|r| r.is_group) {
            let mut comps = Vec::new();
            for r in &rows {
                if !r.is_group && r.group_id.as_deref() == Some(g.id.as_str()) {
                    placed.push(r.id.clone());
                    comps.push(compat_component(r, false));
                }
            }
            snap.groups.push(Group {
                id: g.id.clone(),
                name: g.name.clone(),
                hidden: false,
                components: comps,
            });
        }
    }
    for r in &rows {
        if !r.is_group && !placed.contains(&r.id) {
            snap.components.push(compat_component(r, false));
        }
    }

    if let Some(s) = summary {
        for v in s.incidents.items() {
            if let Some(i) = compat_incident(v) {
                if i.is_ongoing() {
                    snap.incidents.push(i);
                }
            }
        }
        for v in s.scheduled_maintenances.items() {
            if let Some(m) = compat_maintenance(v) {
                if !m.is_over() {
                    snap.maintenances.push(m);
                }
            }
        }
    }
    snap
}

/// The page's headline level: `indicator`, or, when that is missing or unreadable, the
/// words "All Systems Operational" in `description` (the one headline that is the same
/// words on every Statuspage-shaped page); `None` when neither says anything.
fn headline(status: &PageStatus) -> Option<Level> {
    let indicator = status.indicator.raw().map(Level::from_source);
    let calm = status
        .description
        .raw()
        .is_some_and(|d| d.trim().eq_ignore_ascii_case("All Systems Operational"));
    match indicator {
        Some(Level::Unknown) | None if calm => Some(Level::Operational),
        other => other,
    }
}

fn compat_component(r: &CompatRow, hidden: bool) -> Component {
    let (level, raw_status) = level_of(r.raw.clone());
    Component {
        id: r.id.clone(),
        name: r.name.clone(),
        hidden,
        level,
        raw_status,
        not_reported: false,
    }
}

/// A component of the previous structure, with its state from the compat rows; `None`
/// when the full list (`full_list`) no longer has it.
fn carry(
    c: &Component,
    rows: &[CompatRow],
    full_list: bool,
    placed: &mut Vec<String>,
) -> Option<Component> {
    match rows.iter().find(|r| r.id == c.id) {
        Some(r) => {
            placed.push(c.id.clone());
            let name = if r.name.is_empty() { &c.name } else { &r.name };
            Some(Component {
                name: name.clone(),
                ..compat_component(r, c.hidden)
            })
        }
        None if full_list => None,
        None => Some(Component {
            id: c.id.clone(),
            name: c.name.clone(),
            hidden: c.hidden,
            level: Level::Unknown,
            raw_status: None,
            not_reported: true,
        }),
    }
}

// ---------------------------------------------------------------------------
// Detection (inspection tool)

/// What a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayloadKind {
    NativeSummary,
    NativeIncidents,
    CompatSummary,
    CompatComponents,
    CompatStatus,
    /// `component_impacts`: the page's history; no part of a snapshot.
    ComponentImpacts,
}

fn detect_top(v: &Top) -> Result<PayloadKind, FetchError> {
    let has_arr = |k: Kind| k == Kind::Array;
    if v.summary == Kind::Object {
        return Ok(PayloadKind::NativeSummary);
    }
    if has_arr(v.component_impacts) || has_arr(v.component_uptimes) {
        return Ok(PayloadKind::ComponentImpacts);
    }
    let has_page = v.page != Kind::Absent;
    if has_arr(v.incidents) && !has_page && !has_arr(v.components) {
        return Ok(PayloadKind::NativeIncidents);
    }
    let has_status = v.status == Kind::Object;
    if has_arr(v.components) && !has_status && !has_arr(v.incidents) {
        return Ok(PayloadKind::CompatComponents);
    }
    if has_status && !has_arr(v.components) && !has_arr(v.incidents) {
        return Ok(PayloadKind::CompatStatus);
    }
    let compat_summary = has_arr(v.components)
        || has_arr(v.incidents)
        || has_arr(v.scheduled_maintenances)
        || has_status;
    if compat_summary {
        return Ok(PayloadKind::CompatSummary);
    }
    Err(FetchError::shape("not a status.openai.com payload"))
}

/// [`detect`] for a [`valid`] body.
fn detect_valid(body: &str) -> Result<PayloadKind, FetchError> {
    detect_top(&read(body, "top level is not an object")?)
}

/// Recognises which payload a body is.
pub fn detect(body: &str) -> Result<PayloadKind, FetchError> {
    valid(body)?;
    detect_valid(body)
}

/// Builds one snapshot from any mix of payloads (the inspection tool's job): the
/// native summary is preferred; otherwise the compat payloads (using `previous`
/// for groups); otherwise, with only a history, its open incidents. A history, if
/// present, fills in update text. Any unreadable body is an error.
pub fn detect_and_parse(
    bodies: &[&str],
    previous: Option<&Snapshot>,
) -> Result<Snapshot, FetchError> {
    let mut native: Option<Snapshot> = None;
    let mut history: Vec<Incident> = Vec::new();
    let mut compat: [Option<CompatRoot>; 3] = [None, None, None];
    for body in bodies {
        valid(body)?;
        let kind = detect_valid(body)?;
        let slot = match kind {
            PayloadKind::NativeSummary => {
                if native.is_none() {
                    native = Some(read_native_summary(body)?);
                }
                continue;
            }
            PayloadKind::NativeIncidents => {
                history.extend(read_native_incidents(body)?);
                continue;
            }
            // Read on its own (`parse_component_impacts`): it says nothing about now.
            PayloadKind::ComponentImpacts => continue,
            PayloadKind::CompatSummary => 0,
            PayloadKind::CompatComponents => 1,
            PayloadKind::CompatStatus => 2,
        };
        compat[slot] = Some(read(body, "not a status.openai.com payload")?);
    }
    let mut snap = if let Some(n) = native {
        n
    } else if compat.iter().any(Option::is_some) {
        let [s, c, st] = &compat;
        compat_snapshot(s.as_ref(), c.as_ref(), st.as_ref(), previous)
    } else if !history.is_empty() || bodies.is_empty() {
        Snapshot {
            source: SourceKind::Native,
            incidents: history
                .iter()
                .filter(|i| i.is_ongoing() && !i.maintenance)
                .cloned()
                .collect(),
            ..Snapshot::default()
        }
    } else {
        return Err(FetchError::shape("no payload"));
    };
    snap.merge_history(&history);
    Ok(snap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            Endpoint::NativeSummary.url(),
            "https://status.openai.com/proxy/status.openai.com"
        );
        assert!(Endpoint::NativeIncidents.max_bytes() > Endpoint::NativeSummary.max_bytes());
        for e in Endpoint::ALL {
            assert!(e.url().starts_with(STATUS_BASE));
        }
    }

    #[test]
    fn the_history_is_asked_for_the_90_days_up_to_the_minute() {
        let now = parse_rfc3339("2026-09-15T12:00:59.999Z").unwrap();
        assert_eq!(
            impacts_query(now),
            [
                ("start_at", "2026-06-17T12:00:00Z".to_owned()),
                ("end_at", "2026-09-15T12:00:00Z".to_owned())
            ]
        );
        assert_eq!(
            detect(r#"{"component_impacts":[],"component_uptimes":[]}"#),
            Ok(PayloadKind::ComponentImpacts)
        );
    }

    #[test]
    fn fallback_only_when_it_can_help_and_is_allowed() {
        let http = |status, retry_after_secs| FetchError::Http {
            status,
            retry_after_secs,
        };
        assert!(http(500, None).worth_a_fallback());
        assert!(http(404, None).worth_a_fallback());
        assert!(FetchError::Timeout.worth_a_fallback());
        assert!(FetchError::shape("x").worth_a_fallback());
        assert!(!FetchError::Offline.worth_a_fallback());
        assert!(!http(429, None).worth_a_fallback());
        assert!(!http(503, Some(30)).worth_a_fallback());
    }

    #[test]
    fn response_checks() {
        let j = Some("application/json; charset=utf-8");
        assert_eq!(check_response(200, j, None, 10, 100), Ok(()));
        for ct in ["Application/JSON", "application/problem+json", "x-JsOn"] {
            assert_eq!(check_response(200, Some(ct), None, 10, 100), Ok(()), "{ct}");
        }
        for ct in ["application/jso", "j son", "", "jso"] {
            assert!(
                check_response(200, Some(ct), None, 10, 100).is_err(),
                "{ct}"
            );
        }
        assert_eq!(
            check_response(503, Some("text/html"), Some("120"), 10, 100),
            Err(FetchError::Http {
                status: 503,
                retry_after_secs: Some(120)
            })
        );
        assert_eq!(
            check_response(429, j, Some("Wed, 21 Oct 2015 07:28:00 GMT"), 10, 100),
            Err(FetchError::Http {
                status: 429,
                retry_after_secs: None
            })
        );
        let now = parse_rfc3339("2015-10-21T07:27:00Z").unwrap();
        assert_eq!(
            check_response_at(429, j, Some("Wed, 21 Oct 2015 07:28:00 GMT"), 10, 100, now),
            Err(FetchError::Http {
                status: 429,
                retry_after_secs: Some(60)
            })
        );
        assert_eq!(
            check_response(200, Some("text/html"), None, 10, 100),
            Err(FetchError::NotJson {
                content_type: "text/html".into()
            })
        );
        assert!(matches!(
            check_response(200, None, None, 10, 100),
            Err(FetchError::NotJson { .. })
        ));
        assert_eq!(
            check_response(200, j, None, 101, 100),
            Err(FetchError::TooLarge { limit: 100 })
        );
        assert_eq!(
            parse_retry_after("999999999999999999999", None),
            Some(MAX_RETRY_AFTER_SECS)
        );
        assert_eq!(parse_retry_after("soon", Some(0)), None);
    }

    #[test]
    fn error_json() {
        let e = FetchError::Http {
            status: 503,
            retry_after_secs: None,
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"kind":"http","status":503,"retry_after_secs":null}"#
        );
        assert_eq!(
            serde_json::to_string(&FetchError::Offline).unwrap(),
            r#"{"kind":"offline"}"#
        );
        let e = FetchError::NotJson {
            content_type: "text/html".into(),
        };
        assert_eq!(
            serde_json::from_str::<FetchError>(&serde_json::to_string(&e).unwrap()).unwrap(),
            e
        );
    }

    #[test]
    fn the_home_page_is_the_base_and_a_slash() {
        assert_eq!(STATUS_HOME, [STATUS_BASE, "/"].concat());
    }

    #[test]
    fn updates_sort_latest_first_stably() {
        let times = [
            None,
            Some(5),
            None,
            Some(9),
            Some(5),
            Some(i64::MIN),
            Some(-1),
        ];
        let mut got: Vec<Update> = times
            .iter()
            .enumerate()
            .map(|(i, &at)| Update {
                at,
                status: i.to_string(),
                text: String::new(),
            })
            .collect();
        let mut want = got.clone();
        want.sort_by_key(|u| std::cmp::Reverse(u.at.unwrap_or(i64::MIN)));
        sort_updates(&mut got);
        assert_eq!(got, want);
        let order: Vec<&str> = got.iter().map(|u| u.status.as_str()).collect();
        assert_eq!(order, ["3", "1", "4", "6", "0", "2", "5"]);
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(body_hash(b""), "cbf29ce484222325");
        assert_eq!(body_hash(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn top_level_shapes() {
        for body in ["[]", "{\"foo\":1}", "{\"summary\":[]}", "null", "1"] {
            assert!(
                matches!(parse_native_summary(body), Err(FetchError::Shape { .. })),
                "{body}"
            );
        }
        assert!(matches!(
            parse_native_summary("<html>"),
            Err(FetchError::NotJson { .. })
        ));
        assert!(matches!(
            parse_native_incidents("{}"),
            Err(FetchError::Shape { .. })
        ));
        assert!(parse_compat(None, None, None, None).is_err());
        assert!(matches!(
            parse_compat(Some("[]"), None, None, None),
            Err(FetchError::Shape { .. })
        ));
    }

    #[test]
    fn minimal_summary() {
        let s = parse_native_summary(r#"{"summary":{}}"#).unwrap();
        assert!(s.groups.is_empty() && s.components.is_empty());
        let s = parse_native_summary(
            r#"{"summary":{"components":[{"id":"a","name":"A"}],
                "affected_components":[{"component_id":"a","status":"brand_new"}]}}"#,
        )
        .unwrap();
        assert_eq!(s.components.len(), 1);
        assert_eq!(s.components[0].level, Level::Unknown);
        assert_eq!(s.components[0].raw_status.as_deref(), Some("brand_new"));
        assert!(!s.components[0].hidden);
    }

    #[test]
    fn structure_components_are_named_by_themselves_else_the_catalogue() {
        let s = parse_native_summary(
            r#"{"summary":{
                "structure":{"items":[
                    {"group":{"id":"g","name":"G","components":[
                        {"component_id":"a"},{"component_id":"b","name":"B own"},7]}},
                    {"group":null,"component":{"component_id":"c","name":"C own"}},
                    {"group":null,"component":{"component_id":"d"}},
                    {"component":{"component_id":"e","name":"E own"}}]},
                "components":[{"id":"a","name":"A cat"},{"id":"b","name":"B cat"},
                    {"id":"d","name":"D cat"},{"id":"e","name":"E cat"}],
                "ongoing_incidents":[{"id":"i","name":"I","status":"investigating",
                    "affected_components":[{"component_id":"c","status":"partial_outage"},
                        {"component_id":"e","status":"partial_outage"}]}]}}"#,
        )
        .unwrap();
        let named = |cs: &[Component]| -> Vec<(String, String)> {
            cs.iter().map(|c| (c.id.clone(), c.name.clone())).collect()
        };
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            named(&s.groups[0].components),
            pairs(&[("a", "A cat"), ("b", "B own")])
        );
        assert_eq!(
            named(&s.components),
            pairs(&[("c", "C own"), ("d", "D cat"), ("e", "E own")])
        );
        // Every component the structure shows lends its own name to references to its id,
        // also one whose item has a group that is not an object.
        let refs: Vec<(&str, &str)> = s.incidents[0]
            .components
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_str()))
            .collect();
        assert_eq!(refs, [("c", "C own"), ("e", "E own")]);
    }

    #[test]
    fn detects() {
        assert_eq!(detect(r#"{"summary":{}}"#), Ok(PayloadKind::NativeSummary));
        assert_eq!(
            detect(r#"{"incidents":[]}"#),
            Ok(PayloadKind::NativeIncidents)
        );
        assert_eq!(
            detect(r#"{"page":{},"components":[]}"#),
            Ok(PayloadKind::CompatComponents)
        );
        assert_eq!(
            detect(r#"{"page":{},"status":{"indicator":"none"}}"#),
            Ok(PayloadKind::CompatStatus)
        );
        assert_eq!(
            detect(r#"{"page":{},"components":[],"status":{}}"#),
            Ok(PayloadKind::CompatSummary)
        );
        assert!(detect(r#"{"foo":1}"#).is_err());
        assert!(detect("nope").is_err());
    }
}

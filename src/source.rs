//! Reading status.openai.com: endpoints, response checks, typed errors and parsers.
//!
//! Parsers read the parsed document's values ([`crate::json::Value`]) rather than strict
//! structs on purpose: the feed is undocumented and drifts, so every key is optional, a
//! malformed single item is skipped instead of failing the snapshot, and an unknown
//! status string becomes [`Level::Unknown`] with the raw string kept. Only a wrong
//! *top-level* shape (not an object, or missing the key that identifies the payload) is
//! an error ([`FetchError::Shape`]).

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::json::{Doc, Items, Value};

use crate::ids::IdMap;
use crate::level::Level;
use crate::model::{
    is_closed_status, Component, ComponentRef, Group, Impact, Incident, Maintenance, Snapshot,
    SourceKind, Update,
};
use crate::text::{clean_display, clean_id, clean_line, NAME_MAX, STATUS_MAX, TEXT_MAX};
use crate::time::{parse_http_date, parse_rfc3339};

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
    /// incident.io incident history with full update text. Fetch rarely.
    NativeIncidents,
    /// Statuspage-compatible summary. Drops components: fallback only.
    CompatSummary,
    /// Full flat component list (no groups).
    CompatComponents,
    /// Page-wide indicator only.
    CompatStatus,
}

impl Endpoint {
    pub const ALL: [Endpoint; 5] = [
        Endpoint::NativeSummary,
        Endpoint::NativeIncidents,
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
            Endpoint::CompatSummary => "https://status.openai.com/api/v2/summary.json",
            Endpoint::CompatComponents => "https://status.openai.com/api/v2/components.json",
            Endpoint::CompatStatus => "https://status.openai.com/api/v2/status.json",
        }
    }

    /// Body size cap. Real summaries are tens of KB; the caps leave room for growth
    /// while keeping a runaway response from eating the worker's memory.
    pub fn max_bytes(self) -> usize {
        match self {
            Endpoint::NativeIncidents => 4 * 1024 * 1024,
            Endpoint::CompatStatus => 256 * 1024,
            _ => 2 * 1024 * 1024,
        }
    }

    /// Which source family the endpoint belongs to.
    pub fn source(self) -> SourceKind {
        match self {
            Endpoint::NativeSummary | Endpoint::NativeIncidents => SourceKind::Native,
            _ => SourceKind::Compat,
        }
    }
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
        }
    }
}

impl std::error::Error for FetchError {}

/// Parses a `Retry-After` value: delta-seconds, or (when `now` is given) an HTTP
/// date turned into seconds from `now`. Capped at [`MAX_RETRY_AFTER_SECS`].
pub fn parse_retry_after(value: &str, now: Option<i64>) -> Option<u64> {
    let v = crate::text::trim(value);
    let secs = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // All digits: `int_of` fails only on overflow (no generic integer parser).
        match crate::json::int_of(v) {
            Some(Ok(n)) => n,
            _ => u64::MAX,
        }
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
    let ct = crate::text::trim(content_type.unwrap_or(""));
    // `contains("json")` ignoring ASCII case, without a lowercase copy or the substring
    // searcher.
    if !ct
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"json"))
    {
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
    let mut out = String::with_capacity(16);
    for i in 0..16 {
        out.push(char::from(
            crate::wire::HEX[(h >> (60 - 4 * i)) as usize & 15],
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Lenient JSON access

fn parse_json(body: &str) -> Result<Doc<'_>, FetchError> {
    crate::json::read(body).map_err(|_| FetchError::NotJson {
        content_type: String::new(),
    })
}

/// A string (or a number, written as a string: ids drift between the two), borrowed
/// from the parsed body: only what is kept gets copied, once cleaned.
fn raw<'d>(v: Value<'d>, key: &str) -> Option<&'d str> {
    let v = v.get(key)?;
    // Integers only (as written): formatting floats would pull kilobytes of float code
    // into the wasm for a case no real payload has.
    v.as_str().or_else(|| v.integer_text())
}

fn text_or_empty<'d>(v: Value<'d>, key: &str) -> &'d str {
    raw(v, key).unwrap_or_default()
}

/// First non-empty string among `keys`.
fn first_text<'d>(v: Value<'d>, keys: &[&str]) -> Option<&'d str> {
    for k in keys {
        if let Some(s) = raw(v, k) {
            if !crate::text::trim(s).is_empty() {
                return Some(s);
            }
        }
    }
    None
}

/// A name or other one-line display text, cleaned ([`crate::text`]); empty if absent.
fn name(v: Value, key: &str) -> String {
    raw(v, key)
        .map(|s| clean_line(s, NAME_MAX))
        .unwrap_or_default()
}

/// A status word, cleaned; `None` if absent.
fn status_text(v: Value, key: &str) -> Option<String> {
    raw(v, key).map(|s| clean_line(s, STATUS_MAX))
}

/// An id, cleaned ([`clean_id`]); `None` if absent or empty.
fn id_text(v: Value, key: &str) -> Option<String> {
    raw(v, key).map(clean_id).filter(|s| !s.is_empty())
}

/// First non-empty id among `keys`.
fn first_id(v: Value, keys: &[&str]) -> Option<String> {
    for k in keys {
        if let Some(id) = id_text(v, k) {
            return Some(id);
        }
    }
    None
}

fn items<'d>(v: Value<'d>, key: &str) -> Items<'d> {
    v.get(key)
        .and_then(Value::items)
        .unwrap_or_else(Items::none)
}

fn flag(v: Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn time_of(v: Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_str).and_then(parse_rfc3339)
}

fn first_time(v: Value, keys: &[&str]) -> Option<i64> {
    for k in keys {
        if let Some(t) = time_of(v, k) {
            return Some(t);
        }
    }
    None
}

/// `acc` and `t` combined: the earlier (or, if `latest`, the later) of the two present.
/// One function for every "first start / last end" below: each iterator chain with
/// `min`/`max` was code of its own in the wasm.
fn extreme(acc: Option<i64>, t: Option<i64>, latest: bool) -> Option<i64> {
    match (acc, t) {
        (Some(a), Some(b)) => Some(if latest { a.max(b) } else { a.min(b) }),
        (a, b) => a.or(b),
    }
}

/// The earliest (or latest) `start_at`/`end_at` of the impact periods.
fn impacts_extreme(impacts: &[Impact], end: bool, latest: bool) -> Option<i64> {
    let mut acc = None;
    for i in impacts {
        acc = extreme(acc, if end { i.end_at } else { i.start_at }, latest);
    }
    acc
}

/// The earliest (or latest) time under `key` among `list`'s entries.
fn items_extreme(list: Items, key: &str, latest: bool) -> Option<i64> {
    let mut acc = None;
    for s in list {
        acc = extreme(acc, time_of(s, key), latest);
    }
    acc
}

fn object<'d>(v: Value<'d>, key: &str) -> Option<Value<'d>> {
    v.get(key).filter(|o| o.is_object())
}

/// Level and raw string of a status field (missing/non-string ⇒ unknown, no raw).
fn level_of(raw: Option<String>) -> (Level, Option<String>) {
    match raw {
        Some(s) => (Level::from_source(&s), Some(s)),
        None => (Level::Unknown, None),
    }
}

/// id → display name, filled from the structure and the catalogue. The names are
/// `Option`s (always `Some`) so that the map is the same code as the affected states'.
#[derive(Default)]
struct Names(IdMap<Option<String>>);

impl Names {
    /// The first name given for an id stays: a later one is dropped before it is copied
    /// (the structure and the catalogue name every component twice).
    fn add(&mut self, id: &str, name: &str) {
        if !id.is_empty() && !name.is_empty() {
            self.0.insert_new(id, || Some(name.to_owned()));
        }
    }
    /// `v`'s own name, else the one known for `id`.
    fn name_of(&self, v: Value, id: &str) -> String {
        let own = name(v, "name");
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
        match self.0.get(id) {
            Some(Some(n)) => n.clone(),
            _ => String::new(),
        }
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

/// Sorts updates latest first; updates without a time go last, order kept. What
/// [`crate::order::sort_by_key`] does, with the permutation applied by moving each update
/// once into a new list (less code than its generic in-place cycles, as fast).
fn sort_updates(updates: &mut Vec<Update>) {
    if updates.len() < 2 {
        return;
    }
    let mut order: Vec<(i64, usize)> = Vec::with_capacity(updates.len());
    for (i, u) in updates.iter().enumerate() {
        order.push((crate::order::desc(u.at.unwrap_or(i64::MIN)), i));
    }
    crate::order::heapsort(&mut order);
    let mut sorted = Vec::with_capacity(updates.len());
    for &(_, i) in &order {
        sorted.push(std::mem::take(&mut updates[i]));
    }
    *updates = sorted;
}

// ---------------------------------------------------------------------------
// Native (incident.io)

fn native_update(v: Value) -> Option<Update> {
    v.as_object()?;
    let text = first_text(v, &["message_string", "message", "body"])
        .map(|s| clean_display(s, TEXT_MAX))
        .unwrap_or_default();
    let status = first_text(v, &["to_status", "status"])
        .map(|s| clean_line(s, STATUS_MAX))
        .unwrap_or_default();
    if text.is_empty() && status.is_empty() {
        // Nothing to show: drift or a broken entry.
        return None;
    }
    Some(Update {
        at: first_time(v, &["published_at", "created_at", "display_at"]),
        status,
        text,
    })
}

/// One native incident or maintenance. `None` for a non-object or an entry without
/// an id (it could be neither linked, named nor deduplicated).
#[cfg_attr(hot_speed, optimize(speed))]
fn native_incident(v: Value, names: &Names) -> Option<Incident> {
    v.as_object()?;
    let id = id_text(v, "id")?;
    let status = status_text(v, "status").unwrap_or_default();
    let mut impacts: Vec<Impact> = Vec::new();
    for i in items(v, "component_impacts") {
        if let Some(component_id) = id_text(i, "component_id") {
            impacts.push(Impact {
                component_id,
                level: level_of(status_text(i, "status")).0,
                start_at: time_of(i, "start_at"),
                end_at: time_of(i, "end_at"),
            });
        }
    }

    let mut components = Vec::new();
    for a in items(v, "affected_components") {
        let Some(cid) = id_text(a, "component_id") else {
            continue;
        };
        // `status` is the impact the incident declares (it moves with updates);
        // `current_status` is the component's live state, which other incidents
        // also influence. Prefer the declared impact.
        let raw = status_text(a, "status").or_else(|| status_text(a, "current_status"));
        let name = names.name_of(a, &cid);
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
        for i in &impacts {
            if i.end_at.is_some() {
                continue;
            }
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

    let summaries = items(v, "status_summaries");
    let mut level = None;
    for c in &components {
        level = Some(level.map_or(c.level, |l: Level| l.worst(c.level)));
    }
    if level.is_none() {
        // The last summary that names one.
        for s in summaries.clone() {
            if let Some(w) = raw(s, "worst_component_status") {
                level = Some(Level::from_source(w));
            }
        }
    }
    let level = level.unwrap_or(Level::Unknown);

    let mut updates: Vec<Update> = Vec::new();
    for u in items(v, "updates") {
        if let Some(u) = native_update(u) {
            updates.push(u);
        }
    }
    sort_updates(&mut updates);

    let mut started_at = first_time(v, &["published_at", "started_at", "created_at"])
        .or_else(|| impacts_extreme(&impacts, false, false))
        .or_else(|| items_extreme(summaries, "start_at", false));
    if started_at.is_none() {
        for u in &updates {
            started_at = extreme(started_at, u.at, false);
        }
    }

    let resolved_at = if is_closed_status(&status) {
        first_time(v, &["resolved_at"])
            .or_else(|| {
                for u in &updates {
                    if is_closed_status(&u.status) {
                        return u.at;
                    }
                }
                None
            })
            .or_else(|| impacts_extreme(&impacts, true, true))
    } else {
        None
    };

    let maintenance = raw(v, "type").is_some_and(|t| t.eq_ignore_ascii_case("maintenance"));
    Some(Incident {
        id,
        name: name(v, "name"),
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

/// Maintenance statuses that mean the work is underway.
const MAINTENANCE_UNDERWAY: [&str; 3] = ["maintenance_in_progress", "in_progress", "verifying"];

fn native_maintenance(v: Value, names: &Names, listed_in_progress: bool) -> Option<Maintenance> {
    let inc = native_incident(v, names)?;
    let summaries = items(v, "status_summaries");
    let starts_at = first_time(v, &["starts_at", "scheduled_for", "start_at"])
        .or_else(|| impacts_extreme(&inc.impacts, false, false))
        .or_else(|| items_extreme(summaries.clone(), "start_at", false));
    let ends_at = first_time(v, &["ends_at", "scheduled_until", "end_at"])
        .or_else(|| impacts_extreme(&inc.impacts, true, true))
        .or_else(|| items_extreme(summaries, "end_at", true));
    let in_progress =
        listed_in_progress || crate::text::is_one_of(&inc.status, &MAINTENANCE_UNDERWAY);
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

/// A component entry of the structure (`{component_id, name, hidden}`); its own name, if
/// it has one, is given to `names`.
fn structure_component(
    v: Value,
    names: &mut Names,
    affected: &IdMap<Option<String>>,
) -> Option<Component> {
    v.as_object()?;
    let id = first_id(v, &["component_id", "id"])?;
    let name = name(v, "name");
    names.add(&id, &name);
    let (level, raw_status) = component_state(&id, affected);
    Some(Component {
        id,
        name,
        hidden: flag(v, "hidden"),
        level,
        raw_status,
    })
}

/// Of two statuses of one affected component, whether the first stays (it is as bad).
fn keep_worse(old: &Option<String>, new: &Option<String>) -> bool {
    let level = |s: &Option<String>| s.as_deref().map_or(Level::Unknown, Level::from_source);
    level(old).severity() >= level(new).severity()
}

/// `affected_components` lists only non-operational components: absent ⇒ operational.
fn component_state(id: &str, affected: &IdMap<Option<String>>) -> (Level, Option<String>) {
    match affected.get(id) {
        None => (Level::Operational, None),
        Some(raw) => level_of(raw.clone()),
    }
}

fn native_summary_value(root: Value) -> Result<Snapshot, FetchError> {
    let summary = root
        .get("summary")
        .filter(|s| s.is_object())
        .ok_or_else(|| FetchError::shape("no `summary` object"))?;

    // Worst status per id, should an id be listed twice.
    let mut affected: IdMap<Option<String>> = IdMap::default();
    for a in items(summary, "affected_components") {
        let Some(id) = id_text(a, "component_id") else {
            continue;
        };
        affected.upsert(&id, status_text(a, "status"), keep_worse);
    }

    // The structure, in one pass: each component's id and name are cleaned once. A
    // component without a name of its own is named from the catalogue afterwards (its
    // name is then empty until the end of this function).
    let mut names = Names::default();
    let mut snap = Snapshot {
        source: SourceKind::Native,
        page_name: name(summary, "name"),
        ..Snapshot::default()
    };
    let structure_items = summary
        .get("structure")
        .map_or_else(Items::none, |s| items(s, "items"));
    for it in structure_items {
        if let Some(g) = it.get("group").filter(|g| g.is_object()) {
            let mut components = Vec::new();
            for c in items(g, "components") {
                if let Some(c) = structure_component(c, &mut names, &affected) {
                    components.push(c);
                }
            }
            snap.groups.push(Group {
                id: id_text(g, "id").unwrap_or_default(),
                name: name(g, "name"),
                hidden: flag(g, "hidden"),
                components,
            });
        } else if let Some(c) = it.get("component") {
            if let Some(c) = structure_component(c, &mut names, &affected) {
                snap.components.push(c);
            }
        }
    }
    let mut catalogue: Vec<(String, String)> = Vec::new();
    for c in items(summary, "components") {
        if let Some(id) = first_id(c, &["id", "component_id"]) {
            let n = name(c, "name");
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
            });
        }
    }
    // A component the page reports as affected but describes nowhere: keep it
    // visible (it counts for `overall`), named by its id.
    for (id, raw) in affected.iter() {
        if !snap.has(id) {
            let (level, raw_status) = level_of(raw.clone());
            snap.components.push(Component {
                id: id.to_owned(),
                name: clean_line(id, NAME_MAX),
                hidden: false,
                level,
                raw_status,
            });
        }
    }

    snap.incidents = native_incident_list(items(summary, "ongoing_incidents"), &names);

    let mut maints: Vec<Maintenance> = Vec::new();
    let lists = [
        ("in_progress_maintenances", true),
        ("scheduled_maintenances", false),
    ];
    for (key, in_progress) in lists {
        for v in items(summary, key) {
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
    Ok(snap)
}

/// Parses the native summary (`/proxy/status.openai.com`).
pub fn parse_native_summary(body: &str) -> Result<Snapshot, FetchError> {
    native_summary_value(parse_json(body)?.root())
}

fn native_incidents_value(root: Value) -> Result<Vec<Incident>, FetchError> {
    let list = root
        .get("incidents")
        .and_then(Value::items)
        .ok_or_else(|| FetchError::shape("no `incidents` array"))?;
    Ok(native_incident_list(list, &Names::default()))
}

fn native_incident_list(list: Items, names: &Names) -> Vec<Incident> {
    let mut out = Vec::new();
    for v in list {
        if let Some(i) = native_incident(v, names) {
            out.push(i);
        }
    }
    out
}

/// Parses the native incident history (`/proxy/status.openai.com/incidents`),
/// resolved incidents and maintenances included (see [`Incident::maintenance`]).
/// Component names are unknown here; match them by id against a snapshot.
pub fn parse_native_incidents(body: &str) -> Result<Vec<Incident>, FetchError> {
    native_incidents_value(parse_json(body)?.root())
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

/// Adds `v`'s component rows to `rows`, skipping ids already there.
fn add_compat_rows(rows: &mut Vec<CompatRow>, v: Value) {
    for c in items(v, "components") {
        if !c.is_object() {
            continue;
        }
        let Some(id) = id_text(c, "id") else {
            continue;
        };
        if !rows.iter().any(|o| o.id == id) {
            rows.push(CompatRow {
                name: name(c, "name"),
                raw: status_text(c, "status"),
                group_id: id_text(c, "group_id"),
                is_group: flag(c, "group"),
                id,
            });
        }
    }
}

fn compat_updates(v: Value) -> Vec<Update> {
    let mut ups: Vec<Update> = Vec::new();
    for u in items(v, "incident_updates") {
        if u.is_object() {
            ups.push(Update {
                at: first_time(u, &["display_at", "created_at", "updated_at"]),
                status: status_text(u, "status").unwrap_or_default(),
                text: clean_display(text_or_empty(u, "body"), TEXT_MAX),
            });
        }
    }
    sort_updates(&mut ups);
    ups
}

fn compat_refs(v: Value) -> Vec<ComponentRef> {
    let mut refs = Vec::new();
    for c in items(v, "components") {
        if let Some(id) = id_text(c, "id") {
            push_ref(
                &mut refs,
                ComponentRef {
                    id,
                    name: name(c, "name"),
                    level: level_of(status_text(c, "status")).0,
                },
            );
        }
    }
    refs
}

fn compat_incident(v: Value) -> Option<Incident> {
    v.as_object()?;
    let id = id_text(v, "id")?;
    let components = compat_refs(v);
    // `impact` when present and readable, combined with the components' states.
    let mut level = raw(v, "impact")
        .map(Level::from_source)
        .filter(|l| *l != Level::Unknown);
    for c in &components {
        level = Some(level.map_or(c.level, |l| l.worst(c.level)));
    }
    let level = level.unwrap_or(Level::Unknown);
    Some(Incident {
        id,
        name: name(v, "name"),
        status: status_text(v, "status").unwrap_or_default(),
        level,
        components,
        started_at: first_time(v, &["started_at", "created_at"]),
        resolved_at: time_of(v, "resolved_at"),
        updates: compat_updates(v),
        impacts: Vec::new(),
        maintenance: false,
    })
}

fn compat_maintenance(v: Value) -> Option<Maintenance> {
    v.as_object()?;
    let id = id_text(v, "id")?;
    let status = status_text(v, "status").unwrap_or_default();
    let in_progress = crate::text::is_one_of(&status, &MAINTENANCE_UNDERWAY);
    Some(Maintenance {
        id,
        name: name(v, "name"),
        in_progress,
        starts_at: first_time(v, &["scheduled_for", "starts_at"]),
        ends_at: first_time(v, &["scheduled_until", "ends_at"]),
        components: compat_refs(v),
        updates: compat_updates(v),
        status,
    })
}

fn is_compat_summary(v: Value) -> bool {
    v.is_object()
        && (v.get("components").is_some_and(Value::is_array)
            || v.get("incidents").is_some_and(Value::is_array)
            || v.get("scheduled_maintenances").is_some_and(Value::is_array)
            || object(v, "status").is_some())
}

/// Builds a snapshot from the Statuspage-compatible endpoints (any subset).
///
/// summary.json drops components unpredictably, so components.json is the primary
/// list of component states and summary.json only adds what components.json lacks.
/// Neither carries groups (incident.io's compat output is flat): group membership,
/// names and hidden flags are taken from `previous`, the last native snapshot, when
/// given, else from the baked-in [`crate::known`] table. A component the structure
/// places but no compat payload mentions is kept as [`Level::Unknown`] (never
/// assumed operational) when only summary.json was read, and dropped when
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
    let mut keep = |body: Option<_>, ok: fn(Value) -> bool, what: &str| {
        let res = parse_json(body?).and_then(|v| {
            if ok(v.root()) {
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
        |v| v.get("components").is_some_and(Value::is_array),
        "compat components: no `components` array",
    );
    let status_v = keep(
        status,
        |v| object(v, "status").is_some(),
        "compat status: no `status` object",
    );
    if summary_v.is_none() && components_v.is_none() && status_v.is_none() {
        return Err(first_err.unwrap_or_else(|| FetchError::shape("no compat payload")));
    }
    compat_from_values(
        summary_v.as_ref().map(Doc::root),
        components_v.as_ref().map(Doc::root),
        status_v.as_ref().map(Doc::root),
        previous,
    )
}

fn compat_from_values(
    summary: Option<Value>,
    components: Option<Value>,
    status: Option<Value>,
    previous: Option<&Snapshot>,
) -> Result<Snapshot, FetchError> {
    // Union of rows, components.json first.
    let mut rows: Vec<CompatRow> = Vec::new();
    // Slices of options, not arrays' iterators: one loop shape for the three below (and
    // no `flatten`, an iterator of its own in the wasm).
    for v in &[components, summary] {
        let Some(v) = v else { continue };
        add_compat_rows(&mut rows, *v);
    }
    let mut page_name = String::new();
    for v in &[summary, components, status] {
        let Some(v) = v else { continue };
        if let Some(p) = v.get("page") {
            page_name = name(p, "name");
            if !page_name.is_empty() {
                break;
            }
        }
    }
    let mut page_indicator = None;
    for v in &[status, summary] {
        let Some(v) = v else { continue };
        if let Some(i) = v.get("status").and_then(|s| raw(s, "indicator")) {
            page_indicator = Some(Level::from_source(i));
            break;
        }
    }

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
            fallback = crate::known::fallback_structure();
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
        for g in &rows {
            if !g.is_group {
                continue;
            }
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
        for v in items(s, "incidents") {
            if let Some(i) = compat_incident(v) {
                if i.is_ongoing() {
                    snap.incidents.push(i);
                }
            }
        }
        for v in items(s, "scheduled_maintenances") {
            if let Some(m) = compat_maintenance(v) {
                if !m.is_over() {
                    snap.maintenances.push(m);
                }
            }
        }
    }
    Ok(snap)
}

fn compat_component(r: &CompatRow, hidden: bool) -> Component {
    let (level, raw_status) = level_of(r.raw.clone());
    Component {
        id: r.id.clone(),
        name: r.name.clone(),
        hidden,
        level,
        raw_status,
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
}

fn detect_value(v: Value) -> Result<PayloadKind, FetchError> {
    if !v.is_object() {
        return Err(FetchError::shape("top level is not an object"));
    }
    if v.get("summary").is_some_and(Value::is_object) {
        return Ok(PayloadKind::NativeSummary);
    }
    let has_arr = |k: &str| v.get(k).is_some_and(Value::is_array);
    let has_page = v.get("page").is_some();
    if has_arr("incidents") && !has_page && !has_arr("components") {
        return Ok(PayloadKind::NativeIncidents);
    }
    let has_status = object(v, "status").is_some();
    if has_arr("components") && !has_status && !has_arr("incidents") {
        return Ok(PayloadKind::CompatComponents);
    }
    if has_status && !has_arr("components") && !has_arr("incidents") {
        return Ok(PayloadKind::CompatStatus);
    }
    if is_compat_summary(v) {
        return Ok(PayloadKind::CompatSummary);
    }
    Err(FetchError::shape("not a status.openai.com payload"))
}

/// Recognises which payload a body is.
pub fn detect(body: &str) -> Result<PayloadKind, FetchError> {
    detect_value(parse_json(body)?.root())
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
    let mut compat: [Option<Doc>; 3] = [None, None, None];
    for body in bodies {
        let v = parse_json(body)?;
        match detect_value(v.root())? {
            PayloadKind::NativeSummary => {
                if native.is_none() {
                    native = Some(native_summary_value(v.root())?);
                }
            }
            PayloadKind::NativeIncidents => history.extend(native_incidents_value(v.root())?),
            PayloadKind::CompatSummary => compat[0] = Some(v),
            PayloadKind::CompatComponents => compat[1] = Some(v),
            PayloadKind::CompatStatus => compat[2] = Some(v),
        }
    }
    let mut snap = if let Some(n) = native {
        n
    } else if compat.iter().any(Option::is_some) {
        let [s, c, st] = &compat;
        compat_from_values(
            s.as_ref().map(Doc::root),
            c.as_ref().map(Doc::root),
            st.as_ref().map(Doc::root),
            previous,
        )?
    } else if !history.is_empty() || bodies.is_empty() {
        Snapshot {
            source: SourceKind::Native,
            incidents: {
                let mut open = Vec::new();
                for i in &history {
                    if i.is_ongoing() && !i.maintenance {
                        open.push(i.clone());
                    }
                }
                open
            },
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

//! Reading what an earlier (or later) version of the extension stored.
//!
//! Extension updates and reloads keep `storage`, so whatever this version reads may have
//! been written by another one, or damaged by hand, by a sync conflict, or by a crash
//! half-way through a write. The rules: the current schema comes out of every input; the
//! user's own choices (settings, dismissed banners) are never dropped; what is only a
//! cache (snapshot, fetch record, verdict) falls back to its default when it can't be read,
//! since the next check rebuilds it; keys this version doesn't know are left alone (a newer
//! version, or another part of the extension, owns them).
//!
//! Records are read field by field (serde_with's `DefaultOnError` on the stored records'
//! members, [`settings`] member by member): one damaged field costs that field, never the
//! whole record (an all-or-nothing read would throw away every setting because one of them
//! has the wrong type).
//!
//! Versions of `storage.local`:
//! - 0: no `schema` key. Dismissed banners in `dismissed`, written by the content script:
//!   `{"<level>:<incident ids, sorted, comma-separated>": <ms>}`.
//! - 1: `schema: 1`. Dismissals kept by the core in `dismissals`
//!   (`{entries: [{key: "incident:<id>" | "page:<page id>", level, at}]}`).
//! - 2: `schema: 2`. The core no longer reads the stored `verdict` (kept for the shell): it
//!   decides it again from the stored data as of `decision.at`, with the banners' running
//!   "resolved" notes from `decision.resolved` (`[{page, until}]`), see [`crate::background::record`].
//! - 3: `schema: 3`. What quiet hours hold back (`notify.held`) is kept as the notices it
//!   will be (`{id, kind, name, level, url, at}`, as in `notify.outbox`) instead of the
//!   transition events (`{kind, incident_id, …}`), so that what is held is shown exactly as
//!   it would have been.
//!
//! - 4: `schema: 4`. The history is the page's own (`component_impacts`): `history` is an
//!   object (the condensed periods, when they were asked for, see
//!   [`crate::decide::history::History`]) where it was a list of past incidents, `history_at`
//!   is in it, and the shell keeps the `history_view` the core made instead of the
//!   `reliability` rows.
//!
//! A new version adds a step to [`upgrade`] and bumps [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::model::level::Level;
use crate::model::pages::PAGE_RULES;
use crate::model::settings::Settings;

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 4;

/// A stored `storage.local` record brought to the current schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Migrated {
    /// The record to store (an object): current schema, every key kept except the ones a
    /// step replaced (listed in `removed`).
    pub record: Value,
    /// Keys an upgrade step replaced, for the shell to remove from storage.
    pub removed: Vec<String>,
    /// The schema the record claimed (0 when it had none; `None` when it wasn't a record).
    pub from: Option<u32>,
    /// True when `record` differs from what is stored (an older or newer schema, or a
    /// record that wasn't one).
    pub changed: bool,
}

/// Brings a stored `storage.local` record of any version to the current schema.
///
/// - not an object (missing, damaged): an empty current record;
/// - older schema: upgraded step by step;
/// - a *newer* schema (the extension was downgraded): kept as it is, marked with the
///   current schema; fields are read leniently by their readers, so what this version
///   can't read falls back to its default, and dismissals it can read are kept.
pub fn local(stored: Value) -> Migrated {
    let from = match stored.get("schema") {
        None | Some(Value::Null) => 0,
        // A schema we can't read at all: unknown, treated like a newer one.
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(u32::MAX),
    };
    let Value::Object(mut record) = stored else {
        return Migrated {
            record: json!({ "schema": SCHEMA_VERSION }),
            removed: Vec::new(),
            from: None,
            changed: true,
        };
    };
    let mut removed = Vec::new();
    upgrade(&mut record, &mut removed, from);
    record.insert("schema".into(), SCHEMA_VERSION.into());
    Migrated {
        record: Value::Object(record),
        removed,
        from: Some(from),
        changed: from != SCHEMA_VERSION,
    }
}

/// Runs each step from `from` up to the current schema.
fn upgrade(record: &mut Map<String, Value>, removed: &mut Vec<String>, from: u32) {
    if from < 1 {
        v0_dismissed_to_v1(record, removed);
    }
    if from < 2 {
        v1_verdict_to_v2_decision(record);
    }
    if from < 3 {
        v2_held_events_to_v3_notices(record);
    }
    if from < 4 {
        v3_incident_history_to_v4(record, removed);
    }
    // Next: `if from < 5 { v4_to_v5(record, removed) }`.
}

/// 0 → 1: the content script's `dismissed` map becomes the core's `dismissals`. A v0 key
/// named the banner's level and its incidents; each incident becomes a dismissal at that
/// level. A key without incidents (a banner for a degraded component, say) applied on every
/// page, so it becomes a page dismissal for every page. Entries that can't be read are
/// damage, not choices, and are dropped; existing v1 dismissals are kept.
fn v0_dismissed_to_v1(record: &mut Map<String, Value>, removed: &mut Vec<String>) {
    let Some(old) = record.remove("dismissed") else {
        return;
    };
    removed.push("dismissed".into());
    let mut entries = match record.remove("dismissals") {
        Some(Value::Object(mut d)) => match d.remove("entries") {
            Some(Value::Array(entries)) => entries,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    for (key, at) in old.as_object().into_iter().flatten() {
        let Some((level, ids)) = key.split_once(':') else {
            continue;
        };
        let Some(level) = Level::from_name(level) else {
            continue;
        };
        let at = at.as_i64().unwrap_or(0);
        let mut add = |key: String| {
            if !entries
                .iter()
                .any(|e| e.get("key").and_then(Value::as_str) == Some(&key))
            {
                entries.push(json!({ "key": key, "level": level.as_str(), "at": at }));
            }
        };
        if ids.is_empty() {
            for rule in PAGE_RULES {
                add(format!("page:{}", rule.id));
            }
        } else {
            for id in ids.split(',').filter(|id| !id.is_empty()) {
                add(format!("incident:{id}"));
            }
        }
    }
    record.insert("dismissals".into(), json!({ "entries": entries }));
}

/// 1 → 2: the stored verdict's time (`checked_at`) and its banners' running "resolved"
/// notes become `decision`, so that the first check after the update compares with the
/// verdict the previous version stored (no incident "starts" again, a running note goes
/// on). The verdict is read as it is stored, not decided again: its own time is what the
/// previous version compared with. The verdict itself stays (the shell shows it until that
/// check). Without a readable `checked_at` there is no decision: the next check starts as
/// a first one. A `decision` already there is kept.
fn v1_verdict_to_v2_decision(record: &mut Map<String, Value>) {
    if record.contains_key("decision") {
        return;
    }
    let Some(verdict) = record.get("verdict") else {
        return;
    };
    let Some(at) = verdict.get("checked_at").and_then(Value::as_i64) else {
        return;
    };
    let pages = verdict.get("pages").and_then(Value::as_array);
    let resolved: Vec<Value> = pages
        .into_iter()
        .flatten()
        .filter_map(|page| {
            let id = page.get("id")?.as_str()?;
            let until = page.get("banner")?.get("resolved_until")?.as_i64()?;
            Some(json!({ "page": id, "until": until }))
        })
        .collect();
    record.insert("decision".into(), json!({ "at": at, "resolved": resolved }));
}

/// 3 → 4: the incident history (a list of past incidents, `history_at`, the `reliability`
/// rows made from it) goes: it is only a cache, of another source, and the page's own
/// history is asked for at the next check (nothing says when it was asked). A `history`
/// that is not a list is a newer one and stays.
fn v3_incident_history_to_v4(record: &mut Map<String, Value>, removed: &mut Vec<String>) {
    if record.get("history").is_some_and(Value::is_array) {
        record.remove("history");
        removed.push("history".into());
    }
    for key in ["history_at", "reliability"] {
        if record.remove(key).is_some() {
            removed.push(key.into());
        }
    }
}

/// 2 → 3: each held event becomes the notice it would have been (`notify::plan`'s
/// `notice`): the id is the event's key, the level and time as the notice has them. An
/// event that doesn't read (unknown kind, a missing id, level or time) is dropped, as the
/// version that stored it would have dropped it on reading.
fn v2_held_events_to_v3_notices(record: &mut Map<String, Value>) {
    let Some(Value::Array(held)) = record
        .get_mut("notify")
        .and_then(Value::as_object_mut)
        .and_then(|notify| notify.get_mut("held"))
    else {
        return;
    };
    let notices = held.iter().filter_map(held_notice).collect();
    *held = notices;
}

/// A schema-2 held event as a schema-3 held notice.
fn held_notice(event: &Value) -> Option<Value> {
    let text = |key| event.get(key).and_then(Value::as_str);
    let time = |key| event.get(key).and_then(Value::as_i64);
    let kind = text("kind")?;
    let level = text("level").filter(|l| Level::from_name(l).is_some());
    // The notice's subject (its `id` without the `kind:`), level and time.
    let (subject, level, at) = match kind {
        "incident_started" => (text("incident_id")?.to_owned(), level?, 0),
        "incident_worsened" | "incident_improved" => {
            let level = level?;
            (format!("{}:{level}", text("incident_id")?), level, 0)
        }
        "incident_resolved" => (text("incident_id")?.to_owned(), "operational", 0),
        "maintenance_soon" => {
            let at = time("starts_at")?;
            (
                format!("{}:{at}", text("maintenance_id")?),
                "maintenance",
                at,
            )
        }
        "data_stale" => match event.get("since") {
            None | Some(Value::Null) => ("never".to_owned(), "unknown", 0),
            Some(_) => {
                let at = time("since")?;
                (at.to_string(), "unknown", at)
            }
        },
        "data_recovered" => {
            let at = time("at")?;
            (at.to_string(), "unknown", at)
        }
        _ => return None,
    };
    Some(json!({
        "id": format!("{kind}:{subject}"),
        "kind": kind,
        "name": text("name").unwrap_or(""),
        "level": level,
        "url": text("url").unwrap_or(""),
        "at": at,
    }))
}

/// A record the core keeps in `storage.local` (see [`crate::background::record::Stored`]),
/// read from the migrated record member by member ([`lenient`]): anything that isn't a
/// record at all reads as the default.
pub fn record<T: DeserializeOwned + Default>(migrated: Value) -> T {
    lenient(&migrated)
}

/// The user's settings from `storage.sync`: a damaged value costs only that setting.
/// Watching nothing is not a setting (see [`Settings::watches_nothing`]): it reads as the
/// default watch.
pub fn settings(stored: &Value) -> Settings {
    let mut settings: Settings = lenient(stored);
    if settings.watches_nothing() {
        settings.watched_groups = Settings::default().watched_groups;
    }
    settings
}

/// `T` (a record whose missing members take the record's own defaults,
/// `#[serde(default)]`) read from `stored` member by member: a member that doesn't read (a
/// wrong type, a value this version doesn't know) is left out, so it keeps the record's
/// default and the others still count; inside a member that is itself a record, the same,
/// one member at a time. Lists say for themselves whether an item that doesn't read
/// costs only itself (serde_with's `VecSkipError` on the lists of the user's choices).
///
/// Why not serde_with's `DefaultOnError` on every member: it falls back to the *member
/// type's* default (`false` for `banner_enabled`) where the record's own is wanted
/// (`true`), and buffering every member of every record on the way made the wasm nearly
/// twice as large (BENCHMARKS.md). Reading a member on its own costs what reading it in
/// the record does, so a damaged record is read in about twice the time of a sound one,
/// and a sound one (the rule) in one pass.
pub fn lenient<T: DeserializeOwned + Default>(stored: &Value) -> T {
    if let Ok(all) = T::deserialize(stored) {
        return all;
    }
    let Value::Object(members) = stored else {
        return T::default();
    };
    let reads = |candidate: Value| T::deserialize(&candidate).is_ok();
    T::deserialize(&Value::Object(readable(members, &|v| v, &reads))).unwrap_or_default()
}

/// The members of `members` that read, each tried alone (`wrap` puts a member back where
/// it stands in the whole record, which `reads` judges); an object member that doesn't
/// read whole keeps those of its own members that do.
fn readable(
    members: &Map<String, Value>,
    wrap: &dyn Fn(Value) -> Value,
    reads: &dyn Fn(Value) -> bool,
) -> Map<String, Value> {
    let mut kept = Map::new();
    for (key, value) in members {
        let alone = |v: Value| wrap(json!({ key.as_str(): v }));
        if reads(alone(value.clone())) {
            kept.insert(key.clone(), value.clone());
        } else if let Value::Object(inner) = value {
            let inner = readable(inner, &alone, reads);
            if !inner.is_empty() {
                kept.insert(key.clone(), Value::Object(inner));
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::background::notify::NotifyState;
    use crate::background::record::{Decision, Resolved};
    use crate::decide::dismissals::Dismissals;
    use crate::decide::transitions::Event;
    use crate::model::snapshot::Snapshot;
    use crate::source::state::FetchState;

    /// What the core reads a record as (mirrors `record::Stored`'s cache fields).
    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Caches {
        snapshot: Option<Snapshot>,
        fetch: FetchState,
        decision: Option<Decision>,
        dismissals: Dismissals,
        history: crate::decide::history::History,
    }

    /// The migration of `stored` as the shell gets it: `{record, removed, from, changed}`.
    fn migrate(stored: &Value) -> Value {
        serde_json::to_value(local(stored.clone())).unwrap()
    }

    fn caches(stored: &Value) -> Caches {
        record(stored.clone())
    }

    fn outage_snapshot() -> Value {
        let body = include_str!("../../tests/fixtures/native/chatgpt-partial-outage.json");
        serde_json::to_value(crate::source::parse_native_summary(body).unwrap()).unwrap()
    }

    fn entries(m: &Value) -> Vec<(String, String, i64)> {
        let mut out: Vec<_> = m["record"]["dismissals"]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["key"].as_str().unwrap().to_owned(),
                    e["level"].as_str().unwrap().to_owned(),
                    e["at"].as_i64().unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn nothing_stored_gives_an_empty_current_record() {
        let m = migrate(&Value::Null);
        assert_eq!(m["record"], json!({"schema": SCHEMA_VERSION}));
        assert_eq!(m["from"], Value::Null);
        assert_eq!(m["changed"], json!(true));
        assert_eq!(caches(&m["record"]), Caches::default());
    }

    #[test]
    fn version_0_keeps_everything_and_converts_dismissals() {
        let stored = json!({
            "snapshot": outage_snapshot(),
            "fetch": {"consecutive_failures": 2, "etag": "\"v1\""},
            "dismissed": {
                "partial_outage:01ABC,01DEF": 1_790_000_000_000_i64,
                "degraded:": 1_790_000_001_000_i64,
                "no level here": 5,
                "bogus_level:01XYZ": 6,
            },
            "owned_by_someone_else": {"x": 1},
        });
        let m = migrate(&stored);
        assert_eq!(m["from"], json!(0));
        assert_eq!(m["changed"], json!(true));
        assert_eq!(m["removed"], json!(["dismissed"]));
        assert!(m["record"].get("dismissed").is_none());
        assert_eq!(m["record"]["schema"], json!(SCHEMA_VERSION));
        assert_eq!(m["record"]["owned_by_someone_else"], json!({"x": 1}));
        let got = entries(&m);
        for id in ["01ABC", "01DEF"] {
            assert!(got.contains(&(
                format!("incident:{id}"),
                "partial_outage".into(),
                1_790_000_000_000
            )));
        }
        for rule in PAGE_RULES {
            assert!(got.contains(&(
                format!("page:{}", rule.id),
                "degraded".into(),
                1_790_000_001_000
            )));
        }
        assert_eq!(
            got.len(),
            2 + PAGE_RULES.len(),
            "unreadable entries are dropped"
        );
        let caches = caches(&m["record"]);
        assert!(caches.snapshot.is_some());
        assert_eq!(caches.fetch.consecutive_failures, 2);
        assert_eq!(caches.fetch.etag.as_deref(), Some("\"v1\""));
        assert_eq!(caches.dismissals.entries.len(), got.len());
    }

    #[test]
    fn version_0_conversion_keeps_existing_dismissals() {
        let stored = json!({
            "dismissed": {"major_outage:A": 9},
            "dismissals": {"entries": [{"key": "incident:A", "level": "degraded", "at": 1}]},
        });
        assert_eq!(
            entries(&migrate(&stored)),
            vec![("incident:A".into(), "degraded".into(), 1)]
        );
    }

    #[test]
    fn version_0_times_that_are_not_integers_become_0() {
        let stored = json!({"dismissed": {"degraded:A": 1.5, "degraded:B": "x"}});
        assert_eq!(
            entries(&migrate(&stored)),
            vec![
                ("incident:A".into(), "degraded".into(), 0),
                ("incident:B".into(), "degraded".into(), 0)
            ]
        );
    }

    #[test]
    fn version_3_incident_history_goes_and_the_pages_own_is_asked_for() {
        let stored = json!({
            "schema": 3,
            "history": [{"id": "i", "component_ids": ["c"], "level": "degraded",
                "start": 1, "end": 2, "impacts": [["c", "degraded", 1, 2]]}],
            "history_at": 5,
            "reliability": [{"component_id": "c", "uptime_30": 9_990}],
            "decision": {"at": 5, "resolved": []},
        });
        let m = migrate(&stored);
        assert_eq!(m["changed"], json!(true));
        assert_eq!(
            m["removed"],
            json!(["history", "history_at", "reliability"])
        );
        let record = &m["record"];
        assert_eq!(record["history"], Value::Null);
        assert_eq!(record["decision"], stored["decision"]);
        let caches = caches(record);
        assert_eq!(caches.history, Default::default());
        assert!(crate::decide::history::history_due(&caches.history, &[], 6));
        // Read as it is by a check (the stored list reads as no history at all).
        let read: crate::background::record::Stored = lenient(&stored);
        assert_eq!(read.history, Default::default());
    }

    #[test]
    fn current_records_are_left_as_they_are() {
        let stored = json!({
            "schema": 4,
            "history": {"fetched_at": 3, "asked_at": 3, "impacts": {"spans": [{"component_id": "c",
                "incident_id": "i", "level": "degraded", "start": 1, "end": null}]}},
            "snapshot": outage_snapshot(),
            "fetch": {"consecutive_failures": 0},
            "verdict": {"checked_at": 3, "pages": []},
            "decision": {"at": 5, "resolved": [{"page": "chatgpt", "until": 9}]},
            "dismissals": {"entries": [{"key": "incident:x", "level": "degraded", "at": 5}]},
            "notify": {"held": [{"id": "incident_started:x", "kind": "incident_started",
                "name": "X", "level": "degraded", "url": "", "at": 0}]},
        });
        let m = migrate(&stored);
        assert_eq!(m["from"], json!(4));
        assert_eq!(m["changed"], json!(false));
        assert_eq!(m["removed"], json!([]));
        assert_eq!(m["record"], stored);
        assert_eq!(migrate(&m["record"])["record"], m["record"]);
    }

    #[test]
    fn damaged_caches_fall_back_field_by_field() {
        let stored = json!({
            "schema": 3,
            "snapshot": "garbage",
            "fetch": {"consecutive_failures": 2, "etag": 7},
            "decision": [1, 2, 3],
            "dismissals": {"entries": [{"key": "incident:x", "level": "degraded", "at": 5}]},
        });
        let caches = caches(&migrate(&stored)["record"]);
        assert_eq!(caches.snapshot, None);
        assert_eq!(caches.decision, None);
        assert_eq!(
            caches.fetch.consecutive_failures, 2,
            "the readable fields are kept"
        );
        assert_eq!(caches.fetch.etag, None, "the damaged one is not");
        assert_eq!(caches.dismissals.entries.len(), 1);
        assert_eq!(caches.dismissals.entries[0].key, "incident:x");
    }

    #[test]
    fn a_future_schema_is_kept_and_read_leniently() {
        let stored = json!({
            "schema": 7,
            "snapshot": {"groups": "a new shape"},
            "fetch": {"consecutive_failures": 1, "new_field": true},
            "dismissals": {"entries": []},
            "something_new": {"x": 1},
        });
        let m = migrate(&stored);
        assert_eq!(m["from"], json!(7));
        assert_eq!(m["changed"], json!(true));
        assert_eq!(
            m["removed"],
            json!([]),
            "nothing of a newer version is removed"
        );
        assert_eq!(m["record"]["something_new"], json!({"x": 1}));
        let caches = caches(&m["record"]);
        assert_eq!(
            caches.snapshot, None,
            "a cache this version can't read is dropped (the next check fetches it again), \
             never read as an empty status page"
        );
        assert_eq!(caches.fetch.consecutive_failures, 1);
    }

    #[test]
    fn unreadable_schema_numbers_are_not_fatal() {
        for schema in [json!("2"), json!(-1), json!(1.5), json!(u64::MAX)] {
            let m = migrate(&json!({"schema": schema, "dismissed": {"degraded:a": 1}}));
            assert_eq!(m["from"], json!(u32::MAX));
            assert_eq!(m["record"]["schema"], json!(SCHEMA_VERSION));
            assert!(
                m["record"].get("dismissed").is_some(),
                "not converted, not lost"
            );
        }
    }

    #[test]
    fn non_object_records_start_over() {
        for bad in [json!(1), json!("x"), json!([]), json!(true)] {
            let m = migrate(&bad);
            assert_eq!(m["from"], Value::Null);
            assert_eq!(m["changed"], json!(true));
            assert_eq!(m["record"], json!({"schema": SCHEMA_VERSION}));
        }
    }

    /// A version 1 record as it was stored: the verdict of an outage with its time and
    /// one running "resolved" note (another page's).
    fn version_1() -> Value {
        json!({
            "schema": 1,
            "snapshot": outage_snapshot(),
            "fetch": {"consecutive_failures": 0},
            "dismissals": {"entries": [{"key": "incident:x", "level": "degraded", "at": 5}]},
            "verdict": {
                "checked_at": 1_790_000_000_000_i64,
                "pages": [
                    {"id": "chatgpt", "banner": {"show": true, "resolved_until": null}},
                    {"id": "api", "banner": {"show": false, "resolved_until": 1_790_000_050_000_i64}},
                    {"id": "broken", "banner": {"resolved_until": "soon"}},
                    {"banner": {"resolved_until": 7}},
                ],
            },
        })
    }

    #[test]
    fn version_1_verdicts_become_decisions() {
        let m = migrate(&version_1());
        assert_eq!(m["from"], json!(1));
        assert_eq!(m["changed"], json!(true));
        assert_eq!(m["removed"], json!([]));
        assert_eq!(m["record"]["schema"], json!(SCHEMA_VERSION));
        assert_eq!(
            m["record"]["verdict"],
            version_1()["verdict"],
            "the shell's verdict stays"
        );
        let caches = caches(&m["record"]);
        assert_eq!(
            caches.decision,
            Some(Decision {
                at: 1_790_000_000_000,
                resolved: vec![Resolved {
                    page: "api".into(),
                    until: 1_790_000_050_000
                }],
            })
        );
        assert_eq!(caches.dismissals.entries.len(), 1, "dismissals survive");
        assert_eq!(migrate(&m["record"])["record"], m["record"], "once only");
    }

    #[test]
    fn version_1_without_a_readable_verdict_time_has_no_decision() {
        for verdict in [
            json!(null),
            json!([1]),
            json!({"checked_at": "x"}),
            json!({"checked_at": 1.5}),
        ] {
            let mut stored = version_1();
            stored["verdict"] = verdict;
            let m = migrate(&stored);
            assert!(m["record"].get("decision").is_none());
            assert_eq!(caches(&m["record"]).dismissals.entries.len(), 1);
        }
        let mut stored = version_1();
        stored["verdict"]["pages"] = json!("damaged");
        let decision = caches(&migrate(&stored)["record"]).decision.unwrap();
        assert!(decision.resolved.is_empty(), "the time alone is enough");
    }

    #[test]
    fn an_existing_decision_is_kept() {
        let mut stored = version_1();
        stored["decision"] = json!({"at": 42, "resolved": []});
        let m = migrate(&stored);
        assert_eq!(m["record"]["decision"], json!({"at": 42, "resolved": []}));
    }

    /// Every kind of event, as schema 2 held them back (written by their own writer; schema
    /// 2's events had more members, which the migration doesn't read).
    fn held_events() -> Vec<Event> {
        let url = "https://status.openai.com/incidents/A".to_owned();
        let incident = |kind: &str| {
            let (incident_id, name) = ("A:1".to_owned(), "Errors".to_owned());
            let (level, previous_level, watched) = (Level::MajorOutage, Level::Degraded, true);
            match kind {
                "started" => Event::IncidentStarted {
                    incident_id,
                    name,
                    level,
                    url: url.clone(),
                    watched,
                },
                "worsened" => Event::IncidentWorsened {
                    incident_id,
                    name,
                    level,
                    previous_level,
                    url: url.clone(),
                    watched,
                },
                "improved" => Event::IncidentImproved {
                    incident_id,
                    name,
                    level: Level::Degraded,
                    previous_level: Level::MajorOutage,
                    url: url.clone(),
                    watched,
                },
                _ => Event::IncidentResolved {
                    incident_id,
                    name,
                    previous_level,
                    url: url.clone(),
                    watched,
                },
            }
        };
        vec![
            incident("started"),
            incident("worsened"),
            incident("improved"),
            incident("resolved"),
            Event::MaintenanceSoon {
                maintenance_id: "M".into(),
                name: "Upgrade".into(),
                starts_at: 1_790_000_600_000,
                url: url.clone(),
            },
            Event::DataStale {
                state: crate::decide::verdict::FreshnessState::Unreachable,
                since: Some(1_789_000_000_000),
                failures: 3,
            },
            Event::DataStale {
                state: crate::decide::verdict::FreshnessState::Unreadable,
                since: None,
                failures: 1,
            },
            Event::DataRecovered {
                at: 1_790_000_000_000,
            },
        ]
    }

    #[test]
    fn version_2_held_events_become_the_notices_quiet_hours_hold_now() {
        // What this version holds back for the same events, in quiet hours all day.
        let mut settings = Settings::default();
        let n = &mut settings.notify;
        (n.started, n.worsened, n.improved, n.resolved) = (true, true, true, true);
        (n.maintenance, n.data, n.only_watched) = (true, true, false);
        settings.quiet_hours = Some(crate::model::settings::QuietHours {
            start_min: 0,
            end_min: 1439,
        });
        let now = 1_790_000_000_000 - 1_790_000_000_000 % 86_400_000 + 60_000;
        let events = held_events();
        let verdict = crate::decide::verdict::Verdict::default();
        let held = crate::background::notify::plan(
            Default::default(),
            &events,
            &verdict,
            &settings,
            now,
            0,
        );
        assert_eq!(held.held.len(), events.len(), "every kind held");
        assert!(held.outbox.is_empty());

        let events: Vec<Value> = events
            .iter()
            .map(|e| serde_json::to_value(e).unwrap())
            .chain([
                json!({"kind": "incident_started"}),
                json!({"kind": "bogus"}),
                json!(7),
            ])
            .collect();
        let stored = json!({"schema": 2, "notify": {"held": events, "outbox": []}});
        let m = migrate(&stored);
        assert_eq!(m["changed"], json!(true));
        let notify: NotifyState = serde_json::from_value(m["record"]["notify"].clone()).unwrap();
        assert_eq!(notify, held, "the unreadable ones dropped");
        // Migrated once, left alone after.
        assert_eq!(migrate(&m["record"])["record"], m["record"]);
    }

    fn settings_of(v: &Value) -> Settings {
        settings(v)
    }

    #[test]
    fn settings_survive_a_damaged_field() {
        let s = settings_of(&json!({
            "banner_enabled": false,
            "watched_groups": ["Codex", 3],
            "banner_min_level": "no such level",
            "stale_after_failures": "five",
            "from_a_newer_version": {"x": 1},
        }));
        assert!(!s.banner_enabled, "the user's choice is kept");
        assert_eq!(s.watched_groups, ["Codex"], "a damaged item costs itself");
        assert_eq!(s.banner_min_level, Settings::default().banner_min_level);
        assert_eq!(
            s.stale_after_failures,
            Settings::default().stale_after_failures
        );
    }

    #[test]
    fn settings_read_every_field() {
        let s = settings_of(&json!({
            "banner_enabled": false,
            "watched_groups": [],
            "banner_min_level": "major_outage",
            "stale_after_failures": 5,
        }));
        assert!(!s.banner_enabled);
        assert_eq!(
            s.watched_groups,
            Settings::default().watched_groups,
            "watching nothing is not a setting"
        );
        assert_eq!(s.banner_min_level, Level::MajorOutage);
        assert_eq!(s.stale_after_failures, 5);
        for bad in [Value::Null, json!("x"), json!([true])] {
            assert_eq!(settings_of(&bad), Settings::default());
        }
    }

    #[test]
    fn banner_admin_components_is_read_leniently() {
        assert!(
            !settings_of(&json!({})).banner_admin_components,
            "off by default"
        );
        let on = settings_of(&json!({"banner_admin_components": true, "banner_enabled": false}));
        assert!(on.banner_admin_components && !on.banner_enabled);
        let damaged = settings_of(&json!({
            "banner_admin_components": "yes",
            "banner_min_level": "major_outage",
        }));
        assert!(
            !damaged.banner_admin_components,
            "a damaged value is the default"
        );
        assert_eq!(
            damaged.banner_min_level,
            Level::MajorOutage,
            "the rest still count"
        );
    }
}

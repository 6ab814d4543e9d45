//! Events between verdicts: the only input to notifications.

mod common;

use common::*;
use outage_radar::{
    decide, events, parse_rfc3339, Event, FetchError, FetchState, FreshnessState, Level, Settings,
    Snapshot, Verdict,
};

const MIN: i64 = 60_000;

fn at(snap: &Snapshot, t: i64) -> Verdict {
    decide(Some(snap), &fresh_at(t), &Settings::default(), t)
}

fn kinds(ev: &[Event]) -> Vec<String> {
    ev.iter().map(Event::key).collect()
}

#[test]
fn started_worsened_improved_resolved() {
    let clear = native("all-operational");
    let partial = native("chatgpt-partial-outage");
    let id = "01K5PART1A10UTAGE000000001";
    let v0 = at(&clear, now());
    let v1 = at(&partial, now() + MIN);
    let ev = events(Some(&v0), &v1, now() + MIN);
    assert_eq!(kinds(&ev), [format!("incident_started:{id}")]);
    let j = serde_json::to_value(&ev[0]).unwrap();
    assert_eq!(j["kind"], "incident_started");
    assert_eq!(j["incident_id"], id);
    assert_eq!(j["level"], "partial_outage");
    assert_eq!(j["watched"], true);

    // Nothing changed: no event (no notifying on every poll).
    let v1b = at(&partial, now() + 2 * MIN);
    assert!(events(Some(&v1), &v1b, now() + 2 * MIN).is_empty());

    let mut worse = partial.clone();
    worse.incidents[0].level = Level::MajorOutage;
    let v2 = at(&worse, now() + 3 * MIN);
    let ev = events(Some(&v1b), &v2, now() + 3 * MIN);
    assert_eq!(kinds(&ev), [format!("incident_worsened:{id}:major_outage")]);
    assert!(matches!(
        ev[0],
        Event::IncidentWorsened {
            previous_level: Level::PartialOutage,
            ..
        }
    ));

    let mut better = partial.clone();
    better.incidents[0].level = Level::Degraded;
    let v3 = at(&better, now() + 4 * MIN);
    let ev = events(Some(&v2), &v3, now() + 4 * MIN);
    assert_eq!(kinds(&ev), [format!("incident_improved:{id}:degraded")]);

    let v4 = at(&clear, now() + 5 * MIN);
    let ev = events(Some(&v3), &v4, now() + 5 * MIN);
    assert_eq!(kinds(&ev), [format!("incident_resolved:{id}")]);
}

#[test]
fn first_run_announces_ongoing_incidents() {
    let v = at(&native("duplicate-names"), now());
    let ev = events(None, &v, now());
    assert_eq!(ev.len(), 2);
    assert!(ev
        .iter()
        .all(|e| matches!(e, Event::IncidentStarted { .. })));
}

#[test]
fn failures_resolve_nothing_and_go_stale_once() {
    let partial = native("chatgpt-partial-outage");
    let v1 = at(&partial, now());
    let s = Settings::default();
    let mut f = fresh_at(now());
    let mut prev = v1.clone();
    let mut all = Vec::new();
    for i in 1..=5 {
        f.record_failure(now() + i * MIN, FetchError::Timeout);
        let v = decide(Some(&partial), &f, &s, now() + i * MIN);
        all.extend(events(Some(&prev), &v, now() + i * MIN));
        prev = v;
    }
    assert_eq!(kinds(&all), [format!("data_stale:{}", now())]);
    assert!(matches!(
        all[0],
        Event::DataStale {
            state: FreshnessState::Unreachable,
            failures: 3,
            ..
        }
    ));
    // A failure with no snapshot at all (e.g. cleared storage) resolves nothing.
    let mut f2 = FetchState::default();
    for i in 0..3 {
        f2.record_failure(now() + i, FetchError::Offline);
    }
    let v_none = decide(None, &f2, &s, now() + 10 * MIN);
    let ev = events(Some(&v1), &v_none, now() + 10 * MIN);
    assert!(ev
        .iter()
        .all(|e| !matches!(e, Event::IncidentResolved { .. })));

    // Recovery with the incident gone: recovered + resolved.
    let back = at(&native("all-operational"), now() + 6 * MIN);
    let ev = events(Some(&prev), &back, now() + 6 * MIN);
    assert_eq!(
        kinds(&ev),
        [
            format!("data_recovered:{}", now() + 6 * MIN),
            "incident_resolved:01K5PART1A10UTAGE000000001".to_owned()
        ]
    );
}

#[test]
fn compat_fallback_resolves_nothing() {
    let v1 = at(&native("chatgpt-partial-outage"), now());
    let comps = fixture("compat/components-chatgpt-partial.json");
    let snap = outage_radar::parse_compat(None, Some(&comps), None, None).unwrap();
    let v2 = at(&snap, now() + MIN);
    assert!(events(Some(&v1), &v2, now() + MIN).is_empty());
}

#[test]
fn stale_then_unreadable_no_duplicate() {
    let snap = native("all-operational");
    let s = Settings::default();
    let mut f = fresh_at(now());
    for i in 1..=3 {
        f.record_failure(now() + i, FetchError::Offline);
    }
    let v1 = decide(Some(&snap), &f, &s, now());
    f.record_failure(now() + 4, FetchError::Shape { detail: "x".into() });
    let v2 = decide(Some(&snap), &f, &s, now());
    assert_eq!(v2.freshness.state, FreshnessState::Unreadable);
    assert!(events(Some(&v1), &v2, now()).is_empty());
    // From nothing at all to unreachable (first run offline): one event.
    let ev = events(None, &v1, now());
    assert_eq!(kinds(&ev), [format!("data_stale:{}", now())]);
}

#[test]
fn maintenance_soon_once() {
    let snap = native("maintenance-upcoming");
    let t_far = parse_rfc3339("2026-09-15T11:00:00Z").unwrap();
    let t_near = now(); // starts 12:30, i.e. in 30 min
    let v_far = at(&snap, t_far);
    let v_near = at(&snap, t_near);
    let ev = events(Some(&v_far), &v_near, t_near);
    let start = parse_rfc3339("2026-09-15T12:30:00Z").unwrap();
    assert_eq!(
        kinds(&ev),
        [format!(
            "maintenance_soon:01K5MA1NTS00N0000000000001:{start}"
        )]
    );
    let v_near2 = at(&snap, t_near + MIN);
    assert!(events(Some(&v_near), &v_near2, t_near + MIN).is_empty());
    // Never for one that is already in progress.
    let v_in = at(&snap, start + MIN);
    assert!(events(Some(&v_far), &v_in, start + MIN)
        .iter()
        .all(|e| !matches!(e, Event::MaintenanceSoon { .. })));
}

#[test]
fn event_json_round_trip() {
    let evs = [
        Event::DataRecovered { at: 5 },
        Event::DataStale {
            state: FreshnessState::Unreachable,
            since: None,
            failures: 3,
        },
    ];
    for e in evs {
        let s = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&s).unwrap(), e);
    }
    assert_eq!(
        serde_json::to_value(Event::DataRecovered { at: 5 }).unwrap(),
        serde_json::json!({"kind": "data_recovered", "at": 5})
    );
    assert_eq!(
        Event::DataStale {
            state: FreshnessState::Unreachable,
            since: None,
            failures: 3
        }
        .key(),
        "data_stale:never"
    );
}

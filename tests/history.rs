//! The history features on the page's own history (`component_impacts` fixtures built by
//! `tests/fixtures/history/make.py`): parsing as leniently as the summary, estimates,
//! and the history view.
use outage_radar::decide::history::{estimate, view, History, WINDOW_DAYS};
use outage_radar::model::impacts::Impacts;
use outage_radar::{
    detect, parse_component_impacts, parse_native_summary, parse_rfc3339, FetchError, Level,
    PayloadKind,
};

const CONVERSATIONS: &str = "01JMXBNJXGV1T5GT2M9XA83XNG";
const SEARCH: &str = "01JMXBNJXGKKP51D4DEJ2HZJ8Q";
const API_LOGIN: &str = "01JSM5RTJWHRWDTS6Q604VEW3B";
const UNKNOWN: &str = "01ZZUNKN0WNC0MP0NENT000000";

fn impacts() -> Impacts {
    let body = include_str!("fixtures/history/component_impacts-90d.json");
    parse_component_impacts(body).expect("a readable history")
}

fn drift() -> Impacts {
    let body = include_str!("fixtures/history/component_impacts-drift.json");
    parse_component_impacts(body).expect("drift is no failure")
}

fn at(s: &str) -> i64 {
    parse_rfc3339(s).expect("a time")
}

fn now() -> i64 {
    at("2026-09-15T12:00:00Z")
}

fn history() -> History {
    let mut h = History::default();
    h.record(Some(impacts()), now());
    h
}

#[test]
fn the_90_days_read_whole() {
    let i = impacts();
    assert_eq!(
        detect(include_str!("fixtures/history/component_impacts-90d.json")),
        Ok(PayloadKind::ComponentImpacts)
    );
    assert_eq!(
        (i.spans.len(), i.uptimes.len(), i.incidents.len()),
        (14, 35, 13)
    );
    // `uptime` is a string on the page.
    let conv = i
        .uptimes
        .iter()
        .find(|u| u.component_id == CONVERSATIONS)
        .unwrap();
    assert_eq!(conv.uptime, 99.92);
    assert_eq!(conv.since, Some(at("2025-01-01T00:00:00Z")));
    // No `end_at`: still going on.
    let open: Vec<_> = i.spans.iter().filter(|s| s.end.is_none()).collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].incident_id, "01K5PART1A10UTAGE000000001");
    assert_eq!(open[0].level, Level::PartialOutage);
    // A component the summary doesn't know is kept (and shown nowhere).
    assert!(i
        .spans
        .iter()
        .any(|s| s.component_id == UNKNOWN && s.level == Level::MajorOutage));
    assert!(i.spans.iter().any(|s| s.level == Level::Maintenance));
}

#[test]
fn drift_and_damage_cost_only_themselves() {
    let i = drift();
    // Three periods read; the four damaged ones and the two non-objects don't.
    let spans: Vec<_> = i
        .spans
        .iter()
        .map(|s| {
            (
                s.component_id.as_str(),
                s.incident_id.as_str(),
                s.level,
                s.end,
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            (CONVERSATIONS, "", Level::Degraded, None),
            (SEARCH, "42", Level::Unknown, None),
            (
                API_LOGIN,
                "01K5DR1FT000000000000000A1",
                Level::Unknown,
                Some(at("2026-09-13T11:00:00Z"))
            ),
        ]
    );
    // Uptimes as a number, an integer, a padded string with a percent sign; the first of a component twice.
    let uptimes: Vec<_> = i
        .uptimes
        .iter()
        .map(|u| (u.component_id.as_str(), u.uptime, u.since))
        .collect();
    assert_eq!(
        uptimes,
        [
            (CONVERSATIONS, 99.5, None),
            (SEARCH, 100.0, None),
            (API_LOGIN, 99.9, None)
        ]
    );
    // Links: without a name, an id as a number, a name cleaned for display.
    let links: Vec<_> = i
        .incidents
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str(), l.published_at))
        .collect();
    assert_eq!(
        links,
        [
            ("01K5DR1FT000000000000000A1", "", None),
            ("42", "Search melting", None)
        ]
    );
}

#[test]
fn only_a_body_that_is_no_history_at_all_fails() {
    for body in ["<html>", "[]", "{}", r#"{"component_impacts": {}}"#] {
        assert!(
            matches!(
                parse_component_impacts(body),
                Err(FetchError::NotJson { .. } | FetchError::Shape { .. })
            ),
            "{body}"
        );
    }
    let only_uptimes = parse_component_impacts(r#"{"component_uptimes": []}"#).unwrap();
    assert_eq!(only_uptimes, Impacts::default());
}

#[test]
fn an_ongoing_conversations_outage_gets_an_honest_estimate() {
    let e = estimate(
        &impacts(),
        &[CONVERSATIONS.into()],
        Level::PartialOutage,
        now(),
    )
    .expect("8 similar");
    assert_eq!(
        (e.count, e.median_mins, e.p25_mins, e.p75_mins),
        (8, 47, 30, 95)
    );
    assert_eq!(e.window_days, WINDOW_DAYS);
    // The API login: one incident only.
    assert_eq!(
        estimate(&impacts(), &[API_LOGIN.into()], Level::MajorOutage, now()),
        None
    );
}

#[test]
fn the_view_of_chatgpt_during_the_outage() {
    let snapshot =
        parse_native_summary(include_str!("fixtures/native/chatgpt-partial-outage.json")).unwrap();
    let v = view(&history(), Some(&snapshot), &["ChatGPT".into()], now(), 0);
    assert_eq!(
        (v.as_of, v.fetched_at, v.stale),
        (now(), Some(now()), false)
    );
    let g = &v.groups[0];
    let conv = &g.components[0];
    assert_eq!(conv.uptime_90, Some(99.92));
    let today = &g.days[89];
    assert_eq!((today.level, today.no_data), (Level::PartialOutage, false));
    assert_eq!(today.affected, ["Conversations"]);
    // 9 partial-outage days in 90 for Conversations: 8 finished incidents and today's
    // ongoing one (the one 200 days ago is not there).
    let partial = conv
        .days
        .iter()
        .filter(|d| d.level == Level::PartialOutage)
        .count();
    assert_eq!(partial, 9);
    assert_eq!(v.recent_incidents[0].ended_at, None);
    // Serialized as the shell gets it: percentages as numbers, levels as words.
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["groups"][0]["components"][0]["uptime_90"], 99.92);
    assert_eq!(json["groups"][0]["days"][89]["level"], "partial_outage");
    assert_eq!(
        json["recent_incidents"][0]["ended_at"],
        serde_json::Value::Null
    );
}

#[test]
fn a_drifted_history_still_makes_a_view() {
    let snapshot =
        parse_native_summary(include_str!("fixtures/native/all-operational.json")).unwrap();
    let mut h = History::default();
    h.record(Some(drift()), now());
    let v = view(
        &h,
        Some(&snapshot),
        &["ChatGPT".into(), "APIs".into()],
        now(),
        0,
    );
    assert_eq!(v.groups.len(), 2);
    let chatgpt = &v.groups[0];
    // Conversations degraded since 10:00, Search at an unknown level since yesterday
    // (which ranks below degraded).
    assert_eq!(chatgpt.days[89].level, Level::Degraded);
    assert_eq!(chatgpt.days[88].level, Level::Unknown);
    assert_eq!(chatgpt.days[89].affected, ["Conversations", "Search"]);
    assert_eq!(chatgpt.days[88].affected, ["Search"]);
    assert_eq!(chatgpt.components[0].uptime_90, Some(99.5));
    // Only the three components with a figure count in the groups' means.
    assert_eq!(chatgpt.uptime_90, Some(99.75));
    // The link without a name, on the API login (status missing: unknown level).
    let names: Vec<_> = v.recent_incidents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(names, ["42", "01K5DR1FT000000000000000A1"]);
}

//! The popup's guide (`guidance`), decided for every situation from the scenario fixtures.

mod common;

use common::*;
use outage_radar::decide::verdict::{Cause, Situation, Step};
use outage_radar::{decide, FetchError, FetchState, Settings, Verdict};

const MIN: i64 = 60_000;
const CHATGPT_GROUP: &str = "01K5GRPCHATGPT0000000000A1";

fn with(name: &str, settings: &Settings) -> Verdict {
    decide(Some(&native(name)), &fresh_at(now()), settings, now())
}

fn failing(errors: &[FetchError], data: bool) -> Verdict {
    failing_since(errors, data, 5 * MIN)
}

/// Data `age` old (when `data`), then `errors`, the last a minute ago.
fn failing_since(errors: &[FetchError], data: bool, age: i64) -> Verdict {
    let t0 = now() - age;
    let mut f = if data {
        fresh_at(t0)
    } else {
        FetchState::default()
    };
    let n = errors.len() as i64;
    for (i, e) in errors.iter().enumerate() {
        f.record_failure(now() - (n - i as i64) * MIN, e.clone());
    }
    let snap = native("chatgpt-partial-outage");
    decide(data.then_some(&snap), &f, &Settings::default(), now())
}

#[test]
fn all_clear_puts_your_own_network_first() {
    let g = native_verdict("all-operational").guidance;
    assert_eq!(g.situation, Situation::AllClear);
    assert_eq!(
        g.steps,
        [Step::SelfCheck, Step::Confirm, Step::Others, Step::Support]
    );
    assert_eq!(g.cause, None);
    assert_eq!(g.incident_id, None);
    assert_eq!(g.notify_service, None);
    assert_eq!(g.search, "ChatGPT down");
    assert!(!g.stale);
}

#[test]
fn an_outage_of_what_you_watch_cites_the_incident_and_the_service() {
    let v = native_verdict("chatgpt-partial-outage");
    let g = &v.guidance;
    assert_eq!(g.situation, Situation::Problem);
    assert_eq!(
        g.steps,
        [Step::Confirm, Step::Others, Step::Wait, Step::Support]
    );
    assert_eq!(g.incident_id.as_deref(), Some("01K5PART1A10UTAGE000000001"));
    assert_eq!(g.incident_url.as_deref(), Some(v.incidents[0].url.as_str()));
    assert_eq!(g.services, ["Conversations"]);
    assert_eq!(g.notify_service.as_deref(), Some(CHATGPT_GROUP));
    assert_eq!(g.service_name.as_deref(), Some("ChatGPT"));
    assert_eq!(g.search, "ChatGPT down");
    // "We are continuing to investigate elevated error rates": no cause is guessed.
    assert_eq!(g.cause, None);
    assert_eq!(g.until, None);

    let major = native_verdict("chatgpt-major-outage").guidance;
    assert_eq!(major.situation, Situation::Problem);
    assert!(major.incident_id.is_some());
}

#[test]
fn notifications_off_means_no_notify_me() {
    let mut s = Settings::default();
    s.notify.enabled = false;
    let g = with("chatgpt-partial-outage", &s).guidance;
    assert_eq!(g.situation, Situation::Problem);
    assert_eq!(g.notify_service, None);
    assert_eq!(g.service_name.as_deref(), Some("ChatGPT"));
}

#[test]
fn a_problem_elsewhere_is_not_yours_unless_you_watch_it() {
    // Watching ChatGPT during a Codex incident: the guide names the problem the popup
    // lists, with a service you don't watch, first; not your connection.
    let g = native_verdict("codex-incident").guidance;
    assert_eq!(g.situation, Situation::Elsewhere);
    assert_eq!(
        g.steps,
        [
            Step::Elsewhere,
            Step::Confirm,
            Step::Others,
            Step::SelfCheck,
            Step::Support
        ]
    );
    assert_eq!(g.incident_id.as_deref(), Some("01K5C0DEX1NC1DENT00000000F"));
    assert_eq!(g.service_name.as_deref(), Some("Codex"));
    assert_eq!(g.search, "Codex down");
    assert_eq!(g.notify_service, None, "not a service you watch");
    assert_eq!(g.cause, None);

    let s = Settings {
        watched_groups: vec!["codex".into()],
        ..Settings::default()
    };
    let g = with("codex-incident", &s).guidance;
    assert_eq!(g.situation, Situation::Problem);
    assert_eq!(g.search, "Codex down");
    assert_eq!(g.service_name.as_deref(), Some("Codex"));
    assert_eq!(g.incident_id.as_deref(), Some("01K5C0DEX1NC1DENT00000000F"));
}

#[test]
fn watching_one_component_of_another_group_counts_it() {
    let g = native_verdict("api-only-incident").guidance;
    assert_eq!(g.situation, Situation::Elsewhere);
    let s = Settings {
        watched_groups: vec!["ChatGPT".into()],
        watched_components: vec![API_LOGIN.into()],
        ..Settings::default()
    };
    let v = with("api-only-incident", &s);
    assert_eq!(v.guidance.situation, Situation::Problem);
    assert_eq!(v.guidance.search, "OpenAI API down");
    assert!(v.incidents[0].watched);
    assert_eq!(v.badge.text, "!");
    // Without it, the API incident leaves the badge alone.
    assert_eq!(native_verdict("api-only-incident").badge.text, "");
}

#[test]
fn maintenance_says_when_it_ends_and_waits_first() {
    let v = native_verdict("maintenance-in-progress");
    let g = &v.guidance;
    assert_eq!(g.situation, Situation::Maintenance);
    assert_eq!(g.cause, Some(Cause::Maintenance));
    assert_eq!(g.steps, [Step::Wait, Step::Confirm]);
    assert_eq!(g.until, outage_radar::parse_rfc3339("2026-09-15T13:00:00Z"));
    assert_eq!(g.incident_id.as_deref(), Some("01K5MA1NTENANCE0000000000C"));
    assert_eq!(g.notify_service.as_deref(), Some(CHATGPT_GROUP));

    // Planned but not started: nothing to wait for yet.
    let g = native_verdict("maintenance-upcoming").guidance;
    assert_eq!(g.situation, Situation::AllClear);
}

#[test]
fn only_apis_watched_during_a_chatgpt_incident_names_chatgpt() {
    let s = Settings {
        watched_groups: vec!["APIs".into()],
        ..Settings::default()
    };
    let v = with("chatgpt-partial-outage", &s);
    assert_eq!(v.badge.text, "", "the APIs are fine");
    assert!(!v.incidents[0].watched);
    let g = &v.guidance;
    assert_eq!(g.situation, Situation::Elsewhere);
    assert_eq!(g.steps[0], Step::Elsewhere);
    assert_ne!(g.steps[0], Step::SelfCheck);
    assert_eq!(g.incident_id.as_deref(), Some(v.incidents[0].id.as_str()));
    assert_eq!(g.service_name.as_deref(), Some("ChatGPT"));
    assert_eq!(g.search, "ChatGPT down");
}

#[test]
fn watching_nothing_is_read_as_the_default_watch() {
    let stored = serde_json::json!({ "watched_groups": [], "watched_components": [] });
    let s = outage_radar::background::migrate::settings(&stored);
    assert!(!s.watches_nothing());
    assert_eq!(s, Settings::default());
    // Components alone are a watch.
    let stored = serde_json::json!({ "watched_groups": [], "watched_components": [API_LOGIN] });
    let s = outage_radar::background::migrate::settings(&stored);
    assert!(s.watched_groups.is_empty());
    assert_eq!(s.watched_components, [API_LOGIN]);
    // Blank names are nothing.
    assert!(Settings {
        watched_groups: vec![" ".into()],
        ..Settings::default()
    }
    .watches_nothing());
}

#[test]
fn the_status_page_out_of_reach_puts_your_connection_first() {
    // The data is too old to stand (the last known status within the hour is in
    // tests/failing_status_page.rs).
    let failing = |errors: &[FetchError], data| failing_since(errors, data, 90 * MIN);
    let v = failing(&[const { FetchError::Offline }; 3], true);
    let g = &v.guidance;
    assert_eq!(g.situation, Situation::NoData);
    assert_eq!(g.cause, Some(Cause::Network));
    assert_eq!(g.steps[0], Step::SelfCheck);
    assert_eq!(
        g.incident_id, None,
        "no advice from data we can't vouch for"
    );

    // The server answering 503 is no sign of your network.
    let http = FetchError::Http {
        status: 503,
        retry_after_secs: None,
    };
    let g = failing(&[http.clone(), http.clone(), http], true).guidance;
    assert_eq!(g.situation, Situation::NoData);
    assert_eq!(g.cause, None);

    // Never had data, offline.
    let g = failing(&[const { FetchError::Offline }; 3], false).guidance;
    assert_eq!(g.situation, Situation::NoData);
    assert_eq!(g.cause, Some(Cause::Network));
}

#[test]
fn unreadable_data_sends_you_to_the_page_itself_first() {
    let shape = FetchError::Shape { detail: "x".into() };
    let g = failing_since(&[shape.clone(), shape.clone(), shape], true, 90 * MIN).guidance;
    assert_eq!(g.situation, Situation::NoData);
    assert_eq!(g.steps[0], Step::Confirm);
    assert_eq!(g.cause, None);
}

#[test]
fn stale_data_is_confirmed_first() {
    let v = failing(&[FetchError::Timeout], true);
    assert!(v.guidance.stale);
    assert_eq!(v.guidance.situation, Situation::Problem);
    assert_eq!(v.guidance.steps[0], Step::Confirm);

    let mut f = fresh_at(now() - 5 * MIN);
    f.record_failure(now() - MIN, FetchError::Offline);
    let v = decide(
        Some(&native("all-operational")),
        &f,
        &Settings::default(),
        now(),
    );
    let g = v.guidance;
    assert!(g.stale);
    assert_eq!(g.situation, Situation::AllClear);
    assert_eq!(
        g.steps,
        [Step::Confirm, Step::SelfCheck, Step::Others, Step::Support]
    );
    assert_eq!(g.cause, Some(Cause::Network));
}

#[test]
fn scope_unclear_and_unknown_are_never_all_clear() {
    let g = native_verdict("scope-unclear").guidance;
    assert_ne!(g.situation, Situation::AllClear);
    let g = native_verdict("unknown-enums").guidance;
    assert_ne!(g.situation, Situation::AllClear);
}

#[test]
fn every_fixture_gets_a_guide_that_survives_storage() {
    for name in [
        "all-operational",
        "api-only-incident",
        "chatgpt-degraded",
        "chatgpt-login-incident",
        "chatgpt-major-outage",
        "chatgpt-partial-outage",
        "codex-incident",
        "duplicate-names",
        "hidden-affected",
        "maintenance-in-progress",
        "maintenance-upcoming",
        "missing-keys",
        "mixed-vocabulary",
        "reordered-structure",
        "scope-unclear",
        "sora-api-only",
        "unknown-enums",
    ] {
        let v = native_verdict(name);
        assert!(!v.guidance.steps.is_empty(), "{name}");
        assert!(v.guidance.steps.contains(&Step::Confirm), "{name}");
        if let Some(url) = &v.guidance.incident_url {
            assert!(url.starts_with("https://status.openai.com/"), "{name}");
        }
        let text = serde_json::to_string(&v.guidance).unwrap();
        assert!(text.len() < 600, "{name}: {} bytes", text.len());
        let back: outage_radar::decide::verdict::Guidance = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v.guidance);
        // An older stored verdict without a guide still reads.
        let mut old = serde_json::to_value(&v).unwrap();
        old.as_object_mut().unwrap().remove("guidance");
        let old: Verdict = serde_json::from_str(&old.to_string()).unwrap();
        assert_eq!(old.guidance, Default::default());
    }
}

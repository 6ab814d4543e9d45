//! The history features on a captured-shape incident history: estimates and reliability.
use outage_radar::decide::history::{condense, estimate, reliability, WINDOW_DAYS};
use outage_radar::{parse_native_incidents, parse_rfc3339, Level};

const CONVERSATIONS: &str = "01JMXBNJXGV1T5GT2M9XA83XNG";

fn history() -> Vec<outage_radar::decide::history::Past> {
    let body = include_str!("fixtures/history/incidents-90d.json");
    condense(&parse_native_incidents(body).expect("a readable history"))
}

fn now() -> i64 {
    parse_rfc3339("2026-09-15T12:00:00Z").expect("a time")
}

#[test]
fn an_ongoing_conversations_outage_gets_an_honest_estimate() {
    let e = estimate(
        &history(),
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
}

#[test]
fn no_estimate_for_a_component_with_too_little_history() {
    let api_login = "01JSM5RTJWHRWDTS6Q604VEW3B";
    assert_eq!(
        estimate(&history(), &[api_login.into()], Level::MajorOutage, now()),
        None
    );
}

#[test]
fn the_real_shape_of_another_incident_io_page_condenses() {
    let body = include_str!("fixtures/real/pleo-proxy-incidents.2026-01.json");
    let kept = condense(&parse_native_incidents(body).expect("readable"));
    assert_eq!(kept.len(), 1, "the resolved incident, not the maintenance");
    assert_eq!(kept[0].level, Level::Degraded);
}

#[test]
fn reliability_of_conversations_over_90_days() {
    let r = reliability(&history(), CONVERSATIONS, "Conversations", now());
    assert_eq!(r.days.len(), 90);
    // 487 partial-outage minutes count half: about 244 minutes in 90 days.
    let down: u32 = r.days.iter().map(|d| d.down_mins).sum();
    assert!((240..=245).contains(&down), "{down}");
    assert!(
        r.uptime_90 > 9_970 && r.uptime_90 < 9_985,
        "{}",
        r.uptime_90
    );
    assert_eq!(
        r.days
            .iter()
            .filter(|d| d.level == Level::PartialOutage)
            .count(),
        8
    );
}

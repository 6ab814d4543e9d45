//! Freshness rules: what happens to the verdict when fetching goes wrong.

mod common;

use common::*;
use outage_radar::{decide, FetchError, FetchState, FreshnessState, Level, Settings};

const MIN: i64 = 60_000;

fn state_after(failures: &[FetchError], data: bool) -> outage_radar::Verdict {
    let snap = native("chatgpt-partial-outage");
    let t0 = now() - 5 * MIN;
    let mut f = if data {
        fresh_at(t0)
    } else {
        FetchState::default()
    };
    for (i, e) in failures.iter().enumerate() {
        f.record_failure(t0 + (i as i64 + 1) * MIN, e.clone());
    }
    decide(data.then_some(&snap), &f, &Settings::default(), now())
}

#[test]
fn never_had_data() {
    let v = decide(None, &FetchState::default(), &Settings::default(), now());
    assert_eq!(v.freshness.state, FreshnessState::None);
    assert_eq!(v.overall, Level::Unknown);
    assert!(!v.banner.show);
    assert_eq!(v.badge.text, "?");
    assert_eq!(v.source, None);
    assert_eq!(v.checked_at, now());
}

#[test]
fn fresh_then_stale_then_unreachable() {
    let v = state_after(&[], true);
    assert_eq!(v.freshness.state, FreshnessState::Fresh);
    assert_eq!(v.freshness.age_secs, Some(300));
    assert!(v.banner.show);

    // One or two failures: stale, the last known outage is still shown.
    let v = state_after(&[FetchError::Timeout], true);
    assert_eq!(v.freshness.state, FreshnessState::Stale);
    assert_eq!(v.freshness.failures, 1);
    assert_eq!(v.freshness.last_error, Some(FetchError::Timeout));
    assert!(v.banner.show);
    assert_eq!(v.badge.text, "!");

    // Threshold reached: unreachable; the last known outage stays, marked as such
    // (tests/failing_status_page.rs has the details).
    let errs = [
        FetchError::Offline,
        FetchError::Timeout,
        FetchError::Http {
            status: 503,
            retry_after_secs: None,
        },
    ];
    let v = state_after(&errs, true);
    assert_eq!(v.freshness.state, FreshnessState::Unreachable);
    assert!(v.banner.show);
    assert_eq!(v.banner.last_known_at, Some(now() - 5 * MIN));
    assert_eq!(v.badge.text, "!");
    // The popup can still list the last known incidents.
    assert_eq!(v.incidents.len(), 1);
}

#[test]
fn unreadable_when_the_last_error_is_about_content() {
    let errs = [
        FetchError::Offline,
        FetchError::Offline,
        FetchError::Shape { detail: "x".into() },
    ];
    assert_eq!(
        state_after(&errs, true).freshness.state,
        FreshnessState::Unreadable
    );
    let errs = [
        FetchError::NotJson {
            content_type: "text/html".into(),
        },
        FetchError::TooLarge { limit: 1 },
        FetchError::NotJson {
            content_type: "text/html".into(),
        },
    ];
    let v = state_after(&errs, false);
    assert_eq!(v.freshness.state, FreshnessState::Unreadable);
    assert_eq!(v.freshness.age_secs, None);
}

#[test]
fn old_data_is_stale_and_very_old_data_shows_no_banner() {
    let snap = native("chatgpt-partial-outage");
    let s = Settings::default();
    let v = decide(Some(&snap), &fresh_at(now() - 20 * MIN), &s, now());
    assert_eq!(v.freshness.state, FreshnessState::Stale);
    assert!(v.banner.show);
    let v = decide(Some(&snap), &fresh_at(now() - 61 * MIN), &s, now());
    assert_eq!(v.freshness.state, FreshnessState::Stale);
    assert!(!v.banner.show);
    assert_eq!(v.badge.text, "?");
    // A stale all-clear is not an all-clear.
    let v = decide(
        Some(&native("all-operational")),
        &fresh_at(now() - 20 * MIN),
        &s,
        now(),
    );
    assert_eq!(v.badge.text, "?");
    // Clock went backwards: age clamps to 0.
    let v = decide(Some(&snap), &fresh_at(now() + 5 * MIN), &s, now());
    assert_eq!(v.freshness.age_secs, Some(0));
    // Snapshot but no recorded success: age unknown, stale, no banner.
    let v = decide(Some(&snap), &FetchState::default(), &s, now());
    assert_eq!(v.freshness.state, FreshnessState::Stale);
    assert!(!v.banner.show);
}

#[test]
fn threshold_setting_and_banner_switch() {
    let snap = native("chatgpt-partial-outage");
    let mut f = fresh_at(now() - MIN);
    f.record_failure(now(), FetchError::Offline);
    let s = Settings {
        stale_after_failures: 1,
        ..Settings::default()
    };
    assert_eq!(
        decide(Some(&snap), &f, &s, now()).freshness.state,
        FreshnessState::Unreachable
    );
    // 0 behaves like 1 rather than "always unreachable".
    let s = Settings {
        stale_after_failures: 0,
        ..Settings::default()
    };
    assert_eq!(
        decide(Some(&snap), &fresh_at(now()), &s, now())
            .freshness
            .state,
        FreshnessState::Fresh
    );
    let s = Settings {
        banner_enabled: false,
        ..Settings::default()
    };
    let v = decide(Some(&snap), &fresh_at(now()), &s, now());
    assert!(!v.banner.show);
    assert_eq!(v.banner.level, Level::PartialOutage);
    assert_eq!(v.badge.text, "!");
    let s = Settings {
        banner_min_level: Level::MajorOutage,
        ..Settings::default()
    };
    assert!(!decide(Some(&snap), &fresh_at(now()), &s, now()).banner.show);
}

#[test]
fn watched_groups_drive_badge() {
    let snap = native("api-only-incident");
    let s = Settings {
        watched_groups: vec!["apis".into()],
        ..Settings::default()
    };
    let v = decide(Some(&snap), &fresh_at(now()), &s, now());
    assert_eq!(v.badge.text, "!");
    assert!(v.incidents[0].watched);
    // A watched group that no longer exists: fall back to everything.
    let s = Settings {
        watched_groups: vec!["Renamed".into()],
        ..Settings::default()
    };
    let v = decide(Some(&snap), &fresh_at(now()), &s, now());
    assert_eq!(v.badge.text, "!");
    assert!(v.incidents[0].watched);
}

//! What the 0.1.0 release stored is read by this build: settings, dismissed banners, "notify
//! me when it's back" requests and notices held back by quiet hours all survive an update.
//!
//! The fixtures in `tests/upgrade/0.1.0/` were written by 0.1.0 itself (its core, driven
//! the way its wasm facade and background script drive it): `storage.local` after a check
//! during a ChatGPT partial outage, a dismissed banner and "notify me"; the notice that quiet
//! hours held back (before "notify me", see the README there); `storage.sync` after the
//! user changed several settings.

use outage_radar::background::migrate::{self, SCHEMA_VERSION};
use outage_radar::background::record::Stored;
use outage_radar::model::level::Level;
use serde_json::Value;

const INCIDENT: &str = "01K5PART1A10UTAGE000000001";
const CHATGPT_GROUP: &str = "01K5GRPCHATGPT0000000000A1";
/// When 0.1.0 ran the check (2026-09-15T12:00:00Z).
const CHECKED_AT: i64 = 1_789_473_600_000;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/upgrade/0.1.0/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `storage.local` as the shell hands it to the core, read as the core reads it.
fn stored(name: &str) -> Stored {
    let migrated = migrate::local(fixture(name));
    assert_eq!(migrated.from, Some(3), "0.1.0 wrote schema 3");
    assert!(SCHEMA_VERSION > 3 && migrated.changed);
    // Its incident history goes: the page's own is asked for at the next check.
    assert_eq!(migrated.removed, ["history", "history_at", "reliability"]);
    migrate::record(migrated.record)
}

fn settings() -> outage_radar::Settings {
    migrate::settings(&fixture("sync.json")["settings"])
}

#[test]
fn the_settings_survive() {
    let s = settings();
    assert_eq!(s.watched_groups, ["ChatGPT", "APIs"]);
    assert!(s.watched_components.is_empty());
    assert!(s.banner_enabled);
    assert_eq!(s.banner_min_level, Level::PartialOutage);
    assert_eq!((s.stale_after_failures, s.check_every_minutes), (3, 10));
    let n = &s.notify;
    assert!(n.enabled && n.started && n.worsened && n.improved && n.resolved);
    assert!(n.maintenance && n.only_watched && !n.data);
    let quiet = s.quiet_hours.expect("quiet hours kept");
    assert_eq!((quiet.start_min, quiet.end_min), (1320, 420));
    // Nothing fell back to a default: written again, the record is what 0.1.0 wrote, plus
    // the settings added since at their defaults.
    let mut written = serde_json::to_value(&s).unwrap();
    let added = written.as_object_mut().unwrap();
    assert_eq!(
        added.remove("banner_admin_components"),
        Some(serde_json::Value::Bool(false))
    );
    assert_eq!(written, fixture("sync.json")["settings"]);
}

#[test]
fn the_dismissed_banner_stays_dismissed() {
    let stored = stored("local.json");
    let entries = &stored.dismissals.entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].key, format!("incident:{INCIDENT}"));
    assert_eq!(
        (entries[0].level, entries[0].at),
        (Level::PartialOutage, 1_789_473_660_000)
    );
    let decision = stored.decision.as_ref().expect("the decision is kept");
    assert_eq!(decision.at, CHECKED_AT);
    // The verdict decided again from the stored record still has the banner dismissed.
    let verdict = stored.verdict(&settings(), CHECKED_AT + 180_000).unwrap();
    assert!(verdict.banner.dismissed);
    let page = |id: &str| verdict.pages.iter().find(|p| p.id == id).unwrap();
    assert!(page("chatgpt").banner.dismissed && page("chatgpt_codex").banner.dismissed);
    assert!(verdict.incidents.iter().any(|i| i.id == INCIDENT));
}

#[test]
fn the_notify_me_request_survives() {
    let back = stored("local.json").notify.back;
    assert_eq!(back.len(), 1);
    assert_eq!(
        (back[0].service.as_str(), back[0].name.as_str()),
        (CHATGPT_GROUP, "ChatGPT")
    );
    assert_eq!(back[0].since, 1_789_473_720_000);
}

#[test]
fn a_notice_held_by_quiet_hours_survives() {
    let notify = stored("local-before-notify-me.json").notify;
    assert_eq!(notify.held.len(), 1);
    assert_eq!(notify.held[0].id, format!("incident_started:{INCIDENT}"));
    assert_eq!(notify.held[0].level, Level::PartialOutage);
}

#[test]
fn the_caches_read_back_whole() {
    let stored = stored("local.json");
    let snapshot = stored
        .snapshot
        .as_ref()
        .expect("the last known status is kept");
    assert!(snapshot.groups.iter().any(|g| g.id == CHATGPT_GROUP));
    assert_eq!(stored.fetch.last_success_at, Some(CHECKED_AT));
    assert_eq!(
        stored.history,
        Default::default(),
        "the old history is no more"
    );
    assert!(outage_radar::decide::history::history_due(
        &stored.history,
        &[],
        CHECKED_AT + 60_000
    ));
    // Read as it is (by a check before the update's storage pass), it is no history either.
    let as_is: Stored = migrate::record(fixture("local.json"));
    assert_eq!(as_is.history, Default::default());
    // Written again, each record is what 0.1.0 wrote: no member was lost in reading.
    let local = fixture("local.json");
    for (key, value) in [
        ("snapshot", serde_json::to_value(&stored.snapshot).unwrap()),
        ("fetch", serde_json::to_value(&stored.fetch).unwrap()),
        (
            "dismissals",
            serde_json::to_value(&stored.dismissals).unwrap(),
        ),
        ("notify", serde_json::to_value(&stored.notify).unwrap()),
        ("decision", serde_json::to_value(&stored.decision).unwrap()),
    ] {
        assert_eq!(value, local[key], "{key}");
    }
}

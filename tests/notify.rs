//! Notifications and "notify me when it's back", driven through the real pipeline:
//! fixture → verdict → transition events → notify::plan.

mod common;

use common::*;
use outage_radar::background::notify::{self, BackRefusal, NotifyState};
use outage_radar::model::settings::{NotifySettings, QuietHours};
use outage_radar::{decide, events, FetchError, FetchState, Level, Settings, Snapshot, Verdict};

const MIN: i64 = 60_000;
const PARTIAL_ID: &str = "01K5PART1A10UTAGE000000001";

/// Runs checks over a sequence of snapshots like the background does, and collects what it
/// would show.
struct Run {
    settings: Settings,
    state: NotifyState,
    verdict: Option<Verdict>,
    shown: Vec<notify::Notice>,
    t: i64,
    offset: i32,
}

impl Run {
    fn new(settings: Settings) -> Run {
        Run {
            settings,
            state: NotifyState::default(),
            verdict: None,
            shown: Vec::new(),
            t: now(),
            offset: 0,
        }
    }

    /// One check `mins` after the previous one that read `snap` (or failed).
    fn check(&mut self, snap: Option<&Snapshot>, mins: i64) -> Vec<String> {
        self.t += mins * MIN;
        let mut fetch = FetchState::default();
        match snap {
            Some(_) => fetch.record_success(self.t, None, None, None),
            None => {
                for _ in 0..3 {
                    fetch.record_failure(self.t, FetchError::Timeout);
                }
            }
        }
        let v = decide(snap, &fetch, &self.settings, self.t);
        let ev = events(self.verdict.as_ref(), &v, self.t);
        self.state = notify::plan(
            std::mem::take(&mut self.state),
            &ev,
            &v,
            &self.settings,
            self.t,
            self.offset,
        );
        let ids: Vec<String> = self.state.outbox.iter().map(|n| n.id.clone()).collect();
        self.shown.extend(self.state.outbox.iter().cloned());
        self.state = notify::delivered(std::mem::take(&mut self.state), &ids);
        self.verdict = Some(v);
        ids
    }
}

fn partial() -> Snapshot {
    native("chatgpt-partial-outage")
}
fn clear() -> Snapshot {
    native("all-operational")
}

#[test]
fn one_notification_per_event_never_repeated() {
    let mut run = Run::new(Settings::default());
    assert!(run.check(Some(&clear()), 0).is_empty());
    assert_eq!(
        run.check(Some(&partial()), 1),
        [format!("incident_started:{PARTIAL_ID}")]
    );
    let n = &run.shown[0];
    assert_eq!(n.kind, "incident_started");
    assert_eq!(n.level, Level::PartialOutage);
    assert_eq!(
        n.url,
        format!("https://status.openai.com/incidents/{PARTIAL_ID}")
    );
    // Polls with nothing new notify nothing.
    for _ in 0..5 {
        assert!(run.check(Some(&partial()), 1).is_empty());
    }
    let mut worse = partial();
    worse.incidents[0].level = Level::MajorOutage;
    assert_eq!(
        run.check(Some(&worse), 1),
        [format!("incident_worsened:{PARTIAL_ID}:major_outage")]
    );
    // Improvements are quiet by default…
    assert!(run.check(Some(&partial()), 1).is_empty());
    // …and the same worse state again is not news.
    assert!(run.check(Some(&worse), 1).is_empty());
    assert_eq!(
        run.check(Some(&clear()), 1),
        [format!("incident_resolved:{PARTIAL_ID}")]
    );
    assert_eq!(run.shown.last().map(|n| n.level), Some(Level::Operational));
    // The same incident "starting" again (e.g. after a compat interlude) is not repeated.
    assert!(run.check(Some(&partial()), 1).is_empty());
    assert_eq!(
        notify::click_url(&run.state, &format!("incident_started:{PARTIAL_ID}")),
        format!("https://status.openai.com/incidents/{PARTIAL_ID}")
    );
    assert_eq!(
        notify::click_url(&run.state, "nope"),
        "https://status.openai.com/"
    );
}

#[test]
fn unwatched_and_disabled_kinds_stay_quiet() {
    let mut run = Run::new(Settings::default());
    run.check(Some(&clear()), 0);
    assert!(run.check(Some(&native("api-only-incident")), 1).is_empty());
    let mut all = Settings::default();
    all.notify.only_watched = false;
    let mut run = Run::new(all);
    run.check(Some(&clear()), 0);
    assert_eq!(run.check(Some(&native("api-only-incident")), 1).len(), 1);

    let mut off = Settings::default();
    off.notify.enabled = false;
    let mut run = Run::new(off);
    run.check(Some(&clear()), 0);
    assert!(run.check(Some(&partial()), 1).is_empty());
    let no_start = Settings {
        notify: NotifySettings {
            started: false,
            ..NotifySettings::default()
        },
        ..Settings::default()
    };
    let mut run = Run::new(no_start);
    run.check(Some(&clear()), 0);
    assert!(run.check(Some(&partial()), 1).is_empty());
    // Nobody was told it started, so nobody is told it ended.
    assert!(run.check(Some(&clear()), 1).is_empty());
}

#[test]
fn status_page_trouble_is_quiet_unless_asked_for() {
    let mut run = Run::new(Settings::default());
    run.check(Some(&clear()), 0);
    assert!(run.check(None, 1).is_empty());
    assert!(run.check(Some(&clear()), 1).is_empty());
    let mut data = Settings::default();
    data.notify.data = true;
    let mut run = Run::new(data);
    run.check(Some(&clear()), 0);
    let stale = run.check(None, 1);
    assert_eq!(stale.len(), 1);
    assert!(stale[0].starts_with("data_stale:"));
    assert!(run.check(None, 1).is_empty());
    let back = run.check(Some(&clear()), 1);
    assert_eq!(back.len(), 1);
    assert!(back[0].starts_with("data_recovered:"));
}

fn night() -> Settings {
    Settings {
        quiet_hours: Some(QuietHours {
            start_min: 22 * 60,
            end_min: 7 * 60,
        }),
        ..Settings::default()
    }
}

#[test]
fn quiet_hours_hold_back_and_tell_only_what_is_still_true() {
    // now() is 12:00 UTC; at UTC+11 that is 23:00, inside 22:00–07:00.
    let mut run = Run::new(night());
    run.offset = 11 * 60;
    run.check(Some(&clear()), 0);
    assert!(run.check(Some(&partial()), 1).is_empty());
    assert_eq!(run.state.held.len(), 1);
    let mut worse = partial();
    worse.incidents[0].level = Level::MajorOutage;
    assert!(run.check(Some(&worse), 30).is_empty());
    assert_eq!(run.state.held.len(), 2);
    // 07:01: one notification, the latest state of the incident.
    let shown = run.check(Some(&worse), 8 * 60 - 31 + 1);
    assert_eq!(
        shown,
        [format!("incident_worsened:{PARTIAL_ID}:major_outage")]
    );
    assert!(run.state.held.is_empty());
    assert!(run.check(Some(&worse), 1).is_empty());

    // An incident that came and went in the night stays silent.
    let mut run = Run::new(night());
    run.offset = 11 * 60;
    run.check(Some(&clear()), 0);
    assert!(run.check(Some(&partial()), 1).is_empty());
    assert!(run.check(Some(&clear()), 60).is_empty());
    assert!(run.check(Some(&clear()), 8 * 60).is_empty());
    assert!(run.shown.is_empty());

    // Told before the night, resolved during it: the resolution waits for the morning.
    let mut run = Run::new(night());
    run.offset = 9 * 60; // 21:00
    run.check(Some(&clear()), 0);
    assert_eq!(run.check(Some(&partial()), 1).len(), 1);
    assert!(run.check(Some(&clear()), 120).is_empty()); // 23:01
    let morning = run.check(Some(&clear()), 8 * 60); // 07:01
    assert_eq!(morning, [format!("incident_resolved:{PARTIAL_ID}")]);
}

#[test]
fn notify_me_fires_once_when_the_service_is_back() {
    let mut run = Run::new(Settings::default());
    run.check(Some(&clear()), 0);
    let v_clear = run.verdict.clone().unwrap();
    assert_eq!(
        notify::request_back(
            NotifyState::default(),
            "ChatGPT",
            &v_clear,
            &run.settings,
            run.t
        ),
        Err(BackRefusal::Operational)
    );
    run.check(Some(&partial()), 1);
    let v = run.verdict.clone().unwrap();
    assert_eq!(
        notify::request_back(NotifyState::default(), "Nope", &v, &run.settings, run.t),
        Err(BackRefusal::Unknown)
    );
    // Only the first 200 characters of a request count: a long name is cut (at a
    // character, never inside one) and matched like any other.
    let long = ["ChatGPT", &" ".repeat(193), &"é".repeat(300)].concat();
    assert!(notify::request_back(NotifyState::default(), &long, &v, &run.settings, run.t).is_ok());
    let past = ["é".repeat(200), "ChatGPT".into()].concat();
    assert_eq!(
        notify::request_back(NotifyState::default(), &past, &v, &run.settings, run.t),
        Err(BackRefusal::Unknown)
    );
    // By group name (any case), by group id, or by component id: one request per service.
    let s = notify::request_back(
        std::mem::take(&mut run.state),
        "chatgpt",
        &v,
        &run.settings,
        run.t,
    )
    .unwrap();
    let group_id = s.back[0].service.clone();
    let s = notify::request_back(s, &group_id, &v, &run.settings, run.t).unwrap();
    assert_eq!(s.back.len(), 1);
    let s = notify::request_back(s, CONVERSATIONS, &v, &run.settings, run.t).unwrap();
    assert_eq!(s.back.len(), 2);
    run.state = s;

    // Still broken, or only stale data: nothing.
    assert!(run.check(Some(&partial()), 1).is_empty());
    assert!(run.check(None, 1).is_empty());
    assert_eq!(run.state.back.len(), 2);
    // Back: one notice per request, then they are gone.
    let shown = run.check(Some(&clear()), 1);
    let backs: Vec<_> = shown.iter().filter(|id| id.starts_with("back:")).collect();
    assert_eq!(backs.len(), 2, "{shown:?}");
    assert!(run.state.back.is_empty());
    assert!(run
        .shown
        .iter()
        .any(|n| n.kind == "back" && n.name == "ChatGPT"));
    assert!(run
        .shown
        .iter()
        .any(|n| n.kind == "back" && n.name == "Conversations"));
    assert!(run.check(Some(&partial()), 1).is_empty() || run.state.back.is_empty());
    assert!(run
        .check(Some(&clear()), 1)
        .iter()
        .all(|id| !id.starts_with("back:")));
}

#[test]
fn notify_me_waits_for_quiet_hours_and_expires() {
    let mut run = Run::new(night());
    run.offset = 9 * 60; // 21:00
    run.check(Some(&partial()), 0);
    let v = run.verdict.clone().unwrap();
    run.state = notify::request_back(
        std::mem::take(&mut run.state),
        "ChatGPT",
        &v,
        &run.settings,
        run.t,
    )
    .unwrap();
    assert!(run.check(Some(&clear()), 90).is_empty()); // 22:30
    assert_eq!(run.state.back.len(), 1);
    let morning = run.check(Some(&clear()), 9 * 60); // 07:30
    assert!(
        morning.iter().any(|id| id.starts_with("back:")),
        "{morning:?}"
    );

    let mut run = Run::new(Settings::default());
    run.check(Some(&partial()), 0);
    let v = run.verdict.clone().unwrap();
    run.state = notify::request_back(
        std::mem::take(&mut run.state),
        "ChatGPT",
        &v,
        &run.settings,
        run.t,
    )
    .unwrap();
    run.check(Some(&partial()), notify::BACK_REQUEST_MAX_AGE_MS / MIN + 1);
    assert!(run.state.back.is_empty());
    assert!(run
        .check(Some(&clear()), 1)
        .iter()
        .all(|id| !id.starts_with("back:")));
}

#[test]
fn state_stays_small_and_urls_stay_on_the_status_page() {
    let mut state = NotifyState::default();
    let mut settings = Settings::default();
    settings.notify.only_watched = false;
    let mut prev: Option<Verdict> = None;
    let base = partial();
    for i in 0..(notify::NOTIFIED_MAX as i64 + 50) {
        let mut snap = base.clone();
        snap.incidents[0].id = format!("inc{i}");
        let t = now() + i * MIN;
        let v = decide(Some(&snap), &fresh_at(t), &settings, t);
        let ev = events(prev.as_ref(), &v, t);
        state = notify::plan(state, &ev, &v, &settings, t, 0);
        prev = Some(v);
    }
    assert!(state.notified.len() <= notify::NOTIFIED_MAX);
    assert!(state.outbox.len() <= notify::OUTBOX_MAX);
    let t = now() + notify::NOTIFIED_KEEP_MS * 2;
    let v = prev.unwrap();
    state = notify::plan(state, &[], &v, &settings, t, 0);
    assert!(state.notified.is_empty());

    let mut hostile = partial();
    hostile.incidents[0].id = "x/../../evil.example".into();
    let v = decide(Some(&hostile), &fresh_at(now()), &settings, now());
    let ev = events(None, &v, now());
    let s = notify::plan(NotifyState::default(), &ev, &v, &settings, now(), 0);
    assert!(!s.outbox.is_empty());
    for n in &s.outbox {
        assert!(n.url.starts_with("https://status.openai.com/"), "{}", n.url);
    }
    // A damaged stored state loads, its damaged members at their defaults and a damaged
    // list item left out, instead of failing.
    let s: NotifyState = outage_radar::background::migrate::lenient(&serde_json::json!({
        "notified": [{"key": 1, "at": 5}, {"key": "incident_started:x", "at": 6}],
        "back": null,
    }));
    assert_eq!(s.notified.len(), 1);
    assert_eq!(
        (s.notified[0].key.as_str(), s.notified[0].at),
        ("incident_started:x", 6)
    );
    assert!(s.back.is_empty() && s.held.is_empty() && s.outbox.is_empty());
}

#[test]
fn notify_me_is_shown_as_pending_until_it_is_cancelled_or_expires() {
    let mut run = Run::new(Settings::default());
    run.check(Some(&partial()), 0);
    let v = run.verdict.clone().unwrap();
    let s =
        notify::request_back(NotifyState::default(), "ChatGPT", &v, &run.settings, run.t).unwrap();
    let s = notify::request_back(s, CONVERSATIONS, &v, &run.settings, run.t).unwrap();
    let pending = notify::pending_back(&s, run.t + MIN);
    assert_eq!(pending.len(), 2);
    assert_eq!(pending[0].name, "ChatGPT");
    // A week on, the request has lapsed: the popup must not promise it any more.
    assert!(notify::pending_back(&s, run.t + notify::BACK_REQUEST_MAX_AGE_MS).is_empty());
    // Cancelling one leaves the other.
    let group_id = pending[0].service.clone();
    let s = notify::cancel_back(s, &group_id);
    let left = notify::pending_back(&s, run.t + MIN);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].service, CONVERSATIONS);
    // Once cancelled, ChatGPT coming back notifies only for what is still asked for.
    run.state = s;
    let shown = run.check(Some(&clear()), 1);
    assert_eq!(
        shown.iter().filter(|id| id.starts_with("back:")).count(),
        1,
        "{shown:?}"
    );
}

//! The status page failing during an outage (big outages are exactly when it struggles):
//! check sequences through the background's step machine. An outage is confirmed, then
//! status.openai.com fails in each way; the banner stays with the last known problem,
//! marked as such, until the data is too old to stand; it never becomes an all-clear
//! (no "resolved" note, no "resolved" notification), and the popup's guide names the
//! failure right and keeps the outage's steps first.

mod common;

use common::*;
use outage_radar::background::check::{Answer, Check, Checked};
use outage_radar::background::notify;
use outage_radar::background::record::Stored;
use outage_radar::decide::verdict::{Failure, Situation, Step, BANNER_MAX_AGE_MS};
use outage_radar::{Endpoint, Event, FetchError, FreshnessState, Level, Settings};

const MIN: i64 = 60_000;

fn http(status: u16) -> FetchError {
    FetchError::Http {
        status,
        retry_after_secs: None,
    }
}

/// One check at `now` against `serve` (every endpoint answers the same), after `stored`.
fn check(
    stored: Stored,
    now: i64,
    serve: &dyn Fn(Endpoint) -> Result<Answer, FetchError>,
) -> Checked {
    let mut run = Check::new(stored, Settings::default(), now);
    let mut asked = 0;
    while let Some(request) = run.next_request() {
        asked += 1;
        assert!(asked < 10, "a check ends");
        run.feed(serve(request.endpoint));
    }
    run.finish(0)
}

fn stored(c: &Checked) -> Stored {
    Stored {
        snapshot: c.snapshot.clone(),
        fetch: c.fetch.clone(),
        decision: Some(c.decision.clone()),
        dismissals: c.dismissals.clone(),
        history: c.history.clone().unwrap_or_default(),
        signals: Default::default(),
        notify: c.notify.clone(),
    }
}

fn outage(endpoint: Endpoint) -> Result<Answer, FetchError> {
    match endpoint {
        Endpoint::NativeSummary => Ok(Answer::Body {
            bytes: fixture("native/chatgpt-partial-outage.json").into_bytes(),
            etag: None,
            last_modified: None,
        }),
        _ => Err(http(404)),
    }
}

/// An outage confirmed at `now() - 10 min`, then `failures` checks a minute apart failing
/// with `err`; every check's result, the confirming one first.
fn sequence(err: &FetchError, failures: i64) -> Vec<Checked> {
    let t0 = now() - 10 * MIN;
    let mut out = vec![check(Stored::default(), t0, &outage)];
    for n in 1..=failures {
        let fail = |_: Endpoint| Err(err.clone());
        let prev = stored(out.last().unwrap());
        out.push(check(prev, t0 + n * MIN, &fail));
    }
    out
}

const FAILURES: [(&str, Failure); 5] = [
    ("503", Failure::HttpError),
    ("timeout", Failure::Timeout),
    ("429", Failure::RateLimited),
    ("offline", Failure::Offline),
    ("captive portal", Failure::Unreadable),
];

fn error(label: &str) -> FetchError {
    match label {
        "503" => http(503),
        "timeout" => FetchError::Timeout,
        "429" => FetchError::Http {
            status: 429,
            retry_after_secs: None,
        },
        "offline" => FetchError::Offline,
        "captive portal" => FetchError::NotJson {
            content_type: "text/html".into(),
        },
        _ => unreachable!(),
    }
}

#[test]
fn the_last_known_outage_stays_marked_whatever_the_failure() {
    for (label, failure) in FAILURES {
        let runs = sequence(&error(label), 5);
        let confirmed = &runs[0].verdict;
        assert!(confirmed.banner.show, "{label}: the outage is confirmed");
        assert_eq!(
            confirmed.banner.last_known_at, None,
            "fresh data is not 'last known'"
        );
        let data_at = confirmed.data_at;
        for (n, c) in runs.iter().enumerate().skip(1) {
            let v = &c.verdict;
            let at = format!("{label} #{n}");
            assert_ne!(v.freshness.state, FreshnessState::Fresh, "{at}");
            assert_eq!(
                v.freshness.failure,
                Some(failure),
                "{at}: the failure is named"
            );
            assert!(v.banner.show, "{at}: the banner stays");
            assert_eq!(v.banner.level, Level::PartialOutage, "{at}");
            assert_eq!(
                v.banner.last_known_at, data_at,
                "{at}: marked as last known, with its time"
            );
            assert_eq!(v.banner.failure, Some(failure), "{at}: and why");
            assert_eq!(v.banner.resolved_until, None, "{at}: no 'resolved' note");
            assert_eq!(
                v.badge.text, "!",
                "{at}: the badge keeps the last known problem"
            );
            // The guide: still the outage's, confirming first (the data is old), and
            // "notify me when it's back" kept.
            let g = &v.guidance;
            assert_eq!(g.situation, Situation::Problem, "{at}");
            assert!(g.stale, "{at}");
            assert_eq!(
                g.steps[0],
                Step::Confirm,
                "{at}: confirm first, not 'check your connection'"
            );
            assert!(g.steps.contains(&Step::Wait), "{at}");
            assert!(g.notify_service.is_some(), "{at}: notify me kept");
            // No event says it is over.
            let events = outage_radar::events(Some(&runs[n - 1].verdict), v, v.checked_at);
            assert!(
                !events
                    .iter()
                    .any(|e| matches!(e, Event::IncidentResolved { .. })),
                "{at}: {events:?}"
            );
        }
        // "Notify me when it's back" is accepted on the last known data.
        let last = runs.last().unwrap();
        let service = last.verdict.guidance.notify_service.clone().unwrap();
        assert!(
            notify::request_back(
                last.notify.clone(),
                &service,
                &last.verdict,
                &Settings::default(),
                now()
            )
            .is_ok(),
            "{label}: notify me accepted"
        );
    }
}

#[test]
fn past_the_age_limit_no_banner_and_never_an_all_clear() {
    for (label, failure) in FAILURES {
        let err = error(label);
        let runs = sequence(&err, 2);
        // Long after: the data is older than the limit.
        let late = now() - 10 * MIN + BANNER_MAX_AGE_MS + MIN;
        let fail = |_: Endpoint| Err(err.clone());
        let c = check(stored(runs.last().unwrap()), late, &fail);
        let v = &c.verdict;
        assert!(!v.banner.show, "{label}: too old to stand");
        assert!(
            v.pages
                .iter()
                .all(|p| !p.banner.show && p.banner.resolved_until.is_none()),
            "{label}: no 'resolved' note either"
        );
        assert_eq!(v.badge.text, "?", "{label}: never all clear");
        assert_eq!(v.freshness.failure, Some(failure));
        assert_eq!(v.guidance.situation, Situation::NoData, "{label}");
        let events = outage_radar::events(Some(&runs.last().unwrap().verdict), v, v.checked_at);
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, Event::IncidentResolved { .. })),
            "{label}: {events:?}"
        );
        // The guide's first step: only no connection at all points at the user's network.
        let first = v.guidance.steps[0];
        if failure == Failure::Offline {
            assert_eq!(first, Step::SelfCheck, "{label}");
            assert_eq!(
                v.guidance.cause,
                Some(outage_radar::decide::verdict::Cause::Network)
            );
        } else {
            assert_eq!(first, Step::Confirm, "{label}: not 'check your connection'");
            assert_eq!(v.guidance.cause, None, "{label}: no network cause");
        }
    }
}

#[test]
fn the_age_limit_is_exact() {
    let runs = sequence(&http(503), 1);
    let data_at = runs[0].verdict.data_at.unwrap();
    let fail = |_: Endpoint| Err(http(503));
    let at_limit = check(stored(&runs[1]), data_at + BANNER_MAX_AGE_MS, &fail);
    assert!(at_limit.verdict.banner.show);
    let past = check(stored(&runs[1]), data_at + BANNER_MAX_AGE_MS + 1000, &fail);
    assert!(!past.verdict.banner.show);
}

#[test]
fn an_all_clear_last_known_is_not_shown_as_all_clear() {
    let all_clear = |e: Endpoint| match e {
        Endpoint::NativeSummary => Ok(Answer::Body {
            bytes: fixture("native/all-operational.json").into_bytes(),
            etag: None,
            last_modified: None,
        }),
        _ => Err(http(404)),
    };
    let first = check(Stored::default(), now() - 5 * MIN, &all_clear);
    assert_eq!(first.verdict.badge.text, "");
    let fail = |_: Endpoint| Err(http(503));
    let mut c = first;
    for n in 1..=4 {
        c = check(stored(&c), now() - 5 * MIN + n * MIN, &fail);
        assert_eq!(c.verdict.badge.text, "?", "#{n}");
        assert!(!c.verdict.banner.show);
    }
}

#[test]
fn failures_are_named_by_what_they_say() {
    assert_eq!(Failure::of(&FetchError::Offline), Failure::Offline);
    assert_eq!(Failure::of(&FetchError::Timeout), Failure::Timeout);
    assert_eq!(Failure::of(&http(429)), Failure::RateLimited);
    assert_eq!(Failure::of(&http(503)), Failure::HttpError);
    assert_eq!(Failure::of(&http(404)), Failure::HttpError);
    assert_eq!(Failure::of(&FetchError::Blocked), Failure::NotReadableHere);
    assert_eq!(
        Failure::of(&FetchError::TooLarge { limit: 1 }),
        Failure::Unreadable
    );
    // A bare failed request: offline only when the browser says so, on a page fetching
    // across origins (the web page); a timeout is a timeout everywhere.
    assert_eq!(
        FetchError::of_request("TypeError", true, true),
        FetchError::Blocked
    );
    assert_eq!(
        FetchError::of_request("TypeError", false, true),
        FetchError::Offline
    );
    assert_eq!(
        FetchError::of_request("TypeError", true, false),
        FetchError::Offline
    );
    assert_eq!(
        FetchError::of_request("TimeoutError", true, true),
        FetchError::Timeout
    );
    assert_eq!(
        FetchError::of_request("AbortError", false, false),
        FetchError::Timeout
    );
}

#[test]
fn the_web_page_blocked_is_not_the_users_connection() {
    let runs = sequence(&FetchError::Blocked, 5);
    let v = &runs.last().unwrap().verdict;
    assert_eq!(v.freshness.failure, Some(Failure::NotReadableHere));
    assert!(v.banner.show);
    assert_eq!(v.guidance.steps[0], Step::Confirm);
    assert_eq!(v.guidance.cause, None);
}

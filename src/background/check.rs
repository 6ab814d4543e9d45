//! One check, as a step machine: which request to make next and what each answer changes,
//! then the decision. The facade's async `check` is a loop around one HTTP GET:
//!
//! ```text
//! let mut run = Check::new(stored, settings, now);
//! while let Some(request) = run.next_request() { run.feed(get(&request).await); }
//! run.finish(utc_offset_min)
//! ```
//!
//! Why a machine: the order of requests (the native summary; when it fails in a way worth
//! it, the compat trio; the history a few times a day) and how each answer is recorded are
//! decisions, so they live here, tested natively, and the async code in the wasm stays one
//! small function that only does the I/O.
//!
//! The steps:
//! 1. The native summary, with the stored validators, unless the server's Retry-After is in
//!    force (then nothing is asked and the check decides from what is stored). A 304 or the
//!    same bytes as last time keep the snapshot; new bytes are parsed.
//! 2. When the native summary fails (an error answer, a body that doesn't read) and the
//!    failure is [worth a fallback](FetchError::worth_a_fallback): the compat summary and
//!    components; if either answered, the compat status, and a compat snapshot (borrowing
//!    group membership from the last native one). No fallback after "offline" (the others
//!    would fail the same way) or when the server asked us to wait.
//! 3. The page's history (`component_impacts`), when due ([`history::history_due`]: a few
//!    times a day, and when an incident starts or ends) and only while the host answers: a
//!    failing host gets no extra requests. A failed answer keeps the last good history,
//!    marked stale.
//!
//! Then [`Check::finish`] decides, and makes the history view (the watched groups' bars
//! with what is happening now on today's): it goes back to the shell only when it changed.

use serde::Serialize;

use crate::background::notify::{self, NotifyState};
use crate::background::record::{Decision, Stored};
use crate::background::schedule::{self, Context};
use crate::decide::history::{self, History, HistoryView};
use crate::decide::transitions;
use crate::decide::verdict::Verdict;
use crate::model::settings::Settings;
use crate::model::snapshot::SourceKind;
use crate::source::{self, Endpoint, FetchError};

/// One GET to make. Conditional headers only for the native summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub endpoint: Endpoint,
    /// Query parameters (`start_at`, `end_at`), unencoded.
    pub query: Vec<(&'static str, String)>,
    /// `If-None-Match`.
    pub etag: Option<String>,
    /// `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Request {
    /// The URL asked, its query unencoded (for reading; the fetcher encodes it).
    pub fn url(&self) -> String {
        let mut url = self.endpoint.url().to_owned();
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
        }
        url
    }
}

/// What a GET brought back. The fetcher checks status, type and declared size before
/// reading the body ([`source::check_response_at`]) and reads within the endpoint's cap;
/// every failure is a [`FetchError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 304 to a conditional request: the stored snapshot is current.
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// What one check hands back to the shell: the record to store (with the verdict, for the
/// shell only), the notification state it leads to, and the idle pace.
#[derive(Debug, Default, Serialize)]
pub struct Checked {
    pub snapshot: Option<crate::model::snapshot::Snapshot>,
    pub fetch: crate::source::state::FetchState,
    pub verdict: Verdict,
    pub decision: Decision,
    pub dismissals: crate::decide::dismissals::Dismissals,
    /// The new notification state (its `outbox` is what to show).
    pub notify: NotifyState,
    pub next_check_secs: u32,
    /// Present when it changed (asked for, or its view changed): store it then.
    pub history: Option<History>,
    /// Present when it changed since the last one handed out: store it then.
    pub history_view: Option<HistoryView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Native,
    CompatSummary,
    CompatComponents,
    CompatStatus,
    History,
    Done,
}

/// A check under way (see the module doc).
pub struct Check {
    stored: Stored,
    settings: Settings,
    now: i64,
    /// The stored verdict, decided from the record as it was before this check.
    prev: Option<Verdict>,
    step: Step,
    /// Why the native summary failed, while the compat endpoints are asked.
    native_err: Option<FetchError>,
    compat_summary: Option<String>,
    compat_components: Option<String>,
    history_asked: bool,
}

impl Check {
    pub fn new(stored: Stored, settings: Settings, now: i64) -> Check {
        let prev = stored.verdict(&settings, now);
        Check {
            stored,
            settings,
            now,
            prev,
            step: Step::Native,
            native_err: None,
            compat_summary: None,
            compat_components: None,
            history_asked: false,
        }
    }

    /// The next request to make, or `None` when the check is ready to [`finish`](Self::finish).
    pub fn next_request(&mut self) -> Option<Request> {
        let fetch = &self.stored.fetch;
        let plain = |endpoint| Request {
            endpoint,
            query: Vec::new(),
            etag: None,
            last_modified: None,
        };
        if self.step == Step::Native && !fetch.may_fetch(self.now) {
            // The server's Retry-After is in force: ask nothing, decide from what we have.
            self.step = Step::History;
        }
        if self.step == Step::History {
            // The ongoing incidents as the native summary tells them (the compat one may
            // leave incidents out: it would look like a change).
            let open = if fetch.source_used == Some(SourceKind::Native) {
                history::open_incidents(self.stored.snapshot.as_ref())
            } else {
                self.stored.history.open.clone()
            };
            if fetch.consecutive_failures != 0
                || !history::history_due(&self.stored.history, &open, self.now)
            {
                self.step = Step::Done;
            } else if !self.history_asked {
                self.history_asked = true;
                self.stored.history.asked_at = Some(self.now);
                self.stored.history.open = open;
            }
        }
        Some(match self.step {
            Step::Native => Request {
                endpoint: Endpoint::NativeSummary,
                query: Vec::new(),
                etag: fetch.etag.clone(),
                last_modified: fetch.last_modified.clone(),
            },
            Step::CompatSummary => plain(Endpoint::CompatSummary),
            Step::CompatComponents => plain(Endpoint::CompatComponents),
            Step::CompatStatus => plain(Endpoint::CompatStatus),
            Step::History => Request {
                query: source::impacts_query(self.now),
                ..plain(Endpoint::ComponentImpacts)
            },
            Step::Done => return None,
        })
    }

    /// The answer to the request [`next_request`](Self::next_request) gave.
    pub fn feed(&mut self, answer: Result<Answer, FetchError>) {
        let now = self.now;
        let fetch = &mut self.stored.fetch;
        match self.step {
            Step::Native => {
                self.step = Step::History;
                let (bytes, etag, last_modified) = match answer {
                    Ok(Answer::NotModified) => return fetch.record_not_modified(now),
                    Ok(Answer::Body {
                        bytes,
                        etag,
                        last_modified,
                    }) => (bytes, etag, last_modified),
                    Err(err) => return self.fall_back(err),
                };
                let hash = source::body_hash(&bytes);
                if fetch.is_unchanged(&hash) && self.stored.snapshot.is_some() {
                    // Same bytes as last time: nothing to parse.
                    return fetch.record_success(now, etag, last_modified, Some(hash));
                }
                match source::parse_native_summary_bytes(&bytes) {
                    Ok(fresh) => {
                        self.stored.snapshot = Some(fresh);
                        fetch.record_success(now, etag, last_modified, Some(hash));
                        fetch.source_used = Some(SourceKind::Native);
                    }
                    Err(err) => self.fall_back(err),
                }
            }
            Step::CompatSummary => {
                self.compat_summary = body(answer);
                self.step = Step::CompatComponents;
            }
            Step::CompatComponents => {
                self.compat_components = body(answer);
                self.step = Step::CompatStatus;
                if self.compat_summary.is_none() && self.compat_components.is_none() {
                    self.give_up();
                }
            }
            Step::CompatStatus => {
                self.step = Step::History;
                let status = body(answer);
                match source::parse_compat(
                    self.compat_summary.as_deref(),
                    self.compat_components.as_deref(),
                    status.as_deref(),
                    self.stored.snapshot.as_ref(),
                ) {
                    Ok(compat) => {
                        self.stored.snapshot = Some(compat);
                        // No validators: the next check must ask the native summary afresh.
                        fetch.record_success(now, None, None, None);
                        fetch.source_used = Some(SourceKind::Compat);
                    }
                    Err(_) => self.give_up(),
                }
            }
            Step::History => {
                self.step = Step::Done;
                let impacts = match answer {
                    Ok(Answer::Body { bytes, .. }) => {
                        source::parse_component_impacts_bytes(&bytes).ok()
                    }
                    _ => None,
                };
                self.stored.history.record(impacts, now);
            }
            Step::Done => {}
        }
    }

    /// The native summary failed with `err`: the compat endpoints next, if worth it.
    fn fall_back(&mut self, err: FetchError) {
        let worth = err.worth_a_fallback();
        self.native_err = Some(err);
        if worth {
            self.step = Step::CompatSummary;
        } else {
            self.give_up();
        }
    }

    /// No data this time: the native summary's failure is what counts.
    fn give_up(&mut self) {
        let err = self.native_err.take().unwrap_or(FetchError::Offline);
        self.stored.fetch.record_failure(self.now, err);
        self.step = Step::History;
    }

    /// Decides, follows up on the stored verdict (dismissals, resolved notes, transitions)
    /// and plans the notifications, and makes the history view (`utc_offset_min`: the
    /// local clock's offset from UTC, for quiet hours and the history's local days).
    pub fn finish(self, utc_offset_min: i32) -> Checked {
        let Check {
            mut stored,
            settings,
            now,
            prev,
            history_asked,
            ..
        } = self;
        let verdict = stored.follow(prev.as_ref(), &settings, now);
        let view = history::view(
            &stored.history,
            stored.snapshot.as_ref(),
            &settings.watched_groups,
            now,
            utc_offset_min,
        );
        let hash = history::fingerprint(&view);
        let view_changed = hash != stored.history.view_hash;
        if view_changed {
            stored.history.view_hash = hash;
        }
        let events = transitions::events(prev.as_ref(), &verdict, now);
        let notify = notify::plan(
            stored.notify,
            &events,
            &verdict,
            &settings,
            now,
            utc_offset_min,
        );
        // Without the shell's context (open tabs, seed) this is the idle/incident pace; the
        // background asks `poll_plan` for the real alarm time.
        let next_check_secs = schedule::next_check(
            Some(&verdict),
            &stored.fetch,
            &settings,
            &Context::default(),
            now,
        )
        .delay_secs;
        Checked {
            snapshot: stored.snapshot,
            fetch: stored.fetch,
            decision: Decision::of(&verdict),
            verdict,
            dismissals: stored.dismissals,
            notify,
            next_check_secs,
            history: (history_asked || view_changed).then_some(stored.history),
            history_view: view_changed.then_some(view),
        }
    }
}

/// The body of an answer to a plain request, if there is one.
fn body(answer: Result<Answer, FetchError>) -> Option<String> {
    match answer {
        // Kept: the fetched bytes become the string, checked in place rather than copied.
        Ok(Answer::Body { bytes, .. }) => String::from_utf8(bytes).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::state::FetchState;

    const NOW: i64 = 1_790_000_000_000;
    const OUTAGE: &str = include_str!("../../tests/fixtures/native/chatgpt-partial-outage.json");
    const CLEAR: &str = include_str!("../../tests/fixtures/native/all-operational.json");
    const HISTORY: &str = include_str!("../../tests/fixtures/history/component_impacts-90d.json");
    const COMPAT_SUMMARY: &str =
        include_str!("../../tests/fixtures/compat/summary-with-incident.json");
    const COMPAT_COMPONENTS: &str =
        include_str!("../../tests/fixtures/compat/components-chatgpt-partial.json");
    const COMPAT_STATUS: &str = include_str!("../../tests/fixtures/compat/status-major.json");

    fn body(text: &str, etag: Option<&str>) -> Result<Answer, FetchError> {
        Ok(Answer::Body {
            bytes: text.as_bytes().to_vec(),
            etag: etag.map(str::to_owned),
            last_modified: None,
        })
    }

    fn http(status: u16) -> Result<Answer, FetchError> {
        Err(FetchError::Http {
            status,
            retry_after_secs: None,
        })
    }

    /// Runs a check against `serve` (endpoint → answer) and returns what it asked, in order.
    fn run(
        stored: Stored,
        now: i64,
        mut serve: impl FnMut(&Request) -> Result<Answer, FetchError>,
    ) -> (Vec<Request>, Checked) {
        let mut check = Check::new(stored, Settings::default(), now);
        let mut asked = Vec::new();
        while let Some(request) = check.next_request() {
            assert!(asked.len() < 10, "a check ends");
            let answer = serve(&request);
            asked.push(request);
            check.feed(answer);
        }
        (asked, check.finish(0))
    }

    fn endpoints(asked: &[Request]) -> Vec<Endpoint> {
        asked.iter().map(|r| r.endpoint).collect()
    }

    /// What the shell stores of a check (the verdict aside, which the core never reads).
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

    /// [`stored`] after `prev`: the history is handed back only when it changed, so the
    /// shell keeps the one it has otherwise.
    fn carry(prev: &Stored, c: &Checked) -> Stored {
        Stored {
            history: c.history.clone().unwrap_or_else(|| prev.history.clone()),
            ..stored(c)
        }
    }

    fn native(text: &'static str) -> impl FnMut(&Request) -> Result<Answer, FetchError> {
        move |r| match r.endpoint {
            Endpoint::NativeSummary => body(text, Some("\"v1\"")),
            Endpoint::ComponentImpacts => body(HISTORY, None),
            _ => http(500),
        }
    }

    fn started(c: &Checked) -> usize {
        c.notify
            .outbox
            .iter()
            .filter(|n| n.kind == "incident_started")
            .count()
    }

    #[test]
    fn a_first_check_asks_the_summary_then_the_history() {
        let (asked, c) = run(Stored::default(), NOW, native(OUTAGE));
        assert_eq!(
            endpoints(&asked),
            [Endpoint::NativeSummary, Endpoint::ComponentImpacts]
        );
        assert_eq!((&asked[0].etag, &asked[0].last_modified), (&None, &None));
        assert!(c.verdict.banner.show);
        assert_eq!(c.fetch.source_used, Some(SourceKind::Native));
        assert_eq!(c.fetch.etag.as_deref(), Some("\"v1\""));
        assert!(
            asked[1].url().contains("?start_at=2026-06-"),
            "{}",
            asked[1].url()
        );
        let history = c.history.as_ref().expect("asked: the history comes along");
        assert_eq!(
            (history.asked_at, history.fetched_at),
            (Some(NOW), Some(NOW))
        );
        assert!(!history.impacts.spans.is_empty(), "the history is kept");
        let view = c.history_view.as_ref().expect("a first view");
        assert!(!view.stale);
        assert_eq!(view.groups[0].name, "ChatGPT");
        assert_eq!(c.decision.at, NOW);
        assert!(started(&c) >= 1, "the outage is announced");
    }

    #[test]
    fn the_next_check_sends_validators_and_compares_with_the_stored_verdict() {
        let (_, first) = run(Stored::default(), NOW, native(OUTAGE));
        // 304: the snapshot stays, nothing new to announce, no history (not due).
        let (asked, second) = run(stored(&first), NOW + 60_000, |_| Ok(Answer::NotModified));
        assert_eq!(endpoints(&asked), [Endpoint::NativeSummary]);
        assert_eq!(asked[0].etag.as_deref(), Some("\"v1\""));
        assert_eq!(second.snapshot, first.snapshot);
        assert_eq!(second.fetch.last_success_at, Some(NOW + 60_000));
        assert_eq!(second.notify.outbox, first.notify.outbox, "nothing new");
        assert!(
            second.history.is_none() && second.history_view.is_none(),
            "unchanged"
        );
        // The same bytes: not parsed again, still current.
        let (_, third) = run(stored(&second), NOW + 120_000, native(OUTAGE));
        assert_eq!(third.snapshot, first.snapshot);
        assert_eq!(third.fetch.last_success_at, Some(NOW + 120_000));
        // Cleared: the incident resolves, with a resolved note on the page.
        let (_, clear) = run(stored(&third), NOW + 180_000, native(CLEAR));
        assert!(!clear.verdict.banner.show);
        assert!(clear.verdict.banner.resolved_until.is_some());
        assert!(clear
            .notify
            .outbox
            .iter()
            .any(|n| n.kind == "incident_resolved"));
    }

    #[test]
    fn a_failing_summary_falls_back_to_the_compat_endpoints() {
        let (asked, c) = run(Stored::default(), NOW, |r| match r.endpoint {
            Endpoint::NativeSummary => http(503),
            Endpoint::CompatSummary => body(COMPAT_SUMMARY, None),
            Endpoint::CompatComponents => body(COMPAT_COMPONENTS, None),
            Endpoint::CompatStatus => body(COMPAT_STATUS, None),
            Endpoint::ComponentImpacts => body(HISTORY, None),
            Endpoint::NativeIncidents => panic!("not asked by a check"),
        });
        assert_eq!(
            endpoints(&asked),
            [
                Endpoint::NativeSummary,
                Endpoint::CompatSummary,
                Endpoint::CompatComponents,
                Endpoint::CompatStatus,
                Endpoint::ComponentImpacts
            ]
        );
        assert_eq!(c.fetch.source_used, Some(SourceKind::Compat));
        assert_eq!(c.fetch.consecutive_failures, 0);
        assert_eq!(c.fetch.etag, None, "no validators from the fallback");
        assert_eq!(c.snapshot.map(|s| s.source), Some(SourceKind::Compat));
    }

    #[test]
    fn an_unreadable_summary_falls_back_too() {
        for bad in [b"<html>".to_vec(), vec![0xff, 0xfe, b'{']] {
            let (asked, c) = run(Stored::default(), NOW, |r| match r.endpoint {
                Endpoint::NativeSummary => Ok(Answer::Body {
                    bytes: bad.clone(),
                    etag: None,
                    last_modified: None,
                }),
                _ => http(500),
            });
            assert_eq!(
                endpoints(&asked),
                [
                    Endpoint::NativeSummary,
                    Endpoint::CompatSummary,
                    Endpoint::CompatComponents
                ],
                "no status request when neither compat answer came"
            );
            assert_eq!(c.fetch.consecutive_failures, 1);
            assert!(
                matches!(
                    c.fetch.last_error,
                    Some(FetchError::Shape { .. } | FetchError::NotJson { .. })
                ),
                "the native failure is what counts: {:?}",
                c.fetch.last_error
            );
        }
    }

    #[test]
    fn no_fallback_when_offline_or_asked_to_wait_and_no_history_while_failing() {
        let refusals = [
            FetchError::Offline,
            FetchError::Http {
                status: 429,
                retry_after_secs: None,
            },
            FetchError::Http {
                status: 503,
                retry_after_secs: Some(120),
            },
        ];
        for err in refusals {
            let (asked, c) = run(Stored::default(), NOW, |_| Err(err.clone()));
            assert_eq!(endpoints(&asked), [Endpoint::NativeSummary], "{err:?}");
            assert_eq!(c.fetch.last_error, Some(err));
            assert_eq!(c.history.and_then(|h| h.asked_at), None);
            assert!(!c.verdict.banner.show);
        }
    }

    #[test]
    fn a_compat_failure_keeps_the_native_error_and_the_last_snapshot() {
        let (_, first) = run(Stored::default(), NOW, native(OUTAGE));
        let (asked, c) = run(stored(&first), NOW + 60_000, |r| match r.endpoint {
            Endpoint::NativeSummary => http(502),
            Endpoint::CompatSummary => body("{\"not\": \"a summary\"}", None),
            _ => http(500),
        });
        assert_eq!(
            asked.len(),
            4,
            "summary, compat summary, components, status"
        );
        assert_eq!(c.fetch.last_error, http(502).err());
        assert_eq!(c.snapshot, first.snapshot, "last known data kept");
        assert!(c.verdict.banner.show, "still shown while stale");
    }

    #[test]
    fn while_retry_after_is_in_force_nothing_is_asked() {
        let (_, first) = run(Stored::default(), NOW, native(OUTAGE));
        let mut s = stored(&first);
        s.fetch = FetchState {
            retry_after_until: Some(NOW + 600_000),
            consecutive_failures: 1,
            ..s.fetch
        };
        s.history.asked_at = None;
        let (asked, c) = run(s.clone(), NOW + 60_000, |_| panic!("no request"));
        assert!(asked.is_empty());
        assert_eq!(c.snapshot, first.snapshot);
        // Once it has passed, the summary is asked again.
        let (asked, _) = run(s, NOW + 600_000, native(OUTAGE));
        assert_eq!(asked[0].endpoint, Endpoint::NativeSummary);
    }

    #[test]
    fn a_failed_history_costs_nothing_but_waits_its_turn() {
        let (asked, c) = run(Stored::default(), NOW, |r| match r.endpoint {
            Endpoint::NativeSummary => body(OUTAGE, None),
            _ => Err(FetchError::Timeout),
        });
        assert_eq!(asked.len(), 2);
        let history = c.history.expect("asked");
        assert_eq!(history.asked_at, Some(NOW), "not asked again at once");
        assert!(history.impacts.spans.is_empty());
        assert!(history.failed);
        assert!(c.history_view.expect("a first view").stale);
        assert!(c.verdict.banner.show);
    }

    #[test]
    fn events_follow_the_recorded_decision() {
        // Stored by the previous version: only the decision of its verdict is kept.
        let (_, first) = run(Stored::default(), NOW, native(OUTAGE));
        let mut s = stored(&first);
        s.notify = Default::default();
        let (_, again) = run(s.clone(), NOW + 60_000, native(OUTAGE));
        assert_eq!(started(&again), 0, "no incident starts twice");
        // Without a decision, the next check is a first one.
        s.decision = None;
        let (_, fresh) = run(s, NOW + 60_000, native(OUTAGE));
        assert!(started(&fresh) >= 1);
    }

    #[test]
    fn the_history_is_asked_again_when_an_incident_starts_or_ends_and_a_failure_keeps_it() {
        let hour = 3_600_000;
        let (_, clear) = run(Stored::default(), NOW, native(CLEAR));
        assert!(clear.history.as_ref().unwrap().open.is_empty());
        // An hour later an incident has started: asked again, though not due by the clock.
        let (asked, outage) = run(stored(&clear), NOW + hour, native(OUTAGE));
        assert_eq!(
            endpoints(&asked),
            [Endpoint::NativeSummary, Endpoint::ComponentImpacts]
        );
        let h = outage.history.as_ref().expect("asked");
        assert_eq!(h.open, ["01K5PART1A10UTAGE000000001"]);
        // Still going on: not asked again.
        let (asked, same) = run(stored(&outage), NOW + 2 * hour, native(OUTAGE));
        assert_eq!(endpoints(&asked), [Endpoint::NativeSummary]);
        let same = carry(&stored(&outage), &same);
        // It ends, and the history fails this time: the last good one is kept, stale.
        let (asked, ended) = run(same, NOW + 3 * hour, |r| match r.endpoint {
            Endpoint::NativeSummary => body(CLEAR, Some("\"v2\"")),
            _ => http(502),
        });
        assert_eq!(asked.len(), 2);
        let h = ended.history.as_ref().expect("asked");
        assert_eq!(h.fetched_at, Some(NOW + hour), "the last good history");
        assert!(h.failed && !h.impacts.spans.is_empty());
        let view = ended.history_view.expect("now stale: changed");
        assert!(view.stale);
        assert_eq!(view.fetched_at, Some(NOW + hour));
        assert!(!view.groups.is_empty() && !view.recent_incidents.is_empty());
    }

    #[test]
    fn the_view_comes_back_when_what_it_shows_changes() {
        let (_, first) = run(Stored::default(), NOW, native(CLEAR));
        assert!(first.history_view.is_some());
        // A minute later nothing it shows changed (its `as_of` aside).
        let (_, again) = run(stored(&first), NOW + 60_000, native(CLEAR));
        assert!(again.history_view.is_none() && again.history.is_none());
        // The outage shows on today's bar at once, with the history not asked again
        // (the incident started less than the gap after the last request).
        let again = carry(&stored(&first), &again);
        let (asked, outage) = run(again, NOW + 120_000, native(OUTAGE));
        assert_eq!(endpoints(&asked), [Endpoint::NativeSummary]);
        let view = outage.history_view.expect("changed");
        let today = view.groups[0].days.last().unwrap();
        assert_eq!(today.level, crate::Level::PartialOutage);
        assert_eq!(today.affected, ["Conversations"]);
        assert!(
            outage.history.is_some(),
            "the new fingerprint is stored with it"
        );
    }
}

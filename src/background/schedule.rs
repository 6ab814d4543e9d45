//! When to look at the status page next, and whether to look now.
//!
//! Pure functions of (verdict, fetch record, settings, [`Context`], now), so the whole
//! polling policy is tested without a browser; the shell only turns the answers into an
//! alarm and a go/no-go. Why these numbers: users want to hear of an outage within about a
//! minute while they are on ChatGPT, but with many installs a minute-by-minute poll is real
//! load on status.openai.com, which asks readers to cache and says it will reach out about
//! heavy traffic: at a million installs one check a minute is about 17,000 requests a
//! second, and an incident is exactly when every install would start doing it at once. So
//! the minute is kept for the one who is looking, and the rest hear of a change within two
//! minutes. See BENCHMARKS.md ("Background traffic").
//!
//! - **Chat open** ([`ACTIVE_SECS`], 60 s): a chatgpt.com tab reported itself visible
//!   within [`CHAT_TAB_WINDOW_MS`], whatever the status page says.
//! - **Incident** ([`INCIDENT_SECS`], 2 min): no visible chatgpt.com tab, and a watched
//!   incident / problem is on the badge (the badge and a notification still follow it
//!   closely; the first visible tab brings the next check forward to the minute).
//! - **Idle**: `settings.check_every_minutes`, clamped to 5–10 minutes.
//! - **Failures** double the interval per consecutive failure up to [`MAX_BACKOFF_SECS`],
//!   with "equal jitter" (half fixed, half random), so that a million installs which all
//!   saw the page fail do not come back in lockstep when it recovers.
//! - **Retry-After** is a floor (plus a little jitter), up to
//!   [`crate::source::MAX_RETRY_AFTER_SECS`].
//! - Successful polls get a small jitter too (never later than the bound: up to 10 %
//!   *earlier*), so the "within a minute" promise holds exactly.
//! - Jitter is deterministic: a per-install seed (stored by the shell) hashed with the
//!   last attempt time. Same inputs, same answer — testable, and it survives a restart.

use serde::{Deserialize, Serialize};

use crate::decide::verdict::Verdict;
use crate::model::settings::Settings;
use crate::source::state::FetchState;
use crate::source::MAX_RETRY_AFTER_SECS;

/// While a ChatGPT tab is visible, check about once a minute.
pub const ACTIVE_SECS: u32 = 60;
/// During an incident with no visible ChatGPT tab, check about every 2 minutes.
pub const INCIDENT_SECS: u32 = 120;
/// Bounds for the idle interval (`settings.check_every_minutes`).
pub const IDLE_MIN_MINUTES: u32 = 5;
pub const IDLE_MAX_MINUTES: u32 = 10;
/// Failures back off up to this long.
pub const MAX_BACKOFF_SECS: u32 = 30 * 60;
/// Chrome fires alarms at most every 30 s in a packed extension: never plan closer.
pub const MIN_DELAY_SECS: u32 = 30;
/// A chatgpt.com tab counts as open this long after it last said so. Its content script
/// says so on load, when it becomes visible and every minute while visible.
pub const CHAT_TAB_WINDOW_MS: i64 = 150_000;
/// A check marked in flight longer than this is presumed dead (its worker was stopped):
/// up to four requests of 10 s each, plus margin.
pub const INFLIGHT_TIMEOUT_MS: i64 = 60_000;
/// A manual refresh never fetches sooner than this after the previous attempt; earlier
/// clicks wait for the gap and share one fetch.
pub const MANUAL_GAP_MS: i64 = 5_000;

/// What the shell knows besides the stored verdict and fetch record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    /// Last time a chatgpt.com content script said its tab is visible.
    pub chat_seen_at: Option<i64>,
    /// A check started at this time and has not finished (persisted, so a restarted
    /// worker does not start a second fetch next to a live one).
    pub inflight_since: Option<i64>,
    /// Per-install random number, stored once, so installs do not poll in lockstep.
    pub seed: u32,
    /// The user asked (refresh button, settings change).
    pub manual: bool,
    /// When the pending alarm fires, if one is set.
    pub alarm_at: Option<i64>,
}

/// Why the interval is what it is (for the shell's logs and the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// A watched incident or a problem on the badge, and no visible chatgpt.com tab.
    Incident,
    /// A chatgpt.com tab is visible (incident or not).
    ChatOpen,
    Idle,
}

/// When to check next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Next {
    /// Absolute time (ms) for the alarm; never earlier than `now + 1 s`.
    pub at: i64,
    /// Delay from the last attempt (or now), jitter and backoff included.
    pub delay_secs: u32,
    /// The interval before backoff and jitter: the promised bound when all goes well.
    pub base_secs: u32,
    pub pace: Pace,
}

/// May a check start now?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gate {
    Start,
    /// Another check is in flight (possibly in a worker that was stopped) until `until`.
    Busy {
        until: i64,
    },
    /// A manual refresh came too soon after the last attempt: start after `ms`.
    Wait {
        ms: i64,
    },
}

/// Is a chatgpt.com tab open, as far as its content script told us?
pub fn chat_open(ctx: &Context, now: i64) -> bool {
    // A clock that went backwards still counts a recent report as recent.
    ctx.chat_seen_at
        .is_some_and(|t| now.saturating_sub(t).abs() <= CHAT_TAB_WINDOW_MS)
}

/// Something users care about is going on: a watched incident, or a problem on the badge.
pub fn incident_ongoing(verdict: &Verdict) -> bool {
    verdict.freshness.state.usable()
        && (verdict.incidents.iter().any(|i| i.watched) || verdict.badge.level.is_problem())
}

/// The interval when all goes well, and why.
pub fn pace(
    verdict: Option<&Verdict>,
    settings: &Settings,
    ctx: &Context,
    now: i64,
) -> (u32, Pace) {
    if chat_open(ctx, now) {
        (ACTIVE_SECS, Pace::ChatOpen)
    } else if verdict.is_some_and(incident_ongoing) {
        (INCIDENT_SECS, Pace::Incident)
    } else {
        let minutes = settings
            .check_every_minutes
            .clamp(IDLE_MIN_MINUTES, IDLE_MAX_MINUTES);
        (minutes * 60, Pace::Idle)
    }
}

/// A number in [0, 1) from the seed and a salt (splitmix64).
fn unit(seed: u32, salt: i64) -> f64 {
    let mut z = (u64::from(seed) << 32 ^ salt as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// When to check next. `verdict` is the latest (if any), `fetch` its fetch record.
pub fn next_check(
    verdict: Option<&Verdict>,
    fetch: &FetchState,
    settings: &Settings,
    ctx: &Context,
    now: i64,
) -> Next {
    let (base, pace) = pace(verdict, settings, ctx, now);
    let salt = fetch.last_attempt_at.unwrap_or(now);
    let r = unit(ctx.seed, salt);
    let delay = if fetch.consecutive_failures == 0 {
        // Up to 10 % early, never late.
        base - (f64::from(base) * 0.1 * r) as u32
    } else {
        let shift = fetch.consecutive_failures.saturating_sub(1).min(16);
        let full = base.saturating_mul(1u32 << shift).min(MAX_BACKOFF_SECS);
        full / 2 + (f64::from(full / 2) * r) as u32
    };
    let retry_after = fetch
        .retry_after_until
        .map(|until| until.saturating_sub(now).max(0) / 1000)
        .map(|secs| secs.min(MAX_RETRY_AFTER_SECS as i64) as u32)
        .filter(|secs| *secs > 0)
        .map(|secs| secs + (f64::from(secs.min(600)) * 0.1 * r) as u32)
        .unwrap_or(0);
    let delay = delay.max(retry_after).max(MIN_DELAY_SECS);
    // Counted from the last attempt, so a tab opening makes a pending check come sooner.
    let from = fetch.last_attempt_at.unwrap_or(now).min(now);
    let at = from
        .saturating_add(i64::from(delay) * 1000)
        .max(now.saturating_add(1000));
    Next {
        at,
        delay_secs: delay,
        base_secs: base,
        pace,
    }
}

/// [`next_check`]'s delay with default settings and no context (kept for callers that
/// have nothing else at hand).
pub fn next_check_secs(verdict: &Verdict, fetch: &FetchState, now: i64) -> u32 {
    next_check(
        Some(verdict),
        fetch,
        &Settings::default(),
        &Context::default(),
        now,
    )
    .delay_secs
}

/// Should an existing alarm at `existing` be replaced by one at `planned`? Only when
/// there is none, or it would come later than planned (a tab opened, an incident began),
/// so repeated pings never push a check further away.
pub fn should_reschedule(existing: Option<i64>, planned: i64) -> bool {
    existing.is_none_or(|at| at > planned)
}

/// May a check start now? Never two at once (the in-flight marker is honoured until it
/// times out); a manual refresh waits for [`MANUAL_GAP_MS`] after the last attempt.
pub fn gate(fetch: &FetchState, ctx: &Context, now: i64) -> Gate {
    if let Some(since) = ctx.inflight_since {
        let until = since.saturating_add(INFLIGHT_TIMEOUT_MS);
        // A marker from the future (clock went back) is honoured no longer than a timeout.
        if now < until && since <= now.saturating_add(INFLIGHT_TIMEOUT_MS) {
            return Gate::Busy { until };
        }
    }
    if ctx.manual {
        if let Some(last) = fetch.last_attempt_at.filter(|last| *last <= now) {
            let ready = last.saturating_add(MANUAL_GAP_MS);
            if now < ready {
                return Gate::Wait { ms: ready - now };
            }
        }
    }
    Gate::Start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::verdict::{Badge, FreshnessState, IncidentView};
    use crate::model::level::Level;
    use crate::source::FetchError;

    const NOW: i64 = 1_790_000_000_000;

    fn calm() -> Verdict {
        let mut v = Verdict::default();
        v.freshness.state = FreshnessState::Fresh;
        v.badge = Badge {
            level: Level::Operational,
            text: String::new(),
            color: String::new(),
        };
        v
    }

    fn troubled() -> Verdict {
        let mut v = calm();
        v.incidents.push(IncidentView {
            id: "i".into(),
            watched: true,
            level: Level::PartialOutage,
            ..IncidentView::default()
        });
        v.badge.level = Level::PartialOutage;
        v
    }

    fn fetched(at: i64) -> FetchState {
        let mut f = FetchState::default();
        f.record_success(at, None, None, None);
        f
    }

    fn ctx(seed: u32) -> Context {
        Context {
            seed,
            ..Context::default()
        }
    }

    #[test]
    fn idle_is_five_minutes_by_default_and_clamped() {
        let s = Settings::default();
        for seed in 0..200 {
            let n = next_check(Some(&calm()), &fetched(NOW), &s, &ctx(seed), NOW);
            assert_eq!(n.pace, Pace::Idle);
            assert_eq!(n.base_secs, 300);
            assert!((270..=300).contains(&n.delay_secs), "{}", n.delay_secs);
            assert_eq!(n.at, NOW + i64::from(n.delay_secs) * 1000);
        }
        for (asked, got) in [(0, 300), (1, 300), (7, 420), (10, 600), (1000, 600)] {
            let s = Settings {
                check_every_minutes: asked,
                ..Settings::default()
            };
            assert_eq!(pace(Some(&calm()), &s, &ctx(0), NOW).0, got);
        }
    }

    #[test]
    fn a_minute_while_chatgpt_is_visible_two_during_an_incident_without() {
        let s = Settings::default();
        let open = Context {
            chat_seen_at: Some(NOW - 100_000),
            ..ctx(3)
        };
        let n = next_check(Some(&calm()), &fetched(NOW), &s, &open, NOW);
        assert_eq!((n.pace, n.base_secs), (Pace::ChatOpen, 60));
        assert!((54..=60).contains(&n.delay_secs));
        // The report ages out: back to idle.
        let later = NOW + CHAT_TAB_WINDOW_MS + 100_000 + 1;
        assert_eq!(pace(Some(&calm()), &s, &open, later).1, Pace::Idle);
        // An incident with no visible ChatGPT tab: every 2 minutes, never later.
        let n = next_check(Some(&troubled()), &fetched(NOW), &s, &ctx(3), NOW);
        assert_eq!((n.pace, n.base_secs), (Pace::Incident, 120));
        assert!((108..=120).contains(&n.delay_secs), "{}", n.delay_secs);
        // The same incident while a ChatGPT tab is visible: the minute.
        let n = next_check(Some(&troubled()), &fetched(NOW), &s, &open, NOW);
        assert_eq!((n.pace, n.base_secs), (Pace::ChatOpen, 60));
        // A tab becoming visible during an incident brings the pending check forward.
        let quiet = next_check(Some(&troubled()), &fetched(NOW), &s, &ctx(3), NOW);
        let seen = Context {
            chat_seen_at: Some(NOW + 10_000),
            ..ctx(3)
        };
        let sooner = next_check(Some(&troubled()), &fetched(NOW), &s, &seen, NOW + 10_000);
        assert!(sooner.at < quiet.at);
        assert!(should_reschedule(Some(quiet.at), sooner.at));
        // An incident nobody watches does not speed anything up.
        let mut api_only = calm();
        api_only.incidents.push(IncidentView {
            watched: false,
            ..IncidentView::default()
        });
        assert_eq!(pace(Some(&api_only), &s, &ctx(0), NOW).1, Pace::Idle);
        // Unusable data is no reason to hurry (failures back off instead).
        let mut stale = troubled();
        stale.freshness.state = FreshnessState::Unreachable;
        assert_eq!(pace(Some(&stale), &s, &ctx(0), NOW).1, Pace::Idle);
    }

    #[test]
    fn a_tab_opening_brings_the_next_check_forward() {
        let s = Settings::default();
        let f = fetched(NOW);
        let idle = next_check(Some(&calm()), &f, &s, &ctx(9), NOW);
        let at = NOW + 200_000;
        let open = Context {
            chat_seen_at: Some(at),
            ..ctx(9)
        };
        let sooner = next_check(Some(&calm()), &f, &s, &open, at);
        // Due 60 s after the last attempt, i.e. already: as soon as possible.
        assert_eq!(sooner.at, at + 1000);
        assert!(should_reschedule(Some(idle.at), sooner.at));
        assert!(!should_reschedule(Some(sooner.at), idle.at));
        assert!(should_reschedule(None, idle.at));
    }

    #[test]
    fn failures_back_off_with_jitter_up_to_the_cap() {
        let s = Settings::default();
        let mut f = fetched(NOW - 1000);
        let mut last_full = 0;
        for n in 1..=12u32 {
            f.record_failure(NOW, FetchError::Timeout);
            let full = (INCIDENT_SECS << (n - 1).min(16)).min(MAX_BACKOFF_SECS);
            let mut seen = std::collections::BTreeSet::new();
            for seed in 0..300 {
                let next = next_check(Some(&troubled()), &f, &s, &ctx(seed), NOW);
                assert!(next.delay_secs >= (full / 2).max(MIN_DELAY_SECS));
                assert!(next.delay_secs <= full);
                seen.insert(next.delay_secs);
            }
            // Jitter really spreads installs.
            assert!(seen.len() > 10, "failure {n}: {seen:?}");
            assert!(full >= last_full);
            last_full = full;
        }
        assert_eq!(last_full, MAX_BACKOFF_SECS);
    }

    #[test]
    fn jitter_is_deterministic_per_seed_and_attempt() {
        let s = Settings::default();
        let f = fetched(NOW);
        let a = next_check(Some(&calm()), &f, &s, &ctx(42), NOW);
        assert_eq!(a, next_check(Some(&calm()), &f, &s, &ctx(42), NOW));
        let others: std::collections::BTreeSet<u32> = (0..50)
            .map(|seed| next_check(Some(&calm()), &f, &s, &ctx(seed), NOW).delay_secs)
            .collect();
        assert!(others.len() > 5);
    }

    #[test]
    fn retry_after_is_a_floor() {
        let s = Settings::default();
        let mut f = fetched(NOW - 1000);
        f.record_failure(
            NOW,
            FetchError::Http {
                status: 429,
                retry_after_secs: Some(900),
            },
        );
        for seed in 0..100 {
            let n = next_check(Some(&troubled()), &f, &s, &ctx(seed), NOW);
            assert!(
                n.delay_secs >= 900 && n.delay_secs <= 960,
                "{}",
                n.delay_secs
            );
        }
        // A hostile value is capped by the parser; the schedule caps it again.
        f.retry_after_until = Some(i64::MAX);
        let n = next_check(Some(&troubled()), &f, &s, &ctx(1), NOW);
        assert!(n.delay_secs <= MAX_RETRY_AFTER_SECS as u32 + 60);
    }

    #[test]
    fn never_two_at_once_and_a_dead_check_times_out() {
        let f = fetched(NOW - 600_000);
        let busy = Context {
            inflight_since: Some(NOW - 10_000),
            ..ctx(0)
        };
        assert_eq!(
            gate(&f, &busy, NOW),
            Gate::Busy {
                until: NOW - 10_000 + INFLIGHT_TIMEOUT_MS
            }
        );
        assert_eq!(gate(&f, &busy, NOW + INFLIGHT_TIMEOUT_MS), Gate::Start);
        let future = Context {
            inflight_since: Some(NOW + 10 * INFLIGHT_TIMEOUT_MS),
            ..ctx(0)
        };
        assert_eq!(gate(&f, &future, NOW), Gate::Start);
        assert_eq!(gate(&f, &ctx(0), NOW), Gate::Start);
    }

    #[test]
    fn manual_refresh_keeps_a_short_gap() {
        let manual = Context {
            manual: true,
            ..ctx(0)
        };
        assert_eq!(
            gate(&fetched(NOW - 2_000), &manual, NOW),
            Gate::Wait { ms: 3_000 }
        );
        assert_eq!(
            gate(&fetched(NOW - MANUAL_GAP_MS), &manual, NOW),
            Gate::Start
        );
        assert_eq!(gate(&FetchState::default(), &manual, NOW), Gate::Start);
        // Alarms are not manual: they never wait.
        assert_eq!(gate(&fetched(NOW - 2_000), &ctx(0), NOW), Gate::Start);
    }

    #[test]
    fn no_verdict_yet_checks_soon_and_never_panics() {
        let s = Settings::default();
        let n = next_check(None, &FetchState::default(), &s, &ctx(0), NOW);
        assert_eq!(n.pace, Pace::Idle);
        let mut f = FetchState {
            consecutive_failures: u32::MAX,
            last_attempt_at: Some(i64::MAX),
            retry_after_until: Some(i64::MIN),
            ..FetchState::default()
        };
        let _ = next_check(None, &f, &s, &ctx(u32::MAX), i64::MIN);
        f.last_attempt_at = Some(i64::MIN);
        let _ = next_check(None, &f, &s, &ctx(u32::MAX), i64::MAX);
    }
}

//! When to look at the status page next.
//!
//! A pure function of the verdict, the fetch record and the clock, so the whole polling
//! policy is tested without a browser. The shell only turns the answer into an alarm.
//! Why these numbers: users want to hear of an outage within about a minute while one is
//! going on, but with many installs an idle minute-by-minute poll is real load on
//! status.openai.com, which asks readers to cache.

use crate::level::Level;
use crate::state::FetchState;
use crate::verdict::Verdict;

/// While something is wrong, check about once a minute.
pub const ACTIVE_SECS: u32 = 60;
/// When all is well, every five minutes is enough.
pub const IDLE_SECS: u32 = 300;
/// Failures back off up to this long.
pub const MAX_BACKOFF_SECS: u32 = 30 * 60;

/// Seconds until the next check.
pub fn next_check_secs(verdict: &Verdict, fetch: &FetchState, now: i64) -> u32 {
    let base = if verdict.overall.severity() > Level::Operational.severity()
        || !verdict.incidents.is_empty()
    {
        ACTIVE_SECS
    } else {
        IDLE_SECS
    };
    let backoff = if fetch.consecutive_failures == 0 {
        base
    } else {
        // 60 s, 120 s, 240 s … doubling per failure, capped.
        let shift = fetch.consecutive_failures.saturating_sub(1).min(16);
        ACTIVE_SECS
            .saturating_mul(1u32 << shift)
            .min(MAX_BACKOFF_SECS)
    };
    let retry_after = fetch
        .retry_after_until
        .map(|until| until.saturating_sub(now).max(0) / 1000)
        .map(|secs| {
            u32::try_from(secs)
                .unwrap_or(u32::MAX)
                .min(MAX_BACKOFF_SECS * 2)
        })
        .unwrap_or(0);
    base.max(backoff).max(retry_after)
}

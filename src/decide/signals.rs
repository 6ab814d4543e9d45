//! "Is it just me?": signs that ChatGPT is failing for this user while the status page
//! says all is well, and what to make of them.
//!
//! The status page often lags real failures by many minutes, and OpenAI itself says
//! availability is reported in aggregate. So the content script *observes* (never wraps,
//! patches or alters anything of the page) a few signs, listed here as data: ChatGPT's own
//! error messages and the browser going offline. Nothing leaves the browser: the signs
//! only make the background look at the status page again sooner and the popup explain
//! the likely causes in order.

use crate::model::snapshot::MINUTE_MS;
use serde::{Deserialize, Serialize};

use crate::decide::verdict::{FreshnessState, JustMe, LikelyCause, Verdict};

/// Where ChatGPT shows errors, as CSS selectors, and the phrases that mark an error
/// (matched case-insensitively in the text of those elements). Kept small and specific:
/// a false sign costs the user a needless worry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalTable {
    /// Only ChatGPT's own pages are watched.
    pub hosts: &'static [&'static str],
    pub selectors: &'static [&'static str],
    pub phrases: &'static [&'static str],
    /// The content script looks at most this often (ms), however busy the page is.
    pub check_every_ms: u32,
}

pub const TABLE: SignalTable = SignalTable {
    hosts: &["chatgpt.com", "chat.openai.com"],
    selectors: &[
        "[role='alert']",
        "[data-testid*='error']",
        ".text-token-text-error",
        "[class*='text-red']",
        "[class*='toast']",
    ],
    phrases: &[
        "something went wrong",
        "there was an error generating a response",
        "error in message stream",
        "network error",
        "an error occurred",
        "unable to load conversation",
        "too many requests",
        "is at capacity",
        "request timed out",
        "hmm...something seems to have gone wrong",
    ],
    check_every_ms: 2_000,
};

/// What the content scripts reported, stored by the background.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Signals {
    pub error_ui_at: Option<i64>,
    pub offline_at: Option<i64>,
    pub online_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    ErrorUi,
    Offline,
    Online,
}

/// Signs older than this say nothing about now.
pub const SIGNAL_TTL_MS: i64 = 10 * MINUTE_MS;

impl Signals {
    pub fn record(&mut self, kind: SignalKind, now: i64) {
        match kind {
            SignalKind::ErrorUi => self.error_ui_at = Some(now),
            SignalKind::Offline => self.offline_at = Some(now),
            SignalKind::Online => self.online_at = Some(now),
        }
    }

    fn recent(at: Option<i64>, now: i64) -> Option<i64> {
        at.filter(|t| *t <= now && now - t < SIGNAL_TTL_MS)
    }

    /// Offline now: went offline and has not come back since.
    fn offline(&self, now: i64) -> bool {
        Self::recent(self.offline_at, now).is_some()
            && self.online_at.is_none_or(|on| Some(on) < self.offline_at)
    }
}

/// The "is it just me?" answer for the popup, or `None` when there are no recent signs,
/// or when OpenAI already reports a ChatGPT problem (then it isn't just you).
pub fn just_me(verdict: &Verdict, signals: &Signals, now: i64) -> Option<JustMe> {
    let offline = signals.offline(now);
    let error_ui = Signals::recent(signals.error_ui_at, now);
    if !offline && error_ui.is_none() {
        return None;
    }
    let reported = verdict.freshness.state.usable() && verdict.banner.show;
    if reported && !offline {
        return None;
    }
    let causes = if offline {
        vec![
            LikelyCause::YourNetwork,
            LikelyCause::NotYetReported,
            LikelyCause::AccountOrBrowser,
        ]
    } else {
        vec![
            LikelyCause::NotYetReported,
            LikelyCause::YourNetwork,
            LikelyCause::AccountOrBrowser,
        ]
    };
    let since = match (error_ui, Signals::recent(signals.offline_at, now)) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => now,
    };
    Some(JustMe {
        since,
        offline,
        causes,
    })
}

/// A new sign should make the background look at the status page again at once (as a
/// manual refresh, so the policy's minimum gap still holds), unless it is offline
/// (nothing to reach) or the page already reports the problem.
pub fn should_recheck(verdict: Option<&Verdict>, kind: SignalKind) -> bool {
    if kind != SignalKind::ErrorUi {
        return kind == SignalKind::Online;
    }
    let Some(v) = verdict else { return true };
    !(v.freshness.state == FreshnessState::Fresh && v.banner.show)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::verdict::{Banner, Freshness};

    const NOW: i64 = 1_790_000_000_000;

    fn verdict(banner: bool, checked_at: i64) -> Verdict {
        Verdict {
            checked_at,
            freshness: Freshness {
                state: FreshnessState::Fresh,
                ..Default::default()
            },
            banner: Banner {
                show: banner,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn no_signs_no_answer() {
        assert_eq!(
            just_me(&verdict(false, NOW), &Signals::default(), NOW),
            None
        );
    }

    #[test]
    fn chatgpt_errors_while_all_clear_point_first_to_an_unreported_problem() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW - 1000);
        let answer = just_me(&verdict(false, NOW), &s, NOW).expect("an answer");
        assert_eq!(answer.causes[0], LikelyCause::NotYetReported);
        assert!(!answer.offline);
        assert_eq!(answer.since, NOW - 1000);
    }

    #[test]
    fn offline_points_first_to_your_network() {
        let mut s = Signals::default();
        s.record(SignalKind::Offline, NOW - 1000);
        let answer = just_me(&verdict(false, NOW), &s, NOW).expect("an answer");
        assert_eq!(answer.causes[0], LikelyCause::YourNetwork);
        s.record(SignalKind::Online, NOW - 500);
        assert_eq!(just_me(&verdict(false, NOW), &s, NOW), None, "back online");
    }

    #[test]
    fn a_reported_problem_is_not_just_you() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW);
        assert_eq!(just_me(&verdict(true, NOW), &s, NOW), None);
    }

    #[test]
    fn old_signs_say_nothing() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW - SIGNAL_TTL_MS);
        assert_eq!(just_me(&verdict(false, NOW), &s, NOW), None);
    }

    #[test]
    fn recheck_on_new_errors_unless_already_reported() {
        assert!(should_recheck(None, SignalKind::ErrorUi));
        assert!(should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::ErrorUi
        ));
        assert!(!should_recheck(
            Some(&verdict(true, NOW)),
            SignalKind::ErrorUi
        ));
        assert!(!should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::Offline
        ));
        assert!(should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::Online
        ));
    }
}

//! What the core keeps in `storage.local`, and the verdict that record stands for.
//!
//! The verdict is stored too, but for the shell only (the popup, the content scripts and
//! the options page read it): the core never reads it back. Whatever needs "the current
//! verdict" (a dismissal, a sign from a tab, "notify me", the polling pace, the previous
//! verdict a check compares with) decides it again from the record, through one function,
//! [`Stored::decide_at`]. Why: a verdict decided from the data can never disagree with
//! it, and a damaged or outdated stored verdict costs nothing.
//!
//! What can't be decided again is kept in [`Decision`]: *when* the stored verdict was
//! decided (it is decided again as of that time, so its freshness, its "maintenance soon"
//! and its badge are the ones it had), and each banner's "resolved" note, which depends on
//! the verdict before it (see `dismissals::follow_up`).

use serde::{Deserialize, Serialize};

use crate::background::notify::NotifyState;
use crate::decide::dismissals::{self, Dismissals};
use crate::decide::history::{self, History};
use crate::decide::signals::{self, Signals};
use crate::decide::verdict::Verdict;
use crate::model::pages::DEFAULT_PAGE_ID;
use crate::model::settings::Settings;
use crate::model::snapshot::Snapshot;
use crate::source::state::FetchState;

/// What the core reads of `storage.local`. Every field is optional so that a missing,
/// older or damaged record starts over instead of failing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Stored {
    pub snapshot: Option<Snapshot>,
    pub fetch: FetchState,
    /// How the stored verdict was decided; `None` before the first check.
    pub decision: Option<Decision>,
    pub dismissals: Dismissals,
    /// The page's history (`component_impacts`, condensed) and when it was asked.
    pub history: History,
    pub signals: Signals,
    pub notify: NotifyState,
}

/// What the stored verdict needs besides the stored data to be decided again.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    /// The `now` it was decided at (its `checked_at`).
    pub at: i64,
    /// The running "resolved" notes, by page id.
    pub resolved: Vec<Resolved>,
}

/// Page `page`'s banner shows the "resolved" note until `until`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Resolved {
    pub page: String,
    pub until: i64,
}

impl Decision {
    /// What to keep of `verdict` (decided at its `checked_at`).
    pub fn of(verdict: &Verdict) -> Decision {
        let resolved = verdict
            .pages
            .iter()
            .filter_map(|p| {
                p.banner.resolved_until.map(|until| Resolved {
                    page: p.id.clone(),
                    until,
                })
            })
            .collect();
        Decision {
            at: verdict.checked_at,
            resolved,
        }
    }
}

impl Stored {
    /// The verdict from this record's data as of `at`, with the dismissals and the given
    /// `resolved` notes applied, the estimates from the history and the "is it just me?"
    /// answer as of `now`. Every verdict the core hands out comes from here.
    pub fn decide_at(
        &self,
        settings: &Settings,
        at: i64,
        now: i64,
        resolved: &[Resolved],
    ) -> Verdict {
        let mut v = crate::decide::decide(self.snapshot.as_ref(), &self.fetch, settings, at);
        dismissals::mark_dismissed(&mut v, &self.dismissals);
        // A note only where one may show under these settings (see `dismissals::may_note`).
        for page in &mut v.pages {
            page.banner.resolved_until = resolved
                .iter()
                .find(|r| r.page == page.id && dismissals::may_note(&page.banner, settings))
                .map(|r| r.until);
        }
        // `banner` is the default page's (as `dismissals::follow_up` keeps it).
        v.banner.resolved_until = v
            .pages
            .iter()
            .find(|p| p.id == DEFAULT_PAGE_ID)
            .and_then(|p| p.banner.resolved_until);
        history::annotate(&mut v, &self.history.impacts, at);
        v.just_me = signals::just_me(&v, &self.signals, now);
        v
    }

    /// The stored verdict (as the last check or change decided it), its "is it just me?"
    /// answer as of `now`; `None` before the first check.
    pub fn verdict(&self, settings: &Settings, now: i64) -> Option<Verdict> {
        let d = self.decision.as_ref()?;
        Some(self.decide_at(settings, d.at, now, &d.resolved))
    }

    /// The verdict as of `now` that follows the stored one: dismissals of what is over
    /// forgotten (in this record, which is to be stored with the verdict: updated in
    /// place rather than copied), "resolved" notes started or carried over.
    /// `prev` is the stored verdict ([`Stored::verdict`]), decided by the caller because a
    /// check decides it from the record as it was before its fetches.
    pub fn follow(&mut self, prev: Option<&Verdict>, settings: &Settings, now: i64) -> Verdict {
        let mut next = self.decide_at(settings, now, now, &[]);
        dismissals::follow_up(prev, &mut next, &mut self.dismissals, settings, now);
        next
    }

    /// Decides again after the settings changed from `old_settings` to `settings`, without
    /// any request: the new verdict and its [`Decision`] (the dismissals are not changed).
    /// The data is the same, so a banner the change hides just goes: no "resolved" note
    /// starts (a running one stays, unless the banner was switched off).
    pub fn redecide(
        &mut self,
        settings: &Settings,
        old_settings: &Settings,
        now: i64,
    ) -> (Verdict, Decision) {
        let prev = self.verdict(old_settings, now);
        let verdict = self.follow(prev.as_ref(), settings, now);
        let decision = Decision::of(&verdict);
        (verdict, decision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_native_summary;

    const NOW: i64 = 1_790_000_000_000;
    const OUTAGE: &str = include_str!("../../tests/fixtures/native/chatgpt-partial-outage.json");
    const CLEAR: &str = include_str!("../../tests/fixtures/native/all-operational.json");

    fn stored(body: &str, at: i64) -> Stored {
        let mut fetch = FetchState::default();
        fetch.record_success(at, None, None, None);
        Stored {
            snapshot: Some(parse_native_summary(body).unwrap()),
            fetch,
            ..Default::default()
        }
    }

    #[test]
    fn no_decision_no_verdict() {
        assert_eq!(stored(OUTAGE, NOW).verdict(&Settings::default(), NOW), None);
    }

    #[test]
    fn the_stored_verdict_is_decided_as_of_its_time() {
        let settings = Settings::default();
        let mut s = stored(OUTAGE, NOW);
        let first = s.follow(None, &settings, NOW);
        s.decision = Some(Decision::of(&first));
        // An hour later, it is still the verdict decided then (fresh, not stale).
        let again = s.verdict(&settings, NOW + 3_600_000).unwrap();
        assert_eq!(again, first);
    }

    #[test]
    fn resolved_notes_and_dismissals_are_applied() {
        let settings = Settings::default();
        let mut s = stored(OUTAGE, NOW);
        let outage = s.follow(None, &settings, NOW);
        assert!(outage.banner.show);
        s.decision = Some(Decision::of(&outage));
        dismissals::dismiss(&mut s.dismissals, &outage, "chatgpt", NOW);
        let dismissed = s.verdict(&settings, NOW).unwrap();
        assert!(dismissed.banner.dismissed, "the stored dismissals apply");

        // The outage clears while the banner is not dismissed: a resolved note, kept.
        let mut s = stored(OUTAGE, NOW);
        s.decision = Some(Decision::of(&outage));
        let prev = s.verdict(&settings, NOW).unwrap();
        let mut after = stored(CLEAR, NOW + 60_000);
        after.decision = s.decision.clone();
        let clear = after.follow(Some(&prev), &settings, NOW + 60_000);
        let until = clear.banner.resolved_until.expect("a resolved note");
        let decision = Decision::of(&clear);
        assert!(decision
            .resolved
            .iter()
            .any(|r| r.page == "chatgpt" && r.until == until));
        after.decision = Some(decision);
        let stored_again = after.verdict(&settings, NOW + 70_000).unwrap();
        assert_eq!(stored_again.banner.resolved_until, Some(until));
        assert_eq!(stored_again, clear);
    }

    #[test]
    fn redecide_follows_up_from_the_verdict_under_the_old_settings() {
        let mut s = stored(OUTAGE, NOW);
        let old = Settings::default();
        let outage = s.follow(None, &old, NOW);
        assert!(outage.banner.show);
        s.decision = Some(Decision::of(&outage));
        let later = NOW + 1_000;
        let (same, d) = s.redecide(&old, &old, later);
        assert!(same.banner.show);
        assert_eq!(same.banner.resolved_until, None);
        assert_eq!((d.at, same.checked_at), (later, later));
        // A threshold above the outage hides its banner, which just goes: OpenAI still
        // reports the outage, so no "resolved" note (the badge still says "!").
        let strict = Settings {
            banner_min_level: crate::Level::MajorOutage,
            ..Settings::default()
        };
        let (v, d) = s.redecide(&strict, &old, later);
        assert!(!v.banner.show);
        assert_eq!(v.banner.resolved_until, None);
        assert!(v.pages.iter().all(|p| p.banner.resolved_until.is_none()));
        assert!(d.resolved.is_empty());
        assert_eq!(v.badge.text, "!");
        // Nothing decided before: nothing to follow up.
        let (v, d) = stored(OUTAGE, NOW).redecide(&strict, &old, later);
        assert_eq!((v.banner.resolved_until, d.resolved.len()), (None, 0));
    }

    fn off() -> Settings {
        Settings {
            banner_enabled: false,
            ..Settings::default()
        }
    }

    #[test]
    fn switching_the_banner_off_during_an_outage_shows_nothing() {
        let mut s = stored(OUTAGE, NOW);
        let old = Settings::default();
        let outage = s.follow(None, &old, NOW);
        s.decision = Some(Decision::of(&outage));
        let (v, d) = s.redecide(&off(), &old, NOW + 1_000);
        assert!(v.pages.iter().all(|p| !p.banner.show));
        assert!(v.pages.iter().all(|p| p.banner.resolved_until.is_none()));
        assert_eq!(v.banner.resolved_until, None);
        assert!(d.resolved.is_empty());
        assert_eq!(v.badge.text, "!", "the badge still tells");
    }

    #[test]
    fn the_problem_really_ending_leaves_a_note_but_not_with_the_banner_off() {
        let settings = Settings::default();
        let mut s = stored(OUTAGE, NOW);
        let outage = s.follow(None, &settings, NOW);
        s.decision = Some(Decision::of(&outage));
        // A check brings data where it ended: a note.
        let mut after = stored(CLEAR, NOW + 60_000);
        after.decision = s.decision.clone();
        let prev = s.verdict(&settings, NOW + 60_000);
        let clear = after.follow(prev.as_ref(), &settings, NOW + 60_000);
        assert_eq!(
            clear.banner.resolved_until,
            Some(NOW + 60_000 + dismissals::RESOLVED_NOTE_MS)
        );
        // Switched off while it runs: it goes, and the stored one is not applied either.
        after.decision = Some(Decision::of(&clear));
        let (v, d) = after.redecide(&off(), &settings, NOW + 70_000);
        assert_eq!(v.banner.resolved_until, None);
        assert!(d.resolved.is_empty());
        assert_eq!(
            after
                .verdict(&off(), NOW + 70_000)
                .unwrap()
                .banner
                .resolved_until,
            None
        );
        // A higher threshold while it runs keeps it: it is still true.
        after.decision = Some(Decision::of(&clear));
        let strict = Settings {
            banner_min_level: crate::Level::MajorOutage,
            ..Settings::default()
        };
        let (v, _) = after.redecide(&strict, &settings, NOW + 70_000);
        assert_eq!(v.banner.resolved_until, clear.banner.resolved_until);
        // With the banner off when the problem ends: no note either.
        let mut s = stored(OUTAGE, NOW);
        let outage = s.follow(None, &off(), NOW);
        s.decision = Some(Decision::of(&outage));
        let mut after = stored(CLEAR, NOW + 60_000);
        let prev = s.verdict(&off(), NOW + 60_000);
        let clear = after.follow(prev.as_ref(), &off(), NOW + 60_000);
        assert_eq!(clear.banner.resolved_until, None);
    }
}

//! What the user did with banners, and what a banner does after its problem clears.
//!
//! A dismissal is remembered per incident together with the level it had, so the banner
//! stays away until *that* incident gets worse or another one starts — an improving
//! incident, or one of two incidents ending, must not bring it back. Banners without an
//! incident (a component marked degraded with no incident yet, maintenance) are
//! remembered per page and level instead. Dismissals live in extension storage, so
//! they survive reloads and browser restarts, and are dropped once what they name is over.
//!
//! After a page's banner goes away because the problem cleared (with fresh data, not
//! because the status page became unreachable), the page shows a short "resolved" note
//! until [`Banner::resolved_until`]. Only the data can say a problem cleared: a banner
//! that goes because a setting hides it (a higher "show it from" level) just goes, while
//! OpenAI still reports what it showed; with the banner switched off, no note at all.

use serde::{Deserialize, Serialize};
use serde_with::{serde_as, VecSkipError};

use crate::decide::verdict::{Banner, FreshnessState, PageBanner, Verdict};
use crate::model::level::Level;
use crate::model::pages::DEFAULT_PAGE_ID;
use crate::model::settings::Settings;

/// How long the "Resolved — working normally again" note stays.
pub const RESOLVED_NOTE_MS: i64 = 90_000;

/// Dismissals, oldest first.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Dismissals {
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub entries: Vec<Dismissal>,
}

/// "Don't show `key` again unless it is worse than `level`."
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Dismissal {
    /// `incident:<id>`, `maintenance:<id>` or `page:<page id>`.
    pub key: String,
    pub level: Level,
    pub at: i64,
}

/// At most this many are kept: a hostile or buggy feed must not grow storage forever.
const MAX_ENTRIES: usize = 64;

impl Dismissals {
    fn level_of(&self, key: &str) -> Option<Level> {
        self.entries.iter().find(|d| d.key == key).map(|d| d.level)
    }

    fn record(&mut self, key: String, level: Level, now: i64) {
        match self.entries.iter_mut().find(|d| d.key == key) {
            Some(d) => {
                d.level = level;
                d.at = now;
            }
            None => self.entries.push(Dismissal {
                key,
                level,
                at: now,
            }),
        }
        // The oldest (first) entries beyond the last `MAX_ENTRIES` are forgotten.
        let excess = self.entries.len().saturating_sub(MAX_ENTRIES);
        self.entries.drain(..excess);
    }

    /// True when every part of `banner` was dismissed at its present level or worse.
    pub fn covers(&self, page_id: &str, banner: &Banner) -> bool {
        let not_worse = |key: &str, level: Level| {
            self.level_of(key)
                .is_some_and(|d| d.severity() >= level.severity())
        };
        if banner.incidents.is_empty() && banner.maintenance_ids.is_empty() {
            return not_worse(&page_key(page_id), banner.level);
        }
        banner
            .incidents
            .iter()
            .all(|i| not_worse(&incident_key(&i.id), i.level))
            && banner
                .maintenance_ids
                .iter()
                .all(|id| not_worse(&maintenance_key(id), Level::Maintenance))
    }
}

fn incident_key(id: &str) -> String {
    format!("incident:{id}")
}

fn maintenance_key(id: &str) -> String {
    format!("maintenance:{id}")
}

fn page_key(page_id: &str) -> String {
    format!("page:{page_id}")
}

/// The user dismissed the banner of page `page_id`: remember what it showed.
/// An unknown page or a banner that isn't showing records nothing.
pub fn dismiss(dismissals: &mut Dismissals, verdict: &Verdict, page_id: &str, now: i64) {
    let Some(page) = verdict.pages.iter().find(|p| p.id == page_id) else {
        return;
    };
    let banner = &page.banner;
    if !banner.show {
        return;
    }
    if banner.incidents.is_empty() && banner.maintenance_ids.is_empty() {
        dismissals.record(page_key(page_id), banner.level, now);
    }
    for incident in &banner.incidents {
        dismissals.record(incident_key(&incident.id), incident.level, now);
    }
    for id in &banner.maintenance_ids {
        dismissals.record(maintenance_key(id), Level::Maintenance, now);
    }
}

/// The user asked for page `page_id`'s banner back: forgets the dismissals that hide what
/// it shows now, so it shows again (until dismissed again). Nothing else is forgotten.
pub fn undismiss(dismissals: &mut Dismissals, verdict: &Verdict, page_id: &str) {
    let Some(page) = verdict.pages.iter().find(|p| p.id == page_id) else {
        return;
    };
    let banner = &page.banner;
    let mut keys = vec![page_key(page_id)];
    keys.extend(banner.incidents.iter().map(|i| incident_key(&i.id)));
    keys.extend(banner.maintenance_ids.iter().map(|id| maintenance_key(id)));
    dismissals.entries.retain(|d| !keys.contains(&d.key));
}

/// Applies dismissals and resolved notes to a freshly decided verdict (under `settings`),
/// given the verdict before it, and forgets dismissals of what is over.
pub fn follow_up(
    prev: Option<&Verdict>,
    next: &mut Verdict,
    dismissals: &mut Dismissals,
    settings: &Settings,
    now: i64,
) {
    let fresh = next.freshness.state == FreshnessState::Fresh;
    if fresh {
        // Only fresh data may say something is over; a failed fetch proves nothing.
        dismissals.entries.retain(|d| still_relevant(d, next));
    }
    mark_dismissed(next, dismissals);
    let mut notes = Vec::with_capacity(next.pages.len());
    for page in &next.pages {
        let before = prev.and_then(|p| p.pages.iter().find(|b| b.id == page.id));
        let quiet = fresh && may_note(&page.banner, settings);
        notes.push(resolved_until(before, &page.banner, next, quiet, now));
    }
    for (page, until) in next.pages.iter_mut().zip(notes) {
        page.banner.resolved_until = until;
    }
    if let Some(default) = next.pages.iter().find(|p| p.id == DEFAULT_PAGE_ID) {
        next.banner.resolved_until = default.banner.resolved_until;
    }
}

/// Sets every banner's `dismissed` flag from `dismissals`.
pub fn mark_dismissed(verdict: &mut Verdict, dismissals: &Dismissals) {
    for page in &mut verdict.pages {
        page.banner.dismissed = page.banner.show && dismissals.covers(&page.id, &page.banner);
    }
    verdict.banner.dismissed =
        verdict.banner.show && dismissals.covers(DEFAULT_PAGE_ID, &verdict.banner);
}

fn still_relevant(d: &Dismissal, verdict: &Verdict) -> bool {
    if let Some(id) = d.key.strip_prefix("incident:") {
        return verdict.incidents.iter().any(|i| i.id == id);
    }
    if let Some(id) = d.key.strip_prefix("maintenance:") {
        return verdict.maintenances.iter().any(|m| m.id == id);
    }
    if let Some(page) = d.key.strip_prefix("page:") {
        return verdict
            .pages
            .iter()
            .any(|p| p.id == page && p.banner.show && p.banner.incidents.is_empty());
    }
    false
}

/// May the page of `banner` show a "resolved" note at all: the banner is on (in the
/// settings), shows nothing, and the data reports the page working normally (its level,
/// which counts every component and incident of the page whatever the threshold, is
/// operational). A banner hidden by the threshold while its problem goes on leaves the
/// page's level at that problem, so no note says it is over.
pub fn may_note(banner: &Banner, settings: &Settings) -> bool {
    settings.banner_enabled && !banner.show && banner.level == Level::Operational
}

/// Was what `before` showed ended by the data in `next`: none of its incidents still
/// ongoing, none of its maintenances still in progress?
fn ended(before: &Banner, next: &Verdict) -> bool {
    let ongoing = |id: &String| next.incidents.iter().any(|i| i.id == *id);
    let in_progress = |id: &String| {
        next.maintenances
            .iter()
            .any(|m| m.id == *id && m.in_progress)
    };
    !before.incident_ids.iter().any(ongoing) && !before.maintenance_ids.iter().any(in_progress)
}

/// The note's end for a page whose banner is now `now_banner`; `quiet`: fresh data and
/// [`may_note`].
fn resolved_until(
    before: Option<&PageBanner>,
    now_banner: &Banner,
    next: &Verdict,
    quiet: bool,
    now: i64,
) -> Option<i64> {
    if now_banner.show || !quiet {
        return None;
    }
    let before = &before?.banner;
    if before.show && !before.dismissed && ended(before, next) {
        return Some(now.saturating_add(RESOLVED_NOTE_MS));
    }
    // Keep a note that is still running across the checks that follow.
    before.resolved_until.filter(|until| *until > now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::verdict::{BannerIncident, Freshness};

    fn incident(id: &str, level: Level) -> BannerIncident {
        BannerIncident {
            id: id.into(),
            level,
            ..Default::default()
        }
    }

    fn verdict(incidents: Vec<BannerIncident>) -> Verdict {
        let show = !incidents.is_empty();
        let level = incidents
            .iter()
            .map(|i| i.level)
            .max_by_key(|l| l.severity())
            .unwrap_or(Level::Operational);
        let banner = Banner {
            show,
            level,
            incident_ids: incidents.iter().map(|i| i.id.clone()).collect(),
            incidents: incidents.clone(),
            ..Default::default()
        };
        Verdict {
            freshness: Freshness {
                state: FreshnessState::Fresh,
                ..Default::default()
            },
            incidents: incidents
                .iter()
                .map(|i| crate::decide::verdict::IncidentView {
                    id: i.id.clone(),
                    level: i.level,
                    ..Default::default()
                })
                .collect(),
            pages: vec![PageBanner {
                id: "chatgpt".into(),
                banner: banner.clone(),
                ..Default::default()
            }],
            banner,
            ..Default::default()
        }
    }

    fn shown(v: &Verdict) -> bool {
        v.pages[0].banner.show && !v.pages[0].banner.dismissed
    }

    #[test]
    fn show_the_banner_again_forgets_only_what_it_shows() {
        let mut d = Dismissals::default();
        let other = verdict(vec![incident("b", Level::Degraded)]);
        dismiss(&mut d, &other, "chatgpt", 1);
        let mut v = verdict(vec![incident("a", Level::PartialOutage)]);
        dismiss(&mut d, &v, "chatgpt", 2);
        mark_dismissed(&mut v, &d);
        assert!(!shown(&v));
        undismiss(&mut d, &v, "chatgpt");
        mark_dismissed(&mut v, &d);
        assert!(shown(&v), "the banner is back");
        assert_eq!(
            d.level_of("incident:b"),
            Some(Level::Degraded),
            "another incident's dismissal stays"
        );
        // An unknown page forgets nothing.
        dismiss(&mut d, &v, "chatgpt", 3);
        undismiss(&mut d, &v, "nowhere");
        assert_eq!(d.entries.len(), 2);
    }

    #[test]
    fn a_dismissed_incident_stays_hidden_while_it_improves() {
        let mut d = Dismissals::default();
        let first = verdict(vec![incident("a", Level::PartialOutage)]);
        dismiss(&mut d, &first, "chatgpt", 1);
        let mut better = verdict(vec![incident("a", Level::Degraded)]);
        follow_up(Some(&first), &mut better, &mut d, &Settings::default(), 2);
        assert!(!shown(&better));
        assert!(better.banner.dismissed);
    }

    #[test]
    fn it_returns_when_the_incident_worsens() {
        let mut d = Dismissals::default();
        let first = verdict(vec![incident("a", Level::Degraded)]);
        dismiss(&mut d, &first, "chatgpt", 1);
        let mut worse = verdict(vec![incident("a", Level::MajorOutage)]);
        follow_up(Some(&first), &mut worse, &mut d, &Settings::default(), 2);
        assert!(shown(&worse));
    }

    #[test]
    fn it_returns_when_a_new_incident_starts() {
        let mut d = Dismissals::default();
        let first = verdict(vec![incident("a", Level::MajorOutage)]);
        dismiss(&mut d, &first, "chatgpt", 1);
        let mut more = verdict(vec![
            incident("a", Level::MajorOutage),
            incident("b", Level::Degraded),
        ]);
        follow_up(Some(&first), &mut more, &mut d, &Settings::default(), 2);
        assert!(shown(&more));
    }

    #[test]
    fn one_of_two_incidents_ending_keeps_it_hidden() {
        let mut d = Dismissals::default();
        let two = verdict(vec![
            incident("a", Level::MajorOutage),
            incident("b", Level::Degraded),
        ]);
        dismiss(&mut d, &two, "chatgpt", 1);
        let mut one = verdict(vec![incident("a", Level::MajorOutage)]);
        follow_up(Some(&two), &mut one, &mut d, &Settings::default(), 2);
        assert!(!shown(&one));
        assert_eq!(
            d.entries.len(),
            1,
            "the ended incident's dismissal is forgotten"
        );
    }

    #[test]
    fn dismissals_are_kept_while_data_is_not_fresh() {
        let mut d = Dismissals::default();
        let first = verdict(vec![incident("a", Level::MajorOutage)]);
        dismiss(&mut d, &first, "chatgpt", 1);
        let mut failed = verdict(vec![]);
        failed.freshness.state = FreshnessState::Unreachable;
        follow_up(Some(&first), &mut failed, &mut d, &Settings::default(), 2);
        assert_eq!(d.entries.len(), 1);
        assert_eq!(
            failed.pages[0].banner.resolved_until, None,
            "no 'resolved' from a failure"
        );
    }

    #[test]
    fn a_cleared_problem_leaves_a_short_resolved_note() {
        let mut d = Dismissals::default();
        let outage = verdict(vec![incident("a", Level::PartialOutage)]);
        let mut clear = verdict(vec![]);
        follow_up(
            Some(&outage),
            &mut clear,
            &mut d,
            &Settings::default(),
            1_000,
        );
        let until = clear.pages[0].banner.resolved_until;
        assert_eq!(until, Some(1_000 + RESOLVED_NOTE_MS));
        assert_eq!(clear.banner.resolved_until, until);
        // The next check carries the running note, and drops it once it is over.
        let mut again = verdict(vec![]);
        follow_up(
            Some(&clear),
            &mut again,
            &mut d,
            &Settings::default(),
            2_000,
        );
        assert_eq!(again.pages[0].banner.resolved_until, until);
        let mut later = verdict(vec![]);
        follow_up(
            Some(&again),
            &mut later,
            &mut d,
            &Settings::default(),
            1_000 + RESOLVED_NOTE_MS + 1,
        );
        assert_eq!(later.pages[0].banner.resolved_until, None);
    }

    #[test]
    fn a_banner_hidden_by_the_threshold_leaves_no_resolved_note() {
        let mut d = Dismissals::default();
        let outage = verdict(vec![incident("a", Level::PartialOutage)]);
        // The same data under a higher "show it from": hidden, the page still in outage.
        let mut hidden = verdict(vec![incident("a", Level::PartialOutage)]);
        hidden.pages[0].banner.show = false;
        follow_up(
            Some(&outage),
            &mut hidden,
            &mut d,
            &Settings::default(),
            1_000,
        );
        assert_eq!(hidden.pages[0].banner.resolved_until, None);
        assert_eq!(hidden.banner.resolved_until, None);
    }

    #[test]
    fn an_incident_still_open_leaves_no_resolved_note() {
        // Its components are back to operational, but OpenAI has not closed it.
        let mut d = Dismissals::default();
        let outage = verdict(vec![incident("a", Level::PartialOutage)]);
        let mut monitoring = verdict(vec![incident("a", Level::Operational)]);
        monitoring.pages[0].banner.show = false;
        follow_up(
            Some(&outage),
            &mut monitoring,
            &mut d,
            &Settings::default(),
            1_000,
        );
        assert_eq!(monitoring.pages[0].banner.resolved_until, None);
    }

    #[test]
    fn with_the_banner_off_there_is_no_resolved_note() {
        let off = Settings {
            banner_enabled: false,
            ..Settings::default()
        };
        let mut d = Dismissals::default();
        let outage = verdict(vec![incident("a", Level::PartialOutage)]);
        // Even when the problem really ends.
        let mut clear = verdict(vec![]);
        follow_up(Some(&outage), &mut clear, &mut d, &off, 1_000);
        assert_eq!(clear.pages[0].banner.resolved_until, None);
        // And a running note stops when the banner is switched off.
        let mut noted = verdict(vec![]);
        follow_up(
            Some(&outage),
            &mut noted,
            &mut d,
            &Settings::default(),
            1_000,
        );
        assert!(noted.pages[0].banner.resolved_until.is_some());
        let mut after = verdict(vec![]);
        follow_up(Some(&noted), &mut after, &mut d, &off, 2_000);
        assert_eq!(after.pages[0].banner.resolved_until, None);
        assert_eq!(after.banner.resolved_until, None);
    }

    #[test]
    fn a_running_note_stops_when_a_hidden_problem_starts() {
        let mut d = Dismissals::default();
        let outage = verdict(vec![incident("a", Level::PartialOutage)]);
        let mut noted = verdict(vec![]);
        follow_up(
            Some(&outage),
            &mut noted,
            &mut d,
            &Settings::default(),
            1_000,
        );
        assert!(noted.pages[0].banner.resolved_until.is_some());
        // A new, milder incident under the threshold: not "working normally".
        let mut milder = verdict(vec![incident("b", Level::Degraded)]);
        milder.pages[0].banner.show = false;
        follow_up(
            Some(&noted),
            &mut milder,
            &mut d,
            &Settings::default(),
            2_000,
        );
        assert_eq!(milder.pages[0].banner.resolved_until, None);
    }

    #[test]
    fn a_dismissed_banner_leaves_no_resolved_note() {
        let mut d = Dismissals::default();
        let mut outage = verdict(vec![incident("a", Level::PartialOutage)]);
        dismiss(&mut d, &outage, "chatgpt", 1);
        follow_up(None, &mut outage, &mut d, &Settings::default(), 1);
        let mut clear = verdict(vec![]);
        follow_up(Some(&outage), &mut clear, &mut d, &Settings::default(), 2);
        assert_eq!(clear.pages[0].banner.resolved_until, None);
    }

    #[test]
    fn a_banner_without_incidents_is_dismissed_per_page_and_level() {
        let mut d = Dismissals::default();
        let mut v = verdict(vec![]);
        v.pages[0].banner.show = true;
        v.pages[0].banner.level = Level::Degraded;
        dismiss(&mut d, &v, "chatgpt", 1);
        follow_up(None, &mut v, &mut d, &Settings::default(), 2);
        assert!(v.pages[0].banner.dismissed);
        v.pages[0].banner.level = Level::MajorOutage;
        follow_up(None, &mut v, &mut d, &Settings::default(), 3);
        assert!(!v.pages[0].banner.dismissed);
    }

    #[test]
    fn unknown_pages_and_hidden_banners_record_nothing() {
        let mut d = Dismissals::default();
        dismiss(&mut d, &verdict(vec![]), "chatgpt", 1);
        dismiss(
            &mut d,
            &verdict(vec![incident("a", Level::Degraded)]),
            "nope",
            1,
        );
        assert!(d.entries.is_empty());
    }

    #[test]
    fn storage_stays_bounded() {
        let mut d = Dismissals::default();
        for i in 0..200 {
            let v = verdict(vec![incident(&format!("i{i}"), Level::Degraded)]);
            dismiss(&mut d, &v, "chatgpt", i);
        }
        assert_eq!(d.entries.len(), MAX_ENTRIES);
    }
}

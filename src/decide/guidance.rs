//! What the user can do about what is happening now: the popup's "What you can do".
//!
//! The seed of the extension is a guide for people hit by an outage (confirm it, see what
//! others report, try again later, contact support, tell your own trouble from OpenAI's).
//! A fixed list would be wrong half the time: during maintenance the useful fact is when
//! it ends, when OpenAI reports nothing the useful steps are the ones that check your own
//! network, and when the status page itself can't be read, confirming on it comes after
//! checking your connection. So this module picks the steps, their order and the facts
//! they cite from the verdict; the popup only words them (from `_locales`) and draws them.
//!
//! The likely cause is said only when the status page's own state or words support it
//! (maintenance in progress, "high demand", "a recent change", "network"), or when our
//! own requests failed for lack of a network; otherwise nothing is guessed.

use crate::decide::verdict::{
    Cause, Failure, FreshnessState, GroupView, Guidance, IncidentView, MaintenanceView, Situation,
    Step, Verdict,
};
use crate::model::level::Level;
use crate::model::settings::Settings;

/// Names of affected services kept for the support report.
const SERVICES_KEPT: usize = 8;

/// Builds the guide for `verdict` (complete but for its own `guidance`).
pub fn advise(verdict: &Verdict, settings: &Settings) -> Guidance {
    let fresh = &verdict.freshness;
    // The status page failing (as it does in big outages) leaves the last known status
    // standing while it is young enough: the guide is about it, marked stale.
    let last_known = !fresh.state.usable() && fresh.last_known_stands();
    let mut g = Guidance {
        stale: fresh.state == FreshnessState::Stale || last_known,
        ..Guidance::default()
    };
    let watch = Watch::new(verdict, settings);
    let offline = fresh.failure == Some(Failure::Offline);

    if !fresh.state.usable() && !last_known {
        g.situation = Situation::NoData;
        // Only no connection at all points at the user's own network: a timeout, an HTTP
        // error, a rate limit or an unreadable answer are the status page's trouble.
        g.steps = if offline {
            g.cause = Some(Cause::Network);
            vec![Step::SelfCheck, Step::Confirm, Step::Others, Step::Support]
        } else {
            vec![Step::Confirm, Step::Others, Step::SelfCheck, Step::Support]
        };
        g.search = search_for(None);
        return g;
    }

    // The incident the guide is about: the worst one touching what you watch (the first
    // of the worst, in the verdict's order).
    let primary: Option<&IncidentView> =
        verdict
            .incidents
            .iter()
            .filter(|i| i.watched)
            .reduce(|p, i| {
                if i.level.severity() > p.level.severity() {
                    i
                } else {
                    p
                }
            });
    let watched_groups: Vec<&GroupView> = verdict
        .groups
        .iter()
        .filter(|grp| watch.group(grp))
        .collect();
    let mut worst_watched = primary.map(|i| i.level);
    for grp in &watched_groups {
        let level = watch.level_in(grp);
        worst_watched = Some(worst_watched.map_or(level, |w| w.worst(level)));
    }
    // The maintenance in progress on what you watch that ends first (the first of those).
    let mut maintenance: Option<&MaintenanceView> = None;
    for m in &verdict.maintenances {
        let ends = |m: &MaintenanceView| m.ends_at.unwrap_or(i64::MAX);
        if m.in_progress
            && watch.maintenance(verdict, m)
            && maintenance.is_none_or(|first| ends(m) < ends(first))
        {
            maintenance = Some(m);
        }
    }

    if worst_watched.is_some_and(Level::is_problem) {
        g.situation = Situation::Problem;
        g.steps = vec![Step::Confirm, Step::Others, Step::Wait, Step::Support];
        if let Some(i) = primary {
            g.incident_id = Some(i.id.clone());
            g.incident_url = Some(i.url.clone());
            g.cause = cause_in_words(i);
            for name in &i.components {
                add_service(&mut g.services, name);
            }
        }
        if g.services.is_empty() {
            for grp in &watched_groups {
                for c in grp.components.iter().filter(|c| c.level.is_problem()) {
                    add_service(&mut g.services, &c.name);
                }
            }
        }
        // The first of the primary incident's groups, else the first watched group with a
        // problem.
        let mut service = None;
        for name in primary.map_or(&[][..], |i| &i.groups[..]) {
            service = verdict.groups.iter().find(|grp| grp.name == *name);
            if service.is_some() {
                break;
            }
        }
        if service.is_none() {
            service = watched_level(&watched_groups, &watch, Level::is_problem);
        }
        g.set_service(service, settings);
        if let Some(m) = maintenance {
            g.until = m.ends_at.filter(|_| !m.overrun);
            g.cause = g.cause.or(Some(Cause::Maintenance));
        }
    } else if let Some(m) = maintenance {
        g.situation = Situation::Maintenance;
        g.cause = Some(Cause::Maintenance);
        g.steps = vec![Step::Wait, Step::Confirm];
        g.until = m.ends_at.filter(|_| !m.overrun);
        g.incident_id = Some(m.id.clone());
        g.incident_url = Some(m.url.clone());
        for name in &m.components {
            add_service(&mut g.services, name);
        }
        let service = verdict.groups.iter().find(|grp| {
            watch.group(grp)
                && grp
                    .components
                    .iter()
                    .any(|c| m.component_ids.contains(&c.id))
        });
        g.set_service(service, settings);
    } else if worst_watched == Some(Level::Maintenance) {
        // Components under maintenance without a maintenance record we can read.
        g.situation = Situation::Maintenance;
        g.cause = Some(Cause::Maintenance);
        g.steps = vec![Step::Wait, Step::Confirm];
        let service = watched_level(&watched_groups, &watch, |l| l == Level::Maintenance);
        g.set_service(service, settings);
    } else if worst_watched.is_none() || worst_watched == Some(Level::Unknown) {
        g.situation = Situation::Unclear;
        g.steps = vec![Step::Confirm, Step::Others, Step::SelfCheck, Step::Support];
    } else {
        // What you watch is fine. A problem elsewhere is what the popup lists, so the guide
        // names it first (the service you don't watch, its incident), not your connection.
        let elsewhere = verdict
            .incidents
            .iter()
            .filter(|i| !i.watched && i.level.is_problem())
            .reduce(|p, i| {
                if i.level.severity() > p.level.severity() {
                    i
                } else {
                    p
                }
            });
        let group = elsewhere
            .and_then(|i| {
                i.groups
                    .iter()
                    .find_map(|name| verdict.groups.iter().find(|grp| grp.name == *name))
            })
            .or_else(|| {
                verdict
                    .groups
                    .iter()
                    .find(|grp| !watch.group(grp) && grp.level.is_problem())
            });
        if elsewhere.is_some() || group.is_some() {
            g.situation = Situation::Elsewhere;
            g.steps = vec![
                Step::Elsewhere,
                Step::Confirm,
                Step::Others,
                Step::SelfCheck,
                Step::Support,
            ];
            if let Some(i) = elsewhere {
                g.incident_id = Some(i.id.clone());
                g.incident_url = Some(i.url.clone());
                for name in &i.components {
                    add_service(&mut g.services, name);
                }
            }
            if let Some(grp) = group {
                g.search = search_for(Some(&grp.name));
                g.service_name = Some(grp.name.clone());
            }
        } else {
            g.situation = Situation::AllClear;
            // OpenAI reports nothing: your own network and browser come first (the status
            // page also often lags real failures by minutes, hence "others" too).
            g.steps = vec![Step::SelfCheck, Step::Confirm, Step::Others, Step::Support];
        }
        if offline {
            g.cause = Some(Cause::Network);
        }
    }
    // Stale data: confirming comes first. Every list above holds `Confirm` first or
    // second, so that is a swap.
    if g.stale && g.steps.get(1) == Some(&Step::Confirm) {
        g.steps.swap(0, 1);
    }
    if g.search.is_empty() {
        g.search = search_for(None);
    }
    g
}

/// The first of the watched groups whose level as watched passes `test`.
fn watched_level<'v>(
    groups: &[&'v GroupView],
    watch: &Watch<'_>,
    test: fn(Level) -> bool,
) -> Option<&'v GroupView> {
    groups.iter().copied().find(|grp| test(watch.level_in(grp)))
}

impl Guidance {
    fn set_service(&mut self, group: Option<&GroupView>, settings: &Settings) {
        let Some(group) = group else {
            self.search = search_for(None);
            return;
        };
        self.search = search_for(Some(&group.name));
        self.service_name = Some(group.name.clone());
        if settings.notify.enabled {
            self.notify_service = Some(group.id.clone());
        }
    }
}

/// What people type on X when it's down: the product's name. "APIs" is OpenAI's group
/// name, not what anyone searches for.
fn search_for(service: Option<&str>) -> String {
    let name = match service.map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("APIs") => "OpenAI API",
        Some(s) if !s.is_empty() && s.len() <= 40 => s,
        _ => "ChatGPT",
    };
    format!("{name} down")
}

/// Adds a name to the support report's services, unless it is empty or there already, or
/// the list is full.
fn add_service(services: &mut Vec<String>, name: &str) {
    if !name.is_empty() && services.len() < SERVICES_KEPT && !services.iter().any(|n| n == name) {
        services.push(name.to_owned());
    }
}

/// Which groups and components the user watches, as `verdict::decide` counts them.
struct Watch<'a> {
    settings: &'a Settings,
    /// Some watched group or component exists in the data; if not, everything counts
    /// (a renamed group must not turn the guide into "all clear").
    exists: bool,
}

impl<'a> Watch<'a> {
    fn new(verdict: &Verdict, settings: &'a Settings) -> Self {
        let exists = verdict.groups.iter().any(|g| {
            settings.watches_group(&g.name)
                || g.components
                    .iter()
                    .any(|c| settings.watches_component(&c.id))
        });
        Watch { settings, exists }
    }

    fn group(&self, g: &GroupView) -> bool {
        !self.exists
            || self.settings.watches_group(&g.name)
            || g.components
                .iter()
                .any(|c| self.settings.watches_component(&c.id))
    }

    /// The level of a watched group as far as the user watches it: the whole group when
    /// the group is watched, else the worst of its watched components.
    fn level_in(&self, g: &GroupView) -> Level {
        if !self.exists || self.settings.watches_group(&g.name) {
            return g.level;
        }
        let mut level: Option<Level> = None;
        for c in &g.components {
            if self.settings.watches_component(&c.id) {
                level = Some(level.map_or(c.level, |l| l.worst(c.level)));
            }
        }
        level.unwrap_or(Level::Unknown)
    }

    fn maintenance(&self, verdict: &Verdict, m: &MaintenanceView) -> bool {
        if !self.exists || m.component_ids.is_empty() {
            return true;
        }
        verdict.groups.iter().any(|g| {
            g.components.iter().any(|c| {
                m.component_ids.contains(&c.id)
                    && (self.settings.watches_group(&g.name)
                        || self.settings.watches_component(&c.id))
            })
        })
    }
}

/// Words that point at a cause, lower case. Matched only when not negated just before
/// ("not related to high demand").
const HIGH_DEMAND: &[&str] = &[
    "high demand",
    "higher demand",
    "increased demand",
    "unprecedented demand",
    "heavy demand",
    "high traffic",
    "increased traffic",
    "traffic spike",
    "capacity",
    "heavy load",
    "high load",
];
const BUG: &[&str] = &[
    "bug",
    "regression",
    "recent change",
    "recent deploy",
    "a deployment",
    "bad deploy",
    "rolled back",
    "rolling back",
    "rollback",
    "roll back",
    "misconfigur",
    "configuration change",
];
const NETWORK: &[&str] = &[
    "network",
    "connectivity",
    "dns",
    "upstream provider",
    "cloud provider",
    "internet provider",
];
const MAINTENANCE: &[&str] = &["maintenance", "planned upgrade", "scheduled upgrade"];

/// The kinds of cause and the words that name them.
const CAUSE_WORDS: [(Cause, &[&str]); 4] = [
    (Cause::HighDemand, HIGH_DEMAND),
    (Cause::Bug, BUG),
    (Cause::Network, NETWORK),
    (Cause::Maintenance, MAINTENANCE),
];

/// The cause the incident's own words name: its updates, latest first, then its title.
/// A text that names two kinds of cause says nothing sure, and is passed over.
fn cause_in_words(i: &IncidentView) -> Option<Cause> {
    for u in &i.updates {
        if let Some(c) = sure_cause(&u.text) {
            return Some(c);
        }
    }
    // The latest update is usually the first of `updates`, read already.
    if let Some(u) = &i.latest_update {
        if i.updates.first().is_none_or(|f| f.text != u.text) {
            if let Some(c) = sure_cause(&u.text) {
                return Some(c);
            }
        }
    }
    sure_cause(&i.name)
}

/// The one kind of cause `text` names, if it names exactly one.
fn sure_cause(text: &str) -> Option<Cause> {
    let found = causes_named(text);
    if found.count_ones() != 1 {
        return None;
    }
    CAUSE_WORDS
        .get(found.trailing_zeros() as usize)
        .map(|(cause, _)| *cause)
}

/// Which kinds of cause (bits, in [`CAUSE_WORDS`] order) `text` mentions: a word of the
/// kind at a word start, not negated by the few words before it. The words are English
/// and ASCII, so ASCII case folding is enough to match them.
fn causes_named(text: &str) -> u8 {
    let mut found = 0u8;
    let mut word_start = true;
    for (at, c) in text.char_indices() {
        // The cause words start with an ASCII letter.
        if word_start && c.is_ascii_alphanumeric() {
            let rest = &text.as_bytes()[at..];
            for (bit, (_, words)) in CAUSE_WORDS.iter().enumerate() {
                if found & 1 << bit == 0
                    && words.iter().any(|w| folded_starts_with(rest, w.as_bytes()))
                    && !negated(&text[..at])
                {
                    found |= 1 << bit;
                }
            }
        }
        word_start = !crate::model::text::is_word_char(c);
    }
    found
}

/// `text` starts with `word` (lower case) when its ASCII letters are lowered.
fn folded_starts_with(text: &[u8], word: &[u8]) -> bool {
    text.get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word))
}

/// What, shortly before a cause word, says it is not the cause.
const NEGATIONS: [&str; 6] = [
    "not ",
    "no ",
    "n't ",
    "unrelated to ",
    "ruled out ",
    "rule out ",
];

/// Where the last 24 chars of `before` start (0 when it has fewer).
fn window_start(before: &str) -> usize {
    before.char_indices().rev().nth(23).map_or(0, |(i, _)| i)
}

/// Whether the text just before a word (its last 24 chars) negates it.
fn negated(before: &str) -> bool {
    let window = before[window_start(before)..].to_ascii_lowercase();
    NEGATIONS.iter().any(|n| window.contains(n))
}

/// `text` (lower case) contains `word` at a word start, not negated by the few words
/// before it.
#[cfg(test)]
fn mentions(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|rest| rest.find(word)) {
        let at = from + pos;
        from = at + word.len();
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::model::text::is_word_char(c));
        if starts_word && !negated(&text[..at]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::snapshot::Update;

    fn incident(name: &str, updates: &[&str]) -> IncidentView {
        IncidentView {
            name: name.into(),
            updates: updates
                .iter()
                .map(|t| Update {
                    text: (*t).into(),
                    ..Update::default()
                })
                .collect(),
            ..IncidentView::default()
        }
    }

    #[test]
    fn the_negation_window_is_the_last_24_chars() {
        for s in [
            "",
            "a",
            "not ",
            "ünrelated to ",
            "日本語のテキストで、原因ではありません。これは長い文です",
            "🙂 not 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
            "x".repeat(30).as_str(),
        ] {
            let old = s.char_indices().rev().take(24).last().map_or(0, |(i, _)| i);
            assert_eq!(window_start(s), old, "{s:?}");
        }
    }

    #[test]
    fn causes_come_from_the_incidents_own_words() {
        let c = |name: &str, ups: &[&str]| cause_in_words(&incident(name, ups));
        assert_eq!(
            c("Elevated errors", &["We are seeing high demand."]),
            Some(Cause::HighDemand)
        );
        assert_eq!(
            c(
                "Errors",
                &["A fix has been rolled out.", "Caused by a recent change."]
            ),
            Some(Cause::Bug)
        );
        assert_eq!(
            c("Login failures due to a network issue", &["Investigating."]),
            Some(Cause::Network)
        );
        // Latest first: the newest explanation wins.
        assert_eq!(
            c("x", &["We rolled back a bad deploy.", "Possibly capacity."]),
            Some(Cause::Bug)
        );
        // Nothing said, negated, ambiguous, or inside another word: no guess.
        assert_eq!(
            c("Elevated error rates", &["We are looking into it."]),
            None
        );
        assert_eq!(c("x", &["This is not related to high demand."]), None);
        assert_eq!(c("x", &["A bug under high demand."]), None);
        assert_eq!(c("Debugging", &["Investigating abuse."]), None);
        assert_eq!(c("x", &["Unrelated to DNS"]), None);
    }

    #[test]
    fn the_latest_update_is_read_once_and_still_read() {
        let mut i = incident("Capacity issues", &["A bug; DNS too."]);
        i.latest_update = i.updates.first().cloned();
        assert_eq!(cause_in_words(&i), Some(Cause::HighDemand), "from the name");
        i.updates.clear();
        i.latest_update = Some(Update {
            text: "A recent change.".into(),
            ..Update::default()
        });
        assert_eq!(cause_in_words(&i), Some(Cause::Bug));
    }

    #[test]
    fn mentions_handles_any_text() {
        assert!(mentions("dns", "dns"));
        assert!(!mentions("", "dns"));
        assert!(mentions("ééé dns", "dns"));
        assert!(!mentions("ééénot dns", "dns"));
        assert!(mentions("no, but dns then dns", "dns") || !mentions("no dns", "dns"));
    }

    #[test]
    fn search_names_the_product() {
        assert_eq!(search_for(None), "ChatGPT down");
        assert_eq!(search_for(Some("Codex")), "Codex down");
        assert_eq!(search_for(Some("APIs")), "OpenAI API down");
        assert_eq!(search_for(Some(&"x".repeat(80))), "ChatGPT down");
    }

    /// What `cause_in_words` read from one text before it scanned in one pass: the text
    /// lower-cased, then each word searched on its own.
    fn reference_causes(text: &str) -> u8 {
        let text = text.to_ascii_lowercase();
        CAUSE_WORDS
            .iter()
            .zip(0..)
            .filter(|((_, words), _)| words.iter().any(|w| mentions(&text, w)))
            .fold(0, |found, (_, bit)| found | 1 << bit)
    }

    #[test]
    fn cause_words_are_lower_case_and_never_overlap_themselves() {
        // The search by word skipped overlapping occurrences; the one-pass scan sees them
        // all. They agree because no word's start is also its end.
        for (_, words) in CAUSE_WORDS {
            for w in words {
                assert!((1..w.len()).all(|d| !w.ends_with(&w[..d])), "{w}");
                // The scan folds the text's case only: the words must be lower case.
                assert_eq!(*w, w.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn one_pass_finds_what_the_search_by_word_found() {
        for text in [
            "High Demand",
            "not high demand but DNS",
            "xdns dns",
            "éBug bug",
            "we ruled out   a bug",
            "it isn't a bug; capacity",
            "",
        ] {
            assert_eq!(causes_named(text), reference_causes(text), "{text:?}");
        }
        assert_eq!(causes_named("We see HIGH DEMAND."), 0b1);
        assert_eq!(causes_named("A bug, then a DNS fault."), 0b110);
        assert_eq!(causes_named("Not a bug"), 0);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            let words: Vec<String> = CAUSE_WORDS
                .iter()
                .flat_map(|(_, w)| w.iter())
                .flat_map(|w| [w.to_string(), w.to_uppercase()])
                .chain(NEGATIONS.map(String::from))
                .collect();
            let piece = prop_oneof![
                3 => prop::sample::select(words),
                3 => "[a-zA-Z ,.]{0,12}",
                1 => any::<char>().prop_map(String::from),
                1 => prop::sample::select(vec!["é", "ß", "日本", "x", "1"]).prop_map(String::from),
            ];
            prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn one_pass_agrees_with_the_search_by_word(s in text()) {
                prop_assert_eq!(causes_named(&s), reference_causes(&s), "{:?}", s);
            }
        }
    }
}

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

use serde::{Deserialize, Serialize};

use crate::block::{Block, LANES};
use crate::level::Level;
use crate::settings::Settings;
use crate::source::FetchError;
use crate::verdict::{FreshnessState, GroupView, IncidentView, MaintenanceView, Verdict};

/// Names of affected services kept for the support report.
const SERVICES_KEPT: usize = 8;

/// What the advice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// OpenAI reports nothing wrong with what you watch (nor anything else).
    #[default]
    AllClear,
    /// A problem is reported, but not with the services you watch.
    Elsewhere,
    /// A problem is reported with a service you watch.
    Problem,
    /// Planned maintenance is under way on a service you watch (and no problem).
    Maintenance,
    /// The status page reports states we can't classify for what you watch.
    Unclear,
    /// No usable data: the status page can't be reached or read, or never was.
    NoData,
}

/// The one-line likely cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    HighDemand,
    Maintenance,
    Bug,
    Network,
}

/// One item of the guide; the popup words each from `_locales` (`guide_step_<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Confirm on the status page (and the incident's own page, when there is one).
    Confirm,
    /// See what others report: X, Downdetector, OpenAI's accounts.
    Others,
    /// Try again later: the end time when known, why retrying doesn't help, "notify me".
    Wait,
    /// Contact support, with "Copy details".
    Support,
    /// Tell your own network or browser from an outage.
    SelfCheck,
}

/// The guide for one verdict. Small: it is stored with the verdict.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Guidance {
    pub situation: Situation,
    /// The data shown is old (stale): confirming on the status page comes first.
    pub stale: bool,
    pub cause: Option<Cause>,
    pub steps: Vec<Step>,
    /// The incident (or maintenance) the guide is about: its id and page.
    pub incident_id: Option<String>,
    pub incident_url: Option<String>,
    /// The affected service to search for and to be notified about: a group id (or a
    /// component id) as `notify_me` takes it, and its name. `None` when nothing
    /// specific is affected, or notifications are off.
    pub notify_service: Option<String>,
    pub service_name: Option<String>,
    /// What to search on X: `"<service> down"`.
    pub search: String,
    /// When the maintenance in progress is planned to end.
    pub until: Option<i64>,
    /// Names of the affected services, for the support report.
    pub services: Vec<String>,
}

/// Builds the guide for `verdict` (complete but for its own `guidance`).
pub fn advise(verdict: &Verdict, settings: &Settings) -> Guidance {
    let mut g = Guidance {
        stale: verdict.freshness.state == FreshnessState::Stale,
        ..Guidance::default()
    };
    let watch = Watch::new(verdict, settings);
    let offline = matches!(verdict.freshness.last_error, Some(FetchError::Offline))
        && verdict.freshness.failures > 0;

    if !verdict.freshness.state.usable() {
        g.situation = Situation::NoData;
        if offline {
            g.cause = Some(Cause::Network);
        }
        g.steps = if verdict.freshness.state == FreshnessState::Unreadable {
            vec![Step::Confirm, Step::Others, Step::SelfCheck, Step::Support]
        } else {
            vec![Step::SelfCheck, Step::Confirm, Step::Others, Step::Support]
        };
        g.search = search_for(None);
        return g;
    }

    // The incident the guide is about: the worst one touching what you watch (the first
    // of the worst, in the verdict's order). Plain loops here and below, not iterator
    // chains: each chain was code of its own in the wasm.
    let mut primary: Option<&IncidentView> = None;
    for i in verdict.incidents.iter().filter(|i| i.watched) {
        if primary.map_or(true, |p| i.level.severity() > p.level.severity()) {
            primary = Some(i);
        }
    }
    let mut watched_groups: Vec<&GroupView> = Vec::with_capacity(verdict.groups.len());
    for grp in &verdict.groups {
        if watch.group(grp) {
            watched_groups.push(grp);
        }
    }
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
            && maintenance.map_or(true, |first| ends(m) < ends(first))
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
            g.until = m.ends_at;
            g.cause = g.cause.or(Some(Cause::Maintenance));
        }
    } else if let Some(m) = maintenance {
        g.situation = Situation::Maintenance;
        g.cause = Some(Cause::Maintenance);
        g.steps = vec![Step::Wait, Step::Confirm];
        g.until = m.ends_at;
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
        let elsewhere = !verdict.incidents.is_empty()
            || verdict.groups.iter().any(|grp| grp.level.is_problem());
        g.situation = if elsewhere {
            Situation::Elsewhere
        } else {
            Situation::AllClear
        };
        // OpenAI reports nothing for you: your own network and browser come first (the
        // status page also often lags real failures by minutes, hence "others" too).
        g.steps = vec![Step::SelfCheck, Step::Confirm, Step::Others, Step::Support];
        if offline {
            g.cause = Some(Cause::Network);
        }
    }
    // Stale data: confirming comes first. Every list above holds `Confirm` first or
    // second, so that is a swap (no `retain` and `insert` of steps in the wasm).
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
    // A plain loop, not `find` on a copied iterator: a fold of its own in the wasm.
    #[allow(clippy::manual_find)]
    for grp in groups {
        if test(watch.level_in(grp)) {
            return Some(grp);
        }
    }
    None
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
    let name = match service.map(crate::text::trim) {
        Some(s) if s.eq_ignore_ascii_case("APIs") => "OpenAI API",
        Some(s) if !s.is_empty() && s.len() <= 40 => s,
        _ => "ChatGPT",
    };
    crate::text::concat(&[name, " down"])
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

/// The kinds of cause in [`CAUSE_WORDS`] order, by bit.
const CAUSES: [Cause; 4] = [
    Cause::HighDemand,
    Cause::Bug,
    Cause::Network,
    Cause::Maintenance,
];

/// The words of [`CAUSE_WORDS`] as flat tables, computed at build time: all their bytes
/// back to back, where each ends, and its kind (bit in [`CAUSES`]), by word bit (at most
/// [`WORDS_MAX`], as [`WORDS_BY_BYTE`] holds). Only these are in the wasm, not the nested
/// lists of `&str` (a pointer and a length per word): 64 B less gzipped.
const WORDS_MAX: usize = 32;
const WORD_BYTES_LEN: usize = {
    let (mut n, mut kind) = (0, 0);
    while kind < CAUSE_WORDS.len() {
        let words = CAUSE_WORDS[kind].1;
        let mut i = 0;
        while i < words.len() {
            n += words[i].len();
            i += 1;
        }
        kind += 1;
    }
    n
};
const WORD_BYTES: [u8; WORD_BYTES_LEN] = {
    let mut out = [0u8; WORD_BYTES_LEN];
    let (mut n, mut kind) = (0, 0);
    while kind < CAUSE_WORDS.len() {
        let words = CAUSE_WORDS[kind].1;
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            let mut k = 0;
            while k < w.len() {
                out[n] = w[k];
                n += 1;
                k += 1;
            }
            i += 1;
        }
        kind += 1;
    }
    out
};
const WORD_ENDS: [u16; WORDS_MAX] = {
    let mut out = [0u16; WORDS_MAX];
    let (mut n, mut end, mut kind) = (0, 0, 0);
    while kind < CAUSE_WORDS.len() {
        let words = CAUSE_WORDS[kind].1;
        let mut i = 0;
        while i < words.len() {
            end += words[i].len();
            assert!(end <= u16::MAX as usize, "the cause words fit u16 offsets");
            out[n] = end as u16;
            n += 1;
            i += 1;
        }
        kind += 1;
    }
    out
};
const WORD_KINDS: [u8; WORDS_MAX] = {
    let mut out = [0u8; WORDS_MAX];
    let (mut n, mut kind) = (0, 0);
    while kind < CAUSE_WORDS.len() {
        assert!(
            CAUSE_WORDS[kind].0 as u8 == CAUSES[kind] as u8,
            "CAUSES follows CAUSE_WORDS"
        );
        let mut i = 0;
        while i < CAUSE_WORDS[kind].1.len() {
            out[n] = kind as u8;
            n += 1;
            i += 1;
        }
        kind += 1;
    }
    out
};

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
        if i.updates.first().map_or(true, |f| f.text != u.text) {
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
    CAUSES.get(found.trailing_zeros() as usize).copied()
}

/// Which kinds of cause (bits, in [`CAUSE_WORDS`] order) `text` mentions: a word of the
/// kind at a word start, not negated by the few words before it. One pass over the
/// text, comparing at each word start (updates are long, and each is read for every
/// verdict). ASCII case folding: the words are ASCII, and full Unicode lowercasing
/// pulled 18 KB of case tables into the wasm (make bench).
#[cfg_attr(hot_speed, optimize(speed))]
fn causes_named(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let mut found = 0u8;
    let mut word_start = true;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // The word starts among the next `step` bytes, as bits: one call site of the
        // (inlined) comparison for the three paths.
        let ascii = bytes
            .get(at..)
            .and_then(Block::load)
            .filter(|b| b.is_ascii());
        let (mut starts, step) = if let Some(block) = ascii {
            // Sixteen ASCII bytes: their word starts at once.
            let alnum = block.alphanumeric().bits();
            let starts = alnum & !(alnum << 1 | u32::from(!word_start));
            word_start = alnum >> (LANES - 1) == 0;
            (starts, LANES)
        } else if b.is_ascii() {
            let alnum = b.is_ascii_alphanumeric();
            let start = word_start && alnum;
            word_start = !alnum;
            (u32::from(start), 1)
        } else {
            // `at` is at a char boundary: it only ever moves by whole chars.
            let c = text
                .get(at..)
                .and_then(|t| t.chars().next())
                .unwrap_or('\0');
            word_start = !crate::text::is_word_char(c);
            (0, c.len_utf8())
        };
        while starts != 0 {
            found |= causes_at(text, at + starts.trailing_zeros() as usize, found);
            starts &= starts - 1;
        }
        at += step;
    }
    found
}

/// The kinds of cause, other than those `found` already, named by a word at `at` (a word
/// start, an ASCII letter or digit) and not negated.
#[inline(always)]
fn causes_at(text: &str, at: usize, found: u8) -> u8 {
    // The words whose first letters may be these (the low five bits of a letter name it
    // in either case): most word starts have none. First the first two letters, in one
    // look-up; those let through a word start in seven ("in", "re", "co", "a "…), and
    // comparing all those was a tenth of `decide`'s time: so then four letters.
    let bytes = text.as_bytes();
    let low5 = |i: usize| usize::from(bytes.get(i).map_or(0, |b| b & 31));
    if PAIRS[low5(at)] >> low5(at + 1) & 1 == 0 {
        return 0;
    }
    // The four bytes at `at`, zeros past the end (no word matches there anyway).
    let four = match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => {
            let mut four = 0;
            for (k, b) in bytes.iter().skip(at).take(3).enumerate() {
                four |= u32::from(*b) << (8 * k);
            }
            four
        }
    };
    let low5 = |k: usize| (four >> (8 * k)) as usize & 31;
    let candidates = WORDS_BY_BYTE[0][low5(0)]
        & WORDS_BY_BYTE[1][low5(1)]
        & WORDS_BY_BYTE[2][low5(2)]
        & WORDS_BY_BYTE[3][low5(3)];
    if candidates == 0 {
        0
    } else {
        compare_at(text, at, found, candidates)
    }
}

/// The kinds of cause, other than those `found` already, named by one of the
/// `candidates` (bits, as in [`WORDS_BY_BYTE`]) at `at`, and not negated.
#[cold]
fn compare_at(text: &str, at: usize, found: u8, mut candidates: u32) -> u8 {
    let rest = text.as_bytes().get(at..).unwrap_or_default();
    let mut more = 0;
    while candidates != 0 {
        // The candidate's kind and word, from the flat tables.
        let i = candidates.trailing_zeros() as usize;
        candidates &= candidates - 1;
        let (Some(&kind), Some(&end)) = (WORD_KINDS.get(i), WORD_ENDS.get(i)) else {
            break;
        };
        let start = if i == 0 { 0 } else { WORD_ENDS[i - 1] };
        let word = WORD_BYTES
            .get(usize::from(start)..usize::from(end))
            .unwrap_or_default();
        if (found | more) & 1 << kind == 0
            && folded_starts_with(rest, word)
            && !negated(&text[..at])
        {
            more |= 1 << kind;
        }
    }
    more
}

/// The words of [`CAUSE_WORDS`] (bits, numbered through the lists in order) by the low
/// five bits of their first byte (`a`–`z` are 1–26), of their second, third and fourth
/// (any, for a word shorter than that): a word start is compared with the words in all
/// four only. Case folding changes no byte's low five bits, so no match is passed over.
const WORDS_BY_BYTE: [[u32; 32]; 4] = [
    words_by_byte(0),
    words_by_byte(1),
    words_by_byte(2),
    words_by_byte(3),
];

/// The first two bytes of the words, by the low five bits of each: bit `b` of `PAIRS[a]`.
const PAIRS: [u32; 32] = {
    let mut pairs = [0u32; 32];
    let mut a = 0;
    while a < 32 {
        let mut b = 0;
        while b < 32 {
            if WORDS_BY_BYTE[0][a] & WORDS_BY_BYTE[1][b] != 0 {
                pairs[a] |= 1 << b;
            }
            b += 1;
        }
        a += 1;
    }
    pairs
};

const fn words_by_byte(at: usize) -> [u32; 32] {
    let mut by = [0u32; 32];
    let (mut bit, mut kind) = (0, 0);
    while kind < CAUSE_WORDS.len() {
        let words = CAUSE_WORDS[kind].1;
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_bytes();
            assert!(word.len() >= 2, "cause words have two letters or more");
            assert!(
                at > 0 || word[0].is_ascii_lowercase(),
                "cause words start with a letter"
            );
            assert!(bit < 32, "the word tables hold 32 words");
            if at < word.len() {
                by[(word[at] & 31) as usize] |= 1 << bit;
            } else {
                let mut b = 0;
                while b < 32 {
                    by[b] |= 1 << bit;
                    b += 1;
                }
            }
            bit += 1;
            i += 1;
        }
        kind += 1;
    }
    by
}

/// `text` starts with `word` (lower case) when its ASCII letters are lowered. Byte by
/// byte, stopping at the first difference: most words differ at once.
fn folded_starts_with(text: &[u8], word: &[u8]) -> bool {
    if text.len() < word.len() {
        return false;
    }
    let mut k = 0;
    while k < word.len() {
        if text[k].to_ascii_lowercase() != word[k] {
            return false;
        }
        k += 1;
    }
    true
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

/// Where the last 24 chars of `before` start (0 when it has fewer), found by counting the
/// bytes that start a char: no reversed `CharIndices` in the wasm.
fn window_start(before: &str) -> usize {
    let (mut from, mut chars) = (before.len(), 0);
    while from > 0 && chars < 24 {
        from -= 1;
        if before.is_char_boundary(from) {
            chars += 1;
        }
    }
    from
}

/// Whether the text just before a word (its last 24 chars) negates it.
fn negated(before: &str) -> bool {
    let from = window_start(before);
    // A byte search with ASCII folding, not `str::contains`: the negations are ASCII, so
    // this finds what lowering and searching found, without the two-way searcher `str`'s
    // search pulls into the wasm, nor a lowered copy.
    let before = before.as_bytes().get(from..).unwrap_or_default();
    (0..before.len()).any(|i| {
        NEGATIONS
            .iter()
            .any(|n| folded_starts_with(&before[i..], n.as_bytes()))
    })
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
            .map_or(true, |c| !crate::text::is_word_char(c));
        if starts_word && !negated(&text[..at]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Update;

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

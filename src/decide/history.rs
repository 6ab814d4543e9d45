//! The page's own history and what it tells: how long incidents like the current one
//! lasted, each watched service's last 90 days as daily bars with its uptime, and the
//! incidents of the last days.
//!
//! The source is what status.openai.com draws its own bars from,
//! `/proxy/status.openai.com/component_impacts` ([`crate::model::impacts`]): every
//! component's impact periods, with the page's uptime figure per component. So the 90-day
//! uptime shown is the page's own, never one computed here that could differ from it; the
//! 30-day figures and the bars come from the periods. It is asked for a few times a day
//! ([`HISTORY_REFRESH_MS`]) and once more when an incident starts or ends
//! ([`history_due`]); only the condensed periods are stored ([`History`]). The native
//! `/incidents` list is no longer asked for: the periods carry every incident's
//! components, levels and times, and the links their names; its update texts were never
//! used by a check.
//!
//! Why no precise ETA: incident lengths are spread over two orders of magnitude, so the
//! honest answer is a median with the middle half of the range and the sample size, and
//! nothing at all when there are too few similar incidents.
//!
//! Local days: the bars are the user's days, from the UTC offset the shell passes in
//! (`-new Date().getTimezoneOffset()`). One offset, today's, is used for all 90 days: a
//! day before a daylight-saving change is off by that hour at its edges, as a period
//! near midnight may then fall on the neighbouring bar. The uptimes do not depend on it.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::decide::verdict::{incident_url, Estimate, Verdict};
use crate::model::impacts::{Impacts, Span};
use crate::model::level::Level;
use crate::model::snapshot::{Snapshot, MINUTE_MS};

const DAY_MS: i64 = 24 * 60 * MINUTE_MS;
/// The history is asked for at most this often on schedule.
pub const HISTORY_REFRESH_MS: i64 = 6 * 60 * MINUTE_MS;
/// An incident starting or ending asks for it again, but not sooner than this after the
/// last time (an incident flapping open and closed costs one request per this).
pub const HISTORY_CHANGE_GAP_MS: i64 = 10 * MINUTE_MS;
/// Older than this, the history is shown as "as of" its time.
pub const HISTORY_STALE_MS: i64 = 24 * 60 * MINUTE_MS;
/// How far back estimates, bars and uptimes look.
pub const WINDOW_DAYS: u32 = 90;
/// How far back the recent incidents go.
pub const RECENT_DAYS: i64 = 7;
/// Fewer similar incidents than this and no estimate is shown.
pub const MIN_SAMPLES: usize = 5;

/// What is kept of the page's history between checks (`storage.local` `history`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// The last good answer, condensed ([`condense`]).
    pub impacts: Impacts,
    /// When the page last answered well; `None`: never.
    pub fetched_at: Option<i64>,
    /// When it was last asked, whatever the answer.
    pub asked_at: Option<i64>,
    /// The last request failed: `impacts` are older than that.
    pub failed: bool,
    /// The ongoing incidents when it was last asked: a change asks again.
    pub open: Vec<String>,
    /// A fingerprint of the last [`HistoryView`] handed out, so that the view crosses back
    /// to the shell only when it changed.
    pub view_hash: String,
}

/// Sorted ids of the ongoing incidents (not maintenances) of a snapshot.
pub fn open_incidents(snapshot: Option<&Snapshot>) -> Vec<String> {
    let mut ids: Vec<String> = snapshot
        .map(|s| &s.incidents[..])
        .unwrap_or_default()
        .iter()
        .filter(|i| i.is_ongoing() && !i.maintenance)
        .map(|i| i.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// True when the history is due to be asked for: never asked, asked more than
/// [`HISTORY_REFRESH_MS`] ago (or in the future: a clock that went back), or the ongoing
/// incidents are no longer the ones of the last time (`open`, from
/// [`open_incidents`]), at most once per [`HISTORY_CHANGE_GAP_MS`].
pub fn history_due(history: &History, open: &[String], now: i64) -> bool {
    let Some(t) = history.asked_at else {
        return true;
    };
    let since = now.saturating_sub(t);
    t > now
        || since >= HISTORY_REFRESH_MS
        || (since >= HISTORY_CHANGE_GAP_MS && history.open != open)
}

/// What to keep of an answer asked at `now`: every period and uptime, and the names of
/// only the incidents the recent list may show (a period open, or ended within the
/// [`RECENT_DAYS`] and a day more for a stale history).
pub fn condense(mut impacts: Impacts, now: i64) -> Impacts {
    let since = now - (RECENT_DAYS + 1) * DAY_MS;
    let recent: Vec<&str> = impacts
        .spans
        .iter()
        .filter(|s| s.end.is_none_or(|e| e >= since))
        .map(|s| s.incident_id.as_str())
        .collect();
    let keep: Vec<bool> = impacts
        .incidents
        .iter()
        .map(|l| recent.contains(&l.id.as_str()))
        .collect();
    let mut keep = keep.into_iter();
    impacts.incidents.retain(|_| keep.next().unwrap_or(false));
    impacts
}

impl History {
    /// Records an answer to the request asked at `now`: a good one replaces the periods,
    /// a failed one (`None`) keeps the last good ones and marks them as such.
    pub fn record(&mut self, answer: Option<Impacts>, now: i64) {
        match answer {
            Some(impacts) => {
                self.impacts = condense(impacts, now);
                self.fetched_at = Some(now);
                self.failed = false;
            }
            None => self.failed = true,
        }
    }

    /// Shown as "history as of …": the last request failed, or the last good answer is
    /// more than [`HISTORY_STALE_MS`] old (or there never was one).
    pub fn stale(&self, now: i64) -> bool {
        self.failed
            || self
                .fetched_at
                .is_none_or(|t| now.saturating_sub(t) > HISTORY_STALE_MS)
    }
}

// ---------------------------------------------------------------------------
// Estimates

/// One finished incident, from its periods.
struct Finished<'a> {
    component_ids: Vec<&'a str>,
    level: Level,
    start: i64,
    end: i64,
}

/// The incidents whose every period has ended, from their periods (periods without an
/// incident are no incident).
fn finished(history: &Impacts) -> Vec<Finished<'_>> {
    let mut by_id: BTreeMap<&str, Option<Finished<'_>>> = BTreeMap::new();
    for s in &history.spans {
        if s.incident_id.is_empty() {
            continue;
        }
        let entry = by_id.entry(&s.incident_id).or_insert_with(|| {
            Some(Finished {
                component_ids: Vec::new(),
                level: s.level,
                start: s.start,
                end: s.start,
            })
        });
        let Some(end) = s.end else {
            // Still going on: not a finished incident.
            *entry = None;
            continue;
        };
        let Some(f) = entry else { continue };
        if !f.component_ids.contains(&s.component_id.as_str()) {
            f.component_ids.push(&s.component_id);
        }
        f.level = f.level.worst(s.level);
        f.start = f.start.min(s.start);
        f.end = f.end.max(end);
    }
    by_id
        .into_values()
        .flatten()
        .filter(|f| f.end > f.start)
        .collect()
}

/// Two levels are alike when they are both problems within one step of each other:
/// a degraded incident says little about how long a major outage lasts.
fn alike(a: Level, b: Level) -> bool {
    a.is_problem() && b.is_problem() && a.severity().abs_diff(b.severity()) <= 1
}

/// An honest estimate for an ongoing incident touching `component_ids` at `level`, from
/// similar finished incidents of the last [`WINDOW_DAYS`] (their length: from their first
/// period's start to their last one's end); `None` when fewer than [`MIN_SAMPLES`] are
/// similar.
pub fn estimate(
    history: &Impacts,
    component_ids: &[String],
    level: Level,
    now: i64,
) -> Option<Estimate> {
    let since = now.saturating_sub(i64::from(WINDOW_DAYS) * DAY_MS);
    // The minutes fit `u32`, as they are shown.
    let mut minutes: Vec<u32> = Vec::new();
    for p in finished(history) {
        if p.end >= since
            && p.end <= now
            && alike(p.level, level)
            && p.component_ids
                .iter()
                .any(|id| component_ids.iter().any(|c| c == id))
        {
            let m = u32::try_from((p.end - p.start) / MINUTE_MS).unwrap_or(u32::MAX);
            minutes.push(m);
        }
    }
    if minutes.len() < MIN_SAMPLES {
        return None;
    }
    minutes.sort_unstable();
    let at = |i: usize| minutes[i];
    // Nearest ranks, rounded outwards so the "middle half" never looks narrower than it is.
    let last = minutes.len() - 1;
    Some(Estimate {
        median_mins: at(last / 2),
        p25_mins: at(last / 4),
        p75_mins: at((3 * last).div_ceil(4)),
        count: u32::try_from(minutes.len()).unwrap_or(u32::MAX),
        window_days: WINDOW_DAYS,
    })
}

/// Adds the estimate to every ongoing incident of `verdict`, on the incident and in each
/// banner that shows it.
pub fn annotate(verdict: &mut Verdict, history: &Impacts, now: i64) {
    for incident in &mut verdict.incidents {
        incident.estimate = estimate(history, &incident.component_ids, incident.level, now);
    }
    // Each banner's incidents are the verdict's: their estimates are copied by id.
    let incidents = &verdict.incidents;
    let lookup = |id: &str| {
        incidents
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.estimate)
    };
    for page in &mut verdict.pages {
        for incident in &mut page.banner.incidents {
            incident.estimate = lookup(&incident.id);
        }
    }
    for incident in &mut verdict.banner.incidents {
        incident.estimate = lookup(&incident.id);
    }
}

// ---------------------------------------------------------------------------
// The history at a glance

/// What the popup and the web page draw the history from (`storage.local`
/// `history_view`): the watched groups' last [`WINDOW_DAYS`] days and uptimes, and the
/// recent incidents.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryView {
    /// The `now` it was made for.
    pub as_of: i64,
    /// When the page's history last answered well; `None`: never.
    pub fetched_at: Option<i64>,
    /// The last request failed or the history is old ([`History::stale`]): shown as
    /// "history as of `fetched_at`".
    pub stale: bool,
    /// The watched groups in page order (every group when none of the watched names is
    /// on the page).
    pub groups: Vec<GroupHistory>,
    /// The last [`RECENT_DAYS`]' incidents on the watched groups' components, newest
    /// first.
    pub recent_incidents: Vec<RecentIncident>,
}

/// One group's row of bars, and its components' rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupHistory {
    pub name: String,
    /// The mean of its components' figures from the page (the page shows uptimes per
    /// component only); `None` when the page gave none of them.
    pub uptime_90: Option<f64>,
    /// The mean of its components' 30-day figures.
    pub uptime_30: Option<f64>,
    /// Oldest first; each the worst of its components' that day, naming them.
    pub days: Vec<Day>,
    pub components: Vec<ComponentHistory>,
}

/// One component's row of bars.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentHistory {
    pub component_id: String,
    pub name: String,
    /// From its impact periods ([`uptime_30`]); `None` without a history.
    pub uptime_30: Option<f64>,
    /// The page's own figure for the last 90 days; `None` when the page gave none.
    pub uptime_90: Option<f64>,
    pub days: Vec<Day>,
}

/// One bar: a local day and the worst level of that day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Day {
    /// The start of the user's local day, ms.
    pub day: i64,
    /// The worst impact that day (today: and now); `unknown` when `no_data`.
    pub level: Level,
    /// Nothing is known of this day: before the page has data on the component, or
    /// outside what the history covers.
    pub no_data: bool,
    /// The components not operational that day, by name (group rows only).
    pub affected: Vec<String>,
}

/// One incident of the last days.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RecentIncident {
    pub id: String,
    pub name: String,
    /// Its worst level, on any component.
    pub level: Level,
    pub started_at: i64,
    /// `None` while it goes on.
    pub ended_at: Option<i64>,
    pub url: String,
}

/// The start of the local day `at` falls in, for a clock `offset_ms` ahead of UTC.
fn local_day(at: i64, offset_ms: i64) -> i64 {
    (at + offset_ms).div_euclid(DAY_MS) * DAY_MS - offset_ms
}

/// Hundredths of a percent as the percentage shown (9992 → 99.92).
fn percent(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}

/// A percentage to two decimals, as the page shows it.
fn two_decimals(p: f64) -> f64 {
    (p * 100.0).round() / 100.0
}

/// Minutes a period counts as down, in halves: a major outage fully, a partial outage
/// half (most requests still work), degraded performance and maintenance not at all.
fn down_weight(level: Level) -> i64 {
    match level {
        Level::MajorOutage => 2,
        Level::PartialOutage => 1,
        _ => 0,
    }
}

/// Uptime in hundredths of a percent from `from` to `now`, from a component's periods
/// (a period still going on counts up to `now`; periods that overlap count once, at the
/// worse weight), rounded down: downtime never shows as 100.00. `None` for an empty window.
pub fn uptime_30(spans: &[&Span], from: i64, now: i64) -> Option<i64> {
    let total = (now - from) / MINUTE_MS;
    if total <= 0 {
        return None;
    }
    let mut cuts: Vec<(i64, i64, i64)> = Vec::new();
    for s in spans {
        let w = down_weight(s.level);
        let (a, b) = (s.start.max(from), s.end.unwrap_or(now).min(now));
        if w > 0 && b > a {
            cuts.push((a, b, w));
        }
    }
    let mut edges: Vec<i64> = cuts.iter().flat_map(|c| [c.0, c.1]).collect();
    edges.sort_unstable();
    edges.dedup();
    let mut halves: i64 = 0;
    for pair in edges.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let w = cuts
            .iter()
            .filter(|c| c.0 <= a && c.1 >= b)
            .map(|c| c.2)
            .max()
            .unwrap_or(0);
        halves += (b - a) * w;
    }
    let down = (halves / 2 / MINUTE_MS).min(total);
    Some((total - down) * 10_000 / total)
}

/// What the history covers, for one component: from when to when its days are known.
struct Coverage {
    /// Days ending before this are `no_data`.
    from: i64,
    /// Days starting after this (before today) are `no_data`.
    until: i64,
}

/// One component's bars, oldest first; `current` is its level now (from the snapshot),
/// which today's bar includes.
fn component_days(
    spans: &[&Span],
    days: &[i64],
    coverage: Option<&Coverage>,
    current: Level,
    now: i64,
) -> Vec<Day> {
    let today = days.last().copied().unwrap_or(now);
    days.iter()
        .map(|&day| {
            let end = (day + DAY_MS).min(now);
            let is_today = day == today;
            let no_data =
                !is_today && coverage.is_none_or(|c| day + DAY_MS <= c.from || day > c.until);
            let mut level = Level::Operational;
            if no_data {
                level = Level::Unknown;
            } else {
                for s in spans {
                    // A period still going on counts up to now; one of no length still
                    // happened.
                    let s_end = s.end.unwrap_or(now).max(s.start + 1);
                    if s.start < end && s_end > day {
                        level = level.worst(s.level);
                    }
                }
                if is_today && (current.is_problem() || current == Level::Maintenance) {
                    level = level.worst(current);
                }
            }
            Day {
                day,
                level,
                no_data,
                affected: Vec::new(),
            }
        })
        .collect()
}

/// The watched groups' history and the recent incidents as of `now`, for a clock
/// `utc_offset_min` minutes ahead of UTC. The groups and their components are the
/// snapshot's (visible ones, page order), and so is what is happening now (today's bars).
pub fn view(
    history: &History,
    snapshot: Option<&Snapshot>,
    watched: &[String],
    now: i64,
    utc_offset_min: i32,
) -> HistoryView {
    // No clock is more than 18 hours off UTC.
    let offset_ms = i64::from(utc_offset_min.clamp(-18 * 60, 18 * 60)) * MINUTE_MS;
    let today = local_day(now, offset_ms);
    let days: Vec<i64> = (0..i64::from(WINDOW_DAYS))
        .map(|d| today - (i64::from(WINDOW_DAYS) - 1 - d) * DAY_MS)
        .collect();
    let impacts = &history.impacts;
    let is_watched = |name: &str| watched.iter().any(|w| w.eq_ignore_ascii_case(name));
    let visible: Vec<_> = snapshot
        .map(|s| &s.groups[..])
        .unwrap_or_default()
        .iter()
        .filter(|g| !g.hidden)
        .collect();
    let any = visible.iter().any(|g| is_watched(&g.name));
    let mut groups = Vec::new();
    let mut watched_ids: Vec<&str> = Vec::new();
    for g in visible {
        if any && !is_watched(&g.name) {
            continue;
        }
        let mut components = Vec::new();
        for c in g.components.iter().filter(|c| !c.hidden) {
            watched_ids.push(&c.id);
            let spans: Vec<&Span> = impacts
                .spans
                .iter()
                .filter(|s| s.component_id == c.id)
                .collect();
            let page = impacts.uptimes.iter().find(|u| u.component_id == c.id);
            let since = page.and_then(|u| u.since);
            // The history covers the window it was asked for, and the component only
            // since the page has data on it.
            let coverage = history.fetched_at.map(|t| Coverage {
                from: (t - i64::from(WINDOW_DAYS) * DAY_MS).max(since.unwrap_or(i64::MIN)),
                until: t,
            });
            let from_30 = (now - 30 * DAY_MS).max(coverage.as_ref().map_or(now, |c| c.from));
            components.push(ComponentHistory {
                component_id: c.id.clone(),
                name: c.name.clone(),
                uptime_30: coverage
                    .as_ref()
                    .and_then(|_| uptime_30(&spans, from_30, now))
                    .map(percent),
                uptime_90: page.map(|u| two_decimals(u.uptime)),
                days: component_days(&spans, &days, coverage.as_ref(), c.level, now),
            });
        }
        groups.push(group_row(&g.name, components, &days));
    }
    HistoryView {
        as_of: now,
        fetched_at: history.fetched_at,
        stale: history.stale(now),
        groups,
        recent_incidents: recent(impacts, snapshot, &watched_ids, now),
    }
}

/// A group's row from its components' rows.
fn group_row(name: &str, components: Vec<ComponentHistory>, days: &[i64]) -> GroupHistory {
    let mean = |figures: Vec<f64>| {
        (!figures.is_empty())
            .then(|| two_decimals(figures.iter().sum::<f64>() / figures.len() as f64))
    };
    let row = days
        .iter()
        .enumerate()
        .map(|(i, &day)| {
            let mut level = None;
            let mut affected = Vec::new();
            for c in &components {
                let Some(d) = c.days.get(i).filter(|d| !d.no_data) else {
                    continue;
                };
                level = Some(level.unwrap_or(Level::Operational).worst(d.level));
                if d.level != Level::Operational {
                    affected.push(c.name.clone());
                }
            }
            Day {
                day,
                level: level.unwrap_or(Level::Unknown),
                no_data: level.is_none(),
                affected,
            }
        })
        .collect();
    GroupHistory {
        name: name.to_owned(),
        uptime_90: mean(components.iter().filter_map(|c| c.uptime_90).collect()),
        uptime_30: mean(components.iter().filter_map(|c| c.uptime_30).collect()),
        days: row,
        components,
    }
}

/// The incidents of the last [`RECENT_DAYS`] with a period on one of `watched` (component
/// ids), newest first: from the history's periods, named by its links, and the
/// snapshot's ongoing incidents the history does not have yet (it is asked for again when
/// one starts, but may have failed).
fn recent(
    impacts: &Impacts,
    snapshot: Option<&Snapshot>,
    watched: &[&str],
    now: i64,
) -> Vec<RecentIncident> {
    let since = now - RECENT_DAYS * DAY_MS;
    let mut by_id: BTreeMap<&str, RecentIncident> = BTreeMap::new();
    let mut touches: Vec<&str> = Vec::new();
    for s in &impacts.spans {
        if s.incident_id.is_empty() {
            continue;
        }
        let r = by_id
            .entry(&s.incident_id)
            .or_insert_with(|| RecentIncident {
                id: s.incident_id.clone(),
                level: s.level,
                started_at: s.start,
                ended_at: s.end,
                ..RecentIncident::default()
            });
        r.level = r.level.worst(s.level);
        r.started_at = r.started_at.min(s.start);
        r.ended_at = match (r.ended_at, s.end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        if watched.contains(&s.component_id.as_str()) && s.end.is_none_or(|e| e >= since) {
            touches.push(&s.incident_id);
        }
    }
    let mut out: Vec<RecentIncident> = by_id
        .into_iter()
        .filter(|(id, r)| touches.contains(id) && r.level != Level::Maintenance)
        .map(|(_, mut r)| {
            if let Some(link) = impacts.incidents.iter().find(|l| l.id == r.id) {
                r.name = link.name.clone();
            }
            r.url = incident_url(&r.id);
            r
        })
        .collect();
    for i in snapshot.map(|s| &s.incidents[..]).unwrap_or_default() {
        let on_watched = i
            .components
            .iter()
            .any(|c| watched.contains(&c.id.as_str()));
        if !i.is_ongoing() || i.maintenance || !on_watched {
            continue;
        }
        if let Some(r) = out.iter_mut().find(|r| r.id == i.id) {
            // The snapshot is newer than the history: still going on, and named.
            r.ended_at = None;
            if r.name.is_empty() {
                r.name = i.name.clone();
            }
            continue;
        }
        out.push(RecentIncident {
            id: i.id.clone(),
            name: i.name.clone(),
            level: i.level,
            started_at: i.started_at.unwrap_or(now),
            ended_at: None,
            url: incident_url(&i.id),
        });
    }
    out.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(a.id.cmp(&b.id)));
    out
}

/// A fingerprint of what a view shows (its `as_of` aside, which every check moves): an
/// FNV-1a hash of its members. (Hashed, not written as JSON and hashed: that would bring a
/// float formatter into the wasm for this alone.)
pub fn fingerprint(view: &HistoryView) -> String {
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        fn finish(&self) -> u64 {
            self.0
        }
    }
    let bits = |p: Option<f64>| p.map(f64::to_bits);
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    (view.fetched_at, view.stale).hash(&mut h);
    for g in &view.groups {
        (&g.name, bits(g.uptime_30), bits(g.uptime_90), &g.days).hash(&mut h);
        for c in &g.components {
            let figures = (bits(c.uptime_30), bits(c.uptime_90));
            (&c.component_id, &c.name, figures, &c.days).hash(&mut h);
        }
        // Where one group's rows end and the next one's begin.
        g.components.len().hash(&mut h);
    }
    view.groups.len().hash(&mut h);
    view.recent_incidents.hash(&mut h);
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::impacts::{IncidentLink, Uptime};
    use crate::model::snapshot::parse_rfc3339;
    use crate::source::{parse_component_impacts, parse_native_summary};

    const IMPACTS: &str = include_str!("../../tests/fixtures/history/component_impacts-90d.json");
    const OUTAGE: &str = include_str!("../../tests/fixtures/native/chatgpt-partial-outage.json");
    const CLEAR: &str = include_str!("../../tests/fixtures/native/all-operational.json");
    const CONV: &str = "01JMXBNJXGV1T5GT2M9XA83XNG";
    const SEARCH: &str = "01JMXBNJXGKKP51D4DEJ2HZJ8Q";

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).expect("a time")
    }

    fn now() -> i64 {
        at("2026-09-15T12:00:00Z")
    }

    fn span(comp: &str, incident: &str, level: Level, start: i64, mins: Option<i64>) -> Span {
        Span {
            component_id: comp.into(),
            incident_id: incident.into(),
            level,
            start,
            end: mins.map(|m| start + m * MINUTE_MS),
        }
    }

    fn fetched() -> History {
        let mut h = History::default();
        h.record(Some(parse_component_impacts(IMPACTS).unwrap()), now());
        h.asked_at = Some(now());
        h
    }

    fn watch(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn estimates_come_from_the_finished_incidents_periods() {
        let h = fetched();
        // Conversations' 8 finished incidents lasted 20, 30, 35, 47, 60, 80, 95 and 120 min.
        let e =
            estimate(&h.impacts, &[CONV.into()], Level::PartialOutage, now()).expect("8 similar");
        assert_eq!(
            (e.count, e.median_mins, e.p25_mins, e.p75_mins),
            (8, 47, 30, 95)
        );
        // An incident's length runs from its first period to its last, on any component:
        // the Search period makes 2026-09-12's 80 min, not 20.
        let mut spans = vec![
            span(CONV, "a", Level::PartialOutage, now() - DAY_MS, Some(20)),
            span(
                SEARCH,
                "a",
                Level::Degraded,
                now() - DAY_MS - 10 * MINUTE_MS,
                Some(80),
            ),
        ];
        for n in 0..4 {
            spans.push(span(
                CONV,
                &format!("b{n}"),
                Level::MajorOutage,
                now() - 2 * DAY_MS,
                Some(30),
            ));
        }
        // Not finished (a period still open), a maintenance, periods of no incident: none count.
        spans.push(span(
            CONV,
            "open",
            Level::PartialOutage,
            now() - 3 * DAY_MS,
            Some(10),
        ));
        spans.push(span(
            SEARCH,
            "open",
            Level::PartialOutage,
            now() - 3 * DAY_MS,
            None,
        ));
        spans.push(span(
            CONV,
            "m",
            Level::Maintenance,
            now() - 3 * DAY_MS,
            Some(10),
        ));
        spans.push(span(
            CONV,
            "",
            Level::PartialOutage,
            now() - 3 * DAY_MS,
            Some(10),
        ));
        let history = Impacts {
            spans,
            ..Impacts::default()
        };
        let e = estimate(&history, &[CONV.into()], Level::PartialOutage, now()).expect("5");
        assert_eq!((e.count, e.median_mins, e.p75_mins), (5, 30, 30));
        assert_eq!(e.p25_mins, 30);
        let lengths: Vec<i64> = finished(&history).iter().map(|f| f.end - f.start).collect();
        assert!(lengths.contains(&(80 * MINUTE_MS)), "{lengths:?}");
        assert_eq!(finished(&history).len(), 6, "a, b0–b3 and the maintenance");
        assert_eq!(
            estimate(&history, &[CONV.into()], Level::Maintenance, now()),
            None
        );
    }

    #[test]
    fn uptime_counts_major_fully_partial_half_overlaps_once_and_ongoing_up_to_now() {
        let from = now() - 30 * DAY_MS;
        let total = 30 * 24 * 60;
        let major = span(CONV, "a", Level::MajorOutage, now() - DAY_MS, Some(60));
        let partial = span(CONV, "b", Level::PartialOutage, now() - DAY_MS, Some(120));
        let degraded = span(CONV, "c", Level::Degraded, now() - DAY_MS, Some(600));
        // 60 min major, then 60 more partial (half): 90 minutes down.
        let up = uptime_30(&[&major, &partial, &degraded], from, now()).unwrap();
        assert_eq!(up, (total - 90) * 10_000 / total);
        // Going on for the last 43 minutes, at a major outage: counted up to now.
        let open = span(CONV, "d", Level::MajorOutage, now() - 43 * MINUTE_MS, None);
        assert_eq!(
            uptime_30(&[&open], from, now()),
            Some((total - 43) * 10_000 / total)
        );
        // One minute down in 30 days rounds down, never to 100.00.
        let blip = span(CONV, "e", Level::MajorOutage, now() - DAY_MS, Some(1));
        assert_eq!(uptime_30(&[&blip], from, now()), Some(9_999));
        assert_eq!(uptime_30(&[], from, now()), Some(10_000));
        assert_eq!(uptime_30(&[], now(), now()), None);
    }

    #[test]
    fn the_view_has_the_pages_uptime_and_what_happens_now_on_todays_bar() {
        let snap = parse_native_summary(OUTAGE).unwrap();
        let v = view(&fetched(), Some(&snap), &watch(&["ChatGPT"]), now(), 0);
        assert_eq!(v.groups.len(), 1);
        let g = &v.groups[0];
        assert_eq!((g.name.as_str(), g.days.len()), ("ChatGPT", 90));
        let conv = &g.components[0];
        assert_eq!(conv.name, "Conversations");
        assert_eq!(
            conv.uptime_90,
            Some(99.92),
            "the page's figure, read from a string"
        );
        // The group: the mean of its 15 components' figures from the page.
        let want = (99.92 + 99.98 + 13.0 * 100.0) / 15.0;
        assert_eq!(g.uptime_90, Some((want * 100.0_f64).round() / 100.0));
        // Today: the ongoing impact (no end_at), on the component and the group.
        let today = g.days.last().unwrap();
        assert_eq!(today.day, at("2026-09-15T00:00:00Z"));
        assert_eq!(today.level, Level::PartialOutage);
        assert_eq!(today.affected, ["Conversations"]);
        assert_eq!(conv.days.last().unwrap().level, Level::PartialOutage);
        assert!(conv.days.last().unwrap().affected.is_empty());
        // 2026-09-12: Conversations partial, Search degraded.
        let day = &g.days[86];
        assert_eq!(day.day, at("2026-09-12T00:00:00Z"));
        assert_eq!(day.level, Level::PartialOutage);
        assert_eq!(day.affected, ["Conversations", "Search"]);
        // Sites: the page has data since 2026-08-26 only.
        let sites = g.components.iter().find(|c| c.name == "Sites").unwrap();
        let first_known = sites.days.iter().position(|d| !d.no_data).unwrap();
        assert_eq!(sites.days[first_known].day, at("2026-08-26T00:00:00Z"));
        assert_eq!(sites.days[0].level, Level::Unknown);
        assert!(!g.days[0].no_data, "other components have data then");
        // 30 days of Conversations: 4 finished partial outages (20+30+35+47 min) and the
        // ongoing one since 11:15, all at half weight.
        let total = 30 * 24 * 60;
        let down = (20 + 30 + 35 + 47 + 45) / 2;
        assert_eq!(
            conv.uptime_30,
            Some(percent((total - down) * 10_000 / total))
        );
    }

    #[test]
    fn todays_bar_shows_the_snapshot_even_before_the_history_has_it() {
        let snap = parse_native_summary(OUTAGE).unwrap();
        let v = view(
            &History::default(),
            Some(&snap),
            &watch(&["ChatGPT"]),
            now(),
            0,
        );
        let g = &v.groups[0];
        assert!(v.stale && v.fetched_at.is_none());
        assert_eq!(g.days.last().unwrap().level, Level::PartialOutage);
        assert!(g.days[..89]
            .iter()
            .all(|d| d.no_data && d.level == Level::Unknown));
        assert_eq!((g.uptime_30, g.uptime_90), (None, None));
        // The recent incidents have it too, ongoing.
        assert_eq!(v.recent_incidents.len(), 1);
        assert_eq!(v.recent_incidents[0].ended_at, None);
    }

    #[test]
    fn days_are_the_users_local_days() {
        let snap = parse_native_summary(CLEAR).unwrap();
        // UTC+2: today began at 22:00 UTC the day before.
        let v = view(&fetched(), Some(&snap), &watch(&["ChatGPT"]), now(), 120);
        let days = &v.groups[0].days;
        assert_eq!(days[89].day, at("2026-09-14T22:00:00Z"));
        assert_eq!(days[88].day - days[87].day, DAY_MS);
        // UTC−10: it is 02:00 on the 15th; the 12th's incident at 09:00 UTC happened at
        // 23:00 on the local 11th, and its Search period at 23:05.
        let v = view(&fetched(), Some(&snap), &watch(&["ChatGPT"]), now(), -600);
        let days = &v.groups[0].days;
        assert_eq!(days[89].day, at("2026-09-15T10:00:00Z"));
        let eleventh = days
            .iter()
            .find(|d| d.day == at("2026-09-11T10:00:00Z"))
            .unwrap();
        assert_eq!(eleventh.affected, ["Conversations", "Search"]);
        // Today, with all operational now: the ongoing impact from the history still shows.
        assert_eq!(days[89].level, Level::PartialOutage);
    }

    #[test]
    fn recent_incidents_are_the_watched_ones_of_the_last_week_newest_first() {
        let snap = parse_native_summary(OUTAGE).unwrap();
        let v = view(&fetched(), Some(&snap), &watch(&["ChatGPT"]), now(), 0);
        let ids: Vec<&str> = v.recent_incidents.iter().map(|r| r.id.as_str()).collect();
        // Not: the API login outage (APIs not watched), the maintenance, the unknown
        // component's outage, anything older than 7 days.
        assert_eq!(
            ids,
            ["01K5PART1A10UTAGE000000001", "01K4HIST0RY000000000000000"]
        );
        let now_on = &v.recent_incidents[0];
        assert_eq!(now_on.ended_at, None, "ongoing");
        assert_eq!(
            now_on.started_at,
            at("2026-09-15T11:15:00Z"),
            "its impact began first"
        );
        assert_eq!(
            now_on.url,
            "https://status.openai.com/incidents/01K5PART1A10UTAGE000000001"
        );
        let past = &v.recent_incidents[1];
        assert_eq!(past.name, "Elevated error rates in ChatGPT conversations");
        assert_eq!(past.level, Level::PartialOutage);
        assert_eq!(
            (past.started_at, past.ended_at),
            (at("2026-09-12T09:00:00Z"), Some(at("2026-09-12T09:20:00Z")))
        );
        // Watching the APIs: its login outage, not the maintenance.
        let v = view(&fetched(), Some(&snap), &watch(&["APIs"]), now(), 0);
        let ids: Vec<&str> = v.recent_incidents.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["01K4HIST0RY000000000000020"]);
        assert_eq!(v.recent_incidents[0].level, Level::MajorOutage);
        // A maintenance colours its day all the same.
        let responses = &v.groups[0].components[1];
        assert_eq!(responses.name, "Responses");
        assert_eq!(responses.days[87].level, Level::Maintenance);
    }

    #[test]
    fn watched_names_missing_from_the_page_show_every_group() {
        let snap = parse_native_summary(CLEAR).unwrap();
        let v = view(&fetched(), Some(&snap), &watch(&["Gone"]), now(), 0);
        let names: Vec<&str> = v.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            ["ChatGPT", "APIs", "Codex", "FedRAMP", "Ads Platform"]
        );
        assert!(view(&fetched(), None, &watch(&["ChatGPT"]), now(), 0)
            .groups
            .is_empty());
    }

    #[test]
    fn the_history_is_asked_for_a_few_times_a_day_and_when_incidents_change() {
        let mut h = History::default();
        assert!(history_due(&h, &[], now()));
        h.asked_at = Some(now());
        assert!(!history_due(&h, &[], now() + HISTORY_REFRESH_MS - 1));
        assert!(history_due(&h, &[], now() + HISTORY_REFRESH_MS));
        assert!(history_due(&h, &[], now() - 1), "a clock that went back");
        let open = ["x".to_owned()];
        assert!(!history_due(&h, &open, now() + HISTORY_CHANGE_GAP_MS - 1));
        assert!(history_due(&h, &open, now() + HISTORY_CHANGE_GAP_MS));
        h.open = open.to_vec();
        assert!(!history_due(&h, &open, now() + HISTORY_CHANGE_GAP_MS));
        assert!(
            history_due(&h, &[], now() + HISTORY_CHANGE_GAP_MS),
            "it ended"
        );
    }

    #[test]
    fn a_failure_keeps_the_last_good_history_and_says_it_is_stale() {
        let mut h = fetched();
        assert!(!h.stale(now()));
        assert!(h.stale(now() + HISTORY_STALE_MS + 1), "old");
        let kept = h.impacts.clone();
        h.record(None, now() + 1);
        assert!(h.failed && h.stale(now() + 1));
        assert_eq!((h.impacts.clone(), h.fetched_at), (kept, Some(now())));
        h.record(Some(Impacts::default()), now() + 2);
        assert!(!h.stale(now() + 2));
    }

    #[test]
    fn condense_keeps_every_period_but_only_the_recent_incidents_names() {
        let impacts = Impacts {
            spans: vec![
                span(
                    CONV,
                    "old",
                    Level::MajorOutage,
                    now() - 20 * DAY_MS,
                    Some(10),
                ),
                span(
                    CONV,
                    "new",
                    Level::MajorOutage,
                    now() - 2 * DAY_MS,
                    Some(10),
                ),
                span(CONV, "open", Level::MajorOutage, now() - 30 * DAY_MS, None),
            ],
            uptimes: vec![Uptime::default()],
            incidents: ["old", "new", "open", "none"]
                .iter()
                .map(|id| IncidentLink {
                    id: (*id).into(),
                    ..IncidentLink::default()
                })
                .collect(),
        };
        let kept = condense(impacts, now());
        assert_eq!((kept.spans.len(), kept.uptimes.len()), (3, 1));
        let ids: Vec<&str> = kept.incidents.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["new", "open"]);
    }

    #[test]
    fn the_fingerprint_ignores_only_the_time_of_the_view() {
        let snap = parse_native_summary(CLEAR).unwrap();
        let a = view(&fetched(), Some(&snap), &watch(&["ChatGPT"]), now(), 0);
        let b = view(
            &fetched(),
            Some(&snap),
            &watch(&["ChatGPT"]),
            now() + 60_000,
            0,
        );
        assert_eq!(fingerprint(&a), fingerprint(&b));
        // What happens now changes it (here the history doesn't have the outage yet).
        let outage = parse_native_summary(OUTAGE).unwrap();
        let none = History::default();
        let c = view(&none, Some(&snap), &watch(&["ChatGPT"]), now(), 0);
        let d = view(&none, Some(&outage), &watch(&["ChatGPT"]), now(), 0);
        assert_ne!(fingerprint(&c), fingerprint(&d));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }
}

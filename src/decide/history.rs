//! The incident history, reduced to what the history features need, and what it tells:
//! how long incidents like the current one lasted, and how reliable each component was.
//!
//! Read from `/proxy/status.openai.com/incidents` a few times a day at most (see
//! [`HISTORY_REFRESH_MS`]); only the condensed form ([`Past`]) is stored, because the raw
//! payload carries every update's full text.
//!
//! Why no precise ETA: incident lengths are spread over two orders of magnitude, so the
//! honest answer is a median with the middle half of the range and the sample size, and
//! nothing at all when there are too few similar incidents.

use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

use crate::decide::verdict::{Estimate, Verdict};
use crate::model::level::Level;
use crate::model::snapshot::{Incident, MINUTE_MS};

const DAY_MS: i64 = 24 * 60 * MINUTE_MS;
/// The history is asked for at most this often.
pub const HISTORY_REFRESH_MS: i64 = 6 * 60 * MINUTE_MS;
/// How far back estimates and reliability look.
pub const WINDOW_DAYS: u32 = 90;
/// Fewer similar incidents than this and no estimate is shown.
pub const MIN_SAMPLES: usize = 5;
/// At most this many past incidents are kept (storage stays small whatever the feed).
const MAX_KEPT: usize = 500;

/// One finished incident: which components, how bad, from when to when.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Past {
    pub id: String,
    pub component_ids: Vec<String>,
    pub level: Level,
    pub start: i64,
    pub end: i64,
    /// Per-component impact periods `(component id, level, start, end)`, for reliability.
    pub impacts: Vec<(String, Level, i64, i64)>,
}

/// Keeps the finished, non-maintenance incidents with a known start and end.
/// The end is the reported resolution time, else the last impact's end.
pub fn condense(incidents: &[Incident]) -> Vec<Past> {
    let mut out: Vec<Past> = Vec::new();
    for i in incidents {
        if i.maintenance || i.is_ongoing() {
            continue;
        }
        let (mut first, mut last) = (None, None);
        for m in &i.impacts {
            if let Some(s) = m.start_at {
                first = Some(first.map_or(s, |f: i64| f.min(s)));
            }
            if let Some(e) = m.end_at {
                last = Some(last.map_or(e, |l: i64| l.max(e)));
            }
        }
        let (Some(start), Some(end)) = (i.started_at.or(first), i.resolved_at.or(last)) else {
            continue;
        };
        if end <= start {
            continue;
        }
        let mut component_ids: Vec<String> = Vec::with_capacity(i.components.len());
        for c in &i.components {
            component_ids.push(c.id.clone());
        }
        let mut impacts = Vec::with_capacity(i.impacts.len());
        for m in &i.impacts {
            if !component_ids.contains(&m.component_id) {
                component_ids.push(m.component_id.clone());
            }
            let s = m.start_at.unwrap_or(start);
            let e = m.end_at.unwrap_or(end);
            if e > s {
                impacts.push((m.component_id.clone(), m.level, s, e));
            }
        }
        out.push(Past {
            id: i.id.clone(),
            component_ids,
            level: i.level,
            start,
            end,
            impacts,
        });
    }
    out.sort_by_key(|p| Reverse(p.end));
    out.truncate(MAX_KEPT);
    out
}

/// Two levels are alike when they are both problems within one step of each other:
/// a degraded incident says little about how long a major outage lasts.
fn alike(a: Level, b: Level) -> bool {
    a.is_problem() && b.is_problem() && a.severity().abs_diff(b.severity()) <= 1
}

/// An honest estimate for an ongoing incident touching `component_ids` at `level`,
/// from similar finished incidents of the last [`WINDOW_DAYS`]; `None` when fewer
/// than [`MIN_SAMPLES`] are similar.
pub fn estimate(
    history: &[Past],
    component_ids: &[String],
    level: Level,
    now: i64,
) -> Option<Estimate> {
    let since = now.saturating_sub(i64::from(WINDOW_DAYS) * DAY_MS);
    // The minutes fit `u32`, as they are shown.
    let mut minutes: Vec<u32> = Vec::new();
    for p in history {
        if p.end >= since
            && p.end <= now
            && alike(p.level, level)
            && p.component_ids.iter().any(|id| component_ids.contains(id))
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

/// One day of one component: the worst level reported and the minutes it counted down.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DayBar {
    /// Start of the day, UTC, ms.
    pub day: i64,
    pub level: Level,
    pub down_mins: u32,
}

/// A component's last [`WINDOW_DAYS`] days, oldest first, and its uptime over the last 30
/// and 90 days in hundredths of a percent (9987 = 99.87 %; integers, so that the figures
/// stored and compared are exact).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reliability {
    pub component_id: String,
    pub name: String,
    pub days: Vec<DayBar>,
    pub uptime_30: u32,
    pub uptime_90: u32,
}

/// Minutes a period counts as down: a major outage fully, a partial outage half (most
/// requests still work), degraded performance not at all — the convention status pages
/// use for their uptime figures.
fn down_weight(level: Level) -> i64 {
    match level {
        Level::MajorOutage => 2,
        Level::PartialOutage => 1,
        _ => 0,
    }
}

/// Daily bars and uptime for one component, from the condensed history.
pub fn reliability(history: &[Past], component_id: &str, name: &str, now: i64) -> Reliability {
    let today = now.div_euclid(DAY_MS) * DAY_MS;
    let first = today - i64::from(WINDOW_DAYS - 1) * DAY_MS;
    let mut days: Vec<DayBar> = Vec::with_capacity(WINDOW_DAYS as usize);
    for d in 0..i64::from(WINDOW_DAYS) {
        days.push(DayBar {
            day: first + d * DAY_MS,
            level: Level::Operational,
            down_mins: 0,
        });
    }
    // Half-minutes of weighted downtime per day, so partial outages stay integers.
    // One per day of the window.
    let mut halves = [0i64; WINDOW_DAYS as usize];
    for p in history {
        for (id, level, start, end) in &p.impacts {
            if id != component_id {
                continue;
            }
            let (start, end) = ((*start).max(first), (*end).min(now));
            let mut day = start.div_euclid(DAY_MS) * DAY_MS;
            while day < end {
                let index = usize::try_from((day - first) / DAY_MS).unwrap_or(usize::MAX);
                if let Some(bar) = days.get_mut(index) {
                    let overlap = (end.min(day + DAY_MS) - start.max(day)).max(0);
                    halves[index] += overlap / MINUTE_MS * down_weight(*level);
                    bar.level = bar.level.worst(*level);
                }
                day += DAY_MS;
            }
        }
    }
    for (bar, h) in days.iter_mut().zip(&halves) {
        bar.down_mins = u32::try_from((h / 2).min(24 * 60)).unwrap_or(0);
    }
    let elapsed_today = (now - today) / MINUTE_MS;
    let uptime = |n: usize| {
        let recent = &days[days.len() - n..];
        let total = (n as i64 - 1) * 24 * 60 + elapsed_today.max(1);
        let mut down: i64 = 0;
        for b in recent {
            down += i64::from(b.down_mins);
        }
        u32::try_from(((total - down.min(total)) * 10_000) / total.max(1)).unwrap_or(0)
    };
    Reliability {
        component_id: component_id.to_owned(),
        name: name.to_owned(),
        uptime_30: uptime(30),
        uptime_90: uptime(WINDOW_DAYS as usize),
        days,
    }
}

/// Adds the estimate to every ongoing incident of `verdict`, on the incident and in each
/// banner that shows it.
pub fn annotate(verdict: &mut Verdict, history: &[Past], now: i64) {
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

/// Reliability of every component of the watched groups (all groups if none of the
/// watched names exists), in page order.
pub fn watched_reliability(
    verdict: &Verdict,
    watched: &[String],
    history: &[Past],
    now: i64,
) -> Vec<Reliability> {
    let is_watched = |name: &str| watched.iter().any(|w| w.eq_ignore_ascii_case(name));
    let any = verdict.groups.iter().any(|g| is_watched(&g.name));
    let mut out = Vec::new();
    for g in &verdict.groups {
        if any && !is_watched(&g.name) {
            continue;
        }
        for c in &g.components {
            out.push(reliability(history, &c.id, &c.name, now));
        }
    }
    out
}

/// True when the history is due to be fetched again.
pub fn history_due(fetched_at: Option<i64>, now: i64) -> bool {
    fetched_at.is_none_or(|t| now.saturating_sub(t) >= HISTORY_REFRESH_MS || t > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000;

    fn past(id: &str, comp: &str, level: Level, start: i64, mins: i64) -> Past {
        let end = start + mins * MINUTE_MS;
        Past {
            id: id.into(),
            component_ids: vec![comp.into()],
            level,
            start,
            end,
            impacts: vec![(comp.into(), level, start, end)],
        }
    }

    fn ago(days: i64) -> i64 {
        NOW - days * DAY_MS
    }

    #[test]
    fn estimate_is_the_median_and_middle_half_of_similar_incidents() {
        let history: Vec<Past> = [10, 20, 30, 47, 60, 95, 200]
            .iter()
            .enumerate()
            .map(|(n, m)| {
                past(
                    &format!("i{n}"),
                    "conv",
                    Level::PartialOutage,
                    ago(n as i64 + 1),
                    *m,
                )
            })
            .collect();
        let e = estimate(&history, &["conv".into()], Level::PartialOutage, NOW)
            .expect("enough samples");
        assert_eq!(e.count, 7);
        assert_eq!(e.median_mins, 47);
        assert_eq!((e.p25_mins, e.p75_mins), (20, 95));
        assert_eq!(e.window_days, WINDOW_DAYS);
    }

    #[test]
    fn too_few_similar_incidents_give_no_estimate() {
        let mut history: Vec<Past> = (0..4)
            .map(|n| past(&format!("i{n}"), "conv", Level::MajorOutage, ago(n + 1), 30))
            .collect();
        // Other components, other levels and old incidents don't count.
        history.push(past("other", "login", Level::MajorOutage, ago(2), 30));
        history.push(past("mild", "conv", Level::Degraded, ago(2), 30));
        history.push(past("old", "conv", Level::MajorOutage, ago(120), 30));
        assert_eq!(
            estimate(&history, &["conv".into()], Level::MajorOutage, NOW),
            None
        );
        history.push(past("i5", "conv", Level::PartialOutage, ago(3), 60));
        assert_eq!(
            estimate(&history, &["conv".into()], Level::MajorOutage, NOW).map(|e| e.count),
            Some(5)
        );
    }

    #[test]
    fn no_estimate_for_maintenance_or_unknown() {
        let history: Vec<Past> = (0..9)
            .map(|n| past(&format!("i{n}"), "conv", Level::Degraded, ago(n + 1), 30))
            .collect();
        assert_eq!(
            estimate(&history, &["conv".into()], Level::Maintenance, NOW),
            None
        );
        assert_eq!(
            estimate(&history, &["conv".into()], Level::Operational, NOW),
            None
        );
        assert!(estimate(&history, &["conv".into()], Level::Degraded, NOW).is_some());
    }

    #[test]
    fn reliability_counts_major_fully_and_partial_half() {
        let today = NOW.div_euclid(DAY_MS) * DAY_MS;
        let history = vec![
            past(
                "a",
                "conv",
                Level::MajorOutage,
                today - 2 * DAY_MS + 60 * MINUTE_MS,
                60,
            ),
            past(
                "b",
                "conv",
                Level::PartialOutage,
                today - DAY_MS + 60 * MINUTE_MS,
                120,
            ),
            past("c", "conv", Level::Degraded, today - 3 * DAY_MS, 600),
            past("d", "login", Level::MajorOutage, today - DAY_MS, 600),
        ];
        let r = reliability(&history, "conv", "Conversations", NOW);
        assert_eq!(r.days.len(), WINDOW_DAYS as usize);
        let last = &r.days[r.days.len() - 4..];
        assert_eq!(
            last.iter()
                .map(|b| (b.level, b.down_mins))
                .collect::<Vec<_>>(),
            vec![
                (Level::Degraded, 0),
                (Level::MajorOutage, 60),
                (Level::PartialOutage, 60),
                (Level::Operational, 0),
            ]
        );
        // 120 weighted minutes down in about 30 days: 99.72 %.
        assert!((9_965..=9_975).contains(&r.uptime_30), "{}", r.uptime_30);
        assert!(r.uptime_90 > r.uptime_30);
    }

    #[test]
    fn an_incident_spanning_midnight_is_split_between_days() {
        let today = NOW.div_euclid(DAY_MS) * DAY_MS;
        let history = vec![past(
            "a",
            "conv",
            Level::MajorOutage,
            today - 30 * MINUTE_MS,
            90,
        )];
        let r = reliability(
            &history,
            "conv",
            "Conversations",
            today + 12 * 60 * MINUTE_MS,
        );
        let n = r.days.len();
        assert_eq!((r.days[n - 2].down_mins, r.days[n - 1].down_mins), (30, 60));
    }

    #[test]
    fn an_empty_history_is_all_up() {
        let r = reliability(&[], "conv", "Conversations", NOW);
        assert_eq!((r.uptime_30, r.uptime_90), (10_000, 10_000));
        assert!(r.days.iter().all(|d| d.level == Level::Operational));
    }

    #[test]
    fn condense_keeps_finished_incidents_with_a_start_and_an_end() {
        use crate::model::snapshot::{ComponentRef, Impact};
        let finished = Incident {
            id: "f".into(),
            status: "resolved".into(),
            level: Level::PartialOutage,
            components: vec![ComponentRef {
                id: "conv".into(),
                ..Default::default()
            }],
            started_at: Some(ago(1)),
            impacts: vec![Impact {
                component_id: "conv".into(),
                level: Level::PartialOutage,
                start_at: Some(ago(1)),
                end_at: Some(ago(1) + 30 * MINUTE_MS),
            }],
            ..Default::default()
        };
        let ongoing = Incident {
            id: "o".into(),
            status: "investigating".into(),
            ..finished.clone()
        };
        let maintenance = Incident {
            id: "m".into(),
            maintenance: true,
            ..finished.clone()
        };
        let no_end = Incident {
            id: "n".into(),
            impacts: vec![],
            resolved_at: None,
            ..finished.clone()
        };
        let kept = condense(&[finished, ongoing, maintenance, no_end]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].end - kept[0].start, 30 * MINUTE_MS);
    }

    #[test]
    fn the_history_is_asked_for_a_few_times_a_day() {
        assert!(history_due(None, NOW));
        assert!(!history_due(Some(NOW - HISTORY_REFRESH_MS + 1), NOW));
        assert!(history_due(Some(NOW - HISTORY_REFRESH_MS), NOW));
        assert!(
            history_due(Some(NOW + DAY_MS), NOW),
            "a clock that went back"
        );
    }
}

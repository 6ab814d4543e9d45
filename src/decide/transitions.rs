//! Changes between two verdicts: the only thing notifications may be driven by
//! (notifying on every poll was a peer's bug).
//!
//! Rules:
//! - Incident events need usable data in the new verdict (fresh or stale).
//! - `incident_resolved` needs a *fresh native* new verdict: a failed fetch
//!   resolves nothing, and compat summaries often omit the incidents key, so a
//!   fallback to compat must not "resolve" everything.
//! - Level changes (worsened/improved) are only compared between verdicts from the
//!   same source, whose levels are derived alike.
//! - Without a previous verdict (first run), every ongoing incident "starts".
//! - `key()` is stable per event, so the shell can deduplicate notifications
//!   (e.g. the same incident re-"starting" after a compat interlude).

use serde::{Deserialize, Serialize};

use crate::decide::verdict::{FreshnessState, IncidentView, MaintenanceView, Verdict};
use crate::model::level::Level;
use crate::model::snapshot::{SourceKind, MINUTE_MS};

/// How far ahead `maintenance_soon` looks.
pub const MAINTENANCE_SOON_MS: i64 = 60 * MINUTE_MS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    IncidentStarted {
        incident_id: String,
        name: String,
        level: Level,
        url: String,
        watched: bool,
    },
    IncidentWorsened {
        incident_id: String,
        name: String,
        level: Level,
        previous_level: Level,
        url: String,
        watched: bool,
    },
    IncidentImproved {
        incident_id: String,
        name: String,
        level: Level,
        previous_level: Level,
        url: String,
        watched: bool,
    },
    IncidentResolved {
        incident_id: String,
        name: String,
        previous_level: Level,
        url: String,
        watched: bool,
    },
    MaintenanceSoon {
        maintenance_id: String,
        name: String,
        starts_at: i64,
        url: String,
    },
    /// The data became unusable (unreachable or unreadable).
    DataStale {
        state: FreshnessState,
        /// Last success, if any.
        since: Option<i64>,
        failures: u32,
    },
    /// Usable data again after being unreachable/unreadable.
    DataRecovered { at: i64 },
}

impl Event {
    /// Stable deduplication key, e.g. `incident_started:01K…`,
    /// `incident_worsened:01K…:major_outage`, `maintenance_soon:01K…:1789…`,
    /// `data_stale:1789…` (or `data_stale:never`), `data_recovered:1789…`.
    pub fn key(&self) -> String {
        match self {
            Event::IncidentStarted { incident_id, .. } => {
                format!("incident_started:{incident_id}")
            }
            Event::IncidentWorsened {
                incident_id, level, ..
            } => format!("incident_worsened:{incident_id}:{}", level.as_str()),
            Event::IncidentImproved {
                incident_id, level, ..
            } => format!("incident_improved:{incident_id}:{}", level.as_str()),
            Event::IncidentResolved { incident_id, .. } => {
                format!("incident_resolved:{incident_id}")
            }
            Event::MaintenanceSoon {
                maintenance_id,
                starts_at,
                ..
            } => format!("maintenance_soon:{maintenance_id}:{starts_at}"),
            Event::DataStale { since, .. } => match since {
                Some(t) => format!("data_stale:{t}"),
                None => "data_stale:never".to_owned(),
            },
            Event::DataRecovered { at } => format!("data_recovered:{at}"),
        }
    }

    /// The incident this event is about, if any.
    pub fn incident_id(&self) -> Option<&str> {
        match self {
            Event::IncidentStarted { incident_id, .. }
            | Event::IncidentWorsened { incident_id, .. }
            | Event::IncidentImproved { incident_id, .. }
            | Event::IncidentResolved { incident_id, .. } => Some(incident_id),
            _ => None,
        }
    }
}

fn bad(state: FreshnessState) -> bool {
    matches!(
        state,
        FreshnessState::Unreachable | FreshnessState::Unreadable
    )
}

fn soon(m: &MaintenanceView, now: i64) -> bool {
    !m.in_progress
        && m.starts_at
            .is_some_and(|s| s > now && s <= now.saturating_add(MAINTENANCE_SOON_MS))
}

fn changed(i: &IncidentView, previous: Level) -> Option<Event> {
    let (incident_id, name, level, url, watched) = (
        i.id.clone(),
        i.name.clone(),
        i.level,
        i.url.clone(),
        i.watched,
    );
    if level.severity() > previous.severity() {
        Some(Event::IncidentWorsened {
            incident_id,
            name,
            level,
            previous_level: previous,
            url,
            watched,
        })
    } else if level.severity() < previous.severity() {
        Some(Event::IncidentImproved {
            incident_id,
            name,
            level,
            previous_level: previous,
            url,
            watched,
        })
    } else {
        None
    }
}

/// Events between the previous stored verdict (if any) and the new one.
pub fn events(prev: Option<&Verdict>, next: &Verdict, now: i64) -> Vec<Event> {
    let mut out = Vec::new();
    let prev_state = prev.map(|p| p.freshness.state);
    let next_state = next.freshness.state;

    if prev_state.is_some_and(bad) && next_state.usable() {
        out.push(Event::DataRecovered {
            at: next.data_at.unwrap_or(now),
        });
    }

    if next_state.usable() {
        let before: &[IncidentView] = prev.map(|p| p.incidents.as_slice()).unwrap_or(&[]);
        let same_source = prev.is_some_and(|p| p.source == next.source);
        for i in &next.incidents {
            match before.iter().find(|b| b.id == i.id) {
                None => out.push(Event::IncidentStarted {
                    incident_id: i.id.clone(),
                    name: i.name.clone(),
                    level: i.level,
                    url: i.url.clone(),
                    watched: i.watched,
                }),
                Some(b) if same_source => out.extend(changed(i, b.level)),
                Some(_) => {}
            }
        }
        let can_resolve =
            next_state == FreshnessState::Fresh && next.source == Some(SourceKind::Native);
        if can_resolve {
            for b in before {
                if !next.incidents.iter().any(|i| i.id == b.id) {
                    out.push(Event::IncidentResolved {
                        incident_id: b.id.clone(),
                        name: b.name.clone(),
                        previous_level: b.level,
                        url: b.url.clone(),
                        watched: b.watched,
                    });
                }
            }
        }

        for m in next.maintenances.iter().filter(|m| soon(m, now)) {
            let was_soon = prev.is_some_and(|p| {
                p.maintenances.iter().any(|pm| {
                    pm.id == m.id && pm.starts_at == m.starts_at && soon(pm, p.checked_at)
                })
            });
            if !was_soon {
                if let Some(starts_at) = m.starts_at {
                    out.push(Event::MaintenanceSoon {
                        maintenance_id: m.id.clone(),
                        name: m.name.clone(),
                        starts_at,
                        url: m.url.clone(),
                    });
                }
            }
        }
    }

    if bad(next_state) && !prev_state.is_some_and(bad) {
        out.push(Event::DataStale {
            state: next_state,
            since: next.data_at,
            failures: next.freshness.failures,
        });
    }
    out
}

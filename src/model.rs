//! The normalised snapshot of the status page: what every source is turned into.
//!
//! The extension stores a [`Snapshot`] between service-worker runs (so that compat
//! fallbacks can reuse the last native group structure), hence Serialize +
//! Deserialize with `#[serde(default)]` everywhere: an older stored snapshot must
//! still load after an update adds fields.
//!
//! Everything is keyed by id. Names are for display only: two components are both
//! called "Login" (ChatGPT's and the API's).

use serde::{Deserialize, Serialize};
use serde_with::{serde_as, DefaultOnError, VecSkipError};

use crate::level::Level;

/// Which family of endpoints a snapshot was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// incident.io's own summary (`/proxy/status.openai.com`). Primary.
    #[default]
    Native,
    /// Statuspage-compatible `/api/v2/*.json`. Fallback: lossy.
    Compat,
}

/// Everything we know about the page at one moment.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub source: SourceKind,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub page_name: String,
    /// Groups in page order.
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub groups: Vec<Group>,
    /// Top-level components that belong to no group, in page order.
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub components: Vec<Component>,
    /// Ongoing incidents (history parsers may also return resolved ones).
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub incidents: Vec<Incident>,
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub maintenances: Vec<Maintenance>,
    /// Page-wide indicator (compat `status.indicator`), if the source had one.
    /// Deliberately *not* used for per-page banners (it flags ChatGPT for an
    /// API-only incident); it only fills `overall` when no component is known.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub page_indicator: Option<Level>,
}

/// A group of components as laid out on the page.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub name: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub hidden: bool,
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub components: Vec<Component>,
}

/// One component and its current level.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Component {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub name: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub hidden: bool,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub level: Level,
    /// The status string as the source spelled it (`None` when the source said
    /// nothing, which for native `affected_components` means operational).
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub raw_status: Option<String>,
}

/// A component as referenced by an incident or maintenance.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentRef {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub name: String,
    /// The impact the incident declares for this component.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub level: Level,
}

/// One status update, as posted by OpenAI.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Update {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub at: Option<i64>,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub status: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub text: String,
}

/// The impact of an incident on one component over a period (native history).
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Impact {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub component_id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub level: Level,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub start_at: Option<i64>,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub end_at: Option<i64>,
}

/// An incident (or, in history payloads, possibly a maintenance: see `maintenance`).
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Incident {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub name: String,
    /// Raw status: `investigating | identified | monitoring | resolved` (or new values).
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub status: String,
    /// Derived: the worst declared component impact (there is no `impact` field
    /// natively). Unknown when the incident lists no component and no summary.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub level: Level,
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub components: Vec<ComponentRef>,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub started_at: Option<i64>,
    /// When the incident was resolved, when known (history payloads).
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub resolved_at: Option<i64>,
    /// Latest first.
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub updates: Vec<Update>,
    /// Per-component impact periods (native), kept for history-based features.
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub impacts: Vec<Impact>,
    /// True when the source typed this entry as a maintenance.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub maintenance: bool,
}

impl Incident {
    /// True unless the status says it is over. Unknown statuses count as ongoing:
    /// an incident we cannot read is not "all clear".
    pub fn is_ongoing(&self) -> bool {
        !is_closed_status(&self.status)
    }
}

/// A planned maintenance window.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Maintenance {
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub id: String,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub name: String,
    /// Raw status: `maintenance_scheduled | maintenance_in_progress | …`.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub status: String,
    /// As reported by the source. `decide` also treats a window whose start has
    /// passed as in progress.
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub in_progress: bool,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub starts_at: Option<i64>,
    #[serde_as(deserialize_as = "DefaultOnError")]
    pub ends_at: Option<i64>,
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub components: Vec<ComponentRef>,
    /// Latest first.
    #[serde_as(deserialize_as = "DefaultOnError<VecSkipError<_>>")]
    pub updates: Vec<Update>,
}

impl Maintenance {
    /// True when the status says the window is over (or was cancelled).
    pub fn is_over(&self) -> bool {
        is_closed_status(&self.status)
    }
}

/// Statuses (both vocabularies) that mean "this is over".
pub fn is_closed_status(status: &str) -> bool {
    crate::text::is_one_of(
        crate::text::trim(status),
        &[
            "resolved",
            "postmortem",
            "completed",
            "maintenance_complete",
            "maintenance_completed",
            "cancelled",
            "canceled",
            "closed",
        ],
    )
}

/// Where a component sits on the page.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub component: &'a Component,
    /// `None` for a top-level component.
    pub group: Option<&'a Group>,
}

impl Placed<'_> {
    /// Hidden itself, or inside a hidden group.
    pub fn hidden(&self) -> bool {
        self.component.hidden || self.group.is_some_and(|g| g.hidden)
    }
}

impl Snapshot {
    /// Every component with its group, page order (groups first, then top-level).
    pub fn placed(&self) -> impl Iterator<Item = Placed<'_>> {
        self.groups
            .iter()
            .flat_map(|g| {
                g.components.iter().map(move |c| Placed {
                    component: c,
                    group: Some(g),
                })
            })
            .chain(self.components.iter().map(|c| Placed {
                component: c,
                group: None,
            }))
    }

    /// All placements of a component id (an id may, through drift, appear twice).
    pub fn find<'s>(&'s self, id: &'s str) -> impl Iterator<Item = Placed<'s>> + 's {
        // Filtered before flattening: stepping every component through the nested
        // iterators of `placed` is what a look-up cost. Ids mostly differ at the end (a
        // ULID's random part), so that byte is compared first.
        let is = move |c: &&Component| crate::text::same(&c.id, id);
        let grouped = self.groups.iter().flat_map(move |g| {
            g.components.iter().filter(is).map(move |c| Placed {
                component: c,
                group: Some(g),
            })
        });
        let loose = self.components.iter().filter(is).map(|c| Placed {
            component: c,
            group: None,
        });
        grouped.chain(loose)
    }

    /// Whether any component has this id: [`Snapshot::find`] as plain loops, for the
    /// parsers (each use of the nested iterators is code of its own in the wasm).
    pub fn has(&self, id: &str) -> bool {
        for g in &self.groups {
            for c in &g.components {
                if crate::text::same(&c.id, id) {
                    return true;
                }
            }
        }
        for c in &self.components {
            if crate::text::same(&c.id, id) {
                return true;
            }
        }
        false
    }

    /// Whether there is any component, grouped or not (`placed().next().is_some()`).
    pub fn has_components(&self) -> bool {
        for g in &self.groups {
            if !g.components.is_empty() {
                return true;
            }
        }
        !self.components.is_empty()
    }

    /// Fills in update text for ongoing incidents from a history payload (same id),
    /// for sources whose summaries carry no or empty update bodies.
    pub fn merge_history(&mut self, history: &[Incident]) {
        for inc in &mut self.incidents {
            let Some(h) = history.iter().find(|h| h.id == inc.id) else {
                continue;
            };
            let empty = inc
                .updates
                .iter()
                .all(|u| crate::text::trim(&u.text).is_empty());
            if empty && !h.updates.is_empty() {
                inc.updates = h.updates.clone();
            }
            if inc.impacts.is_empty() {
                inc.impacts = h.impacts.clone();
            }
            if inc.started_at.is_none() {
                inc.started_at = h.started_at;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_statuses() {
        for s in [
            "resolved",
            "Postmortem",
            "maintenance_complete",
            "completed",
        ] {
            assert!(is_closed_status(s), "{s}");
        }
        for s in ["investigating", "monitoring", "", "escalated"] {
            assert!(!is_closed_status(s), "{s}");
        }
    }

    #[test]
    fn merges_history_text() {
        let mut snap = Snapshot {
            incidents: vec![Incident {
                id: "a".into(),
                updates: vec![Update::default()],
                ..Incident::default()
            }],
            ..Snapshot::default()
        };
        let hist = [Incident {
            id: "a".into(),
            started_at: Some(5),
            updates: vec![Update {
                at: Some(5),
                status: "identified".into(),
                text: "full text".into(),
            }],
            ..Incident::default()
        }];
        snap.merge_history(&hist);
        assert_eq!(snap.incidents[0].updates[0].text, "full text");
        assert_eq!(snap.incidents[0].started_at, Some(5));
    }

    #[test]
    fn old_stored_snapshot_loads() {
        let s: Snapshot = serde_json::from_str(r#"{"groups":[{"name":"ChatGPT"}]}"#).unwrap();
        assert_eq!(s.groups[0].name, "ChatGPT");
        assert_eq!(s.source, SourceKind::Native);
    }
}

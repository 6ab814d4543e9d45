//! The page's own history, as `/proxy/status.openai.com/component_impacts` gives it and as
//! the core keeps it: each component's impact periods, the uptime figure the page shows
//! beside its bars, and the names of the incidents the periods belong to.
//!
//! This is also the stored form (the raw payload carries impact ids and permalinks the
//! core never uses), so every field is optional on reading.

use serde::{Deserialize, Serialize};

use crate::model::level::Level;

/// What one `component_impacts` answer says.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Impacts {
    pub spans: Vec<Span>,
    pub uptimes: Vec<Uptime>,
    pub incidents: Vec<IncidentLink>,
}

/// One component impacted at one level over a period, by one incident.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Span {
    pub component_id: String,
    /// The incident (or maintenance) it belongs to; empty when the page gave none.
    pub incident_id: String,
    pub level: Level,
    pub start: i64,
    /// `None` while it is still going on.
    pub end: Option<i64>,
}

/// The page's uptime figure for one component over the window asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Uptime {
    pub component_id: String,
    /// Percent, as the page shows it (99.92).
    pub uptime: f64,
    /// The page has no data about the component before this time.
    pub since: Option<i64>,
}

/// An incident the periods point at: its name and status, for the recent incidents.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentLink {
    pub id: String,
    pub name: String,
    pub status: String,
    pub published_at: Option<i64>,
}

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

use crate::model::level::Level;

/// Milliseconds in one minute. Every time in the core (`started_at`, an update's `at`,
/// "now") is an `i64` count of milliseconds since the Unix epoch, and "now" is always
/// passed in, so that decisions stay pure and testable.
pub const MINUTE_MS: i64 = 60_000;

/// Parses an RFC 3339 timestamp (`2026-01-30T10:42:56.002Z`, `…+02:00`) into ms since
/// the epoch, `None` on anything else. Lenient where real feeds are sloppy: surrounding
/// whitespace, `t` or a space as the separator, a lowercase `z`, offsets written `+0200`
/// or `+02`. Digits below the millisecond are dropped (rounded down, as the page's own
/// times have milliseconds at most).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    let s = s.trim();
    // `time` reads RFC 3339 as written (any separator, `z` in either case), but only
    // `+hh:mm` offsets: the two shorter spellings are rewritten to that one first.
    let at = match with_colon_offset(s) {
        Some(normalised) => time::OffsetDateTime::parse(&normalised, &Rfc3339),
        None => time::OffsetDateTime::parse(s, &Rfc3339),
    }
    .ok()?;
    i64::try_from(at.unix_timestamp_nanos().div_euclid(1_000_000)).ok()
}

/// `…+0200` → `…+02:00` and `…+02` → `…+02:00`; `None` when the offset is already
/// written with a colon, is `Z`, or is none of these.
fn with_colon_offset(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let is_offset = |tail: &[u8]| {
        matches!(tail.first(), Some(b'+' | b'-')) && tail[1..].iter().all(u8::is_ascii_digit)
    };
    // Only past the date and time (19 bytes), so that the date's dashes are never taken
    // for a sign.
    let tail = |n: usize| {
        bytes
            .len()
            .checked_sub(n)
            .filter(|&i| i >= 19)
            .map(|i| &bytes[i..])
    };
    if tail(5).is_some_and(is_offset) {
        Some(format!("{}:{}", &s[..s.len() - 2], &s[s.len() - 2..]))
    } else if tail(3).is_some_and(is_offset) {
        Some(format!("{s}:00"))
    } else {
        None
    }
}

/// Formats ms since the epoch as RFC 3339 UTC: `2026-09-15T12:00:00Z`, with `.mmm` only
/// when there are milliseconds (the stored verdicts and the golden files hold this form).
/// Never panics: a time beyond what `time` can hold is written as the nearest one it can
/// (years -9999 and 9999).
pub fn format_rfc3339(ms: i64) -> String {
    use time::{OffsetDateTime, PrimitiveDateTime};
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(
        if ms < 0 {
            PrimitiveDateTime::MIN.assume_utc()
        } else {
            PrimitiveDateTime::MAX.assume_utc()
        },
    );
    let (date, clock) = (at.date(), at.time());
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.year(),
        u8::from(date.month()),
        date.day(),
        clock.hour(),
        clock.minute(),
        clock.second()
    );
    if ms.rem_euclid(1000) != 0 {
        out.push_str(&format!(".{:03}", clock.millisecond()));
    }
    out.push('Z');
    out
}

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub source: SourceKind,
    pub page_name: String,
    /// Groups in page order.
    pub groups: Vec<Group>,
    /// Top-level components that belong to no group, in page order.
    pub components: Vec<Component>,
    /// Ongoing incidents (history parsers may also return resolved ones).
    pub incidents: Vec<Incident>,
    pub maintenances: Vec<Maintenance>,
    /// Page-wide indicator (compat `status.indicator`, or its `description` when that is
    /// "All Systems Operational" and the indicator unreadable), if the source had one.
    /// Deliberately *not* used for per-page banners (it flags ChatGPT for an
    /// API-only incident); it fills `overall` when no component is known, and an
    /// operational headline vouches for the components the compat summary left out.
    pub page_indicator: Option<Level>,
}

/// A group of components as laid out on the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub hidden: bool,
    pub components: Vec<Component>,
}

/// One component and its current level.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub hidden: bool,
    pub level: Level,
    /// The status string as the source spelled it (`None` when the source said
    /// nothing, which for native `affected_components` means operational).
    pub raw_status: Option<String>,
    /// The compat summary left it out (it does so by design; only components.json lists
    /// every component): its state is not known from this feed, and `level` is unknown.
    /// What that means for its group is `decide`'s call (the page's headline).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_reported: bool,
}

/// A component as referenced by an incident or maintenance.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentRef {
    pub id: String,
    pub name: String,
    /// The impact the incident declares for this component.
    pub level: Level,
}

/// One status update, as posted by OpenAI.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Update {
    pub at: Option<i64>,
    pub status: String,
    pub text: String,
}

/// The impact of an incident on one component over a period (native history).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Impact {
    pub component_id: String,
    pub level: Level,
    pub start_at: Option<i64>,
    pub end_at: Option<i64>,
}

/// An incident (or, in history payloads, possibly a maintenance: see `maintenance`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Incident {
    pub id: String,
    pub name: String,
    /// Raw status: `investigating | identified | monitoring | resolved` (or new values).
    pub status: String,
    /// Derived: the worst declared component impact (there is no `impact` field
    /// natively). Unknown when the incident lists no component and no summary.
    pub level: Level,
    pub components: Vec<ComponentRef>,
    pub started_at: Option<i64>,
    /// When the incident was resolved, when known (history payloads).
    pub resolved_at: Option<i64>,
    /// Latest first.
    pub updates: Vec<Update>,
    /// Per-component impact periods (native), kept for history-based features.
    pub impacts: Vec<Impact>,
    /// True when the source typed this entry as a maintenance.
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Maintenance {
    pub id: String,
    pub name: String,
    /// Raw status: `maintenance_scheduled | maintenance_in_progress | …`.
    pub status: String,
    /// As reported by the source. `decide` also treats a window whose start has
    /// passed as in progress.
    pub in_progress: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub components: Vec<ComponentRef>,
    /// Latest first.
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
    let status = status.trim();
    [
        "resolved",
        "postmortem",
        "completed",
        "maintenance_complete",
        "maintenance_completed",
        "cancelled",
        "canceled",
        "closed",
    ]
    .iter()
    .any(|w| status.eq_ignore_ascii_case(w))
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
        // iterators of `placed` is what a look-up cost.
        let is = move |c: &&Component| c.id == id;
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

    /// Whether any component has this id.
    pub fn has(&self, id: &str) -> bool {
        self.find(id).next().is_some()
    }

    /// Whether there is any component, grouped or not.
    pub fn has_components(&self) -> bool {
        self.placed().next().is_some()
    }

    /// Fills in update text for ongoing incidents from a history payload (same id),
    /// for sources whose summaries carry no or empty update bodies.
    pub fn merge_history(&mut self, history: &[Incident]) {
        for inc in &mut self.incidents {
            let Some(h) = history.iter().find(|h| h.id == inc.id) else {
                continue;
            };
            let empty = inc.updates.iter().all(|u| u.text.trim().is_empty());
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
    fn parses_real_shapes() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-01-30T10:42:56.002Z"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T11:21:05.2Z"),
            parse_rfc3339("2026-01-30T11:21:05.200Z")
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T12:42:56.002123456+02:00"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T05:42:56.002-0500"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T12:42:56.002+02"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339(" 2026-01-30t10:42:56.002z\n"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30 10:42:56.002Z"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00z"),
            Some(1_709_164_800_000)
        );
        // Before the epoch, a fraction below the millisecond rounds down.
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59.9995Z"), Some(-1));
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "not a date",
            "2026-01-30",
            "2026-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-01-30T24:00:00Z",
            "2026-01-30T10:42:56.Z",
            "2026-01-30T10:42:56",
            "2026-01-30T10:42:56Zjunk",
            "2026-01-30T10:42:56+2",
            "２０２６-01-30T10:42:56Z",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s}");
        }
    }

    #[test]
    fn formats_as_the_stored_verdicts_do() {
        for s in [
            "2026-09-15T12:00:00Z",
            "2026-01-30T10:42:56.002Z",
            "2026-01-30T10:42:56.200Z",
            "1969-12-31T23:59:59.999Z",
            "2000-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            assert_eq!(format_rfc3339(parse_rfc3339(s).unwrap()), s);
        }
        // Extremes must not panic.
        let _ = format_rfc3339(i64::MIN);
        let _ = format_rfc3339(i64::MAX);
    }

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

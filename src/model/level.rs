//! One level scale for every source vocabulary.
//!
//! incident.io (native) and Statuspage (compat) spell component and page states
//! differently (`full_outage` vs `major_outage`, `degraded_performance` vs `minor`).
//! Everything the core reads goes through [`Level::from_source`] so that the rest of
//! the crate only ever sees these six values.

use serde::{Deserialize, Serialize};

/// Normalised state of a component, incident, group, page or banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Operational,
    Degraded,
    PartialOutage,
    MajorOutage,
    Maintenance,
    /// A value we do not recognise, or no value at all. Never read as "all clear".
    #[default]
    Unknown,
}

impl Level {
    /// The name in stored records and in what the shell gets (serde's spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Operational => "operational",
            Level::Degraded => "degraded",
            Level::PartialOutage => "partial_outage",
            Level::MajorOutage => "major_outage",
            Level::Maintenance => "maintenance",
            Level::Unknown => "unknown",
        }
    }

    /// The level [`Level::as_str`] spells `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// Every level, in severity order (least severe first).
    pub const ALL: [Level; 6] = [
        Level::Operational,
        Level::Maintenance,
        Level::Unknown,
        Level::Degraded,
        Level::PartialOutage,
        Level::MajorOutage,
    ];

    /// Normalises a state string from any source vocabulary (see
    /// `docs/status-source.md`, "Levels"). Case and surrounding whitespace are
    /// ignored; anything unrecognised is [`Level::Unknown`] (callers keep the raw
    /// string next to it).
    pub fn from_source(raw: &str) -> Level {
        let s = raw.trim();
        let eq = |w: &str| s.eq_ignore_ascii_case(w);
        if eq("none") || eq("operational") {
            Level::Operational
        } else if eq("minor") || eq("degraded_performance") || eq("degraded") {
            Level::Degraded
        } else if eq("major") || eq("partial_outage") {
            Level::PartialOutage
        } else if eq("critical") || eq("major_outage") || eq("full_outage") {
            Level::MajorOutage
        } else if eq("maintenance") || eq("under_maintenance") || eq("maintenance_in_progress") {
            Level::Maintenance
        } else {
            Level::Unknown
        }
    }

    /// Rank used to pick the "worst" of several levels.
    ///
    /// operational < maintenance < unknown < degraded < partial_outage < major_outage.
    /// Maintenance is planned and announced, so it ranks just above operational.
    /// Unknown ranks above both because it must never read as "all clear", but below
    /// degraded because we must not raise a red alarm from a value we cannot read.
    pub fn severity(self) -> u8 {
        match self {
            Level::Operational => 0,
            Level::Maintenance => 1,
            Level::Unknown => 2,
            Level::Degraded => 3,
            Level::PartialOutage => 4,
            Level::MajorOutage => 5,
        }
    }

    /// True for degraded and worse: something users will notice.
    pub fn is_problem(self) -> bool {
        self.severity() >= Level::Degraded.severity()
    }

    /// The more severe of two levels (ties keep `self`).
    pub fn worst(self, other: Level) -> Level {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// Worst of an iterator of levels; `None` for an empty iterator.
    pub fn worst_of<I: IntoIterator<Item = Level>>(levels: I) -> Option<Level> {
        levels.into_iter().reduce(Level::worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_vocabularies() {
        let cases = [
            ("none", Level::Operational),
            ("operational", Level::Operational),
            ("minor", Level::Degraded),
            ("degraded_performance", Level::Degraded),
            ("major", Level::PartialOutage),
            ("partial_outage", Level::PartialOutage),
            ("critical", Level::MajorOutage),
            ("major_outage", Level::MajorOutage),
            ("full_outage", Level::MajorOutage),
            ("maintenance", Level::Maintenance),
            ("under_maintenance", Level::Maintenance),
            ("maintenance_in_progress", Level::Maintenance),
            (" Full_Outage ", Level::MajorOutage),
            ("", Level::Unknown),
            ("severely_degraded", Level::Unknown),
        ];
        for (raw, want) in cases {
            assert_eq!(Level::from_source(raw), want, "{raw}");
        }
    }

    #[test]
    fn severity_order() {
        for w in Level::ALL.windows(2) {
            assert!(w[0].severity() < w[1].severity());
        }
        assert!(!Level::Unknown.is_problem());
        assert!(!Level::Maintenance.is_problem());
        assert!(Level::Degraded.is_problem());
        assert_eq!(Level::worst_of([]), None);
        assert_eq!(
            Level::worst_of([Level::Unknown, Level::Maintenance]),
            Some(Level::Unknown)
        );
    }

    #[test]
    fn serde_names() {
        for l in Level::ALL {
            let s = serde_json::to_string(&l).unwrap();
            assert_eq!(s, format!("\"{}\"", l.as_str()));
            assert_eq!(serde_json::from_str::<Level>(&s).unwrap(), l);
        }
    }
}

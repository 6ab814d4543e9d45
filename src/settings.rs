//! User settings. Every field has a default so that stored settings from an older
//! version (or none at all) always load.

use serde::{Deserialize, Serialize};

use crate::level::Level;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Group names whose incidents count for the toolbar badge and for
    /// `IncidentView::watched` (notifications). Matched case-insensitively.
    pub watched_groups: Vec<String>,
    pub banner_enabled: bool,
    /// Least severe level that shows an on-page banner. Maintenance banners show
    /// when this is `degraded` or lower (see `verdict`).
    pub banner_min_level: Level,
    /// Consecutive failures after which data counts as unreachable/unreadable.
    pub stale_after_failures: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            watched_groups: vec!["ChatGPT".to_owned()],
            banner_enabled: true,
            banner_min_level: Level::Degraded,
            stale_after_failures: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_missing_fields() {
        let s: Settings = serde_json::from_str(r#"{"banner_enabled":false}"#).unwrap();
        assert!(!s.banner_enabled);
        assert_eq!(s.watched_groups, vec!["ChatGPT".to_owned()]);
        assert_eq!(s.banner_min_level, Level::Degraded);
        assert_eq!(s.stale_after_failures, 3);
    }
}

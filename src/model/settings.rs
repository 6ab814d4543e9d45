//! User settings. Every field has a default so that stored settings from an older
//! version (or none at all) always load.

use serde::{Deserialize, Serialize};
use serde_with::{serde_as, VecSkipError};

use crate::model::level::Level;

/// Read by [`crate::background::migrate::settings`], which keeps every member that reads and the
/// default of every other one; a list keeps the items that read.
#[serde_as]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Group names whose incidents count for the toolbar badge and for
    /// `IncidentView::watched` (notifications). Matched case-insensitively.
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub watched_groups: Vec<String>,
    /// Component ids watched on their own (from any group), in addition to the groups.
    #[serde_as(deserialize_as = "VecSkipError<_>")]
    pub watched_components: Vec<String>,
    pub banner_enabled: bool,
    /// The chatgpt.com banner also covers the ChatGPT components only workspace admins
    /// use (Compliance API; see [`crate::model::pages`]). Off: an ordinary user's banner
    /// is about what they meet.
    pub banner_admin_components: bool,
    /// Least severe level that shows an on-page banner. Maintenance banners show
    /// when this is `degraded` or lower (see `verdict`).
    pub banner_min_level: Level,
    /// Consecutive failures after which data counts as unreachable/unreadable.
    pub stale_after_failures: u32,
    /// Minutes between checks when no chatgpt.com tab is open and all is well; clamped to
    /// 5–10 by [`crate::background::schedule`] (faster is unkind to status.openai.com, slower too late).
    pub check_every_minutes: u32,
    /// Which events become system notifications.
    pub notify: NotifySettings,
    /// Notifications wait while these local hours are on (none by default).
    pub quiet_hours: Option<QuietHours>,
}

/// Which transition events notify. Defaults: a problem starting, getting worse or being
/// resolved, and maintenance about to start, all only for the watched groups; improvements
/// (still broken, less so) and status-page reachability stay quiet (the badge shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotifySettings {
    /// Off switch for every notification ("notify me when it's back" included).
    pub enabled: bool,
    pub started: bool,
    pub worsened: bool,
    pub improved: bool,
    pub resolved: bool,
    pub maintenance: bool,
    /// The status page became unreachable or unreadable, or readable again.
    pub data: bool,
    /// Only incidents touching a watched group (or of unclear scope).
    pub only_watched: bool,
}

impl Default for NotifySettings {
    fn default() -> Self {
        NotifySettings {
            enabled: true,
            started: true,
            worsened: true,
            improved: false,
            resolved: true,
            maintenance: true,
            data: false,
            only_watched: true,
        }
    }
}

/// Local times of day in minutes after midnight (values wrap at 1440). `start > end`
/// spans midnight (22:00–07:00); `start == end` is no quiet time at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QuietHours {
    pub start_min: u32,
    pub end_min: u32,
}

impl QuietHours {
    /// Is `now` (ms since the epoch, UTC) inside, for a clock `utc_offset_min` ahead of UTC?
    pub fn contains(&self, now: i64, utc_offset_min: i32) -> bool {
        let (start, end) = (self.start_min % 1440, self.end_min % 1440);
        let minute = (now.div_euclid(60_000) + i64::from(utc_offset_min)).rem_euclid(1440) as u32;
        if start == end {
            false
        } else if start < end {
            (start..end).contains(&minute)
        } else {
            minute >= start || minute < end
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            watched_groups: vec!["ChatGPT".to_owned()],
            watched_components: Vec::new(),
            banner_enabled: true,
            banner_admin_components: false,
            banner_min_level: Level::Degraded,
            stale_after_failures: 3,
            check_every_minutes: 5,
            notify: NotifySettings::default(),
            quiet_hours: None,
        }
    }
}

impl Settings {
    /// Is the group named `name` watched? Names match case-insensitively (groups are
    /// chosen by name so that a rebuilt group with a new id stays watched).
    pub fn watches_group(&self, name: &str) -> bool {
        self.watched_groups
            .iter()
            .any(|w| w.trim().eq_ignore_ascii_case(name.trim()))
    }

    /// No group and no component is watched. Not allowed (read as the default watch by
    /// `migrate::settings`; the settings page keeps one ticked): the badge and the
    /// notifications are what the extension is for, and a badge that watches nothing
    /// stays blank, which reads as "all clear" during an outage. Someone who wants quiet
    /// has the switches for notifications and the banner.
    pub fn watches_nothing(&self) -> bool {
        self.watched_groups.iter().all(|g| g.trim().is_empty())
            && self.watched_components.iter().all(String::is_empty)
    }

    /// Is the component with this id watched on its own?
    pub fn watches_component(&self, id: &str) -> bool {
        !id.is_empty() && self.watched_components.iter().any(|w| w == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_missing_fields() {
        let s: Settings = serde_json::from_str(r#"{"banner_enabled":false}"#).unwrap();
        assert!(!s.banner_enabled);
        assert!(!s.banner_admin_components);
        assert_eq!(s.watched_groups, vec!["ChatGPT".to_owned()]);
        assert_eq!(s.banner_min_level, Level::Degraded);
        assert_eq!(s.stale_after_failures, 3);
        assert_eq!(s.check_every_minutes, 5);
        assert!(s.notify.enabled && s.notify.started && !s.notify.data);
        assert_eq!(s.quiet_hours, None);
        let s: Settings = serde_json::from_str(
            r#"{"notify":{"improved":true},"quiet_hours":{"start_min":1320}}"#,
        )
        .unwrap();
        assert!(s.notify.improved && s.notify.resolved);
        assert_eq!(
            s.quiet_hours.map(|q| (q.start_min, q.end_min)),
            Some((1320, 0))
        );
    }

    #[test]
    fn quiet_hours_wrap_midnight_and_follow_the_local_clock() {
        // 2026-11-25T23:30:00Z
        let t = 1_795_649_400_000;
        let night = QuietHours {
            start_min: 22 * 60,
            end_min: 7 * 60,
        };
        assert!(night.contains(t, 0));
        assert!(!night.contains(t, 8 * 60)); // 07:30 the next day, UTC+8
        assert!(night.contains(t, -60)); // 22:30 UTC-1
        assert!(!night.contains(t, -120)); // 21:30
        let day = QuietHours {
            start_min: 9 * 60,
            end_min: 17 * 60,
        };
        assert!(!day.contains(t, 0));
        assert!(day.contains(t, 10 * 60)); // 09:30 UTC+10
        let none = QuietHours {
            start_min: 600,
            end_min: 600 + 1440,
        };
        assert!(!none.contains(t, 0));
        // Hostile values do not panic.
        let odd = QuietHours {
            start_min: u32::MAX,
            end_min: 0,
        };
        let _ = odd.contains(i64::MIN, i32::MIN);
        let _ = odd.contains(i64::MAX, i32::MAX);
    }
}

//! What each user is told: the [`Verdict`] and its parts, as the shell stores and renders
//! them. Types only, so that every stage of deciding ([`crate::decide`]'s modules) builds on
//! them without depending on another.
//!
//! The verdict is stored by the extension and read by plain-JS content scripts and the
//! popup, so its field names are an interface: snake_case, and all the logic lives in the
//! core (the JS picks `pages[i]` by host and path prefix and renders).

use serde::{Deserialize, Serialize};

use crate::model::level::Level;
use crate::model::pages::rule_for_url;
use crate::model::snapshot::{SourceKind, Update, MINUTE_MS};
use crate::source::{FetchError, STATUS_BASE};

/// Data older than this is "stale" even without failures (polling is ~1–5 min).
pub const STALE_AFTER_MS: i64 = 15 * MINUTE_MS;
/// Data older than this no longer drives banners, whether it is stale or the status page
/// is failing (the last known problem is shown, marked as such, up to this age; then
/// the banner goes and the badge says "?", never all clear). Why an hour: it is about
/// the length of a typical incident (the median `history` estimates from OpenAI's 90-day
/// history is of that order; 47 min in the test history, to be checked against live
/// data), and 12–60 missed checks at our 1–5 min pace. Past it the last known problem
/// is about as likely over as not, so a banner, even marked "last known", would tell
/// old news as if it were the state of things; shorter, and the banner would vanish in
/// the middle of the very outages that take the status page down with them.
pub const BANNER_MAX_AGE_MS: i64 = 60 * MINUTE_MS;
/// Data reporting an ongoing incident whose newest time (an incident's start or update, a
/// maintenance's update) is this much older than the fetch is implausibly old: a cache
/// serving an old copy, or an incident left open by mistake. Long incidents stay open for
/// days while monitored, with an update at least every day or two; a week of silence
/// about something "ongoing" is not believable.
pub const OLD_DATA_AFTER_MS: i64 = 7 * 24 * 60 * MINUTE_MS;
/// Updates kept per incident in the verdict (it is stored in extension storage).
pub const UPDATES_KEPT: usize = 20;
/// Id of the synthetic group holding top-level (ungrouped) components.
pub const UNGROUPED_ID: &str = "_ungrouped";

/// How trustworthy the data behind a verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FreshnessState {
    /// Last fetch succeeded less than [`STALE_AFTER_MS`] ago.
    Fresh,
    /// Data exists but the last fetch(es) failed (fewer than
    /// `stale_after_failures`), or it is older than [`STALE_AFTER_MS`], or its age
    /// is unknown.
    Stale,
    /// ≥ `stale_after_failures` consecutive failures, the last one offline, timeout
    /// or HTTP. Takes precedence over `none`.
    Unreachable,
    /// ≥ `stale_after_failures` consecutive failures, the last one not JSON, wrong
    /// shape or too large: the server answers but we cannot read it.
    Unreadable,
    /// Never had data.
    #[default]
    None,
}

impl FreshnessState {
    /// Fresh or stale: the data can be shown (as of its age).
    pub fn usable(self) -> bool {
        matches!(self, FreshnessState::Fresh | FreshnessState::Stale)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Freshness {
    pub state: FreshnessState,
    pub age_secs: Option<i64>,
    pub failures: u32,
    pub last_error: Option<FetchError>,
    /// How the last check failed, named for the user; none after a success.
    pub failure: Option<Failure>,
}

impl Freshness {
    /// The data (fresh, stale, or the last known before the status page began to fail)
    /// is young enough to stand: it drives banners and the badge, marked as last known
    /// when it is not fresh (see [`BANNER_MAX_AGE_MS`]).
    pub fn last_known_stands(&self) -> bool {
        self.state != FreshnessState::None
            && self.age_secs.is_some_and(|a| a <= BANNER_MAX_AGE_MS / 1000)
    }
}

/// How fetching the status page failed, as the user is told: each says whose trouble it
/// is, so each is its own message ("isn't answering", "answers with an error", "asks us
/// to slow down", "you're offline").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// No connection at all: the user's own network.
    Offline,
    /// status.openai.com didn't answer in time: it isn't answering.
    Timeout,
    /// It asked us to slow down (HTTP 429): not a network problem, and not an outage.
    RateLimited,
    /// It answered with an HTTP error (5xx, 4xx other than 429): it is there, but failing.
    HttpError,
    /// It answered with something that isn't status data (a web page, another shape,
    /// too large).
    Unreadable,
    /// A web page only: the browser is online, but won't let the page read the answer
    /// (a cross-origin error response, or a blocker): it could not be read from here.
    NotReadableHere,
}

impl Failure {
    pub fn of(err: &FetchError) -> Failure {
        match err {
            FetchError::Offline => Failure::Offline,
            FetchError::Timeout => Failure::Timeout,
            FetchError::Http { status: 429, .. } => Failure::RateLimited,
            FetchError::Http { .. } => Failure::HttpError,
            FetchError::NotJson { .. } | FetchError::Shape { .. } | FetchError::TooLarge { .. } => {
                Failure::Unreadable
            }
            FetchError::Blocked => Failure::NotReadableHere,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentView {
    pub id: String,
    pub name: String,
    pub level: Level,
    /// The compat summary left it out: the popup says "not reported" (`level` is unknown).
    /// Written only when true, so that verdicts from full data read as before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_reported: bool,
}

/// A visible group; `level` is the worst of its visible components (unknown when
/// it has none: an emptied group is not "operational"). Components the compat summary
/// left out count as operational while the page's headline says all is operational
/// (and as unknown otherwise): left out is not broken.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub components: Vec<ComponentView>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentView {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Effective level (see module doc).
    pub level: Level,
    pub url: String,
    /// Names of the components, same order as `component_ids`.
    pub components: Vec<String>,
    pub component_ids: Vec<String>,
    /// Names of the visible groups it touches (for notification filtering).
    pub groups: Vec<String>,
    pub started_at: Option<i64>,
    pub latest_update: Option<Update>,
    /// Latest first, at most [`UPDATES_KEPT`].
    pub updates: Vec<Update>,
    pub scope_unclear: bool,
    /// Touches a watched group, or its scope is unclear, or no watched group exists
    /// in the snapshot (renamed groups must not silence notifications).
    pub watched: bool,
    /// How long incidents like this one lasted (see `history`); none when too few.
    pub estimate: Option<Estimate>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MaintenanceView {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Reported in progress, or its window has started (and not ended).
    pub in_progress: bool,
    /// Reported in progress after its planned end (`ends_at`): running late. Still
    /// listed and still in progress; only the feed's word ends it.
    pub overrun: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub url: String,
    pub components: Vec<String>,
    pub component_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Affected {
    pub name: String,
    pub level: Level,
}

/// What the on-page banner should say.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Banner {
    pub show: bool,
    /// Worst qualifying level when shown; otherwise the page's worst level (for
    /// information; `unknown` when the data is not usable).
    pub level: Level,
    pub incident_ids: Vec<String>,
    pub maintenance_ids: Vec<String>,
    pub scope_unclear: bool,
    pub affected: Vec<Affected>,
    /// What the banner tells of each of `incident_ids`, so the content script reads
    /// one small record per page load instead of the whole verdict.
    pub incidents: Vec<BannerIncident>,
    /// The maintenances of `maintenance_ids`, as the popup lists them: the banner names
    /// each, says until when (or that it runs late) and links to it.
    pub maintenances: Vec<MaintenanceView>,
    /// The user dismissed what this banner shows (see `dismissals`); `show` stays true
    /// so that "a problem is reported" and "the user saw it" remain distinct facts.
    pub dismissed: bool,
    /// Set after a problem on this page cleared: until then the page shows a short
    /// "resolved" note (see `dismissals::follow_up`).
    pub resolved_until: Option<i64>,
    /// Shown from data that is not fresh: the time of the last known status (ms), which
    /// the banner states ("last known at 14:02"), and how the status page fails now
    /// (none when it doesn't: the data is only old).
    pub last_known_at: Option<i64>,
    pub failure: Option<Failure>,
}

/// One incident as the banner shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BannerIncident {
    pub id: String,
    pub name: String,
    pub status: String,
    pub level: Level,
    pub url: String,
    pub started_at: Option<i64>,
    pub latest_update: Option<Update>,
    pub estimate: Option<Estimate>,
}

/// One entry per [`PAGE_RULES`] rule, same order: the content script picks the
/// first whose host is in `hosts` and whose path starts with `path_prefix`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PageBanner {
    pub id: String,
    pub hosts: Vec<String>,
    pub path_prefix: String,
    pub banner: Banner,
}

/// Toolbar badge: `""` all clear, `"!"` problem, `"M"` maintenance, `"?"` no
/// usable data, stale all-clear, or unknown state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Badge {
    pub level: Level,
    pub text: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Verdict {
    pub source: Option<SourceKind>,
    pub checked_at: i64,
    pub data_at: Option<i64>,
    pub freshness: Freshness,
    /// Worst over visible components, groups, counted incidents and maintenance in
    /// progress; the page indicator only when no component is known; unknown when
    /// there is no data.
    pub overall: Level,
    pub groups: Vec<GroupView>,
    pub incidents: Vec<IncidentView>,
    pub maintenances: Vec<MaintenanceView>,
    pub pages: Vec<PageBanner>,
    /// The banner for [`crate::model::pages::DEFAULT_PAGE_URL`] (`https://chatgpt.com/`).
    pub banner: Banner,
    pub badge: Badge,
    /// What the user can do about it (see `guidance`): the popup's guide.
    pub guidance: Guidance,
    /// Signs that ChatGPT fails for this user while OpenAI reports nothing (see `signals`).
    pub just_me: Option<JustMe>,
    /// Set when the data is implausibly old: it reports an ongoing incident, yet its newest
    /// time is more than [`OLD_DATA_AFTER_MS`] before the fetch. That newest time; the
    /// popup says so in a sentence. Written only when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_data_at: Option<i64>,
}

impl Verdict {
    /// The banner for any page URL; a hidden default for pages not in the table.
    pub fn banner_for_url(&self, url: &str) -> Banner {
        rule_for_url(url)
            .and_then(|r| self.pages.iter().find(|p| p.id == r.id))
            .map(|p| p.banner.clone())
            .unwrap_or_default()
    }
}

/// Badge colour for a level (`#rrggbb`).
pub fn level_color(level: Level) -> &'static str {
    match level {
        Level::Operational => "#2e7d32",
        Level::Maintenance => "#1565c0",
        Level::Unknown => "#757575",
        Level::Degraded => "#f9a825",
        Level::PartialOutage => "#ef6c00",
        Level::MajorOutage => "#c62828",
    }
}

/// `https://status.openai.com/incidents/<id>`, the id reduced to `[A-Za-z0-9_-]`
/// (at most 64 chars) so a hostile id cannot build another URL.
pub fn incident_url(id: &str) -> String {
    let mut url = String::with_capacity(STATUS_BASE.len() + 11 + id.len().min(64));
    url.push_str(STATUS_BASE);
    url.push_str("/incidents/");
    let base = url.len();
    // Bytes, not chars: only ASCII passes, and a byte of a multi-byte character never
    // is ASCII, so this keeps what a filter over the characters kept.
    for &b in id.as_bytes() {
        if url.len() - base == 64 {
            break;
        }
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            url.push(char::from(b));
        }
    }
    if url.len() == base {
        url.truncate(STATUS_BASE.len());
        url.push('/');
    }
    url
}

// ---------------------------------------------------------------------------
// The guidance (see `guidance`)

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
    /// The problem reported is with a service you don't watch (`service_name`, the
    /// incident's page): if that is what fails for you, this is why.
    Elsewhere,
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
    /// When the maintenance in progress is planned to end; none once it runs past that.
    pub until: Option<i64>,
    /// Names of the affected services, for the support report.
    pub services: Vec<String>,
}

// ---------------------------------------------------------------------------
// Estimates from the incident history (see `history`)

/// "Incidents like this one lasted a median of 47 min; half ended between 20 and 95 min."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Estimate {
    pub median_mins: u32,
    /// The middle half of the similar incidents ended between these two.
    pub p25_mins: u32,
    pub p75_mins: u32,
    pub count: u32,
    pub window_days: u32,
}

// ---------------------------------------------------------------------------
// "Is it just me?" (see `signals`)

/// A likely cause, most likely first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LikelyCause {
    /// This device's connection (the browser says it is offline, or other sites fail too).
    YourNetwork,
    /// A problem OpenAI has not reported yet (the status page lags).
    NotYetReported,
    /// Something with the account, the browser or its extensions, or cached site data.
    AccountOrBrowser,
}

/// Failing for this user while the status page shows nothing for ChatGPT.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JustMe {
    pub since: i64,
    pub offline: bool,
    pub causes: Vec<LikelyCause>,
}

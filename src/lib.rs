//! Outage Radar core: reads status.openai.com as it really is and decides what each
//! ChatGPT user should be told. Pure functions of (payloads, settings, now), so that
//! everything is tested natively; the wasm facade (`wasm.rs`) only does I/O.
//!
//! The modules are the stages, each using only the ones before it:
//! 1. [`model`]: the normalised snapshot of the status page, the level scale, the user's
//!    settings, the page table and display-safe text;
//! 2. [`source`]: reading status.openai.com: endpoints, response checks, payload parsers,
//!    what is remembered between fetches ([`FetchState`]);
//! 3. [`decide`]: what each user is told ([`Verdict`]): levels, banners, badge, guidance,
//!    estimates, "is it just me?", dismissals, and the events between two verdicts;
//! 4. [`background`]: the background's bookkeeping: the stored record and its upgrades,
//!    notifications, polling, and one check as a step machine;
//! 5. `wasm`: the browser facade (fetch, and the exports the shell calls).

pub mod background;
pub mod decide;
pub mod model;
pub mod source;

/// The browser facade (I/O only); public so `tests/wasm.rs` can call it.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use decide::decide;
pub use decide::transitions::{events, Event};
pub use decide::verdict::{
    incident_url, Affected, Badge, Banner, ComponentView, Freshness, FreshnessState, GroupView,
    IncidentView, MaintenanceView, PageBanner, Verdict,
};
pub use model::level::Level;
pub use model::pages::{rule_for_url, PageRule, DEFAULT_PAGE_URL, PAGE_RULES};
pub use model::settings::Settings;
pub use model::snapshot::{
    format_rfc3339, parse_rfc3339, Component, ComponentRef, Group, Impact, Incident, Maintenance,
    Snapshot, SourceKind, Update,
};
pub use source::state::FetchState;
pub use source::{
    body_hash, check_response, check_response_at, detect, detect_and_parse, parse_compat,
    parse_component_impacts, parse_native_incidents, parse_native_summary, parse_retry_after,
    Endpoint, FetchError, PayloadKind,
};

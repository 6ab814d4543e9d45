//! Outage Radar core: reads status.openai.com as it really is and decides what each
//! ChatGPT user should be told. Pure functions of (payloads, settings, now), so that
//! everything is tested natively; the wasm facade (`wasm.rs`) only does I/O.
//!
//! Flow: [`check_response`] → [`parse_native_summary`] (or [`parse_compat`]) →
//! [`FetchState`] bookkeeping → [`decide`] → [`events`] against the stored verdict (decided
//! again from the stored record, see [`record`]); [`check`] runs those steps.

pub mod block;
pub mod check;
pub mod dismissals;
pub mod guidance;
pub mod heap;
pub mod history;
pub mod ids;
pub mod json;
pub mod known;
pub mod level;
pub mod migrate;
pub mod model;
pub mod notify;
pub mod order;
pub mod pages;
pub mod record;
pub mod schedule;
pub mod settings;
pub mod signals;
pub mod source;
pub mod state;
pub mod text;
pub mod time;
pub mod transitions;
pub mod verdict;
pub mod wire;

/// The browser facade (I/O only); public so `tests/wasm.rs` can call it.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use level::Level;
pub use model::{
    Component, ComponentRef, Group, Impact, Incident, Maintenance, Snapshot, SourceKind, Update,
};
pub use pages::{rule_for_url, PageRule, DEFAULT_PAGE_URL, PAGE_RULES};
pub use settings::Settings;
pub use source::{
    body_hash, check_response, check_response_at, detect, detect_and_parse, parse_compat,
    parse_native_incidents, parse_native_summary, parse_retry_after, Endpoint, FetchError,
    PayloadKind,
};
pub use state::FetchState;
pub use time::{format_rfc3339, parse_rfc3339};
pub use transitions::{events, Event};
pub use verdict::{
    decide, incident_url, Affected, Badge, Banner, ComponentView, Freshness, FreshnessState,
    GroupView, IncidentView, MaintenanceView, PageBanner, Verdict,
};

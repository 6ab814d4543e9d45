//! What the extension remembers about fetching between service-worker runs.
//!
//! MV3 service workers are killed between alarms, so nothing may live in memory
//! (a peer's notifications never fired because of that): this struct is stored in
//! `storage` and every method is a pure update given `now`.

use serde::{Deserialize, Serialize};

use crate::model::snapshot::SourceKind;
use crate::source::FetchError;

/// Fetch bookkeeping for the status summary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FetchState {
    /// Validators for conditional requests (`If-None-Match`, `If-Modified-Since`).
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// [`crate::body_hash`] of the last body, for "no change" without validators.
    pub body_hash: Option<String>,
    /// Last time usable data was confirmed current (200 or 304).
    pub last_success_at: Option<i64>,
    pub last_attempt_at: Option<i64>,
    /// Failures since the last success.
    pub consecutive_failures: u32,
    pub last_error: Option<FetchError>,
    /// Do not ask again before this time (from `Retry-After`).
    pub retry_after_until: Option<i64>,
    /// Which source the current data came from (set by the caller).
    pub source_used: Option<SourceKind>,
}

impl FetchState {
    /// A 2xx with a body we parsed. Validators are replaced (a `None` clears a
    /// validator the server stopped sending).
    pub fn record_success(
        &mut self,
        now: i64,
        etag: Option<String>,
        last_modified: Option<String>,
        hash: Option<String>,
    ) {
        self.etag = etag;
        self.last_modified = last_modified;
        self.body_hash = hash;
        self.record_not_modified(now);
    }

    /// A 304, or a 200 whose body hash equals [`FetchState::body_hash`]: the data
    /// we hold is confirmed current.
    pub fn record_not_modified(&mut self, now: i64) {
        self.last_success_at = Some(now);
        self.last_attempt_at = Some(now);
        self.consecutive_failures = 0;
        self.last_error = None;
        self.retry_after_until = None;
    }

    /// Any failure. An HTTP error carrying Retry-After sets
    /// [`FetchState::retry_after_until`]; other failures clear it.
    pub fn record_failure(&mut self, now: i64, err: FetchError) {
        self.last_attempt_at = Some(now);
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        self.retry_after_until = match &err {
            FetchError::Http {
                retry_after_secs: Some(s),
                ..
            } => {
                let ms = i64::try_from(*s).unwrap_or(i64::MAX).saturating_mul(1000);
                Some(now.saturating_add(ms))
            }
            _ => None,
        };
        self.last_error = Some(err);
    }

    /// True when a body with this hash brings nothing new.
    pub fn is_unchanged(&self, hash: &str) -> bool {
        self.body_hash.as_deref() == Some(hash)
    }

    /// False while a server's Retry-After is in force.
    pub fn may_fetch(&self, now: i64) -> bool {
        match self.retry_after_until {
            Some(t) => now >= t,
            None => true,
        }
    }

    /// Age of the data in whole seconds (never negative: clocks go backwards).
    pub fn age_secs(&self, now: i64) -> Option<i64> {
        self.last_success_at
            .map(|t| (now.saturating_sub(t) / 1000).max(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle() {
        let mut s = FetchState::default();
        s.record_failure(1_000, FetchError::Offline);
        s.record_failure(
            2_000,
            FetchError::Http {
                status: 429,
                retry_after_secs: Some(30),
            },
        );
        assert_eq!(s.consecutive_failures, 2);
        assert_eq!(s.retry_after_until, Some(32_000));
        assert!(!s.may_fetch(31_999));
        assert!(s.may_fetch(32_000));
        s.record_success(40_000, Some("\"e\"".into()), None, Some("abc".into()));
        assert_eq!(s.consecutive_failures, 0);
        assert_eq!(s.last_error, None);
        assert!(s.is_unchanged("abc"));
        assert_eq!(s.age_secs(100_000), Some(60));
        assert_eq!(s.age_secs(0), Some(0));
        s.record_not_modified(50_000);
        assert_eq!(s.etag.as_deref(), Some("\"e\""));
        assert_eq!(s.last_success_at, Some(50_000));
    }

    #[test]
    fn saturates() {
        let mut s = FetchState {
            consecutive_failures: u32::MAX,
            ..FetchState::default()
        };
        s.record_failure(
            i64::MAX,
            FetchError::Http {
                status: 503,
                retry_after_secs: Some(u64::MAX),
            },
        );
        assert_eq!(s.consecutive_failures, u32::MAX);
        assert_eq!(s.retry_after_until, Some(i64::MAX));
        assert_eq!(s.age_secs(i64::MIN), None);
    }

    #[test]
    fn loads_partial_json() {
        let s: FetchState = serde_json::from_str(r#"{"consecutive_failures":2}"#).unwrap();
        assert_eq!(s.consecutive_failures, 2);
        let s: FetchState = serde_json::from_str(r#"{"last_error":{"kind":"timeout"}}"#).unwrap();
        assert_eq!(s.last_error, Some(FetchError::Timeout));
    }
}

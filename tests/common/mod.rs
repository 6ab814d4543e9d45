//! Shared helpers for the integration tests.
#![allow(dead_code)]

use outage_radar::{
    decide, parse_native_summary, parse_rfc3339, Banner, FetchState, Settings, Snapshot, Verdict,
};

/// The instant every scenario fixture is written for.
pub const NOW_STR: &str = "2026-09-15T12:00:00Z";

pub fn now() -> i64 {
    parse_rfc3339(NOW_STR).expect("NOW parses")
}

pub fn fixture(rel: &str) -> String {
    let path = format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn native(name: &str) -> Snapshot {
    parse_native_summary(&fixture(&format!("native/{name}.json")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fetch state that just succeeded at `at`.
pub fn fresh_at(at: i64) -> FetchState {
    let mut f = FetchState::default();
    f.record_success(at, None, None, None);
    f
}

pub fn verdict_of(snap: &Snapshot) -> Verdict {
    decide(Some(snap), &fresh_at(now()), &Settings::default(), now())
}

pub fn native_verdict(name: &str) -> Verdict {
    verdict_of(&native(name))
}

pub fn banner(v: &Verdict, url: &str) -> Banner {
    v.banner_for_url(url)
}

pub const CHATGPT: &str = "https://chatgpt.com/";
pub const CODEX: &str = "https://chatgpt.com/codex";
pub const PLATFORM: &str = "https://platform.openai.com/docs";
pub const SORA: &str = "https://sora.com/";

pub const CONVERSATIONS: &str = "01JMXBNJXGV1T5GT2M9XA83XNG";
pub const CHATGPT_LOGIN: &str = "01JMXBNJXG1S2D9V65P1ZZTD94";
pub const API_LOGIN: &str = "01JSM5RTJWHRWDTS6Q604VEW3B";

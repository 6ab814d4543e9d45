//! Inspection tool: what would the extension show for these status payloads?
//!
//! ```text
//! cargo run --example verdict -- [--now RFC3339] [--url PAGE_URL] [--settings JSON] FILE...
//! ```
//!
//! Reads any mix of payloads (native summary, native incident history, compat
//! summary / components / status), detects each, builds one snapshot (native
//! preferred, compat otherwise), decides as if the fetch had just succeeded at
//! `--now` (default: the system clock) and prints the verdict JSON, with `banner`
//! being the one for `--url` (default `https://chatgpt.com/`), under `--settings` (the
//! stored settings' JSON, read as the extension reads it: e.g.
//! `'{"banner_admin_components":true}'`; default: the defaults). Unreadable input:
//! a one-line error on stderr and exit status 1 (2 for bad usage).

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use outage_radar::{decide, detect, detect_and_parse, parse_rfc3339, FetchState, Settings};

const USAGE: &str = "usage: verdict [--now RFC3339] [--url PAGE_URL] [--settings JSON] FILE...";

fn run() -> Result<String, (u8, String)> {
    let mut now: Option<i64> = None;
    let mut url = outage_radar::DEFAULT_PAGE_URL.to_owned();
    let mut settings = Settings::default();
    let mut files: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--now" => {
                let v = args.next().ok_or((2, USAGE.to_owned()))?;
                now = Some(parse_rfc3339(&v).ok_or((2, format!("--now: not RFC 3339: {v}")))?);
            }
            "--url" => url = args.next().ok_or((2, USAGE.to_owned()))?,
            "--settings" => {
                let v = args.next().ok_or((2, USAGE.to_owned()))?;
                let json: serde_json::Value = serde_json::from_str(&v)
                    .map_err(|e| (2, format!("--settings: not JSON: {e}")))?;
                settings = outage_radar::background::migrate::settings(&json);
            }
            "-h" | "--help" => return Err((2, USAGE.to_owned())),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return Err((2, USAGE.to_owned()));
    }
    let now = now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    });

    let mut bodies = Vec::new();
    for f in &files {
        let body = std::fs::read_to_string(f).map_err(|e| (1, format!("{f}: {e}")))?;
        detect(&body).map_err(|e| (1, format!("{f}: {e}")))?;
        bodies.push(body);
    }
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let snapshot = detect_and_parse(&refs, None).map_err(|e| (1, e.to_string()))?;

    let mut fetch = FetchState::default();
    fetch.record_success(now, None, None, None);
    fetch.source_used = Some(snapshot.source);
    let mut verdict = decide(Some(&snapshot), &fetch, &settings, now);
    verdict.banner = verdict.banner_for_url(&url);
    // Pretty-printed for reading; the extension gets the same JSON, compact.
    let value: serde_json::Value = serde_json::from_str(&serde_json::to_string(&verdict).unwrap())
        .map_err(|e| (1, e.to_string()))?;
    serde_json::to_string_pretty(&value).map_err(|e| (1, e.to_string()))
}

fn main() -> ExitCode {
    match run() {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err((code, msg)) => {
            eprintln!("verdict: {}", msg.replace('\n', " "));
            ExitCode::from(code)
        }
    }
}

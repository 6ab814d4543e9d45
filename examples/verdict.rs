//! Inspection tool: what would the extension show for these status payloads?
//!
//! ```text
//! cargo run --example verdict -- [--now RFC3339] [--url PAGE_URL] [--settings JSON] FILE...
//! ```
//!
//! Reads any mix of payloads (native summary, native incident history, compat
//! summary / components / status, the page's history `component_impacts`), detects each,
//! builds one snapshot (native preferred, compat otherwise), decides as if the fetch had
//! just succeeded at `--now` (default: the system clock) and prints the verdict JSON, with
//! `banner` being the one for `--url` (default `https://chatgpt.com/`), and beside it
//! `reliability` (`[{component_id, name, uptime_30, uptime_90}]`: the watched groups'
//! components, percentages as numbers, `null` when unknown) and `recent_incidents`
//! (`[{id, name, level, started_at, ended_at, url}]`, newest first) from the
//! `component_impacts` payloads (empty without one), under `--settings` (the
//! stored settings' JSON, read as the extension reads it: e.g.
//! `'{"banner_admin_components":true}'`; default: the defaults). Unreadable input:
//! a one-line error on stderr and exit status 1 (2 for bad usage).
//!
//! `--data-age MIN` has the data fetched MIN minutes before `--now`; each `--fail KIND`
//! (`offline`, `timeout`, `429`, `503` or any status, `unreadable`, `blocked`) adds one
//! failed check after it, the last a minute before `--now`: the status page failing
//! during an outage (the banner's `last_known_at` and `failure`, the guide). `--watch
//! GROUP,...` sets the watched groups (an empty list reads as the default watch).

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use outage_radar::decide::history::{self, History};
use outage_radar::model::impacts::Impacts;
use outage_radar::{
    decide, detect, detect_and_parse, parse_component_impacts, parse_rfc3339, FetchError,
    FetchState, PayloadKind, Settings,
};

const USAGE: &str = "usage: verdict [--now RFC3339] [--url PAGE_URL] [--settings JSON] [--data-age MIN] [--fail KIND]... [--watch GROUP,...] FILE...";

/// A failure named on the command line.
fn failure(kind: &str) -> Option<FetchError> {
    Some(match kind {
        "offline" => FetchError::Offline,
        "timeout" => FetchError::Timeout,
        "unreadable" => FetchError::NotJson {
            content_type: "text/html".into(),
        },
        "blocked" => FetchError::Blocked,
        status => FetchError::Http {
            status: status.parse().ok()?,
            retry_after_secs: None,
        },
    })
}

fn run() -> Result<String, (u8, String)> {
    let mut now: Option<i64> = None;
    let mut url = outage_radar::DEFAULT_PAGE_URL.to_owned();
    let mut settings = Settings::default();
    let mut files: Vec<String> = Vec::new();
    let mut data_age_min: i64 = 0;
    let mut failures: Vec<FetchError> = Vec::new();
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
            "--data-age" => {
                let v = args.next().ok_or((2, USAGE.to_owned()))?;
                data_age_min = v
                    .parse()
                    .map_err(|_| (2, format!("--data-age: not minutes: {v}")))?;
            }
            "--fail" => {
                let v = args.next().ok_or((2, USAGE.to_owned()))?;
                failures.push(failure(&v).ok_or((2, format!("--fail: unknown kind: {v}")))?);
            }
            "--watch" => {
                let v = args.next().ok_or((2, USAGE.to_owned()))?;
                let groups: Vec<&str> = v.split(',').filter(|g| !g.trim().is_empty()).collect();
                settings.watched_groups = groups.iter().map(|g| g.trim().to_owned()).collect();
                if settings.watches_nothing() {
                    settings.watched_groups = Settings::default().watched_groups;
                }
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
    let mut impacts: Option<Impacts> = None;
    for f in &files {
        let body = std::fs::read_to_string(f).map_err(|e| (1, format!("{f}: {e}")))?;
        if detect(&body).map_err(|e| (1, format!("{f}: {e}")))? == PayloadKind::ComponentImpacts {
            let more = parse_component_impacts(&body).map_err(|e| (1, format!("{f}: {e}")))?;
            let all = impacts.get_or_insert_with(Impacts::default);
            all.spans.extend(more.spans);
            all.uptimes.extend(more.uptimes);
            all.incidents.extend(more.incidents);
        } else {
            bodies.push(body);
        }
    }
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let snapshot = detect_and_parse(&refs, None).map_err(|e| (1, e.to_string()))?;

    let mut fetch = FetchState::default();
    fetch.record_success(now - data_age_min * 60_000, None, None, None);
    let n = failures.len() as i64;
    for (i, err) in failures.into_iter().enumerate() {
        fetch.record_failure(now - (n - i as i64) * 60_000, err);
    }
    fetch.source_used = Some(snapshot.source);
    let mut verdict = decide(Some(&snapshot), &fetch, &settings, now);
    verdict.banner = verdict.banner_for_url(&url);
    // The page's history, as if it had just been fetched too.
    let mut past = History::default();
    if let Some(impacts) = impacts {
        past.record(Some(impacts), now);
        history::annotate(&mut verdict, &past.impacts, now);
    }
    let view = history::view(&past, Some(&snapshot), &settings.watched_groups, now, 0);
    // Pretty-printed for reading; the extension gets the same JSON, compact.
    let mut value: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&verdict).unwrap())
            .map_err(|e| (1, e.to_string()))?;
    let reliability: Vec<serde_json::Value> = view
        .groups
        .iter()
        .flat_map(|g| &g.components)
        .map(|c| {
            serde_json::json!({
                "component_id": c.component_id,
                "name": c.name,
                "uptime_30": c.uptime_30,
                "uptime_90": c.uptime_90,
            })
        })
        .collect();
    value["reliability"] = reliability.into();
    value["recent_incidents"] = serde_json::to_value(&view.recent_incidents).unwrap();
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

//! The `verdict` inspection tool, run as a process on the fixtures.
//! `cargo test` builds examples next to the test binaries; when run in a way that
//! does not (e.g. `cargo test --test example_tool` alone) these tests say so and pass.

use std::path::PathBuf;
use std::process::Command;

fn tool() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let p = dir
        .join("examples")
        .join(format!("verdict{}", std::env::consts::EXE_SUFFIX));
    if p.exists() {
        Some(p)
    } else {
        eprintln!("examples/verdict not built; skipping");
        None
    }
}

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let Some(t) = tool() else {
        return (0, String::new(), String::new());
    };
    let out = Command::new(t).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn prints_verdict_json() {
    if tool().is_none() {
        return;
    }
    let f = fixture("native/codex-incident.json");
    let (code, out, _) = run(&["--now", "2026-09-15T12:00:00Z", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"], "partial_outage");
    assert_eq!(v["banner"]["show"], false);
    assert_eq!(v["incidents"][0]["components"][0], "Codex Web");
    assert!(v["incidents"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://status.openai.com/incidents/"));
    assert!(v["maintenances"].is_array());
    // Worst first: the Codex group leads, the others keep the page's order.
    let names: Vec<_> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Codex", "ChatGPT", "APIs", "FedRAMP", "Ads Platform"]
    );
    assert_eq!(v["groups"][1]["level"], "operational");

    let (code, out, _) = run(&[
        "--now",
        "2026-09-15T12:00:00Z",
        "--url",
        "https://chatgpt.com/codex/tasks",
        &f,
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["banner"]["show"], true);
    assert_eq!(v["banner"]["level"], "partial_outage");
    assert_eq!(v["banner"]["incident_ids"][0], "01K5C0DEX1NC1DENT00000000F");

    // A mix of compat payloads.
    let (code, out, _) = run(&[
        "--now",
        "2026-09-15T12:00:00Z",
        &fixture("compat/summary-missing-chatgpt.json"),
        &fixture("compat/components-chatgpt-partial.json"),
        &fixture("compat/status-major.json"),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["source"], "compat");
    assert_eq!(v["banner"]["show"], true);
}

#[test]
fn unreadable_input_is_one_line_error() {
    if tool().is_none() {
        return;
    }
    for bad in [
        fixture("real/history.rss.2026-01-08.xml"),
        "/nonexistent/file.json".to_owned(),
    ] {
        let (code, out, err) = run(&[&bad]);
        assert_ne!(code, 0);
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!err.contains("panicked"));
    }
    let (code, _, err) = run(&[
        "--now",
        "yesterday",
        &fixture("native/all-operational.json"),
    ]);
    assert_ne!(code, 0);
    assert_eq!(err.trim_end().lines().count(), 1);
}

#[test]
fn shows_the_status_page_failing_and_what_you_watch() {
    if tool().is_none() {
        return;
    }
    let f = fixture("native/chatgpt-partial-outage.json");
    let now = "2026-09-15T12:00:00Z";
    let (code, out, err) = run(&[
        "--now",
        now,
        "--data-age",
        "10",
        "--fail",
        "503",
        "--fail",
        "503",
        "--fail",
        "timeout",
        &f,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["freshness"]["state"], "unreachable");
    assert_eq!(v["freshness"]["failure"], "timeout");
    assert_eq!(v["banner"]["show"], true);
    assert_eq!(v["banner"]["failure"], "timeout");
    assert_eq!(v["banner"]["last_known_at"], v["data_at"]);
    assert_eq!(v["guidance"]["steps"][0], "confirm");
    // Too old to stand: no banner, never all clear.
    let (_, out, _) = run(&["--now", now, "--data-age", "90", "--fail", "429", &f]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["banner"]["show"], false);
    assert_eq!(v["badge"]["text"], "?");
    assert_eq!(v["freshness"]["failure"], "rate_limited");
    // Only the APIs watched during a ChatGPT incident: named as elsewhere; watching nothing
    // reads as the default watch.
    let (_, out, _) = run(&["--now", now, "--watch", "APIs", &f]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["guidance"]["situation"], "elsewhere");
    assert_eq!(v["guidance"]["steps"][0], "elsewhere");
    let (_, out, _) = run(&["--now", now, "--watch", "", &f]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["guidance"]["situation"], "problem");
    assert_eq!(v["badge"]["text"], "!");
}

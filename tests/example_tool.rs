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
fn shows_a_maintenance_running_late() {
    if tool().is_none() {
        return;
    }
    let f = fixture("native/maintenance-overrun.json");
    let (code, out, _) = run(&["--now", "2026-09-15T12:00:00Z", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Listed, in progress, running past its planned end (11:30).
    let m = &v["maintenances"][0];
    assert_eq!(m["name"], "File uploads maintenance");
    assert_eq!(m["in_progress"], true);
    assert_eq!(m["overrun"], true);
    assert_eq!(m["ends_at"], 1_789_471_800_000_i64);
    // The banner shows that same maintenance: its name, its end, its page.
    let b = &v["banner"];
    assert_eq!(b["show"], true);
    assert_eq!(b["level"], "maintenance");
    assert_eq!(b["maintenances"][0], *m);
    assert_eq!(
        b["maintenances"][0]["url"],
        "https://status.openai.com/incidents/01K5MA1NTENANCE0000000000C"
    );
    assert_eq!(v["guidance"]["until"], serde_json::Value::Null);

    // On time, the same maintenance is not late.
    let f = fixture("native/maintenance-in-progress.json");
    let (code, out, _) = run(&["--now", "2026-09-15T12:00:00Z", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["maintenances"][0]["overrun"], false);
    assert_eq!(v["banner"]["maintenances"][0]["overrun"], false);
}

#[test]
fn admin_only_components_raise_the_banner_only_with_the_setting() {
    if tool().is_none() {
        return;
    }
    let f = fixture("native/compliance-api-incident.json");
    let banner = |settings: &str| {
        let (code, out, err) = run(&["--now", "2026-09-15T12:00:00Z", "--settings", settings, &f]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["incidents"][0]["components"][0], "Compliance API");
        (v["banner"]["show"].clone(), v["banner"]["level"].clone())
    };
    assert_eq!(banner("{}").0, false);
    assert_eq!(
        banner(r#"{"banner_admin_components":true}"#),
        (true.into(), "partial_outage".into())
    );
    // Read as the extension reads stored settings: a damaged value is the default.
    assert_eq!(banner(r#"{"banner_admin_components":"yes"}"#).0, false);
    let (code, _, err) = run(&["--settings", "{", &f]);
    assert_eq!(code, 2);
    assert_eq!(err.trim_end().lines().count(), 1);
}

#[test]
fn compat_summary_left_out_components_are_not_reported() {
    if tool().is_none() {
        return;
    }
    let f = fixture("compat/summary-calm-partial.json");
    let (code, out, err) = run(&["--now", "2026-09-15T12:00:00Z", &f]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["source"], "compat");
    assert_eq!(v["overall"], "operational");
    assert_eq!(v["badge"]["text"], "");
    let chatgpt = &v["groups"].as_array().unwrap()[0];
    assert_eq!(chatgpt["name"], "ChatGPT");
    assert_eq!(chatgpt["level"], "operational");
    assert_eq!(chatgpt["components"][0]["name"], "Conversations");
    assert_eq!(chatgpt["components"][0]["not_reported"], true);
}

#[test]
fn times_add_up_and_old_data_is_flagged() {
    if tool().is_none() {
        return;
    }
    let verdict = |name: &str| {
        let (code, out, err) = run(&["--now", "2026-09-15T12:00:00Z", &fixture(name)]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let v = verdict("native/update-before-start.json");
    let i = &v["incidents"][0];
    assert_eq!(i["latest_update"]["at"], i["started_at"]);
    assert!(v.get("old_data_at").is_none());
    let v = verdict("native/old-data.json");
    assert_eq!(
        v["old_data_at"].as_i64(),
        outage_radar::parse_rfc3339("2026-06-25T12:10:00Z")
    );
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

#[test]
fn prints_reliability_and_recent_incidents_from_component_impacts() {
    if tool().is_none() {
        return;
    }
    let (summary, impacts) = (
        fixture("native/chatgpt-partial-outage.json"),
        fixture("history/component_impacts-90d.json"),
    );
    let (code, out, err) = run(&["--now", "2026-09-15T12:00:00Z", &summary, &impacts]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"], "partial_outage", "the verdict as before");
    let conversations = &v["reliability"][0];
    assert_eq!(conversations["name"], "Conversations");
    assert_eq!(
        conversations["uptime_90"], 99.92,
        "the page's figure, as a number"
    );
    assert_eq!(conversations["uptime_30"], 99.79);
    assert_eq!(
        v["reliability"].as_array().unwrap().len(),
        15,
        "ChatGPT's components"
    );
    let recent = &v["recent_incidents"];
    assert_eq!(recent[0]["id"], "01K5PART1A10UTAGE000000001");
    assert_eq!(recent[0]["level"], "partial_outage");
    assert_eq!(recent[0]["ended_at"], serde_json::Value::Null, "ongoing");
    assert_eq!(recent[1]["id"], "01K4HIST0RY000000000000000");
    assert_eq!(
        recent[1]["url"],
        "https://status.openai.com/incidents/01K4HIST0RY000000000000000"
    );
    assert_eq!(v["incidents"][0]["estimate"]["median_mins"], 47);
    // Watching the APIs: their components; without the page's history, nothing known.
    let (_, out, _) = run(&["--now", "2026-09-15T12:00:00Z", "--watch", "APIs", &summary]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reliability"][0]["name"], "Chat Completions");
    assert_eq!(v["reliability"][0]["uptime_90"], serde_json::Value::Null);
    assert_eq!(v["recent_incidents"], serde_json::json!([]));
}

//! Every fixture through parse → decide under a handful of settings and fetch states,
//! compared byte for byte with the verdicts kept in `tests/fixtures/golden/`.
//!
//! Why: `verdict::decide` is rewritten for speed and size now and then, and the other
//! tests pin what users see, not every member of the verdict the JS shell reads. The
//! golden files were written by the code before such a rewrite; a rewrite must not change
//! a byte. A deliberate change of the verdict regenerates them
//! (`OUTAGE_RADAR_BLESS=1 cargo test --test golden`) and the diff shows what changed.

mod common;

use common::*;
use outage_radar::{
    decide, parse_compat, parse_native_summary, FetchError, FetchState, Level, Settings, Snapshot,
};

const MINUTE: i64 = 60_000;

/// The settings and fetch states each snapshot is decided under, by name.
fn variants() -> Vec<(&'static str, Settings, FetchState, i64)> {
    let now = now();
    let fresh = fresh_at(now);
    let mut stale = fresh_at(now - 30 * MINUTE);
    stale.record_failure(now - MINUTE, FetchError::Offline);
    let mut unreachable = fresh_at(now - 30 * MINUTE);
    for _ in 0..3 {
        unreachable.record_failure(now - MINUTE, FetchError::Timeout);
    }

    let strict = Settings {
        banner_min_level: Level::PartialOutage,
        watched_groups: vec!["apis".into(), "Codex".into()],
        ..Settings::default()
    };
    let mut by_component = Settings {
        watched_groups: Vec::new(),
        watched_components: vec![CONVERSATIONS.into(), API_LOGIN.into()],
        ..Settings::default()
    };
    by_component.notify.enabled = false;
    let nothing_watched_exists = Settings {
        watched_groups: vec!["No such group".into()],
        banner_min_level: Level::Maintenance,
        ..Settings::default()
    };
    let banners_off = Settings {
        banner_enabled: false,
        ..Settings::default()
    };
    vec![
        ("default", Settings::default(), fresh.clone(), now),
        ("strict", strict, fresh.clone(), now),
        ("by_component", by_component, fresh.clone(), now),
        ("nothing_watched_exists", nothing_watched_exists, fresh, now),
        ("stale", Settings::default(), stale, now),
        ("unreachable", Settings::default(), unreachable, now),
        // Two hours on: maintenance windows have started or ended, the data is old.
        ("later", banners_off, fresh_at(now), now + 120 * MINUTE),
    ]
}

/// The snapshots: every native fixture, the compat combinations, the real components.
fn snapshots() -> Vec<(String, Snapshot)> {
    let mut out = Vec::new();
    let dir = format!("{}/tests/fixtures/native", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("native fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    for n in names {
        let stem = n.trim_end_matches(".json").to_owned();
        out.push((format!("native-{stem}"), native(&stem)));
    }
    for rel in ["bench/summary-three-incidents.json", "hostile/summary.json"] {
        let snap = parse_native_summary(&fixture(rel)).expect(rel);
        out.push((rel.replace('/', "-").replace(".json", ""), snap));
    }
    let summary = fixture("compat/summary-missing-chatgpt.json");
    let comps = fixture("compat/components-chatgpt-partial.json");
    let status = fixture("compat/status-major.json");
    let with_incident = fixture("compat/summary-with-incident.json");
    let prev = native("all-operational");
    let compat = [
        (
            "compat-full",
            parse_compat(Some(&summary), Some(&comps), Some(&status), Some(&prev)),
        ),
        (
            "compat-summary-only",
            parse_compat(Some(&summary), None, None, Some(&prev)),
        ),
        (
            "compat-status-only",
            parse_compat(None, None, Some(&status), None),
        ),
        (
            "compat-with-incident",
            parse_compat(Some(&with_incident), None, None, None),
        ),
        (
            "compat-summary-calm-partial",
            parse_compat(
                Some(&fixture("compat/summary-calm-partial.json")),
                None,
                None,
                None,
            ),
        ),
        (
            "real-components",
            parse_compat(
                None,
                Some(&fixture("real/components.2026-07-09.json")),
                None,
                None,
            ),
        ),
    ];
    for (name, snap) in compat {
        out.push((name.to_owned(), snap.expect(name)));
    }
    out
}

/// FNV-1a, 64 bits, as hex.
fn hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")
}

/// One JSON object per snapshot, one variant a line: the first variant's verdict in full
/// (so that a change shows in the diff), the others' by their hash (all in full they made
/// 1.4 MB). Also the verdicts in full, for a look when they differ.
fn verdicts(snap: Option<&Snapshot>) -> (String, String) {
    let (mut text, mut full) = (String::from("{\n"), String::from("{\n"));
    for (i, (name, settings, fetch, now)) in variants().into_iter().enumerate() {
        let json = serde_json::to_string(&decide(snap, &fetch, &settings, now)).unwrap();
        if i > 0 {
            text.push_str(",\n");
            full.push_str(",\n");
            text.push_str(&format!("\"{name}\": \"{}\"", hash(&json)));
        } else {
            text.push_str(&format!("\"{name}\": {json}"));
        }
        full.push_str(&format!("\"{name}\": {json}"));
    }
    text.push_str("\n}\n");
    full.push_str("\n}\n");
    (text, full)
}

#[test]
fn every_fixture_decides_as_the_golden_verdicts() {
    let bless = std::env::var_os("OUTAGE_RADAR_BLESS").is_some();
    let dir = format!("{}/tests/fixtures/golden", env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<(String, (String, String))> = snapshots()
        .iter()
        .map(|(name, snap)| (name.clone(), verdicts(Some(snap))))
        .collect();
    cases.push(("no-snapshot".into(), verdicts(None)));
    assert!(cases.len() > 20, "fixtures went missing: {}", cases.len());
    let mut differ = Vec::new();
    let seen = format!("{}/target/golden-seen", env!("CARGO_MANIFEST_DIR"));
    for (name, (got, full)) in &cases {
        let path = format!("{dir}/{name}.json");
        if bless {
            std::fs::create_dir_all(&dir).expect("golden dir");
            std::fs::write(&path, got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if *got != want {
            std::fs::create_dir_all(&seen).expect("target dir");
            std::fs::write(format!("{seen}/{name}.json"), full).expect("write what was seen");
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let variant = got.lines().nth(line).unwrap_or("").get(..40).unwrap_or("");
            differ.push(format!("{name} (first difference: {variant}…)"));
        }
    }
    assert!(
        differ.is_empty(),
        "verdicts changed (in full in {seen}/):\n{}",
        differ.join("\n")
    );
}

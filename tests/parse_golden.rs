//! Every fixture through every parser, compared with the results kept in
//! `tests/fixtures/parse-golden.txt`.
//!
//! Why: the parsers in `source`, `json` and `text` are rewritten for size and speed now and
//! then, and `tests/golden.rs` pins only the verdicts decided from some of their results. A
//! rewrite must not change what any parser reads from any body, error included: the full
//! `Debug` of each result is hashed here, one line per (fixture, parser). A deliberate
//! change regenerates the file (`OUTAGE_RADAR_BLESS=1 cargo test --test parse_golden`);
//! the results seen are written in full to `target/parse-golden-seen/` to compare.

use outage_radar::source::{detect, detect_and_parse};
use outage_radar::{
    parse_compat, parse_component_impacts, parse_native_incidents, parse_native_summary,
};

/// Every `.json` under tests/fixtures (the golden verdicts aside), by relative path.
fn fixtures() -> Vec<(String, String)> {
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).expect("fixtures dir") {
            let path = e.expect("entry").path();
            if path.is_dir() {
                if !path.ends_with("golden") {
                    dirs.push(path.to_string_lossy().into_owned());
                }
            } else if path.extension().is_some_and(|x| x == "json") {
                let rel = path.strip_prefix(&root).expect("under root");
                let body = std::fs::read_to_string(&path).expect("fixture");
                out.push((rel.to_string_lossy().into_owned(), body));
            }
        }
    }
    out.sort();
    out
}

/// Small bodies for what the fixtures lack: ids as numbers, escapes, drifted types,
/// broken JSON, wrong top levels.
const EXTRA: &[&str] = &[
    "",
    "null",
    "[]",
    "{}",
    "<html>",
    r#"{"summary":[]}"#,
    r#"{"summary":{}}"#,
    r#"{"summary":{"name":"P\u00e9 \ud83d\ude00\n\tx","components":[{"id":12,"name":"A"},{"id":1.5,"name":"B"},{"id":-3,"name":"C"},{"id":"","name":"D"}],
      "affected_components":[{"component_id":12,"status":"full_outage"},{"component_id":12,"status":"degraded_performance"},{"component_id":"zz"}],
      "ongoing_incidents":[{"id":7,"name":"  x  ","status":"investigating","updates":[{"message_string":"a","published_at":"2026-01-01T00:00:00Z"},{"to_status":"resolved"},{}],
        "component_impacts":[{"component_id":12,"status":"partial_outage","start_at":"2026-01-01T00:00:00+02:00"}]},3,null],
      "scheduled_maintenances":[{"id":"m","status":"scheduled","starts_at":"2026-02-01T00:00:00.5Z","ends_at":"bad"}],
      "in_progress_maintenances":[{"id":"m"}]}}"#,
    r#"{"incidents":[{"id":"a","status":"resolved","type":"Maintenance","updates":[{"body":"b","created_at":"2026-01-01T00:00:00Z"}]},{"name":"no id"}]}"#,
    r#"{"page":{"name":"P"},"components":[{"id":"g","name":"G","group":true},{"id":"c","name":"C","group_id":"g","status":"major_outage"},{"id":"d","status":"operational"}],
      "incidents":[{"id":"i","status":"identified","impact":"minor","incident_updates":[{"body":"x","display_at":"2026-01-01T00:00:00Z","status":"identified"}],"components":[{"id":"c","status":"major_outage"}]}],
      "scheduled_maintenances":[{"id":"s","status":"in_progress","scheduled_until":"2099-01-01T00:00:00Z"}],"status":{"indicator":"major"}}"#,
    r#"{"status":{"indicator":"critical"}}"#,
    r#"{"components":[1,{"id":true},{"id":"x","name":["n"]}]}"#,
    r#"{"foo":1e999}"#,
    r#"{"a":"\ud800"}"#,
];

/// Each parser's result for one body, in full, one line each.
fn results(body: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "native_summary",
            format!("{:?}", parse_native_summary(body)),
        ),
        (
            "native_incidents",
            format!("{:?}", parse_native_incidents(body)),
        ),
        (
            "compat_summary",
            format!("{:?}", parse_compat(Some(body), None, None, None)),
        ),
        (
            "compat_components",
            format!("{:?}", parse_compat(None, Some(body), None, None)),
        ),
        (
            "compat_status",
            format!("{:?}", parse_compat(None, None, Some(body), None)),
        ),
        (
            "component_impacts",
            format!("{:?}", parse_component_impacts(body)),
        ),
        ("detect", format!("{:?}", detect(body))),
        (
            "detect_and_parse",
            format!("{:?}", detect_and_parse(&[body], None)),
        ),
    ]
}

/// FNV-1a, 64 bits, as hex.
fn hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")
}

#[test]
fn every_fixture_parses_as_the_golden_results() {
    let mut cases: Vec<(String, String)> = Vec::new();
    let fixtures = fixtures();
    assert!(
        fixtures.len() > 25,
        "fixtures went missing: {}",
        fixtures.len()
    );
    let bodies = fixtures.iter().map(|(n, b)| (n.clone(), b.as_str())).chain(
        EXTRA
            .iter()
            .enumerate()
            .map(|(i, b)| (format!("extra-{i}"), *b)),
    );
    for (name, body) in bodies {
        for (parser, result) in results(body) {
            cases.push((format!("{name} {parser}"), result));
        }
    }
    // The compat payloads together, with and without a native snapshot for the groups,
    // and every fixture at once through the inspection tool's path.
    let get = |rel: &str| {
        fixtures
            .iter()
            .find(|(n, _)| n == rel)
            .map(|(_, b)| b.as_str())
            .expect(rel)
    };
    let prev = parse_native_summary(get("native/all-operational.json")).expect("prev");
    let (s, c, st) = (
        get("compat/summary-with-incident.json"),
        get("compat/components-chatgpt-partial.json"),
        get("compat/status-major.json"),
    );
    for (name, p) in [("compat-all", None), ("compat-all-prev", Some(&prev))] {
        cases.push((
            name.into(),
            format!("{:?}", parse_compat(Some(s), Some(c), Some(st), p)),
        ));
        cases.push((
            format!("{name}-summary-status"),
            format!("{:?}", parse_compat(Some(s), None, Some(st), p)),
        ));
    }
    let all: Vec<&str> = fixtures.iter().map(|(_, b)| b.as_str()).collect();
    let compat_only: Vec<&str> = fixtures
        .iter()
        .filter(|(n, _)| n.starts_with("compat/") || n.starts_with("history/"))
        .map(|(_, b)| b.as_str())
        .collect();
    cases.push((
        "detect_and_parse-all".into(),
        format!("{:?}", detect_and_parse(&all, None)),
    ));
    cases.push((
        "detect_and_parse-compat-history".into(),
        format!("{:?}", detect_and_parse(&compat_only, Some(&prev))),
    ));

    let got: String = cases
        .iter()
        .map(|(name, result)| format!("{name} {}\n", hash(result)))
        .collect();
    let root = env!("CARGO_MANIFEST_DIR");
    let path = format!("{root}/tests/fixtures/parse-golden.txt");
    if std::env::var_os("OUTAGE_RADAR_BLESS").is_some() {
        std::fs::write(&path, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    if got != want {
        let seen = format!("{root}/target/parse-golden-seen");
        std::fs::create_dir_all(&seen).expect("target dir");
        for (name, result) in &cases {
            let file = name.replace(['/', ' '], "_");
            std::fs::write(format!("{seen}/{file}.txt"), result).expect("write seen");
        }
        let differ: Vec<&str> = got
            .lines()
            .zip(want.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a)
            .collect();
        panic!(
            "parse results changed (in full in {seen}/):\n{}",
            differ.join("\n")
        );
    }
}

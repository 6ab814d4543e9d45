//! Property tests: no input panics, and levels aggregate correctly.

mod common;

use common::*;
use outage_radar::{
    check_response, decide, detect, detect_and_parse, events, parse_compat, parse_native_incidents,
    parse_native_summary, parse_retry_after, parse_rfc3339, rule_for_url, source::parse_http_date,
    FetchError, FetchState, Level, Settings, Snapshot, Verdict,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const KEYS: &[&str] = &[
    "summary",
    "structure",
    "items",
    "group",
    "component",
    "components",
    "component_id",
    "id",
    "name",
    "hidden",
    "status",
    "current_status",
    "affected_components",
    "ongoing_incidents",
    "scheduled_maintenances",
    "in_progress_maintenances",
    "updates",
    "published_at",
    "message_string",
    "to_status",
    "component_impacts",
    "start_at",
    "end_at",
    "type",
    "status_summaries",
    "worst_component_status",
    "incidents",
    "page",
    "indicator",
    "incident_updates",
    "scheduled_for",
    "scheduled_until",
    "impact",
    "group_id",
    "body",
];

const WORDS: &[&str] = &[
    "operational",
    "degraded_performance",
    "partial_outage",
    "full_outage",
    "major_outage",
    "under_maintenance",
    "minor",
    "major",
    "critical",
    "none",
    "maintenance",
    "resolved",
    "investigating",
    "monitoring",
    "maintenance_in_progress",
    "maintenance_scheduled",
    "ChatGPT",
    "APIs",
    "Codex",
    "Sora",
    "Login",
    "a",
    "b",
    "c",
    "2026-09-15T12:00:00Z",
    "2026-09-15T12:30:00.5+02:00",
    "",
    "maintenance",
    "incident",
    "weird_new_value",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(WORDS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn json_ish() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 120, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                let mut m = Map::new();
                for (k, v) in kv {
                    m.insert(k.to_owned(), v);
                }
                Value::Object(m)
            }),
        ]
    })
}

/// A structurally plausible native summary with random states, hidden flags and
/// incident references, to exercise the level invariants.
fn plausible_summary() -> impl Strategy<Value = Value> {
    let comp = (0u8..12, any::<bool>());
    let group = (
        prop::sample::select(&["ChatGPT", "APIs", "Codex", "Sora", "X"][..]),
        any::<bool>(),
        prop::collection::vec(comp, 0..5),
    );
    let affected = prop::collection::vec((0u8..14, prop::sample::select(WORDS)), 0..8);
    let incident = (
        prop::collection::vec((0u8..14, prop::sample::select(WORDS)), 0..3),
        prop::sample::select(WORDS),
    );
    (
        prop::collection::vec(group, 0..5),
        affected,
        prop::collection::vec(incident, 0..3),
    )
        .prop_map(|(groups, affected, incidents)| {
            let items: Vec<Value> = groups
                .iter()
                .enumerate()
                .map(|(gi, (name, hidden, comps))| {
                    json!({"group": {"id": format!("g{gi}"), "name": name, "hidden": hidden,
                        "components": comps.iter().map(|(c, h)| json!({
                            "component_id": format!("c{c}"), "name": format!("C{c}"), "hidden": h
                        })).collect::<Vec<_>>()}})
                })
                .collect();
            let affected: Vec<Value> = affected
                .iter()
                .map(|(c, s)| json!({"component_id": format!("c{c}"), "status": s}))
                .collect();
            let incidents: Vec<Value> = incidents
                .iter()
                .enumerate()
                .map(|(i, (comps, status))| {
                    json!({"id": format!("i{i}"), "name": "n", "status": status,
                        "affected_components": comps.iter().map(|(c, s)| json!({
                            "component_id": format!("c{c}"), "status": s
                        })).collect::<Vec<_>>()})
                })
                .collect();
            json!({"summary": {"structure": {"items": items},
                "affected_components": affected, "ongoing_incidents": incidents}})
        })
}

fn check_invariants(snap: &Snapshot, v: &Verdict) {
    for g in &v.groups {
        let worst = Level::worst_of(g.components.iter().map(|c| c.level)).unwrap_or(Level::Unknown);
        assert_eq!(g.level, worst, "group {}", g.name);
        assert!(v.overall.severity() >= g.level.severity());
        // Visible children only.
        let src = snap.groups.iter().find(|s| s.id == g.id);
        if let Some(src) = src {
            assert!(!src.hidden);
            let visible = src.components.iter().filter(|c| !c.hidden).count();
            assert_eq!(visible, g.components.len());
        }
    }
    for i in &v.incidents {
        assert!(v.overall.severity() >= i.level.severity());
        assert!(i.url.starts_with("https://status.openai.com/"));
        assert!(!i.url["https://status.openai.com/".len()..]
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/')));
    }
    for p in &v.pages {
        if p.banner.show {
            assert_ne!(p.banner.level, Level::Operational);
        }
    }
    let s = serde_json::to_string(v).unwrap();
    let back: Verdict = serde_json::from_str(&s).unwrap();
    assert_eq!(&back, v);
}

fn exercise(body: &str) {
    let _ = detect(body);
    let _ = detect_and_parse(&[body], None);
    let _ = parse_native_incidents(body);
    let prev = native("all-operational");
    let _ = parse_compat(Some(body), Some(body), Some(body), Some(&prev));
    let _ = parse_compat(Some(body), None, None, None);
    let _ = parse_compat(None, Some(body), None, None);
    if let Ok(snap) = parse_native_summary(body) {
        let v = decide(Some(&snap), &fresh_at(now()), &Settings::default(), now());
        check_invariants(&snap, &v);
        let _ = events(None, &v, now());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,200}") {
        exercise(&s);
        let _ = parse_rfc3339(&s);
        let _ = parse_http_date(&s);
        let _ = parse_retry_after(&s, Some(now()));
        let _ = rule_for_url(&s);
        let _ = check_response(200, Some(&s), Some(&s), 0, 1);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..300)) {
        exercise(&String::from_utf8_lossy(&b));
        let _ = outage_radar::body_hash(&b);
    }

    #[test]
    fn json_ish_values_never_panic(v in json_ish(), wrap in any::<bool>()) {
        let v = if wrap { json!({"summary": v}) } else { v };
        exercise(&v.to_string());
    }

    #[test]
    fn group_level_is_worst_of_visible_children(v in plausible_summary()) {
        let snap = parse_native_summary(&v.to_string()).unwrap();
        let verdict = decide(Some(&snap), &fresh_at(now()), &Settings::default(), now());
        check_invariants(&snap, &verdict);
    }

    #[test]
    fn timestamps_round_trip(ms in -62_135_596_800_000i64..253_402_300_799_999) {
        let s = outage_radar::format_rfc3339(ms);
        prop_assert_eq!(parse_rfc3339(&s), Some(ms));
    }

    #[test]
    fn fetch_state_and_decide_never_panic(
        fails in prop::collection::vec(0u8..6, 0..8),
        t in any::<i64>(),
        now_ms in any::<i64>(),
        threshold in any::<u32>(),
    ) {
        let mut f = FetchState::default();
        f.record_success(t, None, None, None);
        for k in fails {
            let e = match k {
                0 => FetchError::Offline,
                1 => FetchError::Timeout,
                2 => FetchError::Http { status: 429, retry_after_secs: Some(u64::MAX) },
                3 => FetchError::NotJson { content_type: String::new() },
                4 => FetchError::TooLarge { limit: 0 },
                _ => FetchError::Shape { detail: String::new() },
            };
            f.record_failure(t, e);
        }
        let s = Settings { stale_after_failures: threshold, ..Settings::default() };
        let snap = native("maintenance-upcoming");
        let a = decide(Some(&snap), &f, &s, now_ms);
        let b = decide(None, &f, &s, now_ms);
        let _ = events(Some(&a), &b, now_ms);
        let _ = events(Some(&b), &a, now_ms);
        let _ = f.may_fetch(now_ms);
    }
}

/// Strings heavy in what [`outage_radar::model::text`] must handle: bidi and other controls,
/// whitespace of every kind, combining marks, joiners, modifiers, flags, markup.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        prop::sample::select(vec![
            "\u{202A}",
            "\u{202B}",
            "\u{202C}",
            "\u{202D}",
            "\u{202E}",
            "\u{2066}",
            "\u{2067}",
            "\u{2068}",
            "\u{2069}",
            "\u{200E}",
            "\u{200F}",
            "\u{061C}",
            "\u{0000}",
            "\u{0007}",
            "\u{009B}",
            "\u{FEFF}",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\u{2028}",
            "\u{2029}",
            "\u{00A0}",
            "\u{0301}",
            "\u{200D}",
            "\u{FE0F}",
            "\u{1F3FD}",
            "🇫",
            "🇷",
            "👨",
            "🔥",
            "<script>",
            "javascript:",
            "data:",
            "a",
            "é",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn display_text_is_clean_bounded_and_stable(s in hostile_text(), max in 0usize..40) {
        use outage_radar::model::text::{clean_display, clean_id, clean_line, is_bidi_control, ID_MAX};
        for (multiline, out) in [(true, clean_display(&s, max)), (false, clean_line(&s, max))] {
            prop_assert!(out.chars().count() <= max, "{:?} → {:?}", s, out);
            prop_assert!(!out.chars().any(is_bidi_control));
            prop_assert!(out.chars().all(|c| !c.is_control() || (multiline && c == '\n')));
            prop_assert_eq!(out.trim(), out.as_str());
            // What is kept is the start of the whole cleaned text: a cut only shortens.
            let whole = if multiline { clean_display(&s, usize::MAX / 2) } else { clean_line(&s, usize::MAX / 2) };
            let kept = out.strip_suffix('…').filter(|_| out != whole).unwrap_or(&out);
            prop_assert!(whole.starts_with(kept), "{:?} is not a prefix of {:?}", kept, whole);
            // Cleaning again changes nothing.
            let again = if multiline { clean_display(&out, max) } else { clean_line(&out, max) };
            prop_assert_eq!(&again, &out);
        }
        let id = clean_id(&s);
        prop_assert!(id.chars().count() <= ID_MAX);
        prop_assert!(!id.chars().any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c)));
    }
}

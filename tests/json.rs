//! `outage_radar::json` and `outage_radar::wire` against `serde_json`, which they replace
//! in the wasm: the same texts must be accepted and rejected and read to the same values,
//! what the core writes must be JSON that reads back to the same value, and stored records
//! must survive the round trip exactly.

use std::fs;

use outage_radar::json::{self, Json};
use outage_radar::wire::{self, FromJson, ToJson};
use outage_radar::{decide, parse_native_summary, FetchState, Settings, Snapshot, Verdict};
use proptest::prelude::*;
use serde_json::Value;

/// What the wasm does with a stored record: parse, then read field by field.
fn load<T: FromJson>(text: &str) -> Option<T> {
    wire::from_str(text)
}

/// The same value? Numbers compare as serde_json classifies them (u64, i64 or f64).
fn same(ours: &Json, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Number(_), Value::Number(n)) => {
            let Json::Number(lit) = ours else {
                unreachable!()
            };
            match (ours.integer_text(), n.is_f64()) {
                (Some(t), false) => t == n.to_string(),
                // serde_json's default float parser may be one ulp off the correctly
                // rounded value (ours); no record holds a float, so that is all we ask.
                (None, true) => {
                    let (a, b) = (lit.parse::<f64>().unwrap(), n.as_f64().unwrap());
                    a == b || ((a - b) / b).abs() < 1e-15
                }
                _ => false,
            }
        }
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(members), Value::Object(map)) => {
            // serde_json keeps the last of repeated keys; so does `get`.
            map.iter()
                .all(|(k, v)| ours.get(k).is_some_and(|o| same(o, v)))
                && members.iter().all(|(k, _)| map.contains_key(k.as_ref()))
        }
        _ => false,
    }
}

/// The same value, read through a document's [`json::Value`] view (what the status
/// parsers read) rather than the tree.
fn same_view(ours: json::Value, theirs: &Value) -> bool {
    let kind = (
        ours.is_object(),
        ours.is_array(),
        ours.as_str(),
        ours.as_bool(),
        ours.integer_text(),
    );
    match theirs {
        Value::Null => kind == (false, false, None, None, None),
        Value::Bool(b) => kind == (false, false, None, Some(*b), None),
        Value::String(s) => kind == (false, false, Some(s.as_str()), None, None),
        Value::Number(n) => {
            let integer = (!n.is_f64()).then(|| n.to_string());
            (kind.0, kind.1, kind.2, kind.3) == (false, false, None, None)
                && ours.integer_text().map(str::to_owned) == integer
        }
        Value::Array(items) => {
            let Some(ours_items) = ours.items() else {
                return false;
            };
            ours.get("0").is_none()
                && ours_items.clone().count() == items.len()
                && ours_items.zip(items).all(|(o, t)| same_view(o, t))
        }
        Value::Object(map) => {
            // serde_json keeps the last of repeated keys; so does `get`.
            ours.is_object()
                && ours.items().is_none()
                && ours.get("\u{0}not a key").is_none()
                && map
                    .iter()
                    .all(|(k, v)| ours.get(k).is_some_and(|o| same_view(o, v)))
        }
    }
}

fn agrees(text: &str) {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    if let (Ok(doc), Ok(t)) = (json::read(text), &theirs) {
        assert!(same_view(doc.root(), t), "{text:?}: {doc:?} vs {t:?}");
    }
    match (&ours, &theirs) {
        (Ok(o), Ok(t)) => {
            assert!(same(o, t), "{text:?}: {o:?} vs {t:?}");
            // Written back, it is JSON of the same value.
            let written = wire::to_string(o);
            let back = serde_json::from_str::<Value>(&written).expect("what we write is JSON");
            assert_eq!(&back, t, "{text:?} written as {written:?}");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn accepts_and_rejects_like_serde_json() {
    let cases = [
        "",
        " ",
        "null",
        "true",
        "false",
        "nul",
        "tru",
        "0",
        "-0",
        "01",
        "-01",
        "1.",
        ".5",
        "1.5",
        "-1.5e3",
        "1e",
        "1e+",
        "1E-2",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "-",
        "+1",
        "\"\"",
        "\"a\\u00e9\\n\\t\\\"\\\\\\/\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\u0041\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"a\u{1}b\"",
        "\"tab\there\"",
        "\"é ü 中\"",
        "\"unterminated",
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":{\"b\":[]}}",
        "[1] x",
        "[1]  \n",
        "\u{feff}[]",
        "[1e308, 1.7976931348623157e308]",
        "1.7976931348623159e308",
        "NaN",
        "Infinity",
        "[true false]",
        "{\"a\":nul}",
        // Closers that do not match their opener, at every depth.
        "[}",
        "{]",
        "[1}",
        "{\"a\":1]",
        "[[1]}",
        "[{\"a\":[]]]",
        "{\"a\":[1}}",
        "{\"a\":{\"b\":1]}",
        "[[]]]",
        "[[]",
        "{\"a\":{}}}",
        "{\"a\":{}",
        "[{},{}]",
        "[[],[[]],{}]",
        "{\"a\":[],\"b\":{},\"c\":[{}]}",
        // Keys that are not strings, or missing, after the first member too.
        "{\"a\":1,2:3}",
        "{\"a\":1,\"b\"}",
        "{\"a\":1,\"b\":}",
        "{,}",
        "{:1}",
    ];
    for c in cases {
        agrees(c);
    }
}

#[test]
fn nesting_limit_is_serde_jsons() {
    for depth in [1, 126, 127, 128, 129, 1000] {
        agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        let obj = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        agrees(&obj);
    }
}

#[test]
fn fixtures_read_the_same() {
    for dir in [
        "tests/fixtures/native",
        "tests/fixtures/compat",
        "tests/fixtures/real",
    ] {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = fs::read_to_string(&path).unwrap();
                agrees(&text);
            }
        }
    }
}

/// Stored records (what the shell keeps in storage) read back exactly as written, and what
/// is written is JSON that serde_json reads.
#[test]
fn stored_records_load_the_same() {
    let now = 1_790_000_000_000;
    for dir in ["tests/fixtures/native", "tests/fixtures/bench"] {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(snapshot) = parse_native_summary(&fs::read_to_string(&path).unwrap()) else {
                continue;
            };
            let mut fetch = FetchState::default();
            fetch.record_success(now, Some("\"e\"".into()), None, Some("h".into()));
            let verdict = decide(Some(&snapshot), &fetch, &Settings::default(), now);

            let text = wire::to_string(&snapshot);
            serde_json::from_str::<Value>(&text).expect("JSON");
            assert_eq!(load::<Snapshot>(&text).unwrap(), snapshot, "{path:?}");

            let text = wire::to_string(&verdict);
            serde_json::from_str::<Value>(&text).expect("JSON");
            assert_eq!(load::<Verdict>(&text).unwrap(), verdict, "{path:?}");

            let text = wire::to_string(&fetch);
            assert_eq!(load::<FetchState>(&text).unwrap(), fetch);
        }
    }
}

/// The names the shell reads: a renamed field would break it silently, so they are pinned.
#[test]
fn verdict_members_keep_their_names() {
    let body = fs::read_to_string("tests/fixtures/native/chatgpt-partial-outage.json").unwrap();
    let snapshot = parse_native_summary(&body).unwrap();
    let now = 1_790_000_000_000;
    let mut fetch = FetchState::default();
    fetch.record_success(now, None, None, None);
    let verdict = decide(Some(&snapshot), &fetch, &Settings::default(), now);
    let j: Value = serde_json::from_str(&wire::to_string(&verdict)).unwrap();
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k.join(",")
    };
    assert_eq!(
        keys(&j),
        "badge,banner,checked_at,data_at,freshness,groups,guidance,incidents,just_me,\
         maintenances,overall,pages,source"
    );
    assert_eq!(
        keys(&j["banner"]),
        "affected,dismissed,incident_ids,incidents,level,maintenance_ids,resolved_until,\
         scope_unclear,show"
    );
    assert_eq!(keys(&j["pages"][0]), "banner,hosts,id,path_prefix");
    assert_eq!(
        keys(&j["incidents"][0]),
        "component_ids,components,estimate,groups,id,latest_update,level,name,scope_unclear,\
         started_at,status,updates,url,watched"
    );
    assert_eq!(j["overall"], "partial_outage");
    assert_eq!(j["source"], "native");
    assert_eq!(j["freshness"]["state"], "fresh");
}

/// A damaged member costs that member only; a damaged tagged value (an error, an event)
/// is refused whole; a record that isn't an object doesn't read.
#[test]
fn damaged_records_lose_only_the_damaged_field() {
    let fetch = |text: &str| load::<FetchState>(text);
    let base = r#""consecutive_failures":2,"etag":"\"e\"""#;
    for damaged in [
        r#""last_attempt_at":-1.5"#,
        r#""last_attempt_at":"2""#,
        r#""last_error":{"kind":"nope"}"#,
        r#""last_error":{"kind":"http"}"#,
        r#""last_error":{"kind":"http","status":70000}"#,
        r#""last_error":"timeout""#,
        r#""source_used":"carrier_pigeon""#,
        r#""unknown_field":[1,{"x":2}]"#,
    ] {
        let s = fetch(&format!("{{{base},{damaged}}}")).expect(damaged);
        assert_eq!(s.consecutive_failures, 2, "{damaged}");
        assert_eq!(s.etag.as_deref(), Some("\"e\""), "{damaged}");
        assert_eq!(s.last_attempt_at, None, "{damaged}");
        assert_eq!(s.last_error, None, "{damaged}");
        assert_eq!(s.source_used, None, "{damaged}");
    }
    for (text, failures) in [
        (r#"{"consecutive_failures":-1}"#, 0),
        (r#"{"consecutive_failures":1.5}"#, 0),
        (r#"{"consecutive_failures":1e2}"#, 0),
        (r#"{"consecutive_failures":4294967296}"#, 0),
        (r#"{"consecutive_failures":4294967295}"#, u32::MAX),
    ] {
        assert_eq!(
            fetch(text).unwrap().consecutive_failures,
            failures,
            "{text}"
        );
    }
    let s = fetch(r#"{"last_error":{"kind":"http","status":503,"retry_after_secs":null}}"#);
    assert_eq!(
        s.unwrap().last_error,
        Some(outage_radar::FetchError::Http {
            status: 503,
            retry_after_secs: None
        }),
        "an absent or null Option member is None"
    );
    for text in ["null", "[]", "\"x\"", "3"] {
        assert_eq!(fetch(text), None, "{text}");
    }
    for (text, level) in [
        (
            r#"{"level":"partial_outage"}"#,
            outage_radar::Level::PartialOutage,
        ),
        (r#"{"level":"sideways"}"#, outage_radar::Level::Unknown),
        (
            r#"{"level":{"partial_outage":null}}"#,
            outage_radar::Level::Unknown,
        ),
        (r#"{"level":3}"#, outage_radar::Level::Unknown),
    ] {
        assert_eq!(
            load::<outage_radar::Component>(text).unwrap().level,
            level,
            "{text}"
        );
    }
    // A list keeps the entries that read.
    let s: Settings = load(r#"{"watched_groups":["ChatGPT",7,"Sora",null]}"#).unwrap();
    assert_eq!(s.watched_groups, ["ChatGPT", "Sora"]);
}

/// Strings the status page can send (controls, quotes, non-BMP) survive the writer.
#[test]
fn strings_round_trip() {
    for s in [
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "controls \u{0}\u{1}\u{1f}\n\r\t\u{7f}",
        "bidi \u{202e}evil\u{202c} line\u{2028}sep",
        "emoji 😀 👩‍👩‍👧 🇫🇷 中文",
    ] {
        let text = wire::to_string(s);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s);
        assert_eq!(load::<String>(&text).unwrap(), s);
    }
    let mut out = String::new();
    (1_i64 << 53).write_json(&mut out);
    out.push(' ');
    i64::MIN.write_json(&mut out);
    out.push(' ');
    u64::MAX.write_json(&mut out);
    assert_eq!(
        out,
        "9007199254740992 -9223372036854775808 18446744073709551615"
    );
}

fn json_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        "-?(0|[1-9][0-9]{0,21})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?",
        "\"([a-z é\\\\\"]|\\\\u[0-9a-fA-F]{4}|\\\\[nrt/])*\"",
    ];
    atom.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..5).prop_map(|v| {
                let m: Vec<String> = v.iter().map(|(k, x)| format!("\"{k}\": {x}")).collect();
                format!("{{ {} }}", m.join(" , "))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_json_agrees(t in json_text()) {
        agrees(&t);
    }

    /// Whitespace of every kind and length after each structural character, as
    /// pretty-printers indent (the reader skips the spaces after a line break eight at a
    /// time). The generated texts have no such character inside a string.
    #[test]
    fn indented_json_agrees(t in json_text(), runs in prop::collection::vec("[ \t\r\n]{0,3} {0,19}", 1..16)) {
        let mut text = String::new();
        let mut next = runs.iter().cycle();
        for c in t.chars() {
            text.push(c);
            if matches!(c, ',' | ':' | '[' | '{') {
                text.push_str(next.next().unwrap());
            }
        }
        agrees(&text);
    }

    #[test]
    fn mangled_json_agrees(t in json_text(), cut in any::<prop::sample::Index>(), junk in "[\\[\\]{}\",:0-9a-z\\\\ ]") {
        let i = cut.index(t.len() + 1);
        if t.is_char_boundary(i) {
            agrees(&format!("{}{}{}", &t[..i], junk, &t[i..]));
            agrees(&t[..i]);
        }
    }
}

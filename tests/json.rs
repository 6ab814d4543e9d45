//! `outage_radar::json` against `serde_json`, which it replaces in the wasm: the same
//! texts must be accepted and rejected, read to the same values, and stored records must
//! load the same way.

use std::fs;

use outage_radar::json::{self, Json, ValueRef};
use outage_radar::{decide, parse_native_summary, FetchState, Settings, Snapshot, Verdict};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What the wasm does with a stored record: serde_json's `Value`, read through `ValueRef`.
fn load<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value: Value = serde_json::from_str(text).ok()?;
    T::deserialize(ValueRef(&value)).ok()
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

fn agrees(text: &str) {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(o), Ok(t)) => {
            assert!(same(o, t), "{text:?}: {o:?} vs {t:?}");
            let converted = json::parse_value(text).expect("parses");
            assert!(same(o, &converted), "{text:?}: {o:?} vs {converted:?}");
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
                assert_eq!(json::parse_value(&text), serde_json::from_str(&text).ok());
            }
        }
    }
}

/// Stored records (what the shell keeps in storage) load exactly as with serde_json.
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

            let text = serde_json::to_string(&snapshot).unwrap();
            let ours: Snapshot = load(&text).unwrap();
            assert_eq!(ours, serde_json::from_str::<Snapshot>(&text).unwrap());
            assert_eq!(ours, snapshot, "{path:?}");

            let text = serde_json::to_string(&verdict).unwrap();
            let ours: Verdict = load(&text).unwrap();
            assert_eq!(ours, verdict, "{path:?}");

            let text = serde_json::to_string(&fetch).unwrap();
            assert_eq!(load::<FetchState>(&text).unwrap(), fetch);
        }
    }
}

#[test]
fn damaged_records_fail_like_serde_json() {
    for text in [
        r#"{"consecutive_failures":-1}"#,
        r#"{"consecutive_failures":1.5}"#,
        r#"{"consecutive_failures":"2"}"#,
        r#"{"last_error":{"kind":"nope"}}"#,
        r#"{"last_error":{"kind":"http","status":503,"retry_after_secs":null}}"#,
        r#"{"last_error":"timeout"}"#,
        r#"{"etag":null,"unknown_field":[1,{"x":2}]}"#,
        r#"null"#,
    ] {
        assert_eq!(
            load::<FetchState>(text),
            serde_json::from_str::<FetchState>(text).ok(),
            "{text}"
        );
    }
    for text in [
        r#"{"level":"partial_outage"}"#,
        r#"{"level":"sideways"}"#,
        r#"{"level":{"partial_outage":null}}"#,
        r#"{"level":3}"#,
    ] {
        assert_eq!(
            load::<outage_radar::Component>(text),
            serde_json::from_str::<outage_radar::Component>(text).ok(),
            "{text}"
        );
    }
    // The one difference, on purpose: serde_json also reads a struct from an array of
    // its fields in order; nothing writes one, and refusing it keeps that code out.
    assert!(serde_json::from_str::<FetchState>("[]").is_ok());
    assert_eq!(load::<FetchState>("[]"), None);
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

    #[test]
    fn mangled_json_agrees(t in json_text(), cut in any::<prop::sample::Index>(), junk in "[\\[\\]{}\",:0-9a-z\\\\ ]") {
        let i = cut.index(t.len() + 1);
        if t.is_char_boundary(i) {
            agrees(&format!("{}{}{}", &t[..i], junk, &t[i..]));
            agrees(&t[..i]);
        }
    }
}

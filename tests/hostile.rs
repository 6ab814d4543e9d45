//! Hostile status-page text (tests/fixtures/hostile/summary.json, made by its make.py):
//! markup, scripts, `javascript:`/`data:` URLs, bidi controls, control characters, 100 KB
//! strings, emoji and hostile ids. Whatever the feed says, everything the core hands the
//! shell to display is clean text of bounded length, every URL is on status.openai.com,
//! and the notifications it decides name the incident in that same clean text (the shell
//! puts `Notice::name` into the notification as is: extension/background.js).

mod common;

use common::*;
use outage_radar::background::notify::{self, NotifyState};
use outage_radar::model::text::{is_bidi_control, NAME_MAX, STATUS_MAX, TEXT_MAX};
use outage_radar::{
    decide, events, parse_compat, parse_native_summary, Settings, Snapshot, Verdict,
};
use serde_json::Value;

fn hostile() -> String {
    fixture("hostile/summary.json")
}

/// The hostile summary (written, like every scenario, as of `now()`).
fn snapshot() -> Snapshot {
    parse_native_summary(&hostile()).expect("the hostile summary parses")
}

/// Text fit for display: no bidi or control characters (line breaks only in update
/// texts), at most `max` chars.
fn assert_clean(what: &str, s: &str, max: usize, multiline: bool) {
    assert!(
        s.chars().count() <= max,
        "{what}: {} chars",
        s.chars().count()
    );
    for c in s.chars() {
        assert!(
            !is_bidi_control(c),
            "{what}: bidi control U+{:04X}",
            c as u32
        );
        let allowed = multiline && c == '\n';
        assert!(
            !c.is_control() || allowed,
            "{what}: control U+{:04X}",
            c as u32
        );
        assert!(c != '\u{FEFF}', "{what}: BOM");
    }
    assert_eq!(s.trim(), s, "{what}: trimmed");
}

fn assert_snapshot_clean(snap: &Snapshot) {
    assert_clean("page name", &snap.page_name, NAME_MAX, false);
    for g in &snap.groups {
        assert_clean("group", &g.name, NAME_MAX, false);
        for c in &g.components {
            assert_clean("component", &c.name, NAME_MAX, false);
            assert!(c.id.len() <= 4 * 128);
        }
    }
    for c in &snap.components {
        assert_clean("component", &c.name, NAME_MAX, false);
    }
    for i in &snap.incidents {
        assert_clean("incident", &i.name, NAME_MAX, false);
        assert_clean("status", &i.status, STATUS_MAX, false);
        for u in &i.updates {
            assert_clean("update", &u.text, TEXT_MAX, true);
            assert_clean("update status", &u.status, STATUS_MAX, false);
        }
        for c in &i.components {
            assert_clean("incident component", &c.name, NAME_MAX, false);
        }
    }
    for m in &snap.maintenances {
        assert_clean("maintenance", &m.name, NAME_MAX, false);
    }
}

/// Every string in a JSON value, with its key.
fn strings<'a>(v: &'a Value, key: &str, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((key.to_owned(), s)),
        Value::Array(a) => a.iter().for_each(|x| strings(x, key, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| strings(x, k, out)),
        _ => {}
    }
}

#[test]
fn the_snapshot_holds_only_clean_bounded_text() {
    let snap = snapshot();
    assert_snapshot_clean(&snap);
    let inc = &snap.incidents[0];
    // Markup and URLs stay, as text: the shell shows them literally.
    assert!(inc.name.contains(r#"<script>alert("name")</script>"#));
    assert!(
        inc.name.contains("seriuqer javascript:alert(1)"),
        "{}",
        inc.name
    );
    assert!(
        inc.name
            .ends_with("🚨🔥👨\u{200D}👩\u{200D}👧\u{200D}👦👍🏽🇫🇷"),
        "emoji kept whole"
    );
    assert_eq!(inc.status, "<b>investigating</b>");
    let update = &inc.updates[0].text;
    assert!(update.starts_with("HOSTILE-UPDATE <a href=\"javascript:"));
    assert!(update.contains("\n\nend 🚨"), "{update:?}");
    // The 100 KB strings are cut, with an ellipsis.
    let long = &snap.incidents[1];
    assert!(long.name.starts_with("HOSTILE-LONG-NAME WWW") && long.name.ends_with('…'));
    assert_eq!(long.name.chars().count(), NAME_MAX);
    assert_eq!(inc.updates[1].text.chars().count(), TEXT_MAX);
    assert_eq!(long.updates[0].text, "HOSTILE-SECOND ok");
    // A hostile id is kept (it is matched, not shown) without its controls.
    assert!(long.id.starts_with("javascript:alert(1)//\"><script>"));
    assert!(!long.id.chars().any(is_bidi_control));
}

#[test]
fn the_verdict_shows_clean_text_and_links_only_to_the_status_page() {
    let snap = snapshot();
    let v = verdict_of(&snap);
    assert_eq!(v.incidents.len(), 2);
    let json =
        serde_json::from_str::<serde_json::Value>(&serde_json::to_string(&v).unwrap()).unwrap();
    let mut all = Vec::new();
    strings(&json, "", &mut all);
    for (key, s) in &all {
        let multiline = key == "text";
        let max = if multiline { TEXT_MAX } else { 4 * 128 };
        assert_clean(key, s, max, multiline);
        let free_text = key.ends_with("name") || key == "text";
        if key.ends_with("url") || (s.contains("://") && !free_text) {
            assert!(
                s.starts_with("https://status.openai.com/"),
                "{key}: {s} is not on the status page"
            );
        }
    }
    let urls: Vec<&str> = v.incidents.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://status.openai.com/incidents/01K5PART1A10UTAGE000000001",
            "https://status.openai.com/incidents/javascriptalert1scriptxscriptevil",
        ]
    );
    let b = banner(&v, CHATGPT);
    assert!(b.show);
    assert_eq!(b.incidents.len(), 2);
    assert!(b
        .affected
        .iter()
        .all(|a| a.name.chars().count() <= NAME_MAX));
}

#[test]
fn notifications_name_the_incident_in_clean_text() {
    let settings = Settings::default();
    let clear = native_verdict("all-operational");
    let snap = snapshot();
    let v: Verdict = decide(Some(&snap), &fresh_at(now()), &settings, now());
    let ev = events(Some(&clear), &v, now());
    let state = notify::plan(NotifyState::default(), &ev, &v, &settings, now(), 0);
    assert_eq!(state.outbox.len(), 2, "{:?}", state.outbox);
    for n in &state.outbox {
        assert_clean("notice", &n.name, NAME_MAX, false);
        assert!(n.url.starts_with("https://status.openai.com/"), "{}", n.url);
        assert!(!n.id.chars().any(|c| is_bidi_control(c) || c.is_control()));
    }
    assert!(state.outbox[0].name.starts_with("HOSTILE-NAME <img"));
}

#[test]
fn compat_text_is_cleaned_too() {
    let summary = serde_json::json!({
        "page": {"name": "\u{202E}page"},
        "components": [{"id": "c\u{2066}1", "name": "x\u{202E}y".repeat(50_000), "status": "major_outage"}],
        "incidents": [{
            "id": " i\u{200F}1 ", "name": "<script>\u{202E}", "status": "investigating", "impact": "major",
            "components": [{"id": "c1", "name": "\u{0007}C", "status": "major_outage"}],
            "incident_updates": [{"status": "investigating", "body": "a\u{202A}\u{0000}  b", "created_at": "2026-09-15T11:00:00Z"}]
        }],
        "scheduled_maintenances": [{"id": "m", "name": "M\u{2069}".repeat(1000), "status": "in_progress"}],
        "status": {"indicator": "major"}
    })
    .to_string();
    let snap = parse_compat(Some(&summary), None, None, None).unwrap();
    assert_snapshot_clean(&snap);
    assert_eq!(snap.page_name, "page");
    assert_eq!(snap.incidents[0].id, "i1");
    assert_eq!(snap.incidents[0].name, "<script>");
    assert_eq!(snap.incidents[0].updates[0].text, "a b");
    assert_eq!(snap.incidents[0].components[0].name, "C");
    let c = snap
        .find("c1")
        .next()
        .expect("the component, its id cleaned");
    assert_eq!(c.component.name.chars().count(), NAME_MAX);
}

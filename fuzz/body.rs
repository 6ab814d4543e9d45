// The body of the `parse_and_decide` fuzz target.
//
// The input is up to four payloads separated by NUL bytes (JSON text never holds a raw
// NUL): the first is read as the native summary the way the wasm facade reads it, the
// rest feed the settings reader, the compat parser and the "any mix" detector, and the
// whole input is read as a stored record. Besides "never panics", it checks the promises
// the extension makes about untrusted input:
// - links only ever point at https://status.openai.com/;
// - without usable data there is no banner and no all-clear badge;
// - what is stored reads back as the same record (storage round trip, migrations).

use outage_radar::background::record::Stored;
use outage_radar::background::{migrate, schedule};
use outage_radar::decide::history::{self, History};
use outage_radar::{
    decide, detect_and_parse, events, parse_compat, parse_component_impacts,
    parse_native_summary, source, FetchState, Settings, Snapshot, Verdict,
};
use serde_json::Value;

const NOW: i64 = 1_790_000_000_000;
const STATUS_ORIGIN: &str = "https://status.openai.com/";

#[allow(dead_code)]
pub fn parse_and_decide(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parts: Vec<&str> = text.split('\0').take(4).collect();
    let first = parts[0];
    let part = |i: usize| parts.get(i).copied();

    // The facade's path: the native summary, then bookkeeping, then the decision.
    let mut fetch = FetchState::default();
    let snapshot = match parse_native_summary(first) {
        Ok(s) => {
            fetch.record_success(NOW, None, None, Some(source::body_hash(first.as_bytes())));
            Some(s)
        }
        Err(err) => {
            fetch.record_failure(NOW, err);
            None
        }
    };
    let settings = part(1)
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .map(|v| migrate::settings(&v))
        .unwrap_or_default();
    let verdict = decide(snapshot.as_ref(), &fetch, &settings, NOW);
    check_verdict(&verdict, snapshot.is_some());
    let _ = schedule::next_check_secs(&verdict, &fetch, NOW);

    // A later check from the compat endpoints, borrowing groups from the first snapshot.
    let compat = parse_compat(Some(first), part(1), part(2), snapshot.as_ref());
    let mut later = fetch.clone();
    let compat_snapshot = match compat {
        Ok(s) => {
            later.record_success(NOW + 60_000, None, None, None);
            Some(s)
        }
        Err(err) => {
            later.record_failure(NOW + 60_000, err);
            snapshot.clone()
        }
    };
    let next = decide(compat_snapshot.as_ref(), &later, &settings, NOW + 60_000);
    check_verdict(&next, compat_snapshot.is_some());
    let _ = events(Some(&verdict), &next, NOW + 60_000);
    let _ = schedule::next_check_secs(&next, &later, NOW + 60_000);

    // The inspection tool and the www simulator: any mix of payloads.
    if let Ok(mixed) = detect_and_parse(&parts, snapshot.as_ref()) {
        let mut ok = FetchState::default();
        ok.record_success(NOW, None, None, None);
        let v = decide(Some(&mixed), &ok, &Settings::default(), NOW);
        check_verdict(&v, true);
        for url in ["https://chatgpt.com/", "https://chatgpt.com/codex", first] {
            let _ = v.banner_for_url(url);
        }
        // Years later, with no fetch since: old news is never shown as current.
        let old = decide(Some(&mixed), &ok, &Settings::default(), NOW + 3 * 365 * 86_400_000);
        assert!(!old.banner.show, "a banner from data three years old");
    }

    // The page's history, as a check keeps it and shows it: its links stay on the page, and
    // what is stored reads back unchanged.
    for body in &parts {
        let Ok(impacts) = parse_component_impacts(body) else {
            continue;
        };
        let mut kept = History::default();
        kept.record(Some(impacts), NOW);
        let view = history::view(&kept, snapshot.as_ref(), &settings.watched_groups, NOW, 0);
        for r in &view.recent_incidents {
            assert!(r.url.starts_with(STATUS_ORIGIN), "link off the status page: {}", r.url);
        }
        let _ = history::fingerprint(&view);
        let text = serde_json::to_string(&kept).expect("a history is JSON");
        let back: History = serde_json::from_str(&text).expect("a stored history reads back");
        assert_eq!(back, kept, "history storage round trip");
    }

    // Response checks with the payload as header values.
    let _ = source::check_response_at(200, Some(first), Some(first), data.len(), 1024, NOW);
    let _ = source::parse_retry_after(first, Some(NOW));

    // Stored records: whatever is in storage reads into the current schema, and what we
    // write reads back unchanged.
    if let Ok(value) = serde_json::from_str::<Value>(first) {
        let migrated = migrate::local(value.clone());
        let written = serde_json::to_string(&migrated.record).expect("a record is JSON");
        let reread = serde_json::from_str(&written).expect("a migrated record reads back");
        let again = migrate::local(reread);
        assert_eq!(again.record, migrated.record, "migrating twice changed the record");
        assert!(!again.changed, "a current record read back as changed");
        // The stored record, read as the wasm facade reads it.
        let stored: Stored = migrate::record(migrated.record);
        let v = decide(stored.snapshot.as_ref(), &stored.fetch, &migrate::settings(&value), NOW);
        check_verdict(&v, stored.snapshot.is_some());
    }
    if let Some(snap) = &snapshot {
        let text = serde_json::to_string(snap).expect("a snapshot is JSON");
        let back: Snapshot = serde_json::from_str(&text).expect("a stored snapshot reads back");
        assert_eq!(&back, snap, "snapshot storage round trip");
    }
}

fn check_verdict(v: &Verdict, has_data: bool) {
    for url in v
        .incidents
        .iter()
        .map(|i| &i.url)
        .chain(v.maintenances.iter().map(|m| &m.url))
    {
        assert!(url.starts_with(STATUS_ORIGIN), "link off the status page: {url}");
    }
    if !has_data {
        assert!(!v.banner.show, "a banner without data");
        assert_ne!(v.badge.text, "", "an all-clear badge without data");
    }
    let text = serde_json::to_string(v).expect("a verdict is JSON");
    let back: Verdict = serde_json::from_str(&text).expect("a stored verdict reads back");
    assert_eq!(&back, v, "verdict storage round trip");
}

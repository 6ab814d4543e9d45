//! The wasm facade under Node (wasm-bindgen-test-runner): what the shell calls, with the
//! global `fetch` replaced by a stub so the tests talk to nothing at all.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Reflect};
use outage_radar::wasm::{
    check, decide, dismiss, migrate_storage, notify_me, notify_me_cancel, notify_me_pending,
    poll_plan, storage_schema, undismiss,
};
use outage_radar::{FetchError, FetchState, FreshnessState, Verdict};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const OUTAGE: &str = include_str!("fixtures/native/chatgpt-partial-outage.json");
const CLEAR: &str = include_str!("fixtures/native/all-operational.json");
const HISTORY: &str = include_str!("fixtures/history/component_impacts-90d.json");
const NOW: f64 = 1_790_000_000_000.0;

/// Makes every `fetch` answer with `status`, `content_type` and `body`, and counts calls in
/// `globalThis.fetchCalls`.
fn stub_fetch(status: u16, content_type: &str, body: &str) {
    let stub = Function::new_with_args(
        "status, type, body",
        "globalThis.fetchCalls = 0;
         globalThis.urls = [];
         globalThis.fetch = (request) => {
           globalThis.fetchCalls++;
           globalThis.urls.push(request.url);
           globalThis.lastRequest = request;
           const init = { status, headers: { 'content-type': type, 'etag': '\"v1\"' } };
           return Promise.resolve(new Response(status === 304 ? null : body, init));
         };",
    );
    stub.call3(
        &JsValue::NULL,
        &JsValue::from(status),
        &JsValue::from_str(content_type),
        &JsValue::from_str(body),
    )
    .expect("stub installs");
}

/// Like [`stub_fetch`] with 200s, but the page's history (`component_impacts`) gets `history`.
fn stub_summary_and_history(summary: &str, history: &str) {
    Function::new_with_args(
        "summary, history",
        "globalThis.fetchCalls = 0;
         globalThis.fetch = (request) => {
           globalThis.fetchCalls++;
           const body = request.url.includes('/component_impacts?') ? history : summary;
           const init = { status: 200, headers: { 'content-type': 'application/json' } };
           return Promise.resolve(new Response(body, init));
         };",
    )
    .call2(
        &JsValue::NULL,
        &JsValue::from_str(summary),
        &JsValue::from_str(history),
    )
    .expect("stub installs");
}

fn stub_offline() {
    Function::new_no_args(
        "globalThis.fetchCalls = 0;
         globalThis.fetch = () => { globalThis.fetchCalls++; return Promise.reject(new TypeError('Failed to fetch')); };",
    )
    .call0(&JsValue::NULL)
    .expect("stub installs");
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// A member of an export's result read back as the core's own type: the shell gets the
/// records serde wrote, field for field.
fn typed<T: serde::de::DeserializeOwned>(value: &JsValue, path: &str) -> T {
    serde_wasm_bindgen::from_value(get(value, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fetch_calls() -> f64 {
    get(&js_sys::global(), "fetchCalls")
        .as_f64()
        .unwrap_or(-1.0)
}

/// The woken worker skips the upgrade pass when `schema` is `storage_schema()`: that must be
/// exactly the schema the pass writes, and a record at it must need nothing.
#[wasm_bindgen_test]
fn storage_schema_is_what_the_upgrade_writes() {
    let upgraded = migrate_storage(JsValue::from(js_sys::Object::new())).expect("upgrades");
    let record = get(&upgraded, "record");
    assert_eq!(
        get(&record, "schema").as_f64(),
        Some(f64::from(storage_schema()))
    );
    let again = migrate_storage(record).expect("upgrades");
    assert_eq!(get(&again, "changed").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn decide_with_nothing_stored_is_not_all_clear() {
    let decided = decide(
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        NOW,
        None,
    )
    .expect("decides");
    assert_eq!(
        js_sys::Array::from(&get(&decided, "history_view.groups")).length(),
        0
    );
    let verdict = get(&decided, "verdict");
    assert_eq!(get(&decided, "decision.at").as_f64(), Some(NOW));
    assert_eq!(
        get(&verdict, "freshness.state").as_string().as_deref(),
        Some("none")
    );
    assert_eq!(get(&verdict, "banner.show").as_bool(), Some(false));
}

#[wasm_bindgen_test]
async fn an_outage_reaches_the_verdict_and_the_banner() {
    stub_fetch(200, "application/json", OUTAGE);
    let result = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    // The summary, then (first check of the day, the host answering) the page's history
    // for the 90 days up to now.
    assert_eq!(fetch_calls(), 2.0);
    assert_eq!(
        js_sys::JSON::stringify(&get(&js_sys::global(), "urls"))
            .ok()
            .and_then(|s| s.as_string())
            .as_deref(),
        Some(
            r#"["https://status.openai.com/proxy/status.openai.com","https://status.openai.com/proxy/status.openai.com/component_impacts?start_at=2026-06-23T14%3A13%3A00Z&end_at=2026-09-21T14%3A13%3A00Z"]"#
        )
    );
    let verdict: Verdict = typed(&result, "verdict");
    assert!(verdict.banner.show);
    assert_eq!(verdict.freshness.state, FreshnessState::Fresh);
    let fetch: FetchState = typed(&result, "fetch");
    assert_eq!(fetch.etag.as_deref(), Some("\"v1\""));
    assert!(get(&result, "next_check_secs").as_f64().unwrap_or(0.0) >= 30.0);
    // Plain objects, as `JSON.parse` gives them (not `Map`s): the shell stores them as
    // they are and the content script reads `banner.show`.
    for path in ["verdict", "verdict.banner", "fetch"] {
        let value = get(&result, path);
        assert!(
            value.is_object() && !value.is_instance_of::<js_sys::Map>(),
            "{path}"
        );
    }
}

#[wasm_bindgen_test]
async fn all_clear_shows_no_banner() {
    stub_fetch(200, "application/json", CLEAR);
    let result = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    assert_eq!(get(&result, "verdict.banner.show").as_bool(), Some(false));
    assert_eq!(
        get(&result, "verdict.overall").as_string().as_deref(),
        Some("operational")
    );
}

#[wasm_bindgen_test]
async fn validators_are_sent_and_304_keeps_the_data() {
    stub_fetch(200, "application/json", OUTAGE);
    let first = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    stub_fetch(304, "application/json", "");
    let second = check(first, JsValue::NULL, NOW + 60_000.0, 0)
        .await
        .expect("checks");
    assert_eq!(
        fetch_calls(),
        1.0,
        "the history is not asked for again within hours"
    );
    let sent = get(&js_sys::global(), "lastRequest");
    let headers = get(&sent, "headers");
    let if_none_match = Reflect::get(&headers, &JsValue::from_str("get"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&headers, &JsValue::from_str("if-none-match")).ok());
    assert_eq!(
        if_none_match.and_then(|v| v.as_string()).as_deref(),
        Some("\"v1\"")
    );
    assert_eq!(get(&second, "verdict.banner.show").as_bool(), Some(true));
    assert_eq!(
        get(&second, "verdict.freshness.state")
            .as_string()
            .as_deref(),
        Some("fresh")
    );
}

#[wasm_bindgen_test]
async fn an_html_error_page_keeps_the_last_known_data_and_never_clears() {
    stub_fetch(200, "application/json", OUTAGE);
    let first = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    stub_fetch(
        503,
        "text/html",
        "<html><body>Service Unavailable</body></html>",
    );
    let second = check(first, JsValue::NULL, NOW + 60_000.0, 0)
        .await
        .expect("a failing status page never rejects");
    assert_eq!(
        get(&second, "fetch.consecutive_failures").as_f64(),
        Some(1.0)
    );
    assert!(!get(&second, "snapshot").is_null(), "last known data kept");
    assert_ne!(
        get(&second, "verdict.overall").as_string().as_deref(),
        Some("operational"),
        "a failure is never an all clear"
    );
}

#[wasm_bindgen_test]
async fn offline_is_a_state_not_an_exception() {
    stub_offline();
    let result = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("never rejects");
    assert!(fetch_calls() >= 1.0);
    let fetch: FetchState = typed(&result, "fetch");
    assert_eq!(fetch.last_error, Some(FetchError::Offline));
    let verdict: Verdict = typed(&result, "verdict");
    assert!(!verdict.banner.show);
    assert_eq!(verdict.badge.text, "?");
}

#[wasm_bindgen_test]
async fn the_check_plans_notifications_and_the_stored_verdict_is_decided_again() {
    stub_fetch(200, "application/json", OUTAGE);
    let first = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    assert_eq!(get(&first, "decision.at").as_f64(), Some(NOW));
    let outbox = get(&first, "notify.outbox");
    let started = js_sys::Array::from(&outbox)
        .iter()
        .filter(|n| get(n, "kind").as_string().as_deref() == Some("incident_started"))
        .count();
    assert!(started >= 1, "the outage is announced");

    // The same outage again: nothing new to announce (the previous verdict is decided
    // again from the stored record, not read back).
    stub_fetch(200, "application/json", OUTAGE);
    let again = check(first.clone(), JsValue::NULL, NOW + 60_000.0, 0)
        .await
        .expect("checks");
    let new_notices = js_sys::Array::from(&get(&again, "notify.outbox")).length();
    assert_eq!(
        new_notices,
        js_sys::Array::from(&outbox).length(),
        "no second notice"
    );

    // Dismissing the banner works from the record alone (no verdict in it).
    let dismissed =
        dismiss(again.clone(), JsValue::NULL, "chatgpt", NOW + 70_000.0).expect("dismisses");
    assert_eq!(
        get(&dismissed, "verdict.banner.dismissed").as_bool(),
        Some(true)
    );
    assert!(js_sys::Array::from(&get(&dismissed, "dismissals.entries")).length() >= 1);
    assert!(dismiss(JsValue::NULL, JsValue::NULL, "chatgpt", NOW).is_err());
    // "Show the banner again" from the record with that dismissal: the banner is back.
    let hidden = js_sys::Object::assign(&js_sys::Object::new(), again.unchecked_ref());
    Reflect::set(
        &hidden,
        &"dismissals".into(),
        &get(&dismissed, "dismissals"),
    )
    .unwrap();
    let shown =
        undismiss(hidden.into(), JsValue::NULL, "chatgpt", NOW + 80_000.0).expect("undismisses");
    assert_eq!(
        get(&shown, "verdict.banner.dismissed").as_bool(),
        Some(false)
    );
    assert_eq!(
        js_sys::Array::from(&get(&shown, "dismissals.entries")).length(),
        0
    );

    // "Notify me" pending, as the popup shows it, until cancelled.
    let asked =
        notify_me(again.clone(), "ChatGPT", JsValue::NULL, NOW + 70_000.0).expect("answers");
    assert_eq!(get(&asked, "ok").as_bool(), Some(true));
    let waiting = js_sys::Object::assign(&js_sys::Object::new(), again.unchecked_ref());
    Reflect::set(&waiting, &"notify".into(), &get(&asked, "notify")).unwrap();
    let pending =
        js_sys::Array::from(&notify_me_pending(waiting.clone().into(), NOW + 80_000.0).unwrap());
    assert_eq!(pending.length(), 1);
    assert_eq!(
        get(&pending.get(0), "name").as_string().as_deref(),
        Some("ChatGPT")
    );
    let service = get(&pending.get(0), "service").as_string().unwrap();
    let cancelled = notify_me_cancel(waiting.into(), &service).unwrap();
    assert_eq!(js_sys::Array::from(&get(&cancelled, "back")).length(), 0);

    // "Notify me" finds the service in the decided verdict.
    let answer = notify_me(
        again.clone(),
        "no such service",
        JsValue::NULL,
        NOW + 70_000.0,
    )
    .expect("answers");
    assert_eq!(get(&answer, "ok").as_bool(), Some(false));
    assert_eq!(
        get(&answer, "refusal").as_string().as_deref(),
        Some("unknown")
    );
    let nothing = notify_me(JsValue::NULL, "chatgpt", JsValue::NULL, NOW).expect("answers");
    assert_eq!(
        get(&nothing, "refusal").as_string().as_deref(),
        Some("no_data")
    );

    // The pace follows the decided verdict: an ongoing incident is checked more often.
    let context = js_sys::JSON::parse(r#"{"seed": 1, "manual": false}"#).unwrap();
    let troubled = poll_plan(again, JsValue::NULL, context.clone(), NOW + 70_000.0).unwrap();
    stub_fetch(200, "application/json", CLEAR);
    let clear = check(JsValue::NULL, JsValue::NULL, NOW, 0).await.unwrap();
    let calm = poll_plan(clear, JsValue::NULL, context, NOW + 70_000.0).unwrap();
    assert_eq!(
        get(&troubled, "next.pace").as_string().as_deref(),
        Some("incident")
    );
    assert_ne!(
        get(&calm, "next.pace").as_string().as_deref(),
        Some("incident")
    );
}

#[wasm_bindgen_test]
async fn check_and_plan_plans_the_next_check_and_sends_the_history_only_when_new() {
    use outage_radar::wasm::check_and_plan;
    stub_summary_and_history(OUTAGE, HISTORY);
    let first = check_and_plan(JsValue::NULL, JsValue::NULL, NOW, 0, JsValue::NULL)
        .await
        .expect("checks");
    let verdict: Verdict = typed(&first, "verdict");
    assert!(verdict.banner.show);
    // Planned from when the check is done (the real clock here, later than `NOW`).
    let done = js_sys::Date::now().max(NOW);
    let next_at = get(&first, "next.at").as_f64().expect("a next check");
    assert!(
        next_at > done && next_at <= done + 10.0 * 60_000.0,
        "{next_at}"
    );
    // The first check of the day fetched the history: it comes back, with its view.
    assert_eq!(fetch_calls(), 2.0);
    assert_eq!(get(&first, "history.fetched_at").as_f64(), Some(NOW));
    assert_eq!(
        get(&first, "history_view.groups.0.components.0.uptime_90").as_f64(),
        Some(99.92)
    );
    assert_eq!(
        get(&first, "history_view.groups.0.days.89.level")
            .as_string()
            .as_deref(),
        Some("partial_outage")
    );

    // A minute later the history is not asked for again, so none crosses back.
    stub_summary_and_history(OUTAGE, HISTORY);
    let second = check_and_plan(first, JsValue::NULL, NOW + 60_000.0, 0, JsValue::NULL)
        .await
        .expect("checks");
    assert_eq!(fetch_calls(), 1.0, "the summary only");
    assert!(get(&second, "history").is_null(), "unchanged: not sent");
    assert!(get(&second, "history_view").is_null());
    let verdict: Verdict = typed(&second, "verdict");
    assert!(verdict.banner.show, "the outage is still shown");
}

#[wasm_bindgen_test]
async fn a_new_watch_brings_its_history_view_at_once() {
    stub_summary_and_history(OUTAGE, HISTORY);
    let first = check(JsValue::NULL, JsValue::NULL, NOW, 0)
        .await
        .expect("checks");
    assert_eq!(
        get(&first, "history_view.groups.0.name")
            .as_string()
            .as_deref(),
        Some("ChatGPT")
    );
    let apis = js_sys::JSON::parse(r#"{"watched_groups":["APIs"]}"#).unwrap();
    let decided = decide(first, apis, JsValue::NULL, NOW + 1_000.0, Some(120)).expect("decides");
    assert_eq!(
        get(&decided, "history_view.groups.0.name")
            .as_string()
            .as_deref(),
        Some("APIs")
    );
    // Days of a clock two hours ahead of UTC.
    let today = get(&decided, "history_view.groups.0.days.89.day")
        .as_f64()
        .unwrap();
    assert_eq!((today + 2.0 * 3_600_000.0) % 86_400_000.0, 0.0);
}

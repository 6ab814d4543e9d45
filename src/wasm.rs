//! The WebAssembly facade: the only part of the crate that touches the browser.
//!
//! It does I/O (fetch, with a timeout, a size cap and conditional headers) and hands every
//! decision to the pure core. The shell (background.js, popup, www) calls these functions
//! with plain JS objects it keeps in `storage`; everything it gets back is plain data too,
//! so a restarted service worker carries on exactly where the last one stopped.

use gloo_net::http::{Request, Response};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, RequestCache};

use crate::dismissals::{self, Dismissals};
use crate::history::{self, Past, Reliability};
use crate::json::Json;
use crate::migrate;
use crate::model::{Snapshot, SourceKind};
use crate::notify::{self, NotifyState};
use crate::schedule::{self, Context};
use crate::settings::Settings;
use crate::signals::{self, SignalKind, Signals};
use crate::source::{self, Endpoint, FetchError};
use crate::state::FetchState;
use crate::transitions::{self, Event};
use crate::verdict::{self, Verdict};
use crate::wire::{self, record, FromJson, ToJson};

/// Every request gives up after this long: a hung status page must not hang the worker.
const TIMEOUT_MS: u32 = 10_000;

/// What the shell keeps in `storage.local` between runs. Every field is optional so that a
/// missing, older or damaged record starts over instead of failing.
#[derive(Default)]
struct Stored {
    snapshot: Option<Snapshot>,
    fetch: FetchState,
    verdict: Option<Verdict>,
    dismissals: Dismissals,
    history: Vec<Past>,
    history_at: Option<i64>,
    signals: Signals,
}
record!(Stored {
    snapshot,
    fetch,
    verdict,
    dismissals,
    history,
    history_at,
    signals
});

/// What one check hands back to the shell: the new stored record, the events it must act on
/// (notifications) and when to check next.
struct Checked {
    snapshot: Option<Snapshot>,
    fetch: FetchState,
    verdict: Verdict,
    dismissals: Dismissals,
    events: Vec<Event>,
    next_check_secs: u32,
    history: Vec<Past>,
    history_at: Option<i64>,
    /// Present when the history was refreshed by this check (store it then).
    reliability: Option<Vec<Reliability>>,
}
record!(write: Checked { snapshot, fetch, verdict, dismissals, events, next_check_secs, history, history_at, reliability });

/// Fetches the status, decides and returns `{snapshot, fetch, verdict, events, next_check_secs}`.
///
/// `stored` is what the previous call returned (or nothing), `settings` the user's settings.
/// Never rejects on a bad status page: failures become part of the verdict's freshness.
#[wasm_bindgen]
pub async fn check(stored: JsValue, settings: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let stored: Stored = from_js_or_default(stored);
    let settings = settings_from_js(settings);
    let mut fetch = stored.fetch;
    let mut snapshot = stored.snapshot;

    // While the server's Retry-After is in force we ask nothing and decide from what we have.
    let outcome = if fetch.may_fetch(now) {
        Some(fetch_native(&fetch, now).await)
    } else {
        None
    };
    match outcome {
        None => {}
        Some(Ok(Fetched::NotModified)) => fetch.record_not_modified(now),
        Some(Ok(Fetched::Body {
            text,
            etag,
            last_modified,
        })) => {
            let hash = source::body_hash(text.as_bytes());
            if fetch.is_unchanged(&hash) && snapshot.is_some() {
                // Same bytes as last time: nothing to parse.
                fetch.record_success(now, etag, last_modified, Some(hash));
            } else {
                match source::parse_native_summary(&text) {
                    Ok(fresh) => {
                        snapshot = Some(fresh);
                        fetch.record_success(now, etag, last_modified, Some(hash));
                        fetch.source_used = Some(SourceKind::Native);
                    }
                    Err(err) => fallback_or_fail(&mut snapshot, &mut fetch, err, now).await,
                }
            }
        }
        Some(Err(err)) => fallback_or_fail(&mut snapshot, &mut fetch, err, now).await,
    }

    // The incident history, a few times a day at most, and only while the status page
    // answers (a failing host gets no extra requests).
    let mut history = stored.history;
    let mut history_at = stored.history_at;
    let history_refreshed =
        fetch.consecutive_failures == 0 && history::history_due(history_at, now);
    if history_refreshed {
        history_at = Some(now);
        if let Ok(text) = fetch_text(Endpoint::NativeIncidents, now).await {
            if let Ok(incidents) = source::parse_native_incidents(&text) {
                history = history::condense(&incidents);
            }
        }
    }

    let mut verdict = verdict::decide(snapshot.as_ref(), &fetch, &settings, now);
    let mut dismissals = stored.dismissals;
    dismissals::follow_up(stored.verdict.as_ref(), &mut verdict, &mut dismissals, now);
    history::annotate(&mut verdict, &history, now);
    verdict.just_me = signals::just_me(&verdict, &stored.signals, now);
    let reliability = history_refreshed
        .then(|| history::watched_reliability(&verdict, &settings.watched_groups, &history, now));
    let events = transitions::events(stored.verdict.as_ref(), &verdict, now);
    // Without the shell's context (open tabs, seed) this is the idle/incident pace; the
    // background asks `poll_plan` for the real alarm time.
    let next_check_secs =
        schedule::next_check(Some(&verdict), &fetch, &settings, &Context::default(), now)
            .delay_secs;
    to_js(&Checked {
        snapshot,
        fetch,
        verdict,
        dismissals,
        events,
        next_check_secs,
        history,
        history_at,
        reliability,
    })
}

/// Decides again from what is stored, without any request: used when settings change.
#[wasm_bindgen]
pub fn decide(stored: JsValue, settings: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let stored: Stored = from_js_or_default(stored);
    let settings = settings_from_js(settings);
    let mut verdict = verdict::decide(stored.snapshot.as_ref(), &stored.fetch, &settings, now);
    let mut dismissals = stored.dismissals;
    dismissals::follow_up(stored.verdict.as_ref(), &mut verdict, &mut dismissals, now);
    history::annotate(&mut verdict, &stored.history, now);
    verdict.just_me = signals::just_me(&verdict, &stored.signals, now);
    to_js(&verdict)
}

/// The signs of failure the content script looks for (see `signals::TABLE`).
#[wasm_bindgen]
pub fn signal_table() -> Result<JsValue, JsValue> {
    to_js(&signals::TABLE)
}

/// A content script saw a sign (`error_ui`, `offline`, `online`): returns
/// `{signals, verdict, recheck}` — the signs to store, the stored verdict with its
/// "is it just me?" part updated, and whether to look at the status page again now.
#[wasm_bindgen]
pub fn note_signal(stored: JsValue, kind: &str, now: f64) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let kind = match kind {
        "error_ui" => SignalKind::ErrorUi,
        "offline" => SignalKind::Offline,
        "online" => SignalKind::Online,
        _ => return Err(JsValue::from_str("unknown signal")),
    };
    let stored: Stored = from_js_or_default(stored);
    let mut signals = stored.signals;
    signals.record(kind, now);
    let recheck = signals::should_recheck(stored.verdict.as_ref(), kind);
    let verdict = stored.verdict.map(|mut v| {
        v.just_me = signals::just_me(&v, &signals, now);
        v
    });
    struct Noted {
        signals: Signals,
        verdict: Option<Verdict>,
        recheck: bool,
    }
    record!(write: Noted { signals, verdict, recheck });
    to_js(&Noted {
        signals,
        verdict,
        recheck,
    })
}

/// The user dismissed the banner on page `page_id` (an id of the page table): returns
/// `{dismissals, verdict}` with that banner marked dismissed, to be stored.
#[wasm_bindgen]
pub fn dismiss(stored: JsValue, page_id: &str, now: f64) -> Result<JsValue, JsValue> {
    let stored: Stored = from_js_or_default(stored);
    let mut dismissals = stored.dismissals;
    let Some(mut verdict) = stored.verdict else {
        return Err(JsValue::from_str("nothing to dismiss: no verdict stored"));
    };
    dismissals::dismiss(&mut dismissals, &verdict, page_id, now as i64);
    dismissals::mark_dismissed(&mut verdict, &dismissals);
    struct Dismissed {
        dismissals: Dismissals,
        verdict: Verdict,
    }
    record!(write: Dismissed { dismissals, verdict });
    to_js(&Dismissed {
        dismissals,
        verdict,
    })
}

/// Decides from status payloads given as text (any mix of native summary, native
/// incidents, compat summary / components / status), as if they had just been fetched:
/// the www simulator's "what would the extension show?". The verdict's `banner` is the one
/// for `page_url`. Unreadable input rejects with a one-line message.
#[cfg(feature = "www")]
#[wasm_bindgen]
pub fn simulate(bodies: Vec<String>, page_url: &str, now: f64) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let snapshot = source::detect_and_parse(&bodies, None)
        .map_err(|err| JsValue::from_str(&err.to_string()))?;
    let mut fetch = FetchState::default();
    fetch.record_success(now, None, None, None);
    fetch.source_used = Some(snapshot.source);
    let mut verdict = verdict::decide(Some(&snapshot), &fetch, &Settings::default(), now);
    verdict.banner = verdict.banner_for_url(page_url);
    to_js(&verdict)
}

/// For `make bench` only (in the web page's build): reads a native summary and decides, handing back just the
/// overall level, so that the benchmark times the core itself (body in, parse, decide)
/// apart from the verdict's trip back to JS, which [`simulate`] includes. The body comes
/// as bytes, as `check` gets it from `fetch`: a JS string would be re-encoded by the glue
/// one character at a time, which alone takes longer than `JSON.parse`.
#[cfg(feature = "www")]
#[wasm_bindgen]
pub fn decide_summary_body(body: &[u8], now: f64) -> Option<String> {
    let now = now as i64;
    let snapshot = source::parse_native_summary(std::str::from_utf8(body).ok()?).ok()?;
    let mut fetch = FetchState::default();
    fetch.record_success(now, None, None, None);
    let verdict = verdict::decide(Some(&snapshot), &fetch, &Settings::default(), now);
    Some(verdict.overall.as_str().to_owned())
}

/// The polling decisions for the background: `{gate, next}`. `stored` is `{fetch, verdict}`
/// as stored; `context` is `{chat_seen_at, inflight_since, seed, manual}` (see
/// [`schedule::Context`]). `gate` says whether a check may start now (`start`, `busy`,
/// `wait`), `next` when the alarm should fire (`at`, ms) and why (`pace`, `base_secs`).
#[wasm_bindgen]
pub fn poll_plan(
    stored: JsValue,
    settings: JsValue,
    context: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let stored: Stored = from_js_or_default(stored);
    let settings = settings_from_js(settings);
    let context: Context = record_of(context);
    struct Plan {
        gate: schedule::Gate,
        next: schedule::Next,
        /// Replace the pending alarm (`context.alarm_at`) by one at `next.at`?
        reschedule: bool,
        /// Where a watchdog alarm goes while a check runs, should its worker be stopped.
        watchdog_at: i64,
    }
    record!(write: Plan { gate, next, reschedule, watchdog_at });
    let next = schedule::next_check(
        stored.verdict.as_ref(),
        &stored.fetch,
        &settings,
        &context,
        now,
    );
    to_js(&Plan {
        gate: schedule::gate(&stored.fetch, &context, now),
        reschedule: schedule::should_reschedule(context.alarm_at, next.at),
        next,
        watchdog_at: now.saturating_add(schedule::INFLIGHT_TIMEOUT_MS),
    })
}

/// After a check: the new notification state (to store with the verdict, in one write)
/// from the stored one, the check's `events` and `verdict`. Its `outbox` lists what to show.
/// `utc_offset_min` is the local clock's offset from UTC, for quiet hours.
#[wasm_bindgen]
pub fn plan_notifications(
    state: JsValue,
    events: JsValue,
    verdict: JsValue,
    settings: JsValue,
    now: f64,
    utc_offset_min: i32,
) -> Result<JsValue, JsValue> {
    let state: NotifyState = record_of(state);
    let events = events_of(events);
    let verdict: Verdict = record_of(verdict);
    let settings = settings_from_js(settings);
    to_js(&notify::plan(
        state,
        &events,
        &verdict,
        &settings,
        now as i64,
        utc_offset_min,
    ))
}

/// "Notify me when `service` is back": `{ok: true, notify}` with the request recorded, or
/// `{ok: false, refusal}` (`no_data`, `unknown`, `operational`, `disabled`).
#[wasm_bindgen]
pub fn notify_me(
    state: JsValue,
    service: &str,
    verdict: JsValue,
    settings: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    let state: NotifyState = record_of(state);
    let verdict: Verdict = record_of(verdict);
    let settings = settings_from_js(settings);
    struct Answer {
        ok: bool,
        notify: Option<NotifyState>,
        refusal: Option<notify::BackRefusal>,
    }
    record!(write: Answer { ok, notify, refusal });
    let answer = match notify::request_back(state, service, &verdict, &settings, now as i64) {
        Ok(state) => Answer {
            ok: true,
            notify: Some(state),
            refusal: None,
        },
        Err(refusal) => Answer {
            ok: false,
            notify: None,
            refusal: Some(refusal),
        },
    };
    to_js(&answer)
}

/// The native summary failed: try the Statuspage-compatible endpoints before giving up.
/// A compat snapshot borrows group membership from the last native one, because
/// `components.json` has no groups and `summary.json` drops components.
async fn fallback_or_fail(
    snapshot: &mut Option<Snapshot>,
    fetch: &mut FetchState,
    native_err: FetchError,
    now: i64,
) {
    if !native_err.worth_a_fallback() {
        // No network (the other endpoints would fail the same way), or the server asked us
        // to wait (asking its other endpoints instead would ignore that).
        fetch.record_failure(now, native_err);
        return;
    }
    let summary = fetch_text(Endpoint::CompatSummary, now).await.ok();
    let components = fetch_text(Endpoint::CompatComponents, now).await.ok();
    if components.is_none() && summary.is_none() {
        fetch.record_failure(now, native_err);
        return;
    }
    let status = fetch_text(Endpoint::CompatStatus, now).await.ok();
    match source::parse_compat(
        summary.as_deref(),
        components.as_deref(),
        status.as_deref(),
        snapshot.as_ref(),
    ) {
        Ok(compat) => {
            *snapshot = Some(compat);
            // No validators: the next check must ask the native summary afresh.
            fetch.record_success(now, None, None, None);
            fetch.source_used = Some(SourceKind::Compat);
        }
        Err(_) => fetch.record_failure(now, native_err),
    }
}

enum Fetched {
    NotModified,
    Body {
        text: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

async fn fetch_native(fetch: &FetchState, now: i64) -> Result<Fetched, FetchError> {
    let endpoint = Endpoint::NativeSummary;
    let mut request = Request::get(endpoint.url());
    if let Some(etag) = &fetch.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &fetch.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let response = send(request).await?;
    if response.status() == 304 {
        return Ok(Fetched::NotModified);
    }
    let headers = response.headers();
    let text = read_checked(&response, endpoint, now).await?;
    Ok(Fetched::Body {
        text,
        etag: headers.get("ETag"),
        last_modified: headers.get("Last-Modified"),
    })
}

async fn fetch_text(endpoint: Endpoint, now: i64) -> Result<String, FetchError> {
    let response = send(Request::get(endpoint.url())).await?;
    read_checked(&response, endpoint, now).await
}

async fn send(request: gloo_net::http::RequestBuilder) -> Result<Response, FetchError> {
    // The browser's HTTP cache would answer a 304 with the cached 200 and hide it from us;
    // we keep our own validators instead.
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    request
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|err| match err {
            gloo_net::Error::JsError(js)
                if js.name == "TimeoutError" || js.name == "AbortError" =>
            {
                FetchError::Timeout
            }
            _ => FetchError::Offline,
        })
}

/// Checks status, type and size before reading, then reads the body within the cap.
async fn read_checked(
    response: &Response,
    endpoint: Endpoint,
    now: i64,
) -> Result<String, FetchError> {
    let headers = response.headers();
    let declared = headers
        .get("Content-Length")
        .and_then(|len| len.trim().parse::<usize>().ok())
        .unwrap_or(0);
    source::check_response_at(
        response.status(),
        headers.get("Content-Type").as_deref(),
        headers.get("Retry-After").as_deref(),
        declared,
        endpoint.max_bytes(),
        now,
    )?;
    let bytes = read_capped(response, endpoint.max_bytes()).await?;
    String::from_utf8(bytes).map_err(|_| FetchError::Shape {
        detail: "body is not UTF-8".into(),
    })
}

/// Reads the body chunk by chunk and stops as soon as it passes `limit`: a body sent
/// without a Content-Length (chunked) would otherwise be buffered whole before its size
/// is known, and a runaway or hostile one (20 MB and more) would sit in the worker's
/// memory. The request's timeout signal also ends a body that trickles in too slowly.
async fn read_capped(response: &Response, limit: usize) -> Result<Vec<u8>, FetchError> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(read_error)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(FetchError::Offline)?;
        let len = value.length() as usize;
        if bytes.len().saturating_add(len) > limit {
            // Stop the download; the answer is already known.
            let _ = JsFuture::from(reader.cancel()).await;
            return Err(FetchError::TooLarge { limit });
        }
        let start = bytes.len();
        bytes.resize(start + len, 0);
        value.copy_to(&mut bytes[start..]);
    }
}

/// A failed body read: the timeout signal fired, or the connection broke.
fn read_error(err: JsValue) -> FetchError {
    let name = Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("TimeoutError" | "AbortError") => FetchError::Timeout,
        _ => FetchError::Offline,
    }
}

/// Reads a stored record. It crosses the boundary as JSON text: `JSON.stringify` in, the
/// crate's own reader and [`wire`]'s per-record readers here, which are far smaller than
/// serde-wasm-bindgen's or serde_json's per-type code. Whatever version wrote the record, it
/// is brought to the current schema ([`migrate::local`]) and read field by field: a
/// missing record starts over, a damaged field costs only itself.
fn from_js_or_default<T: FromJson + Default>(value: JsValue) -> T {
    with_json(&value, |tree| {
        T::from_json(&migrate::local(tree).record).unwrap_or_default()
    })
}

/// One record (not the whole of `storage.local`), read field by field: a damaged field
/// costs that field only.
fn record_of<T: FromJson + Default>(value: JsValue) -> T {
    with_json(&value, |tree| T::from_json(tree).unwrap_or_default())
}

/// A list of transition events as `check` returned it; an unreadable item is skipped.
fn events_of(value: JsValue) -> Vec<Event> {
    record_of(value)
}

/// The user's settings, read field by field: one bad value never costs the others.
fn settings_from_js(value: JsValue) -> Settings {
    with_json(&value, migrate::settings)
}

/// Calls `read` with a JS value parsed as JSON (`null` for undefined, or anything
/// `JSON.stringify` refuses).
fn with_json<R>(value: &JsValue, read: impl FnOnce(&Json<'_>) -> R) -> R {
    let text = if value.is_undefined() || value.is_null() {
        None
    } else {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| text.as_string())
    };
    let tree = text
        .as_deref()
        .and_then(|text| crate::json::parse(text).ok())
        .unwrap_or(Json::Null);
    read(&tree)
}

/// Brings what `storage.local` holds to the current schema: returns
/// `{record, removed, from, changed}`. The shell calls it when the extension is installed,
/// updated or reloaded, and when `changed` stores `record` and removes the `removed` keys,
/// so settings and dismissals carry over from any earlier version.
#[wasm_bindgen]
pub fn migrate_storage(stored: JsValue) -> Result<JsValue, JsValue> {
    with_json(&stored, |tree| to_js(&migrate::local(tree)))
}

/// The user's settings as the core reads them: what `storage.sync` holds, each damaged or
/// missing field replaced by its default. The options page shows this, so it never has to
/// know the defaults itself.
#[wasm_bindgen]
pub fn settings_of(stored: JsValue) -> Result<JsValue, JsValue> {
    to_js(&settings_from_js(stored))
}

/// Hands a result to JS as a plain object (see [`from_js_or_default`] for why JSON).
fn to_js<T: ToJson + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&wire::to_string(value))
}

//! The WebAssembly facade: the only part of the crate that touches the browser.
//!
//! It does I/O (fetch, with a timeout, a size cap and conditional headers) and hands every
//! decision to the pure core. The shell (background.js, popup, www) calls these functions
//! with plain JS objects it keeps in `storage`; everything it gets back is plain data too,
//! so a restarted service worker carries on exactly where the last one stopped.

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, RequestCache};

use crate::background::check::{self, Answer, Check};
use crate::background::migrate;
use crate::background::notify::{self, NotifyState};
use crate::background::record::Stored;
use crate::background::schedule::{self, Context};
use crate::decide::dismissals::{self, Dismissals};
use crate::decide::signals::{self, SignalKind, Signals};
use crate::decide::verdict::Verdict;
use crate::model::settings::Settings;
use crate::source::{self, Endpoint, FetchError};

/// Every request gives up after this long: a hung status page must not hang the worker.
const TIMEOUT_MS: u32 = 10_000;

/// Fetches the status, decides and plans the notifications: returns `{snapshot, fetch,
/// verdict, decision, dismissals, notify, next_check_secs, history?, history_view?}`, to
/// be stored in one write (see [`check::Checked`]; `history` and `history_view` only when
/// they changed).
///
/// `stored` is what `storage.local` holds (the previous call's result and `notify`), or
/// nothing; `settings` the user's settings; `utc_offset_min` the local clock's offset from
/// UTC (`-new Date().getTimezoneOffset()`), for quiet hours and the history's local days.
/// Never rejects on a bad status page: failures become part of the verdict's freshness.
/// Which endpoint to ask and what each answer changes is decided by [`check::Check`]; this
/// is only the loop around the one GET.
#[wasm_bindgen]
pub async fn check(
    stored: JsValue,
    settings: JsValue,
    now: f64,
    utc_offset_min: i32,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let run = checked(from_js_or_default(stored), settings_from_js(settings), now).await;
    to_js(&run.finish(utc_offset_min))
}

/// One check run to its end: each request [`check::Check`] asks for, fetched and fed back.
async fn checked(stored: Stored, settings: Settings, now: i64) -> Check {
    let mut run = Check::new(stored, settings, now);
    while let Some(request) = run.next_request() {
        let answer = get(&request, now).await;
        run.feed(answer);
    }
    run
}

/// [`check`] as the background calls it: also plans the next check, and hands back only
/// what changed of what it reads. `context` is [`poll_plan`]'s (`{chat_seen_at, seed}`;
/// the check's own marker is cleared by the same write). Returns [`check`]'s result plus
/// `next` (`{at, delay_secs, base_secs, pace}`, as `poll_plan` would give it once the
/// result is stored). Saves the shell reading the whole record back and deciding again to
/// set the alarm.
#[wasm_bindgen]
pub async fn check_and_plan(
    stored: JsValue,
    settings: JsValue,
    now: f64,
    utc_offset_min: i32,
    context: JsValue,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let settings = settings_from_js(settings);
    let mut context: Context = record_of(context);
    context.inflight_since = None;
    context.manual = false;
    let run = checked(from_js_or_default(stored), settings.clone(), now).await;
    let checked = run.finish(utc_offset_min);
    // Planned when the check is done, as the alarm is set then.
    let done = (js_sys::Date::now() as i64).max(now);
    let next = schedule::next_check(
        Some(&checked.verdict),
        &checked.fetch,
        &settings,
        &context,
        done,
    );
    #[derive(Serialize)]
    struct Planned {
        #[serde(flatten)]
        checked: check::Checked,
        next: schedule::Next,
    }
    to_js(&Planned { checked, next })
}

/// Decides again from what is stored, without any request, after the settings changed
/// from `old_settings` to `settings`: `{verdict, decision, history_view}`, to be stored
/// (the history view of the groups now watched; `utc_offset_min` as for [`check`], 0 when
/// not given).
#[wasm_bindgen]
pub fn decide(
    stored: JsValue,
    settings: JsValue,
    old_settings: JsValue,
    now: f64,
    utc_offset_min: Option<i32>,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let mut stored: Stored = from_js_or_default(stored);
    let settings = settings_from_js(settings);
    let (verdict, decision) = stored.redecide(&settings, &settings_from_js(old_settings), now);
    let history_view = crate::decide::history::view(
        &stored.history,
        stored.snapshot.as_ref(),
        &settings.watched_groups,
        now,
        utc_offset_min.unwrap_or(0),
    );
    #[derive(Serialize)]
    struct Decided {
        verdict: Verdict,
        decision: crate::background::record::Decision,
        history_view: crate::decide::history::HistoryView,
    }
    to_js(&Decided {
        verdict,
        decision,
        history_view,
    })
}

/// The signs of failure the content script looks for (see `signals::TABLE`).
#[wasm_bindgen]
pub fn signal_table() -> Result<JsValue, JsValue> {
    to_js(&signals::TABLE)
}

/// A content script saw a sign (`error_ui`, `offline`, `online`): returns
/// `{signals, verdict, recheck}` — the signs to store, the stored verdict with its
/// "is it just me?" part updated (none before the first check), and whether to look at the
/// status page again now.
#[wasm_bindgen]
pub fn note_signal(
    stored: JsValue,
    settings: JsValue,
    kind: &str,
    now: f64,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let kind = match kind {
        "error_ui" => SignalKind::ErrorUi,
        "offline" => SignalKind::Offline,
        "online" => SignalKind::Online,
        _ => return Err(JsValue::from_str("unknown signal")),
    };
    let mut stored: Stored = from_js_or_default(stored);
    stored.signals.record(kind, now);
    let verdict = stored.verdict(&settings_from_js(settings), now);
    let recheck = signals::should_recheck(verdict.as_ref(), kind);
    let signals = std::mem::take(&mut stored.signals);
    #[derive(Serialize)]
    struct Noted {
        signals: Signals,
        verdict: Option<Verdict>,
        recheck: bool,
    }
    to_js(&Noted {
        signals,
        verdict,
        recheck,
    })
}

/// The user dismissed the banner on page `page_id` (an id of the page table): returns
/// `{dismissals, verdict}` with that banner marked dismissed, to be stored.
#[wasm_bindgen]
pub fn dismiss(
    stored: JsValue,
    settings: JsValue,
    page_id: &str,
    now: f64,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    change_dismissals(stored, settings, now, "nothing to dismiss", |d, verdict| {
        dismissals::dismiss(d, verdict, page_id, now)
    })
}

/// "Show the banner again" for page `page_id`: returns `{dismissals, verdict}` with the
/// dismissals of what that banner shows forgotten, to be stored.
#[wasm_bindgen]
pub fn undismiss(
    stored: JsValue,
    settings: JsValue,
    page_id: &str,
    now: f64,
) -> Result<JsValue, JsValue> {
    change_dismissals(
        stored,
        settings,
        now as i64,
        "nothing to show again",
        |d, verdict| dismissals::undismiss(d, verdict, page_id),
    )
}

/// The stored dismissals changed by `change`, and the stored verdict marked by them:
/// `{dismissals, verdict}`. An error saying `nothing` when no verdict is stored.
fn change_dismissals(
    stored: JsValue,
    settings: JsValue,
    now: i64,
    nothing: &str,
    change: impl FnOnce(&mut Dismissals, &Verdict),
) -> Result<JsValue, JsValue> {
    let mut stored: Stored = from_js_or_default(stored);
    let Some(mut verdict) = stored.verdict(&settings_from_js(settings), now) else {
        return Err(JsValue::from_str(&format!("{nothing}: no verdict stored")));
    };
    // Taken, not moved out (see `notify_me`).
    let mut dismissals = std::mem::take(&mut stored.dismissals);
    change(&mut dismissals, &verdict);
    dismissals::mark_dismissed(&mut verdict, &dismissals);
    #[derive(Serialize)]
    struct Changed {
        dismissals: Dismissals,
        verdict: Verdict,
    }
    to_js(&Changed {
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
    let mut fetch = crate::source::state::FetchState::default();
    fetch.record_success(now, None, None, None);
    fetch.source_used = Some(snapshot.source);
    let mut verdict = crate::decide::decide(Some(&snapshot), &fetch, &Settings::default(), now);
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
    let mut fetch = crate::source::state::FetchState::default();
    fetch.record_success(now, None, None, None);
    let verdict = crate::decide::decide(Some(&snapshot), &fetch, &Settings::default(), now);
    Some(verdict.overall.as_str().to_owned())
}

/// The polling decisions for the background: `{gate, next}`. `stored` is what
/// `storage.local` holds (the verdict's pace is decided from it); `context` is `{chat_seen_at, inflight_since, seed, manual}` (see
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
    #[derive(Serialize)]
    struct Plan {
        gate: schedule::Gate,
        next: schedule::Next,
        /// Replace the pending alarm (`context.alarm_at`) by one at `next.at`?
        reschedule: bool,
        /// Where a watchdog alarm goes while a check runs, should its worker be stopped.
        watchdog_at: i64,
    }
    let verdict = stored.verdict(&settings, now);
    let next = schedule::next_check(verdict.as_ref(), &stored.fetch, &settings, &context, now);
    to_js(&Plan {
        gate: schedule::gate(&stored.fetch, &context, now),
        reschedule: schedule::should_reschedule(context.alarm_at, next.at),
        next,
        watchdog_at: now.saturating_add(schedule::INFLIGHT_TIMEOUT_MS),
    })
}

/// "Notify me when `service` is back": `{ok: true, notify}` with the request recorded, or
/// `{ok: false, refusal}` (`no_data`, `unknown`, `operational`, `disabled`). `stored` is
/// what `storage.local` holds (its `notify` and what the verdict is decided from).
#[wasm_bindgen]
pub fn notify_me(
    stored: JsValue,
    service: &str,
    settings: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    let now = now as i64;
    let mut stored: Stored = from_js_or_default(stored);
    let settings = settings_from_js(settings);
    let verdict = stored.verdict(&settings, now).unwrap_or_default();
    #[derive(Serialize)]
    struct Answer {
        ok: bool,
        notify: Option<NotifyState>,
        refusal: Option<notify::BackRefusal>,
    }
    // Taken, not moved out: `stored` is then dropped whole by one shared drop, not field
    // by field here.
    let answer = match notify::request_back(
        std::mem::take(&mut stored.notify),
        service,
        &verdict,
        &settings,
        now,
    ) {
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

/// The "notify me" requests still waiting (`[{service, name, since}]`), for the popup to
/// say "You'll get a notification when ChatGPT is back". `stored`: what `storage.local` holds.
#[wasm_bindgen]
pub fn notify_me_pending(stored: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let stored: Stored = from_js_or_default(stored);
    to_js(&notify::pending_back(&stored.notify, now as i64))
}

/// Cancels "notify me when `service` is back": returns the `notify` state to store.
#[wasm_bindgen]
pub fn notify_me_cancel(stored: JsValue, service: &str) -> Result<JsValue, JsValue> {
    let mut stored: Stored = from_js_or_default(stored);
    to_js(&notify::cancel_back(
        std::mem::take(&mut stored.notify),
        service,
    ))
}

/// The one GET of a check: `request`'s endpoint with its conditional headers, answered by
/// the network only (the browser's HTTP cache would answer a 304 with the cached 200 and
/// hide it from us; we keep our own validators instead), within [`TIMEOUT_MS`]. Status,
/// type and declared size are checked before the body is read, and the body is read chunk
/// by chunk, stopping as soon as it passes the endpoint's cap: a body sent without a
/// Content-Length (chunked) would otherwise be buffered whole before its size is known,
/// and a runaway or hostile one (20 MB and more) would sit in the worker's memory. The
/// timeout signal also ends a body that trickles in too slowly.
async fn get(request: &check::Request, now: i64) -> Result<Answer, FetchError> {
    let endpoint = request.endpoint;
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let query = request.query.iter().map(|(name, value)| (*name, value));
    let mut builder = Request::get(request.endpoint.url())
        .query(query)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal));
    if let Some(etag) = &request.etag {
        builder = builder.header("If-None-Match", etag);
    }
    if let Some(modified) = &request.last_modified {
        builder = builder.header("If-Modified-Since", modified);
    }
    let response = builder
        .build()
        .map_err(|err| match err {
            gloo_net::Error::JsError(js) => fetch_error(&js.name),
            _ => FetchError::Offline,
        })?
        .send()
        .await
        .map_err(|err| match err {
            gloo_net::Error::JsError(js) => fetch_error(&js.name),
            _ => fetch_error(""),
        })?;
    if response.status() == 304 && endpoint == Endpoint::NativeSummary {
        return Ok(Answer::NotModified);
    }
    let headers = response.headers();
    let limit = endpoint.max_bytes();
    let declared = headers
        .get("Content-Length")
        .and_then(|len| len.trim().parse::<usize>().ok())
        .unwrap_or(0);
    source::check_response_at(
        response.status(),
        headers.get("Content-Type").as_deref(),
        headers.get("Retry-After").as_deref(),
        declared,
        limit,
        now,
    )?;
    let mut bytes = Vec::new();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(|err| {
                // The timeout signal fired, or the connection broke.
                fetch_error(&js_name(&err))
            })?;
            let done = Reflect::get(&chunk, &JsValue::from_str("done"))
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            if done {
                break;
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
    Ok(Answer::Body {
        bytes,
        etag: headers.get("ETag"),
        last_modified: headers.get("Last-Modified"),
    })
}

/// A JS error's `name` (empty when it has none).
fn js_name(err: &JsValue) -> String {
    Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

/// A failed request or body read, by the JS error's name ([`FetchError::of_request`]): the
/// web page (the `www` build) fetches across origins, the extension with host permissions.
fn fetch_error(name: &str) -> FetchError {
    FetchError::of_request(name, online(), cfg!(feature = "www"))
}

/// `navigator.onLine` (true when it can't be read: then nothing says offline).
fn online() -> bool {
    Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("onLine")))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Reads a stored record: whatever version wrote it, it is brought to the current schema
/// ([`migrate::local`]) and read field by field: a missing record starts over, a damaged
/// field costs only itself.
fn from_js_or_default<T: DeserializeOwned + Default>(value: JsValue) -> T {
    migrate::record(migrate::local(json_of(value)).record)
}

/// One record (not the whole of `storage.local`), read field by field: a damaged field
/// costs that field only.
fn record_of<T: DeserializeOwned + Default>(value: JsValue) -> T {
    migrate::lenient(&json_of(value))
}

/// The user's settings, read field by field: one bad value never costs the others.
fn settings_from_js(value: JsValue) -> Settings {
    migrate::settings(&json_of(value))
}

/// A JS value as a JSON tree (`null` for undefined, or for anything JSON can't hold),
/// which the lenient readers and the schema upgrade work on.
fn json_of(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap_or(Value::Null)
}

/// The schema this build stores (`storage.local`'s `schema`): a record already at it needs
/// no upgrade pass, so a woken worker reads this one member instead of the whole storage.
#[wasm_bindgen]
pub fn storage_schema() -> u32 {
    migrate::SCHEMA_VERSION
}

/// Brings what `storage.local` holds to the current schema: returns
/// `{record, removed, from, changed}`. The shell calls it when the extension is installed,
/// updated or reloaded, and when `changed` stores `record` and removes the `removed` keys,
/// so settings and dismissals carry over from any earlier version.
#[wasm_bindgen]
pub fn migrate_storage(stored: JsValue) -> Result<JsValue, JsValue> {
    to_js(&migrate::local(json_of(stored)))
}

/// The user's settings as the core reads them: what `storage.sync` holds, each damaged or
/// missing field replaced by its default. The options page shows this, so it never has to
/// know the defaults itself.
#[wasm_bindgen]
pub fn settings_of(stored: JsValue) -> Result<JsValue, JsValue> {
    to_js(&settings_from_js(stored))
}

/// Hands a result to JS as a plain object (not a `Map`), as `JSON.parse` would give it,
/// so the shell can store it as it is.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

//! Background traffic: what one install asks of status.openai.com in a day, by the real
//! core on a simulated clock. Prints the "Background traffic" section of BENCHMARKS.md
//! (`make bench` includes it):
//!
//! ```text
//! cargo run --release --example simulate
//! ```
//!
//! The loop is the background's (extension/background.js) with the browser taken out:
//! an alarm fires at the time `schedule::next_check` chose; the check asks a simulated
//! server with the stored validators, records the answer in `FetchState` as
//! `wasm::check` does (same response checks, body hash, compat fallback only when
//! `FetchError::worth_a_fallback`), decides, derives the transition events, lets
//! `notify::plan` pick notifications and plans the next alarm. A visible ChatGPT tab is
//! presence.js's ping every minute (`chat_seen_at`), which may bring the alarm forward
//! (`schedule::should_reschedule`). Each figure is the mean over many installs (seeds),
//! since the jitter differs per install.

use outage_radar::background::notify::{self, NotifyState};
use outage_radar::background::schedule::{self, Context};
use outage_radar::{
    body_hash, check_response_at, decide, events, parse_native_summary, Endpoint, FetchError,
    FetchState, Settings, Snapshot, Verdict,
};

const CALM: &str = include_str!("../tests/fixtures/native/all-operational.json");
const PARTIAL: &str = include_str!("../tests/fixtures/native/chatgpt-partial-outage.json");

/// The same incident, worse: every `partial_outage` of it a `full_outage`.
fn worse() -> &'static str {
    static WORSE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WORSE.get_or_init(|| PARTIAL.replace("partial_outage", "full_outage"))
}
/// An error page as a CDN or load balancer serves it.
const ERROR_PAGE_BYTES: usize = 250;
/// Request line and headers up, status line and headers down, per request (HTTP/1.1,
/// conditional headers included; HTTP/2 header compression makes it less). TLS and TCP
/// overhead are not counted.
const HEADER_BYTES: usize = 800;

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
/// 2026-11-25T00:00:00Z, a Wednesday.
const DAY_START: i64 = 1_795_564_800_000;
const INSTALLS: u32 = 200;
const USERS: f64 = 1_000_000.0;
/// The incident of [`Day::Incident`]: 14:00–16:00.
const INCIDENT_HOURS: (i64, i64) = (14, 16);
/// The assumed share of installs with a visible ChatGPT tab at any moment of an incident.
/// Not measured: "visible" is the active tab of a window that is not minimised, and few
/// keep ChatGPT in front all day (a 9–17 worker is a third of the day, fewer on weekends,
/// and many installs open ChatGPT now and then). The table shows other shares beside it.
const VISIBLE_SHARE: f64 = 0.10;

#[derive(Clone, Copy, PartialEq)]
enum Day {
    /// All operational all day.
    Calm,
    /// ChatGPT incident 14:00–16:00: a partial outage, a full one from 14:45, partial
    /// again from 15:30.
    Incident,
    /// Every endpoint answers an HTML 503 all day.
    Failing,
    /// Every endpoint answers 429 with `Retry-After: 600` all day.
    RateLimited,
}

impl Day {
    fn label(self) -> &'static str {
        match self {
            Day::Calm => "no incident",
            Day::Incident => "2-hour incident (14:00–16:00)",
            Day::Failing => "status page failing (HTTP 503 all day)",
            Day::RateLimited => "rate limited (429, Retry-After 600, all day)",
        }
    }
}

/// What the simulated status.openai.com answers.
enum Answer {
    Body(&'static str),
    Error {
        status: u16,
        retry_after: Option<&'static str>,
    },
}

fn server(day: Day, t: i64) -> Answer {
    let hour = (t - DAY_START) as f64 / HOUR as f64;
    match day {
        Day::Calm => Answer::Body(CALM),
        Day::Incident => Answer::Body(match hour {
            h if (14.0..14.75).contains(&h) => PARTIAL,
            h if (14.75..15.5).contains(&h) => worse(),
            h if (15.5..16.0).contains(&h) => PARTIAL,
            _ => CALM,
        }),
        Day::Failing => Answer::Error {
            status: 503,
            retry_after: None,
        },
        Day::RateLimited => Answer::Error {
            status: 429,
            retry_after: Some("600"),
        },
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    requests: u64,
    ok: u64,
    not_modified: u64,
    failed: u64,
    body_bytes: u64,
    notifications: u64,
    /// Requests sent during the incident's hours ([`INCIDENT_HOURS`]).
    incident_requests: u64,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.requests += o.requests;
        self.ok += o.ok;
        self.not_modified += o.not_modified;
        self.failed += o.failed;
        self.body_bytes += o.body_bytes;
        self.notifications += o.notifications;
        self.incident_requests += o.incident_requests;
    }
}

struct Install {
    validators: bool,
    day: Day,
    fetch: FetchState,
    snapshot: Option<Snapshot>,
    verdict: Option<Verdict>,
    notify: NotifyState,
    settings: Settings,
    tally: Tally,
}

impl Install {
    /// One request to `endpoint` of the simulated server; `Ok(None)` is a 304.
    fn request(&mut self, endpoint: Endpoint, t: i64) -> Result<Option<&'static str>, FetchError> {
        self.tally.requests += 1;
        let (from, to) = INCIDENT_HOURS;
        if (DAY_START + from * HOUR..DAY_START + to * HOUR).contains(&t) {
            self.tally.incident_requests += 1;
        }
        match server(self.day, t) {
            Answer::Body(body) => {
                let etag = format!("\"{}\"", body_hash(body.as_bytes()));
                let conditional = endpoint == Endpoint::NativeSummary
                    && self.validators
                    && self.fetch.etag.as_deref() == Some(etag.as_str());
                if conditional {
                    self.tally.not_modified += 1;
                    return Ok(None);
                }
                check_response_at(
                    200,
                    Some("application/json"),
                    None,
                    body.len(),
                    endpoint.max_bytes(),
                    t,
                )?;
                self.tally.ok += 1;
                self.tally.body_bytes += body.len() as u64;
                Ok(Some(body))
            }
            Answer::Error {
                status,
                retry_after,
            } => {
                self.tally.failed += 1;
                self.tally.body_bytes += ERROR_PAGE_BYTES as u64;
                check_response_at(
                    status,
                    Some("text/html"),
                    retry_after,
                    ERROR_PAGE_BYTES,
                    endpoint.max_bytes(),
                    t,
                )?;
                unreachable!("an error status passes no response check")
            }
        }
    }

    /// `wasm::check` without the browser.
    fn check(&mut self, t: i64) {
        if self.fetch.may_fetch(t) {
            match self.request(Endpoint::NativeSummary, t) {
                Ok(None) => self.fetch.record_not_modified(t),
                Ok(Some(body)) => {
                    let hash = body_hash(body.as_bytes());
                    let etag = self.validators.then(|| format!("\"{hash}\""));
                    if !(self.fetch.is_unchanged(&hash) && self.snapshot.is_some()) {
                        self.snapshot = parse_native_summary(body).ok();
                    }
                    self.fetch.record_success(t, etag, None, Some(hash));
                }
                Err(err) => {
                    if err.worth_a_fallback() {
                        // The compat summary and components; both fail on this server the
                        // same way, so status.json is not asked (as in wasm.rs).
                        let _ = self.request(Endpoint::CompatSummary, t);
                        let _ = self.request(Endpoint::CompatComponents, t);
                    }
                    self.fetch.record_failure(t, err);
                }
            }
        }
        let verdict = decide(self.snapshot.as_ref(), &self.fetch, &self.settings, t);
        let evs = events(self.verdict.as_ref(), &verdict, t);
        let state = std::mem::take(&mut self.notify);
        let mut state = notify::plan(state, &evs, &verdict, &self.settings, t, 0);
        self.tally.notifications += state.outbox.len() as u64;
        state.outbox.clear();
        self.notify = state;
        self.verdict = Some(verdict);
    }
}

/// One simulated day for one install; `chat_hours` is when a ChatGPT tab is visible.
fn run_day(day: Day, validators: bool, chat_hours: Option<(i64, i64)>, seed: u32) -> Tally {
    let settings = Settings::default();
    let mut install = Install {
        validators,
        day,
        fetch: FetchState::default(),
        snapshot: None,
        verdict: None,
        notify: NotifyState::default(),
        settings: settings.clone(),
        tally: Tally::default(),
    };
    let mut ctx = Context {
        seed,
        ..Context::default()
    };
    // Settle the day before (state as a running install has it), then count one day.
    let warmup = DAY_START - 2 * HOUR;
    let end = DAY_START + 24 * HOUR;
    let chat_at = |t: i64| {
        chat_hours.is_some_and(|(from, to)| {
            let h = (t - DAY_START).rem_euclid(24 * HOUR);
            (from * HOUR..to * HOUR).contains(&h)
        })
    };
    let mut alarm = warmup;
    let mut ping = warmup;
    let mut counting = false;
    loop {
        let t = alarm.min(ping);
        if t >= end {
            break;
        }
        if !counting && t >= DAY_START {
            counting = true;
            install.tally = Tally::default();
        }
        if ping <= alarm {
            // presence.js: a ping a minute while the tab is visible.
            if chat_at(t) {
                ctx.chat_seen_at = Some(t);
                let next = schedule::next_check(
                    install.verdict.as_ref(),
                    &install.fetch,
                    &settings,
                    &ctx,
                    t,
                );
                if schedule::should_reschedule(Some(alarm), next.at) {
                    alarm = next.at;
                }
            }
            ping = t + MIN;
            continue;
        }
        install.check(t);
        alarm =
            schedule::next_check(install.verdict.as_ref(), &install.fetch, &settings, &ctx, t).at;
    }
    install.tally
}

fn mean(day: Day, validators: bool, chat_hours: Option<(i64, i64)>) -> (Tally, f64) {
    let mut sum = Tally::default();
    for seed in 0..INSTALLS {
        sum.add(&run_day(
            day,
            validators,
            chat_hours,
            seed.wrapping_mul(2_654_435_761),
        ));
    }
    let n = f64::from(INSTALLS);
    let per = |x: u64| x as f64 / n;
    let bytes = per(sum.body_bytes) + per(sum.requests) * HEADER_BYTES as f64;
    (
        Tally {
            requests: (per(sum.requests)).round() as u64,
            ok: per(sum.ok).round() as u64,
            not_modified: per(sum.not_modified).round() as u64,
            failed: per(sum.failed).round() as u64,
            body_bytes: per(sum.body_bytes).round() as u64,
            notifications: per(sum.notifications).round() as u64,
            // Kept unrounded (×1000) for the per-second figures.
            incident_requests: (per(sum.incident_requests) * 1000.0).round() as u64,
        },
        bytes,
    )
}

/// A table row: the day, the tab label, the hours a ChatGPT tab is visible, validators.
type Row = (Day, &'static str, Option<(i64, i64)>, bool);

fn kb(bytes: f64) -> String {
    format!("{:.0} KB", bytes / 1000.0)
}

fn main() {
    let work = Some((9, 17));
    let rows: Vec<Row> = vec![
        (Day::Calm, "none", None, true),
        (Day::Calm, "09–17", work, true),
        (Day::Calm, "09–17", work, false),
        (Day::Incident, "none", None, true),
        (Day::Incident, "09–17", work, true),
        (Day::Incident, "09–17", work, false),
        (Day::Failing, "none", None, true),
        (Day::Failing, "09–17", work, true),
        (Day::RateLimited, "09–17", work, true),
    ];
    println!(
        "Requests and bytes one install sends to status.openai.com in a day, from \
         `cargo run --release --example simulate`: the real core (`schedule`, `FetchState`, \
         `decide`, `transitions`, `notify`) on a simulated clock, default settings, mean of \
         {INSTALLS} installs (jitter seeds). \"ETag\": the server answers `304 Not Modified` to \
         the stored validator; without it every check downloads the body (whether \
         status.openai.com sends validators is unconfirmed, so both are shown). Bodies are \
         the test fixtures ({:.1} KB all clear, {:.1} KB during the incident; the real summary \
         may be several times larger, and body bytes grow with it), plus ≈{HEADER_BYTES} B of \
         headers per request.",
        CALM.len() as f64 / 1000.0,
        PARTIAL.len() as f64 / 1000.0,
    );
    println!();
    println!("| day | ChatGPT tab open | ETag | requests | 200 / 304 / failed | bytes down (bodies + headers) | notifications | 1 M installs: mean req/s | 1 M installs: per day |");
    println!("|---|---|---|---:|---|---:|---:|---:|---:|");
    let mut calm_idle = 0.0;
    let mut calm_work = 0.0;
    let mut requests = std::collections::HashMap::new();
    for (day, tab, hours, etag) in rows {
        let (t, bytes) = mean(day, etag, hours);
        requests.insert((day.label(), tab, etag), t.requests);
        // The promises this section makes, checked on every run: quiet on a calm day, one
        // notification per transition, backing off when the page fails.
        match day {
            Day::Calm => assert_eq!(t.notifications, 0, "a calm day notifies nothing"),
            Day::Incident => assert_eq!(t.notifications, 3, "started, worse, resolved"),
            Day::Failing | Day::RateLimited => assert_eq!(t.notifications, 0),
        }
        let rps = t.requests as f64 * USERS / 86_400.0;
        let per_day = bytes * USERS / 1e9;
        if day == Day::Calm && etag {
            if hours.is_none() {
                calm_idle = rps;
            } else {
                calm_work = rps;
            }
        }
        println!(
            "| {} | {tab} | {} | {} | {} / {} / {} | {} | {} | {:.0} | {:.1} GB |",
            day.label(),
            if etag { "yes" } else { "no" },
            t.requests,
            t.ok,
            t.not_modified,
            t.failed,
            kb(bytes),
            t.notifications,
            rps,
            per_day,
        );
    }
    let calm = requests[&(Day::Calm.label(), "none", true)];
    assert!(
        (280..=310).contains(&calm),
        "idle: about every 5 minutes ({calm})"
    );
    assert!(
        requests[&(Day::Failing.label(), "09–17", true)] < calm,
        "failures back off"
    );
    assert!(
        requests[&(Day::RateLimited.label(), "09–17", true)] <= 24 * 6,
        "Retry-After obeyed"
    );
    // During the incident: requests a second from a million installs, by the share of them
    // with a visible ChatGPT tab (the rest check every 2 minutes).
    let secs = ((INCIDENT_HOURS.1 - INCIDENT_HOURS.0) * 3600) as f64;
    let per_sec =
        |hours| mean(Day::Incident, true, hours).0.incident_requests as f64 / 1000.0 / secs;
    let (hidden, visible) = (per_sec(None), per_sec(Some((0, 24))));
    let fleet = |share: f64| USERS * (share * visible + (1.0 - share) * hidden);
    println!();
    println!(
        "During the 2-hour incident, at a million installs: one check a minute while a ChatGPT \
         tab is visible, every 2 minutes otherwise (per install: {:.2} requests a minute with \
         a visible tab, {:.2} without). The share of installs with a visible ChatGPT tab is \
         an assumption, not a measurement: {:.0} % is assumed, other shares are shown beside it.",
        visible * 60.0,
        hidden * 60.0,
        VISIBLE_SHARE * 100.0,
    );
    println!();
    println!(
        "| installs with a visible ChatGPT tab | 1 M installs: mean req/s during the incident |"
    );
    println!("|---:|---:|");
    let shares = [0.0, VISIBLE_SHARE, 1.0 / 3.0, 1.0];
    for share in shares {
        let mark = if share == VISIBLE_SHARE {
            " (assumed)"
        } else {
            ""
        };
        println!("| {:.0} %{mark} | {:.0} |", share * 100.0, fleet(share));
    }
    // The pace this section promises: a minute with a tab, two without.
    assert!(
        (0.9..=1.15).contains(&(visible * 60.0)),
        "a minute: {visible}"
    );
    assert!(
        (0.45..=0.58).contains(&(hidden * 60.0)),
        "two minutes: {hidden}"
    );
    let incident_rps = fleet(VISIBLE_SHARE);
    let all_visible_rps = fleet(1.0);
    println!();
    println!(
        "What it means at a million installs. On a calm day the extension is a steady \
         {calm_idle:.0}–{calm_work:.0} requests a second (all idle vs everyone on ChatGPT 9–17), \
         spread evenly by per-install jitter (no install polls in step with another). With \
         validators nearly all are `304` of a few hundred bytes; without them, every check \
         downloads the whole summary, which is where the bytes go. During an incident on \
         the watched services an install with a visible ChatGPT tab checks once a minute (the \
         minute-by-minute promise the banner makes to the one looking at it) and every other \
         install every 2 minutes: about {incident_rps:.0} requests a second for as long as it \
         lasts if {:.0} % of installs have a visible ChatGPT tab ({all_visible_rps:.0} if all \
         had, the figure a minute for every install would give). That is load a CDN in front of the status page absorbs easily only if \
         it may cache the summary for a few seconds (today it says `max-age=0, \
         must-revalidate`, so each one is at least a revalidation). When the status page fails, \
         installs back off (doubling to 30 minutes, half of it random) instead of piling \
         on: fewer requests than a calm day even counting the compat fallbacks; a 429 or \
         any `Retry-After` is obeyed and stops the fallbacks too. Notifications: one per \
         transition (started, worse, resolved on the incident day; \"better\" is off by default), none from polls with \
         nothing new, none for an unreachable status page unless asked for.",
        VISIBLE_SHARE * 100.0,
    );
}

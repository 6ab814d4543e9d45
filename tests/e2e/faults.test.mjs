// End-to-end: the extension keeps working while status.openai.com fails, in every way the
// mock can fail it (tests/e2e/faults.mjs). For each fault, in real Chromium and Firefox:
// - each check asks the main feed once (none at all while a Retry-After is in force, not
//   even on a click of "Check now"), and the next alarm follows the core's backoff;
// - the failures keep the last data, marked stale, then (stale_after_failures = 3)
//   unreachable / unreadable; the popup names the failure (an HTTP error, a rate limit, a
//   timeout, no connection, unreadable) with the last known data and its age; the data is
//   minutes old, so the banner stays, marked "last known at …" with the failure, the badge
//   keeps "!", and the guide stays the outage's (confirm first, "notify me when it's back");
// - the next good answer restores everything (fresh data, banner, badge);
// - no context logs an uncaught error or a console error.
// One browser launch per browser; the scenarios run in sequence in it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { By } from "selenium-webdriver";
import { root, startMock } from "./mock.mjs";
import { FAULTS, NATIVE_PATH, backoffRange } from "./faults.mjs";
import { sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const GOOD = "native/chatgpt-partial-outage.json";
const INCIDENT = /Elevated error rates/;
const FAILURES_TO_GIVE_UP = 3; // Settings::default().stale_after_failures
const messages = JSON.parse(readFileSync(path.join(root, "extension/_locales/en/messages.json"), "utf8"));
/** The fixed part of a message, before its first placeholder. */
const lead = (key) => messages[key].message.split("$")[0];
const FRESHNESS_TEXT = {
  fresh: lead("checked_ago"),
};
/**
 * How the core names each recorded error (`freshness.failure`): an HTTP error is not "no
 * answer", a rate limit is not the network, a timeout is "isn't answering".
 */
const FAILURE = { http: "http_error", timeout: "timeout", offline: "offline", not_json: "unreadable", too_large: "unreadable", shape: "unreadable" };
const failureOf = (fault, status) => (fault.error === "http" && status === 429 ? "rate_limited" : FAILURE[fault.error]);
/** The popup's title for a failure: its message's fixed part. */
const failureTitle = (failure) => lead(`fresh_failure_${failure}`);

/**
 * Runs every fault against one browser. `b` is that browser's driver:
 * tick() → brings the background's alarm forward and waits for that check to finish;
 * refresh() → clicks the popup's "Check now" and waits for the new verdict;
 * fireAlarm() → brings the check alarm to now; ask(message) → sends the background a
 * message from the popup and returns its answer;
 * local() → storage.local; badge() → badge text; alarm() → the check alarm;
 * parkAlarm() → moves that alarm an hour out so it can't fire mid-scenario;
 * popup() → {heading, freshness, incidents} as the popup shows them;
 * banner() → whether chatgpt.com shows the banner.
 */
async function exerciseFaults(b, mock, name, { only } = {}) {
  const nativeRequests = () => mock.statusRequests().filter((r) => r.url.split("?")[0] === NATIVE_PATH).length;

  /**
   * One check, counting the requests it made to the main feed. By default the check is
   * the background's own (its alarm, brought forward); `button` clicks the popup's "Check
   * now", which the core holds back until 5 s after the last check.
   */
  async function refreshCounting({ button = false } = {}) {
    const before = nativeRequests();
    const started = Date.now();
    await (button ? b.refresh() : b.tick());
    return { native: nativeRequests() - before, ms: Date.now() - started };
  }

  async function expectRestored(label, how) {
    mock.state.respond = undefined;
    mock.state.scenario = GOOD;
    const { native } = await refreshCounting(how);
    assert.equal(native, 1, `${label}: one request for the good answer (${JSON.stringify((await b.local()).fetch)})`);
    const { verdict, fetch } = await b.local();
    assert.equal(verdict.freshness.state, "fresh", `${label}: fresh again`);
    assert.equal(fetch.consecutive_failures, 0);
    assert.equal(await b.badge(), "!", `${label}: the outage badge is back`);
    const popup = await b.popup();
    assert.ok(popup.freshness.startsWith(FRESHNESS_TEXT.fresh), `${label}: popup says checked (${popup.freshness})`);
    assert.match(popup.incidents, INCIDENT);
    await waitFor(() => b.banner(), { what: `${label}: the banner to come back` });
    await waitFor(async () => (await b.lastKnown()) === "", { what: `${label}: the banner current again, not "last known"` });
    // An outage is going on: about once a minute again.
    await assertAlarm(label, [30, 60]);
  }

  /** The next alarm, in seconds after the check that set it; parks it afterwards. */
  async function alarmDelay(label) {
    const { verdict } = await b.local();
    const alarm = await b.alarm();
    assert.ok(alarm, `${label}: an alarm is set`);
    await b.parkAlarm();
    return (alarm.scheduledTime - verdict.checked_at) / 1000;
  }

  async function assertAlarm(label, [min, max]) {
    const delay = await alarmDelay(label);
    assert.ok(delay >= min - 1 && delay <= max + 5, `${label}: next check in ${delay.toFixed(1)} s, expected ${min}–${max} s`);
    return delay;
  }

  /**
   * `failures` consecutive failures of `modes[i]` (the last mode repeats), then a good answer.
   * `giveUpAfter` is the stale_after_failures in force.
   */
  async function scenario(label, modes, failures, giveUpAfter) {
    const fault = FAULTS[modes[modes.length - 1]];
    let previousDelay = 0;
    for (let n = 1; n <= failures; n++) {
      const current = FAULTS[modes[Math.min(n - 1, modes.length - 1)]];
      const retryAfter = current.retryAfterSecs?.[n - 1];
      mock.state.respond = (req, res) => current.respond(req, res, { retryAfter });
      const { native, ms } = await refreshCounting();
      const [least, most] = current.requests ?? [1, 1];
      assert.ok(native >= least && native <= most, `${label} #${n}: the main feed is asked once per check (${native} requests)`);
      if (current === FAULTS.hang) assert.ok(ms >= 9000, `${label}: gave up after the timeout (${ms} ms)`);
      const { verdict, fetch } = await b.local();
      assert.equal(fetch.consecutive_failures, n, `${label} #${n}: failures counted`);
      assert.equal(fetch.last_error?.kind, current.error, `${label} #${n}: error recorded`);
      const state = n < giveUpAfter ? "stale" : fault.state;
      assert.equal(verdict.freshness.state, state, `${label} #${n}: freshness`);
      const failure = failureOf(current, verdict.freshness.last_error?.status);
      assert.equal(verdict.freshness.failure, failure, `${label} #${n}: the failure named`);
      assert.equal(await b.badge(), verdict.badge.text, `${label} #${n}: badge shows the verdict`);
      const popup = await b.popup();
      const title = failureTitle(failure);
      assert.ok(popup.freshness.startsWith(title), `${label} #${n}: popup says "${title}…" (got "${popup.freshness}")`);
      assert.match(popup.incidents, INCIDENT, `${label} #${n}: last known data still shown`);
      // The last known outage stands (the data is minutes old): the badge, the banner marked
      // as last known with the failure, and the outage guide first, with "notify me".
      assert.equal(await b.badge(), "!", `${label} #${n}: the last known problem still drives the badge`);
      await waitFor(async () => (await b.lastKnown()) === failure, { what: `${label} #${n}: the banner, marked last known (${failure})` });
      assert.equal(popup.situation, "problem", `${label} #${n}: the outage guide`);
      assert.equal(popup.firstStep, "confirm", `${label} #${n}: confirm first, not "check your connection"`);
      assert.ok(popup.notifyMe, `${label} #${n}: "notify me when it's back" kept`);
      if (n >= giveUpAfter) assert.match(popup.freshness, /\d|now/, `${label}: the age of the last data is shown`);
      const [min, max] = backoffRange(n);
      const delay = await assertAlarm(`${label} #${n}`, [Math.max(min, retryAfter ?? 0), max]);
      assert.ok(delay >= previousDelay, `${label} #${n}: the interval never shrinks while failing (${previousDelay} → ${delay} s)`);
      previousDelay = delay;

      if (retryAfter) {
        // While Retry-After is in force a click on "Check now" (and the alarm) decides from
        // what it has and asks nothing, not even the fallback endpoints.
        const before = mock.statusRequests().length;
        await refreshCounting({ button: n === 1 });
        assert.equal(mock.statusRequests().length - before, 0, `${label} #${n}: no request inside Retry-After`);
        const after = await b.local();
        assert.equal(after.fetch.consecutive_failures, n, `${label}: waiting is not a failure`);
        await b.parkAlarm();
        await sleep(Math.max(0, after.fetch.retry_after_until - Date.now()) + 200);
      }
    }
    await expectRestored(label);
  }

  await expectRestored(`${name} start`, { button: true });
  // Stale twice, then "can't reach" / "can't read" (the default threshold, 3), the backoff
  // doubling on the way. A hang costs the 10 s timeout: it runs once, as a third failure.
  await scenario(`${name} 503,503,hang`, ["503", "503", "hang"], FAILURES_TO_GIVE_UP, FAILURES_TO_GIVE_UP);
  for (const mode of Object.keys(FAULTS).filter((m) => m !== "hang")) {
    if (only && !only.includes(mode)) continue;
    const t0 = Date.now();
    await scenario(`${name} ${mode}`, [mode], FAILURES_TO_GIVE_UP, FAILURES_TO_GIVE_UP);
    if (process.env.FAULTS_TIMING) console.error(`${name} ${mode}: ${Date.now() - t0} ms`);
  }
  assert.deepEqual(await b.errors(), [], `${name}: no uncaught or console errors in any context`);
}

/**
 * Brings the background's alarm forward and waits for the check it starts to finish: its
 * verdict stored, the badge set, and the next alarm in place of the watchdog the background
 * sets while a check runs. That last step leaves nothing in storage to wait for, so the test
 * queues behind it: the background handles "notify me" requests one at a time with its
 * checks (`exclusive` in background.js) and refuses one for a service that doesn't exist
 * (or while it has no usable data) without writing anything, so its answer comes only once
 * the check before it is over.
 */
async function tick(b) {
  const before = (await b.local()).verdict?.checked_at ?? 0;
  await b.fireAlarm();
  const { verdict } = await waitFor(async () => {
    const s = await b.local();
    return (s.verdict?.checked_at ?? 0) > before && !s.inflight && s;
  }, { timeout: 30000, what: "the alarm's check to finish" });
  const answer = await b.ask({ type: "notify-me", service: "no such service" });
  assert.equal(answer?.ok, false, `the background refuses "notify me" for no service (${JSON.stringify(answer)})`);
  await waitFor(async () => (await b.badge()) === verdict.badge.text, { what: "the badge" });
}

// ------------------------------------------------------------------ Chromium

describe("faults: chromium", () => {
  let mock, chromium, worker, popup, page;
  const errors = [];

  before(async () => {
    mock = await startMock();
    mock.state.scenario = GOOD;
    chromium = await browsers.launchChromium(mock, {
      // Chrome backs off extension requests to a URL that keeps answering 5xx on its own
      // (they then fail as "offline"); the test measures the extension's own backoff.
      args: ["--disable-extensions-http-throttling"],
    });
    const extension = await browsers.chromiumExtension(chromium.browser);
    worker = extension.worker;
    // The worker's own exceptions and console errors.
    const cdp = await extension.target.createCDPSession();
    cdp.on("Runtime.exceptionThrown", (e) => errors.push(`worker: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`));
    cdp.on("Runtime.consoleAPICalled", (e) => {
      if (e.type === "error") errors.push(`worker console: ${e.args.map((a) => a.value ?? a.description).join(" ")}`);
    });
    await cdp.send("Runtime.enable");
    page = await openPage("https://chatgpt.com/");
    popup = await openPage(extension.url("popup.html"));
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  const openPage = (url) =>
    browsers.openPage(chromium.browser, url, {
      watch(p) {
        p.on("pageerror", (err) => errors.push(`${url}: ${err.message}`));
        p.on("console", (m) => {
          if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(`${url} console: ${m.text()}`);
        });
      },
    });

  const local = () => worker.evaluate(() => chrome.storage.local.get(null));

  /** Whether the banner shows, through the accessibility tree (its shadow root is closed). */
  async function bannerShown() {
    return (await browsers.bannerText(page)) !== "" && (await page.evaluate(() => document.querySelectorAll("outage-radar-banner").length)) === 1;
  }

  const driver = {
    async refresh() {
      const before = (await local()).verdict?.checked_at ?? 0;
      await popup.click("#refresh");
      await waitFor(async () => (await popup.$eval("#refresh", (b) => !b.disabled)) && ((await local()).verdict?.checked_at ?? 0) > before, {
        timeout: 30000,
        what: "a new verdict after refresh",
      });
    },
    tick: () => tick(driver),
    fireAlarm: () => worker.evaluate(() => chrome.alarms.create("check", { when: Date.now() })),
    ask: (message) => popup.evaluate((m) => chrome.runtime.sendMessage(m), message),
    local,
    badge: () => worker.evaluate(() => chrome.action.getBadgeText({})),
    alarm: () => worker.evaluate(() => chrome.alarms.get("check")),
    parkAlarm: () => worker.evaluate(() => chrome.alarms.create("check", { delayInMinutes: 60 })),
    popup: () =>
      popup.evaluate(() => ({
        heading: document.querySelector("h1.overall")?.textContent ?? "",
        freshness: document.querySelector(".freshness")?.textContent ?? "",
        incidents: [...document.querySelectorAll("[data-incident]")].map((n) => n.textContent).join(" | "),
        situation: document.querySelector(".guidance")?.dataset.situation ?? "",
        firstStep: document.querySelector(".guidance .step")?.dataset.step ?? "",
        notifyMe: Boolean(document.getElementById("notify-me")),
      })),
    banner: bannerShown,
    /** The banner's last-known marking (its failure, "old", or "" when current), once its text says so. */
    async lastKnown() {
      if (!(await bannerShown())) return null;
      const failure = await page.evaluate(() => document.querySelector("outage-radar-banner")?.dataset.lastKnown ?? "");
      const said = failure && (await browsers.bannerText(page)).includes(lead(`banner_last_known_${failure}`));
      return said ? failure : "";
    },
    errors: async () => errors,
  };

  test("every fault: right state, the failure named, the last known outage standing (banner marked, badge, guide), backoff, recovery", async () => {
    await exerciseFaults(driver, mock, "chromium");
  });
});

// ------------------------------------------------------------------ Firefox

describe("faults: firefox", () => {
  let mock, firefox, driver, popupTab, pageTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = GOOD;
    firefox = await browsers.launchFirefox();
    driver = firefox.driver;
    pageTab = await browsers.openTab(driver, "https://chatgpt.com/");
    popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /** Runs `fn` (a function of `browser`) in the popup page, where the extension APIs are. */
  async function inPopup(fn, ...args) {
    await driver.switchTo().window(popupTab);
    return browsers.inExtension(driver, fn, ...args);
  }

  const local = () => inPopup((b) => b.storage.local.get(null));

  /** Errors the browser console holds for the extension's own code (any context). */
  async function consoleErrors() {
    await driver.setContext("chrome");
    try {
      return await driver.executeScript(
        `const base = arguments[0];
         const out = [];
         for (const m of Services.console.getMessageArray() ?? []) {
           if (m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) && !(m.flags & Ci.nsIScriptError.infoFlag) && (m.sourceName ?? "").startsWith(base)) {
             out.push(m.errorMessage + " @ " + m.sourceName + ":" + m.lineNumber);
           }
         }
         const storage = Cc["@mozilla.org/consoleAPI-storage;1"].getService(Ci.nsIConsoleAPIStorage);
         for (const e of storage.getEvents()) {
           if (e.level === "error" && String(e.filename ?? "").startsWith(base)) out.push("console.error: " + JSON.stringify(e.arguments));
         }
         return out;`,
        firefox.base,
      );
    } finally {
      await driver.setContext("content");
    }
  }

  const ffDriver = {
    async refresh() {
      const before = (await local()).verdict?.checked_at ?? 0;
      await driver.switchTo().window(popupTab);
      await driver.findElement(By.id("refresh")).click();
      await waitFor(async () => {
        await driver.switchTo().window(popupTab);
        return (await driver.findElement(By.id("refresh")).isEnabled()) && ((await local()).verdict?.checked_at ?? 0) > before;
      }, { timeout: 30000, what: "a new verdict after refresh" });
    },
    tick: () => tick(ffDriver),
    fireAlarm: () => inPopup((b) => b.alarms.create("check", { when: Date.now() })),
    ask: (message) => inPopup((b, m) => b.runtime.sendMessage(m), message),
    local,
    badge: () => inPopup((b) => b.action.getBadgeText({})),
    alarm: () => inPopup((b) => b.alarms.get("check")),
    parkAlarm: () => inPopup((b) => b.alarms.create("check", { delayInMinutes: 60 })),
    async popup() {
      await driver.switchTo().window(popupTab);
      return driver.executeScript(() => ({
        heading: document.querySelector("h1.overall")?.textContent ?? "",
        freshness: document.querySelector(".freshness")?.textContent ?? "",
        incidents: [...document.querySelectorAll("[data-incident]")].map((n) => n.textContent).join(" | "),
        situation: document.querySelector(".guidance")?.dataset.situation ?? "",
        firstStep: document.querySelector(".guidance .step")?.dataset.step ?? "",
        notifyMe: Boolean(document.getElementById("notify-me")),
      }));
    },
    async banner() {
      await driver.switchTo().window(pageTab);
      return driver.executeScript(() => {
        const hosts = document.querySelectorAll("outage-radar-banner");
        return hosts.length === 1 && hosts[0].getBoundingClientRect().height > 20;
      });
    },
    async lastKnown() {
      await driver.switchTo().window(pageTab);
      return driver.executeScript(() => {
        const hosts = document.querySelectorAll("outage-radar-banner");
        return hosts.length === 1 && hosts[0].getBoundingClientRect().height > 20 ? hosts[0].dataset.lastKnown ?? "" : null;
      });
    },
    errors: consoleErrors,
  };

  test("every fault: right state, the failure named, the last known outage standing (banner marked, badge, guide), backoff, recovery", async () => {
    await exerciseFaults(ffDriver, mock, "firefox");
  });
});

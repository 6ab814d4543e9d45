// End-to-end: the background of the built extension — polling pace, badge, notifications,
// "notify me when it's back", and a worker stopped in the middle — against the local mock
// of status.openai.com. One browser launch per browser; the scenarios build on each other.
//
// Time is not faked: the shipped policy's bounds are read from the real alarm
// (`alarms.get`), and instead of waiting minutes the test fires the same alarm now
// (`alarms.create("check", {when: now})`), which runs the very path a due alarm runs.
// The one real wait is the in-flight marker's timeout (60 s) after a worker is stopped
// mid-check: that is the behaviour under test.
//
// Stopping the Chromium service worker: puppeteer's `WebWorker.close()` sends CDP
// `Target.closeTarget` for the worker's target, which stops it like the browser's idle
// timeout does (chrome://serviceworker-internals shows it STOPPED). Any extension event
// (an alarm, a message from the popup or a content script) starts a fresh one.
// Firefox: the event page is terminated from the browser's chrome context with
// `ExtensionParent.GlobalManager.getExtension(id).terminateBackground()`, the call behind
// about:debugging's "Terminate background script".
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startMock } from "./mock.mjs";
import { checkNow, waitFor } from "./util.mjs";
import { chromiumExtension, inExtensionTab, inWorker, isServiceWorker, launchChromium, launchFirefox, openPrivilegedTab, serviceWorker } from "./browsers.mjs";

const PARTIAL = "01K5PART1A10UTAGE000000001";
const MAJOR = "01K5MAJ0R0UTAGE000000000A3";
const LOGIN = "01K5CHATGPTL0G1N000000000E";
const ACTIVE_BOUND_MS = 60_000; // src/background/schedule.rs ACTIVE_SECS
const INCIDENT_BOUND_MS = 120_000; // src/background/schedule.rs INCIDENT_SECS
const IDLE_BOUND_MS = 300_000; // default check_every_minutes
const INFLIGHT_TIMEOUT_MS = 60_000; // src/background/schedule.rs

const proxyRequests = (mock) => mock.statusRequests().filter((r) => r.url.startsWith("/proxy/status.openai.com")).length;

describe("background in chromium", () => {
  let mock, chromium, browser, extension, chat;

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    chromium = await launchChromium(mock);
    browser = chromium.browser;
    extension = await chromiumExtension(browser);
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  /** The running service worker (waits for one to start). */
  const worker = () => serviceWorker(browser);
  const sw = async (fn, ...args) => (await worker()).evaluate(fn, ...args);
  const local = (keys) => sw((k) => chrome.storage.local.get(k), keys);
  const lastAttempt = async () => (await local("fetch")).fetch?.last_attempt_at ?? 0;
  const alarm = () => sw(() => chrome.alarms.get("check"));
  const shown = () => sw(() => chrome.notifications.getAll().then((all) => Object.keys(all).sort()));
  const clearShown = () => sw(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  const badge = () => sw(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
    title: await chrome.action.getTitle({}),
  }));

  /** Fires the check alarm now (what a due alarm does) and waits for the check it runs. */
  const fireAlarm = () => checkNow(async (fn, ...args) => inWorker(await worker(), fn, ...args));

  /** Sends a message to the background from an extension page, as the popup does. */
  async function fromPopup(message) {
    const page = await browser.newPage();
    await page.goto(extension.url("popup.html"));
    const answer = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
    await page.close();
    return answer;
  }

  /** The banner's level as the page sees its host element (the shadow root is closed). */
  const bannerLevel = (page) => page.evaluate(() => document.querySelector("outage-radar-banner")?.dataset.level ?? null);
  /** No outage on the banner: none at all, or the short-lived "resolved" notice. */
  const noOutage = async (page) => [null, "resolved"].includes(await bannerLevel(page));

  test("install: one notification for the ongoing incident; badge, colour and tooltip follow; next check within two minutes (no ChatGPT tab)", async () => {
    await waitFor(async () => (await badge()).text === "!", { what: "the badge" });
    const b = await badge();
    assert.deepEqual(b.color, [239, 108, 0, 255]); // partial outage orange
    assert.equal(b.title, "Outage Radar: Partial outage — Elevated error rates in ChatGPT conversations");
    await waitFor(async () => (await shown()).length === 1, { what: "a notification" });
    assert.deepEqual(await shown(), [`incident_started:${PARTIAL}`]);
    const { notify } = await local("notify");
    assert.deepEqual(notify.outbox, []);
    assert.equal(notify.notified[0].url, `https://status.openai.com/incidents/${PARTIAL}`);
    // An incident is on and no ChatGPT tab is visible: the next check is due within two
    // minutes of the last one (not one: a million installs would all poll every minute).
    const due = (await alarm()).scheduledTime - (await lastAttempt());
    assert.ok(due > ACTIVE_BOUND_MS && due <= INCIDENT_BOUND_MS, `next check in ${due} ms`);
  });

  test("the history view after a check: the page's own uptime, and the ongoing impact on today's bar", async () => {
    // Asked once, for the 90 days up to now (the mock serves tests/fixtures/history/component_impacts-90d.json).
    const asked = mock.statusRequests().filter((r) => r.url.startsWith("/proxy/status.openai.com/component_impacts?"));
    assert.equal(asked.length, 1);
    const query = new URL(asked[0].url, "https://status.openai.com").searchParams;
    assert.ok(Date.parse(query.get("end_at")) - Date.parse(query.get("start_at")) === 90 * 86_400_000, asked[0].url);
    const { history_view: view, history, reliability } = await local(["history_view", "history", "reliability"]);
    assert.equal(reliability, undefined, "the old rows are no more");
    assert.ok(history.fetched_at > 0 && history.impacts.spans.length > 0, "the condensed history is kept");
    assert.equal(view.stale, false);
    assert.equal(view.fetched_at, history.fetched_at);
    assert.deepEqual(view.groups.map((g) => g.name), ["ChatGPT"]);
    const chatgpt = view.groups[0];
    const conversations = chatgpt.components.find((c) => c.name === "Conversations");
    assert.equal(conversations.uptime_90, 99.92, "the figure on the status page (a string there)");
    assert.ok(conversations.uptime_30 > 99 && conversations.uptime_30 < 100, String(conversations.uptime_30));
    assert.equal(chatgpt.days.length, 90);
    const today = chatgpt.days.at(-1);
    // Today's bar is the user's local day, and shows the impact that is still going on.
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    assert.equal(today.day, midnight.getTime());
    assert.equal(today.level, "partial_outage");
    assert.deepEqual(today.affected, ["Conversations"]);
    assert.equal(conversations.days.at(-1).level, "partial_outage");
    const recent = view.recent_incidents[0];
    assert.deepEqual([recent.id, recent.level, recent.ended_at, recent.url], [PARTIAL, "partial_outage", null, `https://status.openai.com/incidents/${PARTIAL}`]);
  });

  test("all clear and no ChatGPT tab: resolved once, badge clears, checks slow to ~5 minutes", async () => {
    await clearShown();
    mock.state.scenario = "native/all-operational.json";
    await fireAlarm();
    await waitFor(async () => (await shown()).length === 1, { what: "the resolved notification" });
    assert.deepEqual(await shown(), [`incident_resolved:${PARTIAL}`]);
    const b = await badge();
    assert.equal(b.text, "");
    assert.equal(b.title, "Outage Radar: the services you watch are operational");
    const due = (await alarm()).scheduledTime - (await lastAttempt());
    assert.ok(due > ACTIVE_BOUND_MS && due <= IDLE_BOUND_MS, `next check in ${due} ms`);
  });

  test("a ChatGPT tab brings the next check within a minute, and a change reaches its banner", async () => {
    chat = await browser.newPage();
    await chat.goto("https://chatgpt.com/", { waitUntil: "load" });
    // presence.js said so: the pending 5-minute alarm moves to within a minute of the last check.
    await waitFor(async () => (await alarm()).scheduledTime - (await lastAttempt()) <= ACTIVE_BOUND_MS, { what: "the alarm to come forward" });
    const { chat_seen_at } = await sw(() => chrome.storage.session.get("chat_seen_at"));
    assert.ok(chat_seen_at > 0);
    assert.ok(await noOutage(chat));

    await clearShown();
    const requests = proxyRequests(mock);
    mock.state.scenario = "native/chatgpt-major-outage.json";
    await fireAlarm(); // the alarm that was due within the bound
    await waitFor(async () => (await bannerLevel(chat)) === "major_outage", { what: "the banner on the open tab" });
    assert.equal(proxyRequests(mock), requests + 1);
    // Notifications are shown right after the check's one write, which the banner follows.
    await waitFor(async () => (await shown()).length > 0, { what: "the notification" });
    assert.deepEqual(await shown(), [`incident_started:${MAJOR}`]);
    assert.deepEqual((await badge()).color, [198, 40, 40, 255]);
    const due = (await alarm()).scheduledTime - (await lastAttempt());
    assert.ok(due <= ACTIVE_BOUND_MS, `next check in ${due} ms`);
  });

  test("notifications fire once per transition, not once per poll", async () => {
    await clearShown();
    for (let i = 0; i < 3; i++) await fireAlarm();
    assert.deepEqual(await shown(), [], "no notification repeated by polls with nothing new");
    const { notify } = await local("notify");
    assert.equal(notify.notified.filter((n) => n.key === `incident_started:${MAJOR}`).length, 1);
  });

  test("manual refresh: clicks share one fetch after a short gap", async () => {
    const requests = proxyRequests(mock);
    const answers = await Promise.all([fromPopup({ type: "refresh" }), fromPopup({ type: "refresh" }), fromPopup({ type: "refresh" })]);
    assert.deepEqual(answers, [{ ok: true }, { ok: true }, { ok: true }]);
    assert.equal(proxyRequests(mock), requests + 1);
  });

  test("stopping the service worker mid-check loses no state and no notification, and never fetches twice at once", async () => {
    await clearShown();
    const before = await local(["verdict", "notify", "seed"]);
    mock.state.scenario = "native/chatgpt-login-incident.json";
    mock.state.delayMs = 4000;
    const requests = proxyRequests(mock);
    await sw(() => chrome.alarms.create("check", { when: Date.now() }));
    await waitFor(async () => proxyRequests(mock) === requests + 1 && (await local("inflight")).inflight > 0, { what: "a check in flight" });
    const { inflight } = await local("inflight");
    const w = await worker();
    await w.close();
    await waitFor(async () => !browser.targets().some(isServiceWorker), { what: "the worker to stop" });
    mock.state.delayMs = 0;

    // A click wakes a fresh worker: it sees the marker and does not fetch alongside.
    assert.deepEqual(await fromPopup({ type: "refresh" }), { ok: true });
    assert.equal(proxyRequests(mock), requests + 1, "no second fetch while the first may be live");
    const after = await local(["verdict", "notify", "seed", "inflight"]);
    assert.equal(after.inflight, inflight);
    assert.deepEqual(after.verdict, before.verdict);
    assert.deepEqual(after.notify, before.notify);
    assert.equal(after.seed, before.seed);
    // The watchdog alarm is there to resume once the marker times out.
    const watchdog = await alarm();
    assert.ok(watchdog && watchdog.scheduledTime <= inflight + INFLIGHT_TIMEOUT_MS + 1000, "a watchdog alarm");

    await waitFor(async () => (await shown()).length === 2, {
      timeout: INFLIGHT_TIMEOUT_MS + 20_000,
      interval: 1000,
      what: "the check to resume and notify",
    });
    // Exactly the two transitions of that check: the old incident resolved, the new one started.
    assert.deepEqual(await shown(), [`incident_resolved:${MAJOR}`, `incident_started:${LOGIN}`]);
    assert.equal(proxyRequests(mock), requests + 2);
    assert.equal((await local("inflight")).inflight, null);
    await waitFor(async () => !(await noOutage(chat)), { what: "the banner" });
    // The new worker remembers what the old one notified: nothing comes twice.
    await clearShown();
    await fireAlarm();
    assert.deepEqual(await shown(), []);
  });

  test("notify me when it's back: once, when ChatGPT is operational again, then it clears itself", async () => {
    assert.deepEqual(await fromPopup({ type: "notify-me", service: "ChatGPT" }), { ok: true, refusal: null });
    assert.equal((await local("notify")).notify.back.length, 1);
    await clearShown();
    mock.state.scenario = "native/all-operational.json";
    await fireAlarm();
    await waitFor(async () => (await shown()).some((id) => id.startsWith("back:")), { what: "the back notification" });
    assert.equal((await shown()).filter((id) => id.startsWith("back:")).length, 1);
    assert.deepEqual((await local("notify")).notify.back, []);
    await clearShown();
    await fireAlarm();
    assert.deepEqual(await shown(), []);
    assert.deepEqual(await fromPopup({ type: "notify-me", service: "ChatGPT" }), { ok: false, refusal: "operational" });
    await waitFor(() => noOutage(chat), { what: "the outage banner to leave" });
  });

  test("status page unreachable: a grey ? with a tooltip that says so, and no notification by default", async () => {
    await clearShown();
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<html>down</html>");
    for (let i = 0; i < 3; i++) await fireAlarm(); // stale_after_failures
    const b = await badge();
    assert.equal(b.text, "?");
    assert.deepEqual(b.color, [117, 117, 117, 255]);
    assert.match(b.title, /status unknown/);
    assert.deepEqual(await shown(), []);
    const { fetch } = await local("fetch");
    assert.equal(fetch.consecutive_failures, 3);
    // Backing off: the next check is further away than a minute even with ChatGPT open. The
    // background sets that alarm as its last step, after the write `fireAlarm` waits for,
    // and an alarm `fireAlarm` armed may still be pending: wait for the background's own.
    await waitFor(async () => (await alarm()).scheduledTime - fetch.last_attempt_at > ACTIVE_BOUND_MS, {
      what: "the next check backed off beyond a minute",
    });
    mock.state.respond = null;
    await fireAlarm();
    assert.equal((await badge()).text, "");
    await chat.close();
  });
});

describe("background in firefox", () => {
  let mock, firefox, driver, extTab, chatTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    firefox = await launchFirefox();
    driver = firefox.driver;
    // An extension page to call the extension's APIs from (WebDriver can't open moz-extension: itself).
    extTab = await openPrivilegedTab(driver, firefox.url("popup.html"));
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /** Runs `fn(browser, ...args)` in the extension page, then comes back to the current tab. */
  const ext = (fn, ...args) => inExtensionTab(driver, extTab, fn, ...args);
  const local = (keys) => ext((browser, k) => browser.storage.local.get(k), keys);
  const notified = async () => (await local("notify")).notify?.notified?.map((n) => n.key).sort() ?? [];
  const alarmDue = async () => {
    const { alarm, attempt } = await ext(async (browser) => ({
      alarm: await browser.alarms.get("check"),
      attempt: (await browser.storage.local.get("fetch")).fetch?.last_attempt_at,
    }));
    return alarm.scheduledTime - attempt;
  };
  const fireAlarm = () => checkNow(ext);
  /** Terminates the background page as about:debugging does; returns its state after. */
  const terminateBackground = async () => {
    await driver.setContext("chrome");
    try {
      return await driver.executeAsyncScript(
        `const [id, done] = arguments;
         const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
         const extension = ExtensionParent.GlobalManager.getExtension(id);
         extension.terminateBackground().then(() => done(String(extension.backgroundState)), (e) => done("error: " + e));`,
        firefox.geckoId,
      );
    } finally {
      await driver.setContext("content");
    }
  };
  const bannerLevel = () => driver.executeScript(() => document.querySelector("outage-radar-banner")?.dataset.level ?? null);

  test("install: the incident is notified once, the badge and tooltip follow, next check within two minutes (no ChatGPT tab)", async () => {
    await waitFor(async () => (await notified()).length === 1, { what: "a notification" });
    assert.deepEqual(await notified(), [`incident_started:${PARTIAL}`]);
    assert.deepEqual((await local("notify")).notify.outbox, [], "shown, so out of the outbox");
    const b = await ext(async (browser) => ({ text: await browser.action.getBadgeText({}), title: await browser.action.getTitle({}) }));
    assert.equal(b.text, "!");
    assert.equal(b.title, "Outage Radar: Partial outage — Elevated error rates in ChatGPT conversations");
    const due = await alarmDue();
    assert.ok(due > ACTIVE_BOUND_MS && due <= INCIDENT_BOUND_MS, `next check in ${due} ms`);
  });

  test("with a ChatGPT tab open a change reaches its banner; resolved is notified once", async () => {
    await driver.switchTo().newWindow("tab");
    await driver.get("https://chatgpt.com/");
    chatTab = await driver.getWindowHandle();
    await waitFor(async () => (await bannerLevel()) === "partial_outage", { what: "the banner" });
    mock.state.scenario = "native/all-operational.json";
    await fireAlarm();
    await waitFor(async () => [null, "resolved"].includes(await bannerLevel()), { what: "the outage banner to leave" });
    assert.deepEqual(await notified(), [`incident_resolved:${PARTIAL}`, `incident_started:${PARTIAL}`]);
    assert.equal(await ext((browser) => browser.action.getBadgeText({})), "");
    // All clear, but ChatGPT is open: still within a minute.
    const due = await alarmDue();
    assert.ok(due > 0 && due <= ACTIVE_BOUND_MS, `next check in ${due} ms`);
  });

  test("a terminated background page carries on: no state lost, nothing notified twice", async () => {
    const before = await local(["verdict", "notify", "seed"]);
    // An event already on its way (the ChatGPT tab's presence message) can wake the page again
    // at once: terminate until it is seen stopped.
    await waitFor(async () => (await terminateBackground()) === "stopped", { timeout: 10000, what: "the background page stopped" });
    const after = await local(["verdict", "notify", "seed"]);
    assert.deepEqual(after, before);
    mock.state.scenario = "native/chatgpt-major-outage.json";
    await fireAlarm(); // the alarm wakes a fresh background page
    await waitFor(async () => (await bannerLevel()) === "major_outage", { what: "the banner" });
    assert.deepEqual(await notified(), [`incident_resolved:${PARTIAL}`, `incident_started:${MAJOR}`, `incident_started:${PARTIAL}`]);
    await fireAlarm();
    assert.equal((await notified()).length, 3, "nothing notified twice");
    assert.deepEqual(await ext((browser) => browser.runtime.sendMessage({ type: "notify-me", service: "ChatGPT" })), { ok: true, refusal: null });
    mock.state.scenario = "native/all-operational.json";
    await fireAlarm();
    const keys = await notified();
    assert.equal(keys.filter((k) => k.startsWith("back:")).length, 1);
    assert.deepEqual((await local("notify")).notify.back, []);
  });

  // Last: the in-flight marker it leaves blocks checks until it times out.
  test("terminated in the middle of a check: nothing lost, no second fetch alongside, the watchdog resumes", async () => {
    const before = await local(["verdict", "notify", "seed"]);
    mock.state.scenario = "native/chatgpt-login-incident.json";
    mock.state.delayMs = 4000;
    const requests = proxyRequests(mock);
    await ext((browser) => browser.alarms.create("check", { when: Date.now() }));
    await waitFor(async () => proxyRequests(mock) === requests + 1 && (await local("inflight")).inflight > 0, { what: "a check in flight" });
    const { inflight } = await local("inflight");
    assert.equal(await terminateBackground(), "stopped");
    mock.state.delayMs = 0;

    // A message wakes a fresh background page: it sees the marker and does not fetch alongside.
    assert.deepEqual(await ext((browser) => browser.runtime.sendMessage({ type: "refresh" })), { ok: true });
    assert.equal(proxyRequests(mock), requests + 1, "no second fetch while the first may be live");
    const after = await local(["verdict", "notify", "seed", "inflight"]);
    assert.equal(after.inflight, inflight);
    assert.deepEqual({ verdict: after.verdict, notify: after.notify, seed: after.seed }, before);
    const watchdog = await ext((browser) => browser.alarms.get("check"));
    assert.ok(watchdog && watchdog.scheduledTime <= inflight + INFLIGHT_TIMEOUT_MS + 1000, "a watchdog alarm");

    // Once the marker times out, the watchdog's check runs and notifies the new incident once.
    await waitFor(async () => (await notified()).includes(`incident_started:${LOGIN}`), {
      timeout: INFLIGHT_TIMEOUT_MS + 20_000,
      interval: 1000,
      what: "the check to resume and notify",
    });
    assert.equal(proxyRequests(mock), requests + 2);
    assert.equal((await local("inflight")).inflight, null);
    await waitFor(async () => (await bannerLevel()) === "partial_outage", { what: "the banner" });
    const keys = await notified();
    await fireAlarm();
    assert.deepEqual(await notified(), keys, "nothing notified twice");
  });
});

// End-to-end: history at a glance (issue 21) in the popup and on the web page, in Chromium
// and Firefox ESR. The popup leads with what matters within its first 600 px (the status
// line with Check now beside "checked … ago", the ongoing incident, what you can do), then
// the last 7 days' incidents and 90 daily bars per watched group, each day readable by
// keyboard and screen reader. "Notify me when it's back" says its state, also when the
// popup is opened again, and can be cancelled; a hidden banner is said, and can be shown
// again; the options page sends a test notification.
//
// Nothing is seeded: the mock serves status.openai.com's component_impacts
// (tests/fixtures/history/component_impacts-90d.json, shifted to now), the background (on
// the web page, its own check) makes the `history_view` of it, and the popup and the page
// draw that. What is expected below is read from that fixture.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key } from "selenium-webdriver";
import { root, serveSite, startMock } from "./mock.mjs";
import { checkNow, screenshotPath, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const site = path.join(root, "dist/www");
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
const axeRun = `return (async () => {
  const r = await axe.run(document, { resultTypes: ["violations"] });
  return r.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join("; ") + ")");
})();`;

// What the fixture holds for ChatGPT, the group watched by default.
/** The fixture's moment: the mock serves it shifted so that this is now. */
const FIXTURE_NOW = Date.parse("2026-09-15T12:00:00Z");
/** Going on: a partial outage of Conversations since 11:15 (native/chatgpt-partial-outage.json's incident). */
const ONGOING = "01K5PART1A10UTAGE000000001";
/** Three days before: Conversations partial 09:00–09:20, Search degraded 09:05–09:15. */
const PAST = "01K4HIST0RY000000000000000";
const PAST_START = "2026-09-12T09:00:00.000Z";
const NAME = "Elevated error rates in ChatGPT conversations"; // both incidents' name
// The group's uptime is the mean of its 15 components' page figures (Conversations 99.92,
// Search 99.98, the others 100.0): 99.99; Conversations' own row shows its 99.92.
const GROUP_UPTIME = "99.99% uptime";
const CONVERSATIONS = "01JMXBNJXGV1T5GT2M9XA83XNG";
const CONVERSATIONS_UPTIME = "99.92% uptime";
/** On the page for 20 days only (`data_available_since`): the days before have no data. */
const SITES = "01KX45G1SHQQ9DTAX9S4W7FV8G";

/** The start of the local day (browser and this process share the clock's zone) the fixture's `iso` falls in now. */
function localDayOf(iso) {
  const at = new Date(Date.now() - (FIXTURE_NOW - Date.parse(iso)));
  return at.setHours(0, 0, 0, 0);
}

/** Runs in the popup (or the web page): where its parts are, and what the history says. */
function readLayout() {
  const box = (sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY) } : null;
  };
  const chat = document.querySelector('.history-row[data-group="ChatGPT"]');
  const days = (row) => (row ? [...row.querySelectorAll(":scope > ol.days > li.day")] : []);
  const component = (id) => chat?.querySelector(`.history-components .history-row[data-component="${id}"]`);
  return {
    width: document.body.getBoundingClientRect().width,
    status: box("h1.overall"),
    checkNowBeside: Boolean(document.querySelector("[data-freshness] #refresh")),
    incident: box(".incidents [data-incident] h3"),
    guide: box(".guidance .situation"),
    firstStep: box(".guidance .steps > li .step-title"),
    recent: box(".recent"),
    history: box(".history"),
    groups: box(".groups"),
    recentItems: [...document.querySelectorAll("[data-recent-incident]")].map((li) => ({
      id: li.dataset.recentIncident, ongoing: li.dataset.ongoing, text: li.textContent,
      name: li.querySelector(".recent-name")?.textContent ?? "", href: li.querySelector("a")?.href ?? null,
    })),
    days: days(chat).map((d) => d.textContent),
    dayStarts: days(chat).map((d) => Number(d.dataset.day)),
    levels: days(chat).map((d) => d.dataset.level),
    tabStops: days(chat).filter((d) => d.tabIndex === 0).length,
    uptime: chat?.querySelector(":scope > .row-head .uptime")?.textContent ?? "",
    axis: chat?.querySelector(".axis")?.textContent ?? "",
    legend: document.querySelector(".history .legend")?.textContent ?? "",
    components: chat ? chat.querySelectorAll(".history-components .history-row").length : 0,
    conversationsUptime: component("01JMXBNJXGV1T5GT2M9XA83XNG")?.querySelector(".uptime")?.textContent ?? "",
    sitesDays: days(component("01KX45G1SHQQ9DTAX9S4W7FV8G")).map((d) => d.textContent),
  };
}

/** What the history must show, in the popup and on the web page, from the mock's component_impacts. */
function checkHistory(seen) {
  assert.deepEqual(seen.recentItems.map((i) => [i.id, i.ongoing]), [[ONGOING, "true"], [PAST, "false"]],
    "the last 7 days' incidents on ChatGPT, newest first, the ongoing one said so (not the API's, not the maintenance)");
  for (const i of seen.recentItems) {
    assert.equal(i.name, NAME);
    assert.equal(i.href, `https://status.openai.com/incidents/${i.id}`);
  }
  assert.match(seen.recentItems[0].text, /Partial outage, started .*, ongoing for 4\d min/);
  assert.match(seen.recentItems[1].text, /Partial outage, started .*, lasted 20 min/);
  assert.equal(seen.days.length, 90);
  assert.equal(seen.tabStops, 1, "one Tab stop per row");
  assert.equal(seen.levels[89], "partial_outage");
  assert.match(seen.days[89], /: Partial outage — Conversations$/, "today shows what is happening now");
  const past = seen.dayStarts.indexOf(localDayOf(PAST_START));
  assert.ok(past > 80 && past < 89, `the bar of ${PAST_START} (shifted) is among the last days (at ${past})`);
  assert.equal(seen.levels[past], "partial_outage");
  assert.match(seen.days[past], /: Partial outage — Conversations and Search$/);
  assert.match(seen.days[0], /: Operational$/);
  assert.equal(seen.uptime, GROUP_UPTIME);
  assert.match(seen.axis, /90 days ago.*Today/);
  assert.match(seen.legend, /Operational.*Degraded performance.*Partial outage.*Major outage.*Maintenance.*No data/);
  assert.equal(seen.components, 15);
  assert.equal(seen.conversationsUptime, CONVERSATIONS_UPTIME, "a component's row: the page's own figure");
  assert.equal(seen.sitesDays.length, 90);
  assert.match(seen.sitesDays[0], /: no data$/, "before the page had data on it");
  assert.match(seen.sitesDays[89], /: Operational$/);
}

/** What every popup must show, whichever the browser. */
function checkLayout(seen) {
  assert.ok(seen.checkNowBeside, "Check now sits with the checked … ago line");
  for (const part of ["status", "incident", "guide", "firstStep"]) {
    assert.ok(seen[part], `${part} is shown`);
    assert.ok(seen[part].bottom <= 600, `${part} within the first 600 px (ends at ${seen[part].bottom})`);
  }
  assert.ok(seen.guide.top < seen.recent.top && seen.recent.top < seen.history.top && seen.history.top < seen.groups.top, "what you can do, then recent incidents, then the bars, then every service");
  checkHistory(seen);
}

/** Arrow-left presses from today's bar to the past incident's. */
async function stepsToPast(read) {
  const seen = await read();
  return 89 - seen.dayStarts.indexOf(localDayOf(PAST_START));
}

// ==================================================================== Chromium
describe("history at a glance in chromium", () => {
  let mock, chromium, extension, worker, siteServer;
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    siteServer = await serveSite(site);
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
    worker = extension.worker;
    await waitFor(() => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
  });

  after(async () => {
    await chromium?.close();
    await siteServer?.close();
    await mock?.close();
  });

  const open = (file, viewport = { width: 400, height: 600 }) =>
    browsers.openPage(chromium.browser, file.startsWith("http") ? file : extension.url(file), {
      viewport,
      watch: (page) => page.on("pageerror", (err) => pageErrors.push(`${file}: ${err.message}`)),
    });
  const stored = (key) => worker.evaluate((k) => chrome.storage.local.get(k).then((s) => s[k]), key);
  const popupReady = (page) => waitFor(() => page.evaluate(() => !!document.querySelector(".history .day") && !!document.querySelector(".guidance")), { what: "the popup with its history" });

  test("popup: what matters within 600 px, then recent incidents and the bars; axe clean; screenshots", async () => {
    const popup = await open("popup.html");
    await popupReady(popup);
    checkLayout(await popup.evaluate(readLayout));
    await popup.evaluate(axeSource);
    assert.deepEqual(await popup.evaluate(new Function(axeRun)), [], "axe, light");
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    assert.deepEqual(await popup.evaluate(new Function(axeRun)), [], "axe, dark");
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    // The README's pictures: the first 600 px as the popup opens, and the whole of it.
    await popup.screenshot({ path: screenshotPath("popup-first-600.png") });
    await popup.screenshot({ path: screenshotPath("popup-history.png"), fullPage: true });
    await popup.close();
  });

  test("popup: each day is read by keyboard, one Tab stop per row, arrows move", async () => {
    const popup = await open("popup.html");
    await popupReady(popup);
    await popup.focus('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]');
    const focused = () => popup.evaluate(() => ({ text: document.activeElement.textContent, readout: document.querySelector(".history .readout").textContent }));
    assert.match((await focused()).text, /: Partial outage — Conversations$/, "Tab lands on today");
    const steps = await stepsToPast(() => popup.evaluate(readLayout));
    for (let i = 0; i < steps; i++) await popup.keyboard.press("ArrowLeft");
    const past = await focused();
    assert.match(past.text, /: Partial outage — Conversations and Search$/);
    assert.equal(past.readout, past.text, "what the focused day says is shown too");
    // A redraw (here: the history written again, as a check does) keeps the focused day.
    await popup.evaluate(async () => {
      document.querySelector(".history").dataset.old = "yes";
      const { history_view } = await chrome.storage.local.get("history_view");
      await chrome.storage.local.set({ history_view: { ...history_view, as_of: history_view.as_of + 1 } });
    });
    await waitFor(() => popup.evaluate(() => !document.querySelector(".history[data-old]")), { what: "the popup drawn again" });
    assert.match((await focused()).text, /: Partial outage — Conversations and Search$/, "the day keeps the focus across a redraw");
    await popup.keyboard.press("Home");
    assert.match((await focused()).text, /Operational$/);
    // The row keeps one Tab stop, now on the day last focused.
    assert.equal(await popup.$$eval('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]', (l) => l.length), 1);
    await popup.close();
  });

  test("popup: notify me says its state, again when reopened, and can be cancelled", async () => {
    let popup = await open("popup.html");
    await popupReady(popup);
    await popup.click("#notify-me");
    const pendingText = /You'll get a notification when .+ is back\./;
    assert.match(await waitFor(() => popup.$eval(".notify-me .said", (p) => p.textContent), { what: "the answer" }), pendingText);
    assert.ok(await popup.$("#notify-cancel"), "with Cancel");
    await popup.close();
    // Opened again: the core still holds the request, and the popup says so.
    popup = await open("popup.html");
    const again = await waitFor(() => popup.$eval(".notify-me .said", (p) => p.textContent).catch(() => null), { what: "the state on reopening" });
    assert.match(again, pendingText);
    await popup.screenshot({ path: screenshotPath("popup-notify-pending.png") });
    await popup.click("#notify-cancel");
    await waitFor(() => popup.$("#notify-me"), { what: "the button back" });
    assert.match(await popup.$eval(".notify-me .said", (p) => p.textContent), /Cancelled/);
    assert.deepEqual((await stored("notify")).back, [], "the request is gone from the core's record");
    await popup.close();
  });

  test("popup: a hidden banner is said, and Show the banner again brings it back", async () => {
    const chat = await open("https://chatgpt.com/", { width: 1000, height: 700 });
    await waitFor(async () => (await browsers.bannerText(chat)).includes("Conversations"), { what: "the banner" });
    const popup = await open("popup.html");
    await popupReady(popup);
    assert.equal(await popup.$(".banner-hidden"), null, "nothing said while the banner shows");
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: "dismiss", page: "chatgpt" }));
    await waitFor(async () => (await browsers.bannerText(chat)) === "", { what: "the banner to go" });
    const said = await waitFor(() => popup.$eval(".banner-hidden", (n) => n.textContent).catch(() => null), { what: "the popup to say so" });
    assert.match(said, /You hid the banner on chatgpt\.com for this problem/);
    await popup.click("#show-banner");
    await waitFor(async () => (await browsers.bannerText(chat)).includes("Conversations"), { what: "the banner back" });
    await waitFor(async () => (await popup.$(".banner-hidden")) === null, { what: "the note to go" });
    await chat.close();
    await popup.close();
  });

  test("options: Send a test notification says what happened", async () => {
    const options = await open("options.html", { width: 900, height: 900 });
    await options.waitForSelector("#test-notification");
    await options.click("#test-notification");
    const said = await waitFor(() => options.$eval("#test-notification-said", (p) => p.textContent), { what: "the answer" });
    assert.match(said, /^(Sent\. If no notification appeared|Your browser blocks)/);
    await options.close();
  });

  test("www dashboard: recent incidents and the bars, from the page's own check", async () => {
    const page = await open(`${siteServer.origin}/index.html`, { width: 1000, height: 900 });
    await waitFor(() => page.evaluate(() => !!document.querySelector("[data-incident]") && !!document.querySelector(".history .day")), { what: "the dashboard with its history" });
    assert.ok(mock.statusRequests().some((r) => r.url.startsWith("/proxy/status.openai.com/component_impacts")), "the page asked for the history");
    checkHistory(await page.evaluate(readLayout));
    await page.evaluate(axeSource);
    assert.deepEqual(await page.evaluate(new Function(axeRun)), []);
    await page.screenshot({ path: screenshotPath("www-history.png"), fullPage: true });
    await page.close();
  });

  test("popup: when the history can't be read, the last good bars stay, said with when they were read", async () => {
    assert.ok(Number.isFinite((await stored("history")).fetched_at), "the history was read once");
    // Say it was read two hours ago, its next request due; from now on the history answers
    // an HTML error page.
    const read = Date.now() - 2 * 3_600_000;
    mock.state.historyRespond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>Service unavailable</h1>");
    try {
      await worker.evaluate(async (at) => {
        const { history } = await chrome.storage.local.get("history");
        await chrome.storage.local.set({ history: { ...history, fetched_at: at, asked_at: 0 } });
      }, read);
      const asked = mock.state.requests.filter((r) => r.url.startsWith("/proxy/status.openai.com/component_impacts")).length;
      await checkNow((fn, ...args) => browsers.inWorker(worker, fn, ...args));
      assert.ok(mock.state.requests.filter((r) => r.url.startsWith("/proxy/status.openai.com/component_impacts")).length > asked, "asked again");
      const popup = await open("popup.html");
      await popupReady(popup);
      const seen = await waitFor(() => popup.evaluate(() => ({
        note: document.querySelector(".history-stale")?.textContent ?? null,
        days: document.querySelectorAll('.history-row[data-group="ChatGPT"] > ol.days > li.day').length,
      })).then((s) => s.note && s), { what: "the note that the history is old" });
      const when = await popup.evaluate((at) => new Intl.DateTimeFormat(document.documentElement.lang, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(at)), read);
      assert.equal(seen.note, `History as of ${when}: it could not be brought up to date since.`);
      assert.equal(seen.days, 90, "the last good bars stay");
      assert.equal((await stored("history")).fetched_at, read, "nothing counted as read");
      await popup.close();
    } finally {
      delete mock.state.historyRespond;
    }
  });

  test("no page errors", () => assert.deepEqual(pageErrors, []));
});

// ==================================================================== Firefox
describe("history at a glance in firefox", () => {
  let mock, firefox, driver, popupTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    firefox = await browsers.launchFirefox({ window: { width: 400, height: 700 } });
    driver = firefox.driver;
    popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    await waitFor(async () => (await inPage((b) => b.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state))) === "fresh", { what: "the first check" });
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  const inPage = (fn, ...args) => browsers.inExtension(driver, fn, ...args);
  const ready = () => waitFor(() => driver.executeScript(() => !!document.querySelector(".history .day") && !!document.querySelector(".guidance")), { what: "the popup with its history" });

  test("popup: what matters within 600 px, then recent incidents and the bars; keyboard; axe clean", async () => {
    await driver.switchTo().window(popupTab);
    await ready();
    checkLayout(await driver.executeScript(readLayout));
    await driver.executeScript(() => document.querySelector('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]').focus());
    assert.match(await driver.executeScript(() => document.activeElement.textContent), /: Partial outage — Conversations$/, "Tab lands on today");
    const steps = await stepsToPast(() => driver.executeScript(readLayout));
    for (let i = 0; i < steps; i++) await driver.actions().sendKeys(Key.ARROW_LEFT).perform();
    assert.match(await driver.executeScript(() => document.activeElement.textContent), /: Partial outage — Conversations and Search$/);
    await driver.executeScript(axeSource);
    assert.deepEqual(await driver.executeScript(axeRun), []);
    // The README's picture of the whole popup in Firefox.
    writeFileSync(screenshotPath("popup-history-firefox.png"), await driver.takeFullPageScreenshot(), "base64");
  });

  test("popup: notify me says its state, again when reopened, and can be cancelled", async () => {
    await driver.switchTo().window(popupTab);
    await ready();
    await driver.findElement(By.id("notify-me")).click();
    const pendingText = /You'll get a notification when .+ is back\./;
    assert.match(await waitFor(() => driver.executeScript(() => document.querySelector(".notify-me .said")?.textContent), { what: "the answer" }), pendingText);
    await browsers.closeTab(driver, popupTab);
    popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    const again = await waitFor(() => driver.executeScript(() => document.querySelector(".notify-me .said")?.textContent), { what: "the state on reopening" });
    assert.match(again, pendingText);
    await driver.findElement(By.id("notify-cancel")).click();
    await waitFor(() => driver.executeScript(() => !!document.getElementById("notify-me")), { what: "the button back" });
    assert.deepEqual((await inPage((b) => b.storage.local.get("notify").then((s) => s.notify))).back, []);
  });
});

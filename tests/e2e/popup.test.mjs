// End-to-end: the toolbar popup and the options page of the built extension, in headless
// Chromium (puppeteer) and Firefox ESR (selenium), one launch each. Every state the popup
// tells apart (all clear, degraded, major outage, maintenance, stale, unreachable,
// unreadable) is reached through the real background against the local mock of
// status.openai.com, checked, run through axe-core, and photographed for the README.
//
// Clicks on "Check now" are few on purpose (the background keeps 5 s between manual
// checks): the scenarios are loaded through the check alarm, as a due check does, and the
// button is clicked for the first failure; the unreachable state comes from a settings change
// (one failure is enough once `stale_after_failures` is 1), which also shows that settings
// take effect at once.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key } from "selenium-webdriver";
import { fixture, out, root, startMock } from "./mock.mjs";
import { checkNow, screenshotPath, sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

/** Pictures the README doesn't use (the dark theme, Firefox) stay with the test output. */
function extraShot(name) {
  mkdirSync(path.join(out, "screenshots"), { recursive: true });
  return path.join(out, "screenshots", name);
}
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
const DEGRADED_ID = "01K5DEGRADED0V01CE0000000A";
const MAJOR_ID = "01K5MAJ0R0UTAGE000000000A3";
const LONG = `Voice${"mode".repeat(60)}`; // one unbreakable 245-character word

/** The degraded scenario with a timeline of three updates, the latest naming high demand, and a very long component name. */
function degradedBody() {
  const doc = JSON.parse(fixture("native/chatgpt-degraded.json"));
  const incident = doc.summary.ongoing_incidents[0];
  const first = incident.updates[0];
  const at = (mins) => new Date(Date.parse("2026-09-15T12:00:00Z") - mins * 60000).toISOString();
  incident.updates = [
    { ...first, id: "u3", published_at: at(5), to_status: "identified", message_string: "Responses are slow because of unusually high demand. We are adding capacity." },
    { ...first, id: "u2", published_at: at(15), to_status: "investigating", message_string: "We are still looking into slow responses." },
    { ...first, id: "u1", published_at: at(25), to_status: "investigating", message_string: "Voice mode is slower than usual." },
  ];
  incident.status = "identified";
  return JSON.stringify(doc);
}

/** The major outage with an incident name far too long for one line. */
function majorBody() {
  const doc = JSON.parse(fixture("native/chatgpt-major-outage.json"));
  const incident = doc.summary.ongoing_incidents[0];
  incident.name = `ChatGPT unavailable ${LONG}`;
  // The fixture writes one time with an offset, which the mock doesn't move to "now".
  for (const u of incident.updates) u.published_at = u.published_at.replace(/\+02:00$/, "Z");
  return JSON.stringify(doc);
}

const axeRun = `return (async () => {
  const r = await axe.run(document, { resultTypes: ["violations"] });
  return r.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join("; ") + ")");
})();`;

/** What every state's popup must show, by state. */
const EXPECT = {
  all_clear: { heading: /All OpenAI services are operational/, situation: "all_clear", first: "self_check" },
  degraded: { heading: /OpenAI reports a problem: Degraded performance/, situation: "problem", first: "confirm" },
  major_outage: { heading: /OpenAI reports a problem: Major outage/, situation: "problem", first: "confirm" },
  maintenance: { heading: /maintenance in progress/i, situation: "maintenance", first: "wait" },
  // The status page failing: the failure named as it is (an HTTP error, not "no answer"),
  // and the last known status (minutes old) still guides, confirming first.
  stale: { heading: /maintenance in progress/i, notice: /is answering with an error \(HTTP 503\)/, situation: "maintenance", first: "confirm" },
  unreachable: { heading: /maintenance in progress/i, notice: /is answering with an error \(HTTP 503\)[\s\S]*last known status/, situation: "maintenance", first: "confirm" },
  unreadable: { heading: /maintenance in progress/i, notice: /sent something Outage Radar can't read[\s\S]*last known status/, situation: "maintenance", first: "confirm" },
};

/** Facts read from the popup page, the same in both browsers (run in the page). */
function readPopup() {
  const text = (sel) => document.querySelector(sel)?.textContent ?? "";
  return {
    heading: text("h1.overall"),
    icon: text("h1.overall .icon"),
    notice: text(".notice"),
    freshness: document.querySelector("[data-freshness]")?.dataset.freshness ?? null,
    situation: document.querySelector(".guidance")?.dataset.situation ?? null,
    steps: [...document.querySelectorAll(".steps > li")].map((li) => li.dataset.step),
    cause: text(".guidance .cause"),
    // The services list's groups (the history's rows are marked with their group too).
    groups: [...document.querySelectorAll(".groups [data-group]")].map((g) => [g.dataset.group, g.open]),
    incidents: [...document.querySelectorAll("[data-incident]")].map((i) => i.dataset.incident),
    maintenances: text(".maintenances"),
    guide: text(".guidance"),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    widest: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.localName}.${e.className}`).slice(0, 3).join(", "),
  };
}

function checkState(name, seen) {
  const want = EXPECT[name];
  assert.match(seen.heading, want.heading, `${name}: heading`);
  assert.ok(seen.icon.length > 0, `${name}: an icon`);
  if (want.notice) assert.match(seen.notice, want.notice, `${name}: notice`);
  else assert.equal(seen.notice, "", `${name}: no notice`);
  if (want.situation) assert.equal(seen.situation, want.situation, `${name}: situation`);
  if (want.first) assert.equal(seen.steps[0], want.first, `${name}: first step`);
  assert.ok(seen.steps.includes("confirm"), `${name}: a confirm step`);
  assert.ok(seen.overflow <= 0, `${name}: nothing wider than the popup (${seen.overflow}px over: ${seen.widest})`);
}

// ==================================================================== Chromium
describe("popup and options in chromium", () => {
  let mock, chromium, worker, extension, popup;
  const pageErrors = [];

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/all-operational.json";
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
    worker = extension.worker;
    await waitFor(() => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
    popup = await open("popup.html", { width: 400, height: 600 });
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  const open = (file, viewport = { width: 900, height: 900 }) =>
    browsers.openPage(chromium.browser, file.startsWith("https://") ? file : extension.url(file), {
      viewport,
      watch: (page) => page.on("pageerror", (err) => pageErrors.push(`${file}: ${err.message}`)),
    });

  const stored = (key) => worker.evaluate((k) => chrome.storage.local.get(k).then((s) => s[k]), key);

  /** Asks for a check as the popup's button does, and waits for the new verdict. */
  async function refresh() {
    const before = (await stored("verdict"))?.checked_at ?? 0;
    await popup.click("#refresh");
    await waitFor(async () => ((await stored("verdict"))?.checked_at ?? 0) > before, { what: "a new verdict", timeout: 20000 });
  }

  async function setSettings(change) {
    const before = (await stored("verdict"))?.checked_at ?? 0;
    await worker.evaluate(async (c) => {
      const { settings = {} } = await chrome.storage.sync.get("settings");
      await chrome.storage.sync.set({ settings: { ...settings, ...c } });
    }, change);
    await waitFor(async () => ((await stored("verdict"))?.checked_at ?? 0) > before, { what: "the verdict re-decided" });
  }

  async function axe(page) {
    await page.evaluate(axeSource);
    return page.evaluate(new Function(axeRun));
  }

  /** Reads the popup once it shows `name`, checks it, runs axe (light and dark) and takes the README's picture. */
  async function state(name, shot = true) {
    const seen = await waitFor(async () => {
      const s = await popup.evaluate(readPopup);
      return EXPECT[name].heading.test(s.heading) && (!EXPECT[name].notice || EXPECT[name].notice.test(s.notice)) && s;
    }, { what: `the popup to show ${name}` });
    checkState(name, seen);
    assert.deepEqual(await axe(popup), [], `${name}: axe, light`);
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    assert.deepEqual(await axe(popup), [], `${name}: axe, dark`);
    const dark = `popup-${name.replace("_", "-")}-dark.png`;
    if (shot) await popup.screenshot({ path: name === "major_outage" ? screenshotPath(dark) : extraShot(dark), fullPage: true });
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    if (shot) await popup.screenshot({ path: screenshotPath(`popup-${name.replace("_", "-")}.png`), fullPage: true });
    return seen;
  }

  /** Serves `name` (or `body`, or answers with `respond`) and has the background check it (through the alarm). */
  async function scenario(name, { body, respond } = {}) {
    mock.state.scenario = name ?? mock.state.scenario;
    mock.state.body = body;
    mock.state.respond = respond;
    await checkNow((fn, ...args) => browsers.inWorker(worker, fn, ...args));
  }

  test("all clear: your own connection first, operational groups folded", async () => {
    const seen = await state("all_clear");
    assert.deepEqual(seen.steps, ["self_check", "confirm", "others", "support"]);
    assert.ok(seen.groups.length >= 5 && seen.groups.every(([, open]) => open === false), JSON.stringify(seen.groups));
    assert.match(await popup.$eval(".freshness", (p) => p.textContent), /Checked (just now|\d+ seconds ago)/);
    const title = await popup.$eval(".freshness time", (t) => t.title);
    assert.ok(title.length > 5, "the local time on hover");
  });

  test("degraded: the timeline latest first, the likely cause in OpenAI's words, the worst group first and open", async () => {
    await scenario("native/chatgpt-degraded.json", { body: degradedBody() });
    const seen = await state("degraded");
    assert.deepEqual(seen.incidents, [DEGRADED_ID]);
    assert.match(seen.cause, /high demand/);
    assert.deepEqual(seen.groups[0], ["ChatGPT", true]);
    assert.ok(seen.groups.slice(1).every(([, open]) => !open));
    const timeline = await popup.$$eval(`[data-incident] ol.timeline li`, (lis) => lis.map((li) => li.textContent));
    assert.match(timeline[0], /high demand/, "latest first");
    assert.equal(timeline.length, 3);
    assert.equal(await popup.$eval("[data-incident] details.earlier", (d) => d.open), false, "earlier updates folded");
    // Only the affected component is listed; the operational rest is folded.
    const listed = await popup.$$eval('.groups [data-group="ChatGPT"] > ul > li', (lis) => lis.map((li) => li.dataset.level));
    assert.deepEqual(listed, ["degraded"]);
    assert.match(await popup.$eval('.groups [data-group="ChatGPT"] .operational-rest summary', (s) => s.textContent), /14 more, operational/);
    assert.match(await popup.$eval(".step-others", (s) => s.textContent), /ChatGPT down/);
  });

  test("major outage: notify me, copy details, long names wrap, keyboard reaches everything with a visible focus", async () => {
    await scenario("native/chatgpt-major-outage.json", { body: majorBody() });
    const seen = await state("major_outage");
    assert.deepEqual(seen.steps, ["confirm", "others", "wait", "support"]);
    const incidentLink = await popup.$eval(".step-confirm a:nth-of-type(2)", (a) => a.href);
    assert.equal(incidentLink, `https://status.openai.com/incidents/${MAJOR_ID}`);

    // Keyboard only: Tab from the top reaches "Notify me"; Enter presses it.
    await popup.bringToFront();
    await popup.focus("#refresh");
    let outline = null;
    for (let i = 0; i < 40; i++) {
      await popup.keyboard.press("Tab");
      const at = await popup.evaluate(() => {
        const el = document.activeElement;
        return { id: el?.id, outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth };
      });
      if (at.id === "notify-me") {
        outline = at;
        break;
      }
    }
    assert.ok(outline, "Tab reaches the notify-me button");
    assert.equal(outline.outline, "solid", "the focus is visible");
    await popup.keyboard.press("Enter");
    const said = await waitFor(() => popup.$eval(".step-wait .said", (p) => p.textContent), { what: "the notify-me answer" });
    assert.match(said, /You'll get a notification when ChatGPT is back/);
    const back = await stored("notify");
    assert.ok(back.back.some((b) => b.name === "ChatGPT"), JSON.stringify(back.back));

    await popup.click("#copy-details");
    const report = await waitFor(() => popup.$eval("#report", (r) => !r.hidden && r.value), { what: "the report" });
    assert.match(report, new RegExp(`Incident: ChatGPT unavailable .*\\(${MAJOR_ID}\\)`));
    assert.match(report, new RegExp(`Link: https://status.openai.com/incidents/${MAJOR_ID}`));
    assert.match(report, /Affected services: .+/);
    assert.match(report, /Local time: .+\(.+, UTC[+-]\d\d:\d\d\)/);
    assert.match(report, /Browser: (Chromium|Google Chrome|HeadlessChrome) \d+/);
    assert.match(report, /Extension: Outage Radar for ChatGPT \d+\.\d+\.\d+/);
    assert.ok((await popup.evaluate(readPopup)).overflow <= 0, "the long name wraps");
    assert.deepEqual(await axe(popup), [], "axe with the report open");
  });

  test("options: axe in both themes; watching and the banner threshold take effect at once", async () => {
    const options = await open("options.html");
    await waitFor(() => options.$$eval('input[name="watch_group"]', (b) => b.length >= 5), { what: "the watch list" });
    assert.deepEqual(await axe(options), []);
    await options.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    assert.deepEqual(await axe(options), []);
    await options.screenshot({ path: extraShot("options-dark.png"), fullPage: true });
    await options.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await options.screenshot({ path: screenshotPath("options.png"), fullPage: true });
    assert.equal(await options.$eval('input[value="ChatGPT"]', (b) => b.checked), true, "ChatGPT watched by default");
    await options.setViewport({ width: 360, height: 800 });
    assert.ok(await options.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), "fits a narrow window");
    await options.setViewport({ width: 900, height: 900 });
    assert.equal(await options.$eval("#banner_min_level", (s) => s.value), "degraded");

    // The major ChatGPT outage: badge "!". Watching APIs instead of ChatGPT clears it at once.
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), "!");
    const before = (await stored("verdict")).checked_at;
    // (APIs first: unticking ChatGPT alone would leave nothing watched, which is refused.)
    await options.click('input[value="APIs"]');
    await options.click('input[value="ChatGPT"]');
    await waitFor(() => worker.evaluate(() => chrome.action.getBadgeText({})).then((b) => b === ""), { what: "the badge to clear" });
    const settings = await worker.evaluate(() => chrome.storage.sync.get("settings").then((s) => s.settings));
    assert.deepEqual(settings.watched_groups, ["APIs"]);
    assert.ok((await stored("verdict")).checked_at > before, "re-decided, not fetched");
    // Only the APIs watched during the ChatGPT outage: the popup's guide names it as a
    // problem with a service you don't watch, first; not "check your connection".
    const elsewhere = await waitFor(async () => {
      const s = await popup.evaluate(readPopup);
      return s.situation === "elsewhere" && s;
    }, { what: "the popup's guide: a problem elsewhere" });
    assert.equal(elsewhere.steps[0], "elsewhere");
    assert.match(elsewhere.guide, /The problem reported is with ChatGPT, which you don't watch/);
    // Watching nothing is not allowed: unticking the last one keeps it, and says why.
    await options.click('input[value="APIs"]');
    await waitFor(() => options.$eval("#watch-said", (p) => /Keep at least one service watched/.test(p.textContent)), { what: "the options page to say why" });
    assert.equal(await options.$eval('input[value="APIs"]', (b) => b.checked), true, "the last watched group stays ticked");
    const kept = await worker.evaluate(() => chrome.storage.sync.get("settings").then((s) => s.settings));
    assert.deepEqual(kept.watched_groups, ["APIs"], "nothing-watched never stored");
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), "");
    // One component of another group, by id: Conversations (down) brings the badge back.
    await options.$eval('[data-group="ChatGPT"] details', (d) => (d.open = true));
    const conversations = (await stored("verdict")).groups.find((g) => g.name === "ChatGPT").components.find((c) => c.name === "Conversations").id;
    await options.click(`input[value="${conversations}"]`);
    await waitFor(() => worker.evaluate(() => chrome.action.getBadgeText({})).then((b) => b === "!"), { what: "the badge back" });

    // Banner threshold: a major outage still shows from "major outage only"; notifications off.
    await options.select("#banner_min_level", "major_outage");
    await options.click('input[name="notify_enabled"]');
    await options.select("#check_every_minutes", "8");
    await waitFor(async () => {
      const s = await worker.evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings));
      return s.banner_min_level === "major_outage" && s.notify.enabled === false && s.check_every_minutes === 8 && s;
    }, { what: "the settings saved" });
    await waitFor(async () => (await stored("verdict")).guidance.notify_service === null, { what: "no notify-me while notifications are off" });
    assert.equal(await options.$eval('input[name="notify_started"]', (b) => b.disabled), true);

    // A reload shows what was saved.
    await options.reload({ waitUntil: "load" });
    await waitFor(() => options.$eval("#banner_min_level", (s) => s.value === "major_outage"), { what: "the saved level" });
    assert.equal(await options.$eval('input[name="notify_enabled"]', (b) => b.checked), false);
    assert.equal(await options.$eval("#check_every_minutes", (s) => s.value), "8");
    assert.equal(await options.$eval('input[value="APIs"]', (b) => b.checked), true);
    // Back to the defaults for the rest.
    await worker.evaluate(() => chrome.storage.sync.remove("settings"));
    await options.close();
  });

  test("options: 'Preview the banner' shows sample data on an open chatgpt.com tab, then goes", async () => {
    const chat = await open("https://chatgpt.com/");
    await sleep(500);
    const options = await open("options.html");
    await options.waitForSelector("#preview");
    await options.click("#preview");
    // (The major outage's own banner is up already: the sample takes its place.)
    await waitFor(async () => /Sample incident: a preview/.test(JSON.stringify(await chat.accessibility.snapshot({ interestingOnly: false }))), { what: "the preview banner" });
    assert.equal(await chat.evaluate(() => document.querySelectorAll("outage-radar-banner").length), 1);
    assert.equal(await chat.evaluate(() => document.querySelector("outage-radar-banner").dataset.level), "partial_outage");
    assert.match(await waitFor(() => options.$eval("#preview-said", (p) => /showing on your/.test(p.textContent) && p.textContent), { what: "the options page told" }), /20 seconds/);
    await chat.close();
    await options.close();
  });

  test("maintenance: says when it ends and puts waiting first", async () => {
    await scenario("native/maintenance-in-progress.json");
    const seen = await state("maintenance");
    assert.equal(seen.cause, "Likely cause: planned maintenance.");
    // A clock time, with the date when the end falls on another day (a run near midnight);
    // 12- or 24-hour, as the browser's locale writes it.
    const at = String.raw`(?:[A-Z][a-z]{2} \d{1,2}, )?\d{1,2}:\d\d(?: [AP]M)?`;
    assert.match(seen.guide, new RegExp(`planned to end at ${at}`));
    assert.match(seen.maintenances, new RegExp(`In progress · ends at ${at} \\(in (59|60) minutes\\)`));
  });

  test("stale, unreachable, unreadable: each said plainly, the last known status shown as such", async () => {
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>503</h1>");
    await refresh();
    const stale = await state("stale");
    assert.equal(stale.freshness, "stale");
    // One failure is enough once the threshold is 1: a settings change, re-decided at once.
    await setSettings({ stale_after_failures: 1 });
    const unreachable = await state("unreachable");
    assert.equal(unreachable.freshness, "unreachable");
    await scenario(undefined, { respond: (req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>Just a moment…</html>") });
    const unreadable = await state("unreadable");
    assert.equal(unreadable.freshness, "unreadable");
    await worker.evaluate(() => chrome.storage.sync.remove("settings"));
    mock.state.respond = undefined;
  });

  test("no page errors", () => assert.deepEqual(pageErrors, []));
});

// ==================================================================== Firefox
describe("popup and options in firefox", () => {
  let mock, firefox, driver, popupTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/all-operational.json";
    firefox = await browsers.launchFirefox({ window: { width: 420, height: 800 } });
    driver = firefox.driver;
    popupTab = await openExtensionPage("popup.html");
    await waitFor(async () => (await verdict())?.freshness?.state === "fresh", { what: "the first check" });
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  const openExtensionPage = (file) => browsers.openPrivilegedTab(driver, firefox.url(file));

  /** Runs `fn(browser, ...args)` in the current extension page. */
  const inPage = (fn, ...args) => browsers.inExtension(driver, fn, ...args);
  const verdict = () => inPage((browser) => browser.storage.local.get("verdict").then((s) => s.verdict));

  async function refresh() {
    await driver.switchTo().window(popupTab);
    const before = (await verdict())?.checked_at ?? 0;
    await driver.findElement(By.id("refresh")).click();
    await waitFor(async () => ((await verdict())?.checked_at ?? 0) > before, { what: "a new verdict", timeout: 20000 });
  }

  async function axe() {
    await driver.executeScript(axeSource);
    return driver.executeScript(axeRun);
  }

  async function state(name) {
    await driver.switchTo().window(popupTab);
    const seen = await waitFor(async () => {
      const s = await driver.executeScript(readPopup);
      return EXPECT[name].heading.test(s.heading) && (!EXPECT[name].notice || EXPECT[name].notice.test(s.notice)) && s;
    }, { what: `the popup to show ${name}` });
    checkState(name, seen);
    assert.deepEqual(await axe(), [], `${name}: axe`);
    writeFileSync(extraShot(`popup-${name.replace("_", "-")}-firefox.png`), await driver.takeScreenshot(), "base64");
    return seen;
  }

  /** Serves `name` (or `body`, or answers with `respond`) and has the background check it (through the alarm). */
  async function scenario(name, { body, respond } = {}) {
    mock.state.scenario = name ?? mock.state.scenario;
    mock.state.body = body;
    mock.state.respond = respond;
    await driver.switchTo().window(popupTab);
    await checkNow(inPage);
  }

  test("all clear, degraded, major outage, maintenance: each state, axe clean", async () => {
    await state("all_clear");
    await scenario("native/chatgpt-degraded.json", { body: degradedBody() });
    const degraded = await state("degraded");
    assert.match(degraded.cause, /high demand/);
    await scenario("native/chatgpt-major-outage.json", { body: majorBody() });
    await state("major_outage");
    // Keyboard: Tab reaches "Notify me"; Enter asks the background.
    await driver.executeScript(() => document.getElementById("refresh").focus());
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await driver.actions().sendKeys(Key.TAB).perform();
      reached = (await driver.executeScript(() => document.activeElement?.id)) === "notify-me";
    }
    assert.ok(reached, "Tab reaches notify-me");
    await driver.actions().sendKeys(Key.ENTER).perform();
    const said = await waitFor(() => driver.executeScript(() => document.querySelector(".step-wait .said")?.textContent), { what: "the answer" });
    assert.match(said, /You'll get a notification when ChatGPT is back/);
    await driver.findElement(By.id("copy-details")).click();
    const report = await waitFor(() => driver.executeScript(() => document.getElementById("report").value), { what: "the report" });
    assert.match(report, new RegExp(`\\(${MAJOR_ID}\\)`));
    assert.match(report, /Browser: Firefox \d+/);
    await scenario("native/maintenance-in-progress.json");
    await state("maintenance");
  });

  test("options: axe clean, a change re-decides at once, preview on chatgpt.com", async () => {
    await scenario("native/chatgpt-major-outage.json", { body: majorBody() });
    const tab = await openExtensionPage("options.html");
    await waitFor(() => driver.executeScript(() => document.querySelectorAll('input[name="watch_group"]').length >= 5), { what: "the watch list" });
    assert.deepEqual(await axe(), []);
    // Only the APIs watched during the ChatGPT outage: the guide names it as elsewhere, first.
    await driver.findElement(By.css('input[value="APIs"]')).click();
    await driver.findElement(By.css('input[value="ChatGPT"]')).click();
    await driver.switchTo().window(popupTab);
    const elsewhere = await waitFor(async () => {
      const s = await driver.executeScript(readPopup);
      return s.situation === "elsewhere" && s;
    }, { what: "the popup's guide: a problem elsewhere" });
    assert.equal(elsewhere.steps[0], "elsewhere");
    assert.match(elsewhere.guide, /The problem reported is with ChatGPT, which you don't watch/);
    // Unticking the last watched group: it stays, and the page says why.
    await driver.switchTo().window(tab);
    await driver.findElement(By.css('input[value="APIs"]')).click();
    await waitFor(() => driver.executeScript(() => /Keep at least one service watched/.test(document.getElementById("watch-said").textContent)), { what: "the options page to say why" });
    assert.equal(await driver.executeScript(() => document.querySelector('input[value="APIs"]').checked), true);
    const kept = await inPage((browser) => browser.storage.sync.get("settings").then((s) => s.settings));
    assert.deepEqual(kept.watched_groups, ["APIs"]);
    await inPage((browser) => browser.storage.sync.remove("settings"));
    await scenario("native/maintenance-in-progress.json");
    await driver.switchTo().window(tab);
    const before = (await verdict()).checked_at;
    await driver.findElement(By.css('input[name="banner_enabled"]')).click();
    await waitFor(async () => {
      const v = await verdict();
      return v.checked_at > before && v.banner.show === false;
    }, { what: "the banner turned off at once" });
    await driver.findElement(By.css('input[name="banner_enabled"]')).click();
    await inPage((browser) => browser.storage.sync.remove("settings"));
    // Preview: a chatgpt.com tab, then the button.
    await driver.switchTo().newWindow("tab");
    await driver.get("https://chatgpt.com/");
    const chat = await driver.getWindowHandle();
    await sleep(800);
    await driver.switchTo().window(tab);
    await driver.findElement(By.id("preview")).click();
    await waitFor(() => driver.executeScript(() => /showing on your/.test(document.getElementById("preview-said").textContent)), { what: "the preview shown" });
    await driver.switchTo().window(chat);
    const level = await waitFor(() => driver.executeScript(() => document.querySelector("outage-radar-banner")?.dataset.level), { what: "the preview banner" });
    assert.equal(level, "partial_outage");
    await driver.close();
    await driver.switchTo().window(tab);
    await driver.close();
  });

  test("stale, unreachable, unreadable", async () => {
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>503</h1>");
    await refresh();
    await state("stale");
    await inPage((browser) => browser.storage.sync.set({ settings: { stale_after_failures: 1 } }));
    await state("unreachable");
    await scenario(undefined, { respond: (req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>Just a moment…</html>") });
    await state("unreadable");
    await inPage((browser) => browser.storage.sync.remove("settings"));
    mock.state.respond = undefined;
  });
});

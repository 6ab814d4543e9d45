// End-to-end: the user's settings and dismissed banners survive an extension reload and an
// update, including an update from a version that stored them before the storage schema
// existed (src/background/migrate.rs: schema 0 kept dismissals in `dismissed`). Chromium reloads by
// loading the build over the installed extension (see `reload`); Firefox with
// browser.runtime.reload() and by installing the add-on again over itself, as an update does.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startMock } from "./mock.mjs";
import { sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const INCIDENT = "01K5PART1A10UTAGE000000001"; // the partial-outage scenario's incident
/** A setting with a visible effect: only the APIs group is watched, so the ChatGPT outage
 * leaves the badge clear (the default, ChatGPT watched, shows "!"). */
const SETTINGS = { watched_groups: ["APIs"] };
/** What a version before the storage schema wrote for a dismissed banner (schema 0). */
const v0Record = (at) => ({ dismissed: { [`partial_outage:${INCIDENT}`]: at } });
/** The storage schema this build writes (src/background/migrate.rs). */
const SCHEMA = Number(/pub const SCHEMA_VERSION: u32 = (\d+);/.exec(readFileSync(new URL("../../src/background/migrate.rs", import.meta.url), "utf8"))[1]);
/**
 * What the version before schema 2 stored after the same check: the same record with
 * `schema: 1` and no `decision` (the core read the stored verdict back instead).
 */
const v1Record = (stored) => {
  const { decision, ...rest } = stored;
  return { ...rest, schema: 1 };
};

describe("upgrades (chromium)", () => {
  let mock, chromium, browser;

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    chromium = await browsers.launchChromium(mock);
    browser = chromium.browser;
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  const isWorker = browsers.isServiceWorker;
  const worker = () => browsers.serviceWorker(browser);
  const sw = async (fn, ...args) => (await worker()).evaluate(fn, ...args);
  const local = () => sw(() => chrome.storage.local.get(null));
  const badge = () => sw(() => chrome.action.getBadgeText({}));
  const chatgptBanner = (stored) => stored.verdict?.pages?.find((p) => p.id === "chatgpt")?.banner;

  /**
   * Reloads the extension and waits for the new worker's first check. chrome.runtime.reload()
   * can't be used here: for an extension loaded by a test it unloads it for good (headless
   * Chromium 156). Loading the build over the installed extension is Chrome's reload of an
   * unpacked extension, and what an update does: same id, same storage, a new worker.
   */
  async function reload() {
    const old = await browser.waitForTarget(isWorker);
    const checked = (await local()).verdict?.checked_at ?? 0;
    await browser.installExtension(browsers.CHROME_DIST);
    const fresh = await browser.waitForTarget((t) => isWorker(t) && t !== old);
    const w = await fresh.worker();
    await w.evaluate(() => chrome.alarms.create("check", { when: Date.now() }));
    await waitFor(async () => ((await local()).verdict?.checked_at ?? 0) > checked, { what: "the reloaded extension's first check" });
  }

  async function bannerCount() {
    const page = await browser.newPage();
    await page.goto("https://chatgpt.com/", { waitUntil: "load" });
    await sleep(1000); // the content script has read storage long before this
    const count = await page.evaluate(() => document.querySelectorAll("outage-radar-banner").length);
    await page.close();
    return count;
  }

  test("reload: the setting and the dismissed banner are kept", async () => {
    await waitFor(async () => chatgptBanner(await local())?.show, { what: "the first verdict" });
    assert.equal(await badge(), "!", "ChatGPT is watched by default");
    await sw((s) => chrome.storage.sync.set({ settings: s }), SETTINGS);
    await waitFor(async () => (await badge()) === "", { what: "the setting to apply" });

    const page = await browser.newPage();
    await page.goto("https://chatgpt.com/", { waitUntil: "load" });
    await waitFor(() => page.evaluate(() => document.querySelectorAll("outage-radar-banner").length === 1), { what: "the banner" });
    await (await page.$("::-p-aria([name='Hide this notice until the incident changes'][role='button'])")).click();
    await waitFor(async () => (await local()).dismissals?.entries?.length === 1, { what: "the dismissal" });
    await page.close();

    await reload();
    const stored = await local();
    assert.equal(stored.schema, SCHEMA);
    assert.deepEqual(stored.dismissals.entries.map((e) => e.key), [`incident:${INCIDENT}`]);
    assert.equal(chatgptBanner(stored).show, true, "the incident is still on");
    assert.equal(chatgptBanner(stored).dismissed, true, "and still dismissed");
    assert.deepEqual(await sw(() => chrome.storage.sync.get("settings").then((s) => s.settings)), SETTINGS);
    assert.equal(await badge(), "", "the reloaded extension applies the setting");
    assert.equal(await bannerCount(), 0, "no banner on a fresh chatgpt.com page");
  });

  test("update from schema 1: the stored verdict's time becomes the decision, the dismissal is honoured", async () => {
    const before = await local();
    assert.equal(before.decision?.at, before.verdict.checked_at, "the decision is the stored verdict's");
    await sw(async (record) => {
      await chrome.storage.local.clear();
      await chrome.storage.local.set(record);
    }, v1Record(before));
    await reload();
    const stored = await local();
    assert.equal(stored.schema, SCHEMA);
    assert.equal(stored.decision.at, stored.verdict.checked_at);
    assert.ok(stored.decision.at > before.decision.at, "checked since");
    assert.deepEqual(stored.dismissals.entries.map((e) => e.key), [`incident:${INCIDENT}`]);
    assert.equal(chatgptBanner(stored).dismissed, true, "still dismissed");
    assert.equal(await bannerCount(), 0);
  });

  test("update from a record older than the schema: migrated to the current schema, its dismissal honoured", async () => {
    await sw(async (record) => {
      await chrome.storage.local.clear();
      await chrome.storage.local.set(record);
    }, v0Record(Date.now()));
    await reload();
    const stored = await local();
    assert.equal(stored.schema, SCHEMA);
    assert.equal(stored.dismissed, undefined, "the old key is removed");
    assert.deepEqual(stored.dismissals.entries.map((e) => [e.key, e.level]), [[`incident:${INCIDENT}`, "partial_outage"]]);
    assert.equal(chatgptBanner(stored).show, true, "the incident is on");
    assert.equal(chatgptBanner(stored).dismissed, true, "the old dismissal is honoured");
    assert.equal(await bannerCount(), 0, "no banner on chatgpt.com");
    assert.deepEqual(await sw(() => chrome.storage.sync.get("settings").then((s) => s.settings)), SETTINGS);
  });
});

describe("upgrades (firefox)", () => {
  let mock, firefox, driver;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    firefox = await browsers.launchFirefox();
    driver = firefox.driver;
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /**
   * Runs `fn` (a function of `browser`) in a fresh tab of the extension's popup page, which
   * has the extension's APIs (a tab opened before a reload would be gone after it).
   */
  async function inExtension(fn, ...args) {
    const handle = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    try {
      return await browsers.inExtension(driver, fn, ...args);
    } finally {
      const handles = await driver.getAllWindowHandles();
      if (handles.includes(handle)) {
        await driver.switchTo().window(handle);
        await driver.close();
      }
      await driver.switchTo().window((await driver.getAllWindowHandles())[0]);
    }
  }

  const local = () => inExtension((b) => b.storage.local.get(null));
  const chatgptBanner = (stored) => stored.verdict?.pages?.find((p) => p.id === "chatgpt")?.banner;

  /**
   * Runs `restart` (a reload or a reinstall) and waits until a new background page runs (the
   * old one's marker is gone) and has checked again.
   */
  async function restarted(restart) {
    const checked = (await local()).verdict?.checked_at ?? 0;
    await inExtension((b) => b.runtime.getBackgroundPage().then((bg) => { bg.oldPage = true; }));
    await restart();
    // While the add-on restarts, asking for its background page can hang: ask again.
    const fresh = (b) => Promise.race([
      b.runtime.getBackgroundPage().then((bg) => Boolean(bg && !bg.oldPage)),
      new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    await waitFor(() => inExtension(fresh), { timeout: 30000, what: "a new background page" });
    await inExtension((b) => b.alarms.create("check", { when: Date.now() }));
    await waitFor(async () => ((await local()).verdict?.checked_at ?? 0) > checked, { timeout: 30000, what: "its first check" });
  }

  async function bannerCount() {
    await driver.switchTo().newWindow("tab");
    await driver.get("https://chatgpt.com/");
    await sleep(1000);
    const count = await driver.executeScript(() => document.querySelectorAll("outage-radar-banner").length);
    await driver.close();
    await driver.switchTo().window((await driver.getAllWindowHandles())[0]);
    return count;
  }

  test("reload and reinstall keep the setting and the dismissal; a schema-0 record is migrated", async () => {
    await waitFor(async () => chatgptBanner(await local())?.show, { timeout: 30000, what: "the first verdict" });
    assert.equal(await bannerCount(), 1, "the banner shows before it is dismissed");
    await inExtension((b, s) => b.storage.sync.set({ settings: s }), SETTINGS);
    // The message the banner's dismiss button sends.
    assert.deepEqual(await inExtension((b) => b.runtime.sendMessage({ type: "dismiss", page: "chatgpt" })), { ok: true });

    // Reload.
    // From the background page itself: the popup tab this runs in closes right after.
    await restarted(() => inExtension((b) => b.runtime.getBackgroundPage().then((bg) => { bg.setTimeout(() => bg.browser.runtime.reload(), 50); })));
    let stored = await local();
    assert.equal(stored.schema, SCHEMA);
    assert.equal(chatgptBanner(stored).dismissed, true, "still dismissed after a reload");
    assert.deepEqual(await inExtension((b) => b.storage.sync.get("settings").then((s) => s.settings)), SETTINGS);
    assert.equal(await inExtension((b) => b.action.getBadgeText({})), "", "the setting applies");
    assert.equal(await bannerCount(), 0);

    // An update from a version before the schema: its record, then the add-on installed over itself.
    await inExtension(async (b, record) => {
      await b.storage.local.clear();
      await b.storage.local.set(record);
    }, v0Record(Date.now()));
    await restarted(() => driver.installAddon(firefox.xpi, true));
    stored = await local();
    assert.equal(stored.schema, SCHEMA);
    assert.equal(stored.dismissed, undefined, "the old key is removed");
    assert.deepEqual(stored.dismissals.entries.map((e) => [e.key, e.level]), [[`incident:${INCIDENT}`, "partial_outage"]]);
    assert.equal(chatgptBanner(stored).show && chatgptBanner(stored).dismissed, true, "the old dismissal is honoured");
    assert.deepEqual(await inExtension((b) => b.storage.sync.get("settings").then((s) => s.settings)), SETTINGS, "settings survive the reinstall");
    assert.equal(await bannerCount(), 0);
  });
});

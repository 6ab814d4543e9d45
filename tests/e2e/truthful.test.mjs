// End-to-end, in both browsers: what the banner and the popup say is true in the corners.
// 1. A setting that hides the banner during an outage (a higher "Show it from", or the
//    banner switched off on the options page) makes it go: never a green "Resolved" note
//    while OpenAI still reports the outage (the badge still says "!").
// 2. A maintenance still reported in progress after its planned end stays listed in the
//    popup as running late, and the banner names it, says it runs late and links to it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { By } from "selenium-webdriver";
import { startMock } from "./mock.mjs";
import { checkNow, sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const MAINTENANCE_ID = "01K5MA1NTENANCE0000000000C";
const MAINTENANCE_URL = `https://status.openai.com/incidents/${MAINTENANCE_ID}`;
const MAINTENANCE_NAME = "File uploads maintenance";

/**
 * Installed in a chatgpt.com tab: remembers the level of every banner the content script
 * ever puts up there (its host's data-level: "resolved" for the note), so a note that came
 * and went between two looks is seen too. Kept in an attribute of the page (the one thing
 * every script world shares), read by `seenLevels`.
 */
function recordLevels() {
  const html = document.documentElement;
  html.setAttribute("data-test-levels", "");
  const note = (node) => {
    if (node.nodeName === "OUTAGE-RADAR-BANNER") html.setAttribute("data-test-levels", `${html.getAttribute("data-test-levels")} ${node.dataset.level}`);
  };
  for (const host of document.querySelectorAll("outage-radar-banner")) note(host);
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) note(node);
  }).observe(document.documentElement, { childList: true });
}

/** The options page has read the settings and listens to its form (it fills the interval list just before). */
function optionsReady() {
  return document.querySelectorAll('[name="check_every_minutes"] option').length >= 6;
}

function seenLevels() {
  return (document.documentElement.getAttribute("data-test-levels") ?? "").split(" ").filter(Boolean);
}

/** Runs the shipped banner.js on the stored `banners` record of the chatgpt.com page (Firefox can't read a closed shadow root). */
async function drawStoredBanner(browser) {
  const scope = {};
  // banner.js formats through l10n.js, which the content script loads before it.
  for (const file of ["l10n.js", "banner.js"]) {
    const source = await (await fetch(browser.runtime.getURL(file))).text();
    new Function("globalThis", source)(scope);
  }
  const { banners } = await browser.storage.local.get("banners");
  const banner = banners.find((p) => p.id === "chatgpt").banner;
  const box = document.createElement("div");
  scope.OutageRadarBanner.render(box, banner, { t: (key, subs) => browser.i18n.getMessage(key, subs) });
  return { text: box.querySelector("section").textContent, links: [...box.querySelectorAll("a")].map((a) => ({ text: a.textContent, href: a.href })) };
}

describe("chromium: never wrong", () => {
  let mock, chromium, browser, worker, extension;

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    chromium = await browsers.launchChromium(mock);
    browser = chromium.browser;
    extension = await browsers.chromiumExtension(browser);
    worker = extension.worker;
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  const run = (fn, ...args) => browsers.inWorker(worker, fn, ...args);
  const refresh = () => checkNow(run);
  const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));
  const host = (page) => page.evaluate(() => {
    const hosts = document.querySelectorAll("outage-radar-banner");
    return { count: hosts.length, level: hosts[0]?.dataset.level ?? null };
  });
  const levels = (page) => page.evaluate(seenLevels);

  /** Changes the options page's form as a user does (the page saves to storage.sync). */
  async function setOption(change) {
    const options = await browsers.openPage(browser, extension.url("options.html"));
    await waitFor(() => options.evaluate(optionsReady), { what: "the options form" });
    await change(options);
    await waitFor(() => options.$eval("#saved", (s) => s.textContent !== ""), { what: "the save" });
    await options.close();
  }

  test("a setting that hides the banner during an outage leaves no Resolved note", async () => {
    await refresh();
    const page = await browsers.openPage(browser, "https://chatgpt.com/");
    await page.evaluate(recordLevels);
    await waitFor(async () => (await host(page)).level === "partial_outage", { what: "the outage banner" });
    assert.equal(await badge(), "!");

    // "Show it from": major outage. The banner goes, and no note says it is over.
    await setOption((o) => o.select("#banner_min_level", "major_outage"));
    await waitFor(async () => (await host(page)).count === 0, { what: "the banner to go" });
    await sleep(1500);
    assert.equal((await host(page)).count, 0);
    assert.ok((await levels(page)).includes("partial_outage"), "the recorder works");
    assert.ok(!(await levels(page)).includes("resolved"), "no resolved note");
    assert.equal(await badge(), "!", "OpenAI still reports the outage");
    const stored = await run((ext) => ext.storage.local.get(["banners", "decision"]));
    assert.ok(stored.banners.every((p) => p.banner.resolved_until == null));
    assert.deepEqual(stored.decision.resolved, []);

    // Back to the default: the banner returns. Then the banner switched off: nothing at all.
    await setOption((o) => o.select("#banner_min_level", "degraded"));
    await waitFor(async () => (await host(page)).level === "partial_outage", { what: "the banner back" });
    await setOption((o) => o.click('input[name="banner_enabled"]'));
    await waitFor(async () => (await host(page)).count === 0, { what: "the banner to go" });
    await sleep(1500);
    assert.equal((await host(page)).count, 0);
    assert.ok(!(await levels(page)).includes("resolved"), "no resolved note");
    assert.equal(await badge(), "!");

    // On again, and the outage really ends: now the note comes (what the above would have seen).
    await setOption((o) => o.click('input[name="banner_enabled"]'));
    await waitFor(async () => (await host(page)).level === "partial_outage", { what: "the banner back" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    await waitFor(async () => (await host(page)).level === "resolved", { what: "the resolved note" });
    assert.equal(await badge(), "");
    await page.close();
  });

  test("a maintenance running late: listed as late in the popup, named and linked by the banner", async () => {
    mock.state.scenario = "native/maintenance-overrun.json";
    await refresh();
    const page = await browsers.openPage(browser, "https://chatgpt.com/");
    const text = await waitFor(async () => {
      const t = await browsers.bannerText(page);
      return t.includes(MAINTENANCE_NAME) && t;
    }, { what: "the maintenance banner" });
    assert.equal((await host(page)).level, "maintenance");
    assert.match(text, /Planned maintenance: File uploads/);
    assert.match(text, /Running late: it was planned to end at .+ and is still in progress/);
    assert.match(text, /planned work by OpenAI, not an outage/);
    assert.doesNotMatch(text, /It's not just you|What can I do/);
    // The link, through the DOM with the closed shadow root pierced (DevTools can).
    const cdp = await page.createCDPSession();
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const hrefs = [];
    const walk = (node) => {
      if (node.nodeName === "A") hrefs.push(node.attributes[node.attributes.indexOf("href") + 1]);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
    };
    walk(root);
    assert.ok(hrefs.includes(MAINTENANCE_URL), `the banner links to the maintenance: ${hrefs}`);
    await page.close();

    const popup = await browsers.openPage(browser, extension.url("popup.html"));
    const item = await waitFor(() => popup.$(`[data-maintenance="${MAINTENANCE_ID}"]`), { what: "the maintenance in the popup" });
    const shown = await item.evaluate((a) => ({
      late: a.dataset.overrun, going: a.dataset.inProgress, text: a.textContent, href: a.querySelector("h3 a")?.href,
    }));
    assert.deepEqual([shown.late, shown.going], ["true", "true"]);
    assert.match(shown.text, new RegExp(MAINTENANCE_NAME));
    assert.match(shown.text, /In progress · running late: it was planned to end at/);
    assert.equal(shown.href, MAINTENANCE_URL);
    await popup.close();
  });
});

describe("firefox: never wrong", () => {
  let mock, firefox, driver, extTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    firefox = await browsers.launchFirefox();
    driver = firefox.driver;
    extTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  const inExtension = (fn, ...args) => browsers.inExtensionTab(driver, extTab, fn, ...args);
  const refresh = () => checkNow(inExtension);
  const badge = () => inExtension((browser) => browser.action.getBadgeText({}));
  const host = () => driver.executeScript(() => {
    const hosts = document.querySelectorAll("outage-radar-banner");
    return { count: hosts.length, level: hosts[0]?.dataset.level ?? null };
  });
  const levels = () => driver.executeScript(seenLevels);

  /**
   * Changes the options page's form as a user does (the page saves to storage.sync), back in
   * `tab` after: `level` picks "Show it from" (a change event, as picking does: WebDriver's
   * click on an <option> doesn't give one in headless Firefox), else the banner switch is clicked.
   */
  async function setOption(tab, level) {
    const options = await browsers.openPrivilegedTab(driver, firefox.url("options.html"));
    await waitFor(() => driver.executeScript(optionsReady), { what: "the options form" });
    const input = await driver.findElement(By.css(level ? "#banner_min_level" : 'input[name="banner_enabled"]'));
    if (level) {
      await driver.executeScript((select, value) => {
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }, input, level);
    } else {
      await input.click();
    }
    await waitFor(async () => (await driver.findElement(By.id("saved")).getText()) !== "", { what: "the save" });
    await browsers.closeTab(driver, options);
    await driver.switchTo().window(tab);
  }

  test("a setting that hides the banner during an outage leaves no Resolved note", async () => {
    await refresh();
    const tab = await browsers.openTab(driver, "https://chatgpt.com/");
    await driver.executeScript(recordLevels);
    await waitFor(async () => (await host()).level === "partial_outage", { what: "the outage banner" });
    assert.equal(await badge(), "!");

    await setOption(tab, "major_outage");
    await waitFor(async () => (await host()).count === 0, { what: "the banner to go" });
    await sleep(1500);
    assert.equal((await host()).count, 0);
    assert.ok((await levels()).includes("partial_outage"), "the recorder works");
    assert.ok(!(await levels()).includes("resolved"), "no resolved note");
    assert.equal(await badge(), "!", "OpenAI still reports the outage");
    const stored = await inExtension((browser) => browser.storage.local.get(["banners", "decision"]));
    assert.ok(stored.banners.every((p) => p.banner.resolved_until == null));
    assert.deepEqual(stored.decision.resolved, []);

    await setOption(tab, "degraded");
    await waitFor(async () => (await host()).level === "partial_outage", { what: "the banner back" });
    await setOption(tab);
    await waitFor(async () => (await host()).count === 0, { what: "the banner to go" });
    await sleep(1500);
    assert.equal((await host()).count, 0);
    assert.ok(!(await levels()).includes("resolved"), "no resolved note");
    assert.equal(await badge(), "!");

    await setOption(tab);
    await waitFor(async () => (await host()).level === "partial_outage", { what: "the banner back" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    await driver.switchTo().window(tab);
    await waitFor(async () => (await host()).level === "resolved", { what: "the resolved note" });
    assert.equal(await badge(), "");
    await browsers.closeTab(driver, tab);
  });

  test("a maintenance running late: listed as late in the popup, named and linked by the banner", async () => {
    mock.state.scenario = "native/maintenance-overrun.json";
    await refresh();
    const tab = await browsers.openTab(driver, "https://chatgpt.com/");
    await waitFor(async () => (await host()).level === "maintenance", { what: "the maintenance banner" });
    await browsers.closeTab(driver, tab);
    // What that banner says: the shipped banner.js drawing the record the content script drew.
    const drawn = await inExtension(drawStoredBanner);
    assert.match(drawn.text, /Planned maintenance: File uploads/);
    assert.match(drawn.text, new RegExp(MAINTENANCE_NAME));
    assert.match(drawn.text, /Running late: it was planned to end at .+ and is still in progress/);
    assert.doesNotMatch(drawn.text, /It's not just you|What can I do/);
    assert.ok(drawn.links.some((a) => a.href === MAINTENANCE_URL && a.text === "Maintenance page"), JSON.stringify(drawn.links));

    const popup = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    const item = await waitFor(() => driver.findElement(By.css(`[data-maintenance="${MAINTENANCE_ID}"]`)), { what: "the maintenance in the popup" });
    assert.equal(await item.getAttribute("data-overrun"), "true");
    assert.equal(await item.getAttribute("data-in-progress"), "true");
    const text = await item.getText();
    assert.match(text, new RegExp(MAINTENANCE_NAME));
    assert.match(text, /In progress · running late: it was planned to end at/);
    assert.equal(await item.findElement(By.css("h3 a")).getAttribute("href"), MAINTENANCE_URL);
    await browsers.closeTab(driver, popup);
  });
});

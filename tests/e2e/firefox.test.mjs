// End-to-end: the built dist/firefox (as its zip) in headless Firefox ESR, against the
// local mock of status.openai.com and a fake chatgpt.com with a strict CSP.
// Firefox resolves every host to loopback (network.dns.forceResolve), so the mock must
// listen on 443.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { By, Key } from "selenium-webdriver";
import { fixture, startMock } from "./mock.mjs";
import { checkNow, screenshotPath, sleep, waitFor } from "./util.mjs";
import * as ff from "./browsers.mjs";

describe("firefox", () => {
  let mock, firefox, driver, extTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    // Optional permissions are granted without the prompt (a test can't click it).
    firefox = await ff.launchFirefox({ prefs: { "extensions.webextOptionalPermissionPrompts": false } });
    driver = firefox.driver;
    // An extension page kept open to call the extension's APIs from.
    extTab = await ff.openPrivilegedTab(driver, firefox.url("popup.html"));
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /** Opens an extension page in a new tab (WebDriver can't navigate to moz-extension:). */
  const openExtensionPage = (file) => ff.openPrivilegedTab(driver, firefox.url(file));
  const openPage = (url) => ff.openTab(driver, url);
  const closeTab = (handle) => ff.closeTab(driver, handle);

  /** Runs `fn(browser, ...args)` in the extension page kept open, then comes back to the current tab. */
  const inExtension = (fn, ...args) => ff.inExtensionTab(driver, extTab, fn, ...args);

  /** The banner host as the page sees it: count, level and size (its shadow root is closed). */
  const banner = () =>
    driver.executeScript(() => {
      const hosts = document.querySelectorAll("outage-radar-banner");
      const rect = hosts[0]?.getBoundingClientRect();
      return { count: hosts.length, level: hosts[0]?.dataset.level ?? null, height: rect?.height ?? 0 };
    });

  /**
   * Has the background check the status page again and waits for its verdict (through the
   * alarm, as a due check does; popup.test.mjs clicks "Check now").
   */
  const refresh = () => checkNow(inExtension);

  test("outage scenario: banner appears on chatgpt.com", async () => {
    const tab = await openPage("https://chatgpt.com/");
    const shown = await waitFor(async () => {
      const b = await banner();
      return b.count === 1 && b.height > 20 && b;
    }, { what: "the banner" });
    assert.equal(shown.level, "partial_outage");
    await sleep(300);
    await driver.findElement(By.css("outage-radar-banner")).takeScreenshot().then((png) => assert.ok(png.length > 1000));
    await closeTab(tab);
  });

  test("outage scenario: banner also on chat.openai.com", async () => {
    const tab = await openPage("https://chat.openai.com/");
    await waitFor(async () => (await banner()).count === 1, { what: "the banner" });
    await closeTab(tab);
  });

  test("outage scenario: popup renders the verdict", async () => {
    const tab = await openExtensionPage("popup.html");
    const heading = await waitFor(() => driver.findElement(By.css("h1.overall")).getText(), { what: "popup heading" });
    assert.match(heading, /OpenAI reports a problem: Partial outage/);
    const link = await driver.findElement(By.css("[data-incident] h3 a"));
    assert.match(await link.getText(), /Elevated error rates/);
    assert.match(await link.getAttribute("href"), /^https:\/\/status\.openai\.com\/incidents\//);
    await closeTab(tab);
  });

  test("all-operational scenario: the banner turns into a resolved note that leaves by itself", async () => {
    const tab = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await banner()).count === 1, { what: "the banner" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    await driver.switchTo().window(tab);
    await waitFor(async () => (await banner()).level === "resolved", { what: "the resolved note" });
    // The core keeps the note for a minute and a half; shorten it to see it leave.
    await inExtension(async (browser) => {
      // The shell's copy (the verdict) and the core's (the decision it decides from again).
      const { verdict, decision } = await browser.storage.local.get(["verdict", "decision"]);
      for (const p of verdict.pages) if (p.banner.resolved_until) p.banner.resolved_until = Date.now() + 1000;
      for (const r of decision.resolved) r.until = Date.now() + 1000;
      await browser.storage.local.set({ verdict, decision, banners: verdict.pages });
    });
    await waitFor(async () => (await banner()).count === 0, { what: "the note to leave by itself" });
    await closeTab(tab);
  });

  test("all-operational scenario: no banner on a fresh chatgpt.com load", async () => {
    const tab = await openPage("https://chatgpt.com/");
    await sleep(1000);
    assert.equal((await banner()).count, 0);
    await closeTab(tab);
    const popup = await openExtensionPage("popup.html");
    const heading = await waitFor(async () => {
      const text = await driver.findElement(By.css("h1.overall")).getText();
      return /operational/.test(text) && text;
    }, { what: "popup heading" });
    assert.match(heading, /All OpenAI services are operational/);
    await closeTab(popup);
  });

  test("API-only incident: no banner on chatgpt.com", async () => {
    mock.state.scenario = "native/api-only-incident.json";
    await refresh();
    const tab = await openPage("https://chatgpt.com/");
    await sleep(1000);
    assert.equal((await banner()).count, 0);
    await closeTab(tab);
  });

  // ---------------------------------------------------------------- the banner (issue 4)

  async function scenario(name, { body } = {}) {
    mock.state.respond = undefined;
    mock.state.scenario = name;
    mock.state.body = body;
    await refresh();
    // Ends any "resolved" note now (the core keeps one up for a minute and a half).
    await inExtension(async (browser) => {
      const { verdict, decision } = await browser.storage.local.get(["verdict", "decision"]);
      for (const p of verdict.pages) p.banner.resolved_until = null;
      decision.resolved = [];
      await browser.storage.local.set({ verdict, decision, banners: verdict.pages });
    });
  }

  const shown = (what = "the banner") => waitFor(async () => {
    const b = await banner();
    return b.count === 1 && b.level !== "resolved" && b;
  }, { what });

  test("banner: fixed below the header and above the message box, following the page theme", async () => {
    await scenario("native/chatgpt-partial-outage.json");
    for (const theme of ["light", "dark"]) {
      mock.state.theme = theme;
      const tab = await openPage("https://chatgpt.com/");
      await shown();
      const box = await driver.executeScript(() => {
        const rect = (el) => el.getBoundingClientRect().toJSON();
        const host = document.querySelector("outage-radar-banner");
        return {
          host: rect(host), position: getComputedStyle(host).position, theme: host.dataset.theme,
          header: rect(document.querySelector("header")), composer: rect(document.querySelector(".composer")),
        };
      });
      assert.equal(box.position, "fixed");
      assert.ok(box.host.top >= box.header.bottom && box.host.bottom <= box.composer.top, JSON.stringify(box));
      assert.equal(box.theme, theme);
      await sleep(200);
      const png = await driver.takeScreenshot();
      writeFileSync(screenshotPath(`banner-${theme}-firefox.png`), png, "base64");
      await closeTab(tab);
    }
    mock.state.theme = "light";
  });

  test("banner: dismissed by keyboard, per incident, survives a reload, returns when the incident worsens", async () => {
    const tab = await openPage("https://chatgpt.com/");
    await shown();
    await driver.findElement(By.id("prompt-textarea")).click();
    await driver.actions().sendKeys(Key.TAB).perform();
    assert.equal(await driver.executeScript(() => document.activeElement?.localName), "outage-radar-banner", "Tab reaches the banner");
    // Incident page link → "What can I do?" → dismiss.
    await driver.actions().sendKeys(Key.TAB, Key.TAB, Key.ENTER).perform();
    await waitFor(async () => (await banner()).count === 0, { what: "the banner to go" });
    await driver.navigate().refresh();
    await sleep(1000);
    assert.equal((await banner()).count, 0, "still dismissed after a reload");
    const doc = JSON.parse(fixture("native/chatgpt-partial-outage.json"));
    for (const a of doc.summary.affected_components) a.status = "full_outage";
    for (const i of doc.summary.ongoing_incidents) for (const a of i.affected_components ?? []) a.status = "full_outage";
    mock.state.body = JSON.stringify(doc);
    await refresh();
    await driver.switchTo().window(tab);
    const back = await shown("the banner to return");
    assert.equal(back.level, "major_outage");
    mock.state.body = undefined;
    await closeTab(tab);
  });

  test("banner: the single-page app's own navigation to /codex brings the Codex incident", async () => {
    await scenario("native/codex-incident.json");
    const tab = await openPage("https://chatgpt.com/");
    await sleep(800);
    assert.equal((await banner()).count, 0, "Codex doesn't matter on /");
    await driver.executeScript(() => history.pushState({}, "", "/codex/tasks"));
    await shown("the Codex banner");
    await driver.executeScript(() => history.back());
    await waitFor(async () => (await banner()).count === 0, { what: "the banner to go on /" });
    await closeTab(tab);
  });

  test("banner: on a hostile page, survives the page replacing its children and never doubles", async () => {
    await scenario("native/chatgpt-major-outage.json");
    const tab = await openPage("https://chatgpt.com/");
    await shown();
    await driver.executeScript(() => {
      document.body.replaceChildren(document.createElement("main"));
      document.documentElement.replaceChildren(document.head, document.body);
    });
    await shown("the banner to come back");
    await scenario("native/chatgpt-partial-outage.json");
    await driver.switchTo().window(tab);
    await waitFor(async () => (await banner()).level === "partial_outage", { what: "the redraw" });
    assert.equal((await banner()).count, 1);
    await closeTab(tab);
  });

  test("banner: the status page failing during an outage leaves the last known problem, marked as such", async () => {
    const tab = await openPage("https://chatgpt.com/");
    const before = await shown();
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>Down</h1>");
    for (let i = 0; i < 3; i++) await refresh();
    await driver.switchTo().window(tab);
    const marked = await waitFor(() => driver.executeScript(() => document.querySelector("outage-radar-banner")?.dataset.lastKnown), { what: "the banner marked last known" });
    assert.equal(marked, "http_error");
    const after = await banner();
    assert.equal(after.count, 1);
    assert.equal(after.level, before.level, "the last known level, never an all-clear");
    mock.state.respond = undefined;
    await closeTab(tab);
  });

  test("banner: when all is clear the content script adds nothing to the page", async () => {
    await scenario("native/all-operational.json");
    const tab = await openPage("https://chatgpt.com/");
    await sleep(800);
    const dom = await driver.executeScript(() => ({
      top: [...document.documentElement.children].map((e) => e.localName),
      html: document.documentElement.outerHTML,
    }));
    assert.deepEqual(dom.top, ["head", "body"]);
    assert.doesNotMatch(dom.html, /outage-radar/);
    await closeTab(tab);
  });

  test("optional sites: granted on the options page, the banner shows on platform.openai.com for API incidents", async () => {
    await scenario("native/api-only-incident.json");
    const platform = await openPage("https://platform.openai.com/");
    await sleep(800);
    assert.equal((await banner()).count, 0, "no access yet, no content script");
    await closeTab(platform);

    const options = await openExtensionPage("options.html");
    const toggle = await waitFor(() => driver.findElement(By.name("site_platform")), { what: "the platform switch" });
    assert.equal(await toggle.isSelected(), false);
    await toggle.click();
    await waitFor(
      () => ff.inExtension(driver, (browser) => browser.permissions.contains({ origins: ["https://platform.openai.com/*"] })),
      { what: "access to be granted" },
    );
    await closeTab(options);

    const tab = await openPage("https://platform.openai.com/");
    const shownThere = await waitFor(async () => {
      const b = await banner();
      return b.count === 1 && b;
    }, { what: "the banner on platform.openai.com" });
    assert.equal(shownThere.level, "degraded");
    await closeTab(tab);

    const chat = await openPage("https://chatgpt.com/");
    await sleep(800);
    assert.equal((await banner()).count, 0, "an API incident stays off chatgpt.com");
    await closeTab(chat);

    const again = await openExtensionPage("options.html");
    const off = await waitFor(() => driver.findElement(By.name("site_platform")), { what: "the platform switch" });
    assert.equal(await off.isSelected(), true);
    await off.click();
    await closeTab(again);
    await sleep(500);
    const after = await openPage("https://platform.openai.com/");
    await sleep(1000);
    assert.equal((await banner()).count, 0, "access given back, no banner");
    await closeTab(after);
  });

  test("admin-only components: a Compliance API-only incident or maintenance raises no banner on chatgpt.com until the setting is on", async () => {
    const cases = [
      ["native/compliance-api-incident.json", "partial_outage"],
      ["native/compliance-api-maintenance.json", "maintenance"],
    ];
    const badgeText = () => inExtension((browser) => browser.action.getBadgeText({}));
    for (const [name] of cases) {
      await scenario(name);
      const tab = await openPage("https://chatgpt.com/");
      await sleep(1000);
      assert.equal((await banner()).count, 0, `${name}: no banner by default`);
      assert.notEqual(await badgeText(), "", `${name}: the badge still tells`);
      await closeTab(tab);
    }
    // Turned on in the options: the same data now raises the banner.
    const options = await openExtensionPage("options.html");
    // The page's script has filled the form and listens for changes once the interval list is built.
    await waitFor(() => driver.executeScript(() => document.querySelectorAll("select[name=check_every_minutes] option").length === 6), { what: "the options page's script" });
    const box = await driver.findElement(By.name("banner_admin_components"));
    assert.equal(await box.isSelected(), false, "off by default");
    await box.click();
    await waitFor(
      async () => (await inExtension((browser) => browser.storage.sync.get("settings"))).settings?.banner_admin_components === true,
      { what: "the setting saved" },
    );
    await closeTab(options);
    for (const [name, expected] of cases.reverse()) {
      await scenario(name);
      const tab = await openPage("https://chatgpt.com/");
      await waitFor(async () => (await banner()).level === expected, { what: `${name}: the banner with the setting on` });
      await closeTab(tab);
    }
    await inExtension(async (browser) => {
      const { settings } = await browser.storage.sync.get("settings");
      await browser.storage.sync.set({ settings: { ...settings, banner_admin_components: false } });
    });
  });

  // ---------------------------------------------------------------- beyond the peers (issue 8)

  const storedVerdict = () => inExtension((browser) => browser.storage.local.get("verdict").then((s) => s.verdict));

  test("how long will it last: banners carry the estimate from 90 days of similar incidents", async () => {
    await scenario("native/chatgpt-partial-outage.json");
    const verdict = await storedVerdict();
    const page = verdict.pages.find((p) => p.id === "chatgpt");
    const estimate = page.banner.incidents[0].estimate;
    assert.deepEqual([estimate.median_mins, estimate.p25_mins, estimate.p75_mins, estimate.count], [47, 30, 95, 8]);
    const tab = await openPage("https://chatgpt.com/");
    await shown();
    await closeTab(tab);
    const popup = await openExtensionPage("popup.html");
    const full = await waitFor(() => driver.findElement(By.css(".estimates .estimate")).getText(), { what: "the estimate in the popup" });
    assert.match(full, /lasted a median of 47 min; half ended between 30 min and 1 hr, 35 min \(8 incidents\)/);
    // (Recent incidents and the 90-day bars come from the core's `history_view`: history.test.mjs.)
    await closeTab(popup);
  });

  test("is it just me: ChatGPT's own error while all is clear makes the background look again", async () => {
    await scenario("native/all-operational.json");
    const tab = await openPage("https://chatgpt.com/");
    await sleep(500);
    const before = mock.statusRequests().length;
    await driver.executeScript(() => {
      const alert = document.createElement("div");
      alert.setAttribute("role", "alert");
      alert.textContent = "There was an error generating a response";
      document.getElementById("thread").append(alert);
    });
    await waitFor(() => mock.statusRequests().length > before, { what: "a re-check of the status page" });
    await closeTab(tab);
    const justMe = await waitFor(async () => (await storedVerdict())?.just_me, { what: "the 'is it just me' answer" });
    assert.deepEqual(justMe.causes, ["not_yet_reported", "your_network", "account_or_browser"]);
    const popup = await openExtensionPage("popup.html");
    const causes = await waitFor(async () => {
      const items = await driver.findElements(By.css(".just-me .causes li"));
      return items.length && Promise.all(items.map((li) => li.getAttribute("data-cause")));
    }, { what: "the causes in the popup" });
    assert.deepEqual(causes, ["not_yet_reported", "your_network", "account_or_browser"]);
    await closeTab(popup);
  });

  test("is it just me: going offline puts your network first", async () => {
    const tab = await openPage("https://chatgpt.com/");
    await sleep(300);
    await driver.setContext("chrome");
    await driver.executeScript("Services.io.offline = true;");
    await driver.setContext("content");
    try {
      const justMe = await waitFor(async () => {
        const answer = (await storedVerdict())?.just_me;
        return answer?.offline && answer;
      }, { what: "the offline answer" });
      assert.equal(justMe.causes[0], "your_network");
    } finally {
      await driver.setContext("chrome");
      await driver.executeScript("Services.io.offline = false;");
      await driver.setContext("content");
    }
    await closeTab(tab);
  });
});

// End-to-end: the built dist/firefox (as its zip) in headless Firefox ESR, against the
// local mock of status.openai.com and a fake chatgpt.com with a strict CSP.
// Firefox resolves every host to loopback (network.dns.forceResolve), so the mock must
// listen on 443.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Builder, By } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { root, startMock } from "./mock.mjs";
import { screenshotPath, sleep, waitFor } from "./util.mjs";

const manifest = JSON.parse(readFileSync(path.join(root, "dist/firefox/manifest.json"), "utf8"));
const xpi = path.join(root, `dist/outage-radar-${manifest.version}-firefox.zip`);
const geckoId = manifest.browser_specific_settings.gecko.id;

describe("firefox", () => {
  let mock, driver;
  const uuid = randomUUID();
  const base = `moz-extension://${uuid}/`;

  before(async () => {
    assert.ok(existsSync(xpi), `${xpi} is built (run make)`);
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    const options = new firefox.Options()
      .addArguments("-headless")
      .setBinary(process.env.FIREFOX ?? "/usr/bin/firefox-esr")
      .setAcceptInsecureCerts(true)
      .setPreference("network.dns.forceResolve", "127.0.0.1")
      .setPreference("extensions.webextensions.uuids", JSON.stringify({ [geckoId]: uuid }))
      .setPreference("network.captive-portal-service.enabled", false)
      .setPreference("network.connectivity-service.enabled", false)
      .setPreference("app.update.disabledForTesting", true)
      .setPreference("browser.shell.checkDefaultBrowser", false);
    const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? "geckodriver").addArguments("--allow-system-access");
    driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
    await driver.installAddon(xpi, true);
  });

  after(async () => {
    await driver?.quit();
    await mock?.close();
  });

  /** Opens an extension page in a new tab (WebDriver can't navigate to moz-extension:). */
  async function openExtensionPage(file) {
    const before = await driver.getAllWindowHandles();
    await driver.setContext("chrome");
    await driver.executeScript(
      `const tab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
       gBrowser.selectedTab = tab;`,
      base + file,
    );
    await driver.setContext("content");
    const handle = await waitFor(async () => (await driver.getAllWindowHandles()).find((h) => !before.includes(h)), { what: "the new tab" });
    await driver.switchTo().window(handle);
    await waitFor(async () => (await driver.getCurrentUrl()).startsWith(base), { what: `${file} to load` });
    return handle;
  }

  async function openPage(url) {
    await driver.switchTo().newWindow("tab");
    await driver.get(url);
    return driver.getWindowHandle();
  }

  async function closeTab(handle) {
    await driver.switchTo().window(handle);
    await driver.close();
    const [first] = await driver.getAllWindowHandles();
    await driver.switchTo().window(first);
  }

  /** The banner host as the page sees it: count, level and size (its shadow root is closed). */
  const banner = () =>
    driver.executeScript(() => {
      const hosts = document.querySelectorAll("outage-radar-banner");
      const rect = hosts[0]?.getBoundingClientRect();
      return { count: hosts.length, level: hosts[0]?.dataset.level ?? null, height: rect?.height ?? 0 };
    });

  async function refresh() {
    const handle = await openExtensionPage("popup.html");
    const heading = async () => driver.findElement(By.css("h1.overall")).getText();
    const previous = await waitFor(heading, { what: "popup heading" });
    await driver.findElement(By.id("refresh")).click();
    await waitFor(async () => (await driver.findElement(By.id("refresh")).isEnabled()), { what: "the refresh to finish" });
    await closeTab(handle);
    return previous;
  }

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

  test("all-operational scenario: the banner leaves live", async () => {
    const tab = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await banner()).count === 1, { what: "the banner" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    await driver.switchTo().window(tab);
    await waitFor(async () => (await banner()).count === 0, { what: "the banner to leave" });
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
});

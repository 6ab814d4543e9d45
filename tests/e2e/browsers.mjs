// The two browsers the end-to-end tests drive, set up one way for every suite: headless,
// with the built extension installed, and the mocked hosts (mock.mjs) routed to the local
// mock, so the shipped build with its real URLs is what gets tested. Chromium through
// puppeteer-core, Firefox ESR through selenium-webdriver and geckodriver. Also the ways in
// to the extension that the browsers don't offer directly: its service worker in Chromium,
// its moz-extension: pages in Firefox.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { Builder } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { HOSTS, root } from "./mock.mjs";
import { waitFor } from "./util.mjs";

// ------------------------------------------------------------------ Chromium

export const CHROME_DIST = path.join(root, "dist/chrome");
/** The accessible name of the banner's status region (messages.json, banner_region_label). */
export const BANNER_LABEL = "Outage Radar: OpenAI status";

/**
 * Launches headless Chromium in a fresh profile, with dist/chrome loaded unless `extension`
 * is false. Every mocked host resolves to `mock` (the status page on its port, not 443);
 * `args` come after the common flags, other options go to puppeteer's launch as they are.
 * `close()` closes the browser and deletes the profile.
 */
export async function launchChromium(mock, { extension = true, args = [], ...launch } = {}) {
  if (extension) assert.ok(existsSync(path.join(CHROME_DIST, "manifest.json")), "dist/chrome is built (run make)");
  const profile = mkdtempSync(path.join(os.tmpdir(), "outage-radar-chromium-"));
  const map = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${mock.port}`);
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      pipe: true,
      ...(extension ? { enableExtensions: [CHROME_DIST] } : {}),
      userDataDir: profile,
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--ignore-certificate-errors",
        `--host-resolver-rules=${map.join(", ")}`,
        ...args,
      ],
      ...launch,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's background: a module service worker running background.js. */
export const isServiceWorker = (target) => target.type() === "service_worker" && target.url().endsWith("/background.js");

/** The running service worker (waits for one to start; any extension event starts one). */
export const serviceWorker = async (browser) => (await browser.waitForTarget(isServiceWorker)).worker();

/**
 * The installed extension, once its service worker runs: that worker's target and the
 * worker itself, the extension's id, and `url(file)` for its pages.
 */
export async function chromiumExtension(browser) {
  const target = await browser.waitForTarget(isServiceWorker);
  const id = new URL(target.url()).host;
  return { target, worker: await target.worker(), id, url: (file) => `chrome-extension://${id}/${file}` };
}

/**
 * Runs `fn(chrome, ...args)` in the service worker `worker`, as a function of the extension
 * API like `inExtension`'s in Firefox. (Sent as source text, evaluated by DevTools: the
 * extension's CSP forbids building a function in the worker itself.)
 */
export const inWorker = (worker, fn, ...args) => worker.evaluate(`(${fn})(chrome, ...${JSON.stringify(args)})`);

/**
 * Opens `url` in a new tab and waits for it to load. `viewport` is set first, and
 * `watch(page)` is called before the navigation, to hook the page's events (errors, dialogs).
 */
export async function openPage(browser, url, { viewport, watch } = {}) {
  const page = await browser.newPage();
  if (viewport) await page.setViewport(viewport);
  watch?.(page);
  await page.goto(url, { waitUntil: "load" });
  return page;
}

/** The banner's text as the accessibility tree exposes it (its shadow root is closed); "" when there is none. */
export async function bannerText(page) {
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  const found = [];
  const walk = (node, inside) => {
    const here = inside || (node.role === "status" && node.name === BANNER_LABEL);
    if (here && node.name) found.push(node.name);
    for (const child of node.children ?? []) walk(child, here);
  };
  if (tree) walk(tree, false);
  return found.join(" | ");
}

// ------------------------------------------------------------------ Firefox

/** The built add-on: the zip `make` writes and the id its manifest gives Gecko. */
export function firefoxAddon() {
  const manifest = JSON.parse(readFileSync(path.join(root, "dist/firefox/manifest.json"), "utf8"));
  return {
    xpi: path.join(root, `dist/outage-radar-${manifest.version}-firefox.zip`),
    geckoId: manifest.browser_specific_settings.gecko.id,
  };
}

/**
 * Launches headless Firefox ESR with the built add-on installed (unless `addon` is false)
 * under a UUID chosen here, so its pages are at `base` (`url(file)`). Firefox resolves every
 * host to loopback (network.dns.forceResolve), so the mock must listen on 443. `prefs` add
 * to (or override) the common preferences, `args` to the command line; `window` sets the
 * window's size before the add-on is installed; `bidi` turns on WebDriver BiDi (for logs).
 */
export async function launchFirefox({ addon = true, prefs = {}, args = [], window, bidi = false } = {}) {
  const { xpi, geckoId } = addon ? firefoxAddon() : {};
  if (addon) assert.ok(existsSync(xpi), `${xpi} is built (run make)`);
  const uuid = randomUUID();
  const base = `moz-extension://${uuid}/`;
  const options = new firefox.Options()
    .addArguments("-headless", ...args)
    .setBinary(process.env.FIREFOX ?? "/usr/bin/firefox-esr")
    .setAcceptInsecureCerts(true);
  if (bidi) options.enableBidi();
  const preferences = {
    "network.dns.forceResolve": "127.0.0.1",
    ...(addon ? { "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: uuid }) } : {}),
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "app.update.disabledForTesting": true,
    "browser.shell.checkDefaultBrowser": false,
    ...prefs,
  };
  for (const [name, value] of Object.entries(preferences)) options.setPreference(name, value);
  // System access: the tests open moz-extension: and about: pages from the chrome context.
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? "geckodriver").addArguments("--allow-system-access");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  try {
    if (window) await driver.manage().window().setRect(window);
    if (addon) await driver.installAddon(xpi, true);
  } catch (err) {
    await driver.quit();
    throw err;
  }
  return { driver, uuid, base, url: (file) => base + file, xpi, geckoId };
}

/** Opens `url` (a web page) in a new tab, switches to it and returns its handle. */
export async function openTab(driver, url) {
  await driver.switchTo().newWindow("tab");
  await driver.get(url);
  return driver.getWindowHandle();
}

/**
 * Opens `url` in a new tab from the browser's own (chrome) context, as WebDriver can't
 * navigate to moz-extension: or about: pages; switches to it once it is there and returns
 * its handle.
 */
export async function openPrivilegedTab(driver, url) {
  const before = await driver.getAllWindowHandles();
  await driver.setContext("chrome");
  try {
    await driver.executeScript(
      `gBrowser.selectedTab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      url,
    );
  } finally {
    await driver.setContext("content");
  }
  const handle = await waitFor(async () => (await driver.getAllWindowHandles()).find((h) => !before.includes(h)), { what: "the new tab" });
  await driver.switchTo().window(handle);
  const page = url.split("#")[0];
  await waitFor(async () => (await driver.getCurrentUrl()).startsWith(page), { what: `${page} to load` });
  return handle;
}

/** Closes the tab `handle` and switches to the first tab left. */
export async function closeTab(driver, handle) {
  await driver.switchTo().window(handle);
  await driver.close();
  const [first] = await driver.getAllWindowHandles();
  await driver.switchTo().window(first);
}

/**
 * Runs `fn(browser, ...args)` in the current tab, which must be an extension page (that is
 * where the extension's APIs are), and returns its result through JSON. `fn` is sent as
 * source text: it sees nothing of the test but its arguments. A rejection in the page
 * throws here.
 */
export async function inExtension(driver, fn, ...args) {
  const answer = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const fn = new Function("return " + arguments[0])();
     Promise.resolve(fn(window.wrappedJSObject?.browser ?? browser, ...Array.from(arguments).slice(1, -1)))
       .then((v) => done({ value: JSON.parse(JSON.stringify(v ?? null)) }), (e) => done({ error: String(e) }));`,
    fn.toString(),
    ...args,
  );
  if (answer?.error !== undefined) throw new Error(`in the extension page: ${answer.error}`);
  return answer.value;
}

/** `inExtension` in the extension page `tab` (one kept open for it), then back to the tab that was current. */
export async function inExtensionTab(driver, tab, fn, ...args) {
  const current = await driver.getWindowHandle();
  if (current !== tab) await driver.switchTo().window(tab);
  try {
    return await inExtension(driver, fn, ...args);
  } finally {
    if (current !== tab) await driver.switchTo().window(current);
  }
}

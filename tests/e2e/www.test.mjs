// End-to-end: the built web page (dist/www) in headless Chromium and Firefox ESR, with no
// extension installed. dist/www is served by a plain local HTTP server, as `make www` does; the
// status host is the local mock (status.openai.com routed to it by the browser).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By } from "selenium-webdriver";
import logInspector from "selenium-webdriver/bidi/logInspector.js";
import { fixture, root, serveSite, startMock } from "./mock.mjs";
import { screenshotPath, waitFor } from "./util.mjs";
import { launchChromium, launchFirefox, openPage, openPrivilegedTab } from "./browsers.mjs";

const site = path.join(root, "dist/www");
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * The banner's text, background and edge colours for a level and theme, as `rgb(…)`, read
 * from its stylesheet's source (extension/banner.js): the simulator draws with the built
 * banner, so this checks that the shipped stylesheet still applies them.
 */
const bannerSource = readFileSync(path.join(root, "extension/banner.js"), "utf8");
function bannerColours(level, theme) {
  const selector = `${theme === "dark" ? ":host([data-theme=dark]) " : ""}.box${level === "degraded" ? "" : `.${level}`} {`;
  const at = bannerSource.indexOf(selector);
  assert.ok(at >= 0, `banner.js has a rule ${selector}`);
  const rule = bannerSource.slice(at, bannerSource.indexOf("}", at));
  const rgb = (name) => {
    const hex = new RegExp(`--${name}: #([0-9a-f]{6})`).exec(rule)[1];
    return `rgb(${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  };
  return { color: rgb("fg"), background: rgb("bg"), edge: rgb("edge") };
}

/**
 * What the extension must show for each built-in scenario on the page the scenario opens
 * (the same facts tests/scenarios.rs checks on the core): the banner's level, or null for
 * no banner, and words the banner must (and must not) contain.
 */
const EXPECTED = {
  "all-operational": { level: null, popup: /All OpenAI services are operational/ },
  "chatgpt-partial-outage": { level: "partial_outage", has: ["Conversations", "Elevated error rates in ChatGPT conversations"] },
  "chatgpt-major-outage": { level: "major_outage", has: ["Conversations", "Login", "ChatGPT unavailable"] },
  "chatgpt-degraded": { level: "degraded", has: ["Voice mode responses are slow"] },
  "chatgpt-login-incident": { level: "partial_outage", has: ["Users unable to log in to ChatGPT"] },
  "api-only-incident": { level: null, popup: /OpenAI reports a problem: Degraded performance/ },
  "duplicate-names": { level: "major_outage", has: ["API Login unavailable"], not: ["ChatGPT login slow"] },
  "codex-incident": { level: "partial_outage", has: ["Codex tasks failing to start"] },
  "sora-api-only": { level: "partial_outage", has: ["Sora API video generation failing"] },
  "scope-unclear": { level: "degraded", has: ["Some users may see errors"] },
  "maintenance-in-progress": { level: "maintenance" },
  "maintenance-upcoming": { level: null },
  "unknown-enums": { level: "partial_outage", has: ["Conversations misbehaving"] },
  "compat-fallback": { level: "partial_outage" },
};

describe("www (chromium, no extension)", () => {
  let mock, siteServer, chromium, browser;
  const errors = [];
  const foreign = [];
  let networkFaultExpected = false;

  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    siteServer = await serveSite(site);
    chromium = await launchChromium(mock, { extension: false, defaultViewport: { width: 1200, height: 900 } });
    browser = chromium.browser;
  });

  after(async () => {
    await chromium?.close();
    await siteServer?.close();
    await mock?.close();
  });

  /** Opens a page of the site, recording its errors and any request that leaves it. */
  const open = (file) =>
    openPage(browser, `${siteServer.origin}/${file}`, {
      watch(page) {
        page.on("pageerror", (err) => errors.push(`${file}: ${err.message}`));
        page.on("console", (msg) => {
          if (msg.type() !== "error") return;
          // While the test itself cuts the status host off, Chromium reports the failed fetch.
          // (A response without CORS headers is reported as blocked by CORS policy.)
          if (networkFaultExpected && /^Failed to load resource|blocked by CORS policy/.test(msg.text())) return;
          errors.push(`${file}: console: ${msg.text()} (${msg.location()?.url ?? ""})`);
        });
        page.on("request", (req) => {
          const url = req.url();
          if (!url.startsWith(`${siteServer.origin}/`) && !url.startsWith("https://status.openai.com/") && !url.startsWith("data:")) {
            foreign.push(`${file}: ${url}`);
          }
        });
      },
    });

  const heading = (page) => page.$eval("#status h1", (h) => h.textContent);
  const notice = (page) => page.$eval("#notice", (n) => (n.hidden ? "" : n.textContent));

  async function axe(page) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => globalThis.axe.run(document));
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  }

  test("dashboard: renders the status from the (mocked) status host through the core", async () => {
    const page = await open("index.html");
    const text = await waitFor(async () => {
      const h = await heading(page);
      return /Partial outage/.test(h) && h;
    }, { what: "the dashboard's verdict" });
    assert.match(text, /OpenAI reports a problem: Partial outage/);
    const incident = await page.$eval("[data-incident] h3 a", (a) => ({ text: a.textContent, href: a.href }));
    assert.match(incident.text, /Elevated error rates in ChatGPT conversations/);
    assert.match(incident.href, /^https:\/\/status\.openai\.com\/incidents\//);
    // The services list's groups (the history's rows are marked with their group too).
    const groups = await page.$$eval(".groups [data-group]", (gs) => gs.map((g) => g.dataset.group));
    assert.deepEqual(groups, ["ChatGPT", "APIs", "Codex", "FedRAMP", "Ads Platform"]);
    assert.equal(await notice(page), "");
    assert.ok(mock.statusRequests().some((r) => r.url === "/proxy/status.openai.com"), "the page asked the status host");
    assert.match(await page.title(), /Partial outage/);
    // From the incident history: the estimate. (Recent incidents and the 90-day bars come
    // from the core's `history_view`: history.test.mjs.)
    const estimate = await waitFor(() => page.$eval(".estimates .estimate", (p) => p.textContent).catch(() => null), { what: "the estimate" });
    assert.match(estimate, /median of 47 min.*\(8 incidents\)/);
    await page.screenshot({ path: screenshotPath("www-dashboard.png"), fullPage: true });
    assert.deepEqual(await axe(page), []);
    await page.close();
  });

  test("dashboard: says so when the status page can't be reached, and keeps the last known status", async () => {
    networkFaultExpected = true;
    // A 503 from the status host without CORS headers: the browser hides it from the page,
    // which gets the same bare error as with no network. The browser is online, so the page
    // says it could not read the status page from here, never "check your connection".
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>Service Unavailable</h1>");
    const page = await open("index.html");
    // The last status (from the previous test, kept in localStorage) is shown while it checks.
    const said = await waitFor(async () => {
      const n = await notice(page);
      return n && n;
    }, { what: "the unreachable notice" });
    assert.match(said, /status\.openai\.com could not be read from here/);
    assert.doesNotMatch(said, /offline|No connection/);
    assert.match(said, /last known status, from/);
    assert.match(await heading(page), /Partial outage/, "last known data still shown");
    assert.match(await page.$eval(".freshness", (p) => p.textContent), /status\.openai\.com could not be read from here/);
    assert.equal(await page.$eval(".guidance .step", (li) => li.dataset.step), "confirm", "not 'check your connection' first");
    assert.deepEqual(await axe(page), []);

    // A visitor with nothing stored: told plainly, no status invented.
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: "load" });
    const bare = await waitFor(async () => {
      const n = await notice(page);
      return n && n;
    }, { what: "the unreachable notice, nothing stored" });
    assert.match(bare, /could not be read from here/);
    assert.match(bare, /no earlier status to show/);
    assert.doesNotMatch(await heading(page), /operational/i);

    // Really offline (the browser says so): then it is the visitor's connection.
    await page.setOfflineMode(true);
    await page.click("#refresh");
    const offline = await waitFor(async () => {
      const n = await notice(page);
      return /No connection/.test(n) && n;
    }, { what: "the offline notice" });
    assert.match(offline, /this browser says it is offline/);
    await page.setOfflineMode(false);

    // Back online: the notice leaves on the next check.
    mock.state.respond = undefined;
    networkFaultExpected = false;
    await page.click("#refresh");
    await waitFor(async () => (await notice(page)) === "" && /Partial outage/.test(await heading(page)), { what: "recovery" });
    await page.close();
  });

  test("simulator: each built-in scenario shows the banner the extension would show", async () => {
    const page = await open("simulator.html");
    const ids = await waitFor(() => page.$$eval("#scenarios button", (bs) => bs.map((b) => b.dataset.id)), { what: "the scenario list" });
    assert.deepEqual([...ids].sort(), Object.keys(EXPECTED).sort(), "every built-in scenario has an expectation");
    for (const id of ids) {
      const want = EXPECTED[id];
      await page.click(`#scenarios button[data-id="${id}"]`);
      const title = await page.$eval(`#scenarios button[data-id="${id}"]`, (b) => b.textContent);
      await waitFor(async () => (await page.$eval("#sim-caption", (c) => c.textContent)).includes(title), { what: `scenario ${id}` });
      assert.equal(await page.$eval(`#scenarios button[data-id="${id}"]`, (b) => b.getAttribute("aria-pressed")), "true");
      const shown = await page.evaluate(() => {
        const host = document.querySelector("#sim-page outage-radar-banner");
        const box = host?.shadowRoot?.querySelector("[role=status]");
        if (!host) return null;
        const style = getComputedStyle(box);
        return {
          level: host.dataset.level, theme: host.dataset.theme, text: box?.textContent ?? "", label: box?.getAttribute("aria-label"),
          colours: { color: style.color, background: style.backgroundColor, edge: style.borderLeftColor },
        };
      });
      if (want.level === null) {
        assert.equal(shown, null, `${id}: no banner`);
        assert.match(await page.$eval("#sim-page", (p) => p.textContent), /No banner/);
      } else {
        assert.ok(shown, `${id}: a banner`);
        assert.equal(shown.level, want.level, `${id}: banner level`);
        assert.equal(shown.label, "Outage Radar: OpenAI status");
        assert.deepEqual(shown.colours, bannerColours(shown.level, shown.theme), `${id}: the level's colours (${shown.theme})`);
        for (const words of want.has ?? []) assert.ok(shown.text.includes(words), `${id}: banner says “${words}”: ${shown.text}`);
        for (const words of want.not ?? []) assert.ok(!shown.text.includes(words), `${id}: banner doesn't say “${words}”`);
      }
      const popup = await page.$eval("#sim-popup h1", (h) => h.textContent);
      if (want.popup) assert.match(popup, want.popup, `${id}: popup heading`);
      assert.equal(await page.$eval("#sim-error", (e) => e.hidden), true, `${id}: no error`);
    }
    // The dark theme's colours too: the simulator follows the system setting.
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    for (const id of ["chatgpt-degraded", "chatgpt-major-outage"]) {
      await page.click(`#scenarios button[data-id="${id}"]`);
      const dark = await waitFor(() => page.evaluate((level) => {
        const host = document.querySelector("#sim-page outage-radar-banner");
        if (host?.dataset.theme !== "dark" || host.dataset.level !== level) return null;
        const style = getComputedStyle(host.shadowRoot.querySelector("[role=status]"));
        return { level: host.dataset.level, colours: { color: style.color, background: style.backgroundColor, edge: style.borderLeftColor } };
      }, EXPECTED[id].level), { what: `${id} in the dark theme` });
      assert.deepEqual(dark.colours, bannerColours(dark.level, "dark"), `${id}: the level's dark colours`);
    }
    await page.close();
  });

  test("simulator: the page and time inputs go through the core too", async () => {
    const page = await open("simulator.html");
    await waitFor(() => page.$("#scenarios button"), { what: "the scenario list" });
    const bannerLevel = () => page.evaluate(() => document.querySelector("#sim-page outage-radar-banner")?.dataset.level ?? null);
    await page.click('#scenarios button[data-id="api-only-incident"]');
    await waitFor(async () => (await page.$eval("#sim-caption", (c) => c.textContent)).includes("API-only"), { what: "api-only" });
    assert.equal(await bannerLevel(), null);
    await page.select("#page", "https://platform.openai.com/");
    await waitFor(async () => (await bannerLevel()) === "degraded", { what: "the platform banner" });
    await page.click('#scenarios button[data-id="codex-incident"]');
    await waitFor(async () => (await bannerLevel()) === "partial_outage", { what: "the codex banner" });
    await page.select("#page", "https://chatgpt.com/");
    await waitFor(async () => (await bannerLevel()) === null, { what: "no banner outside /codex" });
    // Upcoming maintenance: nothing at 12:00, a banner on /codex during its window (12:30–13:30).
    await page.click('#scenarios button[data-id="maintenance-upcoming"]');
    await waitFor(async () => (await page.$eval("#sim-caption", (c) => c.textContent)).includes("Maintenance scheduled"), { what: "maintenance-upcoming" });
    await page.select("#page", "https://chatgpt.com/codex");
    await waitFor(async () => (await page.$eval("#sim-caption", (c) => c.textContent)).includes("/codex"), { what: "codex page" });
    assert.equal(await bannerLevel(), null);
    await page.$eval("#now", (input) => { input.value = "2026-09-15T12:45:00Z"; input.dispatchEvent(new Event("change")); });
    await waitFor(async () => (await bannerLevel()) === "maintenance", { what: "the maintenance banner in its window" });
    // Its × does what it does on chatgpt.com (hide it), and the banner can be brought back.
    await page.evaluate(() => document.querySelector("#sim-page outage-radar-banner").shadowRoot.querySelector("button.close").click());
    assert.equal(await bannerLevel(), null);
    assert.match(await page.$eval("#sim-page", (p) => p.textContent), /Dismissed/);
    await page.click("#sim-page button");
    assert.equal(await bannerLevel(), "maintenance");
    await page.close();
  });

  test("simulator: pasted and dropped JSON, and unreadable input", async () => {
    const page = await open("simulator.html");
    await waitFor(() => page.$("#sim-page outage-radar-banner"), { what: "the first scenario" });
    const paste = (text) => page.$eval("#json", (t, value) => { t.value = value; }, text);
    const bannerOf = () => page.evaluate(() => {
      const host = document.querySelector("#sim-page outage-radar-banner");
      return host ? { level: host.dataset.level, text: host.shadowRoot.textContent } : null;
    });
    const error = () => page.$eval("#sim-error", (e) => (e.hidden ? "" : e.textContent));

    // Not a fixture the site ships: a compat summary.json with a ChatGPT login incident.
    await paste(fixture("compat/summary-with-incident.json").toString("utf8"));
    await page.select("#page", "https://chatgpt.com/");
    await page.click("#run");
    const pasted = await waitFor(async () => {
      const b = await bannerOf();
      return b?.text.includes("Users unable to log in to ChatGPT") && b;
    }, { what: "the banner from pasted JSON" });
    assert.equal(pasted.level, "degraded");
    assert.match(await page.$eval("#sim-caption", (c) => c.textContent), /pasted JSON/);

    for (const bad of ["<html><body>Bad gateway</body></html>", '{"hello": "world"}', "{\"summary\": ", ""]) {
      await paste(bad);
      await page.click("#run");
      const said = await waitFor(error, { what: `an error for ${JSON.stringify(bad)}` });
      assert.ok(said.length > 10 && !/\n/.test(said.trim()), `one clear line: ${said}`);
      assert.equal(await page.$eval("#sim-result", (r) => r.hidden), true, "no stale result next to an error");
      // Hidden on screen too (a stylesheet's display must not overrule it), and emptied.
      assert.deepEqual(await page.$eval("#sim-result", (r) => [r.getBoundingClientRect().height, r.querySelector("#sim-popup").textContent, r.querySelector("#sim-page").textContent]), [0, "", ""], "the previous result cleared");
    }

    // Two files dropped together: the compat pair from which the core rebuilds the page.
    await page.evaluate((files) => {
      const data = new DataTransfer();
      for (const [name, text] of files) data.items.add(new File([text], name, { type: "application/json" }));
      document.getElementById("dropzone").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [
      ["summary.json", fixture("compat/summary-missing-chatgpt.json").toString("utf8")],
      ["components.json", fixture("compat/components-chatgpt-partial.json").toString("utf8")],
    ]);
    const dropped = await waitFor(async () => {
      const caption = await page.$eval("#sim-caption", (c) => c.textContent);
      return caption.includes("summary.json, components.json") && (await bannerOf());
    }, { what: "the banner from dropped files" });
    assert.equal(dropped.level, "partial_outage");
    assert.equal(await error(), "");

    await page.click('#scenarios button[data-id="chatgpt-partial-outage"]');
    await waitFor(async () => (await bannerOf())?.level === "partial_outage", { what: "the outage scenario" });
    await page.screenshot({ path: screenshotPath("www-simulator.png") });
    // The install guide's "what you will see": the real banner and popup views.
    await (await page.$("#sim-page outage-radar-banner")).screenshot({ path: screenshotPath("sim-banner.png") });
    await (await page.$("#sim-popup")).screenshot({ path: screenshotPath("sim-popup.png") });
    assert.deepEqual(await axe(page), []);
    // The dark theme too (view.css, the banner and the site all follow the OS setting).
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await page.click('#scenarios button[data-id="chatgpt-major-outage"]');
    await waitFor(async () => (await bannerOf())?.level === "major_outage", { what: "the major outage scenario" });
    assert.equal(await page.$eval("#sim-page outage-radar-banner", (h) => h.dataset.theme), "dark");
    assert.deepEqual(await axe(page), []);
    await page.close();
  });

  test("install guide: every screenshot loads, and axe finds nothing", async () => {
    const page = await open("install.html");
    const images = await page.$$eval("main img", (imgs) => imgs.map((i) => ({ src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0, alt: i.alt })));
    assert.ok(images.length >= 4);
    for (const image of images) {
      assert.ok(image.ok, `${image.src} loads (make screenshots, then make)`);
      assert.ok(image.alt.length > 10, `${image.src} has a description`);
    }
    // Every permission the manifest asks for, required or optional, is named and explained.
    const manifest = JSON.parse(readFileSync(path.join(root, "extension/manifest.json"), "utf8"));
    const said = await page.$eval("#h-permissions", (h) => h.parentElement.textContent);
    for (const permission of [...manifest.permissions, ...manifest.optional_permissions]) assert.ok(said.includes(`${permission}`), `the guide names ${permission}`);
    for (const host of [...manifest.host_permissions, ...manifest.optional_host_permissions]) {
      assert.ok(said.includes(new URL(host.replace("*", "x")).host), `the guide names ${host}`);
    }
    assert.deepEqual(await axe(page), []);
    await page.close();
  });

  test("install guide screenshot: chrome://extensions with Developer mode on and Outage Radar loaded", async () => {
    // A browser with the extension loaded, as the guide's reader will have it.
    const loaded = await launchChromium(mock);
    const page = await openPage(loaded.browser, "chrome://extensions", { viewport: { width: 1000, height: 560 } });
    const names = await waitFor(() => page.evaluate(() => {
      const list = document.querySelector("extensions-manager")?.shadowRoot?.querySelector("extensions-item-list")?.shadowRoot;
      const items = [...(list?.querySelectorAll("extensions-item") ?? [])].map((i) => i.shadowRoot?.querySelector("#name")?.textContent?.trim());
      return items.length ? items : null;
    }), { what: "the extensions listed" });
    assert.ok(names.some((n) => /Outage Radar/.test(n)), `Outage Radar is listed: ${names}`);
    const button = await waitFor(() => page.evaluateHandle(() => {
      const toolbar = document.querySelector("extensions-manager")?.shadowRoot?.querySelector("extensions-toolbar")?.shadowRoot;
      const toggle = toolbar?.querySelector("#devMode");
      if (toggle && !toggle.checked) toggle.click();
      const load = toolbar?.querySelector("#loadUnpacked");
      return load && load.offsetParent !== null ? load : null;
    }).then((h) => (h.asElement() ? h : null)), { what: "the Load unpacked button" });
    assert.ok(button);
    await page.screenshot({ path: screenshotPath("install-chrome.png") });
    await page.close();
    await loaded.close();
  });

  test("no page errors, no console errors, no request to any other site", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  });
});

// Firefox resolves every host to loopback (network.dns.forceResolve), so the status mock
// listens on 443; the site itself is on 127.0.0.1, which that does not touch.
describe("www (firefox, no extension)", () => {
  let mock, siteServer, firefox, driver;
  const errors = [];

  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-major-outage.json";
    siteServer = await serveSite(site);
    firefox = await launchFirefox({ addon: false, args: ["--width=1000", "--height=560"], bidi: true });
    driver = firefox.driver;
    const logs = await logInspector(driver);
    await logs.onJavascriptLog((entry) => errors.push(`javascript: ${entry.text}`));
    await logs.onConsoleEntry((entry) => {
      if (entry.level === "error") errors.push(`console: ${entry.text}`);
    });
    // The error channel works: a probe error arrives (and is then set aside).
    await driver.get(`${siteServer.origin}/scenarios.json`);
    await driver.executeScript(() => console.error("outage-radar-probe"));
    await waitFor(() => errors.some((e) => e.includes("outage-radar-probe")), { what: "the probe error" });
    errors.length = 0;
  });

  after(async () => {
    await firefox?.driver.quit();
    await siteServer?.close();
    await mock?.close();
  });

  const text = (css) => driver.executeScript((sel) => document.querySelector(sel)?.textContent ?? "", css);

  test("dashboard: renders the status from the (mocked) status host", async () => {
    await driver.get(`${siteServer.origin}/index.html`);
    const heading = await waitFor(async () => {
      const h = await text("#status h1");
      return /Major outage/.test(h) && h;
    }, { what: "the dashboard's verdict" });
    assert.match(heading, /OpenAI reports a problem: Major outage/);
    assert.match(await text("[data-incident] h3"), /ChatGPT unavailable/);
    assert.equal(await driver.findElement(By.id("notice")).isDisplayed(), false);
  });

  test("dashboard: a cross-origin error response is 'could not be read from here', not your connection", async () => {
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>Service Unavailable</h1>");
    await driver.findElement(By.id("refresh")).click();
    const said = await waitFor(async () => {
      const n = await driver.executeScript(() => (document.getElementById("notice").hidden ? "" : document.getElementById("notice").textContent));
      return n && n;
    }, { what: "the notice" });
    assert.match(said, /status\.openai\.com could not be read from here/);
    assert.doesNotMatch(said, /offline|No connection/);
    assert.match(await text(".freshness"), /could not be read from here/);
    assert.match(await text("#status h1"), /Major outage/, "last known data still shown");
    mock.state.respond = undefined;
    await driver.findElement(By.id("refresh")).click();
    await waitFor(async () => !(await driver.findElement(By.id("notice")).isDisplayed()), { what: "recovery" });
    // The browser's own report of the blocked response is expected here, nothing else.
    for (let i = errors.length - 1; i >= 0; i--) if (/Cross-Origin Request Blocked|CORS|NetworkError/.test(errors[i])) errors.splice(i, 1);
  });

  test("simulator: each built-in scenario shows the banner the extension would show", async () => {
    await driver.get(`${siteServer.origin}/simulator.html`);
    const ids = await waitFor(() => driver.executeScript(() => [...document.querySelectorAll("#scenarios button")].map((b) => b.dataset.id)).then((l) => l.length && l), { what: "the scenario list" });
    assert.deepEqual([...ids].sort(), Object.keys(EXPECTED).sort());
    for (const id of ids) {
      const want = EXPECTED[id];
      await driver.findElement(By.css(`#scenarios button[data-id="${id}"]`)).click();
      const shown = await waitFor(() => driver.executeScript((id) => {
        const pressed = document.querySelector(`#scenarios button[data-id="${id}"]`);
        if (!document.getElementById("sim-caption").textContent.includes(pressed.textContent)) return null;
        const host = document.querySelector("#sim-page outage-radar-banner");
        return { banner: host ? { level: host.dataset.level, text: host.shadowRoot.textContent } : null };
      }, id), { what: `scenario ${id}` });
      if (want.level === null) {
        assert.equal(shown.banner, null, `${id}: no banner`);
      } else {
        assert.equal(shown.banner?.level, want.level, `${id}: banner level`);
        for (const words of want.has ?? []) assert.ok(shown.banner.text.includes(words), `${id}: banner says “${words}”`);
      }
    }
  });

  test("install guide: its Firefox screenshot, and every screenshot loads", async () => {
    const before = await driver.getAllWindowHandles();
    // WebDriver may not navigate to about:debugging; the browser's own context may.
    await openPrivilegedTab(driver, "about:debugging#/runtime/this-firefox");
    await waitFor(async () => /Load Temporary Add-on/.test(await driver.executeScript(() => document.body.textContent)), { what: "about:debugging" });
    const png = await driver.takeScreenshot();
    writeFileSync(screenshotPath("install-firefox.png"), Buffer.from(png, "base64"));
    await driver.close();
    await driver.switchTo().window(before[0]);
    await driver.get(`${siteServer.origin}/install.html`);
    const images = await driver.executeScript(() => [...document.querySelectorAll("main img")].map((i) => i.complete && i.naturalWidth > 0));
    assert.ok(images.length >= 4 && images.every(Boolean), "every screenshot loads (make screenshots, then make)");
  });

  test("no script errors", () => {
    assert.deepEqual(errors, []);
  });
});

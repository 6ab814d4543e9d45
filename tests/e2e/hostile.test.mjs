// End-to-end: hostile status-page text (tests/fixtures/hostile/summary.json: markup,
// <script>, javascript: and data: URLs, bidi controls, control characters, 100 KB unbroken
// strings, emoji, hostile ids) through the built extension and web page, in headless
// Chromium and Firefox. Everywhere it shows — banner, popup, notifications, toolbar
// tooltip, the www dashboard and simulator — it is inert text: no element, no script run,
// no dialog, no navigation, links only to status.openai.com (or the fixed help pages the
// views name themselves), no bidi control left, and the layout holds.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { By } from "selenium-webdriver";
import { fixture, root, serveSite, startMock } from "./mock.mjs";
import { sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const HOSTILE = "hostile/summary.json";
const STATUS_ORIGIN = "https://status.openai.com/";
/** The fixed pages the views link to by themselves (never built from status-page text). */
const FIXED_LINKS = [/^https:\/\/help\.openai\.com\/$/, /^https:\/\/downdetector\.com\/status\/openai\/$/,
  /^https:\/\/x\.com\/(OpenAI|ChatGPTapp)$/, /^https:\/\/x\.com\/search\?q=[\w%.-]+&f=live$/];
/** Bidi controls and the other control characters the core drops (line breaks aside). */
const FORBIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0009\u000B-\u001F\u007F-\u009F\uFEFF]/u;
/** What the hostile markup would create if it were ever parsed as HTML. */
const HOSTILE_TAGS = "img, script, iframe, svg, style, marquee, b, object, embed";
const NAME = 'HOSTILE-NAME <img src=x onerror="alert(1)"><script>alert("name")</script> seriuqer javascript:alert(1)';

const okLink = (href) => href.startsWith(STATUS_ORIGIN) || FIXED_LINKS.some((re) => re.test(href));

/** Checks a view's links, elements and text, as collected by `viewFacts` in the page. */
function assertInertView(facts, where) {
  assert.deepEqual(facts.hostileTags, [], `${where}: no element made from status-page text`);
  const bad = facts.links.filter((href) => !okLink(href));
  assert.deepEqual(bad, [], `${where}: links only to status.openai.com or the fixed pages`);
  assert.ok(facts.links.some((href) => href.startsWith(`${STATUS_ORIGIN}incidents/`)), `${where}: incident links`);
  assert.ok(facts.text.includes(NAME), `${where}: the name shown literally`);
  assert.ok(!FORBIDDEN.test(facts.text.replace(/[\n\t]/g, " ")), `${where}: no bidi or control character`);
  assert.ok(facts.scrollWidth <= facts.clientWidth, `${where}: no horizontal scroll (${facts.scrollWidth} > ${facts.clientWidth})`);
  if (facts.box) assert.ok(facts.box.scrollWidth <= facts.box.clientWidth, `${where}: nothing wider than the view (${JSON.stringify(facts.box)})`);
}

/** Runs in the page: what `assertInertView` checks about `container` (a selector or a node). */
function viewFacts(container, hostileTags) {
  const node = typeof container === "string" ? document.querySelector(container) : container;
  return {
    hostileTags: [...node.querySelectorAll(hostileTags)].map((e) => e.localName),
    links: [...node.querySelectorAll("a[href]")].map((a) => a.href),
    text: node.textContent,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    box: { scrollWidth: node.scrollWidth, clientWidth: node.clientWidth },
  };
}

describe("hostile content (chromium)", () => {
  let mock, chromium, extension, site;
  const dialogs = [];
  const pageErrors = [];

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/all-operational.json";
    site = await serveSite(path.join(root, "dist/www"));
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
    const worker = extension.worker;
    await waitFor(() => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
    // The notifications API gives tests ids only: record what the background asks it to show.
    await worker.evaluate(() => {
      globalThis.shownNotifications = [];
      const create = chrome.notifications.create.bind(chrome.notifications);
      chrome.notifications.create = (id, options) => {
        globalThis.shownNotifications.push({ id, ...options });
        return create(id, options);
      };
    });
    // Now status.openai.com turns hostile; a check reads it.
    mock.state.body = fixture(HOSTILE);
    await worker.evaluate(() => chrome.alarms.create("check", { when: Date.now() }));
    await waitFor(() => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.incidents?.length === 2)), { what: "the hostile verdict" });
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
    await site?.close();
  });

  const worker = () => browsers.serviceWorker(chromium.browser);
  const bannerText = browsers.bannerText;

  const openPage = (url, { width = 1280, height = 800 } = {}) =>
    browsers.openPage(chromium.browser, url, {
      viewport: { width, height },
      watch(page) {
        page.on("dialog", (d) => {
          dialogs.push(`${url}: ${d.message()}`);
          d.dismiss().catch(() => {});
        });
        page.on("pageerror", (err) => pageErrors.push(`${url}: ${err.message}`));
      },
    });

  /** Inside the closed shadow root, through the DevTools protocol (which pierces it). */
  async function bannerInside(page) {
    const cdp = await page.createCDPSession();
    try {
      const { root: doc } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
      let host = null;
      const find = (n) => {
        if (n.nodeName === "OUTAGE-RADAR-BANNER") host = n;
        for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) if (!host) find(c);
      };
      find(doc);
      const shadow = host?.shadowRoots?.[0];
      if (!shadow) return null;
      const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
      const { result } = await cdp.send("Runtime.callFunctionOn", {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function (hostileTags) {
          const box = this.querySelector("section");
          return {
            mode: this.mode,
            hostileTags: [...this.querySelectorAll(hostileTags)].map((e) => e.localName),
            tags: [...new Set([...this.querySelectorAll("*")].map((e) => e.localName))].sort(),
            links: [...this.querySelectorAll("a[href]")].map((a) => a.href),
            text: box.textContent,
            box: { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, width: box.getBoundingClientRect().width },
          };
        }`,
        arguments: [{ value: HOSTILE_TAGS }],
      });
      return result.value;
    } finally {
      await cdp.detach();
    }
  }

  test("banner on chatgpt.com: inert literal text, only the banner's own elements, links to the status page, layout intact", async () => {
    const page = await openPage("https://chatgpt.com/");
    const scripts = await page.evaluate(() => document.scripts.length);
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("HOSTILE-NAME") && t;
    }, { what: "the banner" });
    assert.ok(text.includes(NAME), `the name, literally: ${text.slice(0, 300)}`);
    assert.ok(text.includes('<a href="javascript:alert(document.cookie)">click</a>'), "the update, literally");
    assert.ok(text.includes("<b>investigating</b>"), "the unknown status word, literally");
    assert.ok(text.includes("🚨🔥👨‍👩‍👧‍👦👍🏽🇫🇷"), "emoji whole");
    assert.ok(!FORBIDDEN.test(text), "no bidi or control character");
    const inside = await bannerInside(page);
    assert.equal(inside.mode, "closed");
    assert.deepEqual(inside.tags, ["a", "button", "div", "li", "section", "strong", "style", "ul"], "only the banner's own elements");
    assert.deepEqual(inside.hostileTags, ["style"], "its own <style>, nothing from the feed");
    assert.deepEqual(inside.links.filter((href) => !okLink(href)), []);
    assert.deepEqual(inside.links.filter((href) => href.startsWith(STATUS_ORIGIN)), [
      "https://status.openai.com/incidents/01K5PART1A10UTAGE000000001",
      "https://status.openai.com/incidents/javascriptalert1scriptxscriptevil",
      "https://status.openai.com/incidents/01K5PART1A10UTAGE000000001",
    ]);
    // 100 KB names arrive cut short; unbroken words wrap inside the banner.
    assert.ok(inside.text.length < 3000, `banner text is ${inside.text.length} chars`);
    assert.ok(inside.box.scrollWidth <= inside.box.clientWidth + 1, `no sideways overflow in the banner (${JSON.stringify(inside.box)})`);
    const layout = await page.evaluate(() => {
      const r = document.querySelector("outage-radar-banner").getBoundingClientRect();
      return { left: r.left, right: r.right, height: r.height, vw: innerWidth, vh: innerHeight,
        scroll: document.documentElement.scrollWidth <= document.documentElement.clientWidth, scripts: document.scripts.length, url: location.href };
    });
    assert.ok(layout.left >= 0 && layout.right <= layout.vw, "within the viewport's width");
    assert.ok(layout.height > 40 && layout.height <= layout.vh * 0.6 + 1, `a sane height (${layout.height})`);
    assert.ok(layout.scroll, "no horizontal scroll on the page");
    assert.equal(layout.scripts, scripts, "no script added to the page");
    assert.equal(layout.url, "https://chatgpt.com/", "no navigation");
    // The narrowest window: still within it.
    await page.setViewport({ width: 360, height: 640 });
    const narrow = await page.evaluate(() => ({ right: document.querySelector("outage-radar-banner").getBoundingClientRect().right, vw: innerWidth,
      scroll: document.documentElement.scrollWidth <= document.documentElement.clientWidth }));
    assert.ok(narrow.right <= narrow.vw && narrow.scroll, "within a 360 px window");
    assert.ok((await bannerInside(page)).box.scrollWidth <= (await bannerInside(page)).box.clientWidth + 1, "wraps at 360 px too");
    await page.close();
  });

  test("popup: inert literal text, no element from the feed, status-page links, no sideways scroll at 400 px", async () => {
    const popup = await openPage(extension.url("popup.html"), { width: 400, height: 600 });
    await waitFor(() => popup.$("[data-incident]"), { what: "the incidents" });
    const facts = await popup.evaluate(viewFacts, "main", HOSTILE_TAGS);
    assertInertView(facts, "popup");
    const names = await popup.$$eval("[data-incident] h3 a", (as) => as.map((a) => [a.textContent, a.href]));
    assert.equal(names.length, 2);
    assert.ok(names[0][0].startsWith(NAME), names[0][0]);
    assert.equal(names[1][1], "https://status.openai.com/incidents/javascriptalert1scriptxscriptevil");
    assert.ok(names[1][0].length <= 200 && names[1][0].endsWith("…"), "a 100 KB name, cut");
    const ids = await popup.$$eval("[data-incident]", (as) => as.map((a) => a.dataset.incident));
    assert.ok(ids[1].startsWith('javascript:alert(1)//"><script>'), "a hostile id stays an attribute's text");
    const widths = await popup.$$eval("article, details, h1, p", (els) => els.map((e) => e.getBoundingClientRect().right));
    assert.ok(widths.every((r) => r <= 400), "every block within the popup's width");
    await popup.close();
  });

  test("notifications and the toolbar tooltip: the name cleaned and cut, never bidi controls", async () => {
    const w = await worker();
    const shown = await waitFor(() => w.evaluate(() => globalThis.shownNotifications?.length >= 2 && globalThis.shownNotifications), { what: "the notifications" });
    for (const n of shown) {
      assert.ok(!FORBIDDEN.test(`${n.title} ${n.message}`.replace(/\n/g, " ")), `clean: ${JSON.stringify(n).slice(0, 200)}`);
      assert.ok(n.message.length < 400, `bounded: ${n.message.length}`);
    }
    const first = shown.find((n) => n.id === "incident_started:01K5PART1A10UTAGE000000001");
    assert.ok(first.message.startsWith(NAME), first.message);
    const long = shown.find((n) => n.message.startsWith("HOSTILE-LONG-NAME"));
    assert.ok(long, "the 100 KB-named incident notifies, cut short");
    const title = await w.evaluate(() => chrome.action.getTitle({}));
    assert.ok(title.includes(NAME) && !FORBIDDEN.test(title) && title.length < 500, title);
  });

  test("www: the live dashboard and the simulator's paste box show it as inert text", async () => {
    const dash = await openPage(`${site.origin}/`, { width: 400, height: 700 });
    await waitFor(() => dash.$("[data-incident]"), { what: "the dashboard's incidents" });
    assertInertView(await dash.evaluate(viewFacts, "main", HOSTILE_TAGS), "dashboard");
    await dash.close();

    const sim = await openPage(`${site.origin}/simulator.html`, { width: 1000, height: 800 });
    await waitFor(() => sim.$("#scenarios button"), { what: "the simulator" });
    await sim.$eval("#json", (t, value) => { t.value = value; }, fixture(HOSTILE).toString("utf8"));
    await sim.$eval("#now", (i) => { i.value = "2026-09-15T12:00:00Z"; });
    await sim.click("#run");
    await waitFor(() => sim.$("#sim-popup [data-incident]"), { what: "the simulated popup" });
    assertInertView(await sim.evaluate(viewFacts, "#sim-popup", HOSTILE_TAGS), "simulated popup");
    const banner = await sim.$eval("#sim-page outage-radar-banner", (host, tags) => ({
      hostileTags: [...host.shadowRoot.querySelectorAll(tags)].map((e) => e.localName),
      links: [...host.shadowRoot.querySelectorAll("a[href]")].map((a) => a.href),
      text: host.shadowRoot.textContent,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }), HOSTILE_TAGS);
    assertInertView(banner, "simulated banner");
    assert.equal(new URL(sim.url()).pathname, "/simulator.html", "no navigation");
    await sim.close();
  });

  test("no dialog opened and no page error, in any context", () => {
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });
});

describe("hostile content (firefox)", () => {
  let mock, firefox, driver;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/all-operational.json";
    firefox = await browsers.launchFirefox({ window: { width: 1280, height: 900 } });
    driver = firefox.driver;
    // The notifications API shows tests nothing in headless Firefox: record what the
    // background asks it to show (popup and event page share a process and an origin).
    await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    await waitFor(() => inExtension((b) => b.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
    const patched = await inExtension(async (b) => {
      const bg = await b.runtime.getBackgroundPage();
      bg.shownNotifications = [];
      const create = bg.browser.notifications.create;
      bg.browser.notifications.create = (id, options) => {
        bg.shownNotifications.push({ id, title: options.title, message: options.message });
        return create(id, options);
      };
      return bg.browser.notifications.create !== create;
    });
    assert.equal(patched, true, "notifications.create recorded");
    mock.state.body = fixture(HOSTILE);
    await inExtension((b) => b.alarms.create("check", { when: Date.now() }));
    await waitFor(() => inExtension((b) => b.storage.local.get("verdict").then((s) => s.verdict?.incidents?.length === 2)), { timeout: 30000, what: "the hostile verdict" });
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /** Runs `fn` (a function of `browser`) in the current extension page. */
  const inExtension = (fn) => browsers.inExtension(driver, fn);

  /** No alert, confirm or prompt is open (a hostile script would have opened one). */
  async function assertNoDialog(where) {
    const open = await driver.switchTo().alert().then(() => true, () => false);
    assert.equal(open, false, `${where}: no dialog`);
  }

  test("popup and notifications: inert literal text, status-page links, cleaned notification text", async () => {
    await waitFor(() => driver.findElements(By.css("[data-incident]")).then((f) => f.length === 2), { what: "the hostile verdict in the popup" });
    // The page is as wide as the window, the popup's body 400 px: nothing may be wider.
    assertInertView(await driver.executeScript(viewFacts, "main", HOSTILE_TAGS), "popup");
    // Read in one step: the popup redraws when the history arrives, which would leave a found element stale.
    assert.ok((await driver.executeScript(() => document.querySelector("[data-incident] h3 a").innerText)).startsWith(NAME.replace(/\s+/g, " ")));
    const shown = await waitFor(async () => {
      const all = await inExtension((b) => b.runtime.getBackgroundPage().then((bg) => bg.shownNotifications));
      return all?.length >= 2 && all;
    }, { what: "the notifications" });
    for (const n of shown) {
      assert.ok(!FORBIDDEN.test(`${n.title} ${n.message}`.replace(/\n/g, " ")), `clean: ${JSON.stringify(n).slice(0, 200)}`);
      assert.ok(n.message.length < 400, `bounded: ${n.message.length}`);
    }
    assert.ok(shown.some((n) => n.message.startsWith(NAME)), "the name, literally");
    await assertNoDialog("popup");
    await driver.close();
    await driver.switchTo().window((await driver.getAllWindowHandles())[0]);
  });

  test("banner on chatgpt.com: drawn at a sane size, no script added, no dialog, no navigation, no sideways scroll", async () => {
    await driver.switchTo().newWindow("tab");
    await driver.get("https://chatgpt.com/");
    const scripts = await driver.executeScript(() => document.scripts.length);
    const facts = await waitFor(async () => {
      const f = await driver.executeScript(() => {
        const hosts = document.querySelectorAll("outage-radar-banner");
        const r = hosts[0]?.getBoundingClientRect();
        return { count: hosts.length, level: hosts[0]?.dataset.level, left: r?.left, right: r?.right, height: r?.height ?? 0,
          vw: innerWidth, vh: innerHeight, scripts: document.scripts.length, url: location.href,
          scroll: document.documentElement.scrollWidth <= document.documentElement.clientWidth };
      });
      return f.count === 1 && f.height > 40 && f;
    }, { what: "the banner" });
    assert.equal(facts.level, "partial_outage");
    assert.ok(facts.left >= 0 && facts.right <= facts.vw, "within the viewport's width");
    assert.ok(facts.height <= facts.vh * 0.6 + 1, `a sane height (${facts.height})`);
    assert.ok(facts.scroll, "no horizontal scroll on the page");
    assert.equal(facts.scripts, scripts, "no script added to the page");
    await sleep(500); // anything the hostile text could have started has had time to run
    assert.equal(await driver.getCurrentUrl(), "https://chatgpt.com/", "no navigation");
    await assertNoDialog("chatgpt.com");
  });
});

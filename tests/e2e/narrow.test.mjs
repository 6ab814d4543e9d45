// End-to-end: phones and narrow screens (issue 22). At a phone's viewport, 360 × 740 CSS
// pixels (and held sideways), during an incident on the fake chatgpt.com: the banner covers
// neither ChatGPT's header nor its message box, its text is not cut off sideways and is at least 12 px; the
// popup and the settings page, opened as tabs (as Firefox for Android opens them), have no
// sideways scroll and every control can be reached. Viewport emulation in both desktop
// browsers: Chromium's mobile emulation, and Firefox's pages zoomed to a phone's pixel
// density (a real Android device is not tested).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, startMock } from "./mock.mjs";
import { screenshotPath, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const WIDTH = 360;
const HEIGHT = 740;
const PHONE = { width: WIDTH, height: HEIGHT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const intersect = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The page's boxes that the banner must leave free, and the banner host's own. */
function pageLayout() {
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
  };
  const host = document.querySelector("outage-radar-banner");
  return {
    vw: innerWidth, vh: innerHeight,
    host: host && rect(host),
    header: rect(document.querySelector("header")),
    composer: rect(document.querySelector(".composer")),
    pageScroll: document.documentElement.scrollWidth,
  };
}

/**
 * Inside the banner (`this`: its shadow root): what is cut off sideways and what is drawn
 * smaller than 12 px; run where the shadow root can be reached (DevTools in Chromium, an
 * open copy in Firefox). `expand` unfolds "What can I do?" first.
 */
const INSIDE = `function (expand) {
  if (expand) this.querySelector(".help")?.click();
  const clipped = [], small = [];
  for (const el of this.querySelectorAll("section, section *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || el.getClientRects().length === 0) continue;
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (text && parseFloat(style.fontSize) < 12) small.push(el.className || el.localName, style.fontSize);
    if (style.display !== "inline" && el.scrollWidth > el.clientWidth + 1) clipped.push((el.className || el.localName) + " " + el.scrollWidth + ">" + el.clientWidth);
  }
  const close = this.querySelector(".close").getBoundingClientRect();
  return { clipped, small, text: this.querySelector("section").textContent, close: { width: close.width, height: close.height, right: close.right } };
}`;

/**
 * On an extension page (popup or settings), with every <details> open: its width, and every
 * control that can't be reached: outside the viewport's width once scrolled to, or covered
 * by something else.
 */
function pageReach(width) {
  // Everything a user could unfold, unfolded: its controls must fit too.
  for (const details of document.querySelectorAll("details")) details.open = true;
  const blocked = [];
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, summary")) {
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === "hidden") continue;
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const reached = hit && (hit === el || el.contains(hit) || hit.contains(el) || hit.closest("label")?.contains(el));
    if (r.left < 0 || r.right > width + 0.5 || !reached) blocked.push(`${el.localName}#${el.id || el.name || el.textContent.trim().slice(0, 30)} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, controls: document.querySelectorAll("button, a[href], input, select").length, blocked };
}

function assertBannerFits(layout, inside, where, width = WIDTH) {
  assert.ok(layout.host && layout.host.height > 40, `${where}: the banner shows (${JSON.stringify(layout.host)})`);
  assert.equal(layout.vw, width, `${where}: a ${width} px wide viewport`);
  assert.ok(!intersect(layout.host, layout.header), `${where}: the banner leaves the header free (${JSON.stringify(layout)})`);
  assert.ok(!intersect(layout.host, layout.composer), `${where}: the banner leaves the message box free (${JSON.stringify(layout)})`);
  assert.ok(layout.host.left >= 0 && layout.host.right <= layout.vw, `${where}: within the viewport's width`);
  assert.ok(layout.pageScroll <= layout.vw, `${where}: no sideways scroll on the page`);
  assert.deepEqual(inside.clipped, [], `${where}: no text cut off sideways`);
  assert.deepEqual(inside.small, [], `${where}: no text under 12 px`);
  assert.ok(inside.close.width >= 24 && inside.close.height >= 24, `${where}: the dismiss button is a 24 px target (${JSON.stringify(inside.close)})`);
  assert.ok(inside.close.right <= layout.vw, `${where}: the dismiss button within reach`);
}

function assertPageFits(reach, where) {
  assert.ok(reach.controls > 2, `${where}: has its controls`);
  assert.ok(reach.scrollWidth <= WIDTH, `${where}: no sideways scroll (${reach.scrollWidth} px wide)`);
  assert.deepEqual(reach.blocked, [], `${where}: every control within reach`);
}

describe("phones: chromium at 360 px", () => {
  let mock, chromium, extension;

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  /** Runs INSIDE in the banner's closed shadow root, through the DevTools protocol (which pierces it). */
  async function inside(page, expand) {
    const cdp = await page.createCDPSession();
    try {
      const { root: doc } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
      let host = null;
      const find = (n) => {
        if (n.nodeName === "OUTAGE-RADAR-BANNER") host = n;
        for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) if (!host) find(c);
      };
      find(doc);
      const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: host.shadowRoots[0].backendNodeId });
      const { result } = await cdp.send("Runtime.callFunctionOn", {
        objectId: object.objectId, returnByValue: true, functionDeclaration: INSIDE, arguments: [{ value: expand }],
      });
      return result.value;
    } finally {
      await cdp.detach();
    }
  }

  test("banner on chatgpt.com: clear of the header and the message box, readable, folded and unfolded", async () => {
    const page = await browsers.openPage(chromium.browser, "https://chatgpt.com/", { viewport: PHONE });
    await waitFor(() => page.evaluate(() => document.querySelector("outage-radar-banner")?.getBoundingClientRect().height > 40), { what: "the banner" });
    const folded = await inside(page, false);
    assert.match(folded.text, /Partial outage/);
    assertBannerFits(await page.evaluate(pageLayout), folded, "folded");
    await page.screenshot({ path: screenshotPath("phone-banner-chromium.png") });
    const unfolded = await inside(page, true);
    assert.match(unfolded.text, /help\.openai\.com/, "the guide unfolded");
    assertBannerFits(await page.evaluate(pageLayout), unfolded, "unfolded");
    // The phone held sideways: a short window, where 60% of its height would reach the message box.
    await page.setViewport({ ...PHONE, width: HEIGHT, height: WIDTH });
    await waitFor(() => page.evaluate(() => innerWidth === 740), { what: "the sideways viewport" });
    assertBannerFits(await page.evaluate(pageLayout), await inside(page, false), "sideways", HEIGHT);
    await page.screenshot({ path: screenshotPath("phone-sideways-chromium.png") });
    await page.close();
  });

  for (const file of ["popup.html", "options.html"]) {
    test(`${file} as a tab: no sideways scroll, every control within reach`, async () => {
      const page = await browsers.openPage(chromium.browser, extension.url(file), { viewport: PHONE });
      await waitFor(() => page.evaluate(() => document.querySelectorAll("button, input").length > 2 && document.readyState === "complete"), { what: file });
      // Wait for what the page draws from storage (the popup's incidents, the settings' services).
      await waitFor(() => page.evaluate(() => !!document.querySelector("[data-incident], #watch-list input")), { what: `${file}'s content` });
      assertPageFits(await page.evaluate(pageReach, WIDTH), file);
      await page.close();
    });
  }
});

describe("phones: firefox at 360 px", () => {
  let mock, firefox, driver, extTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    // Firefox keeps a window at least 500 px wide: a window twice the phone's size, each
    // tab zoomed to 200 % (`phone()`), is 360 CSS px wide at a phone's pixel density.
    firefox = await browsers.launchFirefox({ window: { width: WIDTH * 2, height: HEIGHT * 2 } });
    driver = firefox.driver;
    extTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    await waitFor(() => browsers.inExtension(driver, (b) => b.storage.local.get("verdict").then((s) => s.verdict?.banner?.show)), { what: "the incident's verdict" });
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  /** Zooms the current tab to 200 %, and waits until its page is 360 px wide. */
  async function phone() {
    await driver.setContext("chrome");
    try {
      await driver.executeScript("gBrowser.selectedBrowser.fullZoom = 2;");
    } finally {
      await driver.setContext("content");
    }
    await waitFor(() => driver.executeScript(() => innerWidth).then((w) => w === WIDTH), { what: "a 360 px wide page" });
  }

  test("banner on chatgpt.com: clear of the header and the message box, readable, folded and unfolded", async () => {
    const banner = await browsers.inExtensionTab(driver, extTab, (b) => b.storage.local.get("banners").then((s) => s.banners.find((p) => p.id === "chatgpt").banner));
    const tab = await browsers.openTab(driver, "https://chatgpt.com/");
    await phone();
    await waitFor(() => driver.executeScript(() => document.querySelector("outage-radar-banner")?.getBoundingClientRect().height > 40), { what: "the banner" });
    const layout = await driver.executeScript(pageLayout);
    // The banner's shadow root is closed, and Firefox offers tests no way in: the text is
    // measured on a copy drawn next to it by the same banner.js into an open root, on a
    // host placed and styled as the content script places it.
    // banner.js formats through l10n.js, which the content script loads before it.
    const source = ["l10n.js", "banner.js"].map((f) => readFileSync(path.join(root, "dist/firefox", f), "utf8")).join("\n");
    const messages = JSON.parse(readFileSync(path.join(root, "dist/firefox/_locales/en/messages.json"), "utf8"));
    const draw = `${source}
      const [banner, messages, expand] = arguments;
      const t = globalThis.OutageRadarL10n.makeT(messages);
      document.querySelector("outage-radar-banner").style.visibility = "hidden";
      document.getElementById("copy")?.remove();
      const host = document.createElement("div");
      host.id = "copy";
      Object.assign(host.dataset, { level: banner.level, theme: "light", placement: "page" });
      const shadow = host.attachShadow({ mode: "open" });
      // A constructed sheet, as the page's CSP (not the copy's business) forbids a <style>.
      globalThis.OutageRadarBanner.render(shadow, banner, { t, adoptStyles: true });
      document.documentElement.append(host);
      const inside = (${INSIDE}).call(shadow, expand);
      const r = host.getBoundingClientRect();
      return { inside, host: { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height } };`;
    const folded = await driver.executeScript(draw, banner, messages, false);
    assert.match(folded.inside.text, /Partial outage/);
    const at = ({ left, right, top }) => [left, right, top].map(Math.round);
    assert.deepEqual(at(folded.host), at(layout.host), "the copy sits where the banner does");
    assert.ok(Math.abs(folded.host.height - layout.host.height) < 2, "and is as tall");
    assertBannerFits(layout, folded.inside, "folded");
    const unfolded = await driver.executeScript(draw, banner, messages, true);
    assert.match(unfolded.inside.text, /help\.openai\.com/, "the guide unfolded");
    assertBannerFits({ ...layout, host: unfolded.host }, unfolded.inside, "unfolded");
    // The phone held sideways.
    await driver.manage().window().setRect({ width: HEIGHT * 2, height: WIDTH * 2 });
    try {
      await waitFor(() => driver.executeScript(() => innerWidth === 740), { what: "the sideways viewport" });
      const sideways = await driver.executeScript(pageLayout);
      const copy = await driver.executeScript(draw, banner, messages, false);
      assert.deepEqual(at(copy.host), at(sideways.host), "the copy sits where the banner does");
      assertBannerFits(sideways, copy.inside, "sideways", HEIGHT);
    } finally {
      await driver.manage().window().setRect({ width: WIDTH * 2, height: HEIGHT * 2 });
    }
    await browsers.closeTab(driver, tab);
  });

  for (const file of ["popup.html", "options.html"]) {
    test(`${file} as a tab: no sideways scroll, every control within reach`, async () => {
      const tab = await browsers.openPrivilegedTab(driver, firefox.url(file));
      await phone();
      await waitFor(() => driver.executeScript(() => !!document.querySelector("[data-incident], #watch-list input")), { what: `${file}'s content` });
      assert.equal(await driver.executeScript(() => innerWidth), WIDTH, "a 360 px wide viewport");
      assertPageFits(await driver.executeScript(pageReach, WIDTH), file);
      await browsers.closeTab(driver, tab);
    });
  }
});

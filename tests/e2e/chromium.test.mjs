// End-to-end: the built dist/chrome in headless Chromium, against the local mock of
// status.openai.com and a fake chatgpt.com with a strict CSP.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fixture, startMock } from "./mock.mjs";
import { checkNow, screenshotPath, sleep, waitFor } from "./util.mjs";
import { bannerText, chromiumExtension, inWorker, launchChromium, openPage as open } from "./browsers.mjs";

describe("chromium", () => {
  let mock, chromium, browser, worker, extension;
  const pageErrors = [];

  before(async () => {
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    chromium = await launchChromium(mock);
    browser = chromium.browser;
    extension = await chromiumExtension(browser);
    worker = extension.worker;
    // The background's own errors count too (e.g. a setIcon with a missing icon).
    worker.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`background: ${message.text()}`);
    });
  });

  after(async () => {
    await chromium?.close();
    await mock?.close();
  });

  const openPage = (url) => open(browser, url, { watch: (page) => page.on("pageerror", (err) => pageErrors.push(`${url}: ${err.message}`)) });

  const bannerCount = (page) => page.evaluate(() => document.querySelectorAll("outage-radar-banner").length);
  const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));

  /**
   * Has the background check the status page again and waits for its verdict (through the
   * alarm, as a due check does; popup.test.mjs clicks "Check now").
   */
  const refresh = () => checkNow((fn, ...args) => inWorker(worker, fn, ...args));

  test("outage scenario: banner appears on chatgpt.com and the badge changes", async () => {
    const page = await openPage("https://chatgpt.com/");
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Conversations") && t;
    }, { what: "the banner" });
    assert.match(text, /Conversations: Partial outage — investigating/);
    assert.match(text, /Elevated error rates/);
    assert.equal(await bannerCount(page), 1);
    assert.equal(await badge(), "!");
    await page.screenshot({ path: screenshotPath("banner-light.png") });
    await page.close();
  });

  test("outage scenario: banner also on chat.openai.com", async () => {
    const page = await openPage("https://chat.openai.com/");
    await waitFor(async () => (await bannerText(page)).includes("Conversations"), { what: "the banner" });
    await page.close();
  });

  test("outage scenario: popup renders the verdict", async () => {
    const popup = await openPage(extension.url("popup.html"));
    const heading = await waitFor(() => popup.$eval("h1.overall", (h) => h.textContent), { what: "popup heading" });
    assert.match(heading, /OpenAI reports a problem: Partial outage/);
    const incident = await popup.$eval("[data-incident] h3 a", (a) => ({ text: a.textContent, href: a.href }));
    assert.match(incident.text, /Elevated error rates/);
    assert.match(incident.href, /^https:\/\/status\.openai\.com\/incidents\//);
    await popup.screenshot({ path: screenshotPath("popup-outage.png") });
    await popup.close();
  });

  test("all-operational scenario: the banner turns into a resolved note that leaves by itself; the badge clears", async () => {
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerText(page)).includes("Conversations"), { what: "the banner" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    const note = await waitFor(async () => {
      const text = await bannerText(page);
      return text.includes("Resolved") && text;
    }, { what: "the resolved note" });
    assert.doesNotMatch(note, /Conversations/);
    assert.equal(await bannerCount(page), 1);
    assert.equal(await badge(), "");
    // The core keeps the note for a minute and a half; shorten it to see it leave.
    await worker.evaluate(async () => {
      // The shell's copy (the verdict) and the core's (the decision it decides from again).
      const { verdict, decision } = await chrome.storage.local.get(["verdict", "decision"]);
      for (const p of verdict.pages) if (p.banner.resolved_until) p.banner.resolved_until = Date.now() + 1000;
      for (const r of decision.resolved) r.until = Date.now() + 1000;
      await chrome.storage.local.set({ verdict, decision, banners: verdict.pages });
    });
    await waitFor(async () => (await bannerCount(page)) === 0, { what: "the note to leave by itself" });
    await page.close();
  });

  test("all-operational scenario: no banner on a fresh chatgpt.com load", async () => {
    const page = await openPage("https://chatgpt.com/");
    await sleep(1000); // the content script has read storage long before this
    assert.equal(await bannerCount(page), 0);
    assert.equal(await bannerText(page), "");
    const popup = await openPage(extension.url("popup.html"));
    const heading = await waitFor(() => popup.$eval("h1.overall", (h) => h.textContent), { what: "popup heading" });
    assert.match(heading, /All OpenAI services are operational/);
    await popup.close();
    await page.close();
  });

  test("API-only incident: no banner on chatgpt.com", async () => {
    mock.state.scenario = "native/api-only-incident.json";
    await refresh();
    const page = await openPage("https://chatgpt.com/");
    await sleep(1000);
    assert.equal(await bannerCount(page), 0);
    await page.close();
  });

  // ---------------------------------------------------------------- the banner (issue 4)

  /** Sets the scenario and waits for the background to have decided on it. */
  async function scenario(name) {
    mock.state.body = undefined;
    mock.state.respond = undefined;
    mock.state.scenario = name;
    await refresh();
  }

  /** The partial-outage scenario with its incident (same id) grown into a major outage. */
  function worsened() {
    const doc = JSON.parse(fixture("native/chatgpt-partial-outage.json"));
    for (const a of doc.summary.affected_components) a.status = "full_outage";
    for (const i of doc.summary.ongoing_incidents) {
      for (const a of i.affected_components ?? []) a.status = "full_outage";
    }
    return JSON.stringify(doc);
  }

  /** Ends any "resolved" note now (the core keeps one up for a minute and a half). */
  const endResolvedNotes = () =>
    worker.evaluate(async () => {
      const { verdict, decision } = await chrome.storage.local.get(["verdict", "decision"]);
      for (const p of verdict.pages) p.banner.resolved_until = null;
      decision.resolved = [];
      await chrome.storage.local.set({ verdict, decision, banners: verdict.pages });
    });

  const focusedName = async (page) => {
    const tree = await page.accessibility.snapshot({ interestingOnly: false });
    let found = null;
    const walk = (n) => {
      if (n.focused && n.role !== "RootWebArea") found = n.name;
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
    return found;
  };

  test("banner: fixed below the header and above the message box, shifting nothing, announced politely", async () => {
    await scenario("native/chatgpt-partial-outage.json");
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
    const box = await page.evaluate(() => {
      const rect = (el) => el.getBoundingClientRect().toJSON();
      const host = document.querySelector("outage-radar-banner");
      return {
        host: rect(host),
        position: getComputedStyle(host).position,
        header: rect(document.querySelector("header")),
        composer: rect(document.querySelector(".composer")),
        theme: host.dataset.theme,
      };
    });
    assert.equal(box.position, "fixed", "out of the page's layout: nothing shifts");
    assert.ok(box.host.top >= box.header.bottom, "below the header controls");
    assert.ok(box.host.bottom <= box.composer.top, "above the message box");
    assert.equal(box.theme, "light");
    const region = await page.$("::-p-aria([name='Outage Radar: OpenAI status'][role='status'])");
    assert.ok(region, "a status region for screen readers");
    assert.equal(await region.evaluate((el) => el.getAttribute("aria-live")), "polite");
    assert.match(await bannerText(page), /going on for/);
    await page.close();
  });

  test("banner: reachable by keyboard; 'What can I do?' opens the guidance", async () => {
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
    await page.focus("#prompt-textarea");
    await page.keyboard.press("Tab");
    assert.equal(await focusedName(page), "Incident page");
    await page.keyboard.press("Tab");
    assert.equal(await focusedName(page), "What can I do?");
    assert.doesNotMatch(await bannerText(page), /Confirm it on the status page/);
    await page.keyboard.press("Enter");
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Confirm it on the status page") && t;
    }, { what: "the guidance" });
    assert.match(text, /help\.openai\.com/);
    assert.match(text, /Downdetector/);
    await page.close();
  });

  test("banner: follows the page's dark theme", async () => {
    mock.state.theme = "dark";
    try {
      const page = await openPage("https://chatgpt.com/");
      await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
      assert.equal(await page.$eval("outage-radar-banner", (h) => h.dataset.theme), "dark");
      await sleep(200);
      await page.screenshot({ path: screenshotPath("banner-dark.png") });
      await page.close();
    } finally {
      mock.state.theme = "light";
    }
  });

  test("banner: dismissed per incident, survives a reload, returns when the incident worsens", async () => {
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
    const close = await page.$("::-p-aria([name='Hide this notice until the incident changes'][role='button'])");
    await close.click();
    await waitFor(async () => (await bannerCount(page)) === 0, { what: "the banner to go" });
    await waitFor(
      () => worker.evaluate(() => chrome.storage.local.get("dismissals").then((s) => s.dismissals?.entries?.length === 1)),
      { what: "the dismissal to be stored" },
    );
    await page.reload({ waitUntil: "load" });
    await sleep(800);
    assert.equal(await bannerCount(page), 0, "still dismissed after a reload");
    await refresh(); // same incident, same level: stays dismissed
    await sleep(500);
    assert.equal(await bannerCount(page), 0, "still dismissed after a check");
    mock.state.body = worsened();
    await refresh();
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Major outage") && t;
    }, { what: "the banner to return" });
    assert.match(text, /Elevated error rates/);
    mock.state.body = undefined;
    await page.close();
  });

  test("banner: the single-page app's own navigation to /codex brings the Codex incident", async () => {
    await scenario("native/codex-incident.json");
    await endResolvedNotes();
    const page = await openPage("https://chatgpt.com/");
    await sleep(800);
    assert.equal(await bannerCount(page), 0, "Codex doesn't matter on /");
    await page.evaluate(() => history.pushState({}, "", "/codex/tasks"));
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Codex") && t;
    }, { what: "the Codex banner" });
    assert.match(text, /Codex tasks failing to start/);
    await page.evaluate(() => history.back());
    await waitFor(async () => (await bannerCount(page)) === 0, { what: "the banner to go on /" });
    await page.close();
  });

  test("banner: on a hostile page, survives the page replacing its children and never doubles", async () => {
    await scenario("native/chatgpt-major-outage.json");
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
    await page.evaluate(() => {
      document.body.replaceChildren(document.createElement("main"));
      document.documentElement.replaceChildren(document.head, document.body);
    });
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner to come back" });
    await scenario("native/chatgpt-partial-outage.json"); // a redraw
    await waitFor(async () => (await bannerText(page)).includes("Partial outage"), { what: "the redraw" });
    assert.equal(await bannerCount(page), 1);
    await page.close();
  });

  test("banner: the status page failing during an outage leaves the last known problem, marked as such", async () => {
    await scenario("native/chatgpt-major-outage.json");
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerCount(page)) === 1, { what: "the banner" });
    mock.state.respond = (req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>Down</h1>");
    for (let i = 0; i < 3; i++) await refresh();
    // Unreachable now, the data minutes old: the banner stays, saying why and as of when
    // (the time through Intl, "14:02"); past BANNER_MAX_AGE_MS it would go (tests/failing_status_page.rs).
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return /status\.openai\.com is answering with errors — last known at \d{1,2}:\d\d/.test(t) && t;
    }, { what: "the banner marked last known" });
    assert.match(text, /Major outage/);
    assert.equal(await bannerCount(page), 1);
    assert.equal(await page.evaluate(() => document.querySelector("outage-radar-banner").dataset.lastKnown), "http_error");
    assert.equal(await badge(), "!", "never an all-clear");
    mock.state.respond = undefined;
    await page.close();
  });

  test("banner: when all is clear the content script adds nothing to the page", async () => {
    await scenario("native/all-operational.json");
    await endResolvedNotes();
    const page = await openPage("https://chatgpt.com/");
    await sleep(800);
    const withExtension = await page.evaluate(() => document.documentElement.outerHTML);
    // Extensions don't run in a separate (incognito-like) context: the control.
    const context = await browser.createBrowserContext();
    const control = await context.newPage();
    await control.goto("https://chatgpt.com/", { waitUntil: "load" });
    await sleep(300);
    const without = await control.evaluate(() => document.documentElement.outerHTML);
    await context.close();
    const strip = (html) => html.replace(/nonce="[^"]*"/g, "");
    assert.equal(strip(withExtension), strip(without));
    await page.close();
  });

  test("optional sites: offered on the options page, and nothing runs there before access is granted", async () => {
    await scenario("native/api-only-incident.json");
    const options = await openPage(extension.url("options.html"));
    const switches = await waitFor(async () => {
      const found = await options.$$eval("#sites input[type=checkbox]", (boxes) => boxes.map((b) => [b.name, b.checked]));
      return found.length && found;
    }, { what: "the site switches" });
    assert.deepEqual(switches, [["site_platform", false], ["site_sora", false]]);
    await options.close();
    const platform = await openPage("https://platform.openai.com/");
    await sleep(800);
    assert.equal(await bannerCount(platform), 0);
    await platform.close();
  });

  test("admin-only components: a Compliance API-only incident or maintenance raises no banner on chatgpt.com until the setting is on", async () => {
    const level = (page) => page.evaluate(() => document.querySelector("outage-radar-banner")?.dataset.level ?? null);
    const options = await openPage(extension.url("options.html"));
    const box = 'input[name="banner_admin_components"]';
    // The page's script has filled the form and listens for changes once the interval list is built.
    await waitFor(() => options.$$eval("select[name=check_every_minutes] option", (o) => o.length === 6), { what: "the options page's script" });
    assert.equal(await options.$eval(box, (b) => b.checked), false, "off by default");
    const cases = [
      ["native/compliance-api-incident.json", "partial_outage"],
      ["native/compliance-api-maintenance.json", "maintenance"],
    ];
    for (const [name] of cases) {
      await scenario(name);
      await endResolvedNotes();
      const page = await openPage("https://chatgpt.com/");
      await sleep(1000);
      assert.equal(await bannerCount(page), 0, `${name}: no banner by default`);
      assert.notEqual(await badge(), "", `${name}: the badge still tells`);
      await page.close();
    }
    // Turned on in the options: the same data now raises the banner.
    const before = (await worker.evaluate(() => chrome.storage.local.get("verdict"))).verdict.checked_at;
    await options.click(box);
    await waitFor(async () => (await worker.evaluate(() => chrome.storage.sync.get("settings"))).settings?.banner_admin_components === true, { what: "the setting saved" });
    await waitFor(async () => (await worker.evaluate(() => chrome.storage.local.get("verdict"))).verdict.checked_at > before, { what: "the verdict re-decided" });
    for (const [name, expected] of cases.reverse()) {
      await scenario(name);
      const page = await openPage("https://chatgpt.com/");
      await waitFor(async () => (await level(page)) === expected, { what: `${name}: the banner with the setting on` });
      assert.match(await bannerText(page), /Compliance API/);
      await page.close();
    }
    await options.close();
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.sync.get("settings");
      await chrome.storage.sync.set({ settings: { ...settings, banner_admin_components: false } });
    });
  });

  // ---------------------------------------------------------------- beyond the peers (issue 8)

  test("how long will it last: the banner gives the estimate from 90 days of similar incidents", async () => {
    await scenario("native/chatgpt-partial-outage.json");
    const page = await openPage("https://chatgpt.com/");
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Similar incidents") && t;
    }, { what: "the estimate in the banner" });
    assert.match(text, /Similar incidents lasted a median of 47 min \(8 incidents in the last 90 days\)/);
    assert.ok(mock.state.requests.some((r) => r.url.startsWith("/proxy/status.openai.com/component_impacts?")), "history was read");
    await page.close();
    // The popup: the full estimate. (The 90-day bars come from the core's `history_view`:
    // tests/e2e/history.test.mjs, whose picture of the whole popup shows this estimate too.)
    const popup = await openPage(extension.url("popup.html"));
    const full = await waitFor(() => popup.$eval(".estimates .estimate", (p) => p.textContent).catch(() => null), { what: "the estimate in the popup" });
    assert.match(full, /Conversations over the last 90 days lasted a median of 47 min; half ended between 30 min and 1 hr, 35 min \(8 incidents\)/);
    await popup.close();
  });

  test("is it just me: ChatGPT's own error while all is clear makes the background look again", async () => {
    await scenario("native/all-operational.json");
    await endResolvedNotes();
    const page = await openPage("https://chatgpt.com/");
    await sleep(500);
    const before = mock.statusRequests().length;
    await page.evaluate(() => {
      const alert = document.createElement("div");
      alert.setAttribute("role", "alert");
      alert.textContent = "Something went wrong. If this issue persists please contact us through our help center.";
      document.getElementById("thread").append(alert);
    });
    await waitFor(() => mock.statusRequests().length > before, { what: "a re-check of the status page" });
    const justMe = await waitFor(
      () => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.just_me)),
      { what: "the 'is it just me' answer" },
    );
    assert.equal(justMe.offline, false);
    assert.deepEqual(justMe.causes, ["not_yet_reported", "your_network", "account_or_browser"]);
    assert.equal(await bannerCount(page), 0, "no banner: OpenAI reports nothing");
    await page.close();
    const popup = await openPage(extension.url("popup.html"));
    const causes = await waitFor(
      () => popup.$$eval(".just-me .causes li", (li) => li.map((l) => l.dataset.cause)).then((c) => c.length && c),
      { what: "the causes in the popup" },
    );
    assert.deepEqual(causes, ["not_yet_reported", "your_network", "account_or_browser"]);
    await popup.close();
  });

  test("is it just me: going offline puts your network first", async () => {
    const page = await openPage("https://chatgpt.com/");
    await sleep(300);
    await page.setOfflineMode(true);
    const justMe = await waitFor(
      () => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.just_me?.offline && s.verdict.just_me)),
      { what: "the offline answer" },
    );
    assert.equal(justMe.causes[0], "your_network");
    await page.setOfflineMode(false);
    await waitFor(
      () => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.just_me?.offline === false)),
      { what: "back online" },
    );
    await page.close();
  });

  test("no page errors in any context", () => {
    assert.deepEqual(pageErrors, []);
  });
});

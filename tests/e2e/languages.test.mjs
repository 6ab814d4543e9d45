// End-to-end: "is it just me?" on a ChatGPT page in another language (issue 22). The fake
// chatgpt.com speaks German or Japanese (`?lang=`), and the built extension must see its
// errors as it sees English ones (chromium.test.mjs, firefox.test.mjs: the same shape):
// - German: a failed turn in the conversation whose words are no phrase of the core's
//   table ("ist etwas schiefgelaufen", not "etwas ist schiefgelaufen"): seen by structure;
// - Japanese: a network-error toast outside the conversation: seen by its phrase;
// and never a sign from ordinary text: an answer that talks about a "Fehler" (even "ein
// Fehler ist aufgetreten") or an "エラー", a harmless toast, or an alert region of the
// conversation that only a screen reader hears, is not one.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startMock } from "./mock.mjs";
import { sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const CAUSES = ["not_yet_reported", "your_network", "account_or_browser"];
/** Longer than the content script waits between looks (the core's check_every_ms, 2 s), with room. */
const QUIET_MS = 4500;

/**
 * The steps every browser runs: `page` opens the fake ChatGPT page and returns a handle,
 * `call(handle, name, ...args)` calls one of its `fake…` functions, `pageLang(handle)`,
 * `run(fn)` runs `fn(extensionApi)` in the extension, `close(handle)`.
 */
function suite({ mock, open, call, pageFacts, run, close }) {
  const errorAt = () => run((ext) => ext.storage.local.get("signals").then((s) => s.signals?.error_ui_at ?? 0));
  const justMe = () => run((ext) => ext.storage.local.get("verdict").then((s) => s.verdict?.just_me ?? null));

  /** No sign from what `harmless` adds to the page, then a sign from what `failing` adds. */
  async function seen(lang, harmless, failing) {
    const page = await open(`https://chatgpt.com/?lang=${lang}`);
    try {
      const facts = await pageFacts(page);
      assert.equal(facts.lang, lang, "the page is served in its language");
      assert.notEqual(facts.share, "Share", "its words are not English");
      const before = await errorAt();
      for (const [name, ...args] of harmless) await call(page, name, ...args);
      await sleep(QUIET_MS);
      assert.equal(await errorAt(), before, "ordinary text about errors, or a harmless notice, is no sign");
      const requests = mock.statusRequests().length;
      const mark = Date.now();
      await call(page, ...failing);
      await waitFor(async () => (await errorAt()) >= mark, { what: `the ${lang} error seen as a sign` });
      await waitFor(() => mock.statusRequests().length > requests, { what: "a re-check of the status page" });
      const answer = await waitFor(justMe, { what: "the 'is it just me' answer" });
      assert.equal(answer.offline, false);
      assert.deepEqual(answer.causes, CAUSES);
    } finally {
      await close(page);
    }
  }

  test("German: a failed turn in the conversation is a sign (by its structure), an answer about a 'Fehler' is not", () =>
    seen("de", [["fakeReply"], ["fakeToast", "copied"], ["fakeAnnouncement"]], ["fakeFailedTurn"]));

  test("Japanese: a network-error toast is a sign (by its phrase), an answer about an 'エラー' is not", () =>
    seen("ja", [["fakeReply"], ["fakeToast", "copied"], ["fakeAnnouncement"]], ["fakeToast", "network"]));
}

describe("is it just me, in other languages (chromium)", () => {
  const ctx = {};
  before(async () => {
    ctx.mock = await startMock();
    ctx.mock.state.scenario = "native/all-operational.json";
    ctx.chromium = await browsers.launchChromium(ctx.mock);
    await browsers.chromiumExtension(ctx.chromium.browser);
    await waitFor(() => run((c) => c.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
  });
  after(async () => {
    await ctx.chromium?.close();
    await ctx.mock?.close();
  });
  const run = async (fn) => browsers.inWorker(await browsers.serviceWorker(ctx.chromium.browser), fn);
  suite({
    mock: { statusRequests: () => ctx.mock.statusRequests() },
    open: (url) => browsers.openPage(ctx.chromium.browser, url),
    call: (page, name, ...args) => page.evaluate((n, a) => window[n](...a), name, args),
    pageFacts: (page) => page.evaluate(() => ({ lang: document.documentElement.lang, share: document.getElementById("share").textContent })),
    run,
    close: (page) => page.close(),
  });
});

describe("is it just me, in other languages (firefox)", () => {
  const ctx = {};
  before(async () => {
    // Firefox resolves every host to loopback, so the mock listens on 443.
    ctx.mock = await startMock({ port: 443 });
    ctx.mock.state.scenario = "native/all-operational.json";
    ctx.firefox = await browsers.launchFirefox();
    ctx.driver = ctx.firefox.driver;
    // An extension page kept open to call the extension's APIs from.
    ctx.extTab = await browsers.openPrivilegedTab(ctx.driver, ctx.firefox.url("popup.html"));
    await waitFor(() => run((b) => b.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
  });
  after(async () => {
    await ctx.firefox?.driver.quit();
    await ctx.mock?.close();
  });
  const run = (fn) => browsers.inExtensionTab(ctx.driver, ctx.extTab, fn);
  suite({
    mock: { statusRequests: () => ctx.mock.statusRequests() },
    open: (url) => browsers.openTab(ctx.driver, url),
    call: async (tab, name, ...args) => {
      await ctx.driver.switchTo().window(tab);
      await ctx.driver.executeScript((n, a) => window[n](...a), name, args);
    },
    pageFacts: async (tab) => {
      await ctx.driver.switchTo().window(tab);
      return ctx.driver.executeScript(() => ({ lang: document.documentElement.lang, share: document.getElementById("share").textContent }));
    },
    run,
    close: (tab) => browsers.closeTab(ctx.driver, tab),
  });
});

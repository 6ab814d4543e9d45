// Page cost and background cost in headless Chromium, against the same local mock of
// status.openai.com and fake chatgpt.com the browser tests use (tests/e2e/mock.mjs).
//
// - Page cost: main-thread script and task time (CDP Performance metrics) of loading the
//   fake chatgpt.com when all is clear, with the extension and in a browser without it;
//   medians of many loads. The difference is what the content script costs each page load.
// - Banner time: navigation start to the banner's host element in the DOM during an outage
//   (observed from the page by a MutationObserver installed before any page script).
// - Background: a fresh profile's service worker, from its start (performance.timeOrigin)
//   to the first verdict in storage.local, over several cold launches.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startMock } from "../tests/e2e/mock.mjs";
import { median } from "./core.mjs";
import { root } from "./sizes.mjs";

const dist = path.join(root, "dist/chrome");

async function launch(mock, withExtension) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "outage-radar-bench-"));
  const map = ["status.openai.com", "chatgpt.com", "chat.openai.com"].map((h) => `MAP ${h} 127.0.0.1:${mock.port}`);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    enableExtensions: withExtension ? [dist] : false,
    userDataDir: profile,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--ignore-certificate-errors",
      `--host-resolver-rules=${map.join(", ")}`,
    ],
  });
  const close = async () => {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { browser, close };
}

async function worker(browser) {
  const target = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().endsWith("/background.js"));
  return target.worker();
}

/** Polls the worker until a verdict is stored; returns ms since the worker started. */
async function firstVerdict(w, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const at = await w.evaluate(() =>
      chrome.storage.local.get("verdict").then((s) => (s.verdict ? performance.now() : null)));
    if (at != null) return at;
    if (Date.now() > deadline) throw new Error("no verdict stored");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Main-thread script + task time of one load of the fake chatgpt.com, in ms. */
async function loadCost(browser) {
  const page = await browser.newPage();
  await page.goto("https://chatgpt.com/", { waitUntil: "load" });
  // Let document_idle scripts run and settle.
  await new Promise((r) => setTimeout(r, 300));
  const m = await page.metrics();
  await page.close();
  return { script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000 };
}

const BANNER_PROBE = () => {
  window.__bannerAt = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector("outage-radar-banner")) {
      window.__bannerAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function bannerTime(browser) {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(BANNER_PROBE);
  await page.goto("https://chatgpt.com/", { waitUntil: "load" });
  const at = await page.waitForFunction(() => window.__bannerAt, { timeout: 10000 }).then((h) => h.jsonValue());
  await page.close();
  return at;
}

export async function browserCosts({ quick = false } = {}) {
  const loads = quick ? 1 : 25;
  const launches = quick ? 1 : 5;
  const mock = await startMock();
  try {
    mock.state.scenario = "native/all-operational.json";
    // The browser without the extension: skipped by the smoke run (one launch is enough
    // to show that every step works).
    const bareCosts = [];
    if (!quick) {
      const bare = await launch(mock, false);
      try {
        await loadCost(bare.browser); // warm-up: first load pays for the profile
        for (let i = 0; i < loads; i++) bareCosts.push(await loadCost(bare.browser));
      } finally {
        await bare.close();
      }
    }

    const coldStarts = [];
    const withCosts = [];
    const banners = [];
    for (let l = 0; l < launches; l++) {
      mock.state.scenario = "native/all-operational.json";
      const ext = await launch(mock, true);
      try {
        const w = await worker(ext.browser);
        coldStarts.push(await firstVerdict(w));
        if (l > 0) continue;
        if (!quick) await loadCost(ext.browser);
        for (let i = 0; i < loads; i++) withCosts.push(await loadCost(ext.browser));
        // Outage: have the background read it, then time the banner on fresh page loads.
        mock.state.scenario = "bench/summary-three-incidents.json";
        const before = await w.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.checked_at ?? 0));
        const page = await ext.browser.newPage();
        await page.goto(`chrome-extension://${new URL(w.url()).host}/popup.html`);
        await page.click("#refresh").catch(() => {});
        const deadline = Date.now() + 20000;
        for (;;) {
          const ok = await w.evaluate((t) => chrome.storage.local.get("verdict")
            .then((s) => (s.verdict?.checked_at ?? 0) > t && s.verdict.overall !== "operational"), before);
          if (ok) break;
          if (Date.now() > deadline) throw new Error("the background never read the outage");
          await new Promise((r) => setTimeout(r, 50));
        }
        await page.close();
        for (let i = 0; i < (quick ? 1 : 15); i++) banners.push(await bannerTime(ext.browser));
      } finally {
        await ext.close();
      }
    }
    const med = (xs, k) => (xs.length ? median(xs.map((x) => x[k])) : NaN);
    return {
      loads,
      launches,
      bare: { script: med(bareCosts, "script"), task: med(bareCosts, "task") },
      with: { script: med(withCosts, "script"), task: med(withCosts, "task") },
      bannerMs: median(banners),
      banners: banners.length,
      coldStartMs: median(coldStarts),
    };
  } finally {
    await mock.close();
  }
}

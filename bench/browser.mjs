// What users feel, in headless Chromium, for one or more builds side by side (their
// `dist/chrome`), against the same local mock of status.openai.com and fake chatgpt.com the
// browser tests use (tests/e2e/mock.mjs). Every build gets its own browser, all launched
// at once, and each measurement takes turns between them (rounds), so a slow spell of the
// machine hits every build alike; the spread between rounds is the run's noise.
//
// - Page cost: main-thread script time (CDP Performance metrics) of one load of the fake
//   chatgpt.com when all is clear, minus the same in a browser without the extension.
// - Wake → check → sleep: CPU time of the extension's process (every thread of the
//   `--extension-process` renderer, from /proc/<pid>/task/*/schedstat, in ns) while its
//   stopped service worker is woken by the check alarm, checks and goes idle. This is the
//   CPU a check costs the user's machine in the extension's process: the worker's start,
//   the module's load, the wasm's instantiation, storage, the core, the badge.
// - Check in a running worker: the same alarm with the worker already running, and a CPU
//   profile of the worker's thread (CDP Profiler, 100 µs samples) saying where it goes.
// - Cold start: a fresh profile's service worker, from its start (performance.timeOrigin)
//   to the first verdict in storage.local (wall time).
// - Banner: navigation start to the banner's host element in the DOM during an outage.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startMock } from "../tests/e2e/mock.mjs";
import { median } from "./core.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isWorker = (t) => t.type() === "service_worker" && t.url().endsWith("/background.js");

async function launch(mock, dist) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "outage-radar-bench-"));
  const map = ["status.openai.com", "chatgpt.com", "chat.openai.com"].map((h) => `MAP ${h} 127.0.0.1:${mock.port}`);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    enableExtensions: dist ? [path.join(dist, "chrome")] : false,
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
  return (await browser.waitForTarget(isWorker)).worker();
}

/** Polls the worker until a verdict is stored; returns ms since the worker started. */
async function firstVerdict(w, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const at = await w.evaluate(() =>
      chrome.storage.local.get("verdict").then((s) => (s.verdict ? performance.now() : null)));
    if (at != null) return at;
    if (Date.now() > deadline) throw new Error("no verdict stored");
    await sleep(5);
  }
}

/** Main-thread script + task time of one load of the fake chatgpt.com, in ms. */
async function loadCost(browser) {
  const page = await browser.newPage();
  await page.goto("https://chatgpt.com/", { waitUntil: "load" });
  // Let document_idle scripts run and settle.
  await sleep(300);
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

// ------------------------------------------------------------------ the extension's CPU

/** The pids of `browser`'s extension renderer processes (descendants with --extension-process). */
function extensionPids(browser) {
  const parent = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const root = browser.process().pid;
  const descends = (pid) => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = parent.get(p) ?? 0, n++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--extension-process");
    } catch {
      return false;
    }
  });
}

/** CPU time so far of every thread of `pid`, in ns (0 once it is gone). */
function cpuNs(pid) {
  let sum = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {}
    }
  } catch {}
  return sum;
}

/** The extension processes' CPU (ns by pid), to diff with `cpuSince`. */
const cpuMark = (browser) => new Map(extensionPids(browser).map((pid) => [pid, cpuNs(pid)]));
/** ms of CPU the extension's processes used since `mark` (a process started since counts whole). */
const cpuSince = (browser, mark) =>
  extensionPids(browser).reduce((ms, pid) => ms + (cpuNs(pid) - (mark.get(pid) ?? 0)) / 1e6, 0);

async function waitRequests(mock, count, timeout = 15000) {
  const deadline = Date.now() + timeout;
  while (mock.statusRequests().length < count) {
    if (Date.now() > deadline) throw new Error("the check never asked the status page");
    await sleep(10);
  }
}

/** Settling time after a check's request: the check stores, draws and sleeps well within it. */
const SETTLE_MS = 1500;

/**
 * One wake → check → sleep: the check alarm set, the worker stopped (as the browser's idle
 * timeout does), and the CPU of the extension's processes counted from then until the
 * woken worker has checked and gone quiet. Returns { cpuMs, requests }.
 */
async function wakeCheck(browser, mock) {
  let w = await worker(browser);
  const before = await w.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.checked_at ?? 0));
  await w.evaluate(() => chrome.alarms.create("check", { when: Date.now() + 700 }));
  await w.close();
  while (browser.targets().some(isWorker)) await sleep(10);
  await sleep(100);
  const mark = cpuMark(browser);
  const requests = mock.statusRequests().length;
  await waitRequests(mock, requests + 1);
  await sleep(SETTLE_MS);
  const cpuMs = cpuSince(browser, mark);
  const made = mock.statusRequests().length - requests;
  w = await worker(browser);
  const after = await w.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.checked_at ?? 0));
  if (!(after > before)) throw new Error("the woken worker stored no new verdict");
  return { cpuMs, requests: made };
}

/**
 * One check in a running worker, with a CPU profile of the worker's thread around it.
 * Returns { cpuMs (process), profileMs (the worker thread's non-idle samples), profile }.
 */
async function warmCheck(browser, mock) {
  const target = await browser.waitForTarget(isWorker);
  const session = await target.createCDPSession();
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await sleep(100);
  const mark = cpuMark(browser);
  const requests = mock.statusRequests().length;
  await session.send("Profiler.start");
  await session.send("Runtime.evaluate", { expression: 'chrome.alarms.create("check", { when: Date.now() })' });
  await waitRequests(mock, requests + 1);
  await sleep(SETTLE_MS);
  const { profile } = await session.send("Profiler.stop");
  const cpuMs = cpuSince(browser, mark);
  await session.detach().catch(() => {});
  return { cpuMs, profileMs: profileBusyMs(profile), profile };
}

/** Non-idle sampled time of a CDP profile, in ms. */
function profileBusyMs(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  profile.samples.forEach((id, i) => { if (!idle.has(id)) us += profile.timeDeltas[i] ?? 0; });
  return us / 1000;
}

const GLUE = /\/pkg\/outage_radar\.js$/;
const BACKGROUND = /\/background\.js$/;
/**
 * Where a profile's busy time goes, in ms: by the core export (or background.js function)
 * it was spent under, and by what ran (wasm, the glue's conversions, the shell, GC…).
 */
export function profileBreakdown(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const under = new Map();
  const leaf = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const fn = node.callFrame.functionName;
    if (fn === "(idle)") return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    // The outermost frame of the glue under the shell: the core export called.
    let call = null;
    let shell = null;
    for (let p = id; p != null; p = parent.get(p)) {
      const f = byId.get(p).callFrame;
      if (GLUE.test(f.url) && f.functionName) call = f.functionName;
      if (!shell && BACKGROUND.test(f.url) && f.functionName) shell = f.functionName;
    }
    add(under, call ? `core: ${call}()` : shell ? `background.js: ${shell}()` : fn || "(anonymous)", ms);
    const url = node.callFrame.url;
    const kind = url.startsWith("wasm://") ? "wasm code"
      : GLUE.test(url) ? "wasm-bindgen glue (JS side of conversions, imports)"
      : BACKGROUND.test(url) ? "background.js"
      : fn.startsWith("(") ? fn
      : url ? `other script (${url.split("/").pop()})`
      : `native: ${fn}`;
    add(leaf, kind, ms);
  });
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { under: sorted(under), leaf: sorted(leaf) };
}

// ------------------------------------------------------------------ the run

/** Per-round medians → { median, spread: max − min between rounds }. */
function summary(perRound) {
  const xs = perRound.filter((x) => Number.isFinite(x));
  if (!xs.length) return { median: NaN, spread: NaN, rounds: 0 };
  return { median: median(xs), spread: Math.max(...xs) - Math.min(...xs), rounds: xs.length };
}

/**
 * Every browser figure for `builds` ([{ name, dist }]), measured side by side.
 * Returns { [name]: { pageCost, wakeCpu, warmCpu, warmProfile, coldStart, banner, requests } },
 * each figure { median, spread } over rounds, plus the settings used.
 */
export async function browserCosts(builds, { quick = false } = {}) {
  const rounds = quick ? 1 : 5;
  const loads = quick ? 1 : 6; // page loads per build per round
  const checks = quick ? 1 : 4; // wake → check cycles per build per round
  const launches = quick ? 1 : 5; // cold starts per build
  const banners = quick ? 1 : 3; // banner loads per build per round
  const mock = await startMock();
  const per = Object.fromEntries(builds.map((b) => [b.name, {
    page: [], wake: [], warm: [], warmProfile: [], banner: [], requests: [], cold: [], profiles: [],
  }]));
  const opened = [];
  try {
    mock.state.scenario = "native/all-operational.json";
    // Cold starts first, each in a fresh profile, builds taking turns.
    for (let l = 0; l < launches; l++) {
      for (const b of builds) {
        const ext = await launch(mock, b.dist);
        try {
          per[b.name].cold.push(await firstVerdict(await worker(ext.browser)));
        } finally {
          await ext.close();
        }
      }
    }
    // One long-lived browser per build, and one without the extension.
    const bare = await launch(mock, null);
    opened.push(bare);
    const ext = {};
    for (const b of builds) {
      ext[b.name] = await launch(mock, b.dist);
      opened.push(ext[b.name]);
      await firstVerdict(await worker(ext[b.name].browser));
    }
    await loadCost(bare.browser); // warm-up: the first load pays for the profile
    for (const b of builds) await loadCost(ext[b.name].browser);
    const bareRound = [];
    for (let r = 0; r < rounds; r++) {
      const bareLoads = [];
      const withLoads = Object.fromEntries(builds.map((b) => [b.name, []]));
      for (let i = 0; i < loads; i++) {
        bareLoads.push((await loadCost(bare.browser)).script);
        for (const b of builds) withLoads[b.name].push((await loadCost(ext[b.name].browser)).script);
      }
      bareRound.push(median(bareLoads));
      for (const b of builds) per[b.name].page.push(median(withLoads[b.name]) - median(bareLoads));
      // Checks: woken, then in a running worker, builds taking turns.
      const wake = Object.fromEntries(builds.map((b) => [b.name, []]));
      const warm = Object.fromEntries(builds.map((b) => [b.name, []]));
      const warmProfile = Object.fromEntries(builds.map((b) => [b.name, []]));
      for (let i = 0; i < checks; i++) {
        for (const b of builds) {
          const c = await wakeCheck(ext[b.name].browser, mock);
          wake[b.name].push(c.cpuMs);
          per[b.name].requests.push(c.requests);
          const h = await warmCheck(ext[b.name].browser, mock);
          warm[b.name].push(h.cpuMs);
          warmProfile[b.name].push(h.profileMs);
          per[b.name].profiles.push(h.profile);
        }
      }
      for (const b of builds) {
        per[b.name].wake.push(median(wake[b.name]));
        per[b.name].warm.push(median(warm[b.name]));
        per[b.name].warmProfile.push(median(warmProfile[b.name]));
      }
    }
    // Outage: each build reads it, then the banner is timed on fresh page loads.
    mock.state.scenario = "bench/summary-three-incidents.json";
    for (const b of builds) {
      const w = await worker(ext[b.name].browser);
      await w.evaluate(() => chrome.alarms.create("check", { when: Date.now() }));
      const deadline = Date.now() + 20000;
      while (!(await w.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.overall !== "operational")))) {
        if (Date.now() > deadline) throw new Error(`${b.name}: the background never read the outage`);
        await sleep(50);
      }
    }
    for (let r = 0; r < rounds; r++) {
      const times = Object.fromEntries(builds.map((b) => [b.name, []]));
      for (let i = 0; i < banners; i++) for (const b of builds) times[b.name].push(await bannerTime(ext[b.name].browser));
      for (const b of builds) per[b.name].banner.push(median(times[b.name]));
    }
    const result = { rounds, loads, checks, launches, banners, bare: summary(bareRound), builds: {} };
    for (const b of builds) {
      const p = per[b.name];
      // The cold starts are single launches: their spread is between launches.
      result.builds[b.name] = {
        pageCost: summary(p.page),
        wakeCpu: summary(p.wake),
        warmCpu: summary(p.warm),
        warmProfile: summary(p.warmProfile),
        coldStart: summary(p.cold),
        banner: summary(p.banner),
        requests: { median: median(p.requests), max: Math.max(...p.requests) },
        profile: p.profiles.at(-1),
        profiles: p.profiles,
      };
    }
    return result;
  } finally {
    for (const o of opened) await o.close().catch(() => {});
    await mock.close();
  }
}

// Small helpers shared by the browser tests.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { out, root } from "./mock.mjs";

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function waitFor(probe, { timeout = 15000, interval = 150, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Where screenshots go: docs/screenshots when SCREENSHOTS=docs (make screenshots), else .out. */
export function screenshotPath(name) {
  const dir = process.env.SCREENSHOTS === "docs" ? path.join(root, "docs/screenshots") : path.join(out, "screenshots");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a check the way a due alarm does, without waiting for it: brings the background's
 * "check" alarm to now, which runs the very path a due alarm runs (a click on "Check now"
 * would first wait out the 5 s the background keeps between manual checks), and waits until
 * that check has stored its verdict. `run(fn, ...args)` runs `fn(extensionApi, ...args)` in
 * the extension: `inWorker` in Chromium, `inExtension` in Firefox (browsers.mjs).
 */
export async function checkNow(run, { timeout = 30000 } = {}) {
  const checkedAt = () => run((ext) => ext.storage.local.get("verdict").then((s) => s.verdict?.checked_at ?? 0));
  const before = await checkedAt();
  const arm = () => run((ext) => ext.alarms.create("check", { when: Date.now() }));
  // The check before this one sets the next alarm as its very last step, after the write we
  // waited for: if that came after ours, it replaced our alarm by a later one. Seen as: no
  // check running and the alarm in the future. Then arm it again (never while a check runs,
  // which would add a check).
  const replaced = () => run(async (ext) => {
    const [{ inflight }, alarm] = await Promise.all([ext.storage.local.get("inflight"), ext.alarms.get("check")]);
    return inflight == null && alarm != null && alarm.scheduledTime > Date.now() + 1000;
  });
  await arm();
  await waitFor(async () => {
    if ((await checkedAt()) > before) return true;
    if (await replaced()) await arm();
    return false;
  }, { timeout, what: "the alarm's check" });
}

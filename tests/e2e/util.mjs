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

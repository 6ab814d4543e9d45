// Core speed: the wasm core reading and deciding on a realistic native summary, under Node,
// against JSON.parse of the same bytes in the same process. Medians of repeated runs;
// the ratio is what travels between machines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { root } from "./sizes.mjs";

export const FIXTURE = "tests/fixtures/bench/summary-three-incidents.json";
const NOW = Date.parse("2026-09-15T12:00:00Z");

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `fn` `runs` times after `warmup` calls; returns the median in ms. */
function time(fn, runs, warmup) {
  for (let i = 0; i < warmup; i++) fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function coreSpeed({ quick = false, pkg = path.join(root, "dist/www/pkg") } = {}) {
  const glue = await import(path.join(pkg, "outage_radar.js"));
  glue.initSync({ module: readFileSync(path.join(pkg, "outage_radar_bg.wasm")) });
  const text = readFileSync(path.join(root, FIXTURE), "utf8");
  const runs = quick ? 15 : 400;
  const warmup = quick ? 5 : 100;

  // The check: the fixture's three incidents must come out as a problem, or the timing is
  // of an error path.
  const verdict = glue.simulate([text], "https://chatgpt.com/", NOW);
  if (!verdict || verdict.incidents?.length !== 3 || verdict.overall === "operational") {
    throw new Error(`core bench: unexpected verdict for ${FIXTURE}: ${JSON.stringify(verdict)?.slice(0, 200)}`);
  }
  if (typeof glue.decide_summary_body !== "function") throw new Error("the wasm lacks decide_summary_body (the bench export)");
  // The bytes as fetch hands them over (check() reads the body as bytes, not as a string).
  const body = new Uint8Array(readFileSync(path.join(root, FIXTURE)));
  if (glue.decide_summary_body(body, NOW) !== verdict.overall) throw new Error("decide_summary_body disagrees with simulate");
  let sink = 0;
  // Each side is timed in interleaved rounds and keeps its best median: on a shared
  // machine a round now and then runs half as fast again (seen on both sides), and the
  // same rule for both keeps the ratio fair. Seven, not three: with three, the ratio of
  // one build moved by ±5 % from run to run (2026-12-02); a round takes 0.2 s.
  const rounds = quick ? 1 : 7;
  const best = { parse: Infinity, decodeParse: Infinity, core: Infinity, trip: Infinity };
  const decoder = new TextDecoder();
  for (let round = 0; round < rounds; round++) {
    best.parse = Math.min(best.parse, time(() => { sink += JSON.parse(text).summary ? 1 : 0; }, runs, warmup));
    // The same from the bytes, as `response.json()` does: decoded, then parsed. Shown beside
    // the ratio above, not in its place (see bench/run.mjs).
    best.decodeParse = Math.min(best.decodeParse, time(() => { sink += JSON.parse(decoder.decode(body)).summary ? 1 : 0; }, runs, warmup));
    // decide_summary_body(): the body's bytes into wasm, UTF-8 check, parse, decide; only
    // the level comes back.
    best.core = Math.min(best.core, time(() => { sink += glue.decide_summary_body(body, NOW).length; }, runs, warmup));
    // simulate(): the same plus the whole verdict back to JS as an object (what check() pays).
    best.trip = Math.min(best.trip, time(() => { sink += glue.simulate([text], "https://chatgpt.com/", NOW).incidents.length; }, runs, warmup));
  }
  if (!sink) throw new Error("unreachable");
  const { parse, decodeParse, core, trip } = best;
  return {
    bytes: Buffer.byteLength(text),
    verdictBytes: JSON.stringify(verdict).length,
    runs,
    rounds,
    jsonParseMs: parse,
    coreMs: core,
    ratio: core / parse,
    decodeParseMs: decodeParse,
    ratioFromBytes: core / decodeParse,
    tripMs: trip,
    tripRatio: trip / parse,
    target: 1.5,
  };
}

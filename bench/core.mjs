// Core speed, reported (not targeted): the wasm core reading and deciding on a realistic
// native summary, under Node, against JSON.parse of the same text in the same process.
// Each build's core is the web page's (`dist/www/pkg`: the extension's code plus the two
// exports timed here); builds and JSON.parse take turns round by round.
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

/**
 * `builds`: [{ name, dist }]. Returns { bytes, runs, rounds, jsonParseMs, builds: { [name]:
 * { coreMs, ratio, tripMs, verdictBytes } } }: the best median of interleaved rounds (on a
 * shared machine a round now and then runs slower, on every side alike).
 */
export async function coreSpeed(builds, { quick = false } = {}) {
  const text = readFileSync(path.join(root, FIXTURE), "utf8");
  // The bytes as fetch hands them over (check() reads the body as bytes, not as a string).
  const body = new Uint8Array(readFileSync(path.join(root, FIXTURE)));
  const cores = [];
  for (const b of builds) {
    const pkg = path.join(b.dist, "www/pkg");
    const glue = await import(path.join(pkg, "outage_radar.js"));
    glue.initSync({ module: readFileSync(path.join(pkg, "outage_radar_bg.wasm")) });
    for (const name of ["simulate", "decide_summary_body"]) {
      if (typeof glue[name] !== "function") throw new Error(`${b.name}: the web page's wasm lacks ${name} (feature www)`);
    }
    // The fixture's three incidents must come out as a problem, or the timing is of an error path.
    const verdict = glue.simulate([text], "https://chatgpt.com/", NOW);
    if (!verdict || verdict.incidents?.length !== 3 || verdict.overall === "operational") {
      throw new Error(`${b.name}: unexpected verdict for ${FIXTURE}: ${JSON.stringify(verdict)?.slice(0, 200)}`);
    }
    if (glue.decide_summary_body(body, NOW) !== verdict.overall) throw new Error(`${b.name}: decide_summary_body disagrees with simulate`);
    cores.push({ name: b.name, glue, verdictBytes: JSON.stringify(verdict).length, core: Infinity, trip: Infinity });
  }
  const runs = quick ? 15 : 400;
  const warmup = quick ? 5 : 100;
  const rounds = quick ? 1 : 7;
  let parse = Infinity;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    parse = Math.min(parse, time(() => { sink += JSON.parse(text).summary ? 1 : 0; }, runs, warmup));
    for (const c of cores) {
      // decide_summary_body(): the body's bytes into wasm, parse, decide; only the level comes back.
      c.core = Math.min(c.core, time(() => { sink += c.glue.decide_summary_body(body, NOW).length; }, runs, warmup));
      // simulate(): the same from a JS string, plus the whole verdict back to JS as an object.
      c.trip = Math.min(c.trip, time(() => { sink += c.glue.simulate([text], "https://chatgpt.com/", NOW).incidents.length; }, runs, warmup));
    }
  }
  if (!sink) throw new Error("unreachable");
  return {
    bytes: Buffer.byteLength(text),
    runs,
    rounds,
    jsonParseMs: parse,
    builds: Object.fromEntries(cores.map((c) => [c.name, {
      coreMs: c.core, ratio: c.core / parse, tripMs: c.trip, tripRatio: c.trip / parse, verdictBytes: c.verdictBytes,
    }])),
  };
}

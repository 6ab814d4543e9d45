// The history's words (extension/history.js), from contract-shaped `history_view` data
// (history-view.mjs): every day of every row named with its date, worst level and
// what was affected; uptime and durations through Intl; recent incidents newest first with
// "ongoing" for the one not ended; and no placeholder, key, undefined or NaN anywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import "../../extension/l10n.js";
import { durationText, historyModel, percentText, recentModel } from "../../extension/history.js";
import { sampleHistoryView } from "./history-view.mjs";

const messages = JSON.parse(readFileSync(new URL("../../extension/_locales/en/messages.json", import.meta.url), "utf8"));
const { makeT } = globalThis.OutageRadarL10n;
const t = makeT(messages);
const NOW = new Date(2026, 11, 6, 15, 0).getTime(); // 6 December 2026, 15:00 local
const BAD = /\$[A-Za-z0-9_@]+\$|\$\d|\bundefined\b|\bNaN\b|\b[a-z]+_[a-z0-9_]+\b/;

test("every message substitutes all its placeholders, digits in names included ($P30$)", () => {
  for (const [key, entry] of Object.entries(messages)) {
    const count = Object.keys(entry.placeholders ?? {}).length;
    const said = t(key, Array.from({ length: count }, (_, i) => `X${i}`));
    assert.doesNotMatch(said, /\$[A-Za-z0-9_@]+\$/, key);
  }
  const digits = makeT({ up: { message: "$P30$ over 30 days, $P90$ over 90", placeholders: { p30: { content: "$1" }, p90: { content: "$2" } } } });
  assert.equal(digits("up", ["99.72%", "99.90%"]), "99.72% over 30 days, 99.90% over 90");
});

test("each day is named by its date, worst level and what was affected", () => {
  const model = historyModel(sampleHistoryView(NOW), { t, locale: "en-GB" });
  const chat = model.groups[0];
  assert.equal(chat.name, "ChatGPT");
  assert.equal(chat.days.length, 90);
  assert.equal(chat.uptime, "99.92% uptime");
  assert.equal(chat.days[87].label, "4 December: Partial outage — Conversations and Login");
  assert.equal(chat.days[87].level, "partial_outage");
  assert.equal(chat.days[89].label, "6 December: Degraded performance — Voice mode", "today says what is happening now");
  assert.equal(chat.days[88].label, "5 December: Operational");
  assert.equal(chat.days[29].label, "7 October: no data");
  assert.equal(chat.days[29].level, "no_data");
  assert.equal(chat.components.length, 3);
  assert.equal(chat.components[0].name, "Conversations");
  assert.equal(chat.components[0].uptime, "99.87% uptime");
  assert.equal(model.groups[1].uptime, "100.00% uptime");
  assert.equal(model.stale, null);
  for (const row of [...model.groups, ...chat.components]) for (const d of row.days) assert.doesNotMatch(d.label, BAD);
});

test("the locale passed in is the one used", () => {
  const model = historyModel(sampleHistoryView(NOW), { t, locale: "en-US" });
  assert.equal(model.groups[0].days[87].label, "December 4: Partial outage — Conversations and Login");
  assert.match(percentText("de-DE", 99.92), /^99,92\s%$/u);
});

test("stale history says when it was last read (not when the view was made); never read, so; a missing uptime is said as such", () => {
  const view = { ...sampleHistoryView(NOW), stale: true, as_of: NOW, fetched_at: NOW - 3 * 3_600_000 };
  view.groups[1].uptime_90 = null;
  const model = historyModel(view, { t, locale: "en-US" });
  assert.match(model.stale, /^History as of Dec 6, 12:00 PM/);
  assert.equal(historyModel({ ...view, fetched_at: null }, { t, locale: "en-US" }).stale, "The history could not be read yet.");
  assert.equal(model.groups[1].uptime, "No uptime figure yet");
  assert.equal(historyModel({ groups: [] }, { t, locale: "en" }), null);
  assert.equal(historyModel(null, { t, locale: "en" }), null);
});

test("recent incidents: newest first, worst level, start, how long, ongoing", () => {
  const items = recentModel(sampleHistoryView(NOW), { t, locale: "en-US", now: NOW });
  assert.deepEqual(items.map((i) => i.ongoing), [true, false, false]);
  assert.equal(items[0].meta, "Degraded performance, started Dec 6, 2:20 PM, ongoing for 40 min");
  assert.equal(items[1].meta, "Partial outage, started Dec 4, 12:00 PM, lasted 1 hr, 45 min");
  assert.equal(items[2].meta, "Maintenance, started Dec 1, 3:00 PM, lasted 45 min");
  assert.equal(items[1].url, "https://status.openai.com/incidents/01KRECENT0PART1AL00000000B");
  for (const i of items) assert.doesNotMatch(i.meta, BAD);
  assert.deepEqual(recentModel({ recent_incidents: [] }, { t, locale: "en", now: NOW }), []);
});

test("durations: minutes, hours and minutes, days and hours", () => {
  assert.equal(durationText("en", 20_000), "1 min");
  assert.equal(durationText("en", 2 * 3_600_000), "2 hr");
  assert.equal(durationText("en", 26 * 3_600_000 + 5 * 60_000), "1 day, 2 hr");
});

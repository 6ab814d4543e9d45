// A `history_view` record shaped as the background stores it (src/decide/history.rs), for
// the unit tests of its words (history.test.mjs): fixed, and with shapes the browser tests'
// fixture (tests/fixtures/history/component_impacts-90d.json, drawn through the real core)
// doesn't give a group row: a degraded today, a maintenance day, a day without data.

const DAY = 86_400_000;

/** The start of the local day `daysAgo` days before `now`. */
function dayStart(now, daysAgo) {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - daysAgo);
  return d.getTime();
}

/** 90 days, oldest first, all operational but for `bad` ({daysAgo: {level, affected}}). */
function days(now, bad = {}) {
  const out = [];
  for (let ago = 89; ago >= 0; ago--) {
    const b = bad[ago];
    out.push({ day: dayStart(now, ago), level: b?.level ?? "operational", no_data: Boolean(b?.no_data), affected: b?.affected ?? [] });
  }
  return out;
}

/**
 * A contract-shaped record as of `now`: ChatGPT with a partial outage 2 days ago and a
 * degraded today (ongoing), a day without data 60 days ago; APIs all clear; three recent
 * incidents, newest first, the newest ongoing.
 */
export function sampleHistoryView(now = Date.now()) {
  const chat = {
    0: { level: "degraded", affected: ["Voice mode"] },
    2: { level: "partial_outage", affected: ["Conversations", "Login"] },
    5: { level: "maintenance", affected: ["Login"] },
    20: { level: "major_outage", affected: ["Conversations"] },
    60: { no_data: true, level: "unknown" },
  };
  const component = (id, name, bad, up30, up90) => ({ component_id: id, name, uptime_30: up30, uptime_90: up90, days: days(now, bad) });
  return {
    as_of: now,
    fetched_at: now - 5 * 60_000,
    stale: false,
    groups: [
      {
        name: "ChatGPT",
        uptime_90: 99.92,
        uptime_30: 99.95,
        days: days(now, chat),
        components: [
          component("01JMXBNJXGV1T5GT2M9XA83XNG", "Conversations", { 2: chat[2], 20: chat[20] }, 99.9, 99.87),
          component("01JMXBNJXGV1T5GT2M9XA83XLO", "Login", { 2: chat[2], 5: chat[5] }, 99.97, 99.98),
          component("01JMXBNJXGV1T5GT2M9XA83XVO", "Voice mode", { 0: chat[0] }, 99.99, 100),
        ],
      },
      { name: "APIs", uptime_90: 100, uptime_30: null, days: days(now), components: [] },
    ],
    recent_incidents: [
      { id: "01KRECENT0NG0ING000000000A", name: "Voice mode responses are slow", level: "degraded", started_at: now - 40 * 60_000, ended_at: null, url: "https://status.openai.com/incidents/01KRECENT0NG0ING000000000A" },
      { id: "01KRECENT0PART1AL00000000B", name: "Elevated error rates in ChatGPT conversations", level: "partial_outage", started_at: now - 2 * DAY - 3 * 3_600_000, ended_at: now - 2 * DAY - 3_600_000 - 15 * 60_000, url: "https://status.openai.com/incidents/01KRECENT0PART1AL00000000B" },
      { id: "01KRECENTMA1NTENANCE00000C", name: "Login maintenance", level: "maintenance", started_at: now - 5 * DAY, ended_at: now - 5 * DAY + 45 * 60_000, url: "https://status.openai.com/incidents/01KRECENTMA1NTENANCE00000C" },
    ],
  };
}

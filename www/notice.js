// The dashboard's "can't reach the status page" notice. The core decides the freshness
// and records why the last fetch failed; this only puts that into words for a web page,
// where (unlike the popup) the reader may have come precisely because something is down.
import { ago } from "./view.js";

function reason(error) {
  switch (error?.kind) {
    case "offline":
      return "this browser says it is offline";
    case "blocked":
      return "the browser is online but let this page read no answer: an error from the status page, or a blocker";
    case "timeout":
      return "no answer within 10 seconds";
    case "http":
      return `it answered HTTP ${error.status}`;
    case "not_json":
      return "it sent a web page instead of status data";
    case "shape":
      return "its data was not in the expected shape";
    case "too_large":
      return "its answer was too large";
    default:
      return "reason unknown";
  }
}

/** One paragraph when the latest check of status.openai.com failed, else null. */
export function unreachableNotice(verdict, t, nowMs) {
  const freshness = verdict?.freshness;
  if (!freshness?.failures) return null;
  const error = freshness.last_error;
  // The failure as the core named it (an error response the browser hides from a web page
  // is "could not be read from here", not the visitor's connection), then the detail.
  const what = freshness.failure
    ? `${t(`fresh_failure_${freshness.failure}`, [String(error?.status ?? "")])} (${reason(error)}).`
    : `status.openai.com can't be reached right now (${reason(error)}).`;
  const tries = freshness.failures > 1 ? ` ${freshness.failures} checks in a row failed.` : "";
  const last = verdict.data_at
    ? ` Below is the last known status, from ${ago(t, verdict.data_at, nowMs)}; it may be out of date.`
    : " There is no earlier status to show.";
  return what + tries + last;
}

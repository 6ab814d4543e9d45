// The dashboard's "can't reach the status page" notice. The core decides the freshness
// and records why the last fetch failed; this only puts that into words for a web page,
// where (unlike the popup) the reader may have come precisely because something is down.
import { ago } from "./view.js";

const REASONS = ["offline", "blocked", "timeout", "http", "not_json", "shape", "too_large"];

function reason(t, error) {
  const kind = REASONS.includes(error?.kind) ? error.kind : "unknown";
  return t(`site_reason_${kind}`, [String(error?.status ?? "")]);
}

/** One paragraph when the latest check of status.openai.com failed, else null. */
export function unreachableNotice(verdict, t, nowMs) {
  const freshness = verdict?.freshness;
  if (!freshness?.failures) return null;
  const error = freshness.last_error;
  // The failure as the core named it (an error response the browser hides from a web page
  // is "could not be read from here", not the visitor's connection), then the detail.
  const what = freshness.failure
    ? t("site_notice_failure", [t(`fresh_failure_${freshness.failure}`, [String(error?.status ?? "")]), reason(t, error)])
    : t("site_notice_unreachable", [reason(t, error)]);
  const f = globalThis.OutageRadarL10n.intl(t);
  const said = [what];
  if (freshness.failures > 1) said.push(f.plural("site_notice_tries", freshness.failures, [f.number(freshness.failures)]));
  said.push(verdict.data_at ? t("site_notice_last_known", [ago(t, verdict.data_at, nowMs)]) : t("fresh_nothing_known"));
  return said.join(" ");
}

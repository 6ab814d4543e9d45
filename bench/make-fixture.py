#!/usr/bin/env python3
"""Writes tests/fixtures/bench/summary-three-incidents.json: the benchmark's realistic
native summary. The full structure and component catalogue of the scenario fixtures
(real component ids), three ongoing incidents touching ChatGPT, the API and Codex with
eight long updates each (real status posts run to several paragraphs), impact periods,
status summaries, and one scheduled maintenance. Deterministic: run it again, get the
same bytes.

Run: python3 bench/make-fixture.py
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.path.join(ROOT, "tests", "fixtures", "native", "chatgpt-partial-outage.json")
OUT = os.path.join(ROOT, "tests", "fixtures", "bench", "summary-three-incidents.json")

summary = json.load(open(BASE))["summary"]
by_name = {}
for item in summary["structure"]["items"]:
    group = item.get("group")
    if group:
        for c in group["components"]:
            by_name[(group["name"], c["name"])] = c["component_id"]

PARAGRAPH = (
    "We are continuing to work on a fix for this issue. Some users may see elevated error "
    "rates, slow responses or requests that time out, and a subset of conversations may fail "
    "to load or to stream a reply. Our engineers have identified a likely cause in one of the "
    "systems that route requests to our model servers and are rolling out a mitigation region "
    "by region; we will post another update within the hour or as soon as we know more. "
    "Thank you for your patience. "
)
STATUSES = ["investigating", "investigating", "identified", "identified", "identified",
            "monitoring", "monitoring", "monitoring"]

INCIDENTS = [
    ("01KBENCH1NC1DENT000000001", "Elevated error rates and degraded performance in ChatGPT",
     [("ChatGPT", "Conversations", "partial_outage"), ("ChatGPT", "Login", "degraded_performance"),
      ("ChatGPT", "File uploads", "partial_outage"), ("ChatGPT", "Voice mode", "full_outage")]),
    ("01KBENCH1NC1DENT000000002", "Increased latency for Responses and Chat Completions",
     [("APIs", "Responses", "degraded_performance"), ("APIs", "Chat Completions", "degraded_performance"),
      ("APIs", "Batch", "partial_outage")]),
    ("01KBENCH1NC1DENT000000003", "Codex tasks failing to start",
     [("Codex", "Codex Web", "partial_outage"), ("Codex", "CLI", "degraded_performance")]),
]


def ts(hour, minute):
    return f"2026-09-15T{hour:02d}:{minute:02d}:00.000Z"


incidents = []
affected = {}
for n, (iid, name, comps) in enumerate(INCIDENTS):
    refs = []
    impacts = []
    for k, (group, comp, status) in enumerate(comps):
        cid = by_name[(group, comp)]
        refs.append({"component_id": cid, "status": status, "current_status": status})
        affected[cid] = status
        impacts.append({
            "id": f"{iid[:-3]}I{k:02d}", "component_id": cid, "status": status,
            "start_at": ts(8 + n, 5 * k), "status_page_incident_id": iid,
        })
    updates = []
    for u in range(8):
        updates.append({
            "id": f"{iid[:-3]}U{u:02d}",
            "published_at": ts(8 + n + u // 4, (u % 4) * 12 + 3),
            "to_status": STATUSES[u],
            "message_string": f"Update {u + 1}. " + PARAGRAPH * (2 + u % 3),
            "component_statuses": [{"component_id": r["component_id"], "status": r["status"]}
                                   for r in refs],
            "automated_update": False,
        })
    updates.reverse()  # latest first, as the page serves them
    incidents.append({
        "id": iid, "name": name, "status": STATUSES[-1 - n], "type": "incident",
        "published_at": ts(8 + n, 0), "affected_components": refs,
        "component_impacts": impacts,
        "status_summaries": [{"start_at": ts(8 + n, 0),
                              "worst_component_status": max((r["status"] for r in refs))}],
        "updates": updates,
    })

summary["ongoing_incidents"] = incidents
summary["affected_components"] = [{"component_id": c, "status": s} for c, s in affected.items()]
summary["scheduled_maintenances"] = [{
    "id": "01KBENCHMA1NTENANCE000001", "name": "Scheduled database maintenance for Sora",
    "status": "maintenance_scheduled", "type": "maintenance",
    "starts_at": "2026-09-16T02:00:00.000Z", "ends_at": "2026-09-16T04:00:00.000Z",
    "affected_components": [{"component_id": by_name[("APIs", "Sora")], "status": "under_maintenance"}],
    "updates": [{"id": "01KBENCHMA1NTENANCE00U00", "published_at": "2026-09-14T12:00:00.000Z",
                 "to_status": "maintenance_scheduled",
                 "message_string": "We will be performing scheduled maintenance. " + PARAGRAPH}],
}]

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"summary": summary}, f, indent=1)
    f.write("\n")
print(OUT, os.path.getsize(OUT), "bytes")

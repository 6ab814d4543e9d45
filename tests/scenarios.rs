//! Every scenario fixture through parse → decide, checked for what users see.

mod common;

use common::*;
use outage_radar::{
    decide, detect, detect_and_parse, parse_compat, parse_native_incidents, FetchState, Level,
    PayloadKind, Settings, SourceKind, PAGE_RULES,
};

fn shows(v: &outage_radar::Verdict, url: &str) -> Option<Level> {
    let b = banner(v, url);
    b.show.then_some(b.level)
}

#[test]
fn all_operational() {
    let v = native_verdict("all-operational");
    assert_eq!(v.overall, Level::Operational);
    assert_eq!(v.source, Some(SourceKind::Native));
    assert!(v.incidents.is_empty() && v.maintenances.is_empty());
    assert_eq!(v.pages.len(), PAGE_RULES.len());
    assert!(v.pages.iter().all(|p| !p.banner.show));
    assert_eq!(v.badge.text, "");
    let names: Vec<_> = v.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        ["ChatGPT", "APIs", "Codex", "FedRAMP", "Ads Platform"]
    );
    assert_eq!(v.groups[0].components.len(), 15);
    assert_eq!(v.freshness.state, outage_radar::FreshnessState::Fresh);
}

#[test]
fn chatgpt_partial_outage() {
    let v = native_verdict("chatgpt-partial-outage");
    assert_eq!(v.overall, Level::PartialOutage);
    assert!(v.banner.show);
    assert_eq!(v.banner.level, Level::PartialOutage);
    assert_eq!(v.banner.incident_ids, ["01K5PART1A10UTAGE000000001"]);
    assert_eq!(v.banner.affected.len(), 1);
    assert_eq!(v.banner.affected[0].name, "Conversations");
    let i = &v.incidents[0];
    assert_eq!(i.name, "Elevated error rates in ChatGPT conversations");
    assert_eq!(i.status, "investigating");
    assert_eq!(i.level, Level::PartialOutage);
    assert_eq!(
        i.url,
        "https://status.openai.com/incidents/01K5PART1A10UTAGE000000001"
    );
    assert_eq!(i.components, ["Conversations"]);
    assert_eq!(i.component_ids, [CONVERSATIONS]);
    assert_eq!(i.groups, ["ChatGPT"]);
    assert!(i.watched && !i.scope_unclear);
    assert_eq!(i.updates.len(), 2);
    let latest = i.latest_update.as_ref().unwrap();
    assert!(latest.text.starts_with("We are continuing"));
    assert_eq!(
        latest.at,
        outage_radar::parse_rfc3339("2026-09-15T11:45:00Z")
    );
    assert_eq!(
        i.started_at,
        outage_radar::parse_rfc3339("2026-09-15T11:20:00Z")
    );
    assert_eq!(shows(&v, CODEX), Some(Level::PartialOutage));
    assert_eq!(shows(&v, PLATFORM), None);
    assert_eq!(shows(&v, SORA), None);
    assert_eq!(v.badge.text, "!");
    assert_eq!(v.badge.level, Level::PartialOutage);
    let chatgpt = &v.groups[0];
    assert_eq!(chatgpt.level, Level::PartialOutage);
    assert!(v.groups[1..].iter().all(|g| g.level == Level::Operational));
}

#[test]
fn api_only_incident_does_not_touch_chatgpt() {
    let v = native_verdict("api-only-incident");
    assert_eq!(v.overall, Level::Degraded);
    assert!(!v.banner.show);
    assert_eq!(shows(&v, "https://chat.openai.com/"), None);
    assert_eq!(shows(&v, PLATFORM), Some(Level::Degraded));
    assert_eq!(v.incidents[0].groups, ["APIs"]);
    assert!(!v.incidents[0].watched);
    // The badge is about the watched group (ChatGPT), which is fine.
    assert_eq!(v.badge.text, "");
}

#[test]
fn major_and_degraded() {
    let v = native_verdict("chatgpt-major-outage");
    assert_eq!(v.overall, Level::MajorOutage);
    assert_eq!(shows(&v, CHATGPT), Some(Level::MajorOutage));
    assert_eq!(v.incidents[0].components, ["Conversations", "Login"]);
    assert_eq!(v.badge.color, "#c62828");
    // "+02:00" offset read correctly…
    assert_eq!(
        native("chatgpt-major-outage").incidents[0].updates[0].at,
        outage_radar::parse_rfc3339("2026-09-15T09:40:00Z")
    );
    // …which puts the update before the incident began (11:20Z): the verdict has it at
    // the start, so that the times add up.
    assert_eq!(
        v.incidents[0].latest_update.as_ref().unwrap().at,
        outage_radar::parse_rfc3339("2026-09-15T11:20:00Z")
    );

    let v = native_verdict("chatgpt-degraded");
    assert_eq!(v.overall, Level::Degraded);
    assert_eq!(shows(&v, CHATGPT), Some(Level::Degraded));
    // Degraded is a problem, never a false "all operational".
    assert_eq!(v.badge.text, "!");
}

#[test]
fn scope_unclear_is_its_own_state() {
    let v = native_verdict("scope-unclear");
    let i = &v.incidents[0];
    assert!(i.scope_unclear);
    assert_eq!(i.status, "monitoring");
    assert_eq!(i.level, Level::Degraded);
    assert!(i.components.is_empty());
    for p in &v.pages {
        assert!(p.banner.show, "{}", p.id);
        assert!(p.banner.scope_unclear);
        assert_eq!(p.banner.level, Level::Degraded);
    }
    assert_ne!(v.overall, Level::Operational);
    assert_eq!(v.badge.text, "!");
}

#[test]
fn maintenance_in_progress_and_upcoming() {
    let v = native_verdict("maintenance-in-progress");
    assert_eq!(v.overall, Level::Maintenance);
    let b = banner(&v, CHATGPT);
    assert!(b.show);
    assert_eq!(b.level, Level::Maintenance);
    assert_eq!(b.maintenance_ids, ["01K5MA1NTENANCE0000000000C"]);
    assert_eq!(
        v.maintenances[0].ends_at,
        outage_radar::parse_rfc3339("2026-09-15T13:00:00Z")
    );
    assert!(v.maintenances[0].in_progress);
    assert_eq!(v.badge.text, "M");
    // Users who only want outages do not get maintenance banners.
    let s = Settings {
        banner_min_level: Level::PartialOutage,
        ..Settings::default()
    };
    let v2 = decide(
        Some(&native("maintenance-in-progress")),
        &fresh_at(now()),
        &s,
        now(),
    );
    assert!(!v2.banner.show);

    let v = native_verdict("maintenance-upcoming");
    assert_eq!(v.overall, Level::Operational);
    assert!(!v.banner.show);
    assert_eq!(v.maintenances.len(), 2);
    let m = &v.maintenances[0];
    assert!(!m.in_progress);
    assert_eq!(
        m.starts_at,
        outage_radar::parse_rfc3339("2026-09-15T12:30:00Z")
    );
    assert_eq!(
        m.ends_at,
        outage_radar::parse_rfc3339("2026-09-15T13:30:00Z")
    );
    assert_eq!(m.components, ["Codex Web"]);
    // Later, during the window, it is in progress even if the status lags.
    let later = outage_radar::parse_rfc3339("2026-09-15T12:45:00Z").unwrap();
    let v = decide(
        Some(&native("maintenance-upcoming")),
        &fresh_at(later),
        &Settings::default(),
        later,
    );
    assert!(v.maintenances[0].in_progress);
    assert!(banner(&v, CODEX).show);
    assert!(!banner(&v, CHATGPT).show);
    // After the window it is gone.
    let after = outage_radar::parse_rfc3339("2026-09-15T14:00:00Z").unwrap();
    let v = decide(
        Some(&native("maintenance-upcoming")),
        &fresh_at(after),
        &Settings::default(),
        after,
    );
    assert_eq!(v.maintenances.len(), 1);
}

#[test]
fn maintenance_running_late_stays_listed_and_named_by_the_banner() {
    let v = native_verdict("maintenance-overrun");
    let planned_end = outage_radar::parse_rfc3339("2026-09-15T11:30:00Z");
    // Still listed, in progress, marked as running past its planned end.
    assert_eq!(v.maintenances.len(), 1);
    let m = &v.maintenances[0];
    assert_eq!(m.name, "File uploads maintenance");
    assert!(m.in_progress && m.overrun);
    assert_eq!(m.ends_at, planned_end);
    assert_eq!(v.overall, Level::Maintenance);
    assert_eq!(v.badge.text, "M");
    // The banner says maintenance about that very maintenance: the list and it agree.
    let b = banner(&v, CHATGPT);
    assert!(b.show);
    assert_eq!(b.level, Level::Maintenance);
    assert_eq!(b.maintenance_ids, ["01K5MA1NTENANCE0000000000C"]);
    assert_eq!(b.maintenances, v.maintenances);
    assert_eq!(
        b.maintenances[0].url,
        "https://status.openai.com/incidents/01K5MA1NTENANCE0000000000C"
    );
    // The guide doesn't give a planned end that has passed as when it ends.
    assert_eq!(
        v.guidance.situation,
        outage_radar::decide::verdict::Situation::Maintenance
    );
    assert_eq!(v.guidance.until, None);

    // On time, the same maintenance is not late and its end is the guide's.
    let v = native_verdict("maintenance-in-progress");
    assert!(!v.maintenances[0].overrun);
    assert_eq!(banner(&v, CHATGPT).maintenances, v.maintenances);
    assert_eq!(v.guidance.until, v.maintenances[0].ends_at);

    // Past its end without being reported in progress, a window is over.
    let after = outage_radar::parse_rfc3339("2026-09-15T14:00:00Z").unwrap();
    let v = decide(
        Some(&native("maintenance-upcoming")),
        &fresh_at(after),
        &Settings::default(),
        after,
    );
    assert!(v.maintenances.iter().all(|m| !m.overrun));
    assert!(v
        .maintenances
        .iter()
        .all(|m| m.id != "01K5MA1NTS00N0000000000001"));
}

#[test]
fn sora_api_only_never_raises_chatgpt() {
    let v = native_verdict("sora-api-only");
    assert_eq!(shows(&v, CHATGPT), None);
    assert_eq!(shows(&v, CODEX), None);
    assert_eq!(
        shows(&v, "https://sora.chatgpt.com/"),
        Some(Level::PartialOutage)
    );
    assert_eq!(shows(&v, SORA), Some(Level::PartialOutage));
    assert_eq!(shows(&v, PLATFORM), Some(Level::PartialOutage));
}

/// The Compliance API is used by workspace admins only (src/model/pages.rs): its trouble
/// raises no banner on chatgpt.com unless `banner_admin_components` is on, and stays in
/// the popup, the badge and the notifications either way.
#[test]
fn compliance_api_only_raises_no_chatgpt_banner_by_default() {
    let admin = Settings {
        banner_admin_components: true,
        ..Settings::default()
    };
    for (name, level) in [
        ("compliance-api-incident", Level::PartialOutage),
        ("compliance-api-maintenance", Level::Maintenance),
    ] {
        let snap = native(name);
        let v = verdict_of(&snap);
        assert_eq!(shows(&v, CHATGPT), None, "{name}");
        assert_eq!(shows(&v, CODEX), None, "{name}");
        assert!(!v.banner.show, "{name}");
        // Not silent: the popup lists it and the badge (the whole ChatGPT group) shows it.
        assert_eq!(
            v.incidents.len() + v.maintenances.len(),
            1,
            "{name}: still in the popup"
        );
        assert_ne!(v.badge.text, "", "{name}: the badge");
        let on = decide(Some(&snap), &fresh_at(now()), &admin, now());
        assert_eq!(shows(&on, CHATGPT), Some(level), "{name}: with the setting");
        assert_eq!(shows(&on, CODEX), Some(level), "{name}: with the setting");
        assert_eq!(
            on.banner
                .affected
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
            ["Compliance API"],
            "{name}"
        );
        // Never on the API platform's page, whatever the setting.
        assert_eq!(shows(&on, PLATFORM), None, "{name}");
    }
    // The same maintenance on a component every user meets shows by default.
    assert_eq!(
        shows(&native_verdict("maintenance-in-progress"), CHATGPT),
        Some(Level::Maintenance)
    );
    // An incident on the Compliance API and Conversations: the banner shows, for
    // Conversations only.
    let mut snap = native("chatgpt-partial-outage");
    let compliance = native("compliance-api-incident").incidents[0].components[0].clone();
    snap.incidents[0].components.push(compliance);
    let v = verdict_of(&snap);
    assert_eq!(shows(&v, CHATGPT), Some(Level::PartialOutage));
    let names: Vec<&str> = v.banner.affected.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Conversations"]);
    // A component named so in another group is not the ChatGPT one: the name counts only
    // inside the ChatGPT group.
    let mut snap = native("compliance-api-incident");
    for g in &mut snap.groups {
        for c in &mut g.components {
            if c.name == "Compliance API" {
                c.name = "Conversations".into();
            } else if c.name == "Conversations" {
                c.name = "COMPLIANCE API ".into();
            }
        }
    }
    assert_eq!(
        shows(&verdict_of(&snap), CHATGPT),
        Some(Level::PartialOutage)
    );
}

/// An update stamped before its incident began is at the start: "updated 82 days ago ·
/// going on for 40 min" cannot happen.
#[test]
fn update_before_the_start_is_at_the_start() {
    let snap = native("update-before-start");
    let started = outage_radar::parse_rfc3339("2026-09-15T11:20:00Z");
    // The page says so (the parse keeps what it says)…
    assert!(snap.incidents[0].updates[0].at < started);
    let v = verdict_of(&snap);
    let i = &v.incidents[0];
    assert_eq!(i.started_at, started);
    // …the verdict makes the times add up.
    assert_eq!(i.latest_update.as_ref().unwrap().at, started);
    assert!(i.updates.iter().all(|u| u.at == started));
    assert_eq!(
        v.banner.incidents[0].latest_update.as_ref().unwrap().at,
        started
    );
    // Consistent data is not implausibly old.
    assert_eq!(v.old_data_at, None);
    assert_eq!(native_verdict("chatgpt-partial-outage").old_data_at, None);
    // A start (and updates) later than now are now.
    let mut ahead = native("chatgpt-partial-outage");
    ahead.incidents[0].started_at = Some(now() + 3_600_000);
    for u in &mut ahead.incidents[0].updates {
        u.at = Some(now() + 7_200_000);
    }
    let v = verdict_of(&ahead);
    assert_eq!(v.incidents[0].started_at, Some(now()));
    assert!(v.incidents[0].updates.iter().all(|u| u.at == Some(now())));
}

/// An ongoing incident in data whose newest time is 82 days older than the fetch: the
/// verdict says the data looks out of date (the popup shows it as a sentence).
#[test]
fn implausibly_old_data_is_flagged() {
    let v = native_verdict("old-data");
    let newest = outage_radar::parse_rfc3339("2026-06-25T12:10:00Z");
    assert_eq!(v.old_data_at, newest);
    // The times themselves are what the page says.
    assert_eq!(
        v.incidents[0].started_at,
        outage_radar::parse_rfc3339("2026-06-25T11:20:00Z")
    );
    // Six days of silence about an open incident is still believable; eight are not.
    let snap = native("old-data");
    let day = 24 * 3_600_000;
    let at = |snap: &outage_radar::Snapshot, days: i64| {
        let t = newest.unwrap() + days * day;
        decide(Some(snap), &fresh_at(t), &Settings::default(), t).old_data_at
    };
    assert_eq!(at(&snap, 6), None);
    assert_eq!(at(&snap, 8), newest);
    // Nothing ongoing: nothing to doubt.
    let mut calm = snap.clone();
    calm.incidents.clear();
    assert_eq!(at(&calm, 80), None);
}

#[test]
fn chatgpt_login_always_raises_chatgpt() {
    let v = native_verdict("chatgpt-login-incident");
    assert_eq!(shows(&v, CHATGPT), Some(Level::PartialOutage));
    assert_eq!(shows(&v, PLATFORM), None);
    assert_eq!(v.incidents[0].component_ids, [CHATGPT_LOGIN]);
}

#[test]
fn duplicate_names_keyed_by_id() {
    let v = native_verdict("duplicate-names");
    let chat = banner(&v, CHATGPT);
    assert_eq!(chat.level, Level::Degraded);
    assert_eq!(chat.incident_ids, ["01K5DVP11CATECHATGPTL0G1NM"]);
    let plat = banner(&v, PLATFORM);
    assert_eq!(plat.level, Level::MajorOutage);
    assert_eq!(plat.incident_ids, ["01K5DVP11CATEAP1L0G1N0000K"]);
    let api_login = v
        .groups
        .iter()
        .find(|g| g.name == "APIs")
        .unwrap()
        .components
        .iter()
        .find(|c| c.id == API_LOGIN)
        .unwrap();
    assert_eq!(api_login.level, Level::MajorOutage);
}

#[test]
fn codex_page_only() {
    let v = native_verdict("codex-incident");
    assert_eq!(shows(&v, CHATGPT), None);
    assert_eq!(shows(&v, CODEX), Some(Level::PartialOutage));
    assert_eq!(
        shows(&v, "https://chatgpt.com/codex/tasks/abc"),
        Some(Level::PartialOutage)
    );
}

#[test]
fn hidden_components_and_groups_count_for_nothing() {
    let snap = native("hidden-affected");
    assert!(snap.groups.iter().any(|g| g.hidden && g.name == "Legacy"));
    let v = verdict_of(&snap);
    assert_eq!(v.overall, Level::Operational);
    assert!(v.incidents.is_empty());
    assert!(v.pages.iter().all(|p| !p.banner.show));
    assert!(v.groups.iter().all(|g| g.name != "Legacy"));
    assert!(v.groups[0]
        .components
        .iter()
        .all(|c| c.name != "Internal canary"));
}

#[test]
fn unknown_enums_are_kept_not_fatal() {
    let snap = native("unknown-enums");
    let conv = snap.find(CONVERSATIONS).next().unwrap().component;
    assert_eq!(conv.level, Level::Unknown);
    assert_eq!(conv.raw_status.as_deref(), Some("severely_degraded"));
    let v = verdict_of(&snap);
    // Voice mode is a readable partial outage; the unknown incident is degraded.
    assert_eq!(v.overall, Level::PartialOutage);
    assert_eq!(v.incidents[0].level, Level::Degraded);
    assert_eq!(v.incidents[0].status, "escalated");
    assert!(banner(&v, CHATGPT).show);
}

#[test]
fn reordered_structure_same_verdict() {
    let a = native_verdict("chatgpt-partial-outage");
    let b = native_verdict("reordered-structure");
    assert_eq!(a.banner, b.banner);
    assert_eq!(a.overall, b.overall);
    assert_eq!(a.incidents[0].updates, b.incidents[0].updates);
    // Worst first; groups at the same level keep the page's (reordered) order.
    let gb: Vec<_> = b.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        gb,
        [
            "ChatGPT",
            "Ads Platform",
            "FedRAMP",
            "Codex",
            "APIs",
            "Other"
        ]
    );
}

#[test]
fn missing_keys_and_nulls() {
    let snap = native("missing-keys");
    assert_eq!(snap.page_name, "");
    assert_eq!(
        snap.incidents.len(),
        1,
        "non-objects and id-less entries skipped"
    );
    let i = &snap.incidents[0];
    assert_eq!(i.updates.len(), 1, "empty and non-object updates skipped");
    assert_eq!(i.updates[0].text, "We are looking into it.");
    assert_eq!(i.updates[0].at, None, "unparseable time kept as none");
    let voice = snap
        .find("01JMXBNJXGGT5SR5DB9J7GYY48")
        .next()
        .unwrap()
        .component;
    assert_eq!(voice.level, Level::Unknown, "affected without status");
    let v = verdict_of(&snap);
    assert_eq!(shows(&v, CHATGPT), Some(Level::Degraded));
    let apis = v.groups.iter().find(|g| g.name == "APIs").unwrap();
    assert!(apis.components.is_empty());
    assert_eq!(apis.level, Level::Unknown);
}

#[test]
fn statuspage_vocabulary_in_native_shape() {
    let v = native_verdict("mixed-vocabulary");
    let c = &v.groups[0].components;
    let lvl = |name: &str| c.iter().find(|x| x.name == name).unwrap().level;
    assert_eq!(lvl("Conversations"), Level::MajorOutage);
    assert_eq!(lvl("Voice mode"), Level::Degraded);
    assert_eq!(lvl("Login"), Level::PartialOutage);
}

#[test]
fn compat_with_missing_components() {
    let summary = fixture("compat/summary-missing-chatgpt.json");
    let comps = fixture("compat/components-chatgpt-partial.json");
    let status = fixture("compat/status-major.json");
    let prev = native("all-operational");

    // With components.json: the ChatGPT outage is seen.
    let snap = parse_compat(Some(&summary), Some(&comps), Some(&status), Some(&prev)).unwrap();
    assert_eq!(snap.source, SourceKind::Compat);
    assert_eq!(snap.groups.len(), 5);
    let v = verdict_of(&snap);
    assert_eq!(v.source, Some(SourceKind::Compat));
    assert_eq!(shows(&v, CHATGPT), Some(Level::PartialOutage));
    assert_eq!(shows(&v, PLATFORM), None);

    // summary.json alone: missing components are unknown, never operational.
    let snap = parse_compat(Some(&summary), None, None, Some(&prev)).unwrap();
    let conv = snap.find(CONVERSATIONS).next().unwrap().component;
    assert_eq!(conv.level, Level::Unknown);
    let v = verdict_of(&snap);
    assert_eq!(v.groups[0].level, Level::Unknown);
    assert_ne!(v.overall, Level::Operational);
    assert_eq!(v.badge.text, "?");

    // Without a previous snapshot the baked-in structure is used.
    let snap = parse_compat(Some(&summary), Some(&comps), None, None).unwrap();
    assert_eq!(snap.groups[0].name, "ChatGPT");
    assert_eq!(
        shows(&verdict_of(&snap), CHATGPT),
        Some(Level::PartialOutage)
    );

    // One unreadable payload does not sink the others.
    let snap = parse_compat(Some("<html>"), Some(&comps), None, Some(&prev)).unwrap();
    assert_eq!(
        shows(&verdict_of(&snap), CHATGPT),
        Some(Level::PartialOutage)
    );
}

/// summary.json leaves components out by design: a component it does not report is "not
/// reported", and that alone never makes anything unknown while the page's own headline
/// says all is operational.
#[test]
fn compat_summary_leaves_components_out_by_design() {
    let calm = fixture("compat/summary-calm-partial.json");
    let prev = native("all-operational");
    for (label, snap) in [
        (
            "baked-in structure",
            parse_compat(Some(&calm), None, None, None),
        ),
        (
            "previous structure",
            parse_compat(Some(&calm), None, None, Some(&prev)),
        ),
    ] {
        let snap = snap.unwrap();
        assert_eq!(snap.page_indicator, Some(Level::Operational), "{label}");
        let conv = snap.find(CONVERSATIONS).next().unwrap().component;
        assert!(conv.not_reported && conv.level == Level::Unknown, "{label}");
        let v = verdict_of(&snap);
        assert!(
            v.groups.iter().all(|g| g.level == Level::Operational),
            "{label}: {:?}",
            v.groups
                .iter()
                .map(|g| (&g.name, g.level))
                .collect::<Vec<_>>()
        );
        assert_eq!(v.overall, Level::Operational, "{label}");
        assert_eq!(v.badge.text, "", "{label}: no grey ?");
        assert_eq!(v.badge.level, Level::Operational, "{label}");
        let b = banner(&v, CHATGPT);
        assert!(!b.show && b.level == Level::Operational, "{label}");
        // The popup says which ones were not reported, and shows them as such.
        let chatgpt = v.groups.iter().find(|g| g.name == "ChatGPT").unwrap();
        let left_out: Vec<&str> = chatgpt
            .components
            .iter()
            .filter(|c| c.not_reported)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            left_out,
            ["Conversations", "Login", "Compliance API"],
            "{label}"
        );
        assert!(chatgpt
            .components
            .iter()
            .all(|c| c.not_reported == (c.level == Level::Unknown)));
    }
    // The headline as words only ("All Systems Operational") vouches as well.
    let words = calm.replace(r#""indicator": "none""#, r#""indicator": "calm-ish""#);
    assert_ne!(words, calm);
    let v = verdict_of(&parse_compat(Some(&words), None, None, None).unwrap());
    assert_eq!((v.overall, v.badge.text.as_str()), (Level::Operational, ""));

    // A headline that says something is wrong: the left-out components may be where it
    // is, so their groups are unknown (and the badge says "?").
    let minor = calm
        .replace(r#""indicator": "none""#, r#""indicator": "minor""#)
        .replace("All Systems Operational", "Minor Service Outage");
    let v = verdict_of(&parse_compat(Some(&minor), None, None, None).unwrap());
    let chatgpt = v.groups.iter().find(|g| g.name == "ChatGPT").unwrap();
    assert_eq!(chatgpt.level, Level::Unknown);
    assert_eq!(v.badge.text, "?");
    // No headline at all: missing data, unknown.
    let mut doc: serde_json::Value = serde_json::from_str(&calm).unwrap();
    doc.as_object_mut().unwrap().remove("status");
    let v = verdict_of(&parse_compat(Some(&doc.to_string()), None, None, None).unwrap());
    assert_eq!(v.overall, Level::Unknown);
    // A value the core cannot read stays unknown, headline or not.
    let odd = calm.replacen(r#""status": "operational""#, r#""status": "wobbly""#, 1);
    let v = verdict_of(&parse_compat(Some(&odd), None, None, None).unwrap());
    assert_eq!(v.overall, Level::Unknown);
    let apis = v.groups.iter().find(|g| g.name == "APIs").unwrap();
    assert_eq!(apis.level, Level::Unknown);
}

#[test]
fn compat_status_only_and_incidents() {
    let status = fixture("compat/status-major.json");
    let snap = parse_compat(None, None, Some(&status), None).unwrap();
    assert_eq!(snap.page_indicator, Some(Level::PartialOutage));
    let v = verdict_of(&snap);
    assert_eq!(v.overall, Level::PartialOutage);
    // The page-wide indicator never drives a page banner.
    assert!(v.pages.iter().all(|p| !p.banner.show));

    let snap = parse_compat(
        Some(&fixture("compat/summary-with-incident.json")),
        None,
        None,
        None,
    )
    .unwrap();
    assert_eq!(snap.incidents.len(), 1);
    assert_eq!(snap.maintenances.len(), 1);
    let v = verdict_of(&snap);
    assert_eq!(shows(&v, CHATGPT), Some(Level::Degraded));
    assert_eq!(shows(&v, PLATFORM), None);
    assert_eq!(
        v.maintenances[0].starts_at,
        outage_radar::parse_rfc3339("2026-09-15T12:30:00Z")
    );

    let snap = parse_compat(None, None, Some(&fixture("compat/status-none.json")), None).unwrap();
    assert_eq!(verdict_of(&snap).overall, Level::Operational);
}

#[test]
fn real_fixtures() {
    let comps = fixture("real/components.2026-07-09.json");
    assert_eq!(detect(&comps), Ok(PayloadKind::CompatComponents));
    let snap = parse_compat(None, Some(&comps), None, None).unwrap();
    assert_eq!(snap.placed().count(), 34);
    assert!(
        snap.components.is_empty(),
        "every real id is in the known table"
    );
    let v = verdict_of(&snap);
    assert_eq!(v.overall, Level::Operational);
    assert_eq!(v.badge.text, "");

    let hist = fixture("real/pleo-proxy-incidents.2026-01.json");
    assert_eq!(detect(&hist), Ok(PayloadKind::NativeIncidents));
    let incs = parse_native_incidents(&hist).unwrap();
    assert_eq!(incs.len(), 2);
    let a = &incs[0];
    assert_eq!(a.name, "Invoices page not loading for some customers");
    assert!(!a.is_ongoing() && !a.maintenance);
    assert_eq!(a.level, Level::Degraded);
    assert_eq!(
        a.started_at,
        outage_radar::parse_rfc3339("2026-01-30T10:42:56.002Z")
    );
    assert_eq!(
        a.resolved_at,
        outage_radar::parse_rfc3339("2026-01-30T12:38:56.689Z")
    );
    assert_eq!(a.impacts.len(), 1);
    assert!(a.updates[0].text.starts_with("Some customers"));
    let m = &incs[1];
    assert!(m.maintenance);
    assert_eq!(m.level, Level::Maintenance);

    // The RSS capture is not JSON: a typed error, no panic.
    let rss = fixture("real/history.rss.2026-01-08.xml");
    assert!(matches!(
        detect(&rss),
        Err(outage_radar::FetchError::NotJson { .. })
    ));
}

#[test]
fn detect_and_parse_prefers_native() {
    let native_body = fixture("native/chatgpt-partial-outage.json");
    let comps = fixture("compat/components-chatgpt-partial.json");
    let hist = fixture("real/pleo-proxy-incidents.2026-01.json");
    let snap = detect_and_parse(&[&comps, &native_body, &hist], None).unwrap();
    assert_eq!(snap.source, SourceKind::Native);
    let snap = detect_and_parse(&[&comps], None).unwrap();
    assert_eq!(snap.source, SourceKind::Compat);
    assert!(detect_and_parse(&[&comps, "[]"], None).is_err());
    // A history alone: no component known, so nothing is "all clear".
    let snap = detect_and_parse(&[&hist], None).unwrap();
    let v = decide(Some(&snap), &fresh_at(now()), &Settings::default(), now());
    assert_eq!(v.overall, Level::Unknown);
    let _ = FetchState::default();
}

#[test]
fn verdict_json_field_names() {
    let v = native_verdict("chatgpt-partial-outage");
    let j = serde_json::to_value(&v).unwrap();
    for k in [
        "source",
        "checked_at",
        "data_at",
        "freshness",
        "overall",
        "groups",
        "incidents",
        "maintenances",
        "pages",
        "banner",
        "badge",
    ] {
        assert!(j.get(k).is_some(), "{k}");
    }
    assert_eq!(j["overall"], "partial_outage");
    assert_eq!(j["source"], "native");
    assert_eq!(j["freshness"]["state"], "fresh");
    assert_eq!(j["banner"]["show"], true);
    assert_eq!(j["banner"]["level"], "partial_outage");
    assert_eq!(j["incidents"][0]["components"][0], "Conversations");
    assert_eq!(j["pages"][0]["id"], "chatgpt_codex");
    assert_eq!(j["pages"][0]["path_prefix"], "/codex");
    assert_eq!(j["pages"][0]["hosts"][0], "chatgpt.com");
    assert_eq!(j["groups"][0]["name"], "ChatGPT");
    assert_eq!(j["badge"]["text"], "!");
    // Round-trips (the extension stores it).
    let back: outage_radar::Verdict = serde_json::from_str(&j.to_string()).unwrap();
    assert_eq!(back, v);
}

// Draws the in-page banner from one page's `banner` record of the verdict. A classic script
// (content scripts can't be modules) shared by the content script and the www simulator,
// so the simulator shows exactly what chatgpt.com would. Text only: everything from the
// status page goes in through text nodes, and links only ever point at status.openai.com.
globalThis.OutageRadarBanner ??= (() => {
  "use strict";
  const STATUS_ORIGIN = "https://status.openai.com/";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const div = (cls, ...children) => el("div", { class: cls }, ...children);
  // OpenAI's own words, as OpenAI wrote them: English, in their own direction.
  const openai = (cls, text) => el("div", { class: cls, lang: "en", dir: "auto" }, text);
  const L = globalThis.OutageRadarL10n;

  function link(url, text) {
    const ok = typeof url === "string" && url.startsWith("https://");
    return ok ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text) : null;
  }

  function statusLink(url, text) {
    return typeof url === "string" && url.startsWith(STATUS_ORIGIN) ? link(url, text) : null;
  }

  // The helpers below word things with `say(key, ...substitutions)`: render's wrapper of
  // the caller's `t`, which takes substitutions as an array of strings; `say.intl` formats
  // numbers, times and plurals in the language `t` speaks (l10n.js).

  function incidentBlock(say, incident, now) {
    const f = say.intl;
    const block = div("incident", openai("name", incident.name));
    const update = incident.latest_update;
    if (update?.text) block.append(openai("update", update.text));
    const facts = [];
    if (update?.at) facts.push(say("updated_ago", f.relative(update.at, now)));
    if (incident.started_at) facts.push(say("banner_ongoing", f.duration(now - incident.started_at)));
    const meta = div("meta", facts.join(" · "));
    const page = statusLink(incident.url, say("banner_incident_link"));
    if (page) meta.append(facts.length ? " · " : "", page);
    block.append(meta);
    const e = incident.estimate;
    if (e?.count) {
      block.append(div("meta estimate", f.plural("banner_estimate", e.count, [f.minutes(e.median_mins), f.number(e.count), f.unit(e.window_days, "day")])));
    }
    return block;
  }

  // Clock times only, no "in 20 min": a banner stays drawn until the verdict changes.
  function maintenanceBlock(say, m, now) {
    const block = div("maint", openai("name", m.name));
    const facts = [];
    if (Number.isFinite(m.ends_at)) {
      facts.push(say(m.overrun ? "banner_maintenance_overrun" : "banner_maintenance_until", say.intl.clock(m.ends_at, now)));
    }
    const meta = div("meta", facts.join(" · "));
    const page = statusLink(m.url, say("banner_maintenance_link"));
    if (page) meta.append(facts.length ? " · " : "", page);
    block.append(meta);
    return block;
  }

  /** OpenAI's service names listed in this language, marked English in another; null for none. */
  function serviceNames(say, names) {
    if (!names.length) return null;
    if (say.intl.locale.startsWith("en")) return say.intl.list(names);
    const marks = names.map((_, i) => `\uE000${i}\uE001`);
    const parts = say.intl.list(marks).split(/\uE000(\d+)\uE001/);
    return el("span", {}, ...parts.map((part, i) => (i % 2 ? el("bdi", { lang: "en" }, names[Number(part)]) : part)));
  }

  /** The headline, as text and nodes (the services' names stay OpenAI's). */
  function headline(say, banner) {
    const level = say(`level_${banner.level}`);
    const words = (key, ...subs) => L.nodes(say.t, key, subs);
    const names = serviceNames(say, banner.affected.map((a) => a.name));
    if (banner.level === "maintenance") {
      const parts = names ?? serviceNames(say, [...new Set((banner.maintenances ?? []).flatMap((m) => m.components ?? []))]);
      return words("banner_title_maintenance", parts ?? say("banner_services_generic"));
    }
    const status = banner.incidents[0]?.status;
    if (!names && banner.scope_unclear) return [say("banner_title_unclear", level)];
    const line = words("banner_title", names ?? say("banner_services_generic"), level);
    if (!status) return line;
    // A status this version has no words for reads as itself.
    const key = `incident_status_${status}`;
    const said = say(key);
    // One text node with the words before it: one line for assistive technology.
    const tail = ` — ${said && said !== key ? said : status}`;
    return typeof line.at(-1) === "string" ? [...line.slice(0, -1), line.at(-1) + tail] : [...line, tail];
  }

  /** The last known status, marked as such: when, and why nothing newer (the core named the failure). */
  function lastKnown(say, banner, now) {
    if (!Number.isFinite(banner.last_known_at)) return null;
    const key = banner.failure ? `banner_last_known_${banner.failure}` : "banner_last_known_old";
    return div("last-known", say(key, say.intl.clock(banner.last_known_at, now)));
  }

  function guidance(say, banner) {
    const first = banner.incidents[0];
    const others = el("li", {}, say("guide_others"), " ",
      link("https://downdetector.com/status/openai/", "Downdetector"), " · ",
      link("https://x.com/search?q=%22ChatGPT%20down%22&f=live", say("guide_x_search")));
    return el("ul", { class: "guide", id: "guide" },
      el("li", {}, say("guide_confirm"), " ", statusLink(first?.url ?? STATUS_ORIGIN, say("guide_confirm_link"))),
      others,
      el("li", {}, say("guide_wait")),
      el("li", {}, say("guide_support"), " ", link("https://help.openai.com/", "help.openai.com")),
      el("li", { class: "more" }, say("guide_more")));
  }

  /** "What can I do?" and the guide it unfolds. */
  function helpAndGuide(say, banner) {
    const help = el("button", { type: "button", class: "help", "aria-expanded": "false", "aria-controls": "guide" }, say("banner_what_can_i_do"));
    const guide = guidance(say, banner);
    guide.hidden = true;
    help.addEventListener("click", () => {
      guide.hidden = !guide.hidden;
      help.setAttribute("aria-expanded", String(!guide.hidden));
    });
    return [help, guide];
  }

  /**
   * Fills `root` (a shadow root or any element) with the banner for `banner`.
   * `t(key, substitutions)` words it (chrome.i18n.getMessage or the www page's copy);
   * `onDismiss` is called when the user dismisses it; `now` is Date.now().
   * Returns the element to focus-manage or remove.
   */
  function render(root, banner, { t, now = Date.now(), onDismiss, resolved = false, adoptStyles = false }) {
    const say = (key, ...subs) => t(key, subs.map(String));
    say.t = t;
    say.intl = L.intl(t);
    // A page whose CSP forbids inline styles (the www page) gets a constructed sheet,
    // which CSP doesn't govern; content scripts keep <style>, which their isolated world
    // may add on any page.
    let style = null;
    if (adoptStyles) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      style = el("style", {});
      style.textContent = CSS;
    }
    const box = el("section", {
      class: `box ${resolved ? "resolved" : banner.level}`, role: "status", "aria-live": "polite", "aria-label": say("banner_region_label"),
      lang: say.intl.locale, dir: say.intl.dir,
    });
    const text = div("text");
    if (resolved) {
      text.append(el("strong", {}, say("banner_resolved")));
    } else {
      const marked = lastKnown(say, banner, now);
      if (marked) text.append(marked);
      text.append(el("strong", { class: "title" }, ...headline(say, banner)));
      for (const incident of banner.incidents.slice(0, 2)) text.append(incidentBlock(say, incident, now));
      const more = (n) => div("meta", say.intl.plural("banner_more_incidents", n, [say.intl.number(n)]));
      if (banner.incidents.length > 2) text.append(more(banner.incidents.length - 2));
      const maintenances = banner.maintenances ?? [];
      for (const m of maintenances.slice(0, 2)) text.append(maintenanceBlock(say, m, now));
      if (maintenances.length > 2) text.append(more(maintenances.length - 2));
      // Planned work is not a problem: no "not just you", no guide to an outage.
      if (banner.level === "maintenance") text.append(div("hint", say("banner_maintenance_hint")));
      else text.append(div("hint", say("banner_not_you")), ...helpAndGuide(say, banner));
    }
    const dismiss = say("banner_dismiss_label");
    const close = el("button", { type: "button", class: "close", "aria-label": dismiss, title: dismiss }, "×");
    close.addEventListener("click", () => onDismiss?.());
    box.append(text, close);
    root.append(...(style ? [style] : []), box);
    return box;
  }

  // Colours: each level sets its text (--fg), background (--bg) and edge (--edge); every
  // text on its background passes WCAG AA (≥ 4.5:1), in both themes. The box sets every
  // variable it uses, so none leaks in from the page. `all: initial` on the host resets
  // what the page would pass down (fonts, alignment, colour).
  const CSS = /* css */ `
    :host { all: initial; display: block; }
    /* On a page: fixed over the conversation's top edge, below ChatGPT's header controls,
       far above the message box, and out of the page's layout so nothing shifts. */
    :host([data-placement=page]) { position: fixed; z-index: 2147483646; top: 60px; left: 50%;
      transform: translateX(-50%); width: min(640px, calc(100vw - 24px)); }
    /* At most 60% of the window's height, and on a short one (a phone held sideways) clear
       of the message box at the bottom (about 150 px with the note under it): the box scrolls. */
    .box { display: flex; gap: 10px; align-items: flex-start; box-sizing: border-box;
           max-block-size: max(120px, min(60vh, 100vh - 220px)); overflow: auto;
           padding: 10px 12px; border-radius: 12px; border: 1px solid var(--line); border-inline-start: 6px solid var(--edge);
           font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 18px rgb(0 0 0 / 0.18);
           color: var(--fg); background: var(--bg);
           --fg: #3b2a00; --bg: #fff6d9; --edge: #9a6700; --line: rgb(0 0 0 / 0.15); }
    .box.partial_outage { --fg: #4a1500; --bg: #ffe7d6; --edge: #bc4c00; }
    .box.major_outage { --fg: #5c0a05; --bg: #ffe0de; --edge: #cf222e; }
    .box.maintenance { --fg: #0a2a57; --bg: #e3eeff; --edge: #0969da; }
    .box.resolved { --fg: #0b3d1a; --bg: #dcf5e3; --edge: #1a7f37; }
    :host([data-theme=dark]) .box { --fg: #ffe9a8; --bg: #2e2506; --edge: #d29922; --line: rgb(255 255 255 / 0.16); }
    :host([data-theme=dark]) .box.partial_outage { --fg: #ffd8c2; --bg: #3a1a06; --edge: #f0883e; }
    :host([data-theme=dark]) .box.major_outage { --fg: #ffd7d3; --bg: #3d0f0c; --edge: #f85149; }
    :host([data-theme=dark]) .box.maintenance { --fg: #d3e4ff; --bg: #0c2344; --edge: #58a6ff; }
    :host([data-theme=dark]) .box.resolved { --fg: #c8f2d3; --bg: #0c2a16; --edge: #3fb950; }
    .text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    .incident, .maint { margin-top: 6px; }
    .name, a { font-weight: 600; }
    .update { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
    .meta, .hint { font-size: 12.5px; margin-top: 2px; }
    .last-known { font-size: 12.5px; font-weight: 600; margin-bottom: 2px; }
    a, button { color: inherit; }
    button { font: inherit; background: transparent; cursor: pointer; border-radius: 6px; }
    .help { margin-top: 6px; padding: 2px 8px; border: 1px solid; font-size: 13px; }
    .close { border: 0; font-size: 20px; line-height: 1; padding: 2px 6px; }
    :focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
    .guide { margin: 6px 0 0; padding-inline-start: 18px; font-size: 13px; }
    .guide li { margin: 2px 0; }
    .more { list-style: none; margin-inline-start: -18px; font-style: italic; }
    /* OpenAI's English keeps its own direction but lines up with the banner's text. */
    [dir=rtl] [dir=auto] { text-align: right; }
  `;

  return { render };
})();

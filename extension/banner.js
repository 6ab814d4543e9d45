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

  function link(url, text) {
    const ok = typeof url === "string" && url.startsWith("https://");
    return ok ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text) : null;
  }

  function statusLink(url, text) {
    return typeof url === "string" && url.startsWith(STATUS_ORIGIN) ? link(url, text) : null;
  }

  /** "12 min" from a number of milliseconds, in the browser's words. */
  function span(t, ms) {
    const mins = Math.max(0, Math.floor(ms / 60000));
    if (mins < 1) return t("ago_now");
    if (mins < 60) return t("duration_minutes", [String(mins)]);
    const hours = Math.floor(mins / 60);
    if (hours < 48) return t("duration_hours", [String(hours), String(mins % 60)]);
    return t("duration_days", [String(Math.floor(hours / 24))]);
  }

  function incidentBlock(t, incident, now) {
    const block = el("div", { class: "incident" }, el("div", { class: "name" }, incident.name));
    const update = incident.latest_update;
    if (update?.text) block.append(el("div", { class: "update" }, update.text));
    const facts = [];
    if (update?.at) facts.push(t("banner_updated", [span(t, now - update.at)]));
    if (incident.started_at) facts.push(t("banner_ongoing", [span(t, now - incident.started_at)]));
    const meta = el("div", { class: "meta" }, facts.join(" · "));
    const page = statusLink(incident.url, t("banner_incident_link"));
    if (page) meta.append(facts.length ? " · " : "", page);
    block.append(meta);
    const e = incident.estimate;
    if (e?.count) {
      block.append(el("div", { class: "meta estimate" }, t("banner_estimate", [span(t, e.median_mins * 60000), String(e.count), String(e.window_days)])));
    }
    return block;
  }

  function headline(t, banner) {
    const level = t(`level_${banner.level}`);
    const names = banner.affected.map((a) => a.name).join(", ");
    const status = banner.incidents[0]?.status;
    if (!names && banner.scope_unclear) return t("banner_title_unclear", [level]);
    const line = t("banner_title", [names || t("banner_services_generic"), level]);
    if (!status) return line;
    const said = t(`incident_status_${status}`);
    return `${line} — ${said && said !== `incident_status_${status}` ? said : status}`;
  }

  function guidance(t, banner) {
    const first = banner.incidents[0];
    const others = el("li", {}, t("guide_others"), " ",
      link("https://downdetector.com/status/openai/", "Downdetector"), " · ",
      link("https://x.com/search?q=%22ChatGPT%20down%22&f=live", t("guide_x_search")));
    return el("ul", { class: "guide", id: "guide" },
      el("li", {}, t("guide_confirm"), " ", statusLink(first?.url ?? STATUS_ORIGIN, t("guide_confirm_link"))),
      others,
      el("li", {}, t("guide_wait")),
      el("li", {}, t("guide_support"), " ", link("https://help.openai.com/", "help.openai.com")),
      el("li", { class: "more" }, t("guide_more")));
  }

  /**
   * Fills `root` (a shadow root or any element) with the banner for `banner`.
   * `onDismiss` is called when the user dismisses it; `now` is Date.now().
   * Returns the element to focus-manage or remove.
   */
  function render(root, banner, { t, now = Date.now(), onDismiss, resolved = false, adoptStyles = false }) {
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
    const box = el("section", { class: `box ${resolved ? "resolved" : banner.level}`, role: "status", "aria-live": "polite", "aria-label": t("banner_region_label") });
    const text = el("div", { class: "text" });
    const controls = el("div", { class: "controls" });
    if (resolved) {
      text.append(el("strong", {}, t("banner_resolved")));
    } else {
      text.append(el("strong", { class: "title" }, headline(t, banner)));
      for (const incident of banner.incidents.slice(0, 2)) text.append(incidentBlock(t, incident, now));
      if (banner.incidents.length > 2) text.append(el("div", { class: "meta" }, t("banner_more_incidents", [String(banner.incidents.length - 2)])));
      text.append(el("div", { class: "hint" }, t("banner_not_you")));
      const help = el("button", { type: "button", class: "help", "aria-expanded": "false", "aria-controls": "guide" }, t("banner_what_can_i_do"));
      const guide = guidance(t, banner);
      guide.hidden = true;
      help.addEventListener("click", () => {
        guide.hidden = !guide.hidden;
        help.setAttribute("aria-expanded", String(!guide.hidden));
      });
      text.append(help, guide);
    }
    const close = el("button", { type: "button", class: "close", "aria-label": t("banner_dismiss_label"), title: t("banner_dismiss_label") }, "×");
    close.addEventListener("click", () => onDismiss?.());
    controls.append(close);
    box.append(text, controls);
    root.append(...(style ? [style] : []), box);
    return box;
  }

  // Colours: every pair passes WCAG AA (≥ 4.5:1) for body text, in both themes.
  const CSS = `
    :host { all: initial; display: block; }
    /* On a page: fixed over the conversation's top edge, below ChatGPT's header controls,
       far above the message box, and out of the page's layout so nothing shifts. */
    :host([data-placement="page"]) { position: fixed; z-index: 2147483646; top: 60px; left: 50%;
      transform: translateX(-50%); width: min(640px, calc(100vw - 24px)); }
    .box { display: flex; gap: 10px; align-items: flex-start; box-sizing: border-box; max-height: 60vh; overflow: auto;
           padding: 10px 12px; border-radius: 12px; border: 1px solid rgb(0 0 0 / 0.15); border-left-width: 6px;
           font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start;
           box-shadow: 0 4px 18px rgb(0 0 0 / 0.18); color: #3b2a00; background: #fff6d9; border-left-color: #9a6700; }
    .box.partial_outage { color: #4a1500; background: #ffe7d6; border-left-color: #bc4c00; }
    .box.major_outage { color: #5c0a05; background: #ffe0de; border-left-color: #cf222e; }
    .box.maintenance { color: #0a2a57; background: #e3eeff; border-left-color: #0969da; }
    .box.resolved { color: #0b3d1a; background: #dcf5e3; border-left-color: #1a7f37; }
    :host([data-theme="dark"]) .box { color: #ffe9a8; background: #2e2506; border-color: rgb(255 255 255 / 0.16); border-left-color: #d29922; }
    :host([data-theme="dark"]) .box.partial_outage { color: #ffd8c2; background: #3a1a06; border-left-color: #f0883e; }
    :host([data-theme="dark"]) .box.major_outage { color: #ffd7d3; background: #3d0f0c; border-left-color: #f85149; }
    :host([data-theme="dark"]) .box.maintenance { color: #d3e4ff; background: #0c2344; border-left-color: #58a6ff; }
    :host([data-theme="dark"]) .box.resolved { color: #c8f2d3; background: #0c2a16; border-left-color: #3fb950; }
    .text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    .incident { margin-top: 6px; }
    .name { font-weight: 600; }
    .update { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
    .meta, .hint { font-size: 12.5px; margin-top: 2px; }
    a { color: inherit; font-weight: 600; text-decoration: underline; }
    button { font: inherit; color: inherit; background: transparent; cursor: pointer; border-radius: 6px; }
    .help { margin-top: 6px; padding: 2px 8px; border: 1px solid currentColor; font-size: 13px; }
    .close { border: 0; font-size: 20px; line-height: 1; padding: 2px 6px; }
    button:focus-visible, a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
    .guide { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
    .guide li { margin: 2px 0; }
    .more { list-style: none; margin-left: -18px; font-style: italic; }
  `;

  return { render };
})();

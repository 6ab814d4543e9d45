// Outage Radar content script for chatgpt.com and chat.openai.com.
// It draws what the background decided and decides nothing itself: the verdict lists, per
// page rule, whether a banner shows. When all is clear it adds nothing to the page.
// Plain script, no wasm (strict page CSPs block it), text only (no innerHTML: the status
// page's words are untrusted), inside a closed shadow root so the page and the banner
// can't restyle each other.
(() => {
  "use strict";
  const ext = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
  const HOST_TAG = "outage-radar-banner";
  const STATUS_ORIGIN = "https://status.openai.com/";

  let verdict = null;
  let dismissed = {};
  let host = null;
  let shown = ""; // what the banner shows now, to skip redrawing the same thing

  // The core orders its page rules most specific first, so the first match is this page's.
  function bannerForThisPage() {
    for (const page of verdict?.pages ?? []) {
      if (page.hosts.includes(location.hostname) && location.pathname.startsWith(page.path_prefix)) {
        return page.banner;
      }
    }
    return null;
  }

  // A dismissal names the incidents and the level it was made at; a new incident or a
  // worse level makes the key differ, and the banner returns.
  function dismissalKey(banner) {
    return `${banner.level}:${[...banner.incident_ids].sort().join(",")}`;
  }

  function update() {
    const banner = bannerForThisPage();
    if (!banner?.show || dismissed[dismissalKey(banner)]) {
      remove();
      return;
    }
    const key = JSON.stringify(banner);
    if (key === shown && host?.isConnected) return;
    draw(banner);
    shown = key;
  }

  // ChatGPT marks its theme with a class on <html>; other pages fall back to the OS setting.
  function pageTheme() {
    const html = document.documentElement;
    if (html.classList.contains("dark")) return "dark";
    if (html.classList.contains("light")) return "light";
    return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function remove() {
    host?.remove();
    host = null;
    shown = "";
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function incidentById(id) {
    return verdict.incidents?.find((incident) => incident.id === id);
  }

  function draw(banner) {
    remove();
    // Never two banners in one tab, whatever happened to an earlier host element.
    for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();
    host = document.createElement(HOST_TAG);
    host.dataset.level = banner.level;
    host.dataset.theme = pageTheme();
    const root = host.attachShadow({ mode: "closed" });

    const style = document.createElement("style");
    style.textContent = CSS;
    const level = t(`level_${banner.level}`);
    const services = banner.affected.map((a) => a.name).join(", ");
    const title = banner.scope_unclear && !services ? t("banner_title_unclear") : t("banner_title", [services]);

    const box = el("div", { class: `box ${banner.level}`, role: "status", "aria-label": t("banner_region_label") });
    const text = el("div", { class: "text" }, el("strong", {}, `${title} — ${level}`));
    for (const id of banner.incident_ids) {
      const incident = incidentById(id);
      if (!incident) continue;
      const line = el("div", { class: "incident" }, incident.name);
      if (incident.latest_update?.text) {
        line.append(el("div", { class: "update" }, incident.latest_update.text));
      }
      if (typeof incident.url === "string" && incident.url.startsWith(STATUS_ORIGIN)) {
        line.append(" ", el("a", { href: incident.url, target: "_blank", rel: "noopener noreferrer" }, t("banner_incident_link")));
      }
      text.append(line);
    }
    text.append(el("div", { class: "hint" }, t("banner_not_you")));
    const close = el("button", { type: "button", class: "close", "aria-label": t("banner_dismiss_label"), title: t("banner_dismiss_label") }, "×");
    close.addEventListener("click", () => {
      dismissed = { ...dismissed, [dismissalKey(banner)]: Date.now() };
      ext.storage.local.set({ dismissed }).catch(() => {});
      remove();
    });
    box.append(text, close);
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);
  }

  const CSS = `
    :host { all: initial; position: fixed; z-index: 2147483646; top: 64px; left: 50%;
            transform: translateX(-50%); width: min(640px, calc(100vw - 32px)); }
    .box { display: flex; gap: 12px; align-items: flex-start; padding: 12px 14px; border-radius: 12px;
           font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
           border: 1px solid rgb(0 0 0 / 0.15); color: #1f1300; background: #fff4d6; }
    .box.partial_outage { color: #3d0c00; background: #ffe1cc; }
    .box.major_outage { color: #ffffff; background: #b3261e; }
    .box.maintenance { color: #0b2447; background: #dbe8ff; }
    :host([data-theme="dark"]) .box { color: #ffe8a3; background: #3a2e05; border-color: rgb(255 255 255 / 0.18); }
    :host([data-theme="dark"]) .box.partial_outage { color: #ffd9c2; background: #4a1f05; }
    :host([data-theme="dark"]) .box.major_outage { color: #ffdad6; background: #6b0f0a; }
    :host([data-theme="dark"]) .box.maintenance { color: #cfe0ff; background: #0f2a52; }
    .text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    .incident { margin-top: 4px; }
    .update { opacity: 0.9; max-height: 4.2em; overflow: hidden; }
    .hint { margin-top: 4px; font-size: 12px; opacity: 0.9; }
    a { color: inherit; font-weight: 600; }
    button { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 2px 6px; border-radius: 6px; }
    button:focus-visible, a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  `;

  ext.storage.local.get(["verdict", "dismissed"]).then((stored) => {
    verdict = stored.verdict ?? null;
    dismissed = stored.dismissed ?? {};
    update();
  });

  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes.verdict) verdict = changes.verdict.newValue ?? null;
    if (changes.dismissed) dismissed = changes.dismissed.newValue ?? {};
    if (changes.verdict || changes.dismissed) update();
  });

  // The single-page app changes its path without a page load (e.g. / to /codex), which can
  // change which services matter. Checking on history events is enough and costs nothing.
  let lastPath = location.pathname;
  const onNavigate = () => {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    update();
  };
  addEventListener("popstate", onNavigate);
  globalThis.navigation?.addEventListener?.("navigatesuccess", onNavigate);
})();

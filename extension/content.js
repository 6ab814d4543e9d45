// Outage Radar content script for chatgpt.com and chat.openai.com (and, when the user
// grants them, the other pages of the core's page table).
// It shows what the background decided and decides nothing itself: the stored `banners`
// list holds, per page rule (most specific first), whether a banner shows. When all is
// clear it reads one small record and adds nothing to the page.
// No wasm (strict page CSPs block it); drawing is in banner.js, inside a closed shadow
// root so the page and the banner can't restyle each other.
(() => {
  "use strict";
  const ext = globalThis.browser ?? globalThis.chrome;
  const HOST_TAG = "outage-radar-banner";
  const root = document.documentElement;
  // The browser's language, until the page's own arrives (speakPageLanguage).
  const L = globalThis.OutageRadarL10n;
  const browserT = (key, subs) => ext.i18n.getMessage(key, subs) || key;
  let t = browserT;
  let spoken = ""; // the locale `t` speaks, part of what is drawn
  const list = (value) => (Array.isArray(value) ? value : []);
  // Never throw into the page: a broken banner must not break ChatGPT.
  const safely = (fn) => {
    try {
      fn();
    } catch (err) {
      console.debug("Outage Radar:", err);
    }
  };
  // A message to the background; a script orphaned by an update has no one to tell.
  const send = (message) => {
    try {
      ext.runtime.sendMessage(message).catch(() => {});
    } catch {
      // The extension was updated or removed under this page.
    }
  };

  let banners = [];
  let host = null;
  let drawn = ""; // what is on screen, to skip redrawing the same thing
  let resolvedTimer = 0;
  let guard = null;

  function pageEntry() {
    return banners.find(
      (p) => p.hosts.includes(location.hostname) && location.pathname.startsWith(p.path_prefix),
    );
  }

  function update() {
    safely(() => {
      const page = pageEntry();
      const banner = page?.banner;
      const now = Date.now();
      const due = (banner?.show && !banner.dismissed) || banner?.resolved_until > now;
      // The page's language only for a banner to draw: none costs the background nothing.
      if (due && !speaking()) {
        speakPageLanguage().then(update);
        return;
      }
      if (banner?.show && !banner.dismissed) {
        show(page, banner, false);
      } else if (banner?.resolved_until > now) {
        show(page, banner, true);
        clearTimeout(resolvedTimer);
        resolvedTimer = setTimeout(update, banner.resolved_until - now + 50);
      } else {
        remove();
      }
    });
  }

  function show(page, banner, resolved) {
    const key = JSON.stringify([page.id, resolved, banner, spoken]);
    if (key === drawn && host?.isConnected) return;
    remove();
    host = document.createElement(HOST_TAG);
    host.dataset.level = resolved ? "resolved" : banner.level;
    // The last known status, not current: which failure (or "old"), for styling and tests.
    if (!resolved && Number.isFinite(banner.last_known_at)) host.dataset.lastKnown = banner.failure ?? "old";
    host.dataset.theme = pageTheme();
    host.dataset.placement = "page";
    // The banner's language on its host too, for the page's accessibility tree (and tests).
    const shown = L?.intl(t);
    if (shown) {
      host.lang = shown.locale;
      host.dir = shown.dir;
    }
    globalThis.OutageRadarBanner.render(host.attachShadow({ mode: "closed" }), banner, {
      t,
      resolved,
      onDismiss: () => {
        remove();
        if (!resolved && !page.preview) send({ type: "dismiss", page: page.id });
      },
    });
    root.append(host);
    drawn = key;
    watch();
  }

  function remove() {
    // Also removes a banner left by an earlier copy of this script (an extension update
    // leaves the old one orphaned): never two banners in one tab.
    for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();
    host = null;
    drawn = "";
    guard?.disconnect();
    guard = null;
  }

  // While a banner is up, put it back if the page throws it out (some apps replace
  // whole subtrees); when none is up, nothing observes the page.
  function watch() {
    if (guard) return;
    guard = new MutationObserver(() => {
      if (host && !host.isConnected) root.append(host);
    });
    guard.observe(root, { childList: true });
  }

  // ChatGPT marks its theme with a class on <html>; elsewhere, the system setting.
  function pageTheme() {
    const html = root.classList;
    if (html.contains("dark")) return "dark";
    if (html.contains("light")) return "light";
    return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // ---------------------------------------------------------------- the page's language
  // The banner speaks the page's language (ChatGPT's <html lang>) if shipped, else the
  // browser's. chrome.i18n speaks only the browser's: the background sends the messages of
  // the locale matching `lang` (if none come in time, the browser's it is).
  const LANG_WAIT_MS = 1500;
  let asked = null;

  function askMessages(lang) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), LANG_WAIT_MS);
      try {
        ext.runtime.sendMessage({ type: "messages", lang }).then(
          (answer) => { clearTimeout(timer); resolve(answer); },
          () => { clearTimeout(timer); resolve(null); },
        );
      } catch {
        clearTimeout(timer);
        resolve(null);
      }
    });
  }

  const pageLang = () => root.getAttribute("lang")?.trim() ?? "";
  /** `t` speaks the page's current language (or the browser's). */
  const speaking = () => asked?.lang === pageLang() && asked.settled;

  function speakPageLanguage() {
    const lang = pageLang();
    if (asked?.lang === lang) return asked.done;
    const ask = { lang, done: null, settled: false };
    asked = ask;
    ask.done = (async () => {
      const wanted = lang && L?.bestLocale([lang]);
      // chrome.i18n already speaks it when it is the browser's language.
      const browsers = L?.bestLocale([ext.i18n.getUILanguage()]) ?? "en";
      const answer = wanted && wanted !== browsers ? await askMessages(lang) : null;
      if (asked !== ask) return; // the page changed its language meanwhile
      if (answer?.messages && typeof answer.locale === "string") {
        t = L.makeT(answer.messages, { uiLocale: lang });
        spoken = answer.locale;
      } else {
        t = browserT;
        spoken = "";
      }
    })().finally(() => {
      ask.settled = true;
    });
    return ask.done;
  }

  // The page may change its language without a reload (ChatGPT's language setting).
  new MutationObserver(() => update()).observe(root, { attributes: true, attributeFilter: ["lang"] });

  ext.storage.local.get(["banners", "signal_table"]).then((stored) => {
    banners = list(stored.banners);
    update();
    watchForSigns(stored.signal_table);
  });

  // ---------------------------------------------------------------- is it just me?
  // Observes, and only observes, signs that ChatGPT is failing for this user: its own
  // error messages (where and which words: the core's table) and the browser going
  // offline. A sign goes to the background, which may look at the status page at once.
  // Nothing leaves the browser. Mutations only arm a timer; the look itself runs at most
  // every few seconds, so a busy page costs next to nothing.
  // An error is a visible error region in the conversation (any language: the table's
  // `structural` selectors), or one of the table's phrases, in any of its languages (the
  // page's language may not be the browser's), where ChatGPT shows errors.
  let signTimer = 0;
  const lastSign = {};
  // The page's text in the form the table's phrases are written in.
  const normal = (text) => text.normalize("NFKC").toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && (el.textContent ?? "").trim() !== "";
  };

  function watchForSigns(table) {
    if (!table?.hosts?.includes(location.hostname) || !Array.isArray(table.selectors)) return;
    const selector = table.selectors.join(",");
    const structural = Array.isArray(table.structural) ? table.structural.join(",") : "";
    // A table stored by an earlier version lists English phrases alone, as strings.
    const phrases = list(table.phrases).flatMap((p) => (typeof p === "string" ? [p] : list(p?.phrases)));
    const look = () => {
      signTimer = 0;
      if (structural && [...document.querySelectorAll(structural)].some(visible)) return sign("error_ui");
      for (const el of document.querySelectorAll(selector)) {
        const text = normal(el.textContent ?? "");
        if (phrases.some((p) => text.includes(p))) return sign("error_ui");
      }
    };
    new MutationObserver(() => {
      signTimer ||= setTimeout(look, table.check_every_ms ?? 2000);
    }).observe(root, { childList: true, subtree: true });
    for (const kind of ["offline", "online"]) addEventListener(kind, () => sign(kind));
    if (!navigator.onLine) sign("offline");
    look();
  }

  function sign(kind) {
    const now = Date.now();
    if (now - (lastSign[kind] ?? 0) < 60_000) return; // once a minute is plenty
    lastSign[kind] = now;
    send({ type: "signal", kind });
  }

  // The single-page app changes its path without a page load (e.g. / to /codex), which
  // can change which services matter. The Navigation API reports those; where it is
  // missing, a once-a-second look at the path costs next to nothing.
  let lastPath = location.pathname;
  const onNavigate = () => {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    update();
  };
  const nav = globalThis.navigation;
  if (nav?.addEventListener) {
    for (const type of ["navigatesuccess", "currententrychange"]) nav.addEventListener(type, onNavigate);
  } else {
    setInterval(onNavigate, 1000);
  }
  addEventListener("popstate", onNavigate);

  // A new verdict redraws. "Preview the banner" on the options page stores sample data as
  // `banner_preview`: it is drawn like a real banner until its `until`, then the real state
  // returns. Saying so tells the options page that a tab showed it.
  let previewTimer = 0;
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes.banners) {
      banners = list(changes.banners.newValue);
      update();
    }
    const record = changes.banner_preview?.newValue;
    const now = Date.now();
    if (!record?.banner || !(record.until > now)) return;
    speakPageLanguage().then(() => safely(() => {
      show({ id: "preview", preview: true }, record.banner, false);
      send({ type: "preview-shown" });
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => {
        remove();
        update();
      }, Math.min(record.until - now, 60_000));
    }));
  });
})();

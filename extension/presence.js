// Outage Radar: tells the background that a ChatGPT tab is open and visible, so it checks
// about every minute while you are on ChatGPT (and every 5–10 minutes otherwise).
// Why a message from here: it needs no permission at all. Asking the browser which tabs
// are open would need the `tabs` permission ("read your browsing history") or host access
// to chatgpt.com, and storage.session is closed to content scripts by default.
// Said on load, when the tab becomes visible, and once a minute while it stays visible;
// a hidden tab says nothing, and the background lets the report age out (src/background/schedule.rs).
(() => {
  "use strict";
  const ext = globalThis.browser ?? globalThis.chrome;
  const say = () => {
    if (document.visibilityState !== "visible") return;
    try {
      ext.runtime.sendMessage({ type: "chat-open" })?.catch?.(() => {});
    } catch {
      // The extension was updated or removed under this page: nothing to tell.
    }
  };
  say();
  document.addEventListener("visibilitychange", say);
  setInterval(say, 60_000);
})();

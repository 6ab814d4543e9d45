// The toolbar popup: shows the verdict the background stored, follows its changes, and
// asks the background for a fresh check on request. Rendering lives in view.js.
import { renderStatus } from "./view.js";

const ext = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
const main = document.getElementById("status");

for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);

function render(verdict) {
  if (!verdict) {
    main.replaceChildren();
    const h = document.createElement("h1");
    h.className = "overall";
    h.textContent = t("overall_none");
    main.append(h);
    return;
  }
  renderStatus(main, verdict, { t });
}

ext.storage.local.get("verdict").then(({ verdict }) => render(verdict));
ext.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.verdict) render(changes.verdict.newValue);
});

const refresh = document.getElementById("refresh");
refresh.addEventListener("click", async () => {
  refresh.disabled = true;
  try {
    await ext.runtime.sendMessage({ type: "refresh" });
  } finally {
    refresh.disabled = false;
  }
});

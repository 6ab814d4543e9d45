import { optionalOrigins, syncSites } from "./sites.js";

// Options: settings are stored in storage.sync (where the browser has it) and read by the
// background at every check, so a change takes effect at the next check or refresh.
const ext = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);

const form = document.getElementById("form");
const saved = document.getElementById("saved");

const { settings = {} } = await ext.storage.sync.get("settings");
form.banner_enabled.checked = settings.banner_enabled ?? true;

// ---------------------------------------------------------------- optional sites
// The core's page table (stored with every verdict as `banners`) says which hosts belong
// to which services; the manifest says which of them are optional. Each optional page
// gets a switch that asks for (or gives back) access to exactly its hosts.
const optional = new Set(optionalOrigins(ext.runtime.getManifest()));
const sites = document.getElementById("sites");
const { banners = [] } = await ext.storage.local.get("banners");
const { origins: granted = [] } = await ext.permissions.getAll();
for (const page of banners) {
  const origins = page.hosts.map((host) => `https://${host}/*`);
  if (!origins.every((origin) => optional.has(origin))) continue;
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = `site_${page.id}`;
  box.checked = origins.every((origin) => granted.includes(origin));
  box.addEventListener("change", (event) => {
    event.stopPropagation(); // not a setting: the browser's permissions hold it
    // Called at once, inside the click: browsers grant permissions only on a user gesture.
    const asked = box.checked
      ? ext.permissions.request({ permissions: ["scripting"], origins })
      : ext.permissions.remove({ origins });
    Promise.resolve(asked)
      .then((ok) => {
        if (box.checked && !ok) box.checked = false;
        return syncSites();
      })
      .then(() => (saved.textContent = t("options_saved")));
  });
  const label = document.createElement("label");
  label.append(box, " ", t(`site_${page.id}`) || page.hosts.join(", "));
  sites.append(label);
}

form.addEventListener("change", async () => {
  const next = { ...settings, banner_enabled: form.banner_enabled.checked };
  await ext.storage.sync.set({ settings: next });
  await ext.runtime.sendMessage({ type: "refresh" });
  saved.textContent = t("options_saved");
});

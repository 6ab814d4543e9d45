// Options: settings are stored in storage.sync (where the browser has it) and read by the
// background at every check, so a change takes effect at the next check or refresh.
const ext = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);

const form = document.getElementById("form");
const saved = document.getElementById("saved");

const { settings = {} } = await ext.storage.sync.get("settings");
form.banner_enabled.checked = settings.banner_enabled ?? true;

form.addEventListener("change", async () => {
  const next = { ...settings, banner_enabled: form.banner_enabled.checked };
  await ext.storage.sync.set({ settings: next });
  await ext.runtime.sendMessage({ type: "refresh" });
  saved.textContent = t("options_saved");
});

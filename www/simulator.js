// The simulator: "what would the extension show?". Status payloads (a built-in scenario,
// pasted text or dropped files) go through the core's `simulate`, the same decision code
// the extension runs; the result is drawn by the banner and popup views side by side.
// The banner is drawn by extension/banner.js, the content script's own drawing code
// (a classic script, loaded by simulator.html, that defines globalThis.OutageRadarBanner).
// Nothing leaves the page: the scenarios ship with the site and dropped files are read
// locally.
import { loadCore } from "./core.js";
import { languagePicker, loadLanguage } from "./lang.js";
import { renderStatus } from "./view.js";

/** Bigger inputs are refused before they reach the core (status pages are ~10–100 kB). */
const MAX_BYTES = 4 * 1024 * 1024;
const $ = (id) => document.getElementById(id);
const ui = {
  scenarios: $("scenarios"),
  json: $("json"),
  run: $("run"),
  files: $("files"),
  dropzone: $("dropzone"),
  page: $("page"),
  now: $("now"),
  nowButton: $("now-button"),
  error: $("sim-error"),
  caption: $("sim-caption"),
  result: $("sim-result"),
  address: $("sim-address"),
  pageBody: $("sim-page"),
  popup: $("sim-popup"),
  badge: $("sim-badge"),
};

/** The messages of the language shown (set once they are loaded). */
let t = null;
const L = globalThis.OutageRadarL10n;

/** A scenario's title in the language shown: its message by id, or scenarios.json's (English) title for one without a message. */
function scenarioTitle(scenario) {
  const key = `sim_scenario_${String(scenario.id).replace(/-/g, "_")}`;
  const said = t(key);
  return said && said !== key ? said : scenario.title;
}

const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

function showError(text) {
  ui.error.textContent = text ?? "";
  ui.error.hidden = !text;
  ui.result.hidden = Boolean(text);
  if (!text) return;
  // Nothing of the previous run stays behind an error: its caption, banner, popup, badge.
  ui.caption.textContent = "";
  ui.pageBody.replaceChildren();
  ui.popup.replaceChildren();
  ui.badge.textContent = "";
}

function start(simulate, catalogue) {
  /** What is being simulated: payload texts with a label for the caption. */
  let input = { label: "", bodies: [] };

  function run() {
    if (!input.bodies.length) {
      showError(t("sim_error_nothing"));
      return;
    }
    const now = Date.parse(ui.now.value.trim());
    if (Number.isNaN(now)) {
      showError(t("sim_error_time", [ui.now.value, isoSeconds(Date.now())]));
      return;
    }
    const pageUrl = ui.page.value;
    let verdict;
    try {
      verdict = simulate(input.bodies, pageUrl, now);
    } catch (err) {
      // The core rejects unreadable input with a one-line reason.
      showError(t("sim_error_unreadable", [input.label, String(err?.message ?? err)]));
      return;
    }
    showError(null);
    ui.caption.textContent = t("sim_showing", [input.label, pageUrl, isoSeconds(now)]);
    drawBanner(verdict, pageUrl, now);
    renderStatus(ui.popup, verdict, { t, now });
    ui.badge.textContent = verdict.badge?.text || t("sim_badge_none");
    ui.badge.style.borderColor = verdict.badge?.text ? verdict.badge.color : "";
  }

  function drawBanner(verdict, pageUrl, now) {
    ui.address.textContent = pageUrl;
    const banner = verdict.banner;
    const note = document.createElement("p");
    note.className = "no-banner";
    if (!banner?.show) {
      note.textContent = t("sim_no_banner");
      ui.pageBody.replaceChildren(note);
      return;
    }
    // The same host the content script makes, but in the flow of this page (no
    // data-placement="page") and with an open shadow root.
    const host = document.createElement("outage-radar-banner");
    host.dataset.level = banner.level;
    host.dataset.theme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    const root = host.attachShadow({ mode: "open" });
    const onDismiss = () => {
      note.textContent = `${t("sim_dismissed")} `;
      const again = document.createElement("button");
      again.type = "button";
      again.textContent = t("sim_show_again");
      again.addEventListener("click", () => drawBanner(verdict, pageUrl, now));
      note.append(again);
      ui.pageBody.replaceChildren(note);
    };
    // adoptStyles: a constructed stylesheet, since this page's CSP allows no inline <style>.
    globalThis.OutageRadarBanner.render(root, banner, { t, now, onDismiss, adoptStyles: true });
    ui.pageBody.replaceChildren(host);
  }

  async function readFiles(fileList) {
    const files = [...fileList];
    if (!files.length) return;
    const tooBig = files.find((f) => f.size > MAX_BYTES);
    if (tooBig) {
      showError(t("sim_error_too_big", [tooBig.name, L.intl(t).unit(Math.round(tooBig.size / 1024), "kilobyte", "short")]));
      return;
    }
    const bodies = await Promise.all(files.map((f) => f.text()));
    ui.json.value = bodies.length === 1 ? bodies[0] : "";
    input = { label: files.length === 1 ? t("sim_what_file", [files[0].name]) : t("sim_what_files", [L.intl(t).list(files.map((f) => f.name))]), bodies };
    ui.now.value = isoSeconds(Date.now());
    markScenario(null);
    run();
  }

  function markScenario(id) {
    for (const button of ui.scenarios.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.id === id));
    }
  }

  const loaded = new Map();
  async function loadScenario(scenario) {
    try {
      if (!loaded.has(scenario.id)) {
        const texts = await Promise.all(
          scenario.files.map(async (file) => {
            const response = await fetch(`scenarios/${file}`);
            if (!response.ok) throw new Error(`scenarios/${file}: HTTP ${response.status}`);
            return response.text();
          }),
        );
        loaded.set(scenario.id, texts);
      }
    } catch (err) {
      showError(t("sim_error_scenario", [t("sim_what_scenario", [scenario.title]), String(err?.message ?? err)]));
      return;
    }
    const bodies = loaded.get(scenario.id);
    input = { label: t("sim_what_scenario", [scenario.title]), bodies };
    ui.json.value = bodies.length === 1 ? bodies[0] : "";
    ui.page.value = scenario.page;
    ui.now.value = catalogue.as_of;
    markScenario(scenario.id);
    run();
  }

  for (const scenario of catalogue.scenarios) {
    scenario.title = scenarioTitle(scenario);
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.id = scenario.id;
    button.setAttribute("aria-pressed", "false");
    button.textContent = scenario.title;
    button.addEventListener("click", () => loadScenario(scenario));
    const item = document.createElement("li");
    item.append(button);
    ui.scenarios.append(item);
  }

  ui.run.addEventListener("click", () => {
    if (!ui.json.value.trim()) {
      showError(t("sim_error_empty"));
      return;
    }
    input = { label: t("sim_what_pasted"), bodies: [ui.json.value] };
    markScenario(null);
    run();
  });
  ui.json.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) ui.run.click();
  });
  ui.files.addEventListener("change", () => readFiles(ui.files.files));
  ui.page.addEventListener("change", run);
  ui.now.addEventListener("change", run);
  ui.nowButton.addEventListener("click", () => {
    ui.now.value = isoSeconds(Date.now());
    run();
  });

  // Files can be dropped anywhere on the page; without this the browser would open them.
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    ui.dropzone.classList.add("dragging");
  });
  document.addEventListener("dragleave", (event) => {
    if (!event.relatedTarget) ui.dropzone.classList.remove("dragging");
  });
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    ui.dropzone.classList.remove("dragging");
    if (event.dataTransfer?.files?.length) readFiles(event.dataTransfer.files);
  });

  const wanted = new URLSearchParams(location.hash.slice(1)).get("scenario");
  const first = catalogue.scenarios.find((s) => s.id === wanted) ?? catalogue.scenarios.find((s) => s.id === "chatgpt-partial-outage") ?? catalogue.scenarios[0];
  if (first) loadScenario(first);
}

try {
  const [language, core, catalogue] = await Promise.all([
    loadLanguage(),
    loadCore(),
    fetch("scenarios.json").then((r) => {
      if (!r.ok) throw new Error(`scenarios.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  if (!globalThis.OutageRadarBanner?.render) throw new Error("banner.js, the banner's drawing code, did not load");
  t = language.t;
  document.querySelector("header.site")?.append(languagePicker(t, language.locale, language.locales));
  document.title = `${t("sim_title")} — Outage Radar`;
  const code = (text) => Object.assign(document.createElement("code"), { textContent: text });
  document.getElementById("paste-label").replaceChildren(
    ...L.nodes(t, "sim_paste", ["/proxy/status.openai.com", "/api/v2/summary.json", "components.json", "status.json"].map(code)));
  document.getElementById("popup-caption").replaceChildren(...L.nodes(t, "sim_popup_caption", [ui.badge]));
  start(core.simulate, catalogue);
} catch (err) {
  for (const control of document.querySelectorAll("button, textarea, input, select")) control.disabled = true;
  const reason = String(err?.message ?? err);
  showError(t ? t("sim_error_start", [reason]) : `The simulator could not start: ${reason}. Try reloading the page.`);
}

// Loads the Rust core (the same wasm the extension ships) once per page.
import init, * as core from "./pkg/outage_radar.js";

let ready = null;

/** Resolves to the core's exports (`check`, `decide`, `simulate`) once the wasm is in. */
export function loadCore() {
  ready ??= init({ module_or_path: new URL("pkg/outage_radar_bg.wasm", import.meta.url) }).then(() => core);
  return ready;
}

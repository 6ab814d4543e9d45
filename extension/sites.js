// The optional sites (platform.openai.com, sora.com, …): the banner appears there only
// after the user grants access on the options page. Granting adds host access and the
// `scripting` permission; this module then registers the same content scripts as the
// manifest's for exactly the granted hosts, and drops them when access is revoked.
// The background keeps the registration in step with permission changes; the options
// page also syncs right after the user's choice, because Firefox gives a running event
// page the `scripting` API only once it restarts.
const ext = globalThis.browser ?? globalThis.chrome;
const SCRIPT_ID = "outage-radar-optional-sites";

/**
 * The optional host patterns of a manifest. Firefox reports them folded into
 * `optional_permissions`, Chrome under `optional_host_permissions`.
 */
export function optionalOrigins(manifest) {
  return [...(manifest.optional_host_permissions ?? []), ...(manifest.optional_permissions ?? [])].filter((p) =>
    p.startsWith("https://"),
  );
}

/** Registers the content scripts for the optional hosts the user has granted, and no others. */
export async function syncSites() {
  try {
    // Without the optional `scripting` permission the API is absent: nothing to register.
    if (!ext.scripting?.registerContentScripts) return;
    const manifest = ext.runtime.getManifest();
    const optional = optionalOrigins(manifest);
    const { origins = [] } = await ext.permissions.getAll();
    const granted = optional.filter((origin) => origins.includes(origin));
    const existing = await ext.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] }).catch(() => {});
    if (!granted.length) return;
    await ext.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: granted,
        // The manifest's own content scripts; Firefox reports them as absolute URLs,
        // which registerContentScripts refuses.
        js: manifest.content_scripts[0].js.map((file) => new URL(file, ext.runtime.getURL("/")).pathname.slice(1)),
        runAt: "document_idle",
        persistAcrossSessions: true,
      },
    ]);
  } catch (err) {
    console.error("Outage Radar: could not register the optional sites", err);
  }
}

/** For the background: follow permission changes (call synchronously at load). */
export function followSitePermissions() {
  ext.permissions.onAdded.addListener(() => syncSites());
  ext.permissions.onRemoved.addListener(() => syncSites());
  ext.runtime.onStartup.addListener(() => syncSites());
  ext.runtime.onInstalled.addListener(() => syncSites());
}

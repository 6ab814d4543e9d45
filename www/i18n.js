// The extension's English messages (its _locales file, copied into the site at build time),
// read the way chrome.i18n.getMessage reads them, so the page and the popup word things
// identically without a second copy of any string.

/** Loads the messages and returns `t(key, substitutions)`, like chrome.i18n.getMessage. */
export async function loadT(url = "_locales/en/messages.json") {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return makeT(await response.json());
}

/** `t` over an already loaded messages object; an unknown key reads as itself. */
export function makeT(messages) {
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) return key;
    // Placeholder names are letters, digits, "_" and "@", as chrome.i18n reads them ($P30$).
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name) => {
      const ref = entry.placeholders?.[name.toLowerCase()]?.content ?? "";
      return ref.replace(/\$(\d)/g, (__, i) => subs[Number(i) - 1] ?? "");
    });
  };
}

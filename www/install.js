// The install guide in the visitor's language. The page is written in English (what it shows
// without scripts); each sentence is a message, and an element marked data-i18n-nodes is
// refilled from its message with its own child elements (code, names in bold, links) as the
// message's placeholders, in their order ($1 the first), so a translation may move them.
import { languagePicker, loadLanguage } from "./lang.js";

const L = globalThis.OutageRadarL10n;

const { t, locale, locales } = await loadLanguage();
document.querySelector("header.site")?.append(languagePicker(t, locale, locales));
for (const node of document.querySelectorAll("[data-i18n-alt]")) node.alt = t(node.dataset.i18nAlt);
for (const node of document.querySelectorAll("[data-i18n-nodes]")) {
  node.replaceChildren(...L.nodes(t, node.dataset.i18nNodes, [...node.children]));
}

// The web page's messages: the extension's (the popup's and the banner's words, shown by
// the page's views too) with the page's own (www/_locales: its navigation, introduction
// and simulator, which the extension never shows and so doesn't ship), one messages.json
// per locale, plus locales.json, the list the page's language picker offers.
// usage: node tools/www-locales.mjs extension/_locales www/_locales dist/www/_locales
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [extension, page, out] = process.argv.slice(2);
const read = (dir, locale) => JSON.parse(readFileSync(path.join(dir, locale, "messages.json"), "utf8"));
const locales = readdirSync(extension).sort();
for (const locale of locales) {
  const own = read(extension, locale);
  const more = read(page, locale);
  const twice = Object.keys(more).filter((key) => key in own);
  if (twice.length) throw new Error(`${locale}: ${twice.join(", ")} in both message files`);
  mkdirSync(path.join(out, locale), { recursive: true });
  writeFileSync(path.join(out, locale, "messages.json"), `${JSON.stringify({ ...own, ...more }, null, 2)}\n`);
}
writeFileSync(path.join(out, "..", "locales.json"), `${JSON.stringify(locales)}\n`);

// Each language the extension ships, named in itself: the web page's language picker.
export const NAMES = {
  ar: "العربية", de: "Deutsch", en: "English", es: "Español", fr: "Français", hi: "हिन्दी", id: "Bahasa Indonesia",
  it: "Italiano", ja: "日本語", ko: "한국어", nl: "Nederlands", pl: "Polski", pt_BR: "Português (Brasil)", ru: "Русский",
  tr: "Türkçe", uk: "Українська", vi: "Tiếng Việt", zh_CN: "简体中文", zh_TW: "繁體中文",
};

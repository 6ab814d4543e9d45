// The language shown, and everything formatted in it: the shipped locales, the match of a
// language tag to one, messages.json read as chrome.i18n reads it, and Intl formatters. A
// classic script (like banner.js) shared by the content script, the extension's pages and
// background (imported for its effect) and the web page. Formatters take `t`, the lookup of
// the language shown; they format in its messages' own `intl_locale`, so the words and the
// numbers in them are always one language.
globalThis.OutageRadarL10n ??= (() => {
  "use strict";

  /** The shipped locales (extension/_locales; tests/unit/l10n.test.mjs keeps them in step). */
  const LOCALES = ["ar", "de", "en", "es", "fr", "hi", "id", "it", "ja", "ko", "nl", "pl", "pt_BR", "ru", "tr", "uk", "vi", "zh_CN", "zh_TW"];
  const RTL = new Set(["ar", "fa", "he", "iw", "ur", "ps", "yi"]);

  /** The shipped locale for the first of `tags` one serves (ja-JP → ja, pt → pt_BR, zh-Hant/-TW/-HK → zh_TW, zh → zh_CN), or null. */
  function bestLocale(tags, available = LOCALES) {
    const have = new Map(available.map((l) => [l.toLowerCase().replace(/_/g, "-"), l]));
    for (const raw of tags ?? []) {
      if (typeof raw !== "string" || !raw.trim()) continue;
      const tag = raw.trim().replace(/_/g, "-").toLowerCase();
      const [lang, ...rest] = tag.split("-");
      if (lang === "zh") {
        const traditional = rest.includes("hant") || rest.some((p) => ["tw", "hk", "mo"].includes(p));
        const pick = have.get(traditional ? "zh-tw" : "zh-cn") ?? have.get("zh-cn") ?? have.get("zh-tw");
        if (pick) return pick;
        continue;
      }
      const region = rest.find((p) => /^([a-z]{2}|\d{3})$/.test(p));
      const exact = region && have.get(`${lang}-${region}`);
      if (exact) return exact;
      if (have.has(lang)) return have.get(lang);
      // A language shipped only in one regional form (pt → pt_BR).
      const regional = [...have.entries()].find(([key]) => key.startsWith(`${lang}-`));
      if (regional) return regional[1];
    }
    return null;
  }

  /** A message with its substitutions as chrome.i18n words it: `$NAME$` (letters, digits, _; any case) a placeholder, `$1`… in its content the substitutions, `$$` a dollar. */
  function substitute(entry, subs = []) {
    if (!entry || typeof entry.message !== "string") return "";
    const list = Array.isArray(subs) ? subs : [subs];
    const placeholders = {};
    for (const [name, value] of Object.entries(entry.placeholders ?? {})) placeholders[name.toLowerCase()] = value;
    const fill = (text) => text.replace(/\$(\d)/g, (_, i) => String(list[Number(i) - 1] ?? ""));
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
      if (!name) return "$";
      const content = placeholders[name.toLowerCase()]?.content;
      return typeof content === "string" ? fill(content) : "";
    });
  }

  /** `t(key, substitutions)` over loaded messages, like chrome.i18n.getMessage (`@@ui_locale`: `uiLocale`); an unknown key reads as itself. */
  function makeT(messages, { uiLocale } = {}) {
    const own = messages?.intl_locale?.message ?? "en";
    return (key, subs = []) => {
      if (key === "@@ui_locale") return String(uiLocale ?? own).replace(/-/g, "_");
      if (key === "@@bidi_dir") return dirOf(own);
      const entry = messages?.[key];
      return entry ? substitute(entry, subs) : key;
    };
  }

  /** "rtl" for a right-to-left language, else "ltr". */
  function dirOf(locale) {
    return RTL.has(String(locale ?? "").toLowerCase().split(/[-_]/)[0]) ? "rtl" : "ltr";
  }

  /** The Intl tag of the language `t` speaks: its `intl_locale`, in `@@ui_locale`'s region if the same language (en-GB's 24-hour clock). */
  function localeOf(t) {
    const said = t("intl_locale");
    const lang = said && said !== "intl_locale" ? said : "en";
    const ui = String(t("@@ui_locale") ?? "").replace(/_/g, "-");
    const tag = ui.split("-")[0].toLowerCase() === lang.split("-")[0].toLowerCase() && ui.includes("-") ? ui : lang;
    for (const candidate of [tag, lang, "en"]) {
      try {
        return Intl.getCanonicalLocales(candidate)[0];
      } catch {
        // Not a well-formed tag: try the next.
      }
    }
    return "en";
  }

  const cache = new Map();
  const made = (kind, locale, options, make) => {
    const key = `${kind}|${locale}|${JSON.stringify(options)}`;
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
  };

  /** The formatters of the language `t` speaks: every number, time and date shown goes through them. */
  function intl(t) {
    const locale = localeOf(t);
    const nf = (options = {}) => made("n", locale, options, () => new Intl.NumberFormat(locale, options));
    const df = (options) => made("d", locale, options, () => new Intl.DateTimeFormat(locale, options));
    const rtf = made("r", locale, {}, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" }));
    const rules = made("p", locale, {}, () => new Intl.PluralRules(locale));
    const unit = (n, name, display = "long") => nf({ style: "unit", unit: name, unitDisplay: display }).format(n);
    const valid = (ms) => Number.isFinite(ms) && Number.isFinite(new Date(ms).getTime());

    /** "47 min", "1 hr, 5 min", "3 days": `mins` minutes. */
    function minutes(mins) {
      const m = Math.max(0, Math.round(mins));
      if (m >= 48 * 60) return unit(Math.floor(m / 1440), "day", "short");
      if (m < 60) return unit(m, "minute", "short");
      const parts = { hours: Math.floor(m / 60), minutes: m % 60 };
      if (typeof Intl.DurationFormat === "function") {
        return made("u", locale, {}, () => new Intl.DurationFormat(locale, { style: "short" })).format(parts);
      }
      const said = [unit(parts.hours, "hour", "short")];
      if (parts.minutes) said.push(unit(parts.minutes, "minute", "short"));
      return made("l", locale, {}, () => new Intl.ListFormat(locale, { type: "unit", style: "short" })).format(said);
    }

    /** "12 minutes ago", "in 2 hours", "now": the relative time of `ms` seen from `now`. */
    function relative(ms, now) {
      const secs = Math.round((ms - now) / 1000);
      const abs = Math.abs(secs);
      if (abs < 10) {
        const just = t("ago_now");
        return secs <= 0 && just && just !== "ago_now" ? just : rtf.format(0, "second");
      }
      // Past: whole units ("12 minutes ago" until the 13th); ahead: the nearest.
      const count = (unitSecs) => (secs < 0 ? Math.trunc(secs / unitSecs) : Math.round(secs / unitSecs));
      if (abs < 60) return rtf.format(secs, "second");
      if (abs < 120 * 60) return rtf.format(count(60), "minute");
      if (abs < 2 * 86400) return rtf.format(count(3600), "hour");
      return rtf.format(count(86400), "day");
    }

    return {
      locale,
      dir: dirOf(locale),
      /** A count or any plain number: 12, ١٢, 1,234. */
      number: (n) => nf().format(n),
      /** 99.72 %: `fraction` is 0.9972. */
      percent: (fraction, digits = 2) => nf({ style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction),
      /** "90 days", "5 minutes": a number with its unit, in words. */
      unit,
      minutes,
      duration: (ms) => minutes(Math.floor(Math.max(0, ms) / 60000)),
      relative,
      /** "14:02", with the date when it is not the day of `now`. */
      clock(ms, now = Date.now()) {
        if (!valid(ms)) return "?";
        const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
        const options = sameDay ? { hour: "numeric", minute: "2-digit" } : { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" };
        return df(options).format(new Date(ms));
      },
      /** A date and time in full, for tooltips and reports. */
      dateTime: (ms) => (valid(ms) ? df({ dateStyle: "medium", timeStyle: "short" }).format(new Date(ms)) : "?"),
      /** "25 June 2026" (`options` as Intl.DateTimeFormat's). */
      date: (ms, options = { year: "numeric", month: "long", day: "numeric" }) => (valid(ms) ? df(options).format(new Date(ms)) : "?"),
      /** `${base}_${category}` for the count `n` (Intl.PluralRules' zero, one, two, few, many, other), else `${base}_other`: chrome.i18n has no plurals. */
      plural(base, n, subs = []) {
        const key = `${base}_${rules.select(n)}`;
        const said = t(key, subs);
        return said && said !== key ? said : t(`${base}_other`, subs);
      },
      /** Names joined as a list in this language ("A, B and C"). */
      list: (names) => made("l2", locale, {}, () => new Intl.ListFormat(locale, { type: "unit", style: "short" })).format(names),
    };
  }

  /** A message whose substitutions may be DOM nodes (OpenAI's names in <bdi lang=en>), as strings and nodes to `append`. */
  function nodes(t, key, subs = []) {
    const marks = subs.map((s, i) => (typeof s === "string" ? s : `\uE000${i}\uE001`));
    const parts = t(key, marks).split(/\uE000(\d+)\uE001/);
    return parts.map((part, i) => (i % 2 ? subs[Number(part)] : part)).filter((p) => p !== "");
  }

  /** OpenAI's (English) words in plain text (notifications, tooltips): isolated (FSI…PDI) in a right-to-left language. */
  function isolate(t, text) {
    return dirOf(localeOf(t)) === "rtl" ? `\u2068${text}\u2069` : String(text);
  }

  return { LOCALES, bestLocale, substitute, makeT, dirOf, localeOf, intl, nodes, isolate };
})();

//! "Is it just me?": signs that ChatGPT is failing for this user while the status page
//! says all is well, and what to make of them.
//!
//! The status page often lags real failures by many minutes, and OpenAI itself says
//! availability is reported in aggregate. So the content script *observes* (never wraps,
//! patches or alters anything of the page) a few signs, listed here as data: ChatGPT's own
//! error messages and the browser going offline. Nothing leaves the browser: the signs
//! only make the background look at the status page again sooner and the popup explain
//! the likely causes in order.

use crate::model::snapshot::MINUTE_MS;
use serde::{Deserialize, Serialize};

use crate::decide::verdict::{FreshnessState, JustMe, LikelyCause, Verdict};

/// Where ChatGPT shows errors, and what marks one. Two ways for a sign, each kept narrow,
/// because a false sign costs the user a needless worry:
/// - structure, in any language: a visible error region *inside the conversation*
///   (`structural`: ChatGPT's failed turn is an alert / error-styled box in `main`), whatever
///   its words;
/// - a known phrase (`phrases`, per language; those of every language are looked for,
///   whatever the page's, case-insensitively) inside one of the places ChatGPT shows errors
///   (`selectors`: alert regions, error-styled text, toasts), which also covers errors
///   shown outside the conversation.
///
/// Ordinary text never counts by its words alone: a chat message saying "Fehler" or
/// "エラー" is not in an error region, and no phrase is a bare word for "error".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalTable {
    /// Only ChatGPT's own pages are watched.
    pub hosts: &'static [&'static str],
    pub selectors: &'static [&'static str],
    /// Error regions that are a sign by themselves when they show any text: each is scoped
    /// to the conversation (`main`), where alerts mean a failed turn.
    pub structural: &'static [&'static str],
    pub phrases: &'static [Phrases],
    /// The content script looks at most this often (ms), however busy the page is.
    pub check_every_ms: u32,
}

/// ChatGPT's error phrases in one language, as the content script compares them: lower
/// case, straight apostrophes, single spaces, "..." for an ellipsis (it brings the page's
/// text to that form: NFKC, lower case, ’ → ', runs of spaces → one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phrases {
    /// The locale as in `extension/_locales`.
    pub lang: &'static str,
    pub phrases: &'static [&'static str],
}

const fn phrases(lang: &'static str, phrases: &'static [&'static str]) -> Phrases {
    Phrases { lang, phrases }
}

pub const TABLE: SignalTable = SignalTable {
    hosts: &["chatgpt.com", "chat.openai.com"],
    selectors: &[
        "[role='alert']",
        "[data-testid*='error']",
        ".text-token-text-error",
        "[class*='text-red']",
        "[class*='toast']",
    ],
    structural: &[
        "main [role='alert']",
        "main [data-testid*='error']",
        "main .text-token-text-error",
    ],
    phrases: PHRASES,
    check_every_ms: 2_000,
};

/// ChatGPT's error messages per shipped language. English: seen in ChatGPT's UI. The others
/// are believed from ChatGPT's UI or are the usual wording of its English messages in that
/// language, unverified (ChatGPT's own translations could not be checked offline); a wrong
/// phrase only misses a sign, and the structural rule still sees errors in the conversation.
/// Languages not listed rely on structure alone.
pub const PHRASES: &[Phrases] = &[
    phrases(
        "en",
        &[
            "something went wrong",
            "there was an error generating a response",
            "error in message stream",
            "network error",
            "an error occurred",
            "unable to load conversation",
            "too many requests",
            "is at capacity",
            "request timed out",
            "hmm...something seems to have gone wrong",
        ],
    ),
    // Unverified from here on (see above).
    phrases("ar", &["حدث خطأ ما", "حدث خطأ", "خطأ في الشبكة"]),
    phrases(
        "de",
        &[
            "etwas ist schiefgelaufen",
            "ein fehler ist aufgetreten",
            "beim generieren einer antwort ist ein fehler aufgetreten",
            "netzwerkfehler",
            "zu viele anfragen",
        ],
    ),
    phrases(
        "es",
        &[
            "algo salió mal",
            "se produjo un error",
            "ha ocurrido un error",
            "error de red",
            "demasiadas solicitudes",
        ],
    ),
    phrases(
        "fr",
        &[
            "une erreur s'est produite",
            "un problème est survenu",
            "une erreur est survenue",
            "erreur réseau",
            "trop de requêtes",
        ],
    ),
    phrases("hi", &["कुछ गलत हो गया", "एक त्रुटि हुई", "नेटवर्क त्रुटि"]),
    phrases(
        "id",
        &["terjadi kesalahan", "ada yang salah", "kesalahan jaringan"],
    ),
    phrases(
        "it",
        &[
            "si è verificato un errore",
            "qualcosa è andato storto",
            "errore di rete",
        ],
    ),
    phrases(
        "ja",
        &[
            "問題が発生しました",
            "エラーが発生しました",
            "ネットワークエラー",
        ],
    ),
    phrases(
        "ko",
        &[
            "문제가 발생했습니다",
            "오류가 발생했습니다",
            "네트워크 오류",
        ],
    ),
    phrases(
        "nl",
        &[
            "er is iets misgegaan",
            "er is een fout opgetreden",
            "netwerkfout",
        ],
    ),
    phrases("pl", &["coś poszło nie tak", "wystąpił błąd", "błąd sieci"]),
    phrases(
        "pt_BR",
        &["algo deu errado", "ocorreu um erro", "erro de rede"],
    ),
    phrases(
        "ru",
        &["что-то пошло не так", "произошла ошибка", "ошибка сети"],
    ),
    phrases(
        "tr",
        &["bir şeyler ters gitti", "bir hata oluştu", "ağ hatası"],
    ),
    phrases(
        "uk",
        &["щось пішло не так", "сталася помилка", "помилка мережі"],
    ),
    phrases("vi", &["đã xảy ra lỗi", "đã có lỗi xảy ra", "lỗi mạng"]),
    phrases("zh_CN", &["出了点问题", "发生错误", "网络错误"]),
    phrases("zh_TW", &["發生錯誤", "出了點問題", "網路錯誤"]),
];

/// What the content scripts reported, stored by the background.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Signals {
    pub error_ui_at: Option<i64>,
    pub offline_at: Option<i64>,
    pub online_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    ErrorUi,
    Offline,
    Online,
}

/// Signs older than this say nothing about now.
pub const SIGNAL_TTL_MS: i64 = 10 * MINUTE_MS;

impl Signals {
    pub fn record(&mut self, kind: SignalKind, now: i64) {
        match kind {
            SignalKind::ErrorUi => self.error_ui_at = Some(now),
            SignalKind::Offline => self.offline_at = Some(now),
            SignalKind::Online => self.online_at = Some(now),
        }
    }

    fn recent(at: Option<i64>, now: i64) -> Option<i64> {
        at.filter(|t| *t <= now && now - t < SIGNAL_TTL_MS)
    }

    /// Offline now: went offline and has not come back since.
    fn offline(&self, now: i64) -> bool {
        Self::recent(self.offline_at, now).is_some()
            && self.online_at.is_none_or(|on| Some(on) < self.offline_at)
    }
}

/// The "is it just me?" answer for the popup, or `None` when there are no recent signs,
/// or when OpenAI already reports a ChatGPT problem (then it isn't just you).
pub fn just_me(verdict: &Verdict, signals: &Signals, now: i64) -> Option<JustMe> {
    let offline = signals.offline(now);
    let error_ui = Signals::recent(signals.error_ui_at, now);
    if !offline && error_ui.is_none() {
        return None;
    }
    let reported = verdict.freshness.state.usable() && verdict.banner.show;
    if reported && !offline {
        return None;
    }
    let causes = if offline {
        vec![
            LikelyCause::YourNetwork,
            LikelyCause::NotYetReported,
            LikelyCause::AccountOrBrowser,
        ]
    } else {
        vec![
            LikelyCause::NotYetReported,
            LikelyCause::YourNetwork,
            LikelyCause::AccountOrBrowser,
        ]
    };
    let since = match (error_ui, Signals::recent(signals.offline_at, now)) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => now,
    };
    Some(JustMe {
        since,
        offline,
        causes,
    })
}

/// A new sign should make the background look at the status page again at once (as a
/// manual refresh, so the policy's minimum gap still holds), unless it is offline
/// (nothing to reach) or the page already reports the problem.
pub fn should_recheck(verdict: Option<&Verdict>, kind: SignalKind) -> bool {
    if kind != SignalKind::ErrorUi {
        return kind == SignalKind::Online;
    }
    let Some(v) = verdict else { return true };
    !(v.freshness.state == FreshnessState::Fresh && v.banner.show)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::verdict::{Banner, Freshness};

    const NOW: i64 = 1_790_000_000_000;

    fn verdict(banner: bool, checked_at: i64) -> Verdict {
        Verdict {
            checked_at,
            freshness: Freshness {
                state: FreshnessState::Fresh,
                ..Default::default()
            },
            banner: Banner {
                show: banner,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn no_signs_no_answer() {
        assert_eq!(
            just_me(&verdict(false, NOW), &Signals::default(), NOW),
            None
        );
    }

    #[test]
    fn chatgpt_errors_while_all_clear_point_first_to_an_unreported_problem() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW - 1000);
        let answer = just_me(&verdict(false, NOW), &s, NOW).expect("an answer");
        assert_eq!(answer.causes[0], LikelyCause::NotYetReported);
        assert!(!answer.offline);
        assert_eq!(answer.since, NOW - 1000);
    }

    #[test]
    fn offline_points_first_to_your_network() {
        let mut s = Signals::default();
        s.record(SignalKind::Offline, NOW - 1000);
        let answer = just_me(&verdict(false, NOW), &s, NOW).expect("an answer");
        assert_eq!(answer.causes[0], LikelyCause::YourNetwork);
        s.record(SignalKind::Online, NOW - 500);
        assert_eq!(just_me(&verdict(false, NOW), &s, NOW), None, "back online");
    }

    #[test]
    fn a_reported_problem_is_not_just_you() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW);
        assert_eq!(just_me(&verdict(true, NOW), &s, NOW), None);
    }

    #[test]
    fn old_signs_say_nothing() {
        let mut s = Signals::default();
        s.record(SignalKind::ErrorUi, NOW - SIGNAL_TTL_MS);
        assert_eq!(just_me(&verdict(false, NOW), &s, NOW), None);
    }

    #[test]
    fn recheck_on_new_errors_unless_already_reported() {
        assert!(should_recheck(None, SignalKind::ErrorUi));
        assert!(should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::ErrorUi
        ));
        assert!(!should_recheck(
            Some(&verdict(true, NOW)),
            SignalKind::ErrorUi
        ));
        assert!(!should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::Offline
        ));
        assert!(should_recheck(
            Some(&verdict(false, NOW)),
            SignalKind::Online
        ));
    }

    /// The languages the extension ships (issue 22), each with phrases.
    const SHIPPED: [&str; 19] = [
        "en", "ar", "de", "es", "fr", "hi", "id", "it", "ja", "ko", "nl", "pl", "pt_BR", "ru",
        "tr", "uk", "vi", "zh_CN", "zh_TW",
    ];

    #[test]
    fn every_shipped_language_has_phrases_once() {
        let langs: Vec<&str> = PHRASES.iter().map(|p| p.lang).collect();
        let mut sorted = langs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), langs.len(), "a language listed twice");
        for lang in SHIPPED {
            let entry = PHRASES.iter().find(|p| p.lang == lang);
            assert!(entry.is_some_and(|p| !p.phrases.is_empty()), "{lang}");
        }
    }

    #[test]
    fn phrases_are_in_the_form_the_content_script_compares() {
        for p in PHRASES.iter().flat_map(|p| p.phrases) {
            assert_eq!(*p, p.to_lowercase(), "{p}: lower case");
            assert_eq!(p.trim(), *p, "{p}: no outer spaces");
            assert!(
                !p.contains("  ") && !p.contains('\u{2019}') && !p.contains('\u{2026}'),
                "{p}"
            );
        }
    }

    /// A bare word for "error" would make any toast or red text mentioning one a sign.
    #[test]
    fn no_phrase_is_a_bare_word_for_error() {
        let bare = [
            "error",
            "fehler",
            "erreur",
            "errore",
            "erro",
            "fout",
            "błąd",
            "ошибка",
            "помилка",
            "hata",
            "lỗi",
            "kesalahan",
            "خطأ",
            "त्रुटि",
            "エラー",
            "오류",
            "错误",
            "錯誤",
        ];
        for p in PHRASES.iter().flat_map(|p| p.phrases) {
            assert!(!bare.contains(p), "{p}");
            assert!(p.chars().count() >= 4, "{p}: too short to be specific");
        }
    }

    /// Structure counts without words only inside the conversation; elsewhere (toasts,
    /// menus, the page's own chrome) a phrase is needed.
    #[test]
    fn structural_selectors_are_scoped_to_the_conversation() {
        assert!(!TABLE.structural.is_empty());
        for s in TABLE.structural {
            assert!(s.starts_with("main "), "{s}");
            assert!(
                TABLE.selectors.contains(&&s["main ".len()..]),
                "{s} is also a place for phrases"
            );
        }
    }

    #[test]
    fn the_table_reaches_the_content_script_as_plain_data() {
        let json = serde_json::to_value(TABLE).expect("serializes");
        assert_eq!(json["phrases"][0]["lang"], "en");
        assert_eq!(json["phrases"][0]["phrases"][0], "something went wrong");
        assert_eq!(json["structural"][0], "main [role='alert']");
    }
}

//! THE table of which status-page services matter on which web page.
//!
//! Services are names matched (case-insensitively) first against group names, then,
//! if no group has that name, against component names. So "ChatGPT" means the whole
//! ChatGPT group, keyed by the ids the group holds at run time, and never the API's
//! component that happens to share a name (the two "Login"s).
//!
//! Sora: the page has no Sora group today, only a "Sora" component in the APIs
//! group. sora.com shows the Sora *component* (wherever it sits), because it is the
//! only signal about Sora the page gives and a Sora model outage reaches the app
//! too. chatgpt.com never lists Sora, so a Sora-API-only incident can never raise
//! the chatgpt.com banner. Should OpenAI add a "Sora" group, it takes over.
//!
//! Admin-only components ([`PageRule::admin_components`]): the ChatGPT group also holds
//! components no ordinary ChatGPT user meets, and trouble there must not raise the banner
//! for everyone on chatgpt.com. Of the ChatGPT group's 15 components (Conversations, Login,
//! ChatGPT Work, Codex in ChatGPT Desktop, Compliance API, Search, File uploads, Voice mode,
//! GPTs, Image Generation, Deep Research, Agent, ChatGPT Atlas, Sites, Connectors/Apps; see
//! `docs/status-source.md` and the captured structure) only **Compliance API** is one: the
//! Enterprise/Edu API through which a workspace's admins and their eDiscovery, DLP and
//! archiving tools export conversations and logs. A member of that workspace chats on
//! unharmed when it fails. The others are features people use in ChatGPT itself (ChatGPT
//! Work, by its name ChatGPT as business workspaces have it, is used by every member of
//! one; Codex in ChatGPT Desktop and ChatGPT Atlas share the account, login and
//! conversations), so they
//! stay in. Admin-only components are shown again when `banner_admin_components` is on (the
//! options: "Also for components only workspace admins use"), and they always stay in the
//! popup, the badge and the notifications, which describe the whole watched group.
//!
//! They are listed by name, not by id, like the services: this choice is about what a
//! component *is*, which its name says and its id does not. Ids are the page's keys and
//! differ wherever the component is re-created (a rebuilt component gets a new ULID, as
//! the groups did in Sep 2025), and an id-keyed list would silently stop matching while the
//! page still says "Compliance API". A name only counts *inside the rule's service groups*
//! (case-insensitively, trimmed), so another group's component of the same name (the two
//! "Login"s) is never taken for it. Should the admin-only component be renamed, it shows on
//! the banner again: the safe side.

/// One page of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRule {
    /// Stable id, used in the verdict (`pages[].id`).
    pub id: &'static str,
    /// Exact host names (lowercase, no port). `www.` is not special: it is not
    /// stripped, and no `www.` host is listed.
    pub hosts: &'static [&'static str],
    /// Plain string prefix of the URL path (`"/"` for all). Plain `startsWith`, so
    /// that the JS content script can apply the same rule without any parsing.
    pub path_prefix: &'static str,
    /// Group (or component) names, see the module doc.
    pub services: &'static [&'static str],
    /// Names of components of those groups that only admins use: left out of the banner
    /// unless `Settings::banner_admin_components` (see the module doc).
    pub admin_components: &'static [&'static str],
}

/// The ChatGPT group's components that only workspace admins use (see the module doc).
pub const CHATGPT_ADMIN_COMPONENTS: &[&str] = &["Compliance API"];

const CHATGPT_HOSTS: &[&str] = &["chatgpt.com", "chat.openai.com"];

/// Ordered most specific first: the first rule that matches wins.
pub const PAGE_RULES: &[PageRule] = &[
    PageRule {
        id: "chatgpt_codex",
        hosts: CHATGPT_HOSTS,
        path_prefix: "/codex",
        services: &["ChatGPT", "Codex"],
        admin_components: CHATGPT_ADMIN_COMPONENTS,
    },
    PageRule {
        id: "chatgpt",
        hosts: CHATGPT_HOSTS,
        path_prefix: "/",
        services: &["ChatGPT"],
        admin_components: CHATGPT_ADMIN_COMPONENTS,
    },
    PageRule {
        id: "platform",
        hosts: &["platform.openai.com"],
        path_prefix: "/",
        services: &["APIs"],
        admin_components: &[],
    },
    PageRule {
        id: "sora",
        hosts: &["sora.com", "sora.chatgpt.com"],
        path_prefix: "/",
        services: &["Sora"],
        admin_components: &[],
    },
];

/// The page the toolbar popup and the default `banner` describe.
pub const DEFAULT_PAGE_URL: &str = "https://chatgpt.com/";
/// The id of the rule for [`DEFAULT_PAGE_URL`] (so that `decide` need not parse it).
pub const DEFAULT_PAGE_ID: &str = "chatgpt";

impl PageRule {
    pub fn matches(&self, host: &str, path: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
            && path.starts_with(self.path_prefix)
    }

    /// Is a component of one of the rule's service groups, named `name`, admin-only?
    /// Case-insensitive, surrounding whitespace ignored.
    pub fn is_admin_component(&self, name: &str) -> bool {
        self.admin_components
            .iter()
            .any(|a| a.trim().eq_ignore_ascii_case(name.trim()))
    }
}

/// Splits a URL into (lowercase host, path). Scheme optional; userinfo, port,
/// query and fragment dropped; a trailing dot on the host removed; empty path ⇒ "/".
pub fn split_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.find(['?', '#']).map_or(rest, |end| &rest[..end]);
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host.starts_with('[') {
        // IPv6 literal: keep up to the closing bracket.
        host.find(']').map_or(host, |end| &host[..=end])
    } else {
        host.split_once(':').map_or(host, |(host, _)| host)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    Some((host, path.to_owned()))
}

/// The rule for a page URL, if any.
pub fn rule_for_url(url: &str) -> Option<&'static PageRule> {
    let (host, path) = split_url(url)?;
    PAGE_RULES.iter().find(|r| r.matches(&host, &path))
}

/// A rule by id.
pub fn rule_by_id(id: &str) -> Option<&'static PageRule> {
    PAGE_RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(url: &str) -> Option<&'static str> {
        rule_for_url(url).map(|r| r.id)
    }

    #[test]
    fn table() {
        assert_eq!(id("https://chatgpt.com/"), Some("chatgpt"));
        assert_eq!(id("https://chatgpt.com"), Some("chatgpt"));
        assert_eq!(id("https://chat.openai.com/c/123?x=1#y"), Some("chatgpt"));
        assert_eq!(id("https://CHATGPT.com:443/codex"), Some("chatgpt_codex"));
        assert_eq!(
            id("https://chatgpt.com/codex/tasks/1"),
            Some("chatgpt_codex")
        );
        assert_eq!(id("https://chatgpt.com/?q=/codex"), Some("chatgpt"));
        assert_eq!(id("https://platform.openai.com/docs"), Some("platform"));
        assert_eq!(id("https://sora.com/explore"), Some("sora"));
        assert_eq!(id("https://sora.chatgpt.com/"), Some("sora"));
        assert_eq!(id("https://user:pw@chatgpt.com./"), Some("chatgpt"));
        assert_eq!(id("chatgpt.com/codex"), Some("chatgpt_codex"));
        assert_eq!(id("https://www.chatgpt.com/"), None);
        assert_eq!(id("https://evilchatgpt.com/"), None);
        assert_eq!(id("https://chatgpt.com.evil.com/"), None);
        assert_eq!(id("https://openai.com/"), None);
        assert_eq!(id(""), None);
        assert_eq!(id("https://"), None);
        assert_eq!(id("http://[::1]:80/"), None);
    }

    #[test]
    fn only_compliance_api_is_admin_only_on_chatgpt() {
        let chatgpt = rule_by_id("chatgpt").unwrap();
        assert!(chatgpt.is_admin_component("Compliance API"));
        assert!(chatgpt.is_admin_component(" compliance api "));
        for name in [
            "Conversations",
            "Login",
            "ChatGPT Work",
            "Compliance",
            "API",
        ] {
            assert!(!chatgpt.is_admin_component(name), "{name}");
        }
        assert!(rule_by_id("chatgpt_codex")
            .unwrap()
            .is_admin_component("Compliance API"));
        assert!(!rule_by_id("platform")
            .unwrap()
            .is_admin_component("Compliance API"));
    }

    #[test]
    fn ordered_most_specific_first() {
        for (i, a) in PAGE_RULES.iter().enumerate() {
            for b in PAGE_RULES.get(i + 1..).unwrap_or(&[]) {
                let shared = a.hosts.iter().any(|h| b.hosts.contains(h));
                if shared {
                    assert!(
                        a.path_prefix.len() > b.path_prefix.len(),
                        "{} {}",
                        a.id,
                        b.id
                    );
                }
            }
        }
        assert_eq!(
            rule_for_url(DEFAULT_PAGE_URL).map(|r| r.id),
            Some(DEFAULT_PAGE_ID)
        );
    }
}

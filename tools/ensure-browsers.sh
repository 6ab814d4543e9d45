#!/usr/bin/env bash
# Makes sure the browsers and drivers the end-to-end tests use are present.
# As root it installs them (Debian packages and cargo); otherwise it says what is missing.
# Nothing here downloads a browser from a vendor: only Debian's builds are used.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'browsers: %s\n' "$*" >&2; }

missing_apt=()
command -v chromium >/dev/null || missing_apt+=(chromium)
command -v chromedriver >/dev/null || missing_apt+=(chromium-driver)
command -v firefox-esr >/dev/null || missing_apt+=(firefox-esr)
# The language tests (tests/e2e/i18n.test.mjs) draw the banner and the popup in Arabic,
# German, Japanese and Simplified Chinese: Chromium's UI languages (without chromium-l10n it
# only has en-US, whatever --lang says), Firefox's language packs, and fonts for the CJK
# scripts (Arabic is in DejaVu).
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in chromium-l10n firefox-esr-l10n-ar firefox-esr-l10n-de firefox-esr-l10n-ja firefox-esr-l10n-zh-cn fonts-noto-cjk; do
  installed "$pkg" || missing_apt+=("$pkg")
done

if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing_apt[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
  else
    say "missing: ${missing_apt[*]}. Install them, e.g.: sudo apt-get install ${missing_apt[*]}"
    exit 1
  fi
fi

if ! command -v geckodriver >/dev/null; then
  say "installing geckodriver with cargo"
  cargo install geckodriver --locked || cargo install geckodriver
fi

if [ "$(id -u)" != 0 ]; then
  say "note: the Firefox tests serve the fake status.openai.com on port 443, which needs root"
  say "      (or: sudo setcap cap_net_bind_service=+ep \"$(readlink -f "$(command -v node)")\")"
fi

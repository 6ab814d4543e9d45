#!/usr/bin/env bash
# Makes sure the build tools are present, installing what is missing.
# Run by every `make`; when everything is in place it only checks (a second or so).
#
# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock:
# the generated glue and the wasm's custom section must agree, or loading fails at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'toolchain: %s\n' "$*" >&2; }

command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup (https://rustup.rs)"; exit 1; }
command -v node >/dev/null || { say "node not found: install Node.js 20 or newer"; exit 1; }
command -v npm >/dev/null || { say "npm not found: install npm (it comes with Node.js)"; exit 1; }

# rustup reads rust-toolchain.toml (the pinned stable Rust, its components and the wasm
# target) and installs what is missing of it on first use; this says so up front.
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
command -v rustup >/dev/null || { say "rustup not found: install Rust with rustup (https://rustup.rs)"; exit 1; }
if ! rustup toolchain list | grep -q "^$channel-"; then
  say "installing Rust $channel (rust-toolchain.toml)"
  rustup toolchain install "$channel" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
fi
if ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add --toolchain "$channel" wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed --toolchain "$channel" 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add --toolchain "$channel" "$component"
  fi
done

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || { say "no wasm-bindgen in Cargo.lock"; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  if [ -n "$have" ]; then
    say "wasm-bindgen-cli is $have but Cargo.lock pins wasm-bindgen $want; installing $want"
  else
    say "installing wasm-bindgen-cli $want (pinned by Cargo.lock)"
  fi
  cargo install wasm-bindgen-cli --version "$want" --force
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "wasm-bindgen on PATH is '$have', Cargo.lock needs '$want'. Is ~/.cargo/bin first on PATH?"
    exit 1
  fi
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools (npm ci)"
  npm ci --no-audit --no-fund
fi

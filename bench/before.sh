#!/usr/bin/env bash
# The build before the change, for `make bench`'s before/after table: the 0.1.0 release as
# it shipped (bench/release-0.1.0/: its two packages and its web page's core, built from
# commit be8cb78 by that commit's own `make all`). They are kept as files, not rebuilt,
# because that build needed unstable compiler flags (RUSTC_BOOTSTRAP, -Zbuild-std), which
# nothing this project builds uses any more. Unpacked into target/bench-before/0.1.0/dist/
# in the layout `make` gives dist/; prints that folder's parent.
set -euo pipefail
cd "$(dirname "$0")/.."
release=bench/release-0.1.0
dir=target/bench-before/0.1.0
rm -rf "$dir"
mkdir -p "$dir/dist/www/pkg"
cp "$release"/outage-radar-0.1.0-chrome.zip "$release"/outage-radar-0.1.0-firefox.zip "$dir/dist/"
cp "$release"/outage_radar.js "$release"/outage_radar_bg.wasm "$dir/dist/www/pkg/"
for browser in chrome firefox; do
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$dir/dist/outage-radar-0.1.0-$browser.zip" "$dir/dist/$browser"
done
echo "$dir"

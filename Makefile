# Outage Radar. `make` builds both browser packages, the web page and the source zip for
# store reviewers; `make test` runs every test; `make reproducible` checks that two clean
# builds give the same bytes. Everything `make` needs is installed by
# tools/ensure-toolchain.sh; browsers for the tests by tools/ensure-browsers.sh.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

CRATE   := outage_radar
VERSION := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)

# The wasm is a plain stable build (rust-toolchain.toml pins the toolchain): cargo, then
# wasm-bindgen, then wasm-opt, nothing else, so a reviewer can follow every step.
# The remapped prefixes keep this checkout's folder, cargo's and the toolchain's out of the
# panic locations the wasm carries, so builds in different folders and by different users
# give the same bytes. The standard library's are written `/rustc/<commit>/…`, but rustc
# rewrites them to its own folder when the rust-src component is installed: mapped back.
# (`=`, not `:=`: rustc is asked once the toolchain rule has installed it.)
CARGO_HOME ?= $(HOME)/.cargo
WASM_RUSTFLAGS = --remap-path-prefix=$(CURDIR)=/outage-radar --remap-path-prefix=$(CARGO_HOME)=/cargo \
  --remap-path-prefix=$(shell rustc --print sysroot)/lib/rustlib/src/rust=/rustc/$(shell rustc -vV | sed -n 's/^commit-hash: //p')
CARGO_WASM = RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --release --lib --target wasm32-unknown-unknown
# The extension's core in cargo's default folder; the web page's (the same crate plus the
# simulator's exports, feature `www`, which the extension doesn't ship) in a target folder
# of its own, so neither build overwrites the other's wasm.
WASM     := target/wasm32-unknown-unknown/release/$(CRATE).wasm
WASM_WWW := target/www/wasm32-unknown-unknown/release/$(CRATE).wasm
PKG     := target/pkg
PKG_WWW := target/pkg-www
RUST_SRC := Cargo.toml Cargo.lock rust-toolchain.toml $(shell find src -type f)
EXT_SRC  := $(shell find extension -type f ! -name manifest.json) extension/manifest.json tools/manifest.mjs
WWW_SRC  := $(shell find www -type f 2>/dev/null)
ZIPS    := dist/outage-radar-$(VERSION)-chrome.zip dist/outage-radar-$(VERSION)-firefox.zip
SOURCE_ZIP := dist/outage-radar-$(VERSION)-source.zip
# wasm-opt from the npm `binaryen` package, pinned by package-lock.json.
WASM_OPT := node_modules/.bin/wasm-opt
# The wasm features Rust's wasm32 target emits by default: wasm-opt must accept them.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-multivalue --enable-reference-types

.PHONY: fuzz fuzz-smoke fuzz-tool all toolchain test test-rust test-wasm test-unit lint-firefox test-e2e browsers screenshots \
        run-chrome run-firefox www clean test-sizes bench bench-smoke reproducible

STAMP   := target/stamps

all: toolchain $(STAMP)/chrome $(STAMP)/firefox $(STAMP)/www $(ZIPS) $(SOURCE_ZIP)

# Through bash, not by its mode: an unpacked source zip may not keep the executable bit.
toolchain:
	@bash tools/ensure-toolchain.sh

# wasm-bindgen writes the glue; wasm-opt's -Os, the size-first standard level, matches the
# crate's opt-level "s" (the wasm is downloaded, and is fast enough either way).
define bindgen
	rm -rf $(1)
	wasm-bindgen --target web --no-typescript --out-dir $(1) $(2)
	$(WASM_OPT) -Os $(WASM_OPT_FEATURES) $(1)/$(CRATE)_bg.wasm -o $(1)/$(CRATE)_bg.wasm
	touch $(1)/.built
endef

$(PKG)/.built: $(RUST_SRC) package-lock.json Makefile | toolchain
	$(CARGO_WASM)
	$(call bindgen,$(PKG),$(WASM))

$(PKG_WWW)/.built: $(RUST_SRC) package-lock.json Makefile | toolchain
	$(CARGO_WASM) --features www --target-dir target/www
	$(call bindgen,$(PKG_WWW),$(WASM_WWW))

# The package is extension/ as written (no minifier, no source maps: what a reviewer reads
# is what runs), the core in pkg/, and a manifest made for the browser.
$(STAMP)/%: $(PKG)/.built $(EXT_SRC)
	rm -rf dist/$*
	mkdir -p dist/$*/pkg
	cp -R extension/. dist/$*/
	rm dist/$*/manifest.json
	cp $(PKG)/$(CRATE).js $(PKG)/$(CRATE)_bg.wasm dist/$*/pkg/
	node tools/manifest.mjs $* dist/$*/manifest.json
	mkdir -p $(STAMP) && touch $@

# The web page: www/ plus what it shares with the extension (the core, the popup's view,
# the banner's drawing, the messages), the simulator's scenarios (copies of test fixtures)
# and the install guide's screenshots (taken by the browser tests, see `make screenshots`).
# Copied as written, like the extension, so the simulator draws with the code that ships.
WWW_FIXTURES    := $(wildcard tests/fixtures/native/*.json tests/fixtures/compat/*.json)
WWW_SCREENSHOTS := $(addprefix docs/screenshots/,install-chrome.png install-firefox.png sim-banner.png sim-popup.png)

$(STAMP)/www: $(PKG_WWW)/.built $(WWW_SRC) $(EXT_SRC) $(WWW_FIXTURES) tools/www-scenarios.mjs tools/www-locales.mjs $(wildcard $(WWW_SCREENSHOTS))
	rm -rf dist/www
	mkdir -p dist/www/pkg dist/www/screenshots
	cp -R www/. dist/www/
	cp $(PKG_WWW)/$(CRATE).js $(PKG_WWW)/$(CRATE)_bg.wasm dist/www/pkg/
	cp extension/view.js extension/view.css extension/insights.js extension/history.js extension/l10n.js extension/banner.js extension/icons/icon-48.png dist/www/
	rm -rf dist/www/_locales
	node tools/www-locales.mjs extension/_locales www/_locales dist/www/_locales
	node tools/www-scenarios.mjs www/scenarios.json tests/fixtures dist/www/scenarios
	for shot in $(WWW_SCREENSHOTS); do \
	  if [ -f "$$shot" ]; then cp "$$shot" dist/www/screenshots/; else echo "warning: $$shot missing (make screenshots)"; fi; \
	done
	mkdir -p $(STAMP) && touch $@

dist/outage-radar-$(VERSION)-%.zip: $(STAMP)/% tools/zip.py
	python3 tools/zip.py dist/$* $@

# What a store reviewer needs to rebuild the packages with `make`, and nothing else: the
# build's own inputs (so also the web page's, which `make` builds too), no tests, no docs
# beyond the screenshots the web page shows. Listed from the folders the build reads rather
# than from git, so the zip also rebuilds itself from an unpacked copy (`make reproducible`).
SOURCE_FILES := Cargo.toml Cargo.lock rust-toolchain.toml Makefile package.json package-lock.json \
                README.md ARCHITECTURE.md $(wildcard LICENSE*) $(shell find src extension tools www -type f) \
                $(WWW_FIXTURES) $(wildcard $(WWW_SCREENSHOTS))
SOURCE_DIR := target/source/outage-radar-$(VERSION)

$(SOURCE_ZIP): $(SOURCE_FILES)
	rm -rf target/source
	mkdir -p $(SOURCE_DIR) dist
	cp --parents $(sort $(SOURCE_FILES)) $(SOURCE_DIR)/
	python3 tools/zip.py target/source $@

# Two builds from clean must give the same bytes: the source zip is unpacked into two
# fresh folders (different paths, as a reviewer's would be), each is built with `make`
# from nothing (its own target/, node_modules/ and dist/), and their zips are compared.
# The source zip each build writes must also be the one it was unpacked from.
REPRO_ZIPS := chrome.zip firefox.zip source.zip

reproducible: $(SOURCE_ZIP)
	tmp=$$(mktemp -d /tmp/outage-radar-repro.XXXXXX); \
	for build in a second-build; do \
	  python3 -m zipfile -e $(SOURCE_ZIP) $$tmp/$$build; \
	  env -u CARGO_TARGET_DIR -u RUSTFLAGS $(MAKE) -C $$tmp/$$build/outage-radar-$(VERSION) all; \
	done; \
	a=$$tmp/a/outage-radar-$(VERSION)/dist; b=$$tmp/second-build/outage-radar-$(VERSION)/dist; \
	differ=0; \
	for zip in $(REPRO_ZIPS); do \
	  name=outage-radar-$(VERSION)-$$zip; \
	  if cmp -s $$a/$$name $$b/$$name; then echo "reproducible: $$name identical, sha256 $$(sha256sum < $$a/$$name | cut -c1-64)"; \
	  else echo "NOT REPRODUCIBLE: $$name differs between $$a and $$b" >&2; differ=1; fi; \
	done; \
	if ! cmp -s $(SOURCE_ZIP) $$a/outage-radar-$(VERSION)-source.zip; then \
	  echo "NOT REPRODUCIBLE: the rebuilt source zip differs from $(SOURCE_ZIP)" >&2; differ=1; fi; \
	if [ $$differ -ne 0 ]; then echo "both builds are kept in $$tmp for comparison" >&2; exit 1; fi; \
	rm -rf $$tmp; echo "reproducible: two clean builds gave identical zips"

# ---------------------------------------------------------------- tests
test: test-rust test-wasm test-unit all lint-firefox test-e2e bench-smoke test-sizes fuzz-smoke

# Clippy also on the wasm target, in both builds: the facade (src/wasm.rs) and the web
# page's exports are compiled only there.
test-rust: toolchain
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features www -- -D warnings
	cargo test --quiet

# The wasm facade, run under Node by wasm-bindgen's test runner.
test-wasm: toolchain
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm

# Plain Node tests of the shell's static parts (no browser).
test-unit:
	node --test --test-reporter=spec tests/unit/

lint-firefox: all
	node tests/lint-firefox.mjs dist/firefox

browsers:
	@bash tools/ensure-browsers.sh

# The Firefox tests serve on port 443 and every browser test wants the machine to itself:
# the lock keeps two runs (two checkouts, two terminals) from colliding.
E2E_LOCK := $(shell command -v flock >/dev/null && echo flock /tmp/outage-radar-e2e.lock)

test-e2e: all browsers
	$(E2E_LOCK) node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

# Size guardrails against bloat (tests/sizes.mjs): sizes are exact, so they can be
# asserted. Timings are only measured, by `make bench`.
test-sizes: all
	node tests/sizes.mjs

# What users feel, before this change and after it, measured side by side in one run,
# printed and written to BENCHMARKS.md (see bench/run.mjs). The before build is the 0.1.0
# release as it shipped, kept in bench/release-0.1.0/ and unpacked by bench/before.sh: it
# is not rebuilt, since its own build needed unstable compiler flags, which nothing here
# uses outside the fuzz rules.
bench: all browsers
	before=$$(bash bench/before.sh); \
	  $(E2E_LOCK) node bench/run.mjs --before "$$before" --rev "0.1.0 (be8cb78)"

# This build alone, a round of each step, to check that the bench works (part of make
# test; never builds the before commit).
bench-smoke: all browsers
	$(E2E_LOCK) node bench/run.mjs --quick

# Refreshes the README's screenshots (taken by the browser tests).
screenshots: all browsers
	SCREENSHOTS=docs $(E2E_LOCK) node --test --test-concurrency=1 tests/e2e/

# ---------------------------------------------------------------- by hand
run-chrome: all
	chromium --user-data-dir="$$(mktemp -d)" --no-first-run --load-extension="$(CURDIR)/dist/chrome" https://chatgpt.com/

run-firefox: all
	web-ext run --source-dir dist/firefox --firefox=$$(command -v firefox-esr || command -v firefox) --start-url https://chatgpt.com/

WWW_PORT ?= 8080
www: all
	@echo "serving dist/www on http://127.0.0.1:$(WWW_PORT)/ (Ctrl-C stops)"
	python3 -m http.server $(WWW_PORT) --bind 127.0.0.1 --directory dist/www

clean:
	rm -rf dist $(PKG) $(PKG_WWW) $(STAMP) target/source

# ---------------------------------------------------------------- fuzzing
# The cargo-fuzz target over parse → decide → events → schedule and stored records
# (fuzz/body.rs), seeded with the test fixtures. New inputs go to fuzz/corpus/ (not
# committed), crashes to fuzz/artifacts/.
# The one exception to the stable build: cargo-fuzz instruments the code with nightly-only
# compiler flags (-Z sanitizer and coverage options), so these two rules, and only they,
# set RUSTC_BOOTSTRAP=1 for the pinned stable toolchain. Nothing they build is shipped.
FUZZ_SEEDS := tests/fixtures/native tests/fixtures/compat tests/fixtures/real
FUZZ_RUN   := RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz -O parse_and_decide fuzz/corpus/parse_and_decide $(FUZZ_SEEDS) -- -rss_limit_mb=2048 -print_final_stats=1
FUZZ_TIME  ?= 600

fuzz-tool:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked

fuzz: fuzz-tool
	mkdir -p fuzz/corpus/parse_and_decide
	$(FUZZ_RUN) -max_total_time=$(FUZZ_TIME)

# `make test`'s short run: the same target for 20 s.
fuzz-smoke: fuzz-tool
	mkdir -p fuzz/corpus/parse_and_decide
	$(FUZZ_RUN) -max_total_time=20

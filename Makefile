# Outage Radar. `make` builds both browser packages; `make test` runs every test.
# Everything `make` needs is installed by tools/ensure-toolchain.sh; browsers for the
# tests by tools/ensure-browsers.sh.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

CRATE   := outage_radar
VERSION := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
# The release wasm is built with its own copy of the standard library (-Zbuild-std) whose
# panics abort without formatting a message (-Cpanic=immediate-abort): 9 KB less gzip
# (the formatting machinery, panic messages and locations; a panic traps either way).
# Both options are unstable: RUSTC_BOOTSTRAP=1 enables them on the stable toolchain for
# this build only, as `make fuzz` does, and tools/ensure-toolchain.sh adds the rust-src
# component they need. A target directory of its own, so these flags never make the
# other builds (tests, clippy) start over.
WASM_DIR := target/min
WASM    := $(WASM_DIR)/wasm32-unknown-unknown/release/$(CRATE).wasm
#
# Without the reference-types feature, wasm-bindgen keeps JS values in a JS array its glue
# manages instead of a wasm table of externrefs: no externref shim per export in the wasm,
# 1.5 KB less gzip there for 0.1 KB more glue (make bench). Every browser the extension
# supports has both; nothing else in the core uses reference types.
#
# `cargo rustc --crate-type cdylib` builds the wasm alone. `cargo build` would also build the
# rlib that Cargo.toml asks for (the native tests link it) in the same rustc run, and then
# every public function of the crate stays an exported symbol through LTO: none can be
# inlined into its only caller and dropped. Alone, the wasm is 2.2 KB of gzip smaller
# (3.5 KB for the web page's build).
#
# With the simd128 feature (also in .cargo/config.toml, for the other wasm builds: clippy
# and `make test-wasm`, which RUSTFLAGS here overrides): the core's byte scans read sixteen
# bytes at a time (src/block.rs). Every browser the extension installs in has it (Chrome
# since 91, Firefox since 89; the manifests ask for 103 and 140).
CARGO_WASM := RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Ctarget-feature=-reference-types,+simd128" \
  cargo rustc --release --lib --crate-type cdylib --target wasm32-unknown-unknown --target-dir $(WASM_DIR) \
  -Zbuild-std=std,panic_abort
# Flags for the core crate alone, after CARGO_WASM's other options (`cargo rustc -- …`), so
# the standard library is not rebuilt for them. Core speed (issue 9, make bench) for wasm
# size, both measured on the bench summary:
# - `--cfg hot_speed`: the JSON reader, the plain-text fast path, the cause scan and the
#   incident reader are built for speed (`#[optimize(speed)]`, see src/lib.rs): 6 % faster
#   for 0.6 KB of gzip. Marking more (the summary reader, `decide`) cost 1.1 KB for nothing.
# - LLVM inlines calls up to a cost of 25 instead of the 5 of opt-level "z" (the whole
#   program is inlined at link time, by the core's own rustc run): 14 % faster for 3.2 KB
#   of gzip. 20 gave 8 % for 1.6 KB; 35 was no faster than 25 and 1.7 KB larger. Lower
#   it if the size budget needs the room.
CORE_FLAGS := -- --cfg hot_speed -Cllvm-args=-inline-threshold=25
PKG     := target/pkg
# The web page's core: the same crate plus the simulator's exports (feature `www`), which
# the extension doesn't ship (see Cargo.toml).
PKG_WWW := target/pkg-www
RUST_SRC := Cargo.toml Cargo.lock $(shell find src -name '*.rs')
EXT_SRC  := $(shell find extension -type f ! -name manifest.json) extension/manifest.json tools/manifest.mjs
WWW_SRC  := $(shell find www -type f 2>/dev/null)
ZIPS    := dist/outage-radar-$(VERSION)-chrome.zip dist/outage-radar-$(VERSION)-firefox.zip
# wasm features Rust's wasm32 target emits by default, and SIMD; wasm-opt must accept them.
# --low-memory-unused (0.5 KB of gzip): lets wasm-opt fold constant offsets into loads and
# stores, which is sound when nothing lives in the first 1 KB of memory. Rust's wasm32
# linker puts the 1 MB stack first (growing down from 1 MB) and the data after it, so that
# kilobyte would only be touched by a stack 1 MB deep; the core's deepest recursion turns
# a parsed stored record into a tree (src/json.rs), 127 levels at most.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-multivalue --enable-reference-types --enable-simd

.PHONY: fuzz fuzz-smoke fuzz-tool all toolchain test test-rust test-wasm test-unit lint-firefox test-e2e browsers screenshots \
        run-chrome run-firefox www clean test-sizes bench bench-smoke

STAMP   := target/stamps

all: toolchain $(STAMP)/chrome $(STAMP)/firefox $(STAMP)/www $(ZIPS)

toolchain:
	@tools/ensure-toolchain.sh

# Both builds write the same $(WASM), so each recipe builds and takes its copy at once
# (cargo keeps both builds' objects: switching is a link, not a rebuild). The wasm's
# import and export names are then minified and the glue told the new ones
# (tools/wasm-names.mjs: 1.5 KB of gzip). wasm-opt runs at -O3, not -Oz: on this wasm,
# whose size LLVM has already settled at opt-level "z", -O3 came out 0.3 KB of gzip
# smaller and 3 % faster (make bench, 2026-12-02; -O2, -O4 and -Os were in between).
define bindgen
	rm -rf $(1)
	wasm-bindgen --target web --no-typescript --out-dir $(1) $(WASM)
	wasm-opt -O3 --converge --strip-producers --strip-target-features --low-memory-unused $(WASM_OPT_FEATURES) $(1)/$(CRATE)_bg.wasm -o $(1)/$(CRATE)_bg.wasm
	wasm-opt --minify-imports-and-exports-and-modules $(WASM_OPT_FEATURES) $(1)/$(CRATE)_bg.wasm -o $(1)/$(CRATE)_bg.wasm > $(1)/names.json
	node tools/wasm-names.mjs $(1)/names.json $(1)/$(CRATE).js $(1)/$(CRATE)_bg.wasm
	rm $(1)/names.json
	touch $(1)/.built
endef

$(PKG)/.built: $(RUST_SRC) tools/wasm-names.mjs Makefile | toolchain
	$(CARGO_WASM) $(CORE_FLAGS)
	$(call bindgen,$(PKG))

$(PKG_WWW)/.built: $(RUST_SRC) tools/wasm-names.mjs Makefile | toolchain
	$(CARGO_WASM) --features www $(CORE_FLAGS)
	$(call bindgen,$(PKG_WWW))

# The shell's JavaScript ships minified (tools/minify.mjs, terser): the readable sources
# stay in extension/ and this rule rebuilds the package from them, with no source maps.
$(STAMP)/%: $(PKG)/.built $(EXT_SRC) tools/minify.mjs package-lock.json
	rm -rf dist/$*
	mkdir -p dist/$*/pkg
	cp -R extension/. dist/$*/
	rm dist/$*/manifest.json
	cp $(PKG)/$(CRATE).js $(PKG)/$(CRATE)_bg.wasm dist/$*/pkg/
	node tools/manifest.mjs $* dist/$*/manifest.json
	node tools/minify.mjs dist/$*
	mkdir -p $(STAMP) && touch $@

# The web page: www/ plus what it shares with the extension (the core, the popup's view,
# the banner's drawing, the messages), the simulator's scenarios (copies of test fixtures)
# and the install guide's screenshots (taken by the browser tests, see `make screenshots`).
# Minified like the extension, so the simulator draws with exactly the code that ships.
WWW_FIXTURES    := $(wildcard tests/fixtures/native/*.json tests/fixtures/compat/*.json)
WWW_SCREENSHOTS := $(addprefix docs/screenshots/,install-chrome.png install-firefox.png sim-banner.png sim-popup.png)

$(STAMP)/www: $(PKG_WWW)/.built $(WWW_SRC) $(EXT_SRC) $(WWW_FIXTURES) tools/www-scenarios.mjs tools/minify.mjs package-lock.json $(wildcard $(WWW_SCREENSHOTS))
	rm -rf dist/www
	mkdir -p dist/www/pkg dist/www/screenshots
	cp -R www/. dist/www/
	cp $(PKG_WWW)/$(CRATE).js $(PKG_WWW)/$(CRATE)_bg.wasm dist/www/pkg/
	cp extension/view.js extension/view.css extension/insights.js extension/banner.js extension/icons/icon-48.png dist/www/
	cp -R extension/_locales dist/www/
	node tools/www-scenarios.mjs www/scenarios.json tests/fixtures dist/www/scenarios
	for shot in $(WWW_SCREENSHOTS); do \
	  if [ -f "$$shot" ]; then cp "$$shot" dist/www/screenshots/; else echo "warning: $$shot missing (make screenshots)"; fi; \
	done
	node tools/minify.mjs dist/www
	mkdir -p $(STAMP) && touch $@

dist/outage-radar-$(VERSION)-%.zip: $(STAMP)/% tools/zip.py
	python3 tools/zip.py dist/$* $@

# ---------------------------------------------------------------- tests
test: test-rust test-wasm test-unit all lint-firefox test-e2e bench-smoke test-sizes fuzz-smoke

# The wasm is linted as it is built, with `--cfg hot_speed` (src/lib.rs), which needs
# RUSTC_BOOTSTRAP as the build does: both wasm runs share one set of checked dependencies.
CLIPPY_WASM := RUSTC_BOOTSTRAP=1 cargo clippy --lib --target wasm32-unknown-unknown

test-rust: toolchain
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	$(CLIPPY_WASM) -- --cfg hot_speed -D warnings
	$(CLIPPY_WASM) --features www -- --cfg hot_speed -D warnings
	cargo test --quiet

# The wasm facade, run under Node by wasm-bindgen's test runner, and the block scans' SIMD
# (tests/block_check; simd128 from .cargo/config.toml).
test-wasm: toolchain
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm

# Plain Node tests of the shell's static parts (no browser).
test-unit:
	node --test --test-reporter=spec tests/unit/

lint-firefox: all
	node tests/lint-firefox.mjs dist/firefox

browsers:
	@tools/ensure-browsers.sh

# The Firefox tests serve on port 443 and every browser test wants the machine to itself:
# the lock keeps two runs (two checkouts, two terminals) from colliding.
E2E_LOCK := $(shell command -v flock >/dev/null && echo flock /tmp/outage-radar-e2e.lock)

test-e2e: all browsers
	$(E2E_LOCK) node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

# Size budgets (issue 9): exact, so asserted. Timings are only measured, by `make bench`.
test-sizes: all
	node tests/sizes.mjs

# Every benchmark figure, printed and written to BENCHMARKS.md (see bench/run.mjs).
# twiggy (the wasm breakdown) is installed if missing; without it that part is skipped.
bench: all browsers
	@command -v twiggy >/dev/null || cargo install --locked twiggy || echo "twiggy unavailable: the wasm breakdown will be skipped"
	$(CARGO_WASM) $(CORE_FLAGS)
	rm -rf target/pkg-named
	wasm-bindgen --target web --no-typescript --out-dir target/pkg-named $(WASM)
	$(E2E_LOCK) node bench/run.mjs

# The same steps with a few repetitions, to check that the bench works (part of make test).
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
	rm -rf dist $(PKG) $(PKG_WWW) $(STAMP)

# ---------------------------------------------------------------- fuzzing
# The cargo-fuzz target over parse → decide → events → schedule and stored records
# (fuzz/body.rs), seeded with the test fixtures. cargo-fuzz needs nightly-only compiler
# flags: RUSTC_BOOTSTRAP=1 lets the stable toolchain take them. New inputs go to
# fuzz/corpus/ (not committed), crashes to fuzz/artifacts/.
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

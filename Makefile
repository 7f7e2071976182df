# shguide: two commands do everything on a fresh machine —
#   make serve   build the site and serve it on http://localhost:8080/
#   make test    format check, vet, staticcheck, eslint, unit/golden/crawl tests,
#                WebAssembly tests, browser tests
GO    ?= go
NPM   ?= npm
BASE  ?= /
ADDR  ?= localhost:8080
WASMEXEC := $(shell $(GO) env GOROOT)/lib/wasm

.PHONY: serve site check test test-wasm lint bench perf fuzz clean

serve:
	$(GO) run . serve --addr $(ADDR) --base $(BASE)

# The static site in build/ (what GitHub Pages serves). BASE=/repo/ for a project page;
# URL=https://user.github.io makes sitemap.xml and robots.txt absolute.
site:
	$(GO) run . build --base $(BASE) --out build $(if $(URL),--url $(URL))

check:
	$(GO) run . check

test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./calculator/... ./checklist/ ./search/ ./internal/... ./wasm/
	GOOS=js GOARCH=wasm $(GO) vet -tags tools ./wasm/
	$(GO) tool staticcheck ./...
	GOOS=js GOARCH=wasm $$($(GO) tool -n staticcheck) ./calculator/... ./checklist/ ./search/ ./internal/... ./wasm/
	GOOS=js GOARCH=wasm $$($(GO) tool -n staticcheck) -tags tools ./wasm/
	$(MAKE) lint
	$(GO) test -timeout 45m ./...
	$(MAKE) test-wasm
	@if [ -f e2e/.browser-skipped ]; then \
	  echo; echo "*** WARNING: $$(cat e2e/.browser-skipped)"; \
	  echo "*** The browser tests did not run: install chromium and fonts-noto-cjk (see README), or set SHGUIDE_REQUIRE_BROWSER=1 to fail."; \
	else echo "browser tests: ran"; fi

# The page scripts, linted as the ES2022 modules browsers run (eslint.config.js).
lint: node_modules/.package-lock.json
	$(NPM) exec --no -- eslint

# node_modules follows package-lock.json: installed when missing or older than it.
node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

# The engine and the bridge compiled to WebAssembly, run under Node.
test-wasm:
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./calculator/... ./checklist/ ./search/ ./internal/... ./wasm/
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -tags tools ./wasm/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./calculator/ ./search/ ./site/

# Minimizing a failing index or query is slow; -fuzzminimizetime 0 keeps the fuzzers running.
# Measurements, not tests: bytes per reading page, the calculator's engine
# fetch, ready and repeat-visit times, long tasks on the search page and
# Lighthouse mobile scores, against build/ served with gzip as by
# "shguide serve". Lighthouse comes from npm into perf/node_modules (make
# test does not need it) and drives the system's Chromium.
perf:
	$(GO) run . build --base $(BASE) --out build
	@[ -x perf/node_modules/.bin/lighthouse ] || (cd perf && $(NPM) ci --no-audit --no-fund)
	$(GO) run ./perf --dir build --base $(BASE) --json build/perf.json

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 60s ./calculator/
	$(GO) test -run '^$$' -fuzz '^FuzzParseLenient$$' -fuzztime 60s ./calculator/
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 30s -fuzzminimizetime 0s ./search/
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime 30s -fuzzminimizetime 0s ./search/
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime 30s -fuzzminimizetime 0s ./search/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./internal/jsontext/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeBook$$' -fuzztime 30s ./calculator/worksheet/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeBook$$' -fuzztime 30s ./checklist/
	$(GO) test -run '^$$' -fuzz '^FuzzImportJSON$$' -fuzztime 30s ./checklist/
	$(GO) test -run '^$$' -fuzz '^FuzzPackDataSegments$$' -fuzztime 30s ./site/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeSimple$$' -fuzztime 60s -fuzzminimizetime 0s ./site/model/
	$(GO) test -run '^$$' -fuzz '^FuzzJSONTokens$$' -fuzztime 60s -fuzzminimizetime 0s ./site/

clean:
	rm -rf build e2e/screenshots

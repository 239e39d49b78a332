# Scale-Up Guide. `make` builds the site into public/, `make serve` previews it with live reload,
# `make test` runs every test (CI runs it with CI=true, where browser tests must not skip).
GO ?= go

# npm packages the checks use, pinned, installed into a git-ignored folder (building the site needs
# no Node.js). Keep AXE_VERSION in step with AxeVersion in build/e2e/axe.go.
NPM_DIR = .cache/npm
# Lighthouse has a folder of its own: installed beside axe-core it would replace the pinned
# axe-core with the newer one it depends on, and the accessibility tests would refuse it.
LIGHTHOUSE_DIR = .cache/lighthouse
# Pagefind for `make bench` (its own executable, from the npm package). Keep PAGEFIND_VERSION in
# step with pagefindVersion in build/bench/pagefind.go.
PAGEFIND_DIR = .cache/pagefind
AXE_VERSION = 4.10.3
LIGHTHOUSE_VERSION = 12.2.3
PAGEFIND_VERSION = 1.6.0
# The mutation-testing tool of make mutate, installed from the Go module proxy into .cache/bin.
GREMLINS_VERSION = v0.6.0
GREMLINS = .cache/bin/gremlins
npm_version = $$(node -p 'require("./$(2)/node_modules/$(1)/package.json").version' 2>/dev/null)

.PHONY: all build serve test test-go test-wasm test-setup audit bench bench-serve mutate check-shared clean dist

all: build

build:
	$(GO) run ./build -strict

serve:
	$(GO) run ./build serve

test: test-setup test-go test-wasm

# axe-core for the accessibility tests in build/e2e, when the pinned release is not there yet.
# Without npm the test skips on a developer's machine; in CI (CI set) that is an error.
test-setup:
	@if [ "$(call npm_version,axe-core,$(NPM_DIR))" != "$(AXE_VERSION)" ]; then \
		if command -v npm >/dev/null 2>&1; then \
			npm install --prefix $(NPM_DIR) axe-core@$(AXE_VERSION) --save-exact --no-audit --no-fund; \
		elif [ -n "$$CI" ]; then \
			echo "test-setup: npm is needed to install axe-core (Debian: apt-get install npm)" >&2; exit 1; \
		else \
			echo "test-setup: npm not found; the axe-core accessibility test will skip" >&2; \
		fi; \
	fi

# The browser tests take about three minutes on a quiet 2-core machine; go test's default limit
# of ten minutes per package was reached on a busy one.
test-go:
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...

# The rule core's tests (scenario files included) again, compiled to WebAssembly and run by Node,
# so that a difference between the native and the browser build cannot go unnoticed.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./calculator/...

# Lighthouse in mobile mode on the home, a clause, the calculator and search pages, served
# locally: a table of the performance, accessibility, best-practices and SEO scores. Not part of
# make test (it takes minutes and its performance score depends on the machine).
audit:
	@if [ "$(call npm_version,lighthouse,$(LIGHTHOUSE_DIR))" != "$(LIGHTHOUSE_VERSION)" ]; then \
		npm install --prefix $(LIGHTHOUSE_DIR) lighthouse@$(LIGHTHOUSE_VERSION) --save-exact --no-audit --no-fund; \
	fi
	$(GO) run ./build/audit

# Every benchmark, then the published comparison (search against Pagefind, our build against Hugo
# and Hugo + Pagefind as whole commands, the dev server's reload, page weights, the calculator)
# written to BENCHMARKS.md, then bench-serve. Needs Chromium, hugo, npm (for the pinned Pagefind)
# and nginx; temporary files go to .cache/bench. `go run ./build/bench -builds` measures the
# builds alone.
bench:
	@if [ "$(call npm_version,pagefind,$(PAGEFIND_DIR))" != "$(PAGEFIND_VERSION)" ]; then \
		npm install --prefix $(PAGEFIND_DIR) pagefind@$(PAGEFIND_VERSION) --save-exact --no-audit --no-fund; \
	fi
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./build/bench
	$(GO) run ./build/bench load

# The training room: 60 clients for 30 s against dist/scaleup-site, then against nginx with the
# generated configuration; its own section of BENCHMARKS.md. Needs Chromium (to record what each
# page fetches) and nginx with the brotli_static module (Debian: nginx libnginx-mod-http-brotli-static).
bench-serve:
	$(GO) run ./build/bench load

# The tests read the city document's text from the copy committed in build/site/testdata; this
# compares it with the policy team's copy in ../shared/policy (beside the checkout on the team's
# machines, absent in CI, hence not part of make test). A difference, or no ../shared, fails.
SHARED_POLICY = ../shared/policy/jsz-2021-35.zh.txt
POLICY_COPY = build/site/testdata/jsz-2021-35.zh.txt
check-shared:
	@if cmp $(SHARED_POLICY) $(POLICY_COPY); then \
		echo "$(POLICY_COPY) is the same as $(SHARED_POLICY)"; \
	else \
		echo "check-shared: $(POLICY_COPY) is not the same as $(SHARED_POLICY): copy it again (cp $(SHARED_POLICY) $(POLICY_COPY)) and review the diff" >&2; exit 1; \
	fi

# Mutation testing of the rule core and of build/search, build/site and build/output: how many
# small deliberate bugs their tests catch, per package, written to section 5 of BENCHMARKS.md.
# Not part of make test (about two hours on a shared 2-CPU machine); `go run ./build/mutate -only
# build/search` runs one target. Installs the pinned gremlins into .cache/bin when it is not there.
# A mutant can make a test allocate without end (a loop that starts goroutines, seen with 23 GB):
# the data-segment limit (8 GB of written memory) makes it crash, and count as caught, before it
# takes the shared machine's memory. Not an address-space limit (ulimit -v): Node reserves more
# address space than that for the rule core's WebAssembly test, which then cannot start.
mutate:
	@if ! $(GO) version -m $(GREMLINS) 2>/dev/null | grep -q "github.com/go-gremlins/gremlins[[:space:]]*$(GREMLINS_VERSION)"; then \
		GOBIN="$$(pwd)/.cache/bin" $(GO) install github.com/go-gremlins/gremlins/cmd/gremlins@$(GREMLINS_VERSION); \
	fi
	ulimit -d 8000000 && $(GO) run ./build/mutate -gremlins $(GREMLINS)

# The offline kit: dist/scaleup-site, one executable that embeds the built site and serves it
# (./scaleup-site --addr 0.0.0.0:8080 on a training room's Wi-Fi), and dist/scaleup-site.zip, the
# same files for any static server. go:embed reads only its own package's folder, so the site is
# built into build/dist/site/public first (git-ignored). A release build: the public address
# must be set (content/site.yaml, or make dist BASEURL=https://…), since the handout and the
# slides print it.
dist:
	$(GO) run ./build -release $(if $(BASEURL),-baseurl $(BASEURL)) -out build/dist/site/public
	rm -rf build/dist/site/public.old # the previous build's tree, which go:embed would take too
	mkdir -p dist
	$(GO) build -trimpath -o dist/scaleup-site ./build/dist
	$(GO) run ./build/dist/zipdir -o dist/scaleup-site.zip build/dist/site/public

clean:
	rm -rf public public.tmp public.old .cache dist content/bench build/dist/site/public build/dist/site/public.tmp build/dist/site/public.old

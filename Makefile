# Scale-Up Guide. `make` builds the site into public/, `make serve` previews it with live reload,
# `make test` runs every test (CI runs it with CI=true, where browser tests must not skip).
GO ?= go

.PHONY: all build serve test test-go test-wasm bench clean

all: build

build:
	$(GO) run ./build -strict

serve:
	$(GO) run ./build serve

test: test-go test-wasm

test-go:
	$(GO) vet ./...
	$(GO) test ./...

# The rule core's tests (scenario files included) again, compiled to WebAssembly and run by Node,
# so that a difference between the native and the browser build cannot go unnoticed.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./calculator/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf public public.tmp public.old .cache

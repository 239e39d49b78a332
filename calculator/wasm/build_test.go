//go:build !js

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// sizeBudget is the largest the calculator may be after brotli compression
// (quality 11, as the site serves it). An empty Go program is about 418 KB.
const sizeBudget = 560 * 1024

// built caches the module between tests: one build per test run.
var built []byte

// buildWasm builds the adapter as the site does, into a temporary directory.
func buildWasm(t *testing.T) []byte {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the WebAssembly module; skipped with -short")
	}
	if built != nil {
		return built
	}
	out := filepath.Join(t.TempDir(), "calculator.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	built = data
	return data
}

func TestWasmSizeBudget(t *testing.T) {
	data := buildWasm(t)
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, 11)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("calculator.wasm: %d bytes raw, %d bytes brotli-11 (budget %d)", len(data), buf.Len(), sizeBudget)
	if buf.Len() > sizeBudget {
		t.Errorf("calculator.wasm is %d bytes after brotli, over the %d-byte budget", buf.Len(), sizeBudget)
	}
}

// TestWasmImports keeps heavy packages out of what the WebAssembly build links.
func TestWasmImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 || !contains(deps, "scaleup/calculator") {
		t.Fatalf("go list returned an unexpected dependency list: %q", deps)
	}
	for _, banned := range []string{"fmt", "encoding/json", "regexp", "text/template", "html/template", "reflect", "gopkg.in/yaml.v3"} {
		if contains(deps, banned) {
			t.Errorf("the WebAssembly build links %s", banned)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

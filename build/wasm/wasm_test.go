package wasm

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"scaleup/build/diag"
	"scaleup/build/pipeline"
)

// TestStage compiles the real calculator (or takes it from .cache/wasm/) and checks what the
// stage adds to the site.
func TestStage(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the WebAssembly module; skipped with -short")
	}
	ctx := pipeline.NewContext(pipeline.Options{}, nil, &diag.List{})
	if err := Stage.Run(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, pattern string
		starts        []byte
	}{
		{ModuleAsset, `^/assets/calculator\.[0-9a-f]{10}\.wasm$`, []byte("\x00asm")},
		{GlueAsset, `^/assets/wasm_exec\.[0-9a-f]{10}\.js$`, nil},
	} {
		url := ctx.Assets[c.name]
		if !regexp.MustCompile(c.pattern).MatchString(url) {
			t.Errorf("Assets[%q] = %q, want a match for %s", c.name, url, c.pattern)
			continue
		}
		data := ctx.Files[url[1:]]
		if len(data) == 0 {
			t.Errorf("%s is not among the site's files", url)
		}
		if c.starts != nil && !bytes.HasPrefix(data, c.starts) {
			t.Errorf("%s does not start with %q", url, c.starts)
		}
	}
	if glue := ctx.Files[ctx.Assets[GlueAsset][1:]]; !bytes.Contains(glue, []byte("globalThis.Go")) {
		t.Error("wasm_exec.js does not define globalThis.Go")
	}
}

// TestSourceKey: the cache key follows the calculator's non-test Go sources and go.mod, and
// nothing else.
func TestSourceKey(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module x\n")
	write("calculator/core.go", "package calculator\n")
	key := func() string {
		t.Helper()
		k, err := sourceKey(root)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	first := key()
	if again := key(); again != first {
		t.Fatalf("the key is not stable: %s, then %s", first, again)
	}
	steps := []struct {
		name, file, text string
		changes          bool
	}{
		{"test file", "calculator/core_test.go", "package calculator\n", false},
		{"test data", "calculator/testdata/a.json", "{}", false},
		{"other folder", "build/x.go", "package build\n", false},
		{"source edit", "calculator/core.go", "package calculator // edited\n", true},
		{"new source in the adapter", "calculator/wasm/main.go", "package main\n", true},
		{"go.mod", "go.mod", "module x\n\ngo 1.26\n", true},
	}
	prev := first
	for _, s := range steps {
		write(s.file, s.text)
		k := key()
		if changed := k != prev; changed != s.changes {
			t.Errorf("%s: key changed = %v, want %v", s.name, changed, s.changes)
		}
		prev = k
	}
}

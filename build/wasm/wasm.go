// Package wasm is the build stage that compiles the calculator's rule core to WebAssembly and
// ships it with the wasm_exec.js of the same Go toolchain (the two must match: the glue code
// changes between Go releases).
//
// This is the one place where the generator reads the real disk instead of the build's afero.Fs:
// the Go toolchain compiles ./calculator/wasm from the module root on disk, and wasm_exec.js
// comes from $(go env GOROOT). The result is cached under .cache/wasm/, keyed by a hash of the
// calculator's sources and `go version`, so that a dev rebuild that did not touch calculator/
// costs a few file reads instead of a compile.
package wasm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"scaleup/build/deploy"
	"scaleup/build/pipeline"
)

// Asset names the templates use: {{Asset "calculator.wasm"}}, {{Asset "wasm_exec.js"}}.
const (
	ModuleAsset = "calculator.wasm"
	GlueAsset   = "wasm_exec.js"
)

// Stage compiles the module (or takes it from the cache), fingerprints both files and adds them
// to the site.
var Stage = pipeline.Func{Name: "wasm", In: pipeline.Index, Do: compileStage}

// Stub stands in for the module in tests that build the site but never run the calculator:
// the calculator page links a module, whose bytes they do not read, and compiling one takes
// seconds.
var Stub = pipeline.Func{Name: "wasm", In: pipeline.Index, Do: func(ctx *pipeline.Context) error {
	for _, name := range []string{ModuleAsset, GlueAsset} {
		p := "assets/stub-" + name
		ctx.Files.Add(p, []byte("stub"))
		ctx.Assets[name] = "/" + p
	}
	return nil
}}

// Reuse is the stage of `go run ./build -nowasm`: it ships the most recently compiled module
// from .cache/wasm/ without running the compiler. With no module cached yet it compiles once,
// since the calculator page cannot render without one.
var Reuse = pipeline.Func{Name: "wasm", In: pipeline.Index, Do: reuseStage}

func compileStage(ctx *pipeline.Context) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	module, err := compile(root)
	if err != nil {
		return err
	}
	glue, err := wasmExec(ctx)
	if err != nil {
		return err
	}
	add(ctx, ModuleAsset, module)
	add(ctx, GlueAsset, glue)
	return nil
}

func reuseStage(ctx *pipeline.Context) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	module, err := newestCached(filepath.Join(root, ".cache", "wasm"))
	if err != nil {
		module, err = compile(root)
	}
	if err != nil {
		return err
	}
	glue, err := wasmExec(ctx)
	if err != nil {
		return err
	}
	add(ctx, ModuleAsset, module)
	add(ctx, GlueAsset, glue)
	return nil
}

// newestCached returns the most recently written module in dir.
func newestCached(dir string) ([]byte, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.wasm"))
	var newest string
	var newestTime int64
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil || strings.HasPrefix(filepath.Base(f), "build-") {
			continue
		}
		if t := info.ModTime().UnixNano(); newest == "" || t > newestTime {
			newest, newestTime = f, t
		}
	}
	if newest == "" {
		return nil, os.ErrNotExist
	}
	return os.ReadFile(newest)
}

// add stores data as assets/NAME.HASH.EXT and registers its URL for the templates.
func add(ctx *pipeline.Context, name string, data []byte) {
	ext := filepath.Ext(name)
	p := "assets/" + deploy.Fingerprint(strings.TrimSuffix(name, ext), ext, data)
	ctx.Files.Add(p, data)
	ctx.Assets[name] = "/" + p
}

// moduleRoot is the folder of the go.mod that governs the working directory: the project root
// for `go run ./build` and for tests run from build/e2e alike.
func moduleRoot() (string, error) {
	out, err := goCmd("", nil, "env", "GOMOD")
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("wasm: not inside the Go module (go env GOMOD is empty)")
	}
	return filepath.Dir(mod), nil
}

// compile returns calculator.wasm, from .cache/wasm/ when the sources and toolchain are unchanged.
func compile(root string) ([]byte, error) {
	key, err := sourceKey(root)
	if err != nil {
		return nil, err
	}
	cacheDir := filepath.Join(root, ".cache", "wasm")
	cached := filepath.Join(cacheDir, key+".wasm")
	if data, err := os.ReadFile(cached); err == nil {
		return data, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("wasm: %w", err)
	}
	// Build into a temporary name and rename, so that a parallel build never reads half a file.
	tmp, err := os.CreateTemp(cacheDir, "build-*.wasm")
	if err != nil {
		return nil, fmt.Errorf("wasm: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	env := []string{"GOOS=js", "GOARCH=wasm"}
	if _, err := goCmd(root, env, "build", "-trimpath", "-ldflags=-s -w", "-o", tmp.Name(), "./calculator/wasm"); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), cached); err != nil {
		return nil, fmt.Errorf("wasm: %w", err)
	}
	pruneCache(cacheDir, cached)
	data, err := os.ReadFile(cached)
	if err != nil {
		return nil, fmt.Errorf("wasm: %w", err)
	}
	return data, nil
}

// sourceKey hashes `go version`, go.mod, go.sum and every non-test Go file under calculator/
// (names and contents, in sorted order).
func sourceKey(root string) (string, error) {
	version, err := goCmd(root, nil, "version")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(version)
	files := []string{"go.mod", "go.sum"}
	err = filepath.WalkDir(filepath.Join(root, "calculator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			rel, _ := filepath.Rel(root, p)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("wasm: reading the calculator sources: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil && !(f == "go.sum" && os.IsNotExist(err)) {
			return "", fmt.Errorf("wasm: %w", err)
		}
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(f), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// pruneCache removes older modules so the cache holds one file per toolchain-and-source state
// in use, not one per edit ever made.
func pruneCache(dir, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, "*.wasm"))
	for _, f := range old {
		if f != keep && !strings.HasPrefix(filepath.Base(f), "build-") {
			os.Remove(f)
		}
	}
}

// wasmExec returns the JavaScript glue of the Go toolchain that compiled the module. Go 1.24
// moved it from misc/wasm to lib/wasm.
func wasmExec(ctx *pipeline.Context) ([]byte, error) {
	out, err := goCmd("", nil, "env", "GOROOT")
	if err != nil {
		return nil, err
	}
	goroot := strings.TrimSpace(string(out))
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		if data, err := os.ReadFile(filepath.Join(goroot, dir, "wasm_exec.js")); err == nil {
			// Minified here, before it is fingerprinted: the final pass leaves fingerprinted
			// files alone, so that their bytes stay those their name was made from.
			min, err := ctx.Minify("wasm_exec.js", data)
			if err != nil {
				return nil, fmt.Errorf("wasm: minifying wasm_exec.js: %w", err)
			}
			return min, nil
		}
	}
	return nil, fmt.Errorf("wasm: no wasm_exec.js in %s/lib/wasm or misc/wasm", goroot)
}

// goCmd runs the go command in dir (the working directory when "") with extra environment
// variables, and returns its standard output, or an error carrying its standard error.
func goCmd(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wasm: go %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

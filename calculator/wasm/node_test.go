//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"scaleup/calculator/modules"
)

func TestSafeEstimateRecoversPanic(t *testing.T) {
	saved := estimateFunc
	defer func() { estimateFunc = saved }()
	estimateFunc = func([]byte) ([]byte, bool) { panic("boom") }
	if got := safeEstimate(`{}`); got != internalError {
		t.Fatalf("after a panic got %q, want the internal-error document", got)
	}
	estimateFunc = saved
	if got := safeEstimate(`{"firstEntryYear":2022,"revenue":26000000}`); !strings.Contains(got, `"eligible":true`) {
		t.Fatalf("the adapter does not work after a recovered panic: %s", got)
	}
	for _, doc := range []string{internalError, badCall} {
		if !json.Valid([]byte(doc)) {
			t.Errorf("not valid JSON: %s", doc)
		}
	}
}

// TestWasmMatchesNative runs every scenario input through the real WebAssembly
// module under Node and requires byte-identical output to the native core, so
// a backend difference cannot change a result.
func TestWasmMatchesNative(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found")
	}
	wasm := buildWasm(t)
	dir := t.TempDir()
	wasmPath := filepath.Join(dir, "calculator.wasm")
	if err := os.WriteFile(wasmPath, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.json"))
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	var inputs []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Input     json.RawMessage `json:"input"`
			InputText *string         `json:"inputText"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if s.InputText != nil {
			inputs = append(inputs, *s.InputText)
		} else {
			inputs = append(inputs, string(s.Input))
		}
	}
	inputs = append(inputs, "{", "\xff\xfe", `{"firstEntryYear":2022,"revenue":1e400}`)
	inPath := filepath.Join(dir, "inputs.json")
	data, _ := json.Marshal(inputs)
	if err := os.WriteFile(inPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	outPath := filepath.Join(dir, "outputs.json")
	script := filepath.Join(dir, "run.js")
	wasmExec := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")
	js := `"use strict";
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.crypto ??= require("crypto");
require(` + jsString(wasmExec) + `);
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(` + jsString(wasmPath) + `), go.importObject).then((r) => {
  go.run(r.instance);
  if (globalThis.scaleupReady !== true) throw new Error("scaleupReady not set");
  const inputs = JSON.parse(fs.readFileSync(` + jsString(inPath) + `, "utf8"));
  const outputs = inputs.map((s) => scaleupEstimate(s));
  outputs.push(scaleupEstimate(42), scaleupEstimate(), scaleupVersion());
  fs.writeFileSync(` + jsString(outPath) + `, JSON.stringify(outputs));
  process.exit(0);
}).catch((e) => { console.error(e); process.exit(1); });
`
	if err := os.WriteFile(script, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(node, script).CombinedOutput(); err != nil {
		t.Fatalf("node: %v\n%s", err, msg)
	}
	raw, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	var outputs []string
	if err := json.Unmarshal(raw, &outputs); err != nil {
		t.Fatal(err)
	}
	if len(outputs) != len(inputs)+3 {
		t.Fatalf("got %d outputs for %d inputs", len(outputs), len(inputs))
	}
	for i, in := range inputs {
		want, _ := modules.All.EstimateJSON([]byte(in))
		if !bytes.Equal([]byte(outputs[i]), want) {
			t.Errorf("input %d: WebAssembly output differs from native\nwasm:   %s\nnative: %s", i, outputs[i], want)
		}
	}
	n := len(inputs)
	if outputs[n] != badCall || outputs[n+1] != badCall {
		t.Errorf("a call without one string argument returned %q and %q", outputs[n], outputs[n+1])
	}
	if outputs[n+2] != modules.All.Version() {
		t.Errorf("scaleupVersion() = %q, want %q", outputs[n+2], modules.All.Version())
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

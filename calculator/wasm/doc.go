// Command wasm is the WebAssembly adapter of the rule core. It registers two
// global functions and then waits forever:
//
//	scaleupEstimate(inputJSON string) string  // output JSON, or {"errors":[…]}
//	scaleupVersion() string                   // modules.All.Version()
//
// and sets globalThis.scaleupReady = true once they exist. A panic inside a
// js.FuncOf callback would kill the Go instance (every later call would throw
// "Go program has already exited"), so every entry point recovers and returns
// an error document instead (see safeEstimate).
//
// Build: GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o calculator.wasm ./calculator/wasm
//
// The adapter runs every registered rule module (calculator/modules); its logic without
// syscall/js is in adapter.go, so native tests can check it.
package main

//go:build js && wasm

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
package main

import (
	"scaleup/calculator/modules"
	"syscall/js"
)

func estimate(this js.Value, args []js.Value) (result any) {
	defer func() {
		if recover() != nil {
			result = internalError
		}
	}()
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return badCall
	}
	return safeEstimate(args[0].String())
}

func version(this js.Value, args []js.Value) any {
	return modules.All.Version()
}

func main() {
	global := js.Global()
	global.Set("scaleupEstimate", js.FuncOf(estimate))
	global.Set("scaleupVersion", js.FuncOf(version))
	global.Set("scaleupReady", true)
	select {}
}

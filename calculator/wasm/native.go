//go:build !(js && wasm)

package main

import "os"

// The adapter only runs in a browser. Natively this package builds (so
// `go build ./...` and `go vet ./...` cover it) but refuses to run.
func main() {
	os.Stderr.WriteString("calculator/wasm is the WebAssembly adapter: build it with GOOS=js GOARCH=wasm\n")
	os.Exit(2)
}

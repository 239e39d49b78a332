package main

import (
	"scaleup/build/site"
	wasmstage "scaleup/build/wasm"
)

// stages lists the optional build steps: the search index and the calculator's WebAssembly module.
// Without wasm (-nowasm) the module is not compiled: the last one in .cache/wasm/ is reused, so the
// calculator page still renders and works.
func stages(wasm bool) []site.Stage {
	if !wasm {
		return []site.Stage{site.SearchStage, wasmstage.Reuse}
	}
	return []site.Stage{site.SearchStage, wasmstage.Stage}
}

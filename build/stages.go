package main

import "scaleup/build/site"

// stages lists the optional build steps: the search index and the calculator's WebAssembly module.
func stages(wasm bool) []site.Stage {
	return []site.Stage{site.SearchStage}
}

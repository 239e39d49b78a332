package generator

import (
	"scaleup/build/pipeline"
	"scaleup/build/wasm"
)

// stagesWithoutWasm are the standard stages with wasm.Stub for the WebAssembly module.
func stagesWithoutWasm() []pipeline.Stage {
	var out []pipeline.Stage
	for _, s := range Stages(false) {
		if f, ok := s.(pipeline.Func); ok && f.Name == "wasm" {
			s = wasm.Stub
		}
		out = append(out, s)
	}
	return out
}

package generator

import (
	"scaleup/build/pipeline"
)

// stagesWithoutWasm are the standard stages with a stand-in for the WebAssembly module: the
// calculator page links one, whose bytes these tests do not read (compiling it takes seconds).
func stagesWithoutWasm() []pipeline.Stage {
	stub := pipeline.Func{Name: "stub wasm", In: pipeline.Index, Do: func(ctx *pipeline.Context) error {
		for _, name := range []string{"calculator.wasm", "wasm_exec.js"} {
			p := "assets/stub-" + name
			ctx.Files.Add(p, []byte("stub"))
			ctx.Assets[name] = "/" + p
		}
		return nil
	}}
	var out []pipeline.Stage
	for _, s := range Stages(false) {
		if f, ok := s.(pipeline.Func); ok && f.Name == "wasm" {
			s = stub
		}
		out = append(out, s)
	}
	return out
}

package offline

import (
	"fmt"
	"testing"

	"scaleup/build/diag"
	"scaleup/build/output"
	"scaleup/build/pipeline"
)

// BenchmarkStage: the worker for a site the size of ours (about 370 files, 3.8 MB, most of it
// the WebAssembly module), hashing included. It runs on every build, dev rebuilds too.
func BenchmarkStage(b *testing.B) {
	files := output.Site{"assets/calculator.0123456789.wasm": make([]byte, 2500<<10)}
	for i := range 360 {
		files.Add(fmt.Sprintf("page-%d/index.html", i), make([]byte, 3<<10))
		files.Add(fmt.Sprintf("page-%d/index.html.br", i), make([]byte, 1<<10))
	}
	for b.Loop() {
		delete(files, WorkerPath)
		ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: projectFs()}, nil, &diag.List{}), files)
		if err := Stage.Run(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// Package generator assembles the site generator: the pipeline (package pipeline) with every
// standard stage. The command (go run ./build), the dev server, the tests and the benchmarks
// build through it, so they all build the same site.
package generator

import (
	"scaleup/build/assets"
	"scaleup/build/offline"
	"scaleup/build/pipeline"
	"scaleup/build/search"
	"scaleup/build/site"
	"scaleup/build/wasm"
	"scaleup/calculator/modules"
)

// Stages are the standard stages; Run orders them by phase. Without wasm (-nowasm) the
// calculator's module is not compiled: the last one in .cache/wasm/ is reused, so the calculator
// page still renders and works.
func Stages(compileWasm bool) []pipeline.Stage {
	module := wasm.Reuse
	if compileWasm {
		module = wasm.Stage
	}
	stages := []pipeline.Stage{assets.Stage, search.Stage, module}
	stages = append(stages, site.Stages()...)
	return append(stages, offline.Stage)
}

// Build runs the pipeline with o's stages, or the standard ones (with the calculator module
// compiled) when o names none, and the registered rule modules when o names none.
func Build(o pipeline.Options) (*pipeline.Result, error) {
	if o.Stages == nil {
		o.Stages = Stages(true)
	}
	if o.Rules == nil {
		o.Rules = modules.All
	}
	return pipeline.Run(o)
}

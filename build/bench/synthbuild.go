package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/generator"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/synth"
)

// When build/site's BenchmarkBuildSynthetic fails (it builds without the
// WebAssembly stage, and a template may come to need the module's asset), the
// same build is timed here instead, with the module reused from .cache/wasm as
// `go run ./build -nowasm` does, so the table still has our figure. The report
// says which of the two produced it.

// synthRuns is how many timed builds are averaged, after one untimed.
const synthRuns = 3

// timeSynthetic builds the synthetic site in memory synthRuns times and
// returns the mean time and the number of pages.
func timeSynthetic(c output.Compression) (time.Duration, int, error) {
	fsys, err := synthProject()
	if err != nil {
		return 0, 0, err
	}
	build := func() (*pipeline.Result, error) {
		return generator.Build(pipeline.Options{Fs: fsys, NoWrite: true, Stages: generator.Stages(false), Compression: c})
	}
	if _, err := build(); err != nil {
		return 0, 0, fmt.Errorf("building the synthetic site: %w", err)
	}
	var total time.Duration
	pages := 0
	for i := 0; i < synthRuns; i++ {
		start := time.Now()
		res, err := build()
		if err != nil {
			return 0, 0, err
		}
		total += time.Since(start)
		pages = res.Pages
	}
	return total / synthRuns, pages, nil
}

// synthProject is the synthetic site in memory, from the project in the current folder.
func synthProject() (afero.Fs, error) { return synth.Project(afero.NewOsFs(), policyText()) }

// writeSyntheticSite builds the synthetic site (the real pages and the 2,000
// synthetic ones) once, precompressed as served, and writes it to dir, for the
// search measurements on a larger site. It returns the number of pages.
func writeSyntheticSite(dir string) (int, error) {
	fsys, err := synthProject()
	if err != nil {
		return 0, err
	}
	res, err := generator.Build(pipeline.Options{Fs: fsys, NoWrite: true, Stages: generator.Stages(false)})
	if err != nil {
		return 0, fmt.Errorf("building the synthetic site: %w", err)
	}
	return res.Pages, output.Write(afero.NewOsFs(), dir, res.Files)
}

// policyText is the policy's Chinese text, whose characters the synthetic pages are made of.
func policyText() []byte {
	b, _ := os.ReadFile("build/site/testdata/jsz-2021-35.zh.txt")
	return b
}

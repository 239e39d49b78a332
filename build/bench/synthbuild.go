package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/output"
	"scaleup/build/site"
	"scaleup/build/synth"
	"scaleup/build/wasm"
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
	build := func() (*site.Result, error) {
		return site.Build(site.Options{Fs: fsys, NoWrite: true, Stages: []site.Stage{site.SearchStage, wasm.Reuse}, Compression: c})
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

// synthProject copies content/ and templates/ into memory and adds the
// synthetic pages (build/site's synthProject, for a command).
func synthProject() (afero.Fs, error) {
	mem := afero.NewMemMapFs()
	disk := afero.NewOsFs()
	for _, dir := range []string{"content", "templates"} {
		err := afero.Walk(disk, dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			data, err := afero.ReadFile(disk, p)
			if err != nil {
				return err
			}
			return afero.WriteFile(mem, p, data, 0o644)
		})
		if err != nil {
			return nil, err
		}
	}
	files := map[string]string{
		"content/bench/_index.zh.md": "---\ntitle: 合成页面\ndescription: 基准测试用的合成页面。\n---\n合成页面。\n",
		"content/bench/_index.en.md": "---\ntitle: Synthetic pages\ndescription: Synthetic pages for the benchmark.\n---\nSynthetic pages.\n",
	}
	for _, p := range synth.Pages(policyText()) {
		files["content/bench/"+p.Name] = p.Front + p.Body
	}
	for name, text := range files {
		if err := afero.WriteFile(mem, name, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return mem, nil
}

// writeSyntheticSite builds the synthetic site (the real pages and the 2,000
// synthetic ones) once, precompressed as served, and writes it to dir, for the
// search measurements on a larger site. It returns the number of pages.
func writeSyntheticSite(dir string) (int, error) {
	fsys, err := synthProject()
	if err != nil {
		return 0, err
	}
	res, err := site.Build(site.Options{Fs: fsys, NoWrite: true, Stages: []site.Stage{site.SearchStage, wasm.Reuse}})
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

package main

import (
	"fmt"
	"os"

	"github.com/spf13/afero"

	"scaleup/build/generator"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/synth"
)

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

package site

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/synth"
	"scaleup/calculator/modules"
)

// The build benchmark of issue 2: a synthetic bilingual site of 1,000 pages per language (Chinese
// and English paragraphs, lists and tables) on top of the real templates, data and assets, built
// in memory with every stage but the WebAssembly compile. BenchmarkHugoSynthetic builds the same
// Markdown with Debian's hugo (minify on), for a side-by-side figure:
//
//	go test -run '^$' -bench 'Synthetic' -benchmem ./build/site/

func BenchmarkBuildSynthetic(b *testing.B) { benchSynthetic(b, output.DefaultCompression) }

// BenchmarkBuildSyntheticNoPrecompress leaves out the .br/.gz siblings, which Hugo does not write:
// the like-for-like figure against BenchmarkHugoSynthetic.
func BenchmarkBuildSyntheticNoPrecompress(b *testing.B) {
	benchSynthetic(b, output.Compression{Skip: true})
}

func benchSynthetic(b *testing.B, c output.Compression) {
	fsys := synthProject(b)
	b.ReportAllocs()
	b.ResetTimer()
	var pages int
	for i := 0; i < b.N; i++ {
		res, err := pipeline.Run(pipeline.Options{Rules: modules.All, Fs: fsys, NoWrite: true, Stages: realStages(), Compression: c})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkHugoSynthetic times `hugo --minify` on the same synthetic pages (with simple layouts of
// the same structure). It is skipped where hugo is not installed (Debian: apt-get install hugo).
func BenchmarkHugoSynthetic(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("hugo not installed")
	}
	dir := b.TempDir()
	if err := synth.WriteHugoSite(dir, synthSource(b)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("public%d", i))
		cmd := exec.Command(hugo, "--minify", "--quiet", "-d", out)
		cmd.Dir = dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("hugo: %v\n%s", err, msg)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(2*synth.PagesPerLang), "ms/page")
}

// synthProject is the synthetic site in memory (synth.Project), from the project two folders up.
func synthProject(b *testing.B) afero.Fs {
	b.Helper()
	fsys, err := synth.Project(afero.NewBasePathFs(afero.NewOsFs(), "../.."), synthSource(b))
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// synthSource is the policy's Chinese text, whose characters the synthetic pages are made of.
func synthSource(b *testing.B) []byte {
	data, err := os.ReadFile("testdata/jsz-2021-35.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

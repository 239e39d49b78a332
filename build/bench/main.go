// Command bench runs every published measurement of the project on this
// machine, in one run, and writes BENCHMARKS.md:
//
//	go run ./build/bench [-o BENCHMARKS.md]
//
// `make bench` runs all the Go benchmarks first, then this. It measures:
//
//  1. search on the real site, ours against Pagefind on a copy of the same
//     built site: bytes of a cold query and the top result for twenty real
//     queries, warm query latency, both in headless Chromium;
//  2. our full build against Hugo (and Hugo + Pagefind) on the synthetic
//     2,000-page site (build/site's benchmarks);
//  3. the weight of each type of page on a first visit;
//  4. the WebAssembly core's size and the calculator's speed in the browser
//     (build/e2e's benchmarks).
//
// Everything temporary goes to .cache/bench (git-ignored). It needs Chromium,
// hugo, and npx (Node.js) with access to the npm registry for Pagefind.
//
//	go run ./build/bench load [-clients 60] [-d 30s] [-o BENCHMARKS.md]
//
// measures dist/scaleup-site and nginx under load (load.go) and writes its own
// section of BENCHMARKS.md, which the full run keeps. It needs Chromium and
// nginx with the brotli_static module.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"scaleup/build/output"
	"scaleup/build/synth"
)

// work is the folder for everything temporary.
const work = ".cache/bench"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "load" {
		if err := runLoad(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench load:", err)
			os.Exit(1)
		}
		return
	}
	out := flag.String("o", "BENCHMARKS.md", "the report to write")
	noGo := flag.Bool("nogo", false, "skip the Go benchmarks and Hugo (to try the browser measurements quickly)")
	built := flag.String("site", "", "measure this already built site instead of building one")
	flag.Parse()
	if err := run(*out, *built, *noGo); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func run(outFile, built string, noGo bool) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root: go run ./build/bench")
	}
	r := &report{date: time.Now().UTC(), machine: describeMachine()}
	step("load: %s", r.machine.uptimeStart)
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(work)
	if err != nil {
		return err
	}

	// 1. The real site, and Pagefind on a copy of it.
	site := filepath.Join(abs, "site")
	if built != "" {
		if err := copyDir(built, site); err != nil {
			return err
		}
	} else {
		step("building the site into %s", site)
		if err := command("go", "run", "./build", "-strict", "-out", site); err != nil {
			return err
		}
	}
	step("fetching Pagefind %s with npx", pagefindVersion)
	if r.machine.pf, err = pagefindInstall(); err != nil {
		return err
	}
	pfSite := filepath.Join(abs, "site-pagefind")
	if err := copyDir(site, pfSite); err != nil {
		return err
	}
	step("indexing the copy with Pagefind")
	if r.pfRealTime, err = pagefind(pfSite); err != nil {
		return err
	}
	if err := writePagefindPages(pfSite); err != nil {
		return err
	}
	if r.pfLanguages, err = pagefindLanguages(pfSite); err != nil {
		return err
	}
	if r.oursIndexBytes, r.oursIndexFiles, err = dirSize(filepath.Join(site, "_search"), false, false); err != nil {
		return err
	}
	if r.pfIndexBytes, r.pfIndexFiles, err = dirSize(filepath.Join(pfSite, "pagefind"), true, true); err != nil {
		return err
	}
	if err := r.measureBrowser(site, pfSite); err != nil {
		return err
	}
	if r.wasmRaw, r.wasmBr, err = wasmSize(site); err != nil {
		return err
	}

	// 2. Go benchmarks: the search index, the builds, the calculator in the browser.
	if noGo {
		return r.write(outFile)
	}
	// A benchmark that fails is reported in BENCHMARKS.md, not fatal: the
	// other figures are still worth publishing.
	var benchErr error
	r.searchBench, r.searchCmd, benchErr = goBench("./build/search/", "^Benchmark(Build|RealSite)$", "3x")
	r.noteFailure(benchErr)
	r.siteBench, r.siteCmd, benchErr = goBench("./build/site/", "Synthetic", "3x")
	r.noteFailure(benchErr)
	r.noteFailure(r.synthFallback())
	step("Hugo's output of the synthetic site, indexed by Pagefind")
	if r.hugoPfTime, r.hugoPages, err = hugoPagefind(filepath.Join(abs, "hugo")); err != nil {
		return err
	}
	r.e2eBench, r.e2eCmd, benchErr = goBench("./build/e2e/", "^Benchmark(Calculator|Search)", "5x")
	r.noteFailure(benchErr)
	return r.write(outFile)
}

func (r *report) write(outFile string) error {
	r.machine.uptimeEnd = uptime()
	step("load: %s", r.machine.uptimeEnd)
	// Section 5 is written by make mutate (build/mutate), which takes hours, and the section of
	// `go run ./build/bench load` is measured apart: keep both.
	old, _ := os.ReadFile(outFile)
	r.mutation = mutationSection(string(old))
	md := r.markdown()
	if section := loadSection(string(old)); section != "" {
		md += "\n" + section + "\n"
	}
	if err := os.WriteFile(outFile, []byte(md), 0o644); err != nil {
		return err
	}
	step("wrote %s", outFile)
	return nil
}

// measureBrowser runs the browser measurements of search and page weight.
func (r *report) measureBrowser(site, pfSite string) error {
	b, err := startBrowser(filepath.Join(work, "profile"))
	if err != nil {
		return err
	}
	defer b.stop()
	r.machine.chromium = b.version
	srv, err := serveDir(site)
	if err != nil {
		return err
	}
	defer srv.stop()
	pfSrv, err := serveDir(pfSite)
	if err != nil {
		return err
	}
	defer pfSrv.stop()

	queries, err := loadQueries(20)
	if err != nil {
		return err
	}
	r.search = make([]searchRow, len(queries))
	for i, q := range queries {
		r.search[i].query = q
	}
	step("search: ours, %d queries cold, then warm", len(queries))
	if err := measureOurs(b, site, srv, r.search); err != nil {
		return err
	}
	step("search: Pagefind, %d queries cold, then warm", len(queries))
	if err := measurePagefind(b, pfSite, pfSrv, r.search); err != nil {
		return err
	}
	step("page weights")
	if r.weights, err = measureWeights(b, site, srv); err != nil {
		return err
	}

	// Ours on the synthetic site: the real pages plus 2,000 synthetic ones.
	step("search: ours on the synthetic site")
	synth := filepath.Join(filepath.Dir(site), "synth-site")
	if r.synthSitePages, err = writeSyntheticSite(synth); err != nil {
		r.noteFailure(err)
		return nil
	}
	if r.synthIndexBytes, r.synthIndexFiles, err = dirSize(filepath.Join(synth, "_search"), false, false); err != nil {
		return err
	}
	synthSrv, err := serveDir(synth)
	if err != nil {
		return err
	}
	defer synthSrv.stop()
	r.synthSearch = make([]searchRow, len(queries))
	for i, q := range queries {
		r.synthSearch[i].query = q
	}
	return measureOurs(b, synth, synthSrv, r.synthSearch)
}

// synthFallback times our synthetic builds here when build/site's benchmarks
// did not report them (see synthbuild.go).
func (r *report) synthFallback() error {
	for _, b := range []struct {
		name string
		c    output.Compression
	}{
		{"BenchmarkBuildSynthetic", output.DefaultCompression},
		{"BenchmarkBuildSyntheticNoPrecompress", output.Compression{Skip: true}},
	} {
		if metric(r.siteBench, b.name, "ns/op") >= 0 {
			continue
		}
		step("%s did not run: timing the same build here", b.name)
		took, pages, err := timeSynthetic(b.c)
		if err != nil {
			return fmt.Errorf("build/bench timing %s itself: %w", b.name, err)
		}
		if r.siteBench == nil {
			r.siteBench = map[string]map[string]float64{}
		}
		r.siteBench[b.name] = map[string]float64{
			"ns/op":   float64(took.Nanoseconds()),
			"ms/page": float64(took.Microseconds()) / 1000 / float64(pages),
		}
		r.synthTimedHere = append(r.synthTimedHere, b.name)
	}
	return nil
}

// wasmSize returns the raw and brotli sizes of the calculator's WebAssembly module.
func wasmSize(site string) (raw, br int, err error) {
	files, _ := filepath.Glob(filepath.Join(site, "assets", "*.wasm"))
	if len(files) != 1 {
		return 0, 0, fmt.Errorf("%s/assets: want one .wasm file, found %d", site, len(files))
	}
	info, err := os.Stat(files[0])
	if err != nil {
		return 0, 0, err
	}
	br, err = brSize(files[0], false)
	return int(info.Size()), br, err
}

// hugoPagefind builds the synthetic site with Hugo into dir/public and times
// Pagefind on it. It returns Pagefind's time and the number of HTML pages.
func hugoPagefind(dir string) (time.Duration, int, error) {
	if err := synth.WriteHugoSite(dir, policyText()); err != nil {
		return 0, 0, err
	}
	cmd := exec.Command("hugo", "--minify", "--quiet", "-d", "public")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("hugo: %w\n%s", err, out)
	}
	pages := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	took, err := pagefind(filepath.Join(dir, "public"))
	return took, pages, err
}

// command runs a command with its output on stderr.
func command(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

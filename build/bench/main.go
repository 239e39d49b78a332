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
//  2. our build against Hugo and Hugo + Pagefind on the synthetic 2,000-page
//     site, each command a whole process writing to disk, alternating, and the
//     dev server's reload after a saved page (commands.go, dev.go);
//  3. the weight of each type of page on a first visit;
//  4. the WebAssembly core's size and the calculator's speed in the browser
//     (build/e2e's benchmarks).
//
// Everything temporary goes to .cache/bench (git-ignored). It needs Chromium,
// hugo, and Pagefind's npm package in .cache/pagefind (`make bench` installs it).
//
//	go run ./build/bench synth [-hugo DIR]
//
// writes the synthetic pages into content/bench/ (git-ignored) and, with -hugo,
// the same pages as a Hugo site into DIR, to time the plain commands by hand:
//
//	go build -o sitegen ./build && ./sitegen -strict -nowasm -nocache -out /tmp/ours
//	hugo --minify -s DIR -d /tmp/hugo && pagefind --site /tmp/hugo
//
// Every build of the checkout includes content/bench/ until it is removed
// (go run ./build/bench synth -remove, or make clean).
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

	"scaleup/build/synth"
)

// work is the folder for everything temporary.
const work = ".cache/bench"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "synth" {
		if err := synthCommand(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench synth:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "load" {
		if err := runLoad(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench load:", err)
			os.Exit(1)
		}
		return
	}
	out := flag.String("o", "BENCHMARKS.md", "the report to write")
	noGo := flag.Bool("nogo", false, "skip the Go benchmarks and the builds (to try the browser measurements quickly)")
	built := flag.String("site", "", "measure this already built site instead of building one")
	buildsOnly := flag.Bool("builds", false, "measure only the builds (section 2) and print its table")
	flag.Parse()
	var err error
	if *buildsOnly {
		err = printBuilds()
	} else {
		err = run(*out, *built, *noGo)
	}
	if err != nil {
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
	if r.machine.pf, err = pagefindVersionLine(); err != nil {
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

	// 2. Go benchmarks (the search index, the calculator in the browser) and the builds.
	if noGo {
		return r.write(outFile)
	}
	// A benchmark that fails is reported in BENCHMARKS.md, not fatal: the
	// other figures are still worth publishing.
	var benchErr error
	r.searchBench, r.searchCmd, benchErr = goBench("./build/search/", "^Benchmark(Build|RealSite)$", "3x")
	r.noteFailure(benchErr)
	r.siteBench, r.siteCmd, benchErr = goBench("./build/site/", "^BenchmarkBuildSynthetic$", "3x")
	r.noteFailure(benchErr)
	if r.builds, err = measureBuilds(filepath.Join(abs, "builds")); err != nil {
		return err
	}
	r.noteFailure(r.builds.err)
	r.e2eBench, r.e2eCmd, benchErr = goBench("./build/e2e/", "^Benchmark(Calculator|Search)", "5x")
	r.noteFailure(benchErr)
	return r.write(outFile)
}

// printBuilds runs section 2 alone (go run ./build/bench -builds) and prints it.
func printBuilds() error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root: go run ./build/bench -builds")
	}
	abs, err := filepath.Abs(filepath.Join(work, "builds"))
	if err != nil {
		return err
	}
	if err := os.RemoveAll(abs); err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return err
	}
	r := &report{date: time.Now().UTC(), machine: describeMachine()}
	if r.builds, err = measureBuilds(abs); err != nil {
		return err
	}
	r.noteFailure(r.builds.err)
	r.machine.uptimeEnd = uptime()
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("load at start: %s", r.machine.uptimeStart)
	p("load at end: %s", r.machine.uptimeEnd)
	p("")
	r.buildSection(p)
	for _, f := range r.failures {
		p("failed: %s", f)
	}
	fmt.Print(b.String())
	return nil
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

// command runs a command with its output on stderr.
func command(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// synthCommand is `go run ./build/bench synth [-hugo DIR] [-remove]`.
func synthCommand(args []string) error {
	fl := flag.NewFlagSet("synth", flag.ExitOnError)
	hugo := fl.String("hugo", "", "also write the same pages as a Hugo site into this folder")
	remove := fl.Bool("remove", false, "remove "+synth.Dir+"/ instead")
	_ = fl.Parse(args)
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root: go run ./build/bench synth")
	}
	if *remove {
		return os.RemoveAll(synth.Dir)
	}
	if err := synth.WriteContent(".", policyText()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %d synthetic pages into %s/: every build of this checkout includes them until\n"+
		"you remove it (go run ./build/bench synth -remove, or make clean)\n", 2*synth.PagesPerLang, synth.Dir)
	if *hugo != "" {
		if err := synth.WriteHugoSite(*hugo, policyText()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote the same pages as a Hugo site into %s/ (hugo --minify -s %s)\n", *hugo, *hugo)
	}
	return nil
}

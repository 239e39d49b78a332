// Command build turns content/ into the static site in public/.
//
//	go run ./build                 build the site into public/
//	go run ./build -strict         also fail on warnings (missing translations…); CI uses this
//	go run ./build -release        -strict, and a placeholder baseURL is an error too; make dist uses this
//	go run ./build -nocache        build without the output cache in .cache/output (see build/output.Cache)
//	go run ./build serve           build, serve on http://127.0.0.1:1313, rebuild and reload on change
//	go run ./build nginx           print the nginx directives (headers, precompressed files) for deploying public/
//
// Every problem in content or templates is reported as file:line:col: message, all at once, and
// the build exits with status 1 without touching the previous public/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"

	"github.com/spf13/afero"

	"scaleup/build/deploy"
	"scaleup/build/diag"
	"scaleup/build/generator"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/serve"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "nginx" {
		fmt.Print(deploy.NginxConf())
		return
	}
	serveMode := len(args) > 0 && args[0] == "serve"
	if serveMode {
		args = args[1:]
	}
	fl := flag.NewFlagSet("build", flag.ExitOnError)
	out := fl.String("out", "public", "output folder")
	strict := fl.Bool("strict", false, "treat warnings (such as missing translations) as errors")
	release := fl.Bool("release", false, "like -strict, and a placeholder base URL (example.org, .test, localhost…) is an error: for a site or handout that people will use")
	baseURL := fl.String("baseurl", "", "public address of the site (overrides content/site.yaml)")
	addr := fl.String("addr", "127.0.0.1:1313", "serve: address to listen on (loopback only unless you change it)")
	noWasm := fl.Bool("nowasm", false, "skip compiling the calculator's WebAssembly module")
	noCache := fl.Bool("nocache", false, "build without reading or writing the cache of minified and compressed files in "+output.CacheDir+
		" (the calculator's module and its quality-11 brotli are still taken from .cache/wasm and "+output.MaxCacheDir+")")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof)")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./build [serve] [flags]\n\n")
		fl.PrintDefaults()
	}
	_ = fl.Parse(args)

	opts := pipeline.Options{
		Fs:      afero.NewOsFs(),
		Out:     *out,
		Strict:  *strict,
		Release: *release,
		BaseURL: *baseURL,
		Log:     os.Stderr,
		Stages:  generator.Stages(!*noWasm),
	}
	var cache *output.Cache
	if !*noCache {
		cache = output.NewCache(opts.Fs, output.CacheDir)
	}
	opts.Compression = output.DefaultCompression
	opts.Compression.Cache = cache
	opts.Compression.MaxCache = output.NewCache(opts.Fs, output.MaxCacheDir)
	if !serveMode {
		if !build(opts, *cpuProfile) {
			os.Exit(1)
		}
		return
	}

	opts.Log = nil // the dev server prints diagnostics itself
	// Locally, compressing every file again on each save only delays the reload.
	opts.Compression = output.Compression{Skip: true, Cache: cache}
	dev := &serve.Dev{
		Addr:   *addr,
		OutDir: *out,
		Watch:  []string{"content", "templates", "calculator"},
		Build: func() error {
			_, err := generator.Build(opts)
			return err
		},
		Log: os.Stderr,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := dev.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// build runs one build, with a CPU profile when profile names a file, and reports whether it
// passed.
func build(opts pipeline.Options, profile string) bool {
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return false
		}
		defer stop()
	}
	res, err := generator.Build(opts)
	if err != nil {
		report(err)
		return false
	}
	fmt.Fprintf(os.Stderr, "built %d pages, %d files into %s/ in %s\n", res.Pages, len(res.Files), opts.Out, res.Took.Round(1e6))
	return true
}

// startCPUProfile profiles the process into file until the returned function is called.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func report(err error) {
	var be *diag.BuildError
	if errors.As(err, &be) {
		fmt.Fprintln(os.Stderr, be.Error())
		fmt.Fprintf(os.Stderr, "build failed: %d problem(s); public/ was not changed\n", len(be.Items))
		return
	}
	fmt.Fprintf(os.Stderr, "build failed: %v\n", err)
}

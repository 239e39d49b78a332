// Package pipeline is the build's contract: what a build is given (Options), what every stage
// sees (Context), what a stage is (Stage) and the one order in which stages run (Phase).
//
// A build reads content/ into the model (package content), then runs its stages phase by
// phase, then minifies, precompresses and writes the files (package output):
//
//	content → model → assets → index (search, calculator module) → pages → finish (offline) → checks → files
//
// Stages live in their own packages (assets, search, wasm, site, offline) and import this one;
// none imports another stage. The composition root (package generator) lists them.
package pipeline

import (
	"io"
	"strings"
	"sync"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/output"
	"scaleup/calculator"
)

// Phase orders the stages. Stages of one phase run in the order they were given.
type Phase int

// The phases, in the order they run. This list is the build's order.
const (
	// Assets bundles the stylesheets and scripts: their URLs and integrity hashes must be
	// known before any page names them.
	Assets Phase = iota
	// Index adds files made from the model that pages name: the search index (built in the
	// background while pages render) and the calculator's WebAssembly module.
	Index
	// Render turns every page of the model into HTML.
	Render
	// Finish adds files that list every other file: the offline service worker.
	Finish
	// Check reads the finished site: links and anchors.
	Check
)

var phaseNames = [...]string{"assets", "index", "render", "finish", "check"}

func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// Stage is one step of the build. Run records problems of content or templates in ctx.Diags
// (with their file and line) and returns an error only when the stage itself cannot work
// (a missing tool, an unreadable file outside content).
type Stage interface {
	Phase() Phase
	Run(ctx *Context) error
}

// Func makes a Stage of a function.
type Func struct {
	Name string // for error messages
	In   Phase
	Do   func(ctx *Context) error
}

func (f Func) Phase() Phase { return f.In }

func (f Func) Run(ctx *Context) error { return f.Do(ctx) }

// Options configures a build. The zero value of every field but Fs is usable.
type Options struct {
	Fs     afero.Fs // the project root: content/, templates/ and (for the calculator) calculator/
	Out    string   // output folder inside Fs; default "public"
	Strict bool     // warnings (missing translations…) fail the build
	// Release also fails on a placeholder base URL (content.IsPlaceholderURL), which -strict
	// only warns about: CI builds with the placeholder, a release must not (make dist).
	Release     bool
	BaseURL     string // overrides content/site.yaml
	Compression output.Compression
	Workers     int       // goroutines for rendering and compression; default GOMAXPROCS
	Log         io.Writer // warnings; nil = quiet
	NoWrite     bool      // build in memory only (benchmarks, tests); the files are in Result.Files
	Stages      []Stage
	// Rules are the calculator's rule modules, which the worked examples and the claims of the
	// content are run through (the same modules as the calculator page's WebAssembly).
	Rules calculator.Rules
}

// Files is the set of output files, by site path ("en/policy/x/index.html").
type Files = output.Site

// Context is what stages read and add to. The model (Site) is complete and read-only; stages
// add files, asset URLs and the values templates show.
type Context struct {
	Options
	Site   *content.Site
	Files  Files
	Assets map[string]string // logical asset name ("main.css") → URL ("/assets/main.0123456789.css")
	// Values are per-language strings a stage gives the templates ({{Value "searchEntry"}}).
	Values map[string]map[string]string
	Diags  *diag.List
	// Minified lists the files (site paths) a stage wrote already minified: the final pass
	// leaves them as they are.
	Minified map[string]bool

	minifier *output.Minifier
	mu       sync.Mutex // guards Files and Minified in Add, and pages
	pages    int
	pending  []string            // values that background work will set
	jobs     []chan func() error // background work, see Background
}

// SetValue gives the templates of lang a value.
func (c *Context) SetValue(lang, key, value string) {
	if c.Values[lang] == nil {
		c.Values[lang] = map[string]string{}
	}
	c.Values[lang][key] = value
}

// Background lets a stage finish its work while pages render, on another core. work runs in
// its own goroutine and must not touch the Context; it returns a function that Wait calls to
// add its results to the Context: files, and the values named in values. Pages whose templates
// show one of those values are rendered after Wait; the others need not wait.
func (c *Context) Background(values []string, work func() (apply func() error)) {
	c.pending = append(c.pending, values...)
	done := make(chan func() error, 1)
	c.jobs = append(c.jobs, done)
	go func() { done <- work() }()
}

// Pending lists the values that background work has yet to set.
func (c *Context) Pending() []string { return c.pending }

// Wait applies the results of every background job, in the order they were started.
func (c *Context) Wait() {
	for _, done := range c.jobs {
		if err := (<-done)(); err != nil {
			c.Diags.Errorf("build", 0, 0, "%v", err)
		}
	}
	c.jobs, c.pending = nil, nil
}

// Minify minifies one file as the final pass would; stages that minify as they go (the
// render stage, page by page, while the page is in the CPU's cache) call it and list the file
// in Minified. Safe for concurrent use.
func (c *Context) Minify(path string, data []byte) ([]byte, error) {
	return output.MinifyFile(c.minifier, path, data)
}

// Add stores a finished file that needs no more minifying.
func (c *Context) Add(path string, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Files.Add(path, data)
	c.Minified[strings.TrimPrefix(path, "/")] = true
}

// URLPath is the URL that serves an output file: "en/x/index.html" → "/en/x/", "sw.js" → "/sw.js".
func URLPath(file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

package pipeline

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/output"
)

// Result describes a finished build.
type Result struct {
	Pages    int // HTML pages written by the render stage
	Files    Files
	Warnings []diag.Diagnostic
	Took     time.Duration
}

// Run builds the site: it loads the model, runs the stages phase by phase, and writes the files.
// On any error the output folder is left as it was: files are built in memory and swapped in
// only when the build succeeded.
func Run(o Options) (*Result, error) {
	start := time.Now()
	if o.Out == "" {
		o.Out = "public"
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Compression == (output.Compression{}) {
		o.Compression = output.DefaultCompression
		o.Compression.Cache = output.NewCache(o.Fs, output.CacheDir)
		o.Compression.MaxCache = output.NewCache(o.Fs, output.MaxCacheDir)
	}
	diags := &diag.List{}
	tidied := func() {}
	if !o.NoWrite {
		tidied = output.Prepare(o.Fs, o.Out, o.Compression) // the previous build's leftovers, while this one works
		defer tidied()                                      // a failed build too: the next one must not race it
	}

	site := content.Load(o.Fs, "content", content.Options{BaseURL: o.BaseURL, Workers: o.Workers}, diags)
	ctx := NewContext(o, site, diags)

	stages := append([]Stage(nil), o.Stages...)
	sort.SliceStable(stages, func(i, j int) bool { return stages[i].Phase() < stages[j].Phase() })
	for _, s := range stages {
		// Finish and Check read the finished site, which an error leaves unfinished. Earlier
		// phases run on, so that one build reports every problem of content and templates.
		if diags.Errors() > 0 && s.Phase() >= Finish {
			break
		}
		if err := s.Run(ctx); err != nil {
			diags.Errorf("build", 0, 0, "%s: %v", stageName(s), err)
		}
	}
	ctx.Wait() // background work of a stage that ran while no page waited for it

	if o.Strict || o.Release {
		diags.Promote()
	}
	// After Promote: a placeholder address is a warning even with -strict, and an error only
	// for a release. A build that failed already has printed nothing to warn about.
	if diags.Errors() == 0 {
		checkBaseURL(site, o, diags)
	}
	res := &Result{Files: ctx.Files, Pages: ctx.pages}
	for _, d := range diags.Items() {
		if d.Severity == diag.Warning {
			res.Warnings = append(res.Warnings, d)
			if o.Log != nil {
				fmt.Fprintln(o.Log, d.String())
			}
		}
	}
	if err := diags.Err(); err != nil {
		return res, err
	}

	if err := output.Minify(ctx.minifier, ctx.Files, o.Workers, func(p string) bool { return ctx.Minified[p] }); err != nil {
		return res, err
	}
	tidied()
	if o.NoWrite {
		output.Precompress(ctx.Files, o.Compression, o.Workers)
	} else if err := output.Publish(o.Fs, o.Out, ctx.Files, o.Compression, o.Workers); err != nil {
		return res, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// NewContext returns the context of a build of site with o: no files yet. Run makes one; tests
// of a single stage make their own.
func NewContext(o Options, site *content.Site, diags *diag.List) *Context {
	ctx := &Context{Options: o, Site: site, Files: Files{}, Assets: map[string]string{},
		Values: map[string]map[string]string{}, Diags: diags, Minified: map[string]bool{},
		minifier: output.NewCachedMinifier(o.Compression.Cache)}
	for _, lang := range content.Languages {
		ctx.Values[lang] = map[string]string{}
	}
	return ctx
}

// CountPages records n more HTML pages for the Result (the render stage calls it).
func (c *Context) CountPages(n int) {
	c.mu.Lock()
	c.pages += n
	c.mu.Unlock()
}

func stageName(s Stage) string {
	if f, ok := s.(Func); ok && f.Name != "" {
		return f.Name
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", s), "*")
}

// checkBaseURL says, once, that the site is built for a placeholder address: the build goes
// on (the site works at any address), but the printed material leaves out the address and
// the QR codes, and canonical links and the sitemap point nowhere.
func checkBaseURL(s *content.Site, o Options, diags *diag.List) {
	if !content.IsPlaceholderURL(s.Config.BaseURL) {
		return
	}
	file, line := "content/site.yaml", s.Config.BaseURLLine
	if o.BaseURL != "" {
		file, line = "-baseurl", 0
	}
	d := diag.Diagnostic{File: file, Line: line, Severity: diag.Warning, Msg: fmt.Sprintf(
		"baseURL %s is a placeholder: the handout and the slides print no address and no QR code, and canonical links and the sitemap point nowhere; set the public address in content/site.yaml or with -baseurl before printing or deploying", s.Config.BaseURL)}
	if o.Release {
		d.Severity = diag.Error
		d.Msg += " (a -release build refuses it)"
	}
	diags.Add(d)
}

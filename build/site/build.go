// Package site runs the whole build: content → model → pages → index/assets → minified files.
// Each stage records problems in one diag.List; the output folder is replaced only when the
// build has no error.
package site

import (
	"fmt"
	"html/template"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/assets"
	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/icon"
	"scaleup/build/markdown"
	"scaleup/build/output"
	"scaleup/build/serve"
)

// Options configures a build. The zero value of every field but Fs is usable.
type Options struct {
	Fs          afero.Fs // the project root: content/, templates/ and (for the calculator) calculator/
	Out         string   // output folder inside Fs; default "public"
	Strict      bool     // warnings (missing translations…) fail the build
	BaseURL     string   // overrides content/site.yaml
	Compression output.Compression
	Workers     int       // goroutines for rendering and compression; default GOMAXPROCS
	Log         io.Writer // progress and warnings; nil = quiet
	// Extra stages plugged in by the build command (the calculator's WebAssembly module, the
	// search index). Each may add files and template values. Nil stages are skipped.
	Stages []Stage
	// Finish stages run once every page is rendered: they see every output file in Context.Files
	// (the offline service worker lists them). Pages are final by then; files listed in
	// Context.Minified too, the others are minified after.
	Finish []Stage
	// NoWrite builds in memory only (benchmarks, tests); the result is in Result.Files.
	NoWrite bool
}

// Stage is a build step that needs the rendered pages or adds files: it runs after Markdown is
// rendered and before templates are executed.
type Stage func(ctx *Context) error

// Context is what a Stage may read and add to.
type Context struct {
	Site   *content.Site
	Views  map[string]*View // by language
	Files  output.Site      // add files here (site paths)
	Assets map[string]string
	Diags  *diag.List
	// Minified lists the files (site paths) a stage wrote already minified: the final pass
	// leaves them as they are.
	Minified map[string]bool

	waits map[string]bool     // layouts rendered only after the background work is done
	jobs  []chan func() error // background work, see Background
}

// Background lets a stage finish its work while pages render, on another core. work runs in
// its own goroutine and must not touch the Context; it returns a function that the build calls,
// once the pages of other layouts are rendered, to add its results (files, view values) to the
// Context. Pages with one of the given layouts show those results, so they are rendered after.
func (c *Context) Background(layouts []string, work func() (apply func() error)) {
	if c.waits == nil {
		c.waits = map[string]bool{}
	}
	for _, l := range layouts {
		c.waits[l] = true
	}
	done := make(chan func() error, 1)
	c.jobs = append(c.jobs, done)
	go func() { done <- work() }()
}

// wait applies the results of every background job, in the order they were started.
func (c *Context) wait() {
	for _, done := range c.jobs {
		if err := (<-done)(); err != nil {
			c.Diags.Errorf("build", 0, 0, "%v", err)
		}
	}
	c.jobs = nil
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Files    output.Site
	Warnings []diag.Diagnostic
	Took     time.Duration
}

// Build builds the site. On error, the output folder is left as it was.
func Build(o Options) (*Result, error) {
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
		tidied = output.Tidy(o.Fs, o.Out) // the previous build's leftovers, while this one works
		defer tidied()                    // a failed build too: the next one must not race it
	}

	// 1. Content: pages, data, interface strings.
	s := content.Load(o.Fs, "content", diags)
	if o.BaseURL != "" {
		s.Config.BaseURL = strings.TrimRight(o.BaseURL, "/")
	}
	exampleOutputs := runExamples(s, diags)
	addExamplePages(s)
	addGeneratedPages(s)

	// 2. Markdown.
	md := markdown.New()
	links := renderPages(md, s, o.Workers, diags)

	// 3. Assets and plugged-in stages.
	files := output.Site{}
	copyStatic(o.Fs, files, diags)
	addIcons(files)
	built := assets.Build(o.Fs, diags)
	for _, f := range built.Files {
		files.Add(f.Path, f.Data)
	}
	views := map[string]*View{}
	for _, lang := range content.Languages {
		views[lang] = newView(s, lang, s.Config.BaseURL)
		views[lang].Examples = exampleViews(s, exampleOutputs, lang)
	}
	ctx := &Context{Site: s, Views: views, Files: files, Assets: built.URLs, Diags: diags, Minified: map[string]bool{}}
	for _, stage := range o.Stages {
		if stage == nil {
			continue
		}
		if err := stage(ctx); err != nil {
			diags.Errorf("build", 0, 0, "%v", err)
		}
	}

	// 4. Templates. Pages are rendered in two rounds: first every page that waits for no
	// background stage, then, once those stages are done, the pages that show their results.
	tpls := map[string]*templates{}
	integrity := integrityHashes(ctx.Assets, files)
	for _, lang := range content.Languages {
		e := &env{lang: lang, strings: s.I18n[lang], assets: ctx.Assets, integrity: integrity, view: views[lang]}
		tpls[lang] = loadTemplates(o.Fs, e, diags)
	}
	var first, second []*content.Page
	for _, p := range s.Pages {
		if ctx.waits[p.Front.Layout] {
			second = append(second, p)
		} else {
			first = append(first, p)
		}
	}
	r := &pageRenderer{tpls: tpls, views: views, site: s, min: output.NewCachedMinifier(o.Compression.Cache), diags: diags,
		files: files, minified: ctx.Minified, stats: map[string]*htmlStats{}}
	pages := 0
	if diags.Errors() == 0 {
		pages += r.render(first, o.Workers)
	}
	ctx.wait()
	if diags.Errors() == 0 {
		pages += r.render(second, o.Workers)
		for _, lang := range content.Languages {
			r.add(r.page(notFoundPage(s, lang)))
		}
	}
	if diags.Errors() == 0 {
		files.Add("sitemap.xml", sitemap(s))
		files.Add("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+s.Config.BaseURL+"/sitemap.xml\n"))
		files.Add("_headers", []byte(serve.HeadersFile(hashedPaths(files))))
		for _, stage := range o.Finish {
			if err := stage(ctx); err != nil {
				diags.Errorf("build", 0, 0, "%v", err)
			}
		}
		ids := parsePages(files, r.stats, o.Workers, diags)
		checkLinks(s, links, ids, files, diags)
		checkPageLinks(files, ids, r.stats, diags)
	}

	if o.Strict {
		diags.Promote()
	}
	res := &Result{Pages: pages, Files: files}
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

	// 5. Minify what is not yet, precompress, write.
	if err := output.Minify(r.min, files, o.Workers, func(p string) bool { return ctx.Minified[p] }); err != nil {
		return res, err
	}
	tidied()
	if o.NoWrite {
		output.Precompress(files, o.Compression, o.Workers)
	} else if err := output.Publish(o.Fs, o.Out, files, o.Compression, o.Workers); err != nil {
		return res, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// pageRenderer turns pages into finished HTML: it executes the page's layout, minifies the
// result and checks its structure, all in the same worker while the page is in the CPU's cache
// (and while the search index is built on the other core).
type pageRenderer struct {
	tpls  map[string]*templates // by language
	views map[string]*View      // by language
	site  *content.Site
	min   *output.Minifier
	diags *diag.List // safe for concurrent use
	// Written only by the goroutine that calls render and add.
	files    output.Site
	minified map[string]bool
	stats    map[string]*htmlStats // by file, for the link checks
}

// rendered is one page's output.
type rendered struct {
	path string
	html []byte // nil when the page failed
	st   *htmlStats
}

// render renders every page in todo on workers goroutines and adds them to the site. It returns
// the number of pages added.
func (r *pageRenderer) render(todo []*content.Page, workers int) int {
	out := make([]rendered, len(todo))
	parallel(len(todo), workers, func(i int) { out[i] = r.page(todo[i]) })
	n := 0
	for _, o := range out {
		if r.add(o) {
			n++
		}
	}
	return n
}

// page renders one page (html/template and the minifier may run concurrently).
func (r *pageRenderer) page(p *content.Page) rendered {
	path := outputPath(p)
	if p.Key == "404" {
		path = strings.TrimPrefix(content.LangPrefix(p.Lang)+"/404.html", "/")
	}
	html := r.tpls[p.Lang].execute(p.Front.Layout, pageData(p, r.views[p.Lang], r.site), r.diags, p.File)
	if html == nil {
		return rendered{path: path}
	}
	min, err := output.MinifyFile(r.min, path, html)
	if err != nil {
		r.diags.Errorf("public/"+path, 0, 0, "%v", err)
		return rendered{path: path}
	}
	return rendered{path: path, html: min, st: checkStructure(path, min, r.diags)}
}

// add stores a rendered page; it reports whether there was one.
func (r *pageRenderer) add(o rendered) bool {
	if o.html == nil {
		return false
	}
	r.files.Add(o.path, o.html)
	r.minified[o.path] = true
	if o.st != nil {
		r.stats[o.path] = o.st
	}
	return true
}

// hashedPaths lists the URL paths of fingerprinted files, which may be cached forever.
func hashedPaths(files output.Site) []string {
	var out []string
	for p := range files {
		if serve.IsHashed(p) {
			out = append(out, "/"+p)
		}
	}
	sort.Strings(out)
	return out
}

// StaticDir holds files copied to the site root as they are, if any (a file a host asks for to
// verify the domain, say).
const StaticDir = "templates/static"

// addIcons adds the site's icon: the PNG that pages link to, a square one for iOS home screens,
// and the SVG original (see package icon for why pages do not link to it).
func addIcons(files output.Site) {
	files.Add("favicon.png", icon.PNG(32, true))
	files.Add("apple-touch-icon.png", icon.PNG(180, false))
	files.Add("favicon.svg", icon.SVG())
}

func copyStatic(fsys afero.Fs, files output.Site, diags *diag.List) {
	_ = afero.Walk(fsys, StaticDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		data, err := afero.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		files.Add(strings.TrimPrefix(p, StaticDir+"/"), data)
		return nil
	})
}

// parallel calls f(0) … f(n-1) on workers goroutines and waits for them all.
func parallel(n, workers int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// outputPath is where a page's HTML goes: "/en/policy/x/" → "en/policy/x/index.html".
func outputPath(p *content.Page) string {
	return strings.TrimPrefix(p.URL, "/") + "index.html"
}

// renderPages converts every page's Markdown (and note) to HTML, on workers goroutines.
func renderPages(md *markdown.Converter, s *content.Site, workers int, diags *diag.List) []pageLinks {
	terms := map[string][]markdown.Term{}
	for _, lang := range content.Languages {
		for _, t := range s.Data.Glossary {
			forms := append([]string{t.Name(lang)}, t.Aliases.In(lang)...)
			terms[lang] = append(terms[lang], markdown.Term{ID: t.ID, Forms: forms, Href: "/glossary/#" + t.ID})
		}
	}
	all := make([]pageLinks, len(s.Pages))
	parallel(len(s.Pages), workers, func(i int) {
		if s.Pages[i].Source != nil { // generated pages have no Markdown
			all[i] = renderPage(md, s.Pages[i], terms[s.Pages[i].Lang], diags)
		}
	})
	return all
}

// pageLinks are the internal links of one page's Markdown, for checking once every page exists.
type pageLinks struct {
	page  *content.Page
	links []markdown.Link
	note  []markdown.Link
}

func renderPage(md *markdown.Converter, p *content.Page, terms []markdown.Term, diags *diag.List) pageLinks {
	opt := markdown.Options{Lang: p.Lang}
	if p.Front.Layout == "clause" {
		opt.NumberParagraphs = true
		opt.Terms = terms
	}
	res, err := md.Convert(p.Body(), opt)
	if err != nil {
		diags.Errorf(p.File, 0, 0, "cannot render Markdown: %v", err)
	}
	for _, is := range res.Issues {
		line, col := diag.Position(p.Source, p.BodyOffset+is.Offset)
		diags.Warnf(p.File, line, col, "%s", is.Msg)
	}
	p.Content = template.HTML(res.HTML)
	p.Text = res.Text
	p.Terms = res.Terms
	for _, h := range res.Headings {
		p.Headings = append(p.Headings, content.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	pl := pageLinks{page: p, links: res.Links}
	if p.Front.Note != "" {
		note, err := md.Convert([]byte(p.Front.Note), markdown.Options{Lang: p.Lang})
		if err != nil {
			diags.Errorf(p.File, p.Lines["note"], 0, "cannot render note: %v", err)
		}
		for range note.Issues {
			diags.Warnf(p.File, p.Lines["note"], 1, "raw HTML is not allowed in the note and is shown as text")
		}
		p.Note = template.HTML(note.HTML)
		pl.note = note.Links
	}
	return pl
}

// addGeneratedPages adds the pages made from data rather than Markdown: one per department.
func addGeneratedPages(s *content.Site) {
	for _, d := range s.Data.Departments {
		var twins []*content.Page
		for _, lang := range content.Languages {
			p := &content.Page{
				File:  "content/data/departments.yaml",
				Key:   "departments/" + d.ID,
				Lang:  lang,
				Path:  "/departments/" + d.ID + "/",
				Lines: map[string]int{},
			}
			p.URL = content.Localize(p.Path, lang)
			p.Front.Title = d.Name(lang)
			p.Front.Layout = "department"
			if lang == "zh" {
				p.Front.Description = d.Zh + "在晋市政办〔2021〕35号中负责的条款。"
			} else {
				p.Front.Description = "The clauses of Jincheng's scale-up policy (Jin Shi Zheng Ban [2021] No. 35) for which the " + d.En + " is responsible."
			}
			twins = append(twins, p)
			s.Pages = append(s.Pages, p)
		}
		twins[0].Translation, twins[1].Translation = twins[1], twins[0]
	}
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Key < s.Pages[j].Key })
}

// notFoundPage is the model of the 404 page of a language.
func notFoundPage(s *content.Site, lang string) *content.Page {
	p := &content.Page{File: LayoutDir + "/404.html", Key: "404", Lang: lang, Path: "/404.html", Lines: map[string]int{}}
	p.URL = content.Localize("/404.html", lang)
	title := s.I18n[lang]["404.title"]
	p.Front.Title = title
	p.Front.Description = s.I18n[lang]["404.body"]
	p.Front.Layout = "404"
	return p
}

// pageData assembles what the templates need for p.
func pageData(p *content.Page, v *View, s *content.Site) *PageData {
	d := &PageData{Site: v, Page: p, Lang: p.Lang}
	d.Canonical = v.BaseURL + p.URL
	other := "en"
	if p.Lang == "en" {
		other = "zh"
	}
	d.SwitchLang = other
	if p.Translation != nil {
		d.SwitchURL = p.Translation.URL
	} else {
		d.SwitchURL = content.Localize(p.Path, other)
	}
	if p.Key != "404" {
		zh, en := p, p.Translation
		if p.Lang == "en" {
			zh, en = p.Translation, p
		}
		if zh != nil {
			d.Alternates = append(d.Alternates, Alternate{HrefLang: HrefLang("zh"), URL: v.BaseURL + zh.URL})
		}
		if en != nil {
			d.Alternates = append(d.Alternates, Alternate{HrefLang: "en", URL: v.BaseURL + en.URL})
		}
		if zh != nil {
			d.Alternates = append(d.Alternates, Alternate{HrefLang: "x-default", URL: v.BaseURL + zh.URL})
		}
	}
	if p.Front.Layout == "clause" {
		for i := range v.Clauses {
			if v.Clauses[i].Page != p {
				continue
			}
			d.Clause = &v.Clauses[i]
			if i > 0 {
				d.Prev = &v.Clauses[i-1]
			}
			if i+1 < len(v.Clauses) {
				d.Next = &v.Clauses[i+1]
			}
		}
		for i, part := range s.Data.Document.Parts {
			if part.Number == p.Front.Part {
				d.Part = &s.Data.Document.Parts[i]
			}
		}
	}
	if p.Front.Layout == "example" {
		for i := range v.Examples {
			if v.Examples[i].URL == p.URL {
				d.Example = &v.Examples[i]
			}
		}
	}
	if p.Front.Layout == "department" {
		for i := range v.Departments {
			if v.Departments[i].URL == p.URL {
				d.Dept = &v.Departments[i]
			}
		}
	}
	if p.IsIndex() {
		d.Children = v.Section(p.Path)
	}
	return d
}

// Package site renders the model's pages with html/template (the render stage) and checks the
// links and anchors of the finished site (the check stage). It reads the model and adds files;
// it knows no policy: what a page shows comes from content and templates.
package site

import (
	"os"
	"sort"
	"strings"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/deploy"
	"scaleup/build/diag"
	"scaleup/build/icon"
	"scaleup/build/parallel"
	"scaleup/build/pipeline"
)

// Stages returns the site's two stages: Render (every page of the model, the 404 pages, the
// sitemap, robots.txt, _headers, the icons and static files) and Check (the links and anchors of
// the finished site, which needs every file, the service worker's included). They share what
// Render learnt of each page.
func Stages() []pipeline.Stage {
	r := &renderStage{}
	return []pipeline.Stage{r, &checkStage{r}}
}

type renderStage struct {
	pr *pageRenderer // set by Run, read by the check stage
}

func (*renderStage) Phase() pipeline.Phase { return pipeline.Render }

func (rs *renderStage) Run(ctx *pipeline.Context) error {
	s := ctx.Site
	copyStatic(ctx.Fs, ctx.Files, ctx.Diags)
	addIcons(ctx.Files)
	exampleOutputs := runExamples(s, ctx.Rules, ctx.Diags)
	views := map[string]*View{}
	for _, lang := range content.Languages {
		views[lang] = newView(s, lang, ctx.Values[lang])
		views[lang].Examples = exampleViews(s, exampleOutputs, lang)
	}

	// Pages are rendered in two rounds: first every page that waits for no background stage,
	// then, once those stages are done, the pages that show their results.
	tpls := map[string]*templates{}
	integrity := integrityHashes(ctx.Assets, ctx.Files)
	for _, lang := range content.Languages {
		e := &env{lang: lang, strings: s.I18n[lang], assets: ctx.Assets, integrity: integrity, view: views[lang]}
		tpls[lang] = loadTemplates(ctx.Fs, e, ctx.Diags)
	}
	waits := tpls[content.Languages[0]].waiting(ctx.Pending())
	var first, second []*content.Page
	for _, p := range s.Pages {
		if waits[p.Front.Layout] {
			second = append(second, p)
		} else {
			first = append(first, p)
		}
	}
	r := &pageRenderer{ctx: ctx, tpls: tpls, views: views, stats: map[string]*htmlStats{}}
	rs.pr = r
	if ctx.Diags.Errors() == 0 {
		r.render(first)
	}
	ctx.Wait()
	if ctx.Diags.Errors() > 0 {
		return nil
	}
	r.render(second)
	ctx.Files.Add("sitemap.xml", sitemap(s))
	ctx.Files.Add("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+s.Config.BaseURL+"/sitemap.xml\n"))
	ctx.Files.Add("_headers", []byte(deploy.HeadersFile(hashedPaths(ctx.Files))))
	return nil
}

// checkStage checks the links of the finished site: those written in Markdown, at their line,
// and those of every page (templates, generated pages), by output file.
type checkStage struct{ rs *renderStage }

func (*checkStage) Phase() pipeline.Phase { return pipeline.Check }

func (c *checkStage) Run(ctx *pipeline.Context) error {
	r := c.rs.pr
	if r == nil {
		return nil
	}
	ids := parsePages(ctx.Files, r.stats, ctx.Workers, ctx.Diags)
	checkLinks(ctx.Site, ids, ctx.Files, ctx.Diags)
	checkPageLinks(ctx.Files, ids, r.stats, ctx.Diags)
	checkClaims(ctx.Site, ctx.Rules, ctx.Files, ctx.Diags)
	return nil
}

// pageRenderer turns pages into finished HTML: it executes the page's layout, minifies the
// result and checks its structure, all in the same worker while the page is in the CPU's cache
// (and while the search index is built on the other core).
type pageRenderer struct {
	ctx   *pipeline.Context
	tpls  map[string]*templates // by language
	views map[string]*View      // by language
	// Written only by the goroutine that calls render and add.
	stats map[string]*htmlStats // by file, for the link checks
}

// rendered is one page's output.
type rendered struct {
	path string
	html []byte // nil when the page failed
	st   *htmlStats
}

// render renders every page in todo on every core and adds them to the site.
func (r *pageRenderer) render(todo []*content.Page) {
	out := make([]rendered, len(todo))
	parallel.For(len(todo), r.ctx.Workers, func(i int) { out[i] = r.page(todo[i]) })
	n := 0
	for _, o := range out {
		if r.add(o) {
			n++
		}
	}
	r.ctx.CountPages(n)
}

// page renders one page (html/template and the minifier may run concurrently).
func (r *pageRenderer) page(p *content.Page) rendered {
	path := p.OutputFile()
	diags := r.ctx.Diags
	html := r.tpls[p.Lang].execute(pageData(p, r.views[p.Lang]), diags)
	if html == nil {
		return rendered{path: path}
	}
	min, err := r.ctx.Minify(path, html)
	if err != nil {
		diags.Errorf("public/"+path, 0, 0, "%v", err)
		return rendered{path: path}
	}
	return rendered{path: path, html: min, st: checkStructure(path, min, diags)}
}

// add stores a rendered page; it reports whether there was one.
func (r *pageRenderer) add(o rendered) bool {
	if o.html == nil {
		return false
	}
	r.ctx.Add(o.path, o.html)
	if o.st != nil {
		r.stats[o.path] = o.st
	}
	return true
}

// hashedPaths lists the URL paths of fingerprinted files, which may be cached forever.
func hashedPaths(files pipeline.Files) []string {
	var out []string
	for p := range files {
		if deploy.IsHashed(p) {
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
func addIcons(files pipeline.Files) {
	files.Add("favicon.png", icon.PNG(32, true))
	files.Add("apple-touch-icon.png", icon.PNG(180, false))
	files.Add("favicon.svg", icon.SVG())
}

func copyStatic(fsys afero.Fs, files pipeline.Files, diags *diag.List) {
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

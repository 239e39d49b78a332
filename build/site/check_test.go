package site

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/pipeline"
)

// generatedPage is a well-formed page a stage adds to the site (as the search and calculator
// stages do), with body inside its <main>.
func generatedPage(body string) string {
	return `<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>生成的页</title>` +
		`<meta name="description" content="说明。"><link rel="canonical" href="https://example.org/extra/">` +
		`<link rel="alternate" hreflang="zh-Hans" href="https://example.org/extra/">` +
		`<link rel="alternate" hreflang="en" href="https://example.org/en/">` +
		`<link rel="alternate" hreflang="x-default" href="https://example.org/extra/">` +
		`</head><body><main><h1 id="top">生成的页</h1>` + body + `</main></body></html>`
}

// addPage is a stage that adds a generated page at extra/index.html while the pages render.
func addPage(body string) pipeline.Stage {
	return pipeline.Func{Name: "extra page", In: pipeline.Render, Do: func(ctx *pipeline.Context) error {
		ctx.Add("extra/index.html", []byte(generatedPage(body)))
		return nil
	}}
}

// TestPageLinks checks the links of the rendered site (checkPageLinks): those written in a
// template and those of a page a stage generates. A link to a page or an anchor that does not
// exist fails the build, and the message names the output page and the link as written.
func TestPageLinks(t *testing.T) {
	const home = "templates/layouts/home.html"
	tests := []struct {
		name  string
		edits map[string]string
		stage pipeline.Stage
		want  []string // lines of the error, in order; none when the build must succeed
	}{
		{"template: missing page",
			map[string]string{home: `{{define "main"}}<h1>{{.Page.Front.Title}}</h1><a href="/policy/two/">二</a>{{end}}`}, nil,
			[]string{"public/en/index.html: link to a page that does not exist: /policy/two/",
				"public/index.html: link to a page that does not exist: /policy/two/"}},
		{"template: missing anchor on another page",
			map[string]string{home: `{{define "main"}}<h1>{{.Page.Front.Title}}</h1><a href="/policy/one/#p9">九</a>{{end}}`}, nil,
			[]string{"public/en/index.html: link to an anchor that does not exist: /policy/one/#p9",
				"public/index.html: link to an anchor that does not exist: /policy/one/#p9"}},
		{"template: missing anchor on the same page",
			map[string]string{home: `{{define "main"}}<h1 id="top">{{.Page.Front.Title}}</h1><a href="#bottom">底</a>{{end}}`}, nil,
			[]string{"public/en/index.html: link to an anchor that does not exist: #bottom",
				"public/index.html: link to an anchor that does not exist: #bottom"}},
		{"template: links that exist",
			map[string]string{home: `{{define "main"}}<h1 id="top">{{.Page.Front.Title}}</h1>` +
				`<a href="/policy/one/#p1">一</a><a href="#top">顶</a><a href="/policy/">政策</a><a href="/robots.txt">robots</a>` +
				`<a href="/policy/one/#v1=abc">计算</a><a href="https://example.com/nope/">外</a><a href="mailto:a@example.org">信</a>{{end}}`}, nil,
			nil},
		{"generated page: missing page", nil,
			addPage(`<a href="/policy/one/">一</a><a href="/nowhere/">无</a>`),
			[]string{"public/extra/index.html: link to a page that does not exist: /nowhere/"}},
		{"generated page: missing anchor", nil,
			addPage(`<a href="/policy/one/#p1">一</a><a href="#top">顶</a><a href="/en/policy/one/#p1">one</a><a href="#p1">一</a>`),
			[]string{"public/extra/index.html: link to an anchor that does not exist: #p1"}},
		{"generated page: linked to from a template", map[string]string{
			home: `{{define "main"}}<h1>{{.Page.Front.Title}}</h1><a href="/extra/#top">生成</a>{{end}}`},
			addPage(""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, "basic", tt.edits)
			var extra []pipeline.Stage
			if tt.stage != nil {
				extra = append(extra, tt.stage)
			}
			_, err := build(t, fsys, true, extra...)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("build failed:\n%v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("build succeeded; want the errors\n%s", strings.Join(tt.want, "\n"))
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%v\nwant exactly:\n%s", err, strings.Join(tt.want, "\n"))
			}
			if ok, _ := afero.Exists(fsys, "public"); ok {
				t.Errorf("a failed build wrote public/")
			}
		})
	}
}

// TestLinkSuggestions: a broken Markdown link says how to fix it when it can: the trailing slash
// a page URL needs, or the existing page whose last segment shares the longest start with the
// link's (at least two characters; on a tie, the first in URL order; Chinese pages only).
func TestLinkSuggestions(t *testing.T) {
	const enFront = "---\ntitle: A\ndescription: A.\n---\n"
	tests := []struct{ link, want string }{
		{"/policy/one", "link /policy/one: add a trailing slash (/policy/one/)"},
		{"/policy/onf/", "link to a page that does not exist: /policy/onf/ (did you mean /policy/one/?)"},
		{"/policy/ones/", "link to a page that does not exist: /policy/ones/ (did you mean /policy/one/?)"},
		{"/pol/", "link to a page that does not exist: /pol/ (did you mean /policy/?)"},
		{"/policy/o/", "link to a page that does not exist: /policy/o/"},
		{"/policy/xyz/", "link to a page that does not exist: /policy/xyz/"},
		{"/tw/", "link to a page that does not exist: /tw/ (did you mean /twa/?)"},
	}
	for _, tt := range tests {
		edits := map[string]string{"content/a.zh.md": goodFront + "见[这里](" + tt.link + ")。\n", "content/a.en.md": enFront}
		// Pages whose names start alike, /twa/ to /two/ (the first in URL order wins a tie), with
		// English twins, which are never suggested.
		for _, name := range []string{"two", "twc", "twa", "twb"} {
			edits["content/"+name+".zh.md"], edits["content/"+name+".en.md"] = goodFront, enFront
		}
		_, err := build(t, fixture(t, "basic", edits), false)
		// The first line: the output page's check reports the same link again after it.
		if want := "content/a.zh.md:5:2: " + tt.want; err == nil || strings.Split(err.Error(), "\n")[0] != want {
			t.Errorf("link %s: error\n%v\nwant first\n%s", tt.link, err, want)
		}
	}
}

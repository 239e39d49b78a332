package site

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"scaleup/build/content"
)

// TestSearchDocs: what the index holds of each page. The search page and 404 are left out; a
// clause carries its label, a worked example is marked as supporting; the description comes
// before the text (or stands for it); glossary terms are named in the page's language; the note's
// text, without its tags, comes last.
func TestSearchDocs(t *testing.T) {
	page := func(lang, url, layout string, edit func(p *content.Page)) *content.Page {
		p := &content.Page{Lang: lang, URL: url, Key: strings.Trim(url, "/"), Text: "正文"}
		p.Front.Title, p.Front.Description, p.Front.Layout = "标题", "说明。", layout
		if edit != nil {
			edit(p)
		}
		return p
	}
	s := &content.Site{Pages: []*content.Page{
		page("zh", "/policy/08/", "clause", func(p *content.Page) {
			p.Front.Kind, p.Front.Clause = "clause", 8
			p.Headings = []content.Heading{{Level: 2, ID: "a", Text: "计算方法"}}
			p.Terms = []string{"subsidy"}
			p.Note = `<p>见<a href="/x/">第八条</a> &amp; “注”。</p>`
		}),
		page("en", "/en/policy/general/", "clause", func(p *content.Page) { p.Front.Kind = "part"; p.Terms = []string{"subsidy", "none"} }),
		page("zh", "/examples/a/", "example", nil),
		page("zh", "/search/", "search", nil),
		page("zh", "/404.html", "article", func(p *content.Page) { p.Key = "404" }),
		page("zh", "/about/", "article", func(p *content.Page) { p.Text = "" }),
	}}
	s.Data.Glossary = []*content.Term{{ID: "other", Zh: "其他", En: "other"}, {ID: "subsidy", Zh: "补贴", En: "subsidy"}}
	var got []string
	for _, d := range searchDocs(s) {
		got = append(got, fmt.Sprintf("%s %s %q clause=%q support=%v headings=%q terms=%q body=%q",
			d.Lang, d.URL, d.Title, d.Clause, d.Support, d.Headings, d.Terms, d.Body))
	}
	want := []string{
		`zh /policy/08/ "标题" clause="（八）" support=false headings=["计算方法"] terms=["补贴"] body="说明。\n正文\n见第八条 & “注”。"`,
		`en /en/policy/general/ "标题" clause="" support=false headings=[] terms=["subsidy"] body="说明。\n正文"`,
		`zh /examples/a/ "标题" clause="" support=true headings=[] terms=[] body="说明。\n正文"`,
		`zh /about/ "标题" clause="" support=false headings=[] terms=[] body="说明。"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("search docs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStripTags: a note's rendered HTML as text, with the entities our renderer writes undone.
func TestStripTags(t *testing.T) {
	in := `<p>A <a href="/x/?a=1&amp;b=2">link</a> &lt;b&gt; &#34;q&#34; &#39;s&#39; &quot;d&quot;</p>`
	if got, want := stripTags(in), `A link <b> "q" 's' "d"`; got != want {
		t.Errorf("stripTags = %q, want %q", got, want)
	}
}

// TestSearchStageIndex: on the real site the search stage writes each language's index and the
// search page names its root file.
func TestSearchStageIndex(t *testing.T) {
	files := realBuild(t)
	for _, lang := range []string{"zh", "en"} {
		page := "search/index.html"
		if lang == "en" {
			page = "en/" + page
		}
		m := regexp.MustCompile(`data-index="/(_search/` + lang + `/meta\.[0-9a-f]{8}\.json)"`).FindSubmatch(files[page])
		if m == nil {
			t.Errorf("%s names no %s index", page, lang)
			continue
		}
		if _, ok := files[string(m[1])]; !ok {
			t.Errorf("%s names %s, which was not written", page, m[1])
		}
	}
}

package search

import (
	"fmt"
	"strings"
	"testing"

	"scaleup/build/content"
)

// TestSiteDocs: what the index holds of each page. Pages marked search: exclude or noindex are
// left out; an article carries its label, a page marked search: support is marked so; the
// description comes before the text (or stands for it); glossary terms are named in the page's
// language; the note's text, without its tags, comes last.
func TestSiteDocs(t *testing.T) {
	page := func(lang, url string, edit func(p *content.Page)) *content.Page {
		p := &content.Page{Lang: lang, URL: url, Key: strings.Trim(url, "/"), Text: "正文"}
		p.Front.Title, p.Front.Description = "标题", "说明。"
		if edit != nil {
			edit(p)
		}
		return p
	}
	s := &content.Site{Pages: []*content.Page{
		page("zh", "/policy/08/", func(p *content.Page) {
			p.Front.Kind, p.Front.Article, p.Label = content.KindArticle, 8, "（八）"
			p.Headings = []content.Heading{{Level: 2, ID: "a", Text: "计算方法"}}
			p.Terms = []string{"subsidy"}
			p.Note = `<p>见<a href="/x/">第八条</a> &amp; “注”。</p>`
		}),
		page("en", "/en/policy/general/", func(p *content.Page) {
			p.Front.Kind, p.Label = content.KindPart, "Part 1"
			p.Terms = []string{"subsidy", "none"}
		}),
		page("zh", "/examples/a/", func(p *content.Page) { p.Front.Search = "support" }),
		page("zh", "/search/", func(p *content.Page) { p.Front.Search = "exclude" }),
		page("zh", "/404.html", func(p *content.Page) { p.Front.NoIndex = true }),
		page("zh", "/about/", func(p *content.Page) { p.Text = "" }),
	}}
	s.Data.Glossary = []*content.Term{{ID: "other", Zh: "其他", En: "other"}, {ID: "subsidy", Zh: "补贴", En: "subsidy"}}
	var got []string
	for _, d := range siteDocs(s) {
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

package site

import (
	"fmt"
	"strings"
	"testing"

	"scaleup/build/content"
	"scaleup/calculator"
)

// twoDocs is a model of two documents: "city" with a preamble, two parts and three articles, of
// which the tax department is named by article 2; "province" with one article for finance.
func twoDocs() *content.Site {
	s := &content.Site{}
	page := func(d *content.Document, path, kind string, part, article, weight int, depts ...string) *content.Page {
		p := &content.Page{Lang: "zh", Path: path, URL: path, Document: d}
		p.Front.Kind, p.Front.Part, p.Front.Article, p.Front.Weight, p.Front.Departments = kind, part, article, weight, depts
		s.Pages = append(s.Pages, p)
		return p
	}
	city := &content.Document{ID: "city", Path: "/city/", Parts: []content.Part{{Number: 1}, {Number: 2}}}
	province := &content.Document{ID: "province", Path: "/province/"}
	s.Documents = []*content.Document{city, province}
	// Listed out of reading order: the view orders by weight.
	page(city, "/city/a3/", content.KindArticle, 2, 3, 6)
	page(city, "/city/p1/", content.KindPart, 1, 0, 2)
	page(city, "/city/pre/", content.KindPreamble, 0, 0, 1)
	page(city, "/city/a1/", content.KindArticle, 1, 1, 3)
	page(city, "/city/a2/", content.KindArticle, 1, 2, 4, "tax")
	page(city, "/city/p2/", content.KindPart, 2, 0, 5)
	page(province, "/province/a1/", content.KindArticle, 0, 1, 1, "finance")
	s.Data.Departments = []*content.Department{{ID: "tax"}, {ID: "finance"}, {ID: "idle"}}
	return s
}

// TestDocViewLists: a document's table of contents groups its part and article pages by part,
// without the preamble; ArticleLinks has the articles alone, in reading order.
func TestDocViewLists(t *testing.T) {
	v := newView(twoDocs(), "zh", nil)
	city := v.Doc("city")
	var parts []string
	for _, g := range city.Parts() {
		var urls []string
		for _, a := range g.Clauses {
			urls = append(urls, a.URL)
		}
		parts = append(parts, fmt.Sprintf("%d: %s", g.Part.Number, strings.Join(urls, " ")))
	}
	if got, want := strings.Join(parts, "; "), "1: /city/p1/ /city/a1/ /city/a2/; 2: /city/p2/ /city/a3/"; got != want {
		t.Errorf("Parts = %s, want %s", got, want)
	}
	var articles []string
	for _, a := range city.ArticleLinks() {
		articles = append(articles, a.URL)
	}
	if got, want := strings.Join(articles, " "), "/city/a1/ /city/a2/ /city/a3/"; got != want {
		t.Errorf("ArticleLinks = %s, want %s", got, want)
	}
	if p := city.Preamble(); p == nil || p.URL != "/city/pre/" {
		t.Errorf("Preamble = %+v", p)
	}
}

// TestDepartmentDocs: a department lists only the documents that name it, each with its pages;
// a department no document names has none.
func TestDepartmentDocs(t *testing.T) {
	v := newView(twoDocs(), "zh", nil)
	got := map[string]string{}
	for _, d := range v.Departments {
		var docs []string
		for _, dd := range d.Docs {
			var urls []string
			for _, a := range dd.Articles {
				urls = append(urls, a.URL)
			}
			docs = append(docs, dd.Doc.ID+" "+strings.Join(urls, " "))
		}
		got[d.ID] = strings.Join(docs, "; ")
	}
	want := map[string]string{"tax": "city /city/a2/", "finance": "province /province/a1/", "idle": ""}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("department %s: documents %q, want %q", id, got[id], w)
		}
	}
}

// TestYearAfterHorizon: a year is marked when one of its items is after the horizon, and only
// then.
func TestYearAfterHorizon(t *testing.T) {
	ex := ExampleView{Output: calculator.Output{Items: []calculator.Item{
		{Year: 2025, ID: "entry"}, {Year: 2026, ID: "retention2", AfterHorizon: true}, {Year: 2026, ID: "socialInsurance"},
	}}}
	for y, want := range map[int]bool{2024: false, 2025: false, 2026: true} {
		if got := ex.YearAfterHorizon(y); got != want {
			t.Errorf("YearAfterHorizon(%d) = %v, want %v", y, got, want)
		}
	}
	if !ex.AfterHorizon() {
		t.Error("AfterHorizon = false with an item after the horizon")
	}
	if (ExampleView{Output: calculator.Output{Items: ex.Output.Items[:1]}}).AfterHorizon() {
		t.Error("AfterHorizon = true with no item after the horizon")
	}
}

// TestChunks: the slides' lists continue on another slide after n items; exactly n items make
// one slide, not a second empty one.
func TestChunks(t *testing.T) {
	chunks := (&env{lang: "zh", view: &View{}}).funcs()["chunks"].(func(int, []calculator.Item) [][]calculator.Item)
	items := make([]calculator.Item, 13)
	for n, want := range map[int]string{6: "6 6 1", 13: "13", 12: "12 1", 14: "13"} {
		var sizes []string
		for _, c := range chunks(n, items) {
			sizes = append(sizes, fmt.Sprint(len(c)))
		}
		if got := strings.Join(sizes, " "); got != want {
			t.Errorf("chunks(%d, 13 items) = %s, want %s", n, got, want)
		}
	}
	if add := (&env{}).funcs()["add"].(func(int, int) int); add(2, 3) != 5 {
		t.Errorf("add(2, 3) = %d", add(2, 3))
	}
}

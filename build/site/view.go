package site

import (
	"sort"
	"strings"

	"scaleup/build/content"
)

// View is what templates see of the site, for one language.
type View struct {
	Lang     string
	BaseURL  string
	Reviewed string // when a person last checked the site's facts (site.yaml), ISO
	// PrintBase is BaseURL when it is a real public address, "" when it is a placeholder: what
	// the handout and the slides print (addresses, QR codes) comes from it.
	PrintBase   string
	Data        *content.Data
	Documents   []*DocView
	Departments []DeptView
	Examples    []ExampleView
	pages       []*content.Page
	values      map[string]string // what stages give the templates ({{Value "searchEntry"}})
}

// DocView is a policy document as the templates of one language see it.
type DocView struct {
	*content.Document
	URL   string        // its index page
	Index *content.Page // its index page, if it has one
	Pages []ArticleLink // preamble, parts and articles, in reading order (by weight)
	Lang  string
}

// ArticleLink is a page of a document as tables of contents list it.
type ArticleLink struct {
	URL    string
	Title  string // full title
	Short  string // link title
	Label  string // "（八）" / "(8)"; the part's label for part pages; "" for the preamble
	Kind   string // preamble, part, article
	Part   int
	Number int // the article's number
	Page   *content.Page
	Doc    *DocView
}

// DeptView is a department with the document pages it is responsible for.
type DeptView struct {
	*content.Department
	URL  string
	Docs []DeptDoc // the documents that name it, in the site's order
}

// DeptDoc is what one document gives a department to do.
type DeptDoc struct {
	Doc      *DocView
	Articles []ArticleLink
}

// Articles returns every page the department is responsible for, in all documents.
func (d DeptView) Articles() []ArticleLink {
	var out []ArticleLink
	for _, dd := range d.Docs {
		out = append(out, dd.Articles...)
	}
	return out
}

// Alternate is a <link rel="alternate" hreflang>.
type Alternate struct {
	HrefLang string
	URL      string
}

// HrefLang is the BCP 47 tag used in hreflang and <html lang>.
func HrefLang(lang string) string {
	if lang == "zh" {
		return "zh-Hans"
	}
	return lang
}

// newView builds the view of one language from the (complete) model.
func newView(s *content.Site, lang string, values map[string]string) *View {
	v := &View{Lang: lang, BaseURL: s.Config.BaseURL, Reviewed: s.Config.Reviewed, Data: &s.Data, values: values}
	if !content.IsPlaceholderURL(v.BaseURL) {
		v.PrintBase = v.BaseURL
	}
	for _, p := range s.Pages {
		if p.Lang == lang {
			v.pages = append(v.pages, p)
		}
	}
	for _, d := range s.Documents {
		v.Documents = append(v.Documents, newDocView(d, v.pages, lang))
	}
	for _, d := range s.Data.Departments {
		dv := DeptView{Department: d, URL: content.Localize("/departments/"+d.ID+"/", lang)}
		for _, doc := range v.Documents {
			dd := DeptDoc{Doc: doc}
			for _, a := range doc.Pages {
				for _, id := range a.Page.Front.Departments {
					if id == d.ID {
						dd.Articles = append(dd.Articles, a)
					}
				}
			}
			if len(dd.Articles) > 0 {
				dv.Docs = append(dv.Docs, dd)
			}
		}
		v.Departments = append(v.Departments, dv)
	}
	return v
}

func newDocView(d *content.Document, pages []*content.Page, lang string) *DocView {
	dv := &DocView{Document: d, URL: content.Localize(d.Path, lang), Lang: lang}
	var own []*content.Page
	for _, p := range pages {
		switch {
		case p.Document != d:
		case p.Path == d.Path:
			dv.Index = p
		case p.Front.Kind != "":
			own = append(own, p)
		}
	}
	sort.SliceStable(own, func(i, j int) bool { return own[i].Front.Weight < own[j].Front.Weight })
	for _, p := range own {
		dv.Pages = append(dv.Pages, ArticleLink{URL: p.URL, Title: p.Front.Title, Short: p.ShortTitle(), Label: p.Label,
			Kind: p.Front.Kind, Part: p.Front.Part, Number: p.Front.Article, Page: p, Doc: dv})
	}
	return dv
}

// PartGroup is a part of a document with its pages, for the table of contents.
type PartGroup struct {
	Part    content.Part
	Label   string
	Clauses []ArticleLink
}

// Parts returns the document's parts, each with its pages.
func (d *DocView) Parts() []PartGroup {
	var groups []PartGroup
	for _, part := range d.Document.Parts {
		g := PartGroup{Part: part, Label: d.PartLabel(part.Number, d.Lang)}
		for _, a := range d.Pages {
			if a.Kind != content.KindPreamble && a.Part == part.Number {
				g.Clauses = append(g.Clauses, a)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// Preamble returns the preamble's link, if the document has one.
func (d *DocView) Preamble() *ArticleLink {
	for i := range d.Pages {
		if d.Pages[i].Kind == content.KindPreamble {
			return &d.Pages[i]
		}
	}
	return nil
}

// Article returns article n's link, or nil.
func (d *DocView) Article(n int) *ArticleLink {
	for i := range d.Pages {
		if d.Pages[i].Kind == content.KindArticle && d.Pages[i].Number == n {
			return &d.Pages[i]
		}
	}
	return nil
}

// ArticleLinks returns the article pages only, in reading order.
func (d *DocView) ArticleLinks() []ArticleLink {
	var out []ArticleLink
	for _, a := range d.Pages {
		if a.Kind == content.KindArticle {
			out = append(out, a)
		}
	}
	return out
}

// LabelIn is how the document names its article n in lang (the bilingual handout shows both).
func (d *DocView) LabelIn(lang string, n int) string { return d.ArticleLabel(n, lang) }

// Status is where the document stands on the site's review date: see content.Document.Status.
func (d *DocView) Status(reviewed string) string { return d.Document.Status(reviewed) }

// Doc returns the document with id, or nil.
func (v *View) Doc(id string) *DocView {
	for _, d := range v.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Section returns the pages directly inside folder (language-neutral path "/faq/"), by weight then title.
func (v *View) Section(path string) []*content.Page {
	var out []*content.Page
	for _, p := range v.pages {
		if p.Path == path || !strings.HasPrefix(p.Path, path) {
			continue
		}
		rest := strings.Trim(strings.TrimPrefix(p.Path, path), "/")
		if strings.Contains(rest, "/") {
			continue
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Front.Weight != out[j].Front.Weight {
			return out[i].Front.Weight < out[j].Front.Weight
		}
		return out[i].Front.Title < out[j].Front.Title
	})
	return out
}

// PageAt returns the page at the language-neutral path, or nil.
func (v *View) PageAt(path string) *content.Page {
	for _, p := range v.pages {
		if p.Path == path {
			return p
		}
	}
	return nil
}

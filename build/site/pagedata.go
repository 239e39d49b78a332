package site

import "scaleup/build/content"

// PageData is the value templates execute with.
type PageData struct {
	Site       *View
	Page       *content.Page
	Lang       string
	Canonical  string      // absolute URL of this page
	Alternates []Alternate // both languages and x-default
	SwitchURL  string      // the same page in the other language
	SwitchLang string

	// Pages of a policy document (its index and its articles).
	Document   *DocView
	Clause     *ArticleLink // this page as the document's table of contents lists it
	Part       *content.Part
	Prev, Next *ArticleLink
	// Department pages.
	Dept *DeptView
	// Worked example pages.
	Example *ExampleView
	// Section pages: the pages in the folder.
	Children []*content.Page
}

// layouts says what each layout adds to the data every page gets. A layout that is not listed
// needs nothing more; a page whose layout has no template is an error at its front matter.
var layouts = map[string]struct {
	data  func(d *PageData)
	alone bool // no translation: no hreflang alternates (the 404 pages)
}{
	"clause":     {data: articleData},
	"example":    {data: exampleData},
	"department": {data: departmentData},
	"404":        {alone: true},
}

// pageData assembles what the templates need for p.
func pageData(p *content.Page, v *View) *PageData {
	d := &PageData{Site: v, Page: p, Lang: p.Lang}
	d.Canonical = v.BaseURL + p.URL
	d.SwitchLang = "en"
	if p.Lang == "en" {
		d.SwitchLang = "zh"
	}
	d.SwitchURL = content.Localize(p.Path, d.SwitchLang)
	if p.Translation != nil {
		d.SwitchURL = p.Translation.URL
	}
	spec := layouts[p.Front.Layout]
	if !spec.alone {
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
	if p.Document != nil {
		d.Document = v.Doc(p.Document.ID)
	}
	if p.IsIndex() {
		d.Children = v.Section(p.Path)
	}
	if spec.data != nil {
		spec.data(d)
	}
	return d
}

// articleData finds the page in its document's reading order, with its neighbours and part.
func articleData(d *PageData) {
	if d.Document == nil {
		return
	}
	pages := d.Document.Pages
	for i := range pages {
		if pages[i].Page != d.Page {
			continue
		}
		d.Clause = &pages[i]
		if i > 0 {
			d.Prev = &pages[i-1]
		}
		if i+1 < len(pages) {
			d.Next = &pages[i+1]
		}
	}
	if d.Page.Front.Kind != content.KindPreamble {
		d.Part = d.Document.Document.Part(d.Page.Front.Part)
	}
}

func exampleData(d *PageData) {
	for i := range d.Site.Examples {
		if d.Site.Examples[i].URL == d.Page.URL {
			d.Example = &d.Site.Examples[i]
		}
	}
}

func departmentData(d *PageData) {
	for i := range d.Site.Departments {
		if d.Site.Departments[i].URL == d.Page.URL {
			d.Dept = &d.Site.Departments[i]
		}
	}
}

// HorizonNotices are the notices of the documents whose stated horizon had passed on the site's
// reviewed date, on the pages each document lists (horizonNoticeOn). The build's clock plays no
// part: the same content gives the same pages on any day.
func (d *PageData) HorizonNotices() []string {
	var out []string
	for _, doc := range d.Site.Documents {
		if doc.Dates.Horizon == "" || d.Site.Reviewed <= doc.Dates.Horizon {
			continue
		}
		for _, p := range doc.HorizonNoticeOn {
			if p == d.Page.Path {
				out = append(out, doc.HorizonNotice.In(d.Lang))
			}
		}
	}
	return out
}

package site

import (
	"sort"
	"strconv"
	"strings"

	"scaleup/build/content"
)

// View is what templates see of the site, for one language.
type View struct {
	Lang    string
	BaseURL string
	// PrintBase is BaseURL when it is a real public address, "" when it is a placeholder: what
	// the handout and the slides print (addresses, QR codes) comes from it.
	PrintBase   string
	Data        *content.Data
	Clauses     []ClauseLink // the policy pages in reading order
	Departments []DeptView
	SearchEntry string // URL of the search index root for this language ("" before search exists)
	Examples    []ExampleView
	pages       []*content.Page
}

// ClauseLink is a policy page as listed in tables of contents.
type ClauseLink struct {
	URL   string
	Title string // full title
	Short string // link title
	Label string // "（八）" / "(8)"; the part numeral for part pages; "" for the preamble
	Kind  string
	Part  int
	Page  *content.Page
}

// DeptView is a department with the policy pages it is responsible for.
type DeptView struct {
	*content.Department
	URL     string
	Clauses []ClauseLink
}

// PageData is the value templates execute with.
type PageData struct {
	Site       *View
	Page       *content.Page
	Lang       string
	Canonical  string      // absolute URL of this page
	Alternates []Alternate // both languages and x-default
	SwitchURL  string      // the same page in the other language
	SwitchLang string

	// Policy pages.
	Clause     *ClauseLink
	Part       *content.Part
	Prev, Next *ClauseLink
	// Department pages.
	Dept *DeptView
	// Worked example pages.
	Example *ExampleView
	// Section pages: the pages in the folder.
	Children []*content.Page
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

var zhNumerals = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七"}

// ClauseLabel names a clause as the text does: "（八）" in Chinese, "(8)" in English.
func ClauseLabel(n int, lang string) string {
	if n < 1 || n >= len(zhNumerals) {
		return ""
	}
	if lang == "zh" {
		return "（" + zhNumerals[n] + "）"
	}
	return "(" + strconv.Itoa(n) + ")"
}

// newView builds the per-language view. Pages must be loaded and rendered.
func newView(s *content.Site, lang, baseURL string) *View {
	v := &View{Lang: lang, BaseURL: baseURL, Data: &s.Data}
	if !content.IsPlaceholderURL(baseURL) {
		v.PrintBase = baseURL
	}
	for _, p := range s.Pages {
		if p.Lang == lang {
			v.pages = append(v.pages, p)
		}
	}
	var policy []*content.Page
	for _, p := range v.pages {
		if p.Front.Layout == "clause" {
			policy = append(policy, p)
		}
	}
	sort.SliceStable(policy, func(i, j int) bool { return policy[i].Front.Weight < policy[j].Front.Weight })
	for _, p := range policy {
		v.Clauses = append(v.Clauses, clauseLink(p, s, lang))
	}
	for _, d := range s.Data.Departments {
		dv := DeptView{Department: d, URL: content.Localize("/departments/"+d.ID+"/", lang)}
		for _, c := range v.Clauses {
			for _, id := range c.Page.Front.Departments {
				if id == d.ID {
					dv.Clauses = append(dv.Clauses, c)
				}
			}
		}
		v.Departments = append(v.Departments, dv)
	}
	return v
}

func clauseLink(p *content.Page, s *content.Site, lang string) ClauseLink {
	c := ClauseLink{URL: p.URL, Title: p.Front.Title, Short: p.ShortTitle(), Kind: p.Front.Kind, Part: p.Front.Part, Page: p}
	switch p.Front.Kind {
	case "clause":
		c.Label = ClauseLabel(p.Front.Clause, lang)
	case "part":
		for _, part := range s.Data.Document.Parts {
			if part.Number == p.Front.Part {
				c.Label = part.Numeral
				if lang == "en" {
					c.Label = romanOrArabic(part.Number)
				}
			}
		}
	}
	return c
}

func romanOrArabic(n int) string {
	roman := []string{"", "I", "II", "III", "IV", "V"}
	if n > 0 && n < len(roman) {
		return roman[n]
	}
	return strconv.Itoa(n)
}

// PartsWithClauses groups the policy pages by part for the table of contents.
type PartGroup struct {
	Part    content.Part
	Clauses []ClauseLink
}

// Parts returns the document's parts, each with its pages.
func (v *View) Parts() []PartGroup {
	var groups []PartGroup
	for _, part := range v.Data.Document.Parts {
		g := PartGroup{Part: part}
		for _, c := range v.Clauses {
			if c.Part == part.Number {
				g.Clauses = append(g.Clauses, c)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// Preamble returns the preamble page link, if any.
func (v *View) Preamble() *ClauseLink {
	for i := range v.Clauses {
		if v.Clauses[i].Kind == "preamble" {
			return &v.Clauses[i]
		}
	}
	return nil
}

// ClauseByNumber returns clause n's link (n = 1…17), or nil.
func (v *View) ClauseByNumber(n int) *ClauseLink {
	for i := range v.Clauses {
		if v.Clauses[i].Kind == "clause" && v.Clauses[i].Page.Front.Clause == n {
			return &v.Clauses[i]
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

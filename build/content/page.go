// Package content loads the site's source: Markdown pages with YAML front matter, data files and
// interface strings, all read through an afero.Fs. It checks what can be checked without rendering
// and records every problem in a diag.List with its file, line and column.
package content

import (
	"html/template"
	"strconv"
	"strings"

	"scaleup/build/markdown"
)

// Languages in the order the site lists them. Chinese is authoritative and lives at "/".
var Languages = []string{"zh", "en"}

// LangPrefix is the URL prefix of a language: "" for Chinese, "/en" for English.
func LangPrefix(lang string) string {
	if lang == "zh" {
		return ""
	}
	return "/" + lang
}

// Localize turns a language-neutral site path ("/policy/x/#p1") into the path for lang.
func Localize(path, lang string) string {
	return LangPrefix(lang) + path
}

// Page is one Markdown file: one page in one language.
type Page struct {
	File string // source path relative to the project root, e.g. "content/policy/04-reward-211.zh.md"
	Key  string // translation key: the file's path under content/ without the language suffix, e.g. "policy/04-reward-211"
	Lang string
	Path string // language-neutral URL path, e.g. "/policy/04-reward-211/"
	URL  string // URL path in its language, e.g. "/en/policy/04-reward-211/"

	Front FrontMatter
	// Lines maps each front matter key to its line in File, for diagnostics found later.
	Lines map[string]int

	Source     []byte // the whole file
	BodyOffset int    // byte offset of the Markdown body in Source

	// Filled while loading; read-only after.
	Document    *Document // the policy document whose folder holds the page, if any
	Label       string    // an article's or part's label as its document numbers it: "（八）", "Article 8"
	Translation *Page
	Content     template.HTML // rendered Markdown body
	Note        template.HTML // rendered front matter note
	Text        string        // plain text of the body, for search and descriptions
	Headings    []Heading
	Terms       []string        // glossary term ids linked on this page
	Links       []markdown.Link // internal links of the body, checked once the site is built
	NoteLinks   []markdown.Link // internal links of the note (reported at the note's line)
}

// Heading is an h2–h4 of a page body, for tables of contents and search.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Body returns the Markdown body.
func (p *Page) Body() []byte { return p.Source[p.BodyOffset:] }

// Section is the first path segment ("policy" for /policy/x/), "" for the home page.
func (p *Page) Section() string {
	s := strings.Trim(p.Path, "/")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	return s
}

// IsIndex reports whether the page is the page of a folder (_index.LANG.md).
func (p *Page) IsIndex() bool {
	return strings.HasSuffix(p.Key, "/_index") || p.Key == "_index"
}

// OutputFile is where the page's HTML goes: "/en/policy/x/" → "en/policy/x/index.html",
// "/en/404.html" → "en/404.html".
func (p *Page) OutputFile() string {
	f := strings.TrimPrefix(p.URL, "/")
	if strings.HasSuffix(f, ".html") {
		return f
	}
	return f + "index.html"
}

// Slug is the last segment of the page's path ("04-reward-211").
func (p *Page) Slug() string {
	s := strings.Trim(p.Path, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// Anchor is an id for a document's page where one page shows many of them (the handout, the
// slides): "preamble-0-0", "part-1-0", "clause-3-4" (the kind, the part, the article).
func (p *Page) Anchor() string {
	kind := p.Front.Kind
	if kind == KindArticle {
		kind = "clause"
	}
	return kind + "-" + strconv.Itoa(p.Front.Part) + "-" + strconv.Itoa(p.Front.Article)
}

// ShortTitle returns the link title when there is one, else the title.
func (p *Page) ShortTitle() string {
	if p.Front.LinkTitle != "" {
		return p.Front.LinkTitle
	}
	return p.Front.Title
}

// FrontMatter holds the fields a page may set. content/README.md documents them.
type FrontMatter struct {
	Title          string   `yaml:"title"`
	LinkTitle      string   `yaml:"linkTitle"`
	Description    string   `yaml:"description"`
	Layout         string   `yaml:"layout"`
	Weight         int      `yaml:"weight"`
	TranslationKey string   `yaml:"translationKey"`
	Draft          bool     `yaml:"draft"`
	Kind           string   `yaml:"kind"`    // pages of a document: preamble, part, article
	Article        int      `yaml:"article"` // article pages: 1 … the document's articles
	Part           int      `yaml:"part"`    // the part (1 … the document's parts) an article belongs to, or a part page's own
	Departments    []string `yaml:"departments"`
	Caveats        []string `yaml:"caveats"`
	Note           string   `yaml:"note"`
	// Search is "exclude" to keep the page out of the site's search (the search page itself),
	// "support" for a page that applies the policy rather than states it (ranked below the
	// text), "" otherwise.
	Search string `yaml:"search"`
	// NoIndex keeps the page out of the sitemap, search engines and the site's search (the 404
	// pages).
	NoIndex bool `yaml:"noindex"`
}

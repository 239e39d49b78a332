package content

import (
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/afero"

	"scaleup/build/diag"
)

// DocumentFile marks a folder of content/ as a policy document and holds its metadata.
const DocumentFile = "document.yaml"

// Document is a policy document: a folder of content/ with a document.yaml. The folder's pages
// are the document's index (_index), preamble, parts and articles, in whatever numbering the
// document uses; its benefits.yaml, when there is one, lists what it gives an enterprise.
// A site holds any number of documents; the generator knows none of them.
type Document struct {
	ID   string `yaml:"id"` // stable id, e.g. "demo-rules-2027": rule modules and links name the document by it
	Dir  string `yaml:"-"`  // folder under content/, e.g. "policy"
	Path string `yaml:"-"`  // language-neutral URL path of its index page, e.g. "/policy/"
	File string `yaml:"-"`  // its document.yaml, e.g. "content/policy/document.yaml"

	Issuer     Text `yaml:"issuer"`
	Number     Text `yaml:"number"` // 发文字号
	Title      Text `yaml:"title"`
	ShortTitle Text `yaml:"shortTitle"`
	// Citation is how the site names the document in running text ("示政规〔2027〕1号", "Demo
	// City's rules (…)"); its number when not given.
	Citation Text  `yaml:"citation"`
	Dates    Dates `yaml:"dates"`
	// HorizonNotice is what a reader must know once the site's reviewed date is past the
	// document's horizon; the pages HorizonNoticeOn lists (Chinese paths) show it.
	HorizonNotice   Text     `yaml:"horizonNotice"`
	HorizonNoticeOn []string `yaml:"horizonNoticeOn"`
	// Official says where the official text is published: the site cites it, and links it
	// when there is an official address.
	Official Official `yaml:"official"`
	// Text is "verbatim" when the site reproduces the document's text (its article pages are
	// the text), "summary" when the pages are the site's own summary of it.
	Text      string    `yaml:"text"`
	Numbering Numbering `yaml:"numbering"`
	Articles  int       `yaml:"articles"` // the articles are numbered 1 … Articles
	Parts     []Part    `yaml:"parts"`
	// Rules names the rule module that computes the money the document pays, if any.
	Rules string `yaml:"rules"`

	// The document as printed, for its own page; all optional.
	Header           string   `yaml:"header"`
	TitleAsPrinted   string   `yaml:"titleAsPrinted"`
	PrintedAsText    string   `yaml:"printedAsText"`
	Disclosure       Text     `yaml:"disclosure"`
	DisclosureAsText string   `yaml:"disclosureAsText"`
	Addressees       Text     `yaml:"addressees"`
	CC               Text     `yaml:"cc"`
	CCLines          []string `yaml:"ccLines"`
	Signature        string   `yaml:"signature"`

	Benefits []*Benefit     `yaml:"-"` // from benefits.yaml in the folder
	lines    map[string]int // the lines of the keys that later checks name: articles, horizonNoticeOn
}

// Dates are the document's dates, ISO (2021-09-28); "" where the document states none.
type Dates struct {
	Issued  string `yaml:"issued"`  // 印发 / 发布: the date printed on it
	InForce string `yaml:"inForce"` // 施行: from when it applies
	Horizon string `yaml:"horizon"` // the end of the period it says it covers (到"十四五"末: 2025-12-31)
	Expiry  string `yaml:"expiry"`  // 有效期至
}

// Official is where the document's official text is published.
type Official struct {
	Where Text   `yaml:"where"`
	URL   string `yaml:"url"`
}

// Numbering gives the labels of the document's articles and parts in each language, as
// patterns: {n} is the number in digits, {zh} in Chinese numerals, {roman} in Roman numerals.
// "（{zh}）" labels article 8 "（八）"; "第{zh}条" labels it "第八条"; "Article {n}", "Article 8".
type Numbering struct {
	Article Text `yaml:"article"`
	Part    Text `yaml:"part"`
}

// Label formats number n with pattern.
func Label(pattern string, n int) string {
	return strings.NewReplacer("{n}", strconv.Itoa(n), "{zh}", ChineseNumeral(n), "{roman}", RomanNumeral(n)).Replace(pattern)
}

// ArticleLabel is how the document names its article n in lang: "（八）", "(8)".
func (d *Document) ArticleLabel(n int, lang string) string {
	return Label(d.Numbering.Article.In(lang), n)
}

// PartLabel is how the document names its part n in lang: "一", "I".
func (d *Document) PartLabel(n int, lang string) string { return Label(d.Numbering.Part.In(lang), n) }

// Part returns the part with number n, or nil.
func (d *Document) Part(n int) *Part {
	for i := range d.Parts {
		if d.Parts[i].Number == n {
			return &d.Parts[i]
		}
	}
	return nil
}

// Status is where the document stands on date (ISO), judged from its own dates only:
// "notYetInForce", "inForce", "afterHorizon" (the period it says it covers has ended, and it
// states no expiry: whether it still applies must be asked) or "expired".
func (d *Document) Status(date string) string {
	switch {
	case d.Dates.Expiry != "" && date > d.Dates.Expiry:
		return "expired"
	case d.Dates.InForce != "" && date < d.Dates.InForce:
		return "notYetInForce"
	case d.Dates.Horizon != "" && date > d.Dates.Horizon:
		return "afterHorizon"
	}
	return "inForce"
}

// Document kinds of page.
const (
	KindPreamble = "preamble"
	KindPart     = "part"
	KindArticle  = "article"
)

// loadDocuments finds every folder with a document.yaml and reads it and its benefits.yaml.
func loadDocuments(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	var files []string
	_ = afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && path.Base(p) == DocumentFile {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	ids := map[string]string{}
	for _, file := range files {
		d := &Document{}
		src, ok := decodeData(fsys, file, d, diags)
		if !ok {
			continue
		}
		d.File, d.Dir = file, strings.TrimPrefix(path.Dir(file), dir+"/")
		d.lines = map[string]int{"articles": fieldLine(src, "articles"), "horizonNoticeOn": fieldLine(src, "horizonNoticeOn")}
		d.Path = "/" + d.Dir + "/"
		if d.Citation.Zh == "" {
			d.Citation.Zh = d.Number.Zh
		}
		if d.Citation.En == "" {
			d.Citation.En = d.Number.En
		}
		if path.Dir(file) == dir {
			diags.Errorf(file, 1, 1, "a document is a folder of its own: move %s into a folder such as %s/policy/", DocumentFile, dir)
			continue
		}
		checkDocument(d, src, diags)
		if other, dup := ids[d.ID]; dup {
			diags.Errorf(file, fieldLine(src, "id"), 1, "document id %q is used by %s too", d.ID, other)
			continue
		}
		ids[d.ID] = file
		loadBenefits(fsys, dir+"/"+d.Dir+"/benefits.yaml", d, diags)
		s.Documents = append(s.Documents, d)
	}
}

// checkDocument checks a document's metadata on its own.
func checkDocument(d *Document, src []byte, diags *diag.List) {
	at := func(key string) int { return fieldLine(src, key) }
	if !idOK(d.ID) {
		diags.Errorf(d.File, at("id"), 1, "id must be lowercase letters, digits, - or _ (found %q), e.g. \"id: city-rules-2021-35\"", d.ID)
	}
	for what, t := range map[string]Text{"issuer": d.Issuer, "number": d.Number, "title": d.Title} {
		if t.Zh == "" || t.En == "" {
			diags.Errorf(d.File, at(what), 1, "%s needs both zh and en", what)
		}
	}
	for what, date := range map[string]string{"issued": d.Dates.Issued, "inForce": d.Dates.InForce, "horizon": d.Dates.Horizon, "expiry": d.Dates.Expiry} {
		if date != "" && !IsDate(date) {
			diags.Errorf(d.File, at(what), 1, "dates.%s must be a date written YYYY-MM-DD, found %q", what, date)
		}
	}
	if d.Dates.Horizon != "" && (d.HorizonNotice.Zh == "" || d.HorizonNotice.En == "" || len(d.HorizonNoticeOn) == 0) {
		diags.Errorf(d.File, at("horizon"), 1, "a horizon needs horizonNotice (zh and en: what a reader must know once it has passed) and horizonNoticeOn (the pages that show it)")
	}
	if d.Dates.Issued == "" {
		diags.Errorf(d.File, at("dates"), 1, "dates.issued is required: the date printed on the document (YYYY-MM-DD)")
	}
	if d.Text != "verbatim" && d.Text != "summary" {
		diags.Errorf(d.File, at("text"), 1, "text must be \"verbatim\" (the site reproduces the document's text) or \"summary\" (our own summary of it), found %q", d.Text)
	}
	if d.Articles < 0 {
		diags.Errorf(d.File, at("articles"), 1, "articles must be the number of articles, found %d", d.Articles)
	}
	if d.Articles > 0 && (d.Numbering.Article.Zh == "" || d.Numbering.Article.En == "") {
		diags.Errorf(d.File, at("numbering"), 1, "numbering.article needs zh and en patterns, e.g. {zh: \"第{zh}条\", en: \"Article {n}\"}")
	}
	if len(d.Parts) > 0 && (d.Numbering.Part.Zh == "" || d.Numbering.Part.En == "") {
		diags.Errorf(d.File, at("numbering"), 1, "numbering.part needs zh and en patterns, e.g. {zh: \"{zh}\", en: \"{roman}\"}")
	}
	for i, p := range d.Parts {
		if p.Number != i+1 {
			diags.Errorf(d.File, at("parts"), 1, "parts are numbered 1, 2, 3 … in order: part #%d has number %d", i+1, p.Number)
		}
		if p.Zh == "" || p.En == "" {
			diags.Errorf(d.File, at("parts"), 1, "part %d needs zh and en titles", p.Number)
		}
	}
}

// loadBenefits reads a document's optional benefits.yaml.
func loadBenefits(fsys afero.Fs, file string, d *Document, diags *diag.List) {
	src, ok := decodeData(fsys, file, &d.Benefits, diags)
	if !ok {
		return
	}
	lines, seen := itemLines(src, ""), map[string]bool{}
	for i, b := range d.Benefits {
		b.Line = lineOf(lines, i)
		b.File = file
		checkID(file, b.Line, describe("benefit", i, b.ID), b.ID, seen, diags)
		if b.Article < 1 || b.Article > d.Articles {
			diags.Errorf(file, b.Line, 0, "%s: article must be 1–%d (document.yaml's articles)", describe("benefit", i, b.ID), d.Articles)
		}
	}
}

// Document returns the document with id, or nil.
func (s *Site) Document(id string) *Document {
	for _, d := range s.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// checkDocumentPages ties each page to the document whose folder holds it, labels its articles
// and parts as the document numbers them, and checks that every article and part has exactly one
// page per language.
func checkDocumentPages(s *Site, diags *diag.List) {
	type slot struct {
		lang, kind string
		n          int
	}
	seen := map[*Document]map[slot]*Page{}
	for _, p := range s.Pages {
		for _, d := range s.Documents {
			if strings.HasPrefix(p.Key, d.Dir+"/") {
				p.Document = d
			}
		}
		fm, d := &p.Front, p.Document
		line := func(k string) int {
			if l, ok := p.Lines[k]; ok {
				return l
			}
			return 1
		}
		if fm.Kind == "" {
			continue
		}
		if d == nil {
			diags.Errorf(p.File, line("kind"), 1, "kind is for the pages of a policy document, and this page is in no document's folder (one with a %s)", DocumentFile)
			continue
		}
		n := 0
		switch fm.Kind {
		case KindPreamble:
		case KindArticle:
			n = fm.Article
			if n < 1 || n > d.Articles {
				diags.Errorf(p.File, line("article"), 1, "article must be a number from 1 to %d (the articles of %s), found %d", d.Articles, d.File, n)
				continue
			}
			p.Label = d.ArticleLabel(n, p.Lang)
		case KindPart:
			n = fm.Part
			if len(d.Parts) == 0 {
				diags.Errorf(p.File, line("kind"), 1, "%s lists no parts, so it has no part pages", d.File)
				continue
			}
			p.Label = d.PartLabel(n, p.Lang)
		default:
			diags.Errorf(p.File, line("kind"), 1, "kind must be %q, %q or %q, found %q", KindPreamble, KindPart, KindArticle, fm.Kind)
			continue
		}
		if fm.Kind != KindPreamble && len(d.Parts) > 0 && d.Part(fm.Part) == nil {
			diags.Errorf(p.File, line("part"), 1, "part must be a number from 1 to %d (the parts of %s), found %d", len(d.Parts), d.File, fm.Part)
			continue
		}
		if seen[d] == nil {
			seen[d] = map[slot]*Page{}
		}
		k := slot{p.Lang, fm.Kind, n}
		if other := seen[d][k]; other != nil {
			diags.Errorf(p.File, line(map[string]string{KindArticle: "article", KindPart: "part"}[fm.Kind]), 1, "%s is also the page %s", strings.TrimSpace(fm.Kind+" "+p.Label), other.File)
			continue
		}
		seen[d][k] = p
	}
	for _, d := range s.Documents {
		for _, path := range d.HorizonNoticeOn {
			found := false
			for _, p := range s.Pages {
				found = found || p.Path == path
			}
			if !found {
				diags.Errorf(d.File, d.lines["horizonNoticeOn"], 0, "horizonNoticeOn: no page %s (write the Chinese path, such as /calculator/)", path)
			}
		}
		for _, lang := range Languages {
			for n := 1; n <= d.Articles; n++ {
				if seen[d][slot{lang, KindArticle, n}] == nil {
					diags.Errorf(d.File, d.lines["articles"], 0, "article %d (%s) has no %s page: add a page with \"kind: article\" and \"article: %d\" to %s/", n, d.ArticleLabel(n, lang), lang, n, "content/"+d.Dir)
				}
			}
		}
	}
}

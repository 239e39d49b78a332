package content

import (
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"

	"scaleup/build/diag"
	"scaleup/build/parallel"
)

// MaxFileSize bounds what a content file may weigh; anything larger is almost surely a mistake
// (a pasted PDF, a binary), and reading it would only slow the build.
const MaxFileSize = 2 << 20

// Site is everything loaded from content/.
type Site struct {
	Config    Config
	Pages     []*Page // sorted by Key, then language order
	Documents []*Document
	I18n      map[string]map[string]string
	Data      Data
}

// Config is content/site.yaml.
type Config struct {
	BaseURL string `yaml:"baseURL"` // absolute, without trailing slash, e.g. "https://example.org"
	// Reviewed is the date (YYYY-MM-DD) a person last checked the site's facts against their
	// sources. Every page shows it, and what depends on "today" (whether a document's stated
	// horizon has passed) is decided from it, never from the build's clock: the same content
	// builds the same site on any day.
	Reviewed    string `yaml:"reviewed"`
	BaseURLLine int    `yaml:"-"` // its line in site.yaml, for messages
}

// Page returns the page with key in lang, or nil.
func (s *Site) Page(key, lang string) *Page {
	for _, p := range s.Pages {
		if p.Key == key && p.Lang == lang {
			return p
		}
	}
	return nil
}

// Options adjust loading.
type Options struct {
	BaseURL string // overrides site.yaml's baseURL when set
	Workers int    // goroutines for reading and rendering pages; default GOMAXPROCS
}

// Load reads dir (normally "content") from fsys into the model. Problems go to diags; Load
// returns what it could read. The model is complete when Load returns: Markdown is rendered,
// pages made from data (departments, worked examples) are added, translations are paired.
// Nothing changes it after.
func Load(fsys afero.Fs, dir string, opt Options, diags *diag.List) *Site {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	s := &Site{I18n: map[string]map[string]string{}}
	loadConfig(fsys, dir, s, diags)
	if opt.BaseURL != "" {
		s.Config.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	}
	loadI18n(fsys, dir, s, diags)
	loadDocuments(fsys, dir, s, diags)
	loadData(fsys, dir, s, diags)
	loadExamples(fsys, dir, s, diags)
	loadClaims(fsys, dir, s, diags)

	var files []string
	var sizes []int64
	err := afero.Walk(fsys, dir, func(file string, info os.FileInfo, err error) error {
		if err != nil {
			diags.Errorf(file, 0, 0, "cannot read: %v", err)
			return nil
		}
		if info.IsDir() || !strings.HasSuffix(file, ".md") || path.Base(file) == "README.md" {
			return nil
		}
		files, sizes = append(files, file), append(sizes, info.Size())
		return nil
	})
	if err != nil {
		diags.Errorf(dir, 0, 0, "cannot read the content folder: %v", err)
	}
	// Pages are read and parsed on every core: each is on its own (diags is safe for concurrent use).
	pages := make([]*Page, len(files))
	parallel.For(len(files), opt.Workers, func(i int) { pages[i] = loadPage(fsys, dir, files[i], sizes[i], diags) })
	for _, p := range pages {
		if p != nil {
			s.Pages = append(s.Pages, p)
		}
	}
	sortPages(s.Pages)
	checkPages(s, diags)
	checkDocumentPages(s, diags)
	renderMarkdown(s, opt.Workers, diags)
	addDepartmentPages(s, diags)
	addExamplePages(s)
	addNotFoundPages(s)
	sortPages(s.Pages)
	return s
}

// sortPages orders pages by key, then language: the order of every list built from them.
func sortPages(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return langIndex(a.Lang) < langIndex(b.Lang)
	})
}

func langIndex(lang string) int {
	for i, l := range Languages {
		if l == lang {
			return i
		}
	}
	return len(Languages)
}

// readText reads a file that must be UTF-8 text of a sane size.
func readText(fsys afero.Fs, file string, size int64, diags *diag.List) ([]byte, bool) {
	if size > MaxFileSize {
		diags.Errorf(file, 0, 0, "file is %d bytes, more than the %d allowed: is it the right file?", size, MaxFileSize)
		return nil, false
	}
	src, err := afero.ReadFile(fsys, file)
	if err != nil {
		diags.Errorf(file, 0, 0, "cannot read: %v", err)
		return nil, false
	}
	if !utf8.Valid(src) {
		line, col := firstInvalid(src)
		diags.Errorf(file, line, col, "file is not valid UTF-8: save it with UTF-8 encoding")
		return nil, false
	}
	src = stripBOM(src)
	if i := strings.IndexByte(string(src), 0); i >= 0 {
		line, col := diag.Position(src, i)
		diags.Errorf(file, line, col, "file contains a NUL byte: is it a text file?")
		return nil, false
	}
	return src, true
}

func stripBOM(src []byte) []byte {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return src[3:]
	}
	return src
}

func firstInvalid(src []byte) (int, int) {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Position(src, i)
		}
		i += size
	}
	return 0, 0
}

var validSegment = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// loadPage reads one Markdown file. Its name decides its language, key and URL.
func loadPage(fsys afero.Fs, dir, file string, size int64, diags *diag.List) *Page {
	rel := strings.TrimPrefix(file, dir+"/")
	base := strings.TrimSuffix(rel, ".md")
	dot := strings.LastIndexByte(base, '.')
	if dot < 0 {
		diags.Errorf(file, 0, 0, "page file names end in .zh.md or .en.md (the language): rename to %s.zh.md", base)
		return nil
	}
	key, lang := base[:dot], base[dot+1:]
	if langIndex(lang) == len(Languages) {
		diags.Errorf(file, 0, 0, "unknown language %q in the file name: use .zh.md or .en.md", lang)
		return nil
	}
	for _, seg := range strings.Split(key, "/") {
		if seg != "_index" && !validSegment.MatchString(seg) {
			diags.Errorf(file, 0, 0, "%q cannot be part of a URL: use lowercase letters, digits and hyphens", seg)
			return nil
		}
	}
	src, ok := readText(fsys, file, size, diags)
	if !ok {
		return nil
	}
	p := &Page{File: file, Key: key, Lang: lang, Source: src, Lines: map[string]int{}}
	neutral := "/" + strings.TrimSuffix(strings.TrimSuffix(key, "_index"), "/")
	if neutral != "/" {
		neutral += "/"
	}
	p.Path = neutral
	p.URL = Localize(neutral, lang)

	yamlSrc, yamlLine, bodyOffset, ferr := splitFrontMatter(src)
	if ferr != nil {
		diags.Errorf(file, ferr.Line, ferr.Col, "%s", ferr.Msg)
		return nil
	}
	p.BodyOffset = bodyOffset
	errs, readable := parseFrontMatter(yamlSrc, yamlLine, &p.Front, p.Lines)
	for _, e := range errs {
		diags.Errorf(file, e.Line, e.Col, "%s", e.Msg)
	}
	checkFront(p, readable, diags)
	if p.Front.Draft {
		return nil
	}
	return p
}

// checkFront checks one page's fields on their own; checkPages checks them against the rest.
// When the front matter could not be read at all (readable is false), only the layout gets its
// default: every field is missing, and saying so would bury the one error that matters.
func checkFront(p *Page, readable bool, diags *diag.List) {
	fm := &p.Front
	line := func(k string) int {
		if l, ok := p.Lines[k]; ok {
			return l
		}
		return 1
	}
	if !readable {
		fm.Layout = defaultLayout(p)
		return
	}
	if strings.TrimSpace(fm.Title) == "" {
		diags.Errorf(p.File, line("title"), 1, "missing title: add \"title: …\" to the front matter")
	}
	if strings.TrimSpace(fm.Description) == "" {
		diags.Errorf(p.File, line("description"), 1, "missing description: add one sentence \"description: …\" for search engines and link previews")
	}
	if fm.Layout == "" {
		fm.Layout = defaultLayout(p)
	}
}

// defaultLayout is the layout of a page that names none: home, section (a folder's _index) or
// article.
func defaultLayout(p *Page) string {
	switch {
	case p.Key == "_index":
		return "home"
	case p.IsIndex():
		return "section"
	}
	return "article"
}

// checkPages checks what involves several pages or data: translations, duplicate URLs,
// department and clause references.
func checkPages(s *Site, diags *diag.List) {
	byURL := map[string]*Page{}
	byKey := map[string]map[string]*Page{}
	for _, p := range s.Pages {
		if other, dup := byURL[p.URL]; dup {
			diags.Errorf(p.File, 1, 1, "duplicate URL %s: %s has it too; rename one of the files", p.URL, other.File)
			continue
		}
		byURL[p.URL] = p
		k := p.Key
		if p.Front.TranslationKey != "" {
			k = p.Front.TranslationKey
		}
		if byKey[k] == nil {
			byKey[k] = map[string]*Page{}
		}
		if other := byKey[k][p.Lang]; other != nil {
			diags.Errorf(p.File, p.Lines["translationKey"], 1, "translation key %q is used by %s too", k, other.File)
			continue
		}
		byKey[k][p.Lang] = p
	}
	for _, p := range s.Pages {
		k := p.Key
		if p.Front.TranslationKey != "" {
			k = p.Front.TranslationKey
		}
		for _, lang := range Languages {
			if lang == p.Lang {
				continue
			}
			twin := byKey[k][lang]
			switch {
			case twin != nil:
				p.Translation = twin
			case p.Front.TranslationKey != "":
				diags.Errorf(p.File, p.Lines["translationKey"], 1, "unknown translation key %q: no %s page has it", k, lang)
			default:
				diags.Warnf(p.File, 1, 1, "missing translation: add %s/%s.%s.md", "content", p.Key, lang)
			}
		}
		for i, id := range p.Front.Departments {
			if s.Data.Department(id) == nil {
				diags.Errorf(p.File, p.Lines["departments"], 1, "unknown department %q (item %d): ids are in content/data/departments.yaml", id, i+1)
			}
		}
	}
}

func loadConfig(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	file := dir + "/site.yaml"
	src, ok := readOptional(fsys, file, diags)
	if !ok {
		diags.Errorf(file, 0, 0, "missing site settings: create it with \"baseURL: https://your.domain\"")
		return
	}
	if line, msg := decodeStrict(src, &s.Config); msg != "" {
		diags.Errorf(file, line, 0, "%s", msg)
	}
	s.Config.BaseURL = strings.TrimRight(s.Config.BaseURL, "/")
	s.Config.BaseURLLine = fieldLine(src, "baseURL")
	if !strings.HasPrefix(s.Config.BaseURL, "https://") && !strings.HasPrefix(s.Config.BaseURL, "http://") {
		diags.Errorf(file, 1, 1, "baseURL must be an absolute URL such as https://example.org, found %q", s.Config.BaseURL)
	}
	if !IsDate(s.Config.Reviewed) {
		diags.Errorf(file, fieldLine(src, "reviewed"), 1, "reviewed must be the date a person last checked the site's facts, written YYYY-MM-DD (reviewed: 2026-12-06), found %q", s.Config.Reviewed)
	}
}

// IsDate reports whether s is a calendar date written YYYY-MM-DD.
func IsDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// readOptional reads a file that may be absent (ok=false, no diagnostic when absent).
func readOptional(fsys afero.Fs, file string, diags *diag.List) ([]byte, bool) {
	info, err := fsys.Stat(file)
	if err != nil {
		return nil, false
	}
	return readText(fsys, file, info.Size(), diags)
}

// loadI18n reads the interface strings: content/i18n/LANG.yaml, plus any NAME.LANG.yaml (so that a
// feature such as the calculator can keep its strings in a file of its own).
func loadI18n(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	keyLines := map[string]map[string]string{} // lang → key → "file:line" of its definition
	files, _ := afero.Glob(fsys, dir+"/i18n/*.yaml")
	sort.Strings(files)
	for _, lang := range Languages {
		s.I18n[lang] = map[string]string{}
		keyLines[lang] = map[string]string{}
	}
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".yaml")
		lang := name[strings.LastIndexByte(name, '.')+1:]
		if langIndex(lang) == len(Languages) {
			diags.Errorf(file, 0, 0, "interface strings files are named LANG.yaml or NAME.LANG.yaml with LANG zh or en")
			continue
		}
		src, ok := readOptional(fsys, file, diags)
		if !ok {
			continue
		}
		m := s.I18n[lang]
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			line, msg := yamlErrorLine(src, err)
			diags.Errorf(file, line, 0, "not valid YAML: %s", msg)
			continue
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode {
			diags.Errorf(file, root.Line, root.Column, "expected \"key: text\" lines")
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				diags.Errorf(file, v.Line, v.Column, "%q must be a string", k.Value)
				continue
			}
			if where, dup := keyLines[lang][k.Value]; dup {
				diags.Errorf(file, k.Line, k.Column, "%q is already set at %s", k.Value, where)
				continue
			}
			m[k.Value] = v.Value
			keyLines[lang][k.Value] = file + ":" + strconv.Itoa(k.Line)
		}
	}
	if len(s.I18n["zh"]) == 0 {
		diags.Errorf(dir+"/i18n/zh.yaml", 0, 0, "missing interface strings: create it with \"key: text\" lines")
	}
	// The same keys in every language, so that no page shows a raw key.
	for _, lang := range Languages {
		for _, other := range Languages {
			if other == lang {
				continue
			}
			for k, where := range keyLines[lang] {
				if _, ok := s.I18n[other][k]; !ok {
					file, line := splitWhere(where)
					diags.Errorf(file, line, 1, "%q has no %s translation", k, other)
				}
			}
		}
	}
}

func splitWhere(where string) (string, int) {
	i := strings.LastIndexByte(where, ':')
	n := 0
	for _, r := range where[i+1:] {
		n = n*10 + int(r-'0')
	}
	return where[:i], n
}

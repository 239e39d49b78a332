package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/deploy"
	"scaleup/build/diag"
	"scaleup/build/han"
	"scaleup/build/qr"
	"scaleup/calculator"
)

// LayoutDir holds the html/template files: _base.html (the page shell, defines "base"),
// partials/*.html (shared pieces) and one file per layout that defines "main".
const LayoutDir = "templates/layouts"

// templates holds the parsed layouts of one language. Templates are parsed once per language so
// that functions such as T can be plain one-argument calls: {{T "skip"}}.
type templates struct {
	byLayout map[string]*template.Template
	env      *env
	sources  map[string]string // the text of each layout's file; "" for what every layout shares
}

// waiting returns the layouts whose templates show one of values ({{Value "key"}}): pages with
// them must be rendered after the background work that sets those values.
func (t *templates) waiting(values []string) map[string]bool {
	uses := func(src string) bool {
		for _, v := range values {
			if strings.Contains(src, "Value "+strconv.Quote(v)) {
				return true
			}
		}
		return false
	}
	out := map[string]bool{}
	for layout := range t.byLayout {
		out[layout] = uses(t.sources[""]) || uses(t.sources[layout])
	}
	return out
}

// env is what template functions read; it is filled in before pages are executed.
type env struct {
	lang    string
	strings map[string]string
	assets  map[string]string
	// integrity is the Subresource Integrity value of each asset, by the same names as assets.
	integrity map[string]string
	view      *View
}

func (e *env) funcs() template.FuncMap {
	return template.FuncMap{
		"T": func(key string) (string, error) {
			s, ok := e.strings[key]
			if !ok {
				return "", fmt.Errorf("no interface string %q: add it to content/i18n/zh.yaml and en.yaml", key)
			}
			return s, nil
		},
		"Asset": func(name string) (string, error) {
			u, ok := e.assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q: is templates/assets/css or js/%s missing?", name, strings.TrimSuffix(name, path.Ext(name)))
			}
			return u, nil
		},
		// Integrity is the value of the integrity attribute for an asset the page loads with
		// <script src> or <link rel="stylesheet">: see integrity.go.
		"Integrity": func(name string) (string, error) {
			v, ok := e.integrity[name]
			if !ok {
				return "", fmt.Errorf("no asset %q to take the integrity hash of", name)
			}
			return v, nil
		},
		"URL": func(p string) string { return content.Localize(p, e.lang) },
		"CSP": func() string { return MetaCSP },
		// Value is what a stage gives the templates, such as the search index's root file.
		"Value": func(key string) (string, error) {
			v, ok := e.view.values[key]
			if !ok {
				return "", fmt.Errorf("no value %q: no stage of this build sets it", key)
			}
			return v, nil
		},
		// langText escapes s and, on English pages, marks its Chinese runs with lang, as the
		// Markdown renderer does for body text (headings shown in a table of contents, say).
		"langText": func(s string) template.HTML { return langText(s, e.lang) },
		"navItem": func(d *PageData, p, key string) navItem {
			cur := d.Page.Path == p || p != "/" && strings.HasPrefix(d.Page.Path, p)
			return navItem{URL: content.Localize(p, e.lang), Label: e.strings[key], Current: cur}
		},
		// printURL is the absolute URL to print on paper or a slide, or "" while the base URL
		// is a placeholder: printed material then shows no address and no QR code.
		"printURL": func(p string) string {
			if e.view.PrintBase == "" {
				return ""
			}
			return e.view.PrintBase + p
		},
		"abs":  func(p string) string { return e.view.BaseURL + p },
		"date": func(iso string) string { return FormatDate(iso, e.lang) },
		"text": func(t content.Text) string { return t.In(e.lang) },
		// doc is the policy document with the id its document.yaml gives ({{(doc "demo-rules-2027").Article 8}}).
		"doc": func(id string) (*DocView, error) {
			if d := e.view.Doc(id); d != nil {
				return d, nil
			}
			return nil, fmt.Errorf("no policy document %q: ids are in each content/…/document.yaml", id)
		},
		"dept": func(id string) *DeptView {
			for i := range e.view.Departments {
				if e.view.Departments[i].ID == id {
					return &e.view.Departments[i]
				}
			}
			return nil
		},
		"yuan":   func(n int64) string { return FormatYuan(n, e.lang) },
		"money":  func(f calculator.Fen) string { return FormatFen(f, e.lang) },
		"yuanOf": func(f calculator.Fen) string { return f.String() },
		"explain": func(t calculator.Text) string {
			if e.lang == "en" {
				return t.EN
			}
			return t.ZH
		},
		// article is the page of article n of the document with id policy, as the rule core's
		// entries name them ({{with article $out.Policy .Article}}); nil for none.
		"article": func(policy string, n int) *ArticleLink {
			if d := e.view.Doc(policy); d != nil {
				return d.Article(n)
			}
			return nil
		},
		// headingText returns the text of the heading with id on the page at path, so that a
		// link can carry the target's own title instead of a copy that could drift.
		"headingText": func(path, id string) (string, error) {
			if p := e.view.PageAt(path); p != nil {
				for _, h := range p.Headings {
					if h.ID == id {
						return h.Text, nil
					}
				}
			}
			return "", fmt.Errorf("no heading #%s on %s", id, path)
		},
		"page": func(path string) (*content.Page, error) {
			if p := e.view.PageAt(path); p != nil {
				return p, nil
			}
			return nil, fmt.Errorf("no page %s in %s", path, e.lang)
		},
		// The training material (handout, slides): a QR code as inline SVG, ids made unique when
		// several rendered pages share one page, and figures in a given language for the
		// bilingual handout.
		"qr": func(url string) (template.HTML, error) {
			svg, err := qr.SVG(url)
			return template.HTML(svg), err
		},
		"scopeIDs": ScopeIDs,
		"moneyIn":  func(lang string, f calculator.Fen) string { return FormatFen(f, lang) },
		"yuanIn":   func(lang string, n int64) string { return FormatYuan(n, lang) },
		// articleLabelIn labels article n of document policy in lang, for the bilingual handout.
		"articleLabelIn": func(lang, policy string, n int) string {
			if d := e.view.Doc(policy); d != nil && n > 0 {
				return d.ArticleLabel(n, lang)
			}
			return ""
		},
		// itemName names a cash or saving item of the rule core ("entry" → 入规奖励) with the
		// calculator's own label, so slides and handout say what each amount is.
		"itemName": func(id string) (string, error) {
			s, ok := e.strings["calc.item."+id]
			if !ok {
				return "", fmt.Errorf("no interface string %q for the rule core's item %q: add it to content/i18n/calculator.*.yaml", "calc.item."+id, id)
			}
			return s, nil
		},
		// chunks splits items into runs of at most n, for lists that continue on another slide.
		"chunks": func(n int, items []calculator.Item) [][]calculator.Item {
			var out [][]calculator.Item
			for len(items) > n {
				out = append(out, items[:n])
				items = items[n:]
			}
			return append(out, items)
		},
		"hrefLang": HrefLang,
		"lower":    strings.ToLower,
		"add":      func(a, b int) int { return a + b },
		"join":     strings.Join,
	}
}

func langText(s, lang string) template.HTML {
	if lang != "en" {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	for {
		start, end := han.ChineseRun(s)
		if start < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			return template.HTML(b.String())
		}
		b.WriteString(template.HTMLEscapeString(s[:start]))
		b.WriteString(`<span lang="zh-Hans">` + template.HTMLEscapeString(s[start:end]) + `</span>`)
		s = s[end:]
	}
}

type navItem struct {
	URL, Label string
	Current    bool
}

// MetaCSP is the site's Content-Security-Policy as a <meta> tag can carry it: the same policy the
// server sends, minus frame-ancestors, which browsers ignore (and complain about) in a meta tag.
var MetaCSP = func() string {
	var keep []string
	for _, d := range strings.Split(deploy.CSP, ";") {
		d = strings.TrimSpace(d)
		if d != "" && !strings.HasPrefix(d, "frame-ancestors") {
			keep = append(keep, d)
		}
	}
	return strings.Join(keep, "; ")
}()

// FormatDate writes a YYYY-MM-DD date for readers: "2026年12月6日", "6 December 2026". Text that
// is not such a date is returned as it is.
func FormatDate(iso string, lang string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	if lang == "zh" {
		return t.Format("2006年1月2日")
	}
	return t.Format("2 January 2006")
}

// FormatYuan writes an amount the way each language reads it: "20万元" in Chinese when it is a
// whole number of 万, "200,000 yuan" in English.
func FormatYuan(n int64, lang string) string {
	if lang == "zh" {
		if n%10000 == 0 && n != 0 {
			return strconv.FormatInt(n/10000, 10) + "万元"
		}
		return groupDigits(n) + "元"
	}
	return groupDigits(n) + " yuan"
}

// FormatFen writes an amount in fen as yuan, with two decimals only when there are fen.
func FormatFen(f calculator.Fen, lang string) string {
	n := int64(f)
	if n%100 == 0 {
		return FormatYuan(n/100, lang)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	s := groupDigits(n/100) + "." + strconv.FormatInt(100+n%100, 10)[1:]
	if neg {
		s = "-" + s
	}
	if lang == "zh" {
		return s + "元"
	}
	return s + " yuan"
}

func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// loadTemplates parses the layouts for one language.
func loadTemplates(fsys afero.Fs, e *env, diags *diag.List) *templates {
	t := &templates{byLayout: map[string]*template.Template{}, env: e, sources: map[string]string{}}
	base := template.New("").Funcs(e.funcs())
	src, ok := parseFile(fsys, base, LayoutDir+"/_base.html", diags)
	if !ok {
		return t
	}
	t.sources[""] = src
	partials, _ := afero.Glob(fsys, LayoutDir+"/partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		src, _ := parseFile(fsys, base, p, diags)
		t.sources[""] += src
	}
	files, _ := afero.Glob(fsys, LayoutDir+"/*.html")
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			diags.Errorf(f, 0, 0, "%v", err)
			continue
		}
		if src, ok := parseFile(fsys, clone, f, diags); ok {
			t.byLayout[name] = clone
			t.sources[name] = src
		}
	}
	return t
}

// parseFile adds the templates of file to t and returns its text.
func parseFile(fsys afero.Fs, t *template.Template, file string, diags *diag.List) (string, bool) {
	src, err := afero.ReadFile(fsys, file)
	if err != nil {
		diags.Errorf(file, 0, 0, "cannot read template: %v", err)
		return "", false
	}
	if _, err := t.New(file).Parse(string(src)); err != nil {
		addTemplateError(diags, file, err)
		return "", false
	}
	return string(src), true
}

// html/template errors say "template: FILE:LINE:COL: message" or "template: FILE:LINE: message".
var templateErr = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

func addTemplateError(diags *diag.List, fallback string, err error) {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		diags.Errorf(m[1], line, col, "%s", m[4])
		return
	}
	diags.Errorf(fallback, 0, 0, "%s", msg)
}

// execute renders one page with its layout.
func (t *templates) execute(data *PageData, diags *diag.List) []byte {
	p := data.Page
	pageFile, layout := p.File, p.Front.Layout
	tpl := t.byLayout[layout]
	if tpl == nil {
		line := max(p.Lines["layout"], 1)
		names := make([]string, 0, len(t.byLayout))
		for name := range t.byLayout {
			names = append(names, name)
		}
		sort.Strings(names)
		diags.Errorf(pageFile, line, 1, "unknown layout %q: there is no %s/%s.html (layouts: %s)", layout, LayoutDir, layout, strings.Join(names, ", "))
		return nil
	}
	b := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(b)
	b.Reset()
	if err := tpl.ExecuteTemplate(b, "base", data); err != nil {
		addTemplateError(diags, pageFile, fmt.Errorf("%w (rendering %s)", err, pageFile))
		return nil
	}
	return bytes.Clone(b.Bytes())
}

// pageBuffers are reused from page to page: growing a new buffer for each page, doubling from
// nothing, cost more than executing the templates.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

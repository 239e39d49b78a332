package e2e

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"scaleup/build/browsertest"
)

// Accessibility checks of the built site: axe-core on every page type in both languages at the
// desktop and the phone width, and the lang attribute on every run of the other language.

// axeNamedPages are the page types the issue names, as Chinese paths; each is also checked
// under /en/. A page the build does not make is left out (with a note in the log), and any
// layout none of them uses is added from the built files (see axePages).
var axeNamedPages = []string{
	"/", "/policy/", "/policy/08-social-insurance/", "/benefits/", "/glossary/", "/departments/",
	"/departments/sme-centre/", "/faq/", "/status/", "/about/", "/calculator/", "/search/", "/404.html",
}

// searchQueries are typed into the search page's address, so axe sees a page of results.
var searchQueries = map[bool]string{false: "社保补贴", true: "social insurance"}

// axePages returns the pages TestAxe checks: the named page types in both languages, then the
// first page of every other layout the build produced, in each language.
func axePages(t testing.TB) []string {
	t.Helper()
	built := builtPages(t)
	byPath := map[string]builtPage{}
	for _, p := range built {
		byPath[p.Path] = p
	}
	var paths []string
	covered := map[string]bool{} // "en layout-clause"
	add := func(p builtPage) {
		path := p.Path
		if p.Layout == "layout-search" {
			path += "?q=" + searchQueries[isEnglish(path)]
		}
		paths = append(paths, path)
		covered[fmt.Sprint(isEnglish(p.Path), p.Layout)] = true
	}
	for _, prefix := range []string{"", "/en"} {
		for _, path := range axeNamedPages {
			p, ok := byPath[prefix+path]
			if !ok {
				t.Logf("%s is not in the built site; not checked", prefix+path)
				continue
			}
			add(p)
		}
	}
	for _, p := range built {
		if p.Layout != "" && !covered[fmt.Sprint(isEnglish(p.Path), p.Layout)] {
			add(p)
		}
	}
	return paths
}

// TestAxe runs axe-core with the WCAG 2.0/2.1 A and AA rules on every page type in both
// languages, at 1280 px and at 320 px (the phone layout hides and shows other things), after
// the page's scripts have done their first work. Zero violations, except those on the
// allow-list in axe.go.
func TestAxe(t *testing.T) {
	src, err := loadAxe("../..")
	if errors.Is(err, errNoAxe) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	base := serveSite(t)
	pages := axePages(t)
	tab := browsertest.New(t).Tab(t)
	seen := map[string]bool{}
	for _, path := range pages {
		// Each page is loaded once at the desktop width and checked, then narrowed to a phone
		// and checked again: the media queries apply at once, and loading it twice would only
		// double the time.
		tab.SetViewport(t, browsertest.WindowWidth, 800, false)
		tab.Navigate(t, base+path)
		state := waitAlive(t, tab)
		tab.Run(t, chromedp.Evaluate[chromedp.Void](src))
		for _, width := range []int64{browsertest.WindowWidth, browsertest.MobileWidth} {
			if width == browsertest.MobileWidth {
				tab.SetViewport(t, width, 800, true)
			}
			for _, v := range runAxe(t, tab) {
				if isKnownViolation(v.ID, path) {
					seen[v.ID+" "+path] = true
					t.Logf("%s at %d px: known violation (allow-list in axe.go): %s", path, width, v.ID)
					continue
				}
				t.Errorf("%s at %d px (%s): %s", path, width, state, v)
			}
		}
	}
	for _, k := range knownViolations {
		if k.Page != "*" && !seen[k.Rule+" "+k.Page] {
			t.Logf("allow-list entry %s on %s no longer occurs: remove it from axe.go", k.Rule, k.Page)
		}
	}
	t.Logf("axe-core %s: %d pages at %d and %d px", AxeVersion, len(pages), browsertest.WindowWidth, browsertest.MobileWidth)
}

// runAxe runs axe-core, already injected, on the tab's page and returns the violations.
func runAxe(t testing.TB, tab *browsertest.Tab) []axeViolation {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[[]axeViolation](axeRunScript, chromedp.EvalAwaitPromise))
}

// TestAxeFindsDefects makes sure the harness reports what axe finds: a page spoiled on purpose
// with an image without alt text, an empty button and grey text on white must fail three rules.
func TestAxeFindsDefects(t *testing.T) {
	src, err := loadAxe("../..")
	if errors.Is(err, errNoAxe) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/about/")
	tab.Run(t, chromedp.Evaluate[chromedp.Void](`(() => {
		const main = document.getElementById("main");
		main.insertAdjacentHTML("beforeend",
			'<img src="/favicon.svg" width="16" height="16"><button type="button"></button><p id="faint">faint</p>');
		// Through the CSSOM: the CSP (style-src 'self') blocks style attributes in markup.
		const faint = document.getElementById("faint");
		faint.style.color = "#bbb";
		faint.style.background = "#fff";
	})()`))
	tab.Run(t, chromedp.Evaluate[chromedp.Void](src))
	found := map[string]bool{}
	for _, v := range runAxe(t, tab) {
		found[v.ID] = true
	}
	for _, rule := range []string{"image-alt", "button-name", "color-contrast"} {
		if !found[rule] {
			t.Errorf("axe did not report %s on a page made to fail it; found %v", rule, found)
		}
	}
}

// The parts of the other language that need no lang attribute on an English page: the
// numbers of official documents (晋市政办〔2021〕35号, quoted as identifiers), clause labels and
// the yuan sign. Addresses, e-mail addresses and the {placeholders} of
// interface strings filled in by scripts are not words of either language.
var (
	docNumber   = regexp.MustCompile(`\p{Han}+〔\d+〕\d+号`)
	clauseLabel = regexp.MustCompile(`[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、`)
	notWords    = regexp.MustCompile(`[a-z]+://\S+|[\w.+-]+@[\w.-]+|\{\w+\}`)
	hanRun      = regexp.MustCompile(`[\p{Han}][\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]*`)
)

// foreignRuns returns the parts of text that are in the other language than lang (the
// language in effect for the text, "zh-Hans" or "en") and so need an element with its own
// lang around them: the runs of Chinese characters of an English text, or the whole of a
// Chinese page's text that is mostly English words.
func foreignRuns(text, lang string) []string {
	text = notWords.ReplaceAllString(text, " ")
	switch {
	case strings.HasPrefix(lang, "en"):
		rest := docNumber.ReplaceAllString(text, " ")
		rest = clauseLabel.ReplaceAllString(rest, " ")
		rest = strings.ReplaceAll(rest, "元", " ")
		return hanRun.FindAllString(rest, -1)
	case strings.HasPrefix(lang, "zh"):
		if mostlyLatinWords(text) {
			return []string{strings.TrimSpace(text)}
		}
	}
	return nil
}

// mostlyLatinWords reports whether text is mostly English: more than half as many Latin words
// as Chinese characters (an English word takes about as long to say as two characters), among
// them one of three letters or more with a lower-case letter: "English", "Scale-Up Guide".
// Upper-case abbreviations (GDP, VAT) and a Chinese sentence that names a few keys or products
// (用方向键、PageUp/PageDown 翻页) are left alone.
func mostlyLatinWords(text string) bool {
	han := 0
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.Is(unicode.Latin, r) })
	if 2*len(words) <= han {
		return false
	}
	for _, w := range words {
		if len([]rune(w)) >= 3 && strings.ToUpper(w) != w {
			return true
		}
	}
	return false
}

// langOffender is a text of the other language without the lang attribute it needs.
type langOffender struct {
	Where string // the element holding the text: "p#p1", "dd", "a.lang-switch"
	Run   string // the part in the other language
	Text  string // the text around it, cut short
}

func (o langOffender) String() string {
	return fmt.Sprintf("<%s> %q needs lang (in %q)", o.Where, o.Run, o.Text)
}

// langOffenders walks a parsed page and returns every text of the other language that is not
// inside an element with the right lang.
func langOffenders(doc *html.Node) []langOffender {
	var out []langOffender
	var walk func(n *html.Node, lang, where string)
	walk = func(n *html.Node, lang, where string) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template":
				return
			case "noscript":
				// Parsed as a scripting browser would: its content is raw markup, not text.
				if n.FirstChild != nil && n.FirstChild.Type == html.TextNode && strings.HasPrefix(strings.TrimSpace(n.FirstChild.Data), "<") {
					return
				}
			}
			where = n.Data
			for _, a := range n.Attr {
				switch {
				case a.Key == "lang":
					lang = a.Val
				case a.Key == "id":
					where += "#" + a.Val
				case a.Key == "class" && a.Val != "":
					where += "." + strings.Join(strings.Fields(a.Val), ".")
				}
			}
		}
		if n.Type == html.TextNode {
			text := strings.Join(strings.Fields(n.Data), " ")
			short := text
			if r := []rune(text); len(r) > 60 {
				short = string(r[:60]) + "…"
			}
			for _, run := range foreignRuns(text, lang) {
				out = append(out, langOffender{Where: where, Run: run, Text: short})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, lang, where)
		}
	}
	walk(doc, "", "")
	return out
}

func TestForeignRunRules(t *testing.T) {
	tests := []struct {
		text, lang string
		bad        bool
	}{
		{"English", "zh-Hans", true},
		{"Scale-Up Guide", "zh-Hans", true},
		{"GDP", "zh-Hans", false},
		{"规上工业企业（VAT）", "zh-Hans", false},
		{"2021年", "zh-Hans", false},
		{"Ministry of Finance 财政部", "zh-Hans", true},
		{"简体中文", "en", true},
		{"Document 晋市政办〔2021〕35号", "en", false},
		{"(八) Social insurance", "en", false},
		{"Clause （八）", "en", false},
		{"500,000 元", "en", false},
		{"Social insurance", "en", false},
		{"社保", "zh-Hans", false},
		{"用方向键、PageUp/PageDown、空格、Home/End 翻页；Esc 退出。", "zh-Hans", false},
		{"https://scaleup.example.org/policy/", "zh-Hans", false},
		{"{year}年", "zh-Hans", false},
		{"first upgrade (小升规) of", "en", true},
		{"see 财社〔2023〕181号", "en", false},
	}
	for _, tt := range tests {
		if got := len(foreignRuns(tt.text, tt.lang)) > 0; got != tt.bad {
			t.Errorf("foreignRuns(%q, %q) flags it: %v, want %v", tt.text, tt.lang, got, tt.bad)
		}
	}
}

// TestOtherLanguageMarked reads every built page: on a Chinese page, a run of English words
// (the language switch's "English", an English name) must carry lang="en" or sit inside an
// element that does, and on an English page a run of Chinese must carry lang="zh-Hans", so a
// screen reader speaks each in its own voice (WCAG 3.1.2). Numbers, clause labels, 元 and the
// document's number are allowed without it.
func TestOtherLanguageMarked(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range builtPages(t) {
		f, err := os.Open(p.File)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p.File, err)
		}
		for _, o := range langOffenders(doc) {
			if isKnownLangRun(o.Run, p.Path) {
				seen[o.Run] = true
				continue
			}
			t.Errorf("%s: %s", p.Path, o)
		}
	}
	for _, k := range knownLangRuns {
		if seen[k.Run] {
			t.Logf("known, not fixed yet (allow-list in axe.go): %q on %s*: %s", k.Run, k.Pages, k.Reason)
		} else {
			t.Logf("allow-list entry %q no longer occurs: remove it from axe.go", k.Run)
		}
	}
}

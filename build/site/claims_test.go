package site

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"scaleup/build/content"
)

// TestEveryAmountIsClaimed: every amount or duration stated on the FAQ, the glossary, the benefits
// page and in the clause notes (both languages) lies inside a quote of content/data/claims.yaml,
// so that the build checks it against the rule core (or the claim says why the core cannot). A
// new sentence with a number fails here until it is tied to a scenario.
func TestEveryAmountIsClaimed(t *testing.T) {
	files := realBuild(t)
	quotes := map[string][]string{} // page URL → normalized quotes
	for _, c := range realSite.Data.Claims {
		for _, lang := range content.Languages {
			u := content.Localize(c.Page, lang)
			quotes[u] = append(quotes[u], Normalize(c.Quote.In(lang)))
		}
	}
	var pages []string
	for _, p := range []string{"/faq/", "/glossary/", "/benefits/"} {
		pages = append(pages, p)
	}
	for _, p := range realSite.Pages {
		if p.Lang == "zh" && p.Front.Layout == "clause" && p.Front.Note != "" {
			pages = append(pages, p.Path)
		}
	}
	checked := 0
	for _, p := range pages {
		for _, lang := range content.Languages {
			u := content.Localize(p, lang)
			data := files[strings.TrimPrefix(u, "/")+"index.html"]
			if data == nil {
				t.Fatalf("no page %s", u)
			}
			onlyNote := strings.HasPrefix(p, "/policy/")
			for _, block := range statementBlocks(data, onlyNote) {
				for _, m := range amountsIn(block, lang) {
					checked++
					if !covered(block, m, quotes[u]) {
						t.Errorf("%s: %q is not in any quote of content/data/claims.yaml:\n  %s", u, block[m[0]:m[1]], block)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d amounts found on the checked pages: is the scan still reading them?", checked)
	}
	t.Logf("%d amounts on %d pages, each inside a claim", checked, 2*len(pages))
}

var (
	zhAmount = regexp.MustCompile(`\d[\d,，.]*(万元|亿元|元|%|个月)|\d{1,2}年`)
	enAmount = regexp.MustCompile(`\d[\d,.]*(millionyuan|yuan|%|months?|consecutiveyears?|years?)`)
)

// amountsIn finds amounts in a normalized block: money, percentages, months, and durations in
// years ("3年", "3years"; not calendar years such as 2022年).
func amountsIn(block, lang string) [][]int {
	re := zhAmount
	if lang == "en" {
		re = enAmount
	}
	var out [][]int
	for _, m := range re.FindAllStringIndex(block, -1) {
		if m[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(block[:m[0]]); r >= '0' && r <= '9' || r == '.' {
				continue // the tail of a longer number: a calendar year
			}
		}
		if strings.HasSuffix(block[m[0]:m[1]], "年") && m[1]-m[0] > len("99年") {
			continue
		}
		out = append(out, m)
	}
	return out
}

func covered(block string, m []int, quotes []string) bool {
	for _, q := range quotes {
		for from := 0; ; {
			i := strings.Index(block[from:], q)
			if i < 0 {
				break
			}
			i += from
			if i <= m[0] && m[1] <= i+len(q) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// statementBlocks returns the normalized text of each paragraph, list item, definition and table
// row of a page's main content, leaving out headings, navigation and the terms of definition
// lists (names, not statements); with onlyNote, only inside the clause page's note.
func statementBlocks(page []byte, onlyNote bool) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	var blocks []string
	var stack []*strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		block := false
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "thead":
				return
			case "main":
				in = in || !onlyNote
			case "aside":
				for _, a := range n.Attr {
					if a.Key == "class" && strings.Contains(" "+a.Val+" ", " note ") {
						in = true
					}
				}
			case "p", "li", "dd", "tr":
				block = in
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" {
					return
				}
			}
		}
		if block {
			stack = append(stack, &strings.Builder{})
		}
		if n.Type == html.TextNode && in && len(stack) > 0 {
			stack[len(stack)-1].WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
		if block {
			if t := Normalize(stack[len(stack)-1].String()); t != "" {
				blocks = append(blocks, t)
			}
			stack = stack[:len(stack)-1]
		}
	}
	walk(doc, false)
	return blocks
}

// TestClaimsFailTheBuild: a claim whose quote is not on the page, or whose figures the rule core
// does not give, fails the build with the claim's line; a true one passes.
func TestClaimsFailTheBuild(t *testing.T) {
	const good = "- page: /policy/one/\n" +
		"  quote: {zh: 给予奖励, en: upgrade get a reward}\n" +
		"  cases:\n" +
		"    - input: {firstEntryYear: 2022, revenue: 26000000, lastYearInDirectory: 2023}\n" +
		"      expect: {total: 300000, items: {retention2 2023: 100000}, failed: ['四:lastYearInDirectory']}\n"
	tests := []struct{ name, claims, want string }{
		{"true claim", good, ""},
		{"quote not on the page", strings.Replace(good, "给予奖励", "给予40万元奖励", 1),
			`content/data/claims.yaml:1: claim: /policy/one/ does not say (any more): "给予40万元奖励"`},
		{"English quote not on the page", strings.Replace(good, "upgrade get a reward", "upgrade get a big reward", 1),
			`content/data/claims.yaml:1: claim: /en/policy/one/ does not say (any more): "upgrade get a big reward"`},
		{"wrong total", strings.Replace(good, "total: 300000", "total: 400000", 1),
			`content/data/claims.yaml:4: claim "给予奖励": the rule core gives total 300000, the statement 400000`},
		{"wrong year", strings.Replace(good, "retention2 2023", "retention2 2024", 1),
			`the rule core gives items "retention2 2024" 0, the statement 100000`},
		{"condition not failed", strings.Replace(good, "lastYearInDirectory: 2023}", "lastYearInDirectory: 2024}", 1),
			"the rule core does not fail 四:lastYearInDirectory"},
		{"bad input", strings.Replace(good, "revenue: 26000000", "revenu: 26000000", 1),
			"input: revenu: unknown field (check the spelling)"},
		{"neither cases nor unchecked", "- page: /policy/one/\n  quote: {zh: 给予奖励, en: upgrade get a reward}\n",
			`content/data/claims.yaml:1: claim "/policy/one/": give cases`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, "basic", map[string]string{"content/data/claims.yaml": tt.claims})
			_, err := build(t, fsys, true)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("a true claim fails the build:\n%v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("build error %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

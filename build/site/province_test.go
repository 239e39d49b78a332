package site

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The provincial fund rules (晋财规建〔2025〕1号) are a document the site holds no copy of: it may
// say about them only what shared/policy/sx-2025-fund.md records. These are the figures that file
// gives for what the rules pay an enterprise, and their dates and number.
var (
	provinceYuan    = map[int64]bool{300_000: true, 390_000: true, 500_000: true}
	provincePercent = map[string]bool{"30": true}
	// Issued, in force, and the day the People's Daily reported it; the site's reviewed date is
	// allowed too (status lines say when they were checked).
	provinceDates = map[string]bool{"2025-04-29": true, "2025-06-01": true, "2025-05-19": true}
)

var (
	zhMoney   = regexp.MustCompile(`(\d[\d,，]*(?:\.\d+)?)(万元|亿元|元)`)
	enMoney   = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?) ?(million yuan|yuan)`)
	percent   = regexp.MustCompile(`(\d+(?:\.\d+)?) ?[%％]`)
	zhDate    = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
	isoDate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	enDate    = regexp.MustCompile(`\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b`)
	zhNumber  = regexp.MustCompile(`晋财规建〔(\d+)〕(\d+)号`)
	enNumber  = regexp.MustCompile(`Jin Cai Gui Jian \[(\d+)\] No\. ?(\d+)`)
	enMonths  = "January February March April May June July August September October November December"
	provWords = regexp.MustCompile(`省级|(?i)provincial|Shanxi province`)
)

// provincialBlock is one statement of a page that is about the provincial rules.
type provincialBlock struct{ text, why string }

// provincialBlocks returns the statements of a page (paragraphs, list items, table rows and
// captions, definitions, headings, the title and the description) that are about the provincial
// rules: every statement of the document's own pages, every one inside an element marked with
// its id (data-doc, data-policy), every one that names it (number, title, citation), and every
// sentence elsewhere that speaks of the province ("省级", "provincial"). The text of the city's
// policy itself (data-policy-text on its pages) is the city's, quoted verbatim, and is left out.
func provincialBlocks(page []byte, ownPage bool, names []string) []provincialBlock {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	var out []provincialBlock
	add := func(text, why string) {
		text = strings.Join(strings.Fields(text), " ")
		if text == "" {
			return
		}
		switch {
		case why != "":
		case ownPage:
			why = "a page of the document"
		default:
			for _, n := range names {
				if strings.Contains(text, n) {
					why = "names " + n
					break
				}
			}
			if why == "" {
				// A statement about the city may mention the province in passing: only the
				// sentences that do are the province's.
				for _, sentence := range sentences.Split(text, -1) {
					if provWords.MatchString(sentence) {
						out = append(out, provincialBlock{sentence, "speaks of the province"})
					}
				}
				return
			}
		}
		out = append(out, provincialBlock{text, why})
	}
	var walk func(n *html.Node, marked string, cityText bool)
	walk = func(n *html.Node, marked string, cityText bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if _, hidden := attr["hidden"]; hidden {
				return
			}
			switch n.Data {
			case "script", "style", "template":
				return
			case "title":
				add(textOf(n), "")
				return
			case "meta":
				if attr["name"] == "description" {
					add(attr["content"], "")
				}
			}
			if attr["data-doc"] == "jcgj-2025-1" || attr["data-policy"] == "jcgj-2025-1" {
				marked = "marked as the provincial document's"
			}
			if _, ok := attr["data-policy-text"]; ok && !ownPage {
				cityText = true
			}
			switch n.Data {
			case "p", "li", "dd", "dt", "tr", "caption", "h1", "h2", "h3", "h4", "figcaption":
				// The innermost statement: a definition made of paragraphs is its paragraphs.
				if !cityText && !holdsBlocks(n) {
					add(textOf(n), marked)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, marked, cityText)
		}
	}
	walk(doc, "", false)
	return out
}

var sentences = regexp.MustCompile(`[。；！？]|[.;!?] `)

// holdsBlocks reports whether n contains an element that is a statement of its own.
func holdsBlocks(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "p", "li", "dd", "dt", "tr", "ul", "ol", "dl", "table", "div", "section":
				return true
			}
			if holdsBlocks(c) {
				return true
			}
		}
	}
	return false
}

// provincialProblems checks one statement against the fact sheet: its amounts, percentages, dates
// and document numbers must be the ones the fact sheet gives the provincial rules.
func provincialProblems(text, reviewed string) []string {
	var bad []string
	for _, m := range zhMoney.FindAllStringSubmatch(text, -1) {
		if !provinceYuan[yuanOf(m[1], m[2])] {
			bad = append(bad, "amount "+m[0])
		}
	}
	for _, m := range enMoney.FindAllStringSubmatch(text, -1) {
		if !provinceYuan[yuanOf(m[1], m[2])] {
			bad = append(bad, "amount "+m[0])
		}
	}
	for _, m := range percent.FindAllStringSubmatch(text, -1) {
		if !provincePercent[m[1]] {
			bad = append(bad, "percentage "+m[0])
		}
	}
	dates := func(re *regexp.Regexp, iso func(m []string) string) {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			if d := iso(m); !provinceDates[d] && d != reviewed {
				bad = append(bad, "date "+m[0])
			}
		}
	}
	two := func(s string) string { return strings.Repeat("0", 2-len(s)) + s }
	dates(zhDate, func(m []string) string { return m[1] + "-" + two(m[2]) + "-" + two(m[3]) })
	dates(isoDate, func(m []string) string { return m[0] })
	dates(enDate, func(m []string) string {
		month := ""
		for i, name := range strings.Fields(enMonths) {
			if name == m[2] {
				month = strconv.Itoa(i + 1)
			}
		}
		return m[3] + "-" + two(month) + "-" + two(m[1])
	})
	for _, m := range zhNumber.FindAllStringSubmatch(text, -1) {
		if m[1] != "2025" || m[2] != "1" {
			bad = append(bad, "document number "+m[0])
		}
	}
	for _, m := range enNumber.FindAllStringSubmatch(text, -1) {
		if m[1] != "2025" || m[2] != "1" {
			bad = append(bad, "document number "+m[0])
		}
	}
	return bad
}

// yuanOf reads "30" "万元", "390,000" "yuan", "0.5" "million yuan" as yuan.
func yuanOf(num, unit string) int64 {
	f, err := strconv.ParseFloat(strings.NewReplacer(",", "", "，", "").Replace(num), 64)
	if err != nil {
		return -1
	}
	switch unit {
	case "万元":
		f *= 10_000
	case "亿元":
		f *= 100_000_000
	case "million yuan":
		f *= 1_000_000
	}
	return int64(f + 0.5)
}

// TestProvincialStatements: every statement about the provincial rules on every page of the site,
// in Chinese and in English, gives only the fact sheet's figures (300,000, 390,000 and 500,000 yuan,
// 30%), dates (2025-04-29, 2025-06-01) and number (晋财规建〔2025〕1号); any other amount stated
// for the province fails. The site must also state each of them somewhere.
func TestProvincialStatements(t *testing.T) {
	files := realBuild(t)
	doc := realSite.Document("jcgj-2025-1")
	if doc == nil {
		t.Fatal("no document jcgj-2025-1")
	}
	var names []string
	for _, n := range []string{doc.Number.Zh, doc.Number.En, doc.Title.Zh, doc.Title.En, doc.ShortTitle.Zh, doc.ShortTitle.En, doc.Citation.Zh, doc.Citation.En} {
		names = append(names, strings.Join(strings.Fields(n), " "))
	}
	var paths []string
	for p := range files {
		if strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "assets/") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	seen := map[string]int{}
	blocks := 0
	for _, p := range paths {
		own := strings.HasPrefix(p, "province/") || strings.HasPrefix(p, "en/province/")
		for _, b := range provincialBlocks(files[p], own, names) {
			blocks++
			for _, problem := range provincialProblems(b.text, realSite.Config.Reviewed) {
				t.Errorf("%s: %s, not a figure the fact sheet gives the provincial rules (the block %s):\n  %s", p, problem, b.why, b.text)
			}
			for _, want := range []string{"30万元", "300,000 yuan", "39万元", "390,000 yuan", "50万元", "500,000 yuan", "30%",
				"2025年6月1日", "1 June 2025", "2025年4月29日", "29 April 2025", "晋财规建〔2025〕1号", "Jin Cai Gui Jian [2025] No. 1"} {
				if strings.Contains(b.text, want) {
					seen[want]++
				}
			}
		}
	}
	for _, want := range []string{"30万元", "300,000 yuan", "39万元", "390,000 yuan", "50万元", "500,000 yuan", "30%",
		"2025年6月1日", "1 June 2025", "2025年4月29日", "29 April 2025", "晋财规建〔2025〕1号", "Jin Cai Gui Jian [2025] No. 1"} {
		if seen[want] == 0 {
			t.Errorf("no provincial statement says %s", want)
		}
	}
	if blocks < 100 {
		t.Errorf("only %d provincial statements found: is the scan still reading them?", blocks)
	}
	t.Logf("%d provincial statements on %d pages checked", blocks, len(paths))
}

// TestProvincialStatementsCheck: the check itself fails on another amount, percentage, date or
// number, in either language, and passes the fact sheet's own.
func TestProvincialStatementsCheck(t *testing.T) {
	for _, c := range []struct {
		text string
		bad  bool
	}{
		{"省级专项资金每户奖励30万元，战略性新兴产业上浮30%，即39万元。", false},
		{"一次性奖励50万元（晋财规建〔2025〕1号，2025年6月1日起施行）", false},
		{"receives 300,000 yuan; 390,000 yuan; 500,000 yuan once; in force from 1 June 2025, dated 29 April 2025", false},
		{"状态：已施行（本站核对于2026年12月6日）", false},
		{"省级奖励每户20万元", true},
		{"上浮35%", true},
		{"首次入统30万元，连续2年未退出5万元", true},
		{"provincial reward of 200,000 yuan", true},
		{"in force from 1 July 2025", true},
		{"自2025年7月1日起施行", true},
		{"晋财规建〔2024〕1号", true},
		{"Jin Cai Gui Jian [2025] No. 2", true},
		{"0.3 million yuan", false},
	} {
		if got := len(provincialProblems(c.text, "2026-12-06")) > 0; got != c.bad {
			t.Errorf("%q: problems found = %v, want %v (%q)", c.text, got, c.bad, provincialProblems(c.text, "2026-12-06"))
		}
	}
	page := []byte(`<html><head><title>x</title></head><body><main>
<p>市级奖励20万元。</p><p>省级奖励每户20万元。</p>
<table data-doc="jcgj-2025-1"><tr><td>奖励</td><td>25万元</td></tr></table>
<div data-policy-text><p>申报市级、省级科技计划，一次性奖励30万元</p></div>
<p>See Jin Cai Gui Jian [2025] No. 1: 100,000 yuan.</p></main></body></html>`)
	var got []string
	for _, b := range provincialBlocks(page, false, []string{"Jin Cai Gui Jian [2025] No. 1"}) {
		got = append(got, b.text)
	}
	want := "省级奖励每户20万元|奖励25万元|See Jin Cai Gui Jian [2025] No. 1: 100,000 yuan."
	if strings.Join(got, "|") != want {
		t.Errorf("provincial blocks of a made-up page:\n got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

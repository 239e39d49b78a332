package search

import (
	"fmt"
	"strings"
	"testing"
)

// rankingCase is a made-up site where one page must outrank another for one reason only: each
// case pins one weight or term of the score (score.go, and score.ts through TestTypeScript) by
// its effect. Pages are made with en and zh, which pad every field to the same length, so that
// BM25's length normalisation is the same on every page and only where the query's words are
// (and how often) makes a difference. Where the wanted order would come out anyway from a tie
// (pages of equal score are listed in URL order), the page that must win has the later URL, so
// that a change which makes the two equal fails too.
type rankingCase struct {
	name string // the term of the score the case pins, and how
	lang string
	docs []Doc
	syn  [][]string
	q    string
	want []string // every result, in order
}

// Field lengths, in slots, of the pages of the ranking cases.
const (
	titleLen   = 4
	headingLen = 4
	termLen    = 2
	bodyLen    = 16
)

// en returns an English page whose fields hold the given words, padded with a filler word to
// the common lengths (a text already longer stays as it is).
func en(url, title, heading, term, body string) Doc {
	pad := func(s string, n int) string {
		for k := len(slots(s)); k < n; k++ {
			s += " lorem"
		}
		return s
	}
	return Doc{Lang: "en", URL: url, Title: pad(title, titleLen), Headings: []string{pad(heading, headingLen)},
		Terms: []string{pad(term, termLen)}, Body: pad(body, bodyLen)}
}

// zh returns a Chinese page like en. The filler is cut off from the words by a comma, so that no
// bigram joins them: the boundary flags of the query's bigrams depend on the words alone.
func zh(url, title, heading, term, body string) Doc {
	pad := func(s string, n int) string {
		if k := len(slots(s)); k < n {
			s += "，" + strings.Repeat("文", n-k)
		}
		return s
	}
	return Doc{Lang: "zh", URL: url, Title: pad(title, titleLen), Headings: []string{pad(heading, headingLen)},
		Terms: []string{pad(term, termLen)}, Body: pad(body, bodyLen)}
}

// withHeadings gives a page several headings instead of one.
func withHeadings(d Doc, headings ...string) Doc {
	d.Headings = headings
	return d
}

func supporting(d Doc) Doc {
	d.Support = true
	return d
}

var rankingCases = []rankingCase{
	{
		// title 4 against heading 2 + term 2: 2·4 + 4 = 12 halves against 2·(2 + 2) + 2 = 10.
		// A title weight of 3 or less loses.
		name: "the title (weight 4) outweighs a heading and a glossary term (2 each) together",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-title/", "alpha", "", "", ""),
			en("/en/a-heading-and-term/", "", "alpha", "alpha", ""),
		},
		want: []string{"/en/b-title/", "/en/a-heading-and-term/"},
	},
	{
		// 2·4 + 4 = 12 halves against 2·(2 + 2 + 1) + 2 = 12: equal scores list in URL order. A
		// title weight of 5 or more wins.
		name: "the title weighs no more than a heading, a glossary term and the body together",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-title/", "alpha", "", "", ""),
			en("/en/a-heading-term-and-body/", "", "alpha", "alpha", "alpha"),
		},
		want: []string{"/en/a-heading-term-and-body/", "/en/b-title/"},
	},
	{
		name: "a heading (weight 2) outweighs the body (1)",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-heading/", "", "alpha", "", ""),
			en("/en/a-body/", "", "", "", "alpha"),
		},
		want: []string{"/en/b-heading/", "/en/a-body/"},
	},
	{
		name: "a glossary term (weight 2) outweighs the body (1)",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-term/", "", "", "alpha", ""),
			en("/en/a-body/", "", "", "", "alpha"),
		},
		want: []string{"/en/b-term/", "/en/a-body/"},
	},
	{
		// Equal scores list in URL order: a heading between two glossary terms.
		name: "a heading and a glossary term weigh the same",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/a-term/", "", "", "alpha", ""),
			en("/en/b-heading/", "", "alpha", "", ""),
			en("/en/c-term/", "", "", "alpha", ""),
		},
		want: []string{"/en/a-term/", "/en/b-heading/", "/en/c-term/"},
	},
	{
		// The phrase in the body: 2·½ + ½ = 1.5; the words apart in a heading: (1 + 1)/2 = 1.
		name: "the phrase bonus: the words together in the body beat them apart in a heading",
		lang: "en", q: "alpha beta",
		docs: []Doc{
			en("/en/b-phrase/", "", "", "", "alpha beta"),
			en("/en/a-apart/", "", "alpha lorem beta", "", ""),
		},
		want: []string{"/en/b-phrase/", "/en/a-apart/"},
	},
	{
		// Two of three words in the title: (4·½ + 4·½)/3 · (2/3)² ≈ 0.59; all three, two in a
		// heading and one in the body: (1 + 1 + ½)/3 ≈ 0.83. With coverage not squared the
		// first would score 0.89 and win. The third page has gamma alone, so that every word
		// is on two pages and weighs the same (idf).
		name: "coverage is squared: all the words in weak fields beat most of them in the title",
		lang: "en", q: "alpha beta gamma",
		docs: []Doc{
			en("/en/b-all-words/", "", "alpha lorem beta", "", "gamma"),
			en("/en/a-two-words/", "alpha lorem beta", "", "", ""),
			en("/en/c-one-word/", "", "", "", "gamma"),
		},
		want: []string{"/en/b-all-words/", "/en/a-two-words/", "/en/c-one-word/"},
	},
	{
		// Both pages have alpha in one heading and beta in another, so neither has the phrase
		// and they score the same (URL order). The texts of a field are a position apart
		// (build.go, collect): were they not, the first page's headings would overlap and
		// could line alpha and beta up as a phrase.
		name: "a phrase does not run from one heading into the next",
		lang: "en", q: "alpha beta",
		docs: []Doc{
			withHeadings(en("/en/b-starts/", "", "", "", ""), "alpha lorem", "beta lorem"),
			withHeadings(en("/en/a-ends/", "", "", "", ""), "alpha lorem", "lorem beta"),
		},
		want: []string{"/en/a-ends/", "/en/b-starts/"},
	},
	{
		// The same one mention, in a body of 16 words and in one of 48.
		name: "length normalisation: a mention in a short body counts more than in a long one",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-short/", "", "", "", "alpha"),
			en("/en/a-long/", "", "", "", "alpha"+strings.Repeat(" lorem", 47)),
		},
		want: []string{"/en/b-short/", "/en/a-long/"},
	},
	{
		name: "more mentions count more: two in the body beat one",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-twice/", "", "", "", "alpha lorem alpha"),
			en("/en/a-once/", "", "", "", "alpha"),
		},
		want: []string{"/en/b-twice/", "/en/a-once/"},
	},
	{
		// Ten in the body: (2 + 1)·10/11 ≈ 2.7; one in the title: 3·4·½ = 6.
		name: "saturation: ten mentions in the body do not beat one in the title",
		lang: "en", q: "alpha",
		docs: []Doc{
			en("/en/b-title/", "alpha", "", "", ""),
			en("/en/a-ten/", "", "", "", strings.Repeat("alpha ", 10)),
		},
		want: []string{"/en/b-title/", "/en/a-ten/"},
	},
	{
		// beta is on one page of four, alpha on three.
		name: "idf: the rarer word of the query counts more",
		lang: "en", q: "alpha beta",
		docs: []Doc{
			en("/en/b-rare/", "", "", "", "beta"),
			en("/en/a-common/", "", "", "", "alpha"),
			en("/en/c-common/", "", "", "", "alpha"),
			en("/en/d-common/", "", "", "", "alpha"),
		},
		want: []string{"/en/b-rare/", "/en/a-common/", "/en/c-common/", "/en/d-common/"},
	},
	{
		// The example's title scores 2·4·½ + 4·½ = 6, times 0.3: 1.8, below the clause's
		// heading, 2·2·½ + 2·½ = 3.
		name: "a supporting page (a worked example) counts 0.3: its title below the clause's heading",
		lang: "zh", q: "社保补贴",
		docs: []Doc{
			supporting(zh("/example/", "社保补贴", "", "", "")),
			zh("/policy/", "", "社保补贴", "", ""),
		},
		want: []string{"/policy/", "/example/"},
	},
	{
		name: "a synonym counts 0.7: the word as typed beats its synonym, both in the body",
		lang: "zh", q: "社保",
		syn: [][]string{{"社保", "社会保险"}},
		docs: []Doc{
			zh("/b-typed/", "", "", "", "社保"),
			zh("/a-synonym/", "", "", "", "社会保险"),
		},
		want: []string{"/b-typed/", "/a-synonym/"},
	},
	{
		// The readings of 社保补贴 (TestExpand): as typed, 社会保险补贴, 社保资金, 社保资助, 社保奖补,
		// 社保津贴, and no seventh, 五险补贴: the page with 五险 alone is not found.
		name: "a query has at most six readings, the longest synonyms first",
		lang: "zh", q: "社保补贴",
		syn: [][]string{
			{"资助", "补贴", "奖补", "津贴"},
			{"社保", "社会保险", "五险"},
			{"社保补贴", "社会保险补贴", "社保资金"},
		},
		docs: []Doc{
			zh("/a-second-reading/", "", "", "", "社会保险补贴"),
			zh("/b-seventh-reading/", "", "", "", "五险"),
			zh("/c-sixth-reading/", "", "", "", "社保津贴"),
		},
		want: []string{"/a-second-reading/", "/c-sixth-reading/"},
	},
	{
		// 和服 in 和服务 crosses a word boundary (bond.go): the fourth page makes 服务 a word
		// and 和 a character that stands alone. The crossing page scores (2·0.3 + 1)·½ = 0.8
		// at average length, a third below 1.5 (a clean one at average length) and, in this
		// corpus, a tenth above a clean one lost in a body six times as long: without the
		// crossing phrase (penalty 0) it would score ½ and come last.
		name: "a phrase across a word boundary counts 0.3 of a clean one",
		lang: "zh", q: "和服",
		docs: []Doc{
			zh("/b-clean/", "", "", "", "和服"),
			zh("/a-crossing/", "", "", "", "和服务"),
			zh("/c-clean-in-a-long-body/", "", "", "", "和服，"+strings.Repeat("文", 100)),
			zh("/d-words/", "", "", "", "服务，服务，服务，和，和，和"),
		},
		want: []string{"/b-clean/", "/a-crossing/", "/c-clean-in-a-long-body/"},
	},
	{
		// 保费 alone is also on the page with 保费 and on the scattered one: a clean phrase,
		// then the bigrams apart (coverage 1, no phrase), then one bigram (coverage ½, squared).
		name: "a Chinese phrase needs its bigrams in a row; each missing bigram costs",
		lang: "zh", q: "社保费",
		docs: []Doc{
			zh("/c-phrase/", "", "", "", "社保费"),
			zh("/b-apart/", "", "", "", "社保，保费"),
			zh("/a-half/", "", "", "", "保费"),
		},
		want: []string{"/c-phrase/", "/b-apart/", "/a-half/"},
	},
}

// TestRankingEffects runs the ranking cases on the Go side; TestTypeScript runs them again
// through score.ts.
func TestRankingEffects(t *testing.T) {
	for _, c := range rankingCases {
		files, entry, err := Build(c.docs, c.syn)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		hits := search(t, files, entry[c.lang], c.q)
		if got := urls(hits); !equalStrings(got, c.want) {
			t.Errorf("%s: %q ranks %s, want %q", c.name, c.q, scored(hits), c.want)
		}
	}
}

// scored lists hits as "URL score", for failure messages.
func scored(hits []Hit) string {
	var parts []string
	for _, h := range hits {
		parts = append(parts, fmt.Sprintf("%s %g", h.URL, h.Score))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

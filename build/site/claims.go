package site

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/pipeline"
	"scaleup/calculator"
)

// checkClaims checks every statement of content/data/claims.yaml: its quote must be in the main
// text of its page in both languages, and for each case the rule core's answer must be the one
// the statement gives. A problem is a content error at the claim's line, so that a page and the
// calculator can never silently disagree.
func checkClaims(s *content.Site, rules calculator.Rules, files pipeline.Files, diags *diag.List) {
	if len(rules) == 0 && len(s.Data.Claims) > 0 {
		diags.Errorf(s.Data.Claims[0].File, 0, 0, "claims need the calculator's rule modules, and this build has none")
		return
	}
	texts := map[string]string{} // file → normalized main text
	for _, c := range s.Data.Claims {
		for _, lang := range content.Languages {
			file := strings.TrimPrefix(content.Localize(c.Page, lang), "/") + "index.html"
			data, ok := files[file]
			if !ok {
				diags.Errorf(c.File, c.Line, 0, "claim: no page %s", content.Localize(c.Page, lang))
				continue
			}
			t, seen := texts[file]
			if !seen {
				t = Normalize(MainText(data))
				texts[file] = t
			}
			if q := c.Quote.In(lang); !strings.Contains(t, Normalize(q)) {
				diags.Errorf(c.File, c.Line, 0, "claim: %s does not say (any more): %q — quote the statement as the page shows it, or update the claim", content.Localize(c.Page, lang), q)
			}
		}
		for _, cc := range c.Cases {
			for _, msg := range checkClaimCase(rules, cc) {
				diags.Errorf(c.File, cc.Line, 0, "claim %q: %s", shorten(c.Quote.Zh), msg)
			}
		}
	}
}

// checkClaimCase runs the rule core on one case and returns what disagrees with the expectation.
func checkClaimCase(rules calculator.Rules, cc *content.ClaimCase) []string {
	in, errs := rules.Decode(cc.InputJSON())
	if len(errs) > 0 {
		var out []string
		for _, e := range errs {
			out = append(out, "input: "+e.Field+": "+e.EN)
		}
		return out
	}
	o, err := rules.Estimate(in)
	if err != nil {
		return []string{"input: " + err.Error()}
	}
	var out []string
	x := cc.Expect
	money := func(what, want string, got calculator.Fen) {
		if want == "" {
			return
		}
		w, err := calculator.ParseYuan(want)
		if err != nil {
			out = append(out, what+": "+strconv.Quote(want)+" is not an amount in yuan")
		} else if w != got {
			out = append(out, "the rule core gives "+what+" "+got.String()+", the statement "+want)
		}
	}
	if x.Eligible != nil && *x.Eligible != o.Eligible {
		out = append(out, "the rule core gives eligible "+strconv.FormatBool(o.Eligible)+", the statement "+strconv.FormatBool(*x.Eligible))
	}
	money("total", x.Total, o.Total)
	money("savingsTotal", x.SavingsTotal, o.SavingsTotal)
	for key, want := range x.Items {
		id, year, _ := strings.Cut(key, " ")
		var sum calculator.Fen
		for _, it := range o.Items {
			if it.ID == id && (year == "" || strconv.Itoa(it.Year) == year) {
				sum += it.Amount
			}
		}
		money("items "+strconv.Quote(key), want, sum)
	}
	for _, f := range x.Failed {
		found := false
		for _, got := range o.Failed {
			found = found || got.Clause+":"+got.Field == f
		}
		if !found {
			out = append(out, "the rule core does not fail "+f)
		}
	}
	for _, id := range x.Warnings {
		found := false
		for _, w := range o.Warnings {
			found = found || w.ID == id
		}
		if !found {
			out = append(out, "the rule core gives no warning "+id)
		}
	}
	return out
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// MainText returns the text of a page's <main> element (scripts, templates and hidden elements
// left out), as a reader sees it.
func MainText(page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "noscript":
				return
			case "main":
				in = true
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" {
					return
				}
			}
		}
		if in && n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return b.String()
}

// Normalize drops white space, so that line wrapping, markup and minification do not count when
// a quote is looked up in a page's text.
func Normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

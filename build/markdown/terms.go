package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// linkTerms links the first use of each glossary term in the body's paragraphs, list items and
// table cells (never in headings or inside an existing link). It returns the ids it linked.
//
// It scans text nodes in document order and, at each step, links the earliest match of any term
// not linked yet, preferring the longest form at the same position (规上工业企业库 before 规上工业企业).
// Text inside 〔…〕 (the responsible departments) and 《…》 (titles of other documents) is left
// alone: a term there names a body or a document, not the concept.
func linkTerms(doc ast.Node, src []byte, terms []Term, lang string) []string {
	done := map[string]bool{}
	var linked []string
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	var block ast.Node
	depth := 0 // bracket depth at the start of the current text node, within its block
	for _, t := range texts {
		if b := blockOf(t); b != block {
			block, depth = b, 0
		}
		for {
			seg := t.Segment
			value := string(seg.Value(src))
			at, length, term := -1, 0, -1
			for i, tm := range terms {
				if done[tm.ID] {
					continue
				}
				for _, form := range tm.Forms {
					j := indexOutside(value, form, lang, depth)
					if j >= 0 && (at < 0 || j < at || j == at && len(form) > length) {
						at, length, term = j, len(form), i
					}
				}
			}
			if term < 0 {
				break
			}
			done[terms[term].ID] = true
			linked = append(linked, terms[term].ID)
			t = splitLink(t, seg, at, length, terms[term].Href)
			if t == nil {
				break
			}
			depth = 0 // a term is only linked outside brackets
		}
		if t != nil {
			depth = bracketDepth(string(t.Segment.Value(src)), depth, -1)
		}
	}
	return linked
}

func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

// bracketDepth returns how deep in 〔…〕 or 《…》 position end of s is (end < 0: the end of s),
// starting from depth.
func bracketDepth(s string, depth, end int) int {
	for i, r := range s {
		if end >= 0 && i >= end {
			break
		}
		switch r {
		case '〔', '《':
			depth++
		case '〕', '》':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth
}

// indexOutside finds the first occurrence of form in s that is not inside brackets.
func indexOutside(s, form, lang string, depth int) int {
	from := 0
	for from <= len(s) {
		j := indexTerm(s[from:], form, lang)
		if j < 0 {
			return -1
		}
		j += from
		if bracketDepth(s, depth, j) == 0 {
			return j
		}
		from = j + len(form)
	}
	return -1
}

// splitLink replaces the span [at, at+length) of t's text with a link and returns the text node
// that holds what follows (nil when nothing follows).
func splitLink(t *ast.Text, seg text.Segment, at, length int, href string) *ast.Text {
	parent := t.Parent()
	before := text.NewSegment(seg.Start, seg.Start+at)
	match := text.NewSegment(seg.Start+at, seg.Start+at+length)
	after := text.NewSegment(seg.Start+at+length, seg.Stop)

	link := ast.NewLink()
	link.Destination = []byte(href)
	link.SetAttributeString("class", []byte("term"))
	link.SetPos(match.Start)
	link.AppendChild(link, ast.NewTextSegment(match))

	var rest *ast.Text
	if after.Len() > 0 {
		rest = ast.NewTextSegment(after)
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
	}
	if before.Len() > 0 {
		t.Segment = before
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
	} else {
		parent.ReplaceChild(parent, t, link)
	}
	if rest != nil {
		parent.InsertAfter(parent, link, rest)
	}
	return rest
}

// indexTerm finds form in s. Chinese matches anywhere; English only on word boundaries and
// regardless of case.
func indexTerm(s, form, lang string) int {
	if lang == "zh" || hasHan(form) {
		return strings.Index(s, form)
	}
	ls, lf := strings.ToLower(s), strings.ToLower(form)
	from := 0
	for {
		j := strings.Index(ls[from:], lf)
		if j < 0 {
			return -1
		}
		j += from
		end := j + len(lf)
		r0, _ := lastRune([]byte(ls[:j]))
		r1, _ := firstRune([]byte(ls[end:]))
		if !isWordRune(r0) && !isWordRune(r1) {
			return j
		}
		from = j + 1
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func firstRune(b []byte) (rune, int) {
	if len(b) == 0 {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRune(b)
}

func lastRune(b []byte) (rune, int) {
	if len(b) == 0 {
		return utf8.RuneError, 0
	}
	return utf8.DecodeLastRune(b)
}

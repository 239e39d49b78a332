package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// joinEastAsianBreaks removes soft line breaks that sit between two wide (Chinese) characters, so
// that a paragraph wrapped in the source does not show stray spaces in the browser.
//
// goldmark's own option (extension.WithEastAsianLineBreaks) only looks at a following text node:
// before a link, code span or emphasis it drops the break even in English, gluing words together
// (goldmark issue #582). Here the next character is looked up through inline nodes, and a break
// that is not between two wide characters is kept.
func joinEastAsianBreaks(doc ast.Node, src []byte) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok || !t.SoftLineBreak() {
			return ast.WalkContinue, nil
		}
		last, _ := lastRune(t.Segment.Value(src))
		next, ok := nextRune(t, src)
		if ok && util.IsEastAsianWideRune(last) && util.IsEastAsianWideRune(next) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// nextRune finds the first character rendered after n within its block.
func nextRune(n ast.Node, src []byte) (rune, bool) {
	for cur := n; cur != nil && cur.Type() == ast.TypeInline; cur = cur.Parent() {
		for sib := cur.NextSibling(); sib != nil; sib = sib.NextSibling() {
			if r, ok := firstRuneIn(sib, src); ok {
				return r, true
			}
		}
	}
	return 0, false
}

func firstRuneIn(n ast.Node, src []byte) (rune, bool) {
	switch n := n.(type) {
	case *ast.Text:
		if v := n.Segment.Value(src); len(v) > 0 {
			r, _ := firstRune(v)
			return r, true
		}
	case *ast.String:
		if len(n.Value) > 0 {
			r, _ := firstRune(n.Value)
			return r, true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstRuneIn(c, src); ok {
			return r, true
		}
	}
	return 0, false
}

package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
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
		if ok && (isWide(last) && isCJKPunct(next) || isCJKPunct(last) && isWide(next)) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// isWide reports whether r is a wide East Asian character: Han, kana, Hangul, CJK punctuation
// (、。「」) and full-width forms (，：；！？（）). goldmark's util.IsEastAsianWideRune misses the
// last group, so "企业，<newline>给予" would render with a space.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6
}

// isCJKPunct is isWide plus the punctuation Chinese text shares with English (“”‘’…—·), which
// counts as wide only next to a wide character.
func isCJKPunct(r rune) bool {
	return isWide(r) || strings.ContainsRune("“”‘’…—·", r)
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

package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"scaleup/build/han"
)

// On English pages, Chinese quoted in the text ("upgrade (小升规)", 示政规〔2027〕1号) is marked
// <span lang="zh-Hans">, so that screen readers switch voice and browsers pick Chinese fonts
// (WCAG 3.1.2, language of parts).

// KindLangSpan is the node kind of a run of text in another language.
var KindLangSpan = ast.NewNodeKind("LangSpan")

// LangSpan wraps text in another language than the page's.
type LangSpan struct {
	ast.BaseInline
	Lang string
}

func (n *LangSpan) Kind() ast.NodeKind { return KindLangSpan }

func (n *LangSpan) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type langSpanRenderer struct{}

func (langSpanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLangSpan, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span lang="` + n.(*LangSpan).Lang + `">`)
		} else {
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
}

// markChinese splits every text node of an English body so that each run of Chinese sits in a
// LangSpan. Code is left alone.
func markChinese(doc ast.Node, src []byte) {
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		for t != nil {
			seg := t.Segment
			value := seg.Value(src)
			start, end := han.ChineseRun(string(value))
			if start < 0 {
				break
			}
			t = splitSpan(t, seg, start, end)
		}
	}
}

// splitSpan puts [start, end) of t's text in a LangSpan and returns the node that holds what
// follows (nil when nothing follows).
func splitSpan(t *ast.Text, seg text.Segment, start, end int) *ast.Text {
	parent := t.Parent()
	span := &LangSpan{Lang: "zh-Hans"}
	inner := ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end))
	span.AppendChild(span, inner)
	var rest *ast.Text
	if seg.Start+end < seg.Stop {
		rest = ast.NewTextSegment(text.NewSegment(seg.Start+end, seg.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
	} else {
		inner.SetSoftLineBreak(t.SoftLineBreak())
		inner.SetHardLineBreak(t.HardLineBreak())
	}
	if start > 0 {
		t.Segment = text.NewSegment(seg.Start, seg.Start+start)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, span)
	} else {
		parent.ReplaceChild(parent, t, span)
	}
	if rest != nil {
		parent.InsertAfter(parent, span, rest)
	}
	return rest
}

// Package markdown renders page bodies with goldmark, set up for Chinese and English policy text.
//
// Beyond goldmark's defaults it: keeps Chinese in heading IDs, drops soft line breaks between
// Han characters, escapes raw HTML instead of rendering it, rewrites internal links for the page's
// language and records them (with their byte offsets) so the build can check they resolve,
// numbers the paragraphs of policy text (#p1, #p2, …) and links the first use of glossary terms.
package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter renders Markdown. Build one and reuse it: it is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns the site's Markdown converter.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.Footnote,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(), // {#explicit-id} after a heading
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLEscaper{}, 100), util.Prioritized(langSpanRenderer{}, 100)),
		),
	)
	return &Converter{md: md}
}

// Term is a glossary entry to link on first use.
type Term struct {
	ID    string   // glossary id
	Forms []string // the term and its aliases, in the page's language
	Href  string   // where the link goes, e.g. "/en/glossary/#above-designated-size"
}

// Options says how to render one body.
type Options struct {
	Lang             string // "zh" or "en": internal links get this language's prefix
	NumberParagraphs bool   // give top-level paragraphs ids p1, p2, …
	Terms            []Term // link the first use of each on the page
}

// Link is an internal link or image found in a body.
type Link struct {
	Dest   string // as written, e.g. "/policy/04-reward-211/#p1" or "#faq"
	Offset int    // byte offset in the body
	Image  bool
	Alt    string
}

// Issue is a problem found while rendering.
type Issue struct {
	Offset  int
	Msg     string
	Warning bool
}

// Result is a rendered body.
type Result struct {
	HTML     []byte
	Links    []Link
	Headings []Heading
	IDs      []string // every id attribute the body defines
	Text     string   // plain text, one line per block
	Terms    []string // glossary ids linked
	Issues   []Issue
}

// Heading is an h2–h4.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Convert renders src.
func (c *Converter) Convert(src []byte, opt Options) (Result, error) {
	var res Result
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	joinEastAsianBreaks(doc, src)
	if opt.NumberParagraphs {
		n := 0
		for child := doc.FirstChild(); child != nil; child = child.NextSibling() {
			if child.Kind() == ast.KindParagraph {
				n++
				child.SetAttributeString("id", []byte("p"+strconv.Itoa(n)))
			}
		}
	}
	if len(opt.Terms) > 0 {
		res.Terms = linkTerms(doc, src, opt.Terms, opt.Lang)
	}
	if opt.Lang == "en" {
		markChinese(doc, src)
	}

	var plain bytes.Buffer
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock && !entering && plain.Len() > 0 && plain.Bytes()[plain.Len()-1] != '\n' {
			plain.WriteByte('\n')
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				res.IDs = append(res.IDs, string(b))
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level >= 2 && n.Level <= 4 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idb), Text: nodeText(n, src)})
			}
		case *ast.Link:
			res.Links = append(res.Links, rewrite(&n.Destination, n.Pos(), opt.Lang, false, ""))
		case *ast.Image:
			alt := nodeText(n, src)
			res.Links = append(res.Links, rewrite(&n.Destination, n.Pos(), opt.Lang, true, alt))
		case *ast.AutoLink:
			// External by construction (www.… or https://…): nothing to check.
		case *ast.Text:
			plain.Write(n.Segment.Value(src))
			if n.SoftLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(n.Value)
		case *ast.RawHTML, *ast.HTMLBlock:
			res.Issues = append(res.Issues, Issue{Offset: blockOffset(n), Msg: "raw HTML is not allowed in content and is shown as text; use Markdown instead"})
		}
		return ast.WalkContinue, nil
	})
	// Links collected above keep their language-neutral form; drop the external ones.
	kept := res.Links[:0]
	for _, l := range res.Links {
		if l.Dest != "" {
			kept = append(kept, l)
		}
	}
	res.Links = kept
	res.Text = strings.TrimSpace(plain.String())

	var out bytes.Buffer
	if err := c.md.Renderer().Render(&out, src, doc); err != nil {
		return res, err
	}
	res.HTML = out.Bytes()
	return res, nil
}

// rewrite localizes an internal destination in place and returns what to check. External and
// mailto links come back with an empty Dest (nothing to check), except images, which must be local.
func rewrite(dest *[]byte, pos int, lang string, image bool, alt string) Link {
	d := string(*dest)
	l := Link{Offset: pos, Image: image, Alt: alt}
	switch {
	case strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//"):
		l.Dest = d
		if lang != "" && lang != "zh" {
			*dest = []byte("/" + lang + d)
		}
	case strings.HasPrefix(d, "#"):
		l.Dest = d
	case image:
		l.Dest = d // the checker rejects non-local images
	}
	return l
}

func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func blockOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if r, ok := n.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
		return r.Segments.At(0).Start
	}
	return n.Pos()
}

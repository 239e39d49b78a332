package content

import (
	"html/template"

	"scaleup/build/diag"
	"scaleup/build/markdown"
	"scaleup/build/parallel"
)

// renderMarkdown converts every page's Markdown body and note to HTML, on workers goroutines,
// as the last step of loading: the model is complete, and read-only, from then on. Links are
// kept on the page for the checks that need the finished site.
func renderMarkdown(s *Site, workers int, diags *diag.List) {
	md := markdown.New()
	terms := map[string][]markdown.Term{}
	for _, lang := range Languages {
		for _, t := range s.Data.Glossary {
			forms := append([]string{t.Name(lang)}, t.Aliases.In(lang)...)
			terms[lang] = append(terms[lang], markdown.Term{ID: t.ID, Forms: forms, Href: "/glossary/#" + t.ID})
		}
	}
	parallel.For(len(s.Pages), workers, func(i int) {
		if p := s.Pages[i]; p.Source != nil { // generated pages have no Markdown
			renderPage(md, p, terms[p.Lang], diags)
		}
	})
}

func renderPage(md *markdown.Converter, p *Page, terms []markdown.Term, diags *diag.List) {
	opt := markdown.Options{Lang: p.Lang}
	if p.Document != nil && p.Front.Kind != "" {
		// The text of a policy document: paragraphs are numbered so that they can be cited
		// (#p1, #p2, …), and the first use of each glossary term links to its entry.
		opt.NumberParagraphs = true
		opt.Terms = terms
	}
	res, err := md.Convert(p.Body(), opt)
	if err != nil {
		diags.Errorf(p.File, 0, 0, "cannot render Markdown: %v", err)
	}
	for _, is := range res.Issues {
		line, col := diag.Position(p.Source, p.BodyOffset+is.Offset)
		diags.Warnf(p.File, line, col, "%s", is.Msg)
	}
	p.Content = template.HTML(res.HTML)
	p.Text = res.Text
	p.Terms = res.Terms
	p.Links = res.Links
	for _, h := range res.Headings {
		p.Headings = append(p.Headings, Heading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	if p.Front.Note != "" {
		note, err := md.Convert([]byte(p.Front.Note), markdown.Options{Lang: p.Lang})
		if err != nil {
			diags.Errorf(p.File, p.Lines["note"], 0, "cannot render note: %v", err)
		}
		for range note.Issues {
			diags.Warnf(p.File, p.Lines["note"], 1, "raw HTML is not allowed in the note and is shown as text")
		}
		p.Note = template.HTML(note.HTML)
		p.NoteLinks = note.Links
	}
}

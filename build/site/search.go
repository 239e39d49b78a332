package site

import (
	"strings"

	"scaleup/build/content"
	"scaleup/build/search"
)

// SearchStage builds the search index from the rendered pages of each language and tells the
// templates where its root file is.
func SearchStage(ctx *Context) error {
	docs := searchDocs(ctx.Site)
	// Indexing takes longer than anything else in a large build: it runs while the other pages
	// render, and only the search pages (which name the index's root file) wait for it.
	synonyms := ctx.Site.Data.Synonyms
	ctx.Background([]string{"search"}, func() func() error {
		files, entry, err := search.Build(docs, synonyms)
		return func() error {
			if err != nil {
				return err
			}
			// The index is written compact (TestIndexIsMinified): no need to minify it again.
			for p, data := range files {
				ctx.Files.Add(p, data)
				ctx.Minified[p] = true
			}
			for _, lang := range content.Languages {
				ctx.Views[lang].SearchEntry = entry[lang]
			}
			return nil
		}
	})
	return nil
}

// searchDocs returns what the index holds of each rendered page: every page but the search
// page and 404, its description before its text, its glossary terms by name, its note.
func searchDocs(s *content.Site) []search.Doc {
	var docs []search.Doc
	for _, p := range s.Pages {
		if p.Front.Layout == "search" || p.Key == "404" {
			continue
		}
		d := search.Doc{Lang: p.Lang, URL: p.URL, Title: p.Front.Title, Body: p.Text, Support: p.Front.Layout == "example"}
		if p.Front.Layout == "clause" && p.Front.Kind == "clause" {
			d.Clause = ClauseLabel(p.Front.Clause, p.Lang)
		}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		if d.Body == "" {
			d.Body = p.Front.Description
		} else {
			d.Body = p.Front.Description + "\n" + d.Body
		}
		for _, id := range p.Terms {
			for _, t := range s.Data.Glossary {
				if t.ID == id {
					d.Terms = append(d.Terms, t.Name(p.Lang))
				}
			}
		}
		if p.Note != "" {
			d.Body += "\n" + stripTags(string(p.Note))
		}
		docs = append(docs, d)
	}
	return docs
}

// stripTags turns a small piece of our own rendered HTML into text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(b.String())
}

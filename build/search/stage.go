package search

import (
	"strings"

	"scaleup/build/content"
	"scaleup/build/pipeline"
)

// Stage builds the index from the model's pages of each language and gives the templates of
// each language the URL of its root file ({{Value "searchEntry"}}).
var Stage = pipeline.Func{Name: "search", In: pipeline.Index, Do: run}

func run(ctx *pipeline.Context) error {
	var docs []Doc
	for _, p := range ctx.Site.Pages {
		if p.Front.NoIndex || p.Front.Search == "exclude" {
			continue
		}
		d := Doc{Lang: p.Lang, URL: p.URL, Title: p.Front.Title, Body: p.Text, Support: p.Front.Search == "support"}
		if p.Front.Kind == content.KindArticle {
			d.Clause = p.Label
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
			for _, t := range ctx.Site.Data.Glossary {
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
	// Indexing takes longer than anything else in a large build: it runs while the other pages
	// render, and only the search pages (which name the index's root file) wait for it.
	synonyms := ctx.Site.Data.Synonyms
	ctx.Background([]string{"searchEntry"}, func() func() error {
		files, entry, err := Build(docs, synonyms)
		return func() error {
			if err != nil {
				return err
			}
			// The index is written compact (TestIndexIsMinified): no need to minify it again.
			for p, data := range files {
				ctx.Add(p, data)
			}
			for _, lang := range content.Languages {
				ctx.SetValue(lang, "searchEntry", entry[lang])
			}
			return nil
		}
	})
	return nil
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

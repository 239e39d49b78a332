package site

import (
	"bytes"
	"encoding/xml"

	"scaleup/build/content"
)

// sitemap lists every page with its translations as hreflang alternates (Google's format).
func sitemap(s *content.Site) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range s.Pages {
		if p.Front.NoIndex {
			continue
		}
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(s.Config.BaseURL+p.URL))
		b.WriteString("</loc>")
		for _, q := range []*content.Page{p, p.Translation} {
			if q == nil {
				continue
			}
			b.WriteString(`<xhtml:link rel="alternate" hreflang="` + HrefLang(q.Lang) + `" href="`)
			xml.EscapeText(&b, []byte(s.Config.BaseURL+q.URL))
			b.WriteString(`"/>`)
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

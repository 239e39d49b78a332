package site

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/parallel"
	"scaleup/build/pipeline"
)

// parsePages checks the structure of every HTML file that has no statistics in stats yet (pages
// from stages; templates' pages were checked as they were rendered) and adds them. It returns
// what the link checks need: for each URL path ("/policy/x/") the set of id attributes it
// defines. Ids come from the final HTML, so anchors made by templates (glossary entries,
// paragraph numbers) count as much as those written in Markdown.
func parsePages(files pipeline.Files, stats map[string]*htmlStats, workers int, diags *diag.List) map[string]map[string]bool {
	var paths []string
	for p := range files {
		if strings.HasSuffix(p, ".html") && stats[p] == nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	more := make([]*htmlStats, len(paths))
	parallel.For(len(paths), workers, func(i int) { more[i] = checkStructure(paths[i], files[paths[i]], diags) })
	for i, p := range paths {
		if more[i] != nil {
			stats[p] = more[i]
		}
	}
	ids := map[string]map[string]bool{}
	for p, st := range stats {
		ids[pipeline.URLPath(p)] = st.seen
	}
	return ids
}

// checkLinks reports every Markdown link to a page or anchor that does not exist, at the line
// where the link is written.
func checkLinks(s *content.Site, ids map[string]map[string]bool, files pipeline.Files, diags *diag.List) {
	for _, p := range s.Pages {
		check := func(l markdownLink, line, col int) {
			if msg := resolve(l.dest, l.image, l.alt, p, ids, files); msg != "" {
				diags.Errorf(p.File, line, col, "%s", msg)
			}
		}
		for _, l := range p.Links {
			line, col := diag.Position(p.Source, p.BodyOffset+max(l.Offset, 0))
			check(markdownLink{l.Dest, l.Image, l.Alt}, line, col)
		}
		for _, l := range p.NoteLinks {
			check(markdownLink{l.Dest, l.Image, l.Alt}, p.Lines["note"], 1)
		}
	}
}

type markdownLink struct {
	dest  string
	image bool
	alt   string
}

// resolve returns "" when dest (as written in the Markdown of page p) exists.
func resolve(dest string, image bool, alt string, p *content.Page, ids map[string]map[string]bool, files pipeline.Files) string {
	if image && strings.TrimSpace(alt) == "" {
		return fmt.Sprintf("image %s has no alt text: write ![what it shows](%s)", dest, dest)
	}
	if image && !strings.HasPrefix(dest, "/") {
		return fmt.Sprintf("image %s is not on this site: the site loads nothing from other servers; put the file under content/ and link it by path", dest)
	}
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("link %q is not a valid URL: %v", dest, err)
	}
	target := p.URL
	if u.Path != "" {
		target = content.Localize(u.Path, p.Lang)
		if image {
			if _, ok := files[strings.TrimPrefix(u.Path, "/")]; !ok {
				return fmt.Sprintf("image %s does not exist", dest)
			}
			return ""
		}
		if _, ok := ids[target]; !ok {
			if !strings.HasSuffix(target, "/") && ids[target+"/"] != nil {
				return fmt.Sprintf("link %s: add a trailing slash (%s/)", dest, u.Path)
			}
			if _, ok := files[strings.TrimPrefix(target, "/")]; ok {
				return ""
			}
			return fmt.Sprintf("link to a page that does not exist: %s%s", dest, suggest(u.Path, ids))
		}
	}
	if u.Fragment != "" && !ids[target][u.Fragment] {
		return fmt.Sprintf("link to an anchor that does not exist: %s (page %s has no id %q)", dest, target, u.Fragment)
	}
	return ""
}

// suggest names the existing page closest to a broken path, to help fix a typo.
func suggest(p string, ids map[string]map[string]bool) string {
	best, bestScore := "", 0
	base := path.Base(strings.TrimSuffix(p, "/"))
	for u := range ids {
		if strings.HasPrefix(u, "/en/") {
			continue
		}
		score := commonPrefix(path.Base(strings.TrimSuffix(u, "/")), base)
		if score > bestScore || score == bestScore && u < best {
			best, bestScore = u, score
		}
	}
	if bestScore >= 2 {
		return " (did you mean " + best + "?)"
	}
	return ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// checkStructure reads one output page with golang.org/x/net/html's tokenizer (which splits
// HTML as a browser does, raw text such as <script> and <noscript> included) and checks it:
// one title, a description, unique ids, alt text. Problems name the output page (diags is safe
// for concurrent use). It reads the elements' start tags rather than building the document
// tree: the tree cost as much CPU as executing the page's template, and the generator's
// pages, whose end tags the minifier keeps, have exactly the elements their tags say.
func checkStructure(p string, data []byte, diags *diag.List) *htmlStats {
	where := "public/" + p
	st := &htmlStats{seen: map[string]bool{}, hreflang: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	var attrs []html.Attribute
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); err != io.EOF {
				diags.Errorf(where, 0, 0, "HTML does not parse: %v", err)
				return nil
			}
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		attrs = attrs[:0]
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		}
		st.element(string(name), attrs, where, diags)
	}
	if st.titles != 1 {
		diags.Errorf(where, 0, 0, "page has %d <title> elements, want 1 (check the layout)", st.titles)
	}
	if !st.description {
		diags.Errorf(where, 0, 0, "page has no meta description")
	}
	if st.mains != 1 {
		diags.Errorf(where, 0, 0, "page has %d <main> elements, want 1", st.mains)
	}
	if st.h1 != 1 {
		diags.Errorf(where, 0, 0, "page has %d <h1> headings, want 1", st.h1)
	}
	if st.lang == "" {
		diags.Errorf(where, 0, 0, "<html> has no lang attribute")
	}
	if !strings.HasSuffix(p, "404.html") {
		if !st.canonical {
			diags.Errorf(where, 0, 0, "page has no <link rel=\"canonical\">")
		}
		for _, hl := range []string{"zh-Hans", "en", "x-default"} {
			if !st.hreflang[hl] {
				diags.Errorf(where, 0, 0, "page has no <link rel=\"alternate\" hreflang=%q>", hl)
			}
		}
	}
	return st
}

// checkPageLinks reports every internal link in the output pages (templates included) whose page
// or anchor does not exist. Links written in Markdown were already reported at their source
// line by checkLinks.
func checkPageLinks(files pipeline.Files, ids map[string]map[string]bool, stats map[string]*htmlStats, diags *diag.List) {
	// Most links are the same on every page (menus, footers): parse each once.
	parsed := map[string]*url.URL{}
	for p, st := range stats {
		where := "public/" + p
		for _, href := range st.links {
			u, seen := parsed[href]
			if !seen {
				u, _ = url.Parse(href)
				parsed[href] = u
			}
			if u == nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") && u.Path != "" {
				continue
			}
			target := pipeline.URLPath(p)
			if u.Path != "" {
				target = u.Path
			}
			if _, ok := ids[target]; !ok {
				if _, isFile := files[strings.TrimPrefix(target, "/")]; !isFile {
					diags.Errorf(where, 0, 0, "link to a page that does not exist: %s", href)
				}
				continue
			}
			// A fragment with "=" is state for a script (the calculator's #v1=…), not an anchor.
			if u.Fragment != "" && !strings.Contains(u.Fragment, "=") && !ids[target][u.Fragment] {
				diags.Errorf(where, 0, 0, "link to an anchor that does not exist: %s", href)
			}
		}
	}
}

type htmlStats struct {
	titles, mains, h1 int
	description       bool
	canonical         bool
	hreflang          map[string]bool
	lang              string
	seen              map[string]bool
	links             []string
}

// element records one element, by its tag name and attributes.
func (st *htmlStats) element(name string, attrs []html.Attribute, where string, diags *diag.List) {
	attr := func(k string) (string, bool) {
		for _, a := range attrs {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	if id, ok := attr("id"); ok {
		if st.seen[id] {
			diags.Errorf(where, 0, 0, "duplicate id %q in the page", id)
		}
		st.seen[id] = true
	}
	switch name {
	case "html":
		st.lang, _ = attr("lang")
	case "title":
		st.titles++
	case "main":
		st.mains++
	case "h1":
		st.h1++
	case "meta":
		if n, _ := attr("name"); n == "description" {
			if c, _ := attr("content"); strings.TrimSpace(c) != "" {
				st.description = true
			}
		}
	case "link":
		rel, _ := attr("rel")
		switch rel {
		case "canonical":
			st.canonical = true
		case "alternate":
			if hl, ok := attr("hreflang"); ok {
				st.hreflang[hl] = true
			}
		}
	case "img":
		if _, ok := attr("alt"); !ok {
			src, _ := attr("src")
			diags.Errorf(where, 0, 0, "image %s has no alt attribute", src)
		}
	case "a":
		if href, ok := attr("href"); ok {
			st.links = append(st.links, href)
		}
	}
}

package site

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSubresourceIntegrity builds the real site and checks every page: each script and
// stylesheet it loads from the site (<script src>, <link rel="stylesheet">, also inside
// <noscript>, and any <link rel="modulepreload"> or rel="preload" of a script or style) carries
// an integrity attribute equal to the SHA-384 of the bytes of that file in the finished output,
// after minification. A mismatch would make the browser refuse the file, which the browser
// tests would then see as a console error on every page.
func TestSubresourceIntegrity(t *testing.T) {
	files := realBuild(t)
	var pages []string
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	if len(pages) < 50 {
		t.Fatalf("only %d pages built", len(pages))
	}
	checked := map[string]bool{}
	for _, p := range pages {
		// Scripting off, so that the parser reads <noscript> as markup and its stylesheet is
		// checked too.
		doc, err := html.ParseWithOptions(bytes.NewReader(files[p]), html.ParseOptionEnableScripting(false))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, ref := range subresources(doc) {
			where := p + ": <" + ref.tag + " " + ref.url + ">"
			if !strings.HasPrefix(ref.url, "/") || strings.HasPrefix(ref.url, "//") {
				t.Errorf("%s: not a file of this site", where)
				continue
			}
			data, ok := files[strings.TrimPrefix(ref.url, "/")]
			if !ok {
				t.Errorf("%s: no such file in the output", where)
				continue
			}
			if ref.integrity == "" {
				t.Errorf("%s has no integrity attribute", where)
				continue
			}
			if want := Integrity(data); ref.integrity != want {
				t.Errorf("%s: integrity %s, but the file served has %s", where, ref.integrity, want)
			}
			checked[ref.url] = true
		}
	}
	// The shell of every page loads these; a page type without them would go unnoticed above.
	for _, name := range []string{"main.css", "prefs.js", "noscript.css", "sw-register.js", "search.js", "calculator.js", "calculator.css", "training.js", "training.css", "handout.css"} {
		found := false
		for u := range checked {
			if strings.HasPrefix(u, "/assets/"+strings.TrimSuffix(name, name[strings.LastIndex(name, "."):])+".") {
				found = true
			}
		}
		if !found {
			t.Errorf("no page loads %s with a checked integrity", name)
		}
	}
}

func TestIntegrityValue(t *testing.T) {
	// The example of the SRI specification's sha384 for "alert('Hello, world.');".
	got := Integrity([]byte("alert('Hello, world.');"))
	want := "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
	if got != want {
		t.Errorf("Integrity = %s, want %s", got, want)
	}
}

type subresource struct{ tag, url, integrity string }

// subresources lists the scripts and stylesheets a document loads.
func subresources(n *html.Node) []subresource {
	var out []subresource
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "script" && attr["src"] != "":
				out = append(out, subresource{"script", attr["src"], attr["integrity"]})
			case n.Data == "link":
				rel := " " + strings.ToLower(attr["rel"]) + " "
				as := attr["as"]
				if strings.Contains(rel, " stylesheet ") || strings.Contains(rel, " modulepreload ") ||
					strings.Contains(rel, " preload ") && (as == "script" || as == "style") {
					out = append(out, subresource{"link rel=" + attr["rel"], attr["href"], attr["integrity"]})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

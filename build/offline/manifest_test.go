package offline

import (
	"reflect"
	"testing"

	"scaleup/build/output"
)

func TestNeeded(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"index.html", true},
		{"en/policy/08-social-insurance/index.html", true},
		{"404.html", true},
		{"en/404.html", true},
		{"assets/main.0123456789.css", true},
		{"assets/calculator.0123456789.wasm", true},
		{"assets/wasm_exec.0123456789.js", true},
		{"_search/zh/meta.64b703a1.json", true},
		{"favicon.svg", true},
		{"index.html.br", false},
		{"assets/main.0123456789.css.gz", false},
		{"_headers", false},
		{"robots.txt", false},
		{"sitemap.xml", false},
		{"sw.js", false},
		{".well-known/security.txt", false},
	}
	for _, tt := range tests {
		if got := Needed(tt.path); got != tt.want {
			t.Errorf("Needed(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func testSite() output.Site {
	return output.Site{
		"index.html":                        []byte("<p>首页</p>"),
		"index.html.br":                     []byte("br"),
		"en/index.html":                     []byte("<p>Home</p>"),
		"en/404.html":                       []byte("<p>Not found</p>"),
		"assets/main.0123456789.css":        []byte("body{}"),
		"assets/calculator.abcdef0123.wasm": []byte("\x00asm"),
		"_headers":                          []byte("/*\n"),
		"robots.txt":                        []byte("User-agent: *\n"),
	}
}

func TestNewManifest(t *testing.T) {
	m := NewManifest(testSite())
	want := []string{"/", "/assets/calculator.abcdef0123.wasm", "/assets/main.0123456789.css", "/en/", "/en/404.html"}
	if !reflect.DeepEqual(m.URLs, want) {
		t.Errorf("URLs = %q, want %q", m.URLs, want)
	}
	if wantBytes := len("<p>首页</p>") + len("<p>Home</p>") + len("<p>Not found</p>") + len("body{}") + len("\x00asm"); m.Bytes != wantBytes {
		t.Errorf("Bytes = %d, want %d", m.Bytes, wantBytes)
	}
	if len(m.Version) != 16 {
		t.Errorf("Version = %q, want 16 hex digits", m.Version)
	}
}

// The version changes with any listed byte or path, and with nothing else.
func TestManifestVersion(t *testing.T) {
	base := NewManifest(testSite()).Version
	tests := []struct {
		name    string
		edit    func(output.Site)
		changes bool
	}{
		{"same input", func(output.Site) {}, false},
		{"page edited", func(s output.Site) { s["en/index.html"] = []byte("<p>Home!</p>") }, true},
		{"page added", func(s output.Site) { s["faq/index.html"] = []byte("") }, true},
		{"file renamed", func(s output.Site) {
			s["assets/main.9999999999.css"] = s["assets/main.0123456789.css"]
			delete(s, "assets/main.0123456789.css")
		}, true},
		{"bytes moved between files", func(s output.Site) {
			s["index.html"] = []byte("<p>首页</p><p>Home")
			s["en/index.html"] = []byte("</p>")
		}, true},
		{"sibling changed", func(s output.Site) { s["index.html.br"] = []byte("other") }, false},
		{"robots.txt changed", func(s output.Site) { s["robots.txt"] = []byte("Disallow: /") }, false},
	}
	for _, tt := range tests {
		s := testSite()
		tt.edit(s)
		got := NewManifest(s).Version
		if (got != base) != tt.changes {
			t.Errorf("%s: version %s → %s, want changed = %v", tt.name, base, got, tt.changes)
		}
	}
}

package serve

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"scaleup/build/deploy"
)

// site is the fixture for the handler tests: a small built site, with a
// secret file beside it (outside the root) that no request may reach.
var site = map[string]string{
	"index.html":                "<html><head></head><body>home</body></html>",
	"404.html":                  "<html><head></head><body>not found zh</body></html>",
	"en/404.html":               "<html><head></head><body>not found en</body></html>",
	"en/index.html":             "<html><head></head><body>home en</body></html>",
	"policy/x/index.html":       "<html><head></head><body>policy x</body></html>",
	"empty/.keep":               "",
	"style.css":                 "body{color:#000}",
	"app.js":                    "console.log('plain')",
	"app.js.br":                 "BROTLI-BYTES",
	"app.js.gz":                 "GZIP-BYTES",
	"only-gz.js":                "only gz plain",
	"only-gz.js.gz":             "only gz GZIP",
	"app.0123abcd.js":           "hashed",
	"calc.wasm":                 "\x00asm",
	"data.json":                 "{}",
	"icon.svg":                  "<svg/>",
	"sitemap.xml":               "<urlset/>",
	"robots.txt":                "User-agent: *",
	"site.webmanifest":          "{}",
	"unknown.bin":               "??",
	"dir with space/index.html": "<html><body>space</body></html>",
}

// newSite writes site into dir/public, puts a secret in dir, and returns the
// public folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	public := filepath.Join(dir, "public")
	writeTree(t, public, site)
	writeTree(t, dir, map[string]string{"secret.txt": "SECRET", "secretdir/s.txt": "SECRET"})
	return public
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// do sends a raw request line through http.ReadRequest, as the server would
// parse it, so the path tricks reach the handler unnormalised. A request the
// parser refuses is reported as status 400, which is what the server sends.
func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	raw := method + " " + target + " HTTP/1.1\r\nHost: example.test\r\n"
	for k, v := range header {
		raw += k + ": " + v + "\r\n"
	}
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw + "\r\n")))
	if err != nil {
		return &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newHandler(t *testing.T) http.Handler {
	t.Helper()
	root, err := DirFS(newSite(t))
	if err != nil {
		t.Fatal(err)
	}
	return Handler(root, Options{})
}

func TestHandlerServes(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		target       string
		status       int
		body         string // substring; "" to skip
		contentType  string // "" to skip
		location     string // for redirects
		cacheControl string // "" to skip
	}{
		{"/", 200, "home", "text/html; charset=utf-8", "", "no-cache"},
		{"/index.html", 200, "home", "text/html; charset=utf-8", "", ""},
		{"/en/", 200, "home en", "", "", ""},
		{"/en", 301, "", "", "/en/", ""},
		{"/policy/x", 301, "", "", "/policy/x/", ""},
		{"/policy/x?lang=zh&a=1", 301, "", "", "/policy/x/?lang=zh&a=1", ""},
		{"/policy/x/", 200, "policy x", "text/html; charset=utf-8", "", "no-cache"},
		{"/policy/x/index.html", 200, "policy x", "", "", ""},
		{"/dir%20with%20space", 301, "", "", "/dir%20with%20space/", ""},
		{"/dir%20with%20space/", 200, "space", "", "", ""},
		{"/missing", 404, "not found zh", "text/html; charset=utf-8", "", "no-cache"},
		{"/policy/missing/", 404, "not found zh", "", "", ""},
		{"/en/missing", 404, "not found en", "", "", ""},
		{"/english", 404, "not found zh", "", "", ""},
		{"/empty/", 404, "not found zh", "", "", ""}, // a folder without index.html is not listed
		{"/style.css/", 404, "not found zh", "", "", ""},
		{"/style.css", 200, "body{", "text/css; charset=utf-8", "", "no-cache"},
		{"/app.js", 200, "plain", "text/javascript; charset=utf-8", "", "no-cache"},
		{"/app.0123abcd.js", 200, "hashed", "text/javascript; charset=utf-8", "", "public, max-age=31536000, immutable"},
		{"/calc.wasm", 200, "asm", "application/wasm", "", ""},
		{"/data.json", 200, "{}", "application/json", "", ""},
		{"/icon.svg", 200, "<svg/>", "image/svg+xml", "", ""},
		{"/sitemap.xml", 200, "<urlset/>", "application/xml; charset=utf-8", "", ""},
		{"/robots.txt", 200, "User-agent", "text/plain; charset=utf-8", "", ""},
		{"/site.webmanifest", 200, "{}", "application/manifest+json", "", ""},
		{"/unknown.bin", 200, "??", "application/octet-stream", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := do(t, h, "GET", tt.target, nil)
			got := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d (body %q)", resp.StatusCode, tt.status, got)
			}
			if !strings.Contains(got, tt.body) {
				t.Errorf("body = %q, want it to contain %q", got, tt.body)
			}
			if tt.contentType != "" && resp.Header.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tt.contentType)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location = %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if tt.cacheControl != "" && resp.Header.Get("Cache-Control") != tt.cacheControl {
				t.Errorf("Cache-Control = %q, want %q", resp.Header.Get("Cache-Control"), tt.cacheControl)
			}
			assertSecurityHeaders(t, resp)
		})
	}
}

func assertSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	for _, h := range deploy.SecurityHeaders {
		if got := resp.Header.Get(h.Name); got != h.Value {
			t.Errorf("%s = %q, want %q", h.Name, got, h.Value)
		}
	}
}

func TestHandlerPrecompressed(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		target, accept string
		body, encoding string
		vary           bool
	}{
		{"/app.js", "br, gzip", "BROTLI-BYTES", "br", true},
		{"/app.js", "gzip, deflate, br;q=1.0", "BROTLI-BYTES", "br", true},
		{"/app.js", "gzip", "GZIP-BYTES", "gzip", true},
		{"/app.js", "br;q=0, gzip", "GZIP-BYTES", "gzip", true},
		{"/app.js", "br;q=0, gzip;q=0", "console.log('plain')", "", true},
		{"/app.js", "", "console.log('plain')", "", true},
		{"/app.js", "*", "console.log('plain')", "", true},
		{"/only-gz.js", "br, gzip", "only gz GZIP", "gzip", true},
		{"/only-gz.js", "br", "only gz plain", "", true},
		{"/style.css", "br, gzip", "body{color:#000}", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.accept, func(t *testing.T) {
			resp := do(t, h, "GET", tt.target, map[string]string{"Accept-Encoding": tt.accept})
			if got := body(t, resp); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			if got := resp.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.encoding)
			}
			if got, want := resp.Header.Get("Content-Length"), strconv.Itoa(len(tt.body)); got != want {
				t.Errorf("Content-Length = %q, want %s", got, want)
			}
			if got := resp.Header.Get("Vary") == "Accept-Encoding"; got != tt.vary {
				t.Errorf("Vary = %q, want Accept-Encoding: %v", resp.Header.Get("Vary"), tt.vary)
			}
			// The type is the one of the file asked for, not of the .br file.
			if got := resp.Header.Get("Content-Type"); got != "text/javascript; charset=utf-8" && got != "text/css; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
		})
	}
}

func TestHandlerMethods(t *testing.T) {
	h := newHandler(t)
	for _, method := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		resp := do(t, h, method, "/", nil)
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status = %d, want 405", method, resp.StatusCode)
		}
		if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow = %q", method, got)
		}
		assertSecurityHeaders(t, resp)
	}

	resp := do(t, h, "HEAD", "/style.css", nil)
	if resp.StatusCode != 200 || body(t, resp) != "" {
		t.Errorf("HEAD: status %d, want 200 with no body", resp.StatusCode)
	}
	if resp.Header.Get("Content-Length") != "16" {
		t.Errorf("HEAD: Content-Length = %q, want 16", resp.Header.Get("Content-Length"))
	}
	resp = do(t, h, "HEAD", "/missing", nil)
	if resp.StatusCode != 404 || body(t, resp) != "" {
		t.Errorf("HEAD of a missing page: status %d, want 404 with no body", resp.StatusCode)
	}
}

// TestHandlerRefusesEscapes tries the ways out of the root that request
// paths offer. None may return the secret; each gets 400 (the path is
// malformed), 404 (it names nothing inside the root) or, for a request line
// the HTTP parser refuses, 400 before the handler runs.
func TestHandlerRefusesEscapes(t *testing.T) {
	public := newSite(t)
	dir := filepath.Dir(public)
	// Symlinks inside the root that lead out of it: a file and a folder.
	if err := os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(public, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "secretdir"), filepath.Join(public, "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../secret.txt", filepath.Join(public, "rel.txt")); err != nil {
		t.Fatal(err)
	}
	root, err := DirFS(public)
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(root, Options{})

	tests := []struct {
		target string
		status int
	}{
		{"/../secret.txt", 400},
		{"/x/../../secret.txt", 400},
		{"/%2e%2e/secret.txt", 400},
		{"/%2E%2E/secret.txt", 400},
		{"/..%2fsecret.txt", 400},
		{"/..%2Fsecret.txt", 400},
		{"/policy%2fx/", 400},
		{"/..\\secret.txt", 400},
		{"/%5c..%5csecret.txt", 400},
		{"/..%5csecret.txt", 400},
		{"/a%00b", 400},
		{"/secret.txt%00.html", 400},
		{"//etc/passwd", 400},
		{"/./index.html", 400},
		{dir + "/secret.txt", 404}, // an absolute path is looked up inside the root
		{"http://example.test/../secret.txt", 400},
		{"/link.txt", 404},
		{"/rel.txt", 404},
		{"/linkdir/s.txt", 404},
		{"/linkdir/", 404},
		{"/linkdir", 404},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := do(t, h, "GET", tt.target, nil)
			got := body(t, resp)
			if strings.Contains(got, "SECRET") {
				t.Fatalf("served the secret outside the root")
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d (body %q)", resp.StatusCode, tt.status, got)
			}
		})
	}
}

// TestHandlerOverRealServer checks the same refusals through a real HTTP
// server and client, so nothing in net/http normalises them first.
func TestHandlerOverRealServer(t *testing.T) {
	srv := httptest.NewServer(newHandler(t))
	defer srv.Close()
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"} {
		req, err := http.NewRequest("GET", srv.URL+target, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), "SECRET") || resp.StatusCode == 200 {
			t.Errorf("%s: status %d body %q", target, resp.StatusCode, b)
		}
	}
}

func TestHandlerRewriteHTML(t *testing.T) {
	root, err := DirFS(newSite(t))
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(root, Options{RewriteHTML: func(b []byte) []byte {
		return []byte(strings.Replace(string(b), "</head>", "<!--x--></head>", 1))
	}})
	for _, tt := range []struct {
		target string
		status int
	}{{"/", 200}, {"/missing", 404}} {
		resp := do(t, h, "GET", tt.target, nil)
		got := body(t, resp)
		if resp.StatusCode != tt.status || !strings.Contains(got, "<!--x--></head>") {
			t.Errorf("%s: status %d body %q, want %d and the rewrite", tt.target, resp.StatusCode, got, tt.status)
		}
	}
	// Non-HTML files are not rewritten.
	resp := do(t, h, "GET", "/style.css", nil)
	if got := body(t, resp); got != "body{color:#000}" {
		t.Errorf("style.css = %q", got)
	}
}

func TestAcceptsEncoding(t *testing.T) {
	tests := []struct {
		header, enc string
		want        bool
	}{
		{"br", "br", true},
		{"gzip, br", "br", true},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.0", "br", false},
		{"br;q=0.5", "br", true},
		{"br;q=x", "br", false},
		{"gzip", "br", false},
		{"*", "br", false},
		{"", "gzip", false},
		{"brotli", "br", false},
	}
	for _, tt := range tests {
		if got := acceptsEncoding(tt.header, tt.enc); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", tt.header, tt.enc, got, tt.want)
		}
	}
}

// TestHandlerMemoryFS serves an in-memory fs.FS, as tests of the generator
// may: nothing in Handler depends on os files.
func TestHandlerMemoryFS(t *testing.T) {
	h := Handler(fstest.MapFS{
		"index.html":   {Data: []byte("<html><head></head><body>mem</body></html>")},
		"a/index.html": {Data: []byte("a")},
		"x.css":        {Data: []byte("plain")},
		"x.css.br":     {Data: []byte("BR")},
	}, Options{})
	tests := []struct {
		target, accept string
		status         int
		body           string
	}{
		{"/", "", 200, "<html><head></head><body>mem</body></html>"},
		{"/a", "", 301, ""},
		{"/a/", "", 200, "a"},
		{"/x.css", "br", 200, "BR"},
		{"/x.css", "", 200, "plain"},
		{"/nope", "", 404, "404 page not found\n"}, // no 404.html: the plain answer
	}
	for _, tt := range tests {
		resp := do(t, h, "GET", tt.target, map[string]string{"Accept-Encoding": tt.accept})
		if got := body(t, resp); resp.StatusCode != tt.status || got != tt.body {
			t.Errorf("%s (Accept-Encoding %q): %d %q, want %d %q", tt.target, tt.accept, resp.StatusCode, got, tt.status, tt.body)
		}
	}
}

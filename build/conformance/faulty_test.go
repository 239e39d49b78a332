package conformance

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"scaleup/build/deploy"
	"scaleup/build/serve"
)

// serveHandler serves h on a loopback port until the test ends.
func serveHandler(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// goodHandler is build/serve's handler of the built site: the browser tests' server.
func goodHandler(t *testing.T, dir string) http.Handler {
	t.Helper()
	root, err := serve.DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	return serve.Handler(root, serve.Options{})
}

// withRequest changes each request before h sees it.
func withRequest(h http.Handler, change func(r *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		change(r)
		h.ServeHTTP(w, r)
	})
}

// withAnswer changes the status and headers of each answer of h.
func withAnswer(h http.Handler, change func(r *http.Request, hdr http.Header, status int) int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&answerHook{ResponseWriter: w, r: r, change: change}, r)
	})
}

type answerHook struct {
	http.ResponseWriter
	r      *http.Request
	change func(*http.Request, http.Header, int) int
	done   bool
}

func (w *answerHook) WriteHeader(status int) {
	if !w.done {
		w.done = true
		status = w.change(w.r, w.Header(), status)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *answerHook) Write(p []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// The handler of build/serve (the browser tests' server) passes every check.
func TestHandlerConforms(t *testing.T) {
	Test(t, &Target{URL: serveHandler(t, goodHandler(t, built.Dir)), Site: built, Secret: secret}, nil)
}

// TestChecksFail shows that each check fails a server that breaks its rule: the handler of
// build/serve with one fault.
func TestChecksFail(t *testing.T) {
	tests := []struct {
		check, fault string
		faulty       func(good http.Handler) http.Handler
	}{
		{"headers", "no Cross-Origin-Opener-Policy on 404 pages", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if status == http.StatusNotFound {
					hdr.Del("Cross-Origin-Opener-Policy")
				}
				return status
			})
		}},
		{"pages", "pages cached as immutable", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if strings.HasSuffix(r.URL.Path, "/") {
					hdr.Set("Cache-Control", deploy.CacheImmutable)
				}
				return status
			})
		}},
		{"files", "robots.txt answered with the sitemap", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					r.URL.Path = "/sitemap.xml"
				}
			})
		}},
		{"content-types", "scripts as text/plain", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if path.Ext(r.URL.Path) == ".js" {
					hdr.Set("Content-Type", "text/plain; charset=utf-8")
				}
				return status
			})
		}},
		{"cache-control", "fingerprinted files revalidated", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if deploy.IsHashed(r.URL.Path) {
					hdr.Set("Cache-Control", deploy.CacheRevalidate)
				}
				return status
			})
		}},
		{"precompressed", "no Vary", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				hdr.Del("Vary")
				return status
			})
		}},
		{"precompressed", "Accept-Encoding ignored", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) { r.Header.Del("Accept-Encoding") })
		}},
		{"wasm", "Range ignored", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) { r.Header.Del("Range") })
		}},
		{"wasm", "the module as application/octet-stream", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if path.Ext(r.URL.Path) == ".wasm" {
					hdr.Set("Content-Type", "application/octet-stream")
				}
				return status
			})
		}},
		{"revalidation", "validators ignored", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) {
				r.Header.Del("If-Modified-Since")
				r.Header.Del("If-None-Match")
			})
		}},
		{"not-found", "the Chinese 404 page under /en/", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/en/no-such") {
					r.URL.Path = strings.TrimPrefix(r.URL.Path, "/en")
				}
			})
		}},
		{"not-found", "the 404 page with status 200", func(h http.Handler) http.Handler {
			return withAnswer(h, func(r *http.Request, hdr http.Header, status int) int {
				if status == http.StatusNotFound {
					return http.StatusOK
				}
				return status
			})
		}},
		{"redirects", "a folder served without its slash", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) {
				if path.Ext(r.URL.Path) == "" && !strings.HasSuffix(r.URL.Path, "/") {
					r.URL.Path += "/"
				}
			})
		}},
		{"methods", "POST answered as GET", func(h http.Handler) http.Handler {
			return withRequest(h, func(r *http.Request) {
				if r.Method == http.MethodPost {
					r.Method = http.MethodGet
				}
			})
		}},
		{"paths", "the secret served", func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.Contains(r.RequestURI, SecretName) {
					http.ServeFile(w, r, filepath.Join(filepath.Dir(built.Dir), SecretName))
					return
				}
				h.ServeHTTP(w, r)
			})
		}},
	}
	good := goodHandler(t, built.Dir)
	for _, tt := range tests {
		t.Run(tt.check+"/"+tt.fault, func(t *testing.T) {
			check, ok := CheckNamed(tt.check)
			if !ok {
				t.Fatalf("no check %q", tt.check)
			}
			tg := &Target{URL: serveHandler(t, tt.faulty(good)), Site: built, Secret: secret}
			failures := check.Failures(tg)
			if len(failures) == 0 {
				t.Fatalf("the %s check passes a server with this fault", tt.check)
			}
			t.Logf("%d failures, the first: %s", len(failures), failures[0])
		})
	}
}

// The site has no moved page yet: the moved check is shown on a small site of its own.
func TestMovedCheck(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":     "<!doctype html><title>home</title>",
		"old/index.html": `<!doctype html><meta http-equiv=refresh content="0; url=/new/"><title>moved</title>`,
		"new/index.html": "<!doctype html><title>new</title>",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := LoadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	moved, _ := CheckNamed("moved")
	good := goodHandler(t, dir)
	redirecting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old/" {
			http.Redirect(w, r, "/new/", http.StatusMovedPermanently)
			return
		}
		good.ServeHTTP(w, r)
	})
	targetGone := withRequest(good, func(r *http.Request) {
		if r.URL.Path == "/new/" {
			r.URL.Path = "/gone/"
		}
	})
	wrongRedirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old/" {
			http.Redirect(w, r, "/", http.StatusMovedPermanently)
			return
		}
		good.ServeHTTP(w, r)
	})
	for _, tt := range []struct {
		name   string
		h      http.Handler
		passes bool
	}{
		{"the redirect page", good, true},
		{"an HTTP redirect", redirecting, true},
		{"the new page missing", targetGone, false},
		{"a redirect elsewhere", wrongRedirect, false},
	} {
		failures := moved.Failures(&Target{URL: serveHandler(t, tt.h), Site: s})
		if passes := len(failures) == 0; passes != tt.passes {
			t.Errorf("%s: failures %q, want passing %v", tt.name, failures, tt.passes)
		}
	}
}

func TestRefreshTarget(t *testing.T) {
	tests := []struct{ html, want string }{
		{`<meta http-equiv="refresh" content="0; url=/new/">`, "/new/"},
		{`<meta http-equiv=refresh content="0;url=/policy/x/">`, "/policy/x/"},
		{`<META HTTP-EQUIV="Refresh" CONTENT="0; URL=/en/a">`, "/en/a"},
		{`<meta content="0; url=/b/" http-equiv=refresh>`, "/b/"},
		{`<meta charset=utf-8><title>x</title>`, ""},
	}
	for _, tt := range tests {
		if got := refreshTarget([]byte(tt.html)); got != tt.want {
			t.Errorf("refreshTarget(%s) = %q, want %q", tt.html, got, tt.want)
		}
	}
}

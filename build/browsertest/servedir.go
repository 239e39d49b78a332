package browsertest

import (
	"net/http/httptest"
	"testing"

	"scaleup/build/serve"
)

// ServeDir serves dir with serve.Handler (the dev server's and production's
// rules: security headers, 404 pages, content types) on a free 127.0.0.1
// port until t ends, and returns the base URL, without a trailing slash.
func ServeDir(t testing.TB, dir string) string {
	t.Helper()
	root, err := serve.DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(root, serve.Options{}))
	t.Cleanup(srv.Close)
	return srv.URL
}

package serve

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScan measures one poll of the watcher over 500 files in 20
// folders, about the size of content/, templates/ and calculator/ together.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	for i := range 500 {
		writeTreeB(b, dir, fmt.Sprintf("d%02d/f%03d.md", i%20, i))
	}
	for b.Loop() {
		if len(scan([]string{dir})) != 500 {
			b.Fatal("wrong count")
		}
	}
}

func writeTreeB(b *testing.B, dir, name string) {
	b.Helper()
	if err := mkfile(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		b.Fatal(err)
	}
}

// mkfile writes a small file, creating its folder.
func mkfile(p string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte("<html><head></head><body>x</body></html>"), 0o644)
}

// BenchmarkHandler measures serving a page and a precompressed script from
// an os.Root.
func BenchmarkHandler(b *testing.B) {
	dir := b.TempDir()
	for _, name := range []string{"index.html", "app.js", "app.js.br"} {
		if err := mkfile(filepath.Join(dir, name)); err != nil {
			b.Fatal(err)
		}
	}
	root, err := DirFS(dir)
	if err != nil {
		b.Fatal(err)
	}
	h := Handler(root, Options{})
	for _, target := range []string{"/", "/app.js"} {
		b.Run(target, func(b *testing.B) {
			req := httptest.NewRequest("GET", target, nil)
			req.Header.Set("Accept-Encoding", "br")
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}

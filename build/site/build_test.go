package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"

	"scaleup/build/assets"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/calculator/modules"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// fixture returns an in-memory project made of testdata/NAME.txtar, with files replaced or added
// by edits (a nil value... an empty key is ignored; a value of "\x00delete" removes the file).
func fixture(t testing.TB, name string, edits map[string]string) afero.Fs {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	for k, v := range edits {
		if v == "\x00delete" {
			delete(files, k)
			continue
		}
		files[k] = v
	}
	for k, v := range files {
		if err := afero.WriteFile(fsys, k, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func build(t testing.TB, fsys afero.Fs, strict bool, extra ...pipeline.Stage) (*pipeline.Result, error) {
	t.Helper()
	return pipeline.Run(pipeline.Options{Fs: fsys, Strict: strict, Workers: 2, Compression: output.Compression{Page: 5, Max: 5}, Rules: modules.All,
		Stages: append(append([]pipeline.Stage{assets.Stage}, Stages()...), extra...)})
}

// TestBuildGolden builds the fixture and compares every text output with testdata/golden/basic.
// Run `go test ./build/site -run Golden -update` after an intended change and review the diff.
func TestBuildGolden(t *testing.T) {
	fsys := fixture(t, "basic", nil)
	if _, err := build(t, fsys, true); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	got := readTree(t, fsys, "public")
	var paths []string
	for p := range got {
		if !strings.HasSuffix(p, ".br") && !strings.HasSuffix(p, ".gz") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	goldenDir := filepath.Join("testdata", "golden", "basic")
	if *update {
		os.RemoveAll(goldenDir)
		for _, p := range paths {
			full := filepath.Join(goldenDir, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, got[p], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var want []string
	filepath.Walk(goldenDir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(goldenDir, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(want)
	if strings.Join(want, "\n") != strings.Join(paths, "\n") {
		t.Errorf("output files differ from golden:\ngot:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range want {
		w, _ := os.ReadFile(filepath.Join(goldenDir, filepath.FromSlash(p)))
		if !bytes.Equal(got[p], w) {
			t.Errorf("%s differs from golden:\ngot:\n%s\nwant:\n%s", p, got[p], w)
		}
	}
}

func readTree(t testing.TB, fsys afero.Fs, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		out[strings.TrimPrefix(p, dir+"/")] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildFeatures checks what the golden files show, spelled out: URLs, hreflang, translation
// links, Chinese heading ids, paragraph anchors, link localisation, precompressed siblings.
func TestBuildFeatures(t *testing.T) {
	fsys := fixture(t, "basic", nil)
	if _, err := build(t, fsys, true); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	files := readTree(t, fsys, "public")
	tests := []struct {
		file string
		want []string
	}{
		{"index.html", []string{`<html lang="zh-Hans">`, `<link rel="canonical" href="https://example.org/">`,
			`hreflang="en" href="https://example.org/en/"`, `hreflang="x-default" href="https://example.org/"`,
			`<a href="/en/" lang="en">English</a>`, `<a href="/policy/one/#p1">`}},
		{"en/index.html", []string{`<html lang="en">`, `<a href="/en/policy/one/#p1">`, `<a href="/" lang="zh-Hans">中文</a>`}},
		{"policy/one/index.html", []string{`<p id="p1">（一）第一条。对首次“小升规”的工业企业，给予奖励。</p>`, `<h2 id="计算-方法">`,
			`<link rel="canonical" href="https://example.org/policy/one/">`}},
		{"en/policy/one/index.html", []string{"Enterprises that\nupgrade get a <a href=\"/en/policy/one/#how-it-is-computed\">", `<h2 id="how-it-is-computed">`}},
		{"policy/index.html", []string{`<li><a href="/policy/one/">（一）第一条</a>`}},
		{"en/404.html", []string{`<h1>404</h1>`, `The page you were looking for`}},
		{"sitemap.xml", []string{`<loc>https://example.org/en/policy/one/</loc>`, `hreflang="zh-Hans" href="https://example.org/policy/one/"`}},
		{"robots.txt", []string{"Sitemap: https://example.org/sitemap.xml"}},
	}
	for _, tt := range tests {
		got, ok := files[tt.file]
		if !ok {
			t.Errorf("%s was not written", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s lacks %q:\n%s", tt.file, w, got)
			}
		}
	}
	var css string
	for p := range files {
		if strings.HasPrefix(p, "assets/main.") && strings.HasSuffix(p, ".css") {
			css = p
		}
	}
	if css == "" {
		t.Fatal("no fingerprinted main.css")
	}
	if !strings.Contains(string(files["index.html"]), `href="/`+css+`"`) {
		t.Errorf("pages do not link the fingerprinted stylesheet %s", css)
	}
	// Precompressed siblings where output.HasSiblings says, and only there (TestCacheNeverStale
	// builds a page long enough to have them).
	for p, data := range files {
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			continue
		}
		_, br := files[p+".br"]
		_, gz := files[p+".gz"]
		if want := output.HasSiblings(p, len(data)); br != want || gz != want {
			t.Errorf("%s (%d bytes): .br written %v, .gz written %v, want %v", p, len(data), br, gz, want)
		}
	}
}

// TestDeterministic builds the same input twice and requires byte-identical trees.
func TestDeterministic(t *testing.T) {
	a := fixture(t, "basic", nil)
	b := fixture(t, "basic", nil)
	if _, err := build(t, a, true); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, b, true); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a, "public"), readTree(t, b, "public")
	if len(ta) != len(tb) {
		t.Fatalf("builds wrote %d and %d files", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two builds of the same input", p)
		}
	}
}

// TestFailedBuildLeavesOutput breaks the content after a good build: the next build must fail
// and leave public/ exactly as it was, with no temporary folder behind.
func TestFailedBuildLeavesOutput(t *testing.T) {
	fsys := fixture(t, "basic", nil)
	if _, err := build(t, fsys, true); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, fsys, "public")
	afero.WriteFile(fsys, "content/policy/one.zh.md", []byte("---\ntitle: [unclosed\n---\n"), 0o644)
	if _, err := build(t, fsys, true); err == nil {
		t.Fatal("build of broken content succeeded")
	}
	after := readTree(t, fsys, "public")
	if len(before) != len(after) {
		t.Fatalf("public/ had %d files, now %d", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(data, after[p]) {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	for _, dir := range []string{"public.tmp", "public.old"} {
		if ok, _ := afero.Exists(fsys, dir); ok {
			t.Errorf("%s left behind", dir)
		}
	}
}

package site

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/assets"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/search"
	"scaleup/calculator/modules"
)

// TestCacheNeverStale builds the fixture with the output cache (build/output.Cache) on the disk,
// where the output is hard-linked to the cache's objects, and edits a page, a template, an
// asset and a data file in turn. After each edit the cached build must give the same files as a
// build without the cache, and the files that depend on the edit must have changed; the first
// build (empty cache) and the second (warm) must give the same files too.
func TestCacheNeverStale(t *testing.T) {
	mem := fixture(t, "basic", map[string]string{
		// A data file with a page of its own: the department's page shows its name.
		"content/data/departments.yaml": "- id: tax\n  zh: 市税务局\n  en: Municipal Tax Service\n",
		"content/i18n/zh.yaml":          readFixtureFile(t, "content/i18n/zh.yaml") + "departments.page_description: \"{name}负责的条款。\"\n",
		"content/i18n/en.yaml":          readFixtureFile(t, "content/i18n/en.yaml") + "departments.page_description: \"The clauses {name} is responsible for.\"\n",
		// Long enough to be precompressed, so that siblings are checked too.
		"content/policy/one.en.md": strings.Replace(readFixtureFile(t, "content/policy/one.en.md"),
			"## How it is computed", strings.Repeat("The reward is paid once. ", 40)+"\n\n## How it is computed", 1),
	})
	root := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	copyFs(t, mem, fsys)

	cache := output.NewCache(fsys, output.CacheDir)
	buildWith := func(out string, c *output.Cache) map[string][]byte {
		t.Helper()
		_, err := pipeline.Run(pipeline.Options{Fs: fsys, Out: out, Strict: true, Workers: 2, Rules: modules.All,
			Stages:      append([]pipeline.Stage{assets.Stage, search.Stage}, Stages()...),
			Compression: output.Compression{Page: 5, Max: 5, Cache: c}})
		if err != nil {
			t.Fatalf("build failed:\n%v", err)
		}
		return readTree(t, fsys, out)
	}
	same := func(what string, got, want map[string][]byte) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a build without the cache %d", what, len(got), len(want))
		}
		for p, w := range want {
			if !bytes.Equal(got[p], w) {
				t.Errorf("%s: %s differs from a build without the cache", what, p)
			}
		}
	}

	fresh := buildWith("fresh", nil)
	same("empty cache", buildWith("public", cache), fresh)
	same("warm cache", buildWith("public", cache), fresh)
	if _, ok := fresh["en/policy/one/index.html.br"]; !ok {
		t.Fatal("the long page has no .br sibling: the test would not check siblings")
	}

	edits := []struct {
		name, file, old, new string
		changed              []string // files that must change
	}{
		{"a page", "content/policy/one.en.md", "get a", "receive a",
			[]string{"en/policy/one/index.html", "en/policy/one/index.html.br", "en/policy/one/index.html.gz"}},
		{"a template", "templates/layouts/clause.html", "<h1>", `<h1 class="clause">`,
			[]string{"policy/one/index.html", "en/policy/one/index.html", "en/policy/one/index.html.br"}},
		{"an asset", "templates/assets/css/main.css", "#111", "#222",
			[]string{"index.html", "en/policy/one/index.html", "en/policy/one/index.html.gz"}},
		{"a data file", "content/data/departments.yaml", "Municipal Tax Service", "Jincheng Tax Service",
			[]string{"en/departments/tax/index.html"}},
		{"an interface string", "content/i18n/en.yaml", "switch: 中文", "switch: 简体中文",
			[]string{"en/index.html", "en/policy/one/index.html.br"}},
	}
	before := fresh
	for _, e := range edits {
		src, err := afero.ReadFile(fsys, e.file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(src, []byte(e.old)) {
			t.Fatalf("%s lacks %q", e.file, e.old)
		}
		if err := afero.WriteFile(fsys, e.file, bytes.Replace(src, []byte(e.old), []byte(e.new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		want := buildWith("fresh", nil)
		same("after editing "+e.name, buildWith("public", cache), want)
		for _, p := range e.changed {
			if bytes.Equal(before[p], want[p]) {
				t.Errorf("editing %s (%s) left %s as it was", e.name, e.file, p)
			}
		}
		before = want
	}
}

// readFixtureFile returns one file of testdata/basic.txtar.
func readFixtureFile(t *testing.T, name string) string {
	t.Helper()
	data, err := afero.ReadFile(fixture(t, "basic", nil), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// copyFs copies the project in src (content/ and templates/) into dst.
func copyFs(t *testing.T, src, dst afero.Fs) {
	t.Helper()
	for _, dir := range []string{"content", "templates"} {
		copyDir(t, src, dst, dir)
	}
}

func copyDir(t *testing.T, src, dst afero.Fs, dir string) {
	err := afero.Walk(src, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(src, p)
		if err != nil {
			return err
		}
		if err := dst.MkdirAll(dirOf(p), 0o755); err != nil {
			return err
		}
		return afero.WriteFile(dst, p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func dirOf(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[:i]
	}
	return "."
}

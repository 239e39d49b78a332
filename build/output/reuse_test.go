package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"
)

// TestPublishReusesTree: with a cache on the disk, Publish brings the tree before last up to
// date instead of making a new one. Whatever that tree holds (files of other sites, siblings a
// build without compression does not write, a file where a folder goes and the other way
// round, files changed by hand), the output is exactly what a build without cache writes.
func TestPublishReusesTree(t *testing.T) {
	root := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	withSiblings := Compression{Page: 5, Max: 6, Cache: NewCache(fsys, CacheDir)}
	noSiblings := Compression{Skip: true, Cache: withSiblings.Cache}
	site := func(variant int, extra map[string]string) Site {
		s := testSite(30, variant)
		for p, v := range extra {
			s.Add(p, []byte(v))
		}
		return s
	}
	big := string(make([]byte, 2000))
	sites := []struct {
		name string
		s    Site
		c    Compression
	}{
		{"first", site(0, map[string]string{"f": "a file", "gone/a.html": big, "small.html": big}), withSiblings},
		{"second", site(1, map[string]string{"x/y/z.txt": "deep"}), withSiblings},
		{"a folder where a file was, and back", site(2, map[string]string{"f/index.html": "now a folder", "gone": "now a file", "small.html": "no siblings now"}), withSiblings},
		{"without siblings", site(2, map[string]string{"f": "a file again"}), noSiblings},
		{"siblings again", site(3, nil), withSiblings},
		{"without siblings, different pages", site(4, map[string]string{"new/page.html": big}), noSiblings},
	}
	for i, b := range sites {
		fresh := fmt.Sprintf("fresh%d", i)
		c := b.c
		c.Cache = nil
		if err := Publish(fsys, fresh, b.s, c, 2); err != nil {
			t.Fatal(err)
		}
		if i == 4 {
			// By hand in the tree before last, which this build reuses: a file replaced by
			// other bytes, one added.
			oldTree := filepath.Join(root, "public.old")
			if err := os.Remove(filepath.Join(oldTree, "p1/index.html")); err != nil {
				t.Fatal(err)
			}
			for p, v := range map[string]string{"p1/index.html": "stale", "extra.html": "not in the site"} {
				if err := os.WriteFile(filepath.Join(oldTree, p), []byte(v), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := Publish(fsys, "public", b.s, b.c, 2); err != nil {
			t.Fatal(err)
		}
		sameTree(t, b.name, readDir(t, fsys, "public"), readDir(t, fsys, fresh))
	}
}

// TestPrepareKeepsPreviousTree: a build with a cache keeps the tree before last for Publish to
// reuse and removes a killed build's temporary folder; without a cache both go.
func TestPrepareKeepsPreviousTree(t *testing.T) {
	fsys := afero.NewMemMapFs()
	for _, tc := range []struct {
		c       Compression
		keepOld bool
	}{{Compression{Cache: NewCache(fsys, CacheDir)}, true}, {Compression{}, false}} {
		for _, d := range []string{"public.old/a", "public.tmp/a"} {
			if err := fsys.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		Prepare(fsys, "public", tc.c)()
		if ok, _ := afero.DirExists(fsys, "public.old"); ok != tc.keepOld {
			t.Errorf("cache %v: public.old kept %v, want %v", tc.c.Cache != nil, ok, tc.keepOld)
		}
		if ok, _ := afero.DirExists(fsys, "public.tmp"); ok {
			t.Errorf("cache %v: public.tmp kept", tc.c.Cache != nil)
		}
	}
}

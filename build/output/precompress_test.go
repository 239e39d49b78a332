package output

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"
)

// text returns n bytes of compressible text.
func text(n int) []byte { return []byte(strings.Repeat("abcdefghij", n/10+1)[:n]) }

// TestPrecompress: every compressible file of at least MinSiblingSize bytes gets .br and .gz
// siblings that decompress to its bytes; smaller files, other types and Skip get none.
func TestPrecompress(t *testing.T) {
	s := Site{
		"index.html": text(MinSiblingSize), "small.html": text(MinSiblingSize - 1), "a.css": text(2000), "i.wasm": text(MinSiblingSize),
		"photo.png": text(5000), "index.xml": text(MinSiblingSize), "data.json": text(MinSiblingSize), "robots.txt": text(MinSiblingSize),
	}
	Precompress(s, Compression{Page: 5, Max: 5}, 2)
	want := []string{"a.css", "data.json", "i.wasm", "index.html", "index.xml", "robots.txt"}
	var got []string
	for _, p := range sortedPaths(s) {
		if strings.HasSuffix(p, ".br") {
			got = append(got, strings.TrimSuffix(p, ".br"))
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("compressed %q, want %q", got, want)
	}
	for _, p := range want {
		br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(s[p+".br"])))
		if err != nil || !bytes.Equal(br, s[p]) {
			t.Errorf("%s.br does not decompress to %s: %v", p, p, err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(s[p+".gz"]))
		if err != nil {
			t.Fatalf("%s.gz: %v", p, err)
		}
		if gz, err := io.ReadAll(zr); err != nil || !bytes.Equal(gz, s[p]) {
			t.Errorf("%s.gz does not decompress to %s: %v", p, p, err)
		}
	}

	skipped := Site{"index.html": text(5000)}
	Precompress(skipped, Compression{Page: 5, Max: 5, Skip: true}, 1)
	if len(skipped) != 1 {
		t.Errorf("with Skip, the site has %d files", len(skipped))
	}
}

// TestPrecompressQuality: a fingerprinted file of 32 KB or more is compressed at Max quality,
// through the MaxCache when there is one (a second build reads it back); every other file at
// Page quality, not kept there.
func TestPrecompressQuality(t *testing.T) {
	fsys := afero.NewMemMapFs()
	c := Compression{Page: 1, Max: 11, MaxCache: NewCache(fsys, "cache")}
	big, under := text(maxQualityFrom), text(maxQualityFrom-1)
	s := Site{"assets/app.0123456789.js": big, "assets/small.0123456789.js": under, "page.js": big}
	Precompress(s, c, 2)
	brAt := func(data []byte, q int) []byte {
		return (&compressors{br: map[int]*brotli.Writer{}}).compress(".br", q, data)
	}
	for p, q := range map[string]int{"assets/app.0123456789.js": 11, "assets/small.0123456789.js": 1, "page.js": 1} {
		if !bytes.Equal(s[p+".br"], brAt(s[p], q)) {
			t.Errorf("%s.br is not brotli at quality %d", p, q)
		}
	}
	var objects []string
	_ = afero.Walk(fsys, "cache", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			objects = append(objects, p)
		}
		return err
	})
	if len(objects) != 1 {
		t.Fatalf("the cache holds %v, want the one Max-quality file", objects)
	}
	// A later build takes the cached bytes instead of compressing again.
	marker := []byte("from the cache")
	if err := afero.WriteFile(fsys, objects[0], marker, 0o644); err != nil {
		t.Fatal(err)
	}
	again := Site{"assets/app.0123456789.js": big}
	Precompress(again, c, 1)
	if !bytes.Equal(again["assets/app.0123456789.js.br"], marker) {
		t.Errorf("the second build compressed again instead of reading the cache")
	}
	// An empty entry (a disk that filled up) is not a compressed file: compress again.
	if err := afero.WriteFile(fsys, objects[0], nil, 0o644); err != nil {
		t.Fatal(err)
	}
	Precompress(again, c, 1)
	if !bytes.Equal(again["assets/app.0123456789.js.br"], brAt(big, 11)) {
		t.Errorf("an empty cache entry was used")
	}
}

// Package output turns the built site into files: it minifies text files, writes precompressed
// .br and .gz siblings, and swaps the result into the output folder only when everything
// succeeded, so a failed build never leaves a half-written site behind.
package output

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Site is the set of files to write, keyed by path relative to the output folder
// ("index.html", "en/policy/x/index.html", "assets/main.0123456789.css").
type Site map[string][]byte

// Add stores a file. Paths use forward slashes and no leading slash.
func (s Site) Add(p string, data []byte) { s[strings.TrimPrefix(p, "/")] = data }

// mediaTypes decides which minifier and whether to precompress.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".xml":         "text/xml",
	".webmanifest": "application/json",
}

// compressible lists the extensions that get .br and .gz siblings.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".svg": true, ".xml": true,
	".txt": true, ".wasm": true, ".webmanifest": true,
}

// NewMinifier returns the minifier used for every text file. Like Hugo it keeps end tags and
// document tags: smaller gains are not worth pages that some parsers read differently.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// Minify minifies every text file in place, except those for which done reports true: files
// their producer already wrote minified (the search index, thousands of compact JSON files that
// a second pass would only parse to give the same bytes back). done may be nil. A file that
// fails to minify is an error: it would mean broken output (a template that writes invalid
// JSON, say).
//
// Fingerprinted files (name.0123456789.ext) are left as they are: they are final when they are
// named. Their name is a hash of their bytes and the pages carry a Subresource Integrity hash of
// the same bytes (integrity="sha384-…"), which a browser checks before it runs a script or
// applies a stylesheet; minifying them again here would change the bytes under both. Whoever
// fingerprints a file minifies it first (esbuild does for build/assets, build/wasm for its glue).
func Minify(m *minify.M, s Site, workers int, done func(path string) bool) error {
	var paths []string
	for _, p := range sortedPaths(s) {
		if done != nil && done(p) {
			continue
		}
		if _, ok := mediaTypes[path.Ext(p)]; ok && !isFingerprinted(p) {
			paths = append(paths, p)
		}
	}
	out := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = MinifyFile(m, paths[i], s[paths[i]])
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var msgs []string
	for i, p := range paths {
		if errs[i] != nil {
			msgs = append(msgs, fmt.Sprintf("%s: %v", p, errs[i]))
			continue
		}
		s[p] = out[i]
	}
	if len(msgs) > 0 {
		return fmt.Errorf("%s", strings.Join(msgs, "\n"))
	}
	return nil
}

// MinifyFile minifies one file, chosen by its extension; other files come back as they are.
func MinifyFile(m *minify.M, p string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	out, err := m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("cannot minify: %v", err)
	}
	return out, nil
}

// Compression sets how hard to compress. Brotli quality 11 is the smallest but costs about 10 ms
// even for a small file, which adds up over thousands of pages and index chunks. Large
// fingerprinted assets (the stylesheet, scripts, the WebAssembly module: downloaded by every
// visitor, compressed once per content with Cache) use Max; everything else uses Page.
type Compression struct {
	Page, Max int
	Skip      bool // write no .br/.gz (benchmarks that compare with generators that do not precompress)
	// Dir, when set, keeps the Max-quality results in CacheFs under this folder, named by a hash
	// of their content: the 2.4 MB WebAssembly module takes seconds at quality 11, and is the
	// same from one build to the next.
	CacheFs afero.Fs
	Dir     string
}

// DefaultCompression is what `go run ./build` uses.
var DefaultCompression = Compression{Page: 5, Max: 11}

// maxQualityFrom is the size from which a fingerprinted file gets Max quality.
const maxQualityFrom = 32 << 10

// Precompress adds FILE.br and FILE.gz next to every compressible file larger than 512 bytes
// (below that, headers outweigh the gain). Work is spread over workers goroutines.
func Precompress(s Site, c Compression, workers int) {
	if c.Skip {
		return
	}
	var paths []string
	for _, p := range sortedPaths(s) {
		if compressible[path.Ext(p)] && len(s[p]) > 512 {
			paths = append(paths, p)
		}
	}
	type result struct{ br, gz []byte }
	results := make([]result, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	if workers < 1 {
		workers = 1
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One compressor of each kind per worker, reset between files: a new brotli or
			// flate writer allocates and clears about a megabyte of tables, which for
			// thousands of small pages costs more than compressing them.
			z := newCompressors()
			for i := range next {
				p := paths[i]
				q := c.Page
				if isFingerprinted(p) && len(s[p]) >= maxQualityFrom {
					q = c.Max
				}
				results[i] = result{br: z.cachedBrotli(s[p], q, c), gz: z.gzip(s[p])}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range paths {
		s[p+".br"] = results[i].br
		s[p+".gz"] = results[i].gz
	}
}

var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z]+$`)

func isFingerprinted(p string) bool { return fingerprinted.MatchString(p) }

type compressors struct {
	br map[int]*brotli.Writer // by quality
	gz *gzip.Writer
}

func newCompressors() *compressors { return &compressors{br: map[int]*brotli.Writer{}} }

// cachedBrotli compresses data, through the disk cache for Max-quality files when there is one.
func (z *compressors) cachedBrotli(data []byte, quality int, c Compression) []byte {
	if c.CacheFs == nil || c.Dir == "" || quality != c.Max {
		return z.brotli(data, quality)
	}
	sum := hashBytes(data)
	file := fmt.Sprintf("%s/%x.q%d.br", c.Dir, sum[:16], quality)
	if b, err := afero.ReadFile(c.CacheFs, file); err == nil && len(b) > 0 {
		return b
	}
	b := z.brotli(data, quality)
	if c.CacheFs.MkdirAll(c.Dir, 0o755) == nil {
		// Written under a temporary name and renamed: a build killed half-way leaves no truncated entry.
		tmp := file + ".tmp"
		if afero.WriteFile(c.CacheFs, tmp, b, 0o644) == nil {
			_ = c.CacheFs.Rename(tmp, file)
		}
	}
	return b
}

func (z *compressors) brotli(data []byte, quality int) []byte {
	var b bytes.Buffer
	w := z.br[quality]
	if w == nil {
		w = brotli.NewWriterLevel(&b, quality)
		z.br[quality] = w
	} else {
		w.Reset(&b)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

func (z *compressors) gzip(data []byte) []byte {
	var b bytes.Buffer
	if z.gz == nil {
		// gzip.Writer writes no name and a zero time unless told: the output is deterministic.
		z.gz, _ = gzip.NewWriterLevel(&b, gzip.BestCompression)
	} else {
		z.gz.Reset(&b)
	}
	_, _ = z.gz.Write(data)
	_ = z.gz.Close()
	return b.Bytes()
}

func sortedPaths(s Site) []string {
	paths := make([]string, 0, len(s))
	for p := range s {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Package output turns the built site into files: it minifies text files, writes precompressed
// .br and .gz siblings, and swaps the result into the output folder only when everything
// succeeded, so a failed build never leaves a half-written site behind.
package output

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"scaleup/build/parallel"
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
	m.Add("text/html", htmlMinifier)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

var htmlMinifier = &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}

// minifierSettings is part of every minify cache key: a change of NewMinifier's options gives
// new keys. (The other minifiers have no options; the library's version is in the key too.)
var minifierSettings = fmt.Sprintf("html%+v", *htmlMinifier)

// A Minifier minifies files by their extension, through a Cache when it has one: a rebuild
// minifies only the pages whose HTML changed.
type Minifier struct {
	m     *minify.M
	cache *Cache
}

// NewCachedMinifier returns the site's minifier (NewMinifier) with the cache c (nil for none).
func NewCachedMinifier(c *Cache) *Minifier { return &Minifier{m: NewMinifier(), cache: c} }

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
func Minify(m *Minifier, s Site, workers int, done func(path string) bool) error {
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
	parallel.For(len(paths), workers, func(i int) { out[i], errs[i] = MinifyFile(m, paths[i], s[paths[i]]) })
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
// With a cache, bytes minified by an earlier build come from there (checked against their hash).
func MinifyFile(m *Minifier, p string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	var k key
	if m.cache != nil {
		k = minifyKey(mt, data)
		if h, ok := m.cache.minifiedHash(k); ok {
			if out, ok := m.cache.read(h); ok && hashBytes(out) == h {
				return out, nil
			}
		}
	}
	out, err := m.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("cannot minify: %v", err)
	}
	if m.cache != nil {
		// Stored by their own hash: a page's minified HTML is the file Publish writes, which
		// then finds it in the cache.
		h := hashBytes(out)
		if m.cache.store(h, out) == nil {
			m.cache.addMinified(k, h)
		}
	}
	return out, nil
}

// Compression sets how hard to compress. Brotli quality 11 is the smallest but costs about 10 ms
// even for a small file, which adds up over thousands of pages and index chunks. Large
// fingerprinted assets (the stylesheet, scripts, the WebAssembly module: downloaded by every
// visitor, and the same from one build to the next, so compressed once with a Cache) use Max;
// everything else uses Page.
type Compression struct {
	Page, Max int
	Skip      bool // write no .br/.gz (the dev server; benchmarks against generators that do not precompress)
	// Cache, when set, keeps minified and compressed results and the published files (see
	// Cache); nil builds everything afresh (go run ./build -nocache).
	Cache *Cache
	// MaxCache keeps the Max-quality compressions even where Cache is nil: the WebAssembly
	// module's takes seconds, and like the module itself (which -nowasm takes from .cache/wasm)
	// it is made once per content, not once per build.
	MaxCache *Cache
}

// DefaultCompression is what `go run ./build` uses (with a Cache, unless -nocache, and a
// MaxCache in MaxCacheDir).
var DefaultCompression = Compression{Page: 5, Max: 11}

// MaxCacheDir is where the Max-quality compressions are kept (Compression.MaxCache).
const MaxCacheDir = ".cache/brotli"

// maxQualityFrom is the size from which a fingerprinted file gets Max quality.
const maxQualityFrom = 32 << 10

// gzipLevel is the level of every .gz sibling. gzip serves the few clients that do not take
// brotli (browsers on plain http, such as the offline kit on a training room's Wi-Fi). The
// siblings are made with klauspost/compress rather than the standard library: on the
// synthetic site's 6,274 siblings its level 6 takes 390 ms against the standard library's 831
// ms at its default level (6), for files 1.8% larger (22.40 MB against 22.01 MB); gzip was a
// third of the compression time of a full build.
const gzipLevel = 6

// MinSiblingSize is the size from which a file gets precompressed siblings.
const MinSiblingSize = 1024

// HasSiblings reports whether the build writes FILE.br and FILE.gz next to the file at site path
// p of size bytes: text files (and the WebAssembly module) of at least MinSiblingSize bytes.
// A smaller file is served as it is: compressed, it would save a few hundred bytes, less than
// its response's headers, for three files written instead of one. Servers need no rule for it:
// they send a sibling when there is one and the file otherwise (nginx's gzip_static and
// brotli_static, build/serve.Handler).
func HasSiblings(p string, size int) bool {
	return compressible[path.Ext(p)] && size >= MinSiblingSize
}

// ServedSize is the size of the file at site path p as a browser that takes brotli receives it:
// its .br sibling's size (brotliSize, computed by the caller at the level it wants), or its own
// where it has none.
func ServedSize(p string, data []byte, brotliSize func([]byte) int) int {
	if HasSiblings(p, len(data)) {
		return brotliSize(data)
	}
	return len(data)
}

// encodings are the precompressed siblings, in the order they are written.
var encodings = []string{".br", ".gz"}

// level is the setting of encoding enc for the file at site path p.
func (c Compression) level(enc, p string, size int) int {
	if enc == ".gz" {
		return gzipLevel
	}
	if isFingerprinted(p) && size >= maxQualityFrom {
		return c.Max
	}
	return c.Page
}

// Precompress adds the .br and .gz siblings (HasSiblings) to s in memory, through c.Cache when
// there is one; Publish does the same while it writes. Work is spread over workers goroutines.
func Precompress(s Site, c Compression, workers int) {
	if c.Skip {
		return
	}
	var paths []string
	for _, p := range sortedPaths(s) {
		if HasSiblings(p, len(s[p])) {
			paths = append(paths, p)
		}
	}
	results := make([][][]byte, len(paths))
	parallel.For(len(paths), workers, func(i int) {
		z := compressorPool.Get().(*compressors)
		defer compressorPool.Put(z)
		p := paths[i]
		content := hashOnce(s[p])
		for _, enc := range encodings {
			results[i] = append(results[i], z.cached(enc, c.level(enc, p, len(s[p])), s[p], content, c))
		}
	})
	for i, p := range paths {
		for j, enc := range encodings {
			s[p+enc] = results[i][j]
		}
	}
}

var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z]+$`)

func isFingerprinted(p string) bool { return fingerprinted.MatchString(p) }

// compressors are a set of compressors, reused from file to file: a new brotli or flate writer
// allocates and clears about a megabyte of tables, which for thousands of small pages costs
// more than compressing them.
type compressors struct {
	br map[int]*brotli.Writer // by quality
	gz *gzip.Writer
}

// compressorPool keeps compressors for the goroutines that compress.
var compressorPool = sync.Pool{New: func() any { return &compressors{br: map[int]*brotli.Writer{}} }}

// compress returns data in encoding enc (".br" or ".gz") at level.
func (z *compressors) compress(enc string, level int, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	if enc == ".gz" {
		if z.gz == nil {
			// gzip.Writer writes no name and a zero time unless told: the output is deterministic.
			z.gz, _ = gzip.NewWriterLevel(&b, level)
		} else {
			z.gz.Reset(&b)
		}
		_, _ = z.gz.Write(data)
		_ = z.gz.Close()
		return b.Bytes()
	}
	w := z.br[level]
	if w == nil {
		w = brotli.NewWriterLevel(&b, level)
		z.br[level] = w
	} else {
		w.Reset(&b)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

// cached is compress through c's caches: c.Cache, and c.MaxCache for Max-quality brotli.
// content returns the hash of data.
func (z *compressors) cached(enc string, level int, data []byte, content func() key, c Compression) []byte {
	var caches []*Cache
	if c.Cache != nil {
		caches = append(caches, c.Cache)
	}
	if enc == ".br" && level == c.Max && c.MaxCache != nil {
		caches = append(caches, c.MaxCache)
	}
	if len(caches) == 0 {
		return z.compress(enc, level, data)
	}
	k := siblingKey(enc, level, content())
	for _, cache := range caches {
		if b, ok := cache.read(k); ok {
			if cache == c.MaxCache {
				cache.touch(k) // in use: not to be pruned
			}
			return b
		}
	}
	b := z.compress(enc, level, data)
	for _, cache := range caches {
		_ = cache.store(k, b) // a cache that cannot be written only makes the next build slower
	}
	return b
}

func sortedPaths(s Site) []string {
	paths := make([]string, 0, len(s))
	for p := range s {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

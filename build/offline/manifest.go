// Package offline is the build's offline kit: a Finish stage that writes the service worker
// /sw.js with a precache manifest of the finished site, so that after one visit every page,
// the search and the calculator work with the network off.
//
// The worker's code is templates/assets/js/offline/sw.ts; this package only decides which files
// a reader needs offline, names the list after a hash of their contents and compiles the worker
// with the list built in. templates/assets/js/sw-register.ts registers it on every page.
package offline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"

	"scaleup/build/pipeline"
)

// WorkerPath is where the service worker goes: the site root, so that its scope is the whole
// site, and never fingerprinted, so that the browser finds a new version at the same URL.
const WorkerPath = "sw.js"

// Manifest is what the worker precaches.
type Manifest struct {
	Version string   // hash of every listed file's path and content: a new build, a new cache
	URLs    []string // URL paths, sorted: "/", "/en/", "/assets/main.0123456789.css"…
	Bytes   int      // total size of the listed files as the build holds them (before minification)
}

// notOffline are site files a reader never opens: deployment files and files for crawlers.
var notOffline = map[string]bool{
	"_headers":    true,
	"robots.txt":  true,
	"sitemap.xml": true,
	WorkerPath:    true, // the worker is never its own cache entry
}

// Needed reports whether the file at site path p (no leading slash) belongs in the offline
// cache: every page of both languages, the 404 pages, styles, scripts, the search index, the
// calculator's module and its glue, images. Precompressed siblings (.br, .gz) are not: the
// browser caches the decoded response of the file itself.
func Needed(p string) bool {
	if notOffline[p] || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") { // never served
			return false
		}
	}
	return true
}

// NewManifest lists the files of files that a reader needs offline. The version depends on
// every listed path and byte and on nothing else (not on map order or time), so two builds of
// the same input give the same worker, and any change gives a new one.
func NewManifest(files pipeline.Files) Manifest {
	var paths []string
	for p := range files {
		if Needed(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)

	h := sha256.New()
	m := Manifest{URLs: make([]string, 0, len(paths))}
	var n [8]byte
	for _, p := range paths {
		data := files[p]
		// Length-prefixed, so that no two different lists hash the same stream.
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
		binary.BigEndian.PutUint64(n[:], uint64(len(data)))
		h.Write(n[:])
		h.Write(data)
		m.URLs = append(m.URLs, pipeline.URLPath(p))
		m.Bytes += len(data)
	}
	m.Version = hex.EncodeToString(h.Sum(nil)[:8])
	sort.Strings(m.URLs)
	return m
}

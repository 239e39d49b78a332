package main

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// Bytes "as served": the site's server sends FILE.br when the browser accepts
// brotli, so the size of a request is the size of the .br sibling, or of the
// file itself where there is none. Headless Chromium on plain http does not
// always ask for brotli, so sizes are read from disk rather than from the
// wire; what the tab records is which files it fetched.

// servedFile maps a request URL under base to the file it serves in dir, or
// "" for a request to another origin or a file that does not exist.
func servedFile(dir, base, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !strings.HasPrefix(raw, base+"/") {
		return ""
	}
	p := strings.TrimPrefix(u.Path, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	full := filepath.Join(dir, filepath.FromSlash(p))
	if info, err := os.Stat(full); err != nil || info.IsDir() {
		return ""
	}
	return full
}

// brSize is the size of file as the site serves it: its .br sibling, else the
// file. With compressMissing, a file without a sibling is compressed here at
// brotli's best level (what a host with precompression or brotli on the fly
// would send), keeping the smaller of the two: used for Pagefind's files,
// which carry no .br siblings and are partly gzip-compressed already.
func brSize(file string, compressMissing bool) (int, error) {
	if info, err := os.Stat(file + ".br"); err == nil {
		return int(info.Size()), nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	if !compressMissing {
		return len(data), nil
	}
	if n := brotliLen(data); n < len(data) {
		return n, nil
	}
	return len(data), nil
}

func brotliLen(data []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// fetched is the files a tab fetched, with their sizes as served.
type fetched struct {
	files []string // paths relative to the site folder, in request order, each once
	bytes int
}

// sumFetched adds up the requests under base that name a file of dir, each
// file once. keep, when set, selects which files count.
func sumFetched(dir, base string, urls []string, compressMissing bool, keep func(rel string) bool) (fetched, error) {
	var f fetched
	seen := map[string]bool{}
	for _, u := range urls {
		file := servedFile(dir, base, u)
		if file == "" || seen[file] {
			continue
		}
		seen[file] = true
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		if keep != nil && !keep(rel) {
			continue
		}
		n, err := brSize(file, compressMissing)
		if err != nil {
			return f, fmt.Errorf("size of %s: %w", rel, err)
		}
		f.files = append(f.files, rel)
		f.bytes += n
	}
	return f, nil
}

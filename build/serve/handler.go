// Package serve holds the HTTP side of the site: the static file handler used by the dev
// server, the offline executable (build/dist) and browser tests, and the dev server with live
// reload. What every server must send (headers, cache rules) is package deploy's.
package serve

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"scaleup/build/deploy"
)

// Options changes how Handler serves. The zero value serves files as they are.
type Options struct {
	// RewriteHTML, when set, is applied to the body of every HTML response,
	// 404 pages included. The dev server injects its reload script with it.
	// Precompressed siblings of HTML files are not used then, since they
	// hold the bytes before the rewrite.
	RewriteHTML func([]byte) []byte
}

// Handler serves the built site in root the way the production host does:
//
//   - /dir/ serves dir/index.html; /dir redirects to /dir/ when dir exists;
//     there are no directory listings.
//   - A missing file gets the site's 404.html (en/404.html under /en/) with
//     status 404.
//   - Content-Type comes from the extension (see ContentType); never sniffed.
//   - When the client accepts br (or gzip) and FILE.br (FILE.gz) exists, that
//     file is sent with Content-Encoding, and Vary: Accept-Encoding is set on
//     every response of a file that has such a sibling.
//   - Every response carries deploy.SecurityHeaders; files get deploy.CacheControl(name).
//   - Only GET and HEAD are allowed (405 otherwise).
//   - A path that could name something outside root, or that no link on the
//     site can produce (.., encoded slash, backslash, NUL), gets 400. Pass an
//     fs.FS that cannot escape either (DirFS), since a symlink is not visible
//     in the URL.
func Handler(root fs.FS, opts Options) http.Handler {
	return &handler{root: root, opts: opts}
}

type handler struct {
	root fs.FS
	opts Options
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r.URL)
	if !ok {
		http.Error(w, "400 bad request: invalid path", http.StatusBadRequest)
		return
	}

	info, err := fs.Stat(h.root, name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	if info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			redirectToDir(w, r, name)
			return
		}
		name = path.Join(name, "index.html")
		info, err = fs.Stat(h.root, name)
		if err != nil || info.IsDir() {
			h.notFound(w, r)
			return
		}
	} else if strings.HasSuffix(r.URL.Path, "/") {
		// A file asked for as a directory: relative links in it would break.
		h.notFound(w, r)
		return
	}
	h.serveFile(w, r, name, info, http.StatusOK)
}

// fileName turns a request URL into a name for fs.FS ("." for the root), or
// reports false for a path that must not be served.
func fileName(u *url.URL) (string, bool) {
	// Encoded slashes and backslashes give one file several URLs and are a
	// classic way to smuggle ".." past a check; the site never links them.
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, "/"), "/")
	if name == "" {
		return ".", true
	}
	// ValidPath rejects "..", ".", empty elements (//) and a leading slash.
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

func redirectToDir(w http.ResponseWriter, r *http.Request, name string) {
	target := "/"
	if name != "." {
		target = (&url.URL{Path: "/" + name + "/"}).EscapedPath()
	}
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", target)
	w.Header().Set("Cache-Control", deploy.CacheRevalidate)
	w.WriteHeader(http.StatusMovedPermanently)
}

// notFound serves the site's 404 page with status 404: en/404.html for paths
// under /en/, 404.html otherwise (and as the fallback).
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	candidates := []string{"404.html"}
	if r.URL.Path == "/en" || strings.HasPrefix(r.URL.Path, "/en/") {
		candidates = []string{"en/404.html", "404.html"}
	}
	for _, name := range candidates {
		info, err := fs.Stat(h.root, name)
		if err == nil && !info.IsDir() {
			h.serveFile(w, r, name, info, http.StatusNotFound)
			return
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// serveFile sends the file name with the given status. Status 200 goes
// through http.ServeContent, which handles HEAD, Range and
// If-Modified-Since; a 404 page is written as it is.
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, name string, info fs.FileInfo, status int) {
	hdr := w.Header()
	hdr.Set("Content-Type", ContentType(name))
	hdr.Set("Cache-Control", deploy.CacheControl(name))

	if isHTML(name) && h.opts.RewriteHTML != nil {
		data, err := fs.ReadFile(h.root, name)
		if err != nil {
			serverError(w)
			return
		}
		writeBytes(w, r, status, h.opts.RewriteHTML(data), info.ModTime())
		return
	}

	sendName, sendInfo := name, info
	if enc, sibling, sibInfo, found := h.precompressed(r, name); found {
		hdr.Add("Vary", "Accept-Encoding")
		if enc != "" {
			hdr.Set("Content-Encoding", enc)
			// http.ServeContent leaves Content-Length out when Content-Encoding is set (in
			// case the writer compresses): the sibling is sent as it is, so its size is the
			// length, which lets a browser show progress and spares chunked encoding.
			// ServeContent replaces it for a range and drops it for a 304 or an error.
			hdr.Set("Content-Length", strconv.FormatInt(sibInfo.Size(), 10))
			sendName, sendInfo = sibling, sibInfo
		}
	}

	f, err := h.root.Open(sendName)
	if err != nil {
		serverError(w)
		return
	}
	defer f.Close()
	content, err := readSeeker(f)
	if err != nil {
		serverError(w)
		return
	}
	if status == http.StatusOK {
		http.ServeContent(w, r, name, sendInfo.ModTime(), content)
		return
	}
	hdr.Set("Content-Length", strconv.FormatInt(sendInfo.Size(), 10))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, content)
	}
}

// precompressed looks for name.br and name.gz. It returns the encoding to
// send ("" for none) with the sibling's name and info, and whether any
// sibling exists (then the response varies by Accept-Encoding).
func (h *handler) precompressed(r *http.Request, name string) (enc, sibling string, info fs.FileInfo, found bool) {
	accept := r.Header.Get("Accept-Encoding")
	for _, c := range []struct{ enc, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		si, err := fs.Stat(h.root, name+c.ext)
		if err != nil || si.IsDir() {
			continue
		}
		found = true
		if enc == "" && acceptsEncoding(accept, c.enc) {
			enc, sibling, info = c.enc, name+c.ext, si
		}
	}
	return enc, sibling, info, found
}

// acceptsEncoding reports whether an Accept-Encoding header lists enc with a
// quality above zero. A bare "*" is not taken as a yes: old proxies send it
// without handling brotli.
func acceptsEncoding(header, enc string) bool {
	for part := range strings.SplitSeq(header, ",") {
		token, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(token), enc) {
			continue
		}
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// readSeeker returns f as an io.ReadSeeker; os files are one already, other
// fs.FS implementations are read into memory.
func readSeeker(f fs.File) (io.ReadSeeker, error) {
	if rs, ok := f.(io.ReadSeeker); ok {
		return rs, nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(data), nil
}

// writeBytes sends data with status: through ServeContent for 200 (so HEAD
// and conditional requests work), as it is otherwise.
func writeBytes(w http.ResponseWriter, r *http.Request, status int, data []byte, modtime time.Time) {
	if status == http.StatusOK {
		http.ServeContent(w, r, "", modtime, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serverError answers a file that exists but cannot be read. The error text
// stays out of the response: it holds paths of the serving machine.
func serverError(w http.ResponseWriter) {
	http.Error(w, "500 internal server error", http.StatusInternalServerError)
}

// setSecurityHeaders writes the site's security headers (deploy.SecurityHeaders) into h.
func setSecurityHeaders(h http.Header) {
	for _, sh := range deploy.SecurityHeaders {
		h.Set(sh.Name, sh.Value)
	}
}

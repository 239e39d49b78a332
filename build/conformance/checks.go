package conformance

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"scaleup/build/deploy"
)

// requiredHeaders must be among deploy.SecurityHeaders: the suite checks them whatever that list
// becomes.
var requiredHeaders = []string{
	"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
	"Permissions-Policy", "Cross-Origin-Opener-Policy",
}

func checkHeaders(c *checker) {
	want := deploy.Headers()
	for _, name := range requiredHeaders {
		if want[name] == "" {
			c.errorf("build/deploy.SecurityHeaders has no %s", name)
		}
	}
	check := func(r *response) {
		if r == nil {
			return
		}
		for _, h := range deploy.SecurityHeaders {
			switch got := r.header.Values(h.Name); {
			case len(got) == 0:
				c.errorf("%s (status %d): no %s header", r.req, r.status, h.Name)
			case len(got) > 1:
				c.errorf("%s (status %d): %s sent %d times", r.req, r.status, h.Name, len(got))
			case got[0] != h.Value:
				c.errorf("%s (status %d): %s = %q, want %q", r.req, r.status, h.Name, got[0], h.Value)
			}
		}
	}
	for _, p := range c.tg.Site.Pages {
		check(c.do("GET", p))
		check(c.do("GET", p, "Accept-Encoding", "br, gzip"))
	}
	for _, f := range c.tg.Site.Files {
		check(c.do("GET", fileURL(f)))
	}
	check(c.do("GET", "/no-such-page/"))
	check(c.do("GET", "/en/no-such-page/", "Accept-Encoding", "br, gzip"))
	check(c.do("HEAD", "/"))
	check(c.do("POST", "/"))
	if p := firstSubPage(c.tg.Site); p != "" {
		check(c.do("GET", strings.TrimSuffix(p, "/")))
	}
	for _, w := range c.tg.Site.FilesWithExt(".wasm") {
		check(c.do("GET", fileURL(w), "Range", "bytes=0-99"))
		check(c.do("HEAD", fileURL(w)))
	}
	if r := c.do("GET", "/"); r != nil {
		if etag := r.header.Get("ETag"); etag != "" {
			check(c.do("GET", "/", "If-None-Match", etag))
		} else if lm := r.header.Get("Last-Modified"); lm != "" {
			check(c.do("GET", "/", "If-Modified-Since", lm))
		}
	}
}

// firstSubPage is a page other than the home page, "" when there is none.
func firstSubPage(s *Site) string {
	for _, p := range s.Pages {
		if p != "/" {
			return p
		}
	}
	return ""
}

func checkPages(c *checker) {
	for _, p := range c.tg.Site.Pages {
		r := c.get(http.StatusOK, p)
		if r == nil {
			continue
		}
		c.wantHTML(r)
		if cc := r.header.Get("Cache-Control"); !isRevalidated(cc) {
			c.errorf("%s: Cache-Control %q, want the page revalidated (no-cache)", r.req, cc)
		}
	}
}

// wantHTML reports an answer that is not an HTML page in UTF-8.
func (c *checker) wantHTML(r *response) {
	if typ, charset := mediaType(r.header.Get("Content-Type")); typ != "text/html" || charset != "utf-8" {
		c.errorf("%s: Content-Type %q, want text/html; charset=utf-8", r.req, r.header.Get("Content-Type"))
	}
}

func checkFiles(c *checker) {
	for _, f := range c.tg.Site.Files {
		r := c.get(http.StatusOK, fileURL(f))
		if r == nil {
			continue
		}
		if enc := r.header.Get("Content-Encoding"); enc != "" {
			c.errorf("%s: Content-Encoding %q to a client that accepts none", r.req, enc)
			continue
		}
		if want := c.read(f); !bytes.Equal(r.body, want) {
			c.errorf("%s: %d bytes differ from the built file's %d", r.req, len(r.body), len(want))
		}
	}
}

// contentTypes are the media types a file may be served as, by extension; the charset, when
// sent, must be utf-8. Every extension of the site must be here, so a new kind of file cannot
// reach a server that does not know its type (nginx takes types from its mime.types).
var contentTypes = map[string][]string{
	".html":        {"text/html"},
	".css":         {"text/css"},
	".js":          {"text/javascript", "application/javascript"},
	".mjs":         {"text/javascript", "application/javascript"},
	".json":        {"application/json"},
	".wasm":        {"application/wasm"},
	".webmanifest": {"application/manifest+json"},
	".svg":         {"image/svg+xml"},
	".png":         {"image/png"},
	".ico":         {"image/x-icon", "image/vnd.microsoft.icon"},
	".webp":        {"image/webp"},
	".woff2":       {"font/woff2"},
	".xml":         {"application/xml", "text/xml"},
	".txt":         {"text/plain"},
	".csv":         {"text/csv"},
	".pdf":         {"application/pdf"},
}

func checkContentTypes(c *checker) {
	for _, f := range c.tg.Site.Files {
		ext := strings.ToLower(path.Ext(f))
		if ext == "" {
			continue // _headers: deploy files for other hosts, not linked from any page
		}
		want, ok := contentTypes[ext]
		if !ok {
			c.errorf("%s: the site has a %s file, which the suite has no Content-Type for: add it to contentTypes (and check nginx's mime.types)", f, ext)
			continue
		}
		r := c.get(http.StatusOK, fileURL(f))
		if r == nil {
			continue
		}
		value := r.header.Get("Content-Type")
		typ, charset := mediaType(value)
		switch {
		case !slices.Contains(want, typ):
			c.errorf("%s: Content-Type %q, want %s", r.req, value, strings.Join(want, " or "))
		case charset != "" && charset != "utf-8":
			c.errorf("%s: Content-Type %q: the files are UTF-8", r.req, value)
		case ext == ".html" && charset != "utf-8":
			c.errorf("%s: Content-Type %q, want charset=utf-8 for HTML", r.req, value)
		}
	}
}

func checkCacheControl(c *checker) {
	for _, f := range c.tg.Site.Files {
		r := c.get(http.StatusOK, fileURL(f))
		if r == nil {
			continue
		}
		cc := r.header.Get("Cache-Control")
		if !deploy.IsHashed(f) {
			if !isRevalidated(cc) {
				c.errorf("%s: Cache-Control %q, want it revalidated (no-cache): its name does not change with its content", r.req, cc)
			}
			continue
		}
		d := directives(cc)
		maxAge, err := strconv.Atoi(d["max-age"])
		if _, ok := d["immutable"]; !ok || err != nil || maxAge < 31536000 {
			c.errorf("%s: Cache-Control %q, want %q for a fingerprinted file", r.req, cc, deploy.CacheImmutable)
		}
	}
}

func checkPrecompressed(c *checker) {
	for _, f := range c.tg.Site.Files {
		c.checkEncodings(fileURL(f), f)
	}
	for _, p := range c.tg.Site.Pages {
		c.checkEncodings(p, strings.TrimPrefix(p, "/")+"index.html")
	}
}

// checkEncodings asks for target (which serves the site file name) as clients with different
// Accept-Encoding headers do.
func (c *checker) checkEncodings(target, name string) {
	identity := c.read(name)
	siblings := c.tg.Site.Siblings(name)
	var identityType string
	for _, accept := range []string{"", "br", "gzip", "br, gzip"} {
		r := c.get(http.StatusOK, target, "Accept-Encoding", accept)
		if r == nil {
			continue
		}
		enc := r.header.Get("Content-Encoding")
		// The sibling the server must send: brotli first, when accepted and present.
		want := ""
		for _, e := range encodings {
			if _, ok := siblings[e.name]; ok && strings.Contains(accept, e.name) {
				want = e.name
				break
			}
		}
		switch {
		case accept == "":
			identityType = r.header.Get("Content-Type")
			if enc != "" {
				c.errorf("%s: Content-Encoding %q to a client that accepts none", r.req, enc)
				continue
			}
		case want != "" && enc != want:
			c.errorf("%s: Content-Encoding %q, want %q (%s exists)", r.req, enc, want, siblings[want])
			continue
		case enc != "" && !strings.Contains(accept, enc):
			c.errorf("%s: Content-Encoding %q, which the client did not accept", r.req, enc)
			continue
		}
		if enc != "" {
			if !varies(r.header) {
				c.errorf("%s: Content-Encoding %s without Vary: Accept-Encoding (a shared cache would give it to any client)", r.req, enc)
			}
			if got := r.header.Get("Content-Type"); got != identityType {
				c.errorf("%s: Content-Type %q, but %q without encoding", r.req, got, identityType)
			}
		}
		if sib, ok := siblings[enc]; ok {
			b := c.read(sib)
			if !bytes.Equal(r.body, b) {
				c.errorf("%s: the body is not %s (%d bytes, want %d)", r.req, sib, len(r.body), len(b))
			}
			// The size is known: a browser shows the download's progress from it.
			if cl := r.header.Get("Content-Length"); enc != "" && cl != strconv.Itoa(len(b)) {
				c.errorf("%s: Content-Length %q, want %d, the size of %s", r.req, cl, len(b), sib)
			}
		}
		plain, err := decode(enc, r.body)
		if err != nil {
			c.errorf("%s: decoding %s: %v", r.req, enc, err)
		} else if !bytes.Equal(plain, identity) {
			c.errorf("%s: decodes to %d bytes that differ from %s (%d bytes)", r.req, len(plain), name, len(identity))
		}
	}
}

func checkWasm(c *checker) {
	modules := c.tg.Site.FilesWithExt(".wasm")
	if len(modules) == 0 {
		c.errorf("the site has no .wasm file: the calculator's module is missing")
	}
	for _, m := range modules {
		data := c.read(m)
		size := len(data)
		target := fileURL(m)
		if r := c.get(http.StatusOK, target); r != nil {
			if typ, _ := mediaType(r.header.Get("Content-Type")); typ != "application/wasm" {
				c.errorf("%s: Content-Type %q, want application/wasm (WebAssembly.instantiateStreaming refuses anything else)", r.req, r.header.Get("Content-Type"))
			}
		}
		if r := c.do("HEAD", target); r != nil {
			if r.status != http.StatusOK || len(r.body) != 0 || r.header.Get("Content-Length") != strconv.Itoa(size) {
				c.errorf("%s: status %d, Content-Length %q, %d body bytes; want 200, %d, no body", r.req, r.status, r.header.Get("Content-Length"), len(r.body), size)
			}
			if typ, _ := mediaType(r.header.Get("Content-Type")); typ != "application/wasm" {
				c.errorf("%s: Content-Type %q, want application/wasm", r.req, r.header.Get("Content-Type"))
			}
		}
		if br, ok := c.tg.Site.Siblings(m)["br"]; ok {
			if r := c.do("HEAD", target, "Accept-Encoding", "br"); r != nil {
				brData := c.read(br)
				if r.header.Get("Content-Encoding") != "br" || r.header.Get("Content-Length") != strconv.Itoa(len(brData)) || len(r.body) != 0 {
					c.errorf("%s: Content-Encoding %q, Content-Length %q, %d body bytes; want br, %d, no body", r.req, r.header.Get("Content-Encoding"), r.header.Get("Content-Length"), len(r.body), len(brData))
				}
			}
		}
		if size < 2048 {
			c.errorf("%s is only %d bytes: not the calculator's module", m, size)
			continue
		}
		for _, rg := range []struct {
			spec       string
			start, end int // the bytes wanted, end exclusive
		}{
			{"bytes=0-1023", 0, 1024},
			{"bytes=1000-1999", 1000, 2000},
			{"bytes=-100", size - 100, size},
			{fmt.Sprintf("bytes=%d-", size-10), size - 10, size},
		} {
			r := c.get(http.StatusPartialContent, target, "Range", rg.spec)
			if r == nil {
				continue
			}
			wantRange := fmt.Sprintf("bytes %d-%d/%d", rg.start, rg.end-1, size)
			if got := r.header.Get("Content-Range"); got != wantRange {
				c.errorf("%s: Content-Range %q, want %q", r.req, got, wantRange)
			}
			if !bytes.Equal(r.body, data[rg.start:rg.end]) {
				c.errorf("%s: %d bytes that are not bytes %d-%d of the module", r.req, len(r.body), rg.start, rg.end-1)
			}
		}
		c.get(http.StatusRequestedRangeNotSatisfiable, target, "Range", fmt.Sprintf("bytes=%d-", size))
	}
}

func checkRevalidation(c *checker) {
	targets := []string{"/"}
	if p := firstSubPage(c.tg.Site); p != "" {
		targets = append(targets, p)
	}
	for _, f := range c.tg.Site.Files {
		if deploy.IsHashed(f) {
			targets = append(targets, fileURL(f)) // revalidated when the browser's copy expires
			break
		}
	}
	for _, target := range targets {
		for _, accept := range []string{"", "br, gzip"} {
			r := c.get(http.StatusOK, target, "Accept-Encoding", accept)
			if r == nil {
				continue
			}
			var validator []string
			if etag := r.header.Get("ETag"); etag != "" {
				validator = []string{"If-None-Match", etag}
			} else if lm := r.header.Get("Last-Modified"); lm != "" {
				validator = []string{"If-Modified-Since", lm}
			} else {
				c.errorf("%s: neither ETag nor Last-Modified: a browser must download it again on every visit", r.req)
				continue
			}
			again := c.get(http.StatusNotModified, target, "Accept-Encoding", accept, validator[0], validator[1])
			if again != nil && len(again.body) != 0 {
				c.errorf("%s: 304 with %d body bytes", again.req, len(again.body))
			}
		}
	}
}

// notFoundCases are unknown paths and the 404 page each must get.
var notFoundCases = []struct{ target, page string }{
	{"/no-such-page/", "404.html"},
	{"/no-such-page", "404.html"},
	{"/policy/no-such-clause/", "404.html"},
	{"/no-such-file.js", "404.html"},
	{"/assets/no-such-file.0123456789.js", "404.html"},
	{"/english/", "404.html"},
	{"/en/no-such-page/", "en/404.html"},
	{"/en/policy/no-such-clause/", "en/404.html"},
	{"/en/no-such-file.css", "en/404.html"},
}

func checkNotFound(c *checker) {
	for _, tc := range notFoundCases {
		want := pageIdentity(c.read(tc.page))
		for _, accept := range []string{"", "br, gzip"} {
			r := c.get(http.StatusNotFound, tc.target, "Accept-Encoding", accept)
			if r == nil {
				continue
			}
			c.wantHTML(r)
			if cc := r.header.Get("Cache-Control"); cc != "" && !isRevalidated(cc) {
				c.errorf("%s: Cache-Control %q on a 404: the file may be published later", r.req, cc)
			}
			body, err := decode(r.header.Get("Content-Encoding"), r.body)
			if err != nil {
				c.errorf("%s: %v", r.req, err)
				continue
			}
			if got := pageIdentity(body); got != want {
				c.errorf("%s: the page %s, want /%s (%s)", r.req, got, tc.page, want)
			}
		}
	}
	// A folder without index.html (assets/): refused (403) or not found, never listed.
	for _, f := range c.tg.Site.Files {
		dir := path.Dir(f)
		if dir == "." {
			continue
		}
		if _, err := c.tg.Site.Read(path.Join(dir, "index.html")); err == nil {
			continue
		}
		r := c.do("GET", fileURL(dir)+"/")
		if r != nil && (r.status != http.StatusNotFound && r.status != http.StatusForbidden || bytes.Contains(r.body, []byte(path.Base(f)))) {
			c.errorf("%s: status %d; a folder without index.html must answer 404 or 403, without listing its files", r.req, r.status)
		}
		break
	}
}

// pageIdentity describes an HTML page by its language and title, which the dev server's
// rewriting keeps.
func pageIdentity(html []byte) string {
	lang, title := "", ""
	if _, after, ok := bytes.Cut(html, []byte("<html")); ok {
		if tag, _, ok := bytes.Cut(after, []byte(">")); ok {
			if _, v, ok := bytes.Cut(tag, []byte("lang=")); ok {
				lang = strings.Trim(strings.Fields(string(v) + " ")[0], `"'`)
			}
		}
	}
	if _, after, ok := bytes.Cut(html, []byte("<title>")); ok {
		t, _, _ := bytes.Cut(after, []byte("</title>"))
		title = string(t)
	}
	return fmt.Sprintf("lang %q titled %q", lang, title)
}

func checkRedirects(c *checker) {
	withQuery := true
	for _, p := range c.tg.Site.Pages {
		if p == "/" {
			continue
		}
		target := strings.TrimSuffix(p, "/")
		if withQuery {
			target += "?lang=zh&x=1"
		}
		r := c.do("GET", target)
		if r == nil {
			continue
		}
		if r.status != http.StatusMovedPermanently && r.status != http.StatusPermanentRedirect {
			c.errorf("%s: status %d, want a redirect (301 or 308) to %s", r.req, r.status, p)
			continue
		}
		base, _ := url.Parse(c.tg.URL + target)
		loc, err := base.Parse(r.header.Get("Location"))
		want := p
		if withQuery {
			want += "?lang=zh&x=1"
		}
		if err != nil || loc.Host != base.Host || loc.RequestURI() != want {
			c.errorf("%s: Location %q, want %s on the same host", r.req, r.header.Get("Location"), want)
		}
		withQuery = false
	}
}

// refreshTarget finds the target of a redirecting page's <meta http-equiv=refresh content="0;
// url=…">, as minified or not; "" when there is none.
func refreshTarget(html []byte) string {
	lower := strings.ToLower(string(html))
	i := strings.Index(lower, "http-equiv=refresh")
	if i < 0 {
		i = strings.Index(lower, `http-equiv="refresh"`)
	}
	if i < 0 {
		return ""
	}
	tagStart := strings.LastIndex(lower[:i], "<meta")
	tagEnd := strings.Index(lower[i:], ">")
	if tagStart < 0 || tagEnd < 0 {
		return ""
	}
	tag := string(html[tagStart : i+tagEnd])
	j := strings.Index(strings.ToLower(tag), "url=")
	if j < 0 {
		return ""
	}
	return strings.Trim(strings.Fields(tag[j+4:] + " ")[0], `"'`)
}

func checkMoved(c *checker) {
	for _, p := range c.tg.Site.Pages {
		html, err := c.tg.Site.Read(strings.TrimPrefix(p, "/") + "index.html")
		if err != nil {
			c.errorf("reading the page %s: %v", p, err)
			continue
		}
		to := refreshTarget(html)
		if to == "" || !strings.HasPrefix(to, "/") {
			continue
		}
		r := c.do("GET", p)
		if r == nil {
			continue
		}
		switch {
		case r.status >= 300 && r.status < 400:
			base, _ := url.Parse(c.tg.URL + p)
			if loc, err := base.Parse(r.header.Get("Location")); err != nil || loc.Path != to {
				c.errorf("%s (moved to %s): Location %q", r.req, to, r.header.Get("Location"))
			}
		case r.status == http.StatusOK:
			if refreshTarget(r.body) != to {
				c.errorf("%s (moved to %s): 200 without the redirect page", r.req, to)
			}
		default:
			c.errorf("%s (moved to %s): status %d, want a redirect or the redirect page", r.req, to, r.status)
		}
		c.get(http.StatusOK, to)
	}
}

func checkMethods(c *checker) {
	for _, target := range []string{"/", firstSubPage(c.tg.Site)} {
		if target == "" {
			continue
		}
		get := c.get(http.StatusOK, target)
		head := c.do("HEAD", target)
		if get == nil || head == nil {
			continue
		}
		if head.status != http.StatusOK || len(head.body) != 0 {
			c.errorf("%s: status %d with %d body bytes, want 200 and no body", head.req, head.status, len(head.body))
		}
		if cl := head.header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(get.body)) {
			c.errorf("%s: Content-Length %s, but GET sends %d bytes", head.req, cl, len(get.body))
		}
		if head.header.Get("Content-Type") != get.header.Get("Content-Type") {
			c.errorf("%s: Content-Type %q, GET's is %q", head.req, head.header.Get("Content-Type"), get.header.Get("Content-Type"))
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE"} {
		if r := c.do(method, "/index.html"); r != nil && r.status < 300 {
			c.errorf("%s: status %d: a static site accepts no writes", r.req, r.status)
		}
	}
}

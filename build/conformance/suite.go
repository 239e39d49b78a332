// Package conformance checks what every server of the built site must do, with the same checks
// for each: nginx with the configuration `go run ./build nginx` prints, the offline executable
// dist/scaleup-site, and the dev server. It also starts those servers (nginx.go, binary.go), for
// its tests and for the load benchmark (`go run ./build/bench load`).
//
// A check is a function of a running server (its base URL) and the built site it serves (the
// files, to enumerate pages and compare bytes); it returns what it found wrong as values, so a
// test can also show that a check fails when a server is wrong.
package conformance

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// Target is a running server of a built site.
type Target struct {
	URL    string // base URL without a trailing slash: http://127.0.0.1:PORT
	Site   *Site  // what it serves
	Secret string // the content of a file beside the site's folder, which no request may get
}

// Check is one requirement on a server.
type Check struct {
	Name string // short and stable: tests name the checks that do not apply to a server
	Doc  string // what the server must do
	run  func(c *checker)
}

// Checks are every requirement, in the order they run.
var Checks = []Check{
	{"headers", "every response (pages, files, 404, redirects, HEAD, ranges, 304, refused methods) carries each security header of build/serve once, with its value", checkHeaders},
	{"pages", "every page of the site answers 200 as text/html; charset=utf-8, revalidated (Cache-Control no-cache)", checkPages},
	{"files", "every file of the site, asked for without Accept-Encoding, answers 200 with its exact bytes", checkFiles},
	{"content-types", "every file has the Content-Type of its extension; .wasm is application/wasm", checkContentTypes},
	{"cache-control", "fingerprinted files (name.0123abcd.ext) are cached for a year as immutable; everything else is revalidated", checkCacheControl},
	{"precompressed", "Accept-Encoding br gets the .br sibling with Content-Encoding: br, gzip the .gz, neither the file itself; encoded answers carry Vary: Accept-Encoding and their Content-Length; all decode to the same bytes", checkPrecompressed},
	{"wasm", "the WebAssembly module answers HEAD and Range requests (206, suffix ranges, 416 past the end)", checkWasm},
	{"revalidation", "a page or file asked for again with its validator (ETag or Last-Modified) answers 304 without a body", checkRevalidation},
	{"not-found", "an unknown path answers 404 with the 404 page of its language (/en/… English); a folder is never listed", checkNotFound},
	{"redirects", "every page asked for without its trailing slash redirects to it (301 or 308), keeping the query", checkRedirects},
	{"moved", "every URL the site moved (a page that redirects with <meta http-equiv=refresh>) still answers and leads to a page that exists", checkMoved},
	{"methods", "HEAD answers like GET without a body; POST, PUT and DELETE never succeed", checkMethods},
	{"paths", "no request path (.., %2e%2e, encoded slashes and backslashes, NUL, over-long paths) reaches outside the site's folder or makes the server fail (5xx)", checkPaths},
}

// CheckNamed returns the check called name.
func CheckNamed(name string) (Check, bool) {
	i := slices.IndexFunc(Checks, func(c Check) bool { return c.Name == name })
	if i < 0 {
		return Check{}, false
	}
	return Checks[i], true
}

// maxFailures bounds the messages of one check: the first ones tell what is wrong.
const maxFailures = 20

// Failures runs the check against tg and returns what it found wrong, one message each; nil
// when the server meets the requirement.
func (ch Check) Failures(tg *Target) []string {
	c := &checker{tg: tg, client: newClient()}
	defer c.client.CloseIdleConnections()
	ch.run(c)
	if c.more > 0 {
		c.failures = append(c.failures, fmt.Sprintf("… and %d more", c.more))
	}
	return c.failures
}

// Test runs every check against tg as a subtest of t. The checks named in notApplicable (name:
// why) are not run; the log says why.
func Test(t *testing.T, tg *Target, notApplicable map[string]string) {
	t.Helper()
	for name := range notApplicable {
		if _, ok := CheckNamed(name); !ok {
			t.Fatalf("no check is called %q", name)
		}
	}
	for _, ch := range Checks {
		if why, ok := notApplicable[ch.Name]; ok {
			t.Logf("not applicable to this server: %s (%s)", ch.Name, why)
			continue
		}
		t.Run(ch.Name, func(t *testing.T) {
			failures := ch.Failures(tg)
			if len(failures) > 0 {
				t.Errorf("the rule: %s", ch.Doc)
			}
			for _, f := range failures {
				t.Error(f)
			}
		})
	}
}

// checker runs one check against one server and collects its failures.
type checker struct {
	tg       *Target
	client   *http.Client
	failures []string
	more     int // failures beyond maxFailures
}

func (c *checker) errorf(format string, args ...any) {
	if len(c.failures) >= maxFailures {
		c.more++
		return
	}
	c.failures = append(c.failures, fmt.Sprintf(format, args...))
}

// newClient returns a client that shows each response as the server sent it: no redirect
// followed, nothing decompressed. The timeout only keeps a hung server from hanging the test.
func newClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Timeout: time.Minute,
	}
}

// response is an answer read whole.
type response struct {
	req    string // "GET /path (Accept-Encoding: br)", for messages
	status int
	header http.Header
	body   []byte
}

// do sends method target (a path with its query, escaped as it goes on the wire) with the
// headers given as name, value pairs (an empty value sends no header). A request that fails is
// reported and gives nil.
func (c *checker) do(method, target string, header ...string) *response {
	desc := method + " " + target
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			desc += fmt.Sprintf(" (%s: %s)", header[i], header[i+1])
		}
	}
	req, err := http.NewRequest(method, c.tg.URL+target, nil)
	if err != nil {
		c.errorf("%s: %v", desc, err)
		return nil
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" { // so that callers can pass "no Accept-Encoding" in a table
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.errorf("%s: %v", desc, err)
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.errorf("%s: reading the body: %v", desc, err)
		return nil
	}
	return &response{req: desc, status: resp.StatusCode, header: resp.Header, body: body}
}

// get is do("GET", …) that also requires the given status; nil when it differs.
func (c *checker) get(status int, target string, header ...string) *response {
	r := c.do(http.MethodGet, target, header...)
	if r == nil {
		return nil
	}
	if r.status != status {
		c.errorf("%s: status %d, want %d", r.req, r.status, status)
		return nil
	}
	return r
}

// read returns a site file's bytes, reporting a failure to read it.
func (c *checker) read(name string) []byte {
	b, err := c.tg.Site.Read(name)
	if err != nil {
		c.errorf("reading the built site: %v", err)
	}
	return b
}

// fileURL is the escaped URL path of a site file.
func fileURL(name string) string {
	return (&url.URL{Path: "/" + name}).EscapedPath()
}

// mediaType returns the media type of a Content-Type value and its charset ("" when none).
func mediaType(value string) (typ, charset string) {
	typ, params, err := mime.ParseMediaType(value)
	if err != nil {
		return "", ""
	}
	return typ, strings.ToLower(params["charset"])
}

// directives parses a Cache-Control value into its directives (lower case) and values.
func directives(value string) map[string]string {
	m := map[string]string{}
	for part := range strings.SplitSeq(value, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if k != "" {
			m[strings.ToLower(k)] = strings.Trim(v, `"`)
		}
	}
	return m
}

// isRevalidated reports whether a Cache-Control value makes caches ask the server before each use.
func isRevalidated(value string) bool {
	d := directives(value)
	_, noCache := d["no-cache"]
	_, immutable := d["immutable"]
	return (noCache || d["max-age"] == "0") && !immutable
}

// varies reports whether a Vary header lists Accept-Encoding.
func varies(h http.Header) bool {
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") || strings.TrimSpace(f) == "*" {
				return true
			}
		}
	}
	return false
}

// decode undoes a Content-Encoding.
func decode(encoding string, body []byte) ([]byte, error) {
	switch strings.ToLower(encoding) {
	case "":
		return body, nil
	case "br":
		return io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	return nil, fmt.Errorf("unknown Content-Encoding %q", encoding)
}

package serve

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSite is a stand-in for the generator: its Build reads src/page.txt and
// writes a three-file site, replacing the output folder the way the real
// generator does (build beside it, then rename).
type fakeSite struct {
	src, out string
	builds   atomic.Int32
}

func newFakeSite(t *testing.T, page string) *fakeSite {
	t.Helper()
	dir := t.TempDir()
	f := &fakeSite{src: filepath.Join(dir, "src"), out: filepath.Join(dir, "public")}
	writeTree(t, f.src, map[string]string{"page.txt": page})
	return f
}

func (f *fakeSite) edit(t *testing.T, page string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(f.src, "page.txt"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (f *fakeSite) build() error {
	f.builds.Add(1)
	text, err := os.ReadFile(filepath.Join(f.src, "page.txt"))
	if err != nil {
		return err
	}
	switch page := string(text); {
	case strings.HasPrefix(page, "ERROR"):
		return errors.New("content/a.md:1:2: bad <b>tag</b> & more\n\ncontent/b.md:3:4: second problem\n")
	case strings.HasPrefix(page, "PANIC"):
		panic("boom")
	}
	tmp, old := f.out+".tmp", f.out+".old"
	os.RemoveAll(tmp)
	files := map[string]string{
		"index.html": "<!doctype html><html><head><title>t</title></head><body>" + string(text) + "</body></html>",
		"404.html":   "<!doctype html><html><head></head><body>missing</body></html>",
		"style.css":  "body{margin:0}",
	}
	for name, body := range files {
		if err := os.MkdirAll(tmp, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	os.RemoveAll(old)
	if err := os.Rename(f.out, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, f.out); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type devRun struct {
	url  string
	log  *syncBuffer
	stop func() // cancels Run and waits for it to return
}

// startDev runs a Dev for f on a free port and waits until it serves.
func startDev(t *testing.T, f *fakeSite, build func() error) *devRun {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	d := &Dev{OutDir: f.out, Watch: []string{f.src}, Build: build, Log: log, Listener: ln, Poll: 20 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	run := &devRun{url: "http://" + ln.Addr().String(), log: log}
	var once sync.Once
	run.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run returned %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("Run did not return after its context ended")
			}
		})
	}
	t.Cleanup(run.stop)
	waitFor(t, "the server to print its URL", func() bool { return strings.Contains(log.String(), "serving ") })
	return run
}

// waitFor polls cond; the timeout only bounds a broken test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// events opens /_dev/events and returns a channel of the build ids it sends.
func events(t *testing.T, base string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_dev/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type = %q", ct)
	}
	ids := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ids <- id
			}
		}
	}()
	return ids
}

func next(t *testing.T, ids <-chan string) string {
	t.Helper()
	select {
	case id := <-ids:
		return id
	case <-time.After(10 * time.Second):
		t.Fatal("no build event")
		return ""
	}
}

var devBuildMeta = regexp.MustCompile(`<meta name="dev-build" content="[^"]+"><script src="/_dev/reload.js" defer></script></head>`)

func TestDevServesAndInjects(t *testing.T) {
	f := newFakeSite(t, "v1")
	run := startDev(t, f, f.build)

	resp, page := get(t, run.url+"/")
	if resp.StatusCode != 200 || !strings.Contains(page, "v1") {
		t.Fatalf("GET /: %d %q", resp.StatusCode, page)
	}
	if !devBuildMeta.MatchString(page) {
		t.Errorf("GET /: reload script not injected before </head>: %q", page)
	}
	assertSecurityHeaders(t, resp)

	// Validators are ignored: a rebuild within the same second as the page
	// the browser holds must not be answered with 304.
	req, _ := http.NewRequest("GET", run.url+"/", nil)
	req.Header.Set("If-Modified-Since", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET / with If-Modified-Since: %s, want 200", resp.Status)
	}

	resp, css := get(t, run.url+"/style.css")
	if resp.StatusCode != 200 || css != "body{margin:0}" {
		t.Errorf("GET /style.css: %d %q (CSS must not be rewritten)", resp.StatusCode, css)
	}
	resp, page = get(t, run.url+"/nope/")
	if resp.StatusCode != 404 || !strings.Contains(page, "missing") || !strings.Contains(page, ReloadTag) {
		t.Errorf("GET /nope/: %d %q, want the 404 page with the reload script", resp.StatusCode, page)
	}
	resp, js := get(t, run.url+"/_dev/reload.js")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(js, "EventSource") {
		t.Errorf("GET /_dev/reload.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	assertSecurityHeaders(t, resp)
	if !strings.Contains(run.log.String(), "serving "+f.out+" at "+run.url+"/") {
		t.Errorf("log does not print the URL:\n%s", run.log)
	}
}

func TestDevReloadsAfterChange(t *testing.T) {
	f := newFakeSite(t, "v1")
	run := startDev(t, f, f.build)
	ids := events(t, run.url)
	first := next(t, ids)

	f.edit(t, "v2 edited")
	if second := next(t, ids); second == first {
		t.Fatalf("build id did not change after an edit: %q", second)
	}
	if _, page := get(t, run.url+"/"); !strings.Contains(page, "v2 edited") {
		t.Errorf("GET / after the rebuild: %q", page)
	}
	if n := f.builds.Load(); n != 2 {
		t.Errorf("%d builds, want 2 (the first and one after the edit)", n)
	}
	if !strings.Contains(run.log.String(), "changed: "+filepath.Join(f.src, "page.txt")) {
		t.Errorf("log does not name the changed file:\n%s", run.log)
	}
}

func TestDevErrorPageAndRecovery(t *testing.T) {
	f := newFakeSite(t, "v1")
	run := startDev(t, f, f.build)
	ids := events(t, run.url)
	first := next(t, ids)

	f.edit(t, "ERROR please")
	failed := next(t, ids)
	if failed == first {
		t.Fatal("build id did not change after a failed build")
	}
	resp, page := get(t, run.url+"/")
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("GET / during a failed build: status %d, want 500", resp.StatusCode)
	}
	for _, want := range []string{
		"<code>content/a.md:1:2: bad &lt;b&gt;tag&lt;/b&gt; &amp; more</code>",
		"<code>content/b.md:3:4: second problem</code>",
		"2 problems",
		ReloadTag,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("error page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "<b>tag</b>") {
		t.Errorf("error page does not escape the diagnostics")
	}
	if resp, css := get(t, run.url+"/style.css"); resp.StatusCode != 200 || css != "body{margin:0}" {
		t.Errorf("GET /style.css during a failed build: %d %q, want the last good file", resp.StatusCode, css)
	}
	if resp, _ := get(t, run.url+"/_dev/dev.css"); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("GET /_dev/dev.css: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	log := run.log.String()
	if !strings.Contains(log, "  content/a.md:1:2: bad <b>tag</b> & more\n  content/b.md:3:4: second problem\n") {
		t.Errorf("terminal does not list the diagnostics:\n%s", log)
	}

	f.edit(t, "v3 fixed")
	if fixed := next(t, ids); fixed == failed {
		t.Fatal("build id did not change after the fix")
	}
	resp, page = get(t, run.url+"/")
	if resp.StatusCode != 200 || !strings.Contains(page, "v3 fixed") {
		t.Errorf("GET / after the fix: %d %q", resp.StatusCode, page)
	}
}

func TestDevFirstBuildFails(t *testing.T) {
	f := newFakeSite(t, "ERROR from the start")
	run := startDev(t, f, f.build)
	if resp, page := get(t, run.url+"/policy/x/"); resp.StatusCode != 500 || !strings.Contains(page, "content/a.md:1:2") {
		t.Errorf("GET a page: %d %q, want the error page", resp.StatusCode, page)
	}
	if resp, _ := get(t, run.url+"/style.css"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET /style.css with no good build: %d, want 503", resp.StatusCode)
	}
}

func TestDevBuildPanics(t *testing.T) {
	f := newFakeSite(t, "PANIC")
	run := startDev(t, f, f.build)
	if resp, page := get(t, run.url+"/"); resp.StatusCode != 500 || !strings.Contains(page, "build panicked: boom") {
		t.Errorf("GET /: %d %q, want the panic on the error page", resp.StatusCode, page)
	}
}

// TestDevStops checks that Run returns when its context ends, also while a
// tab holds an event stream open.
func TestDevStops(t *testing.T) {
	f := newFakeSite(t, "v1")
	run := startDev(t, f, f.build)
	ids := events(t, run.url)
	next(t, ids)
	run.stop() // fails the test if Run does not return
}

func TestDevErrorPageGolden(t *testing.T) {
	d := &Dev{}
	rec := httptest.NewRecorder()
	d.serveErrorPage(rec, httptest.NewRequest("GET", "/", nil),
		[]string{`content/policy/x.zh.md:3:7: unknown department "<hrss>"`, "templates/base.html:12:2: unclosed action"}, "ID")
	if rec.Code != 500 {
		t.Errorf("status %d, want 500", rec.Code)
	}
	golden(t, "error-page.html", rec.Body.String())
}

func TestScanIgnoresEditorFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"page.md": "", "sub/real.md": "",
		".#page.md": "", "page.md~": "", "4913": "", ".page.md.swp": "", "page.md.swp": "",
		"#page.md#": "", "x.go___jb_tmp___": "", ".git/HEAD": "", "node_modules/m/x.js": "",
	})
	var got []string
	for p := range scan([]string{dir, filepath.Join(dir, "does-not-exist")}) {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	if want := []string{"page.md", "sub/real.md"}; !slices.Equal(got, want) {
		t.Errorf("scan = %q, want %q", got, want)
	}
}

func TestChanged(t *testing.T) {
	old := snapshot{"a": {1, 1}, "b": {1, 1}, "c": {1, 1}}
	cur := snapshot{"a": {1, 1}, "b": {2, 1}, "d": {1, 1}}
	if got, want := changed(old, cur), []string{"b", "c", "d"}; !slices.Equal(got, want) {
		t.Errorf("changed = %q, want %q", got, want)
	}
	if got := changed(old, old); got != nil {
		t.Errorf("changed(old, old) = %q, want none", got)
	}
}

func TestInjectReload(t *testing.T) {
	tags := `<meta name="dev-build" content="7">` + ReloadTag
	tests := []struct{ in, want string }{
		{"<html><head><title>x</title></head><body></body></html>", "<html><head><title>x</title>" + tags + "</head><body></body></html>"},
		{"<HTML><HEAD></HEAD></HTML>", "<HTML><HEAD>" + tags + "</HEAD></HTML>"},
		{"<p>İİ</p></head>", "<p>İİ</p>" + tags + "</head>"},
		{"<title>x</title><body class=a>", "<title>x</title>" + tags + "<body class=a>"},
		{"plain", "plain" + tags},
	}
	for _, tt := range tests {
		if got := string(injectReload([]byte(tt.in), "7")); got != tt.want {
			t.Errorf("injectReload(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	if got := diagnostics(nil); got != nil {
		t.Errorf("diagnostics(nil) = %q", got)
	}
	got := diagnostics(errors.New("a.md:1:1: x\r\n\n  \nb.md:2:2: y  \n"))
	if want := []string{"a.md:1:1: x", "b.md:2:2: y"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
	if got := diagnostics(errors.New("")); len(got) != 1 {
		t.Errorf("an empty error gives %q, want one line saying so", got)
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:1313", "http://127.0.0.1:1313/"},
		{"0.0.0.0:1313", "http://localhost:1313/"},
		{"[::]:1313", "http://localhost:1313/"},
		{"[::1]:8080", "http://[::1]:8080/"},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteURL(addr); got != tt.want {
			t.Errorf("siteURL(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test -update rewrites it; review the diff):\n%s", path, got)
	}
}

package serve_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
	"scaleup/build/serve"
)

// One browser for the whole test binary (the internal tests of package
// serve do not use it).
func TestMain(m *testing.M) { browsertest.Main(m) }

// TestDevLiveReloadInBrowser edits a watched file while a page is open in
// Chromium and waits for the page to reload by itself: after a good edit,
// after a bad one (the error page) and after the fix. It logs how long each
// reload took from the moment the file was written.
func TestDevLiveReloadInBrowser(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	page := filepath.Join(src, "page.txt")
	write := func(text string) {
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	write("v1")

	build := func() error {
		text, err := os.ReadFile(page)
		if err != nil {
			return err
		}
		if strings.HasPrefix(string(text), "ERROR") {
			return errors.New("content/a.md:1:2: bad <b>thing</b>")
		}
		tmp := out + ".tmp"
		os.RemoveAll(tmp)
		if err := os.MkdirAll(tmp, 0o755); err != nil {
			return err
		}
		html := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"></head><body><h1>` + string(text) + `</h1></body></html>`
		if err := os.WriteFile(filepath.Join(tmp, "index.html"), []byte(html), 0o644); err != nil {
			return err
		}
		os.RemoveAll(out + ".old")
		if err := os.Rename(out, out+".old"); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return os.Rename(tmp, out)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	d := &serve.Dev{OutDir: out, Watch: []string{src}, Build: build, Log: io.Discard, Listener: ln}
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()

	tab := browsertest.New(t).Tab(t)
	// Run serves only after its first build; retry until it answers.
	waitUntil(t, func() bool {
		ctx, cancel := context.WithTimeout(tab.Context(), 5*time.Second)
		defer cancel()
		return chromedp.Do(ctx, chromedp.Navigate(base+"/")) == nil
	})
	text := func() string {
		return browsertest.Get(t, tab, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	}
	reloadAfter := func(edit, want string) {
		t.Helper()
		// A marker that only a real reload removes.
		tab.Run(t, chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))
		start := time.Now()
		write(edit)
		waitUntil(t, func() bool {
			gone := !browsertest.Get(t, tab, chromedp.Evaluate[bool](`window.notReloaded === true`))
			return gone && strings.Contains(text(), want)
		})
		t.Logf("%q: the page reloaded %s after the write", edit, time.Since(start).Round(time.Millisecond))
	}

	if got := text(); got != "v1" {
		t.Fatalf("first page: %q", got)
	}
	reloadAfter("v2", "v2")
	reloadAfter("ERROR", "content/a.md:1:2: bad <b>thing</b>")
	// The error page's stylesheet is a file the CSP allows.
	if color := browsertest.Get(t, tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("h1")).color`)); color != "rgb(176, 0, 32)" {
		t.Errorf("error page heading color = %q, want dev.css's rgb(176, 0, 32)", color)
	}
	reloadAfter("v3", "v3")

	if csp := tab.CSPViolations(); len(csp) > 0 {
		t.Errorf("CSP violations on dev server pages:\n%s", strings.Join(csp, "\n"))
	}
	tab.AssertSameOrigin(t, base)
}

// waitUntil polls cond; the timeout only bounds a broken test.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

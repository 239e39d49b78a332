package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
	"scaleup/build/serve"
)

// The browser side of the measurements: one headless Chromium (with
// browsertest.Options; the rest of build/browsertest needs a testing.TB), and a
// fresh browser context (an empty profile: no HTTP cache, no
// service worker, no storage) for every cold measurement.

// stepTimeout bounds one measurement in the browser.
const stepTimeout = 60 * time.Second

type browser struct {
	ctx     context.Context // the browser's first tab; new contexts derive from it
	stop    func()
	version string
}

// startBrowser runs $CHROMIUM or /usr/bin/chromium headless with a profile in dir.
func startBrowser(dir string) (*browser, error) {
	path := os.Getenv("CHROMIUM")
	if path == "" {
		var err error
		if path, err = exec.LookPath("/usr/bin/chromium"); err != nil {
			if path, err = exec.LookPath("chromium"); err != nil {
				return nil, fmt.Errorf("chromium not found (Debian: apt-get install chromium; or set $CHROMIUM)")
			}
		}
	}
	opts := browsertest.Options(path, dir)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, stop: func() { cancelCtx(); cancelAlloc() }}
	if err := chromedp.Do(ctx); err != nil {
		b.stop()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	out, err := exec.Command(path, "--version").Output()
	if err == nil {
		b.version = string(trimSpace(out))
	}
	return b, nil
}

// freshTab opens a tab in a new browser context: a cold cache and no service
// worker from an earlier visit. script, when given, runs at the start of
// every document. Call the returned function to close the tab and its context.
func (b *browser) freshTab(script string) (context.Context, func(), error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	if script != "" {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		if err != nil {
			cancel()
			return nil, nil, fmt.Errorf("adding the page script: %w", err)
		}
	}
	return ctx, cancel, nil
}

// eval runs a JavaScript expression in the tab (awaiting a promise) and
// decodes its JSON value into T.
func eval[T any](ctx context.Context, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// navigate loads url in the tab and waits for its load event.
func navigate(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	return nil
}

// server serves a built site as the production host does (build/serve:
// precompressed siblings, security headers) and records the URL of every
// request it answers, whoever made it: a page, a worker (the calculator's,
// Pagefind's), which a tab's own records do not show.
type server struct {
	base string
	stop func()
	mu   sync.Mutex
	urls []string
}

// serveDir starts a server for dir. It answers /sw.js with 404, so that no
// service worker installs and downloads the whole site for offline use in
// the middle of a measurement (the request is still recorded).
func serveDir(dir string) (*server, error) {
	root, err := serve.DirFS(dir)
	if err != nil {
		return nil, err
	}
	s := &server{}
	h := serve.Handler(root, serve.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.urls = append(s.urls, s.base+r.URL.RequestURI())
		s.mu.Unlock()
		if r.URL.Path == "/sw.js" {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	s.base, s.stop = srv.URL, srv.Close
	return s, nil
}

// reset forgets the requests recorded so far.
func (s *server) reset() {
	s.mu.Lock()
	s.urls = nil
	s.mu.Unlock()
}

// requests returns the URLs requested since the last reset, in order.
func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.urls...)
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == ' ' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

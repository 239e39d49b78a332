// Package browsertest is the harness for the project's browser tests: it
// finds the system's Chromium, starts it headless with a fixed set of flags,
// opens tabs that record every request and every console problem, and serves
// a built site with the same handler as the dev server.
//
// A test package shares one browser between its tests by calling Main from
// TestMain:
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
//
//	func TestHome(t *testing.T) {
//		base := browsertest.ServeDir(t, "../../public")
//		tab := browsertest.New(t).Tab(t)
//		tab.Run(t, chromedp.Navigate(base+"/"))
//		tab.AssertSameOrigin(t, base)
//		tab.AssertNoConsoleErrors(t)
//	}
//
// Without Main, each New starts and stops a browser of its own.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Default window size of every tab.
const (
	WindowWidth  = 1280
	WindowHeight = 900
)

// startTimeout bounds the start of Chromium and the opening of a tab. They
// run on the browser's own context (a timeout on it would end the browser),
// so the wait is bounded here instead.
const startTimeout = 60 * time.Second

// Browser is a running headless Chromium.
type Browser struct {
	ctx    context.Context // the chromedp context of the browser's first tab
	cancel func()          // stops the browser and waits for it to exit
	output *lockedBuffer   // Chromium's stdout and stderr, for error messages
}

// shared is the browser of a test binary whose TestMain calls Main.
var shared struct {
	enabled bool
	once    sync.Once
	browser *Browser
	dataDir string
	err     error
}

// Main runs the tests of a package with one browser for all of them (starting
// Chromium takes about a second), then stops it and exits. Call it from
// TestMain.
func Main(m *testing.M) {
	shared.enabled = true
	code := m.Run()
	if shared.browser != nil {
		shared.browser.cancel()
	}
	if shared.dataDir != "" {
		os.RemoveAll(shared.dataDir)
	}
	os.Exit(code)
}

// New returns a running browser: the package's shared one under Main, else a
// new one that stops when t ends. Without Chromium it skips the test, or
// fails it when the CI environment variable is set (CI must not pass by
// skipping every browser test).
func New(t testing.TB) *Browser {
	t.Helper()
	execPath, err := findChromium(os.Getenv("CHROMIUM"), exec.LookPath)
	if err != nil {
		skipOrFail(t, os.Getenv("CI"), err)
		return nil
	}
	if !shared.enabled {
		b, err := start(execPath, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(b.cancel)
		return b
	}
	shared.once.Do(func() {
		// Not t.TempDir: the browser outlives this test.
		shared.dataDir, shared.err = os.MkdirTemp("", "browsertest-profile-")
		if shared.err == nil {
			shared.browser, shared.err = start(execPath, shared.dataDir)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.browser
}

// errNoChromium is returned by findChromium when no browser is installed.
var errNoChromium = errors.New("chromium not found; install Debian's chromium package")

// findChromium returns the browser to run: $CHROMIUM when set, else the
// first of /usr/bin/chromium and chromium, chromium-browser, google-chrome on
// PATH.
func findChromium(env string, lookPath func(string) (string, error)) (string, error) {
	if env != "" {
		if _, err := os.Stat(env); err != nil {
			return "", fmt.Errorf("$CHROMIUM: %w", err)
		}
		return env, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoChromium
}

// skipOrFail ends a test that has no browser: a skip on a developer's
// machine, a failure in CI, and always a failure for a $CHROMIUM that is
// wrong (a setting someone made on purpose).
func skipOrFail(t testing.TB, ci string, err error) {
	t.Helper()
	if errors.Is(err, errNoChromium) && ci == "" {
		t.Skip(err.Error())
		return
	}
	t.Fatal(err)
}

// Options are the Chromium flags the project's machines need, with a fresh profile in dataDir:
// the background-networking flags keep it from flooding the closed network with connection
// attempts. build/bench starts its browser with them too.
func Options(execPath, dataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(WindowWidth, WindowHeight),
	}
}

// start runs Chromium with Options.
func start(execPath, dataDir string) (*Browser, error) {
	output := &lockedBuffer{}
	opts := append(Options(execPath, dataDir), chromedp.CombinedOutput(output))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, output: output, cancel: func() {
		cancelCtx()
		cancelAlloc()
	}}
	if err := bounded(func() error { return chromedp.Do(ctx) }, b.cancel); err != nil {
		return nil, fmt.Errorf("starting %s: %w%s", execPath, err, output.tail())
	}
	return b, nil
}

// bounded runs f and waits at most startTimeout for it, calling stop to
// abandon it after that.
func bounded(f func() error, stop func()) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(startTimeout):
		stop()
		return fmt.Errorf("no answer from the browser in %s", startTimeout)
	}
}

// lockedBuffer collects Chromium's output, which arrives from another
// goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// tail returns the last lines of the output, to append to an error message.
func (l *lockedBuffer) tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(l.b.String()), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return ""
	}
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return "\nbrowser output:\n" + strings.Join(lines, "\n")
}

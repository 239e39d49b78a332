package browsertest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) { Main(m) }

func TestClickLink(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)

	tab.Navigate(t, base+"/")
	if title := Get(t, tab, chromedp.Title()); title != "One" {
		t.Errorf("title = %q, want One", title)
	}
	// The stylesheet applied: it came with the right type, under the CSP.
	if color := Get(t, tab, chromedp.Evaluate[string](`getComputedStyle(document.body).color`)); color != "rgb(1, 2, 3)" {
		t.Errorf("body color = %q, want the stylesheet's rgb(1, 2, 3)", color)
	}

	tab.ClickAndWait(t, "#next")
	if loc := tab.Location(t); loc != base+"/second/" {
		t.Errorf("after the click, location = %q, want %q", loc, base+"/second/")
	}
	if h1 := Get(t, tab, chromedp.Text(chromedp.CSS("h1"))); h1 != "Two" {
		t.Errorf("h1 = %q, want Two", h1)
	}
	reqs := tab.Requests()
	for _, want := range []string{base + "/", base + "/style.css", base + "/second/"} {
		if !slices.Contains(reqs, want) {
			t.Errorf("requests lack %s: %q", want, reqs)
		}
	}
	tab.AssertSameOrigin(t, base)
	tab.AssertNoConsoleErrors(t)
}

// TestRecorderCatchesThirdParty loads a page with an image from another
// origin. The site's CSP blocks it before it leaves the browser, but the
// recorder must still list the attempt, and report the violation.
func TestRecorderCatchesThirdParty(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)
	tab.Navigate(t, base+"/third-party.html")

	const third = "http://192.0.2.1/x.png"
	if reqs := tab.Requests(); !slices.Contains(reqs, third) {
		t.Errorf("requests = %q, want %s among them", reqs, third)
	}
	if got := crossOrigin(tab.Requests(), base); !slices.Equal(got, []string{third}) {
		t.Errorf("crossOrigin = %q, want only %s", got, third)
	}
	fake := &fakeTB{TB: t}
	tab.AssertSameOrigin(fake, base)
	if len(fake.errors) != 1 || !strings.Contains(fake.errors[0], third) {
		t.Errorf("AssertSameOrigin reported %q, want one failure naming %s", fake.errors, third)
	}
	csp := tab.CSPViolations()
	if len(csp) == 0 || !strings.Contains(strings.Join(csp, "\n"), "192.0.2.1") {
		t.Errorf("CSPViolations = %q, want the blocked image", csp)
	}
	if !slices.ContainsFunc(csp, func(s string) bool { return strings.HasPrefix(s, "CSP violation: img-src blocked "+third) }) {
		t.Errorf("no securitypolicyviolation event among %q", csp)
	}
	fake = &fakeTB{TB: t}
	tab.AssertNoConsoleErrors(fake)
	if len(fake.errors) != 1 {
		t.Errorf("AssertNoConsoleErrors reported %q, want one failure", fake.errors)
	}

	tab.Reset()
	if len(tab.Requests())+len(tab.ConsoleErrors())+len(tab.CSPViolations()) != 0 {
		t.Errorf("Reset left records behind")
	}
}

func TestRecorderConsoleAndExceptions(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)
	tab.Navigate(t, base+"/")
	tab.Run(t,
		chromedp.Evaluate[chromedp.Void](`console.error("bad", 42); console.warn("careful"); console.log("fine")`),
		chromedp.Evaluate[chromedp.Void](`setTimeout(() => { throw new Error("kaput") }, 0)`),
	)
	// The exception is thrown after that Evaluate returns. Events reach the
	// recorder in order with the answers, so a later call that ends after
	// the timer fired has it recorded.
	tab.Run(t, chromedp.Evaluate[chromedp.Void](`new Promise(r => setTimeout(r, 50))`, chromedp.EvalAwaitPromise))
	got := strings.Join(tab.ConsoleErrors(), "\n")
	for _, want := range []string{"console.error: bad 42", "console.warning: careful", "uncaught exception:", "kaput"} {
		if !strings.Contains(got, want) {
			t.Errorf("ConsoleErrors lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "fine") {
		t.Errorf("console.log was recorded as a problem:\n%s", got)
	}
}

func TestTabHelpers(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)
	tab.Navigate(t, base+"/")

	if w := Get(t, tab, chromedp.Evaluate[int](`window.innerWidth`)); w != WindowWidth {
		t.Errorf("default innerWidth = %d, want %d", w, WindowWidth)
	}
	tab.SetViewport(t, MobileWidth, 640, true)
	if w := Get(t, tab, chromedp.Evaluate[int](`window.innerWidth`)); w != MobileWidth {
		t.Errorf("innerWidth after SetViewport = %d, want %d", w, MobileWidth)
	}

	fetch := chromedp.Evaluate[string](`fetch("/style.css?" + Math.random(), {cache: "no-store"}).then(() => "ok", () => "failed")`, chromedp.EvalAwaitPromise)
	tab.SetOffline(t, true)
	if got := Get(t, tab, fetch); got != "failed" {
		t.Errorf("fetch while offline: %s", got)
	}
	if Get(t, tab, chromedp.Evaluate[bool](`navigator.onLine`)) {
		t.Errorf("navigator.onLine is true while offline")
	}
	tab.SetOffline(t, false)
	if got := Get(t, tab, fetch); got != "ok" {
		t.Errorf("fetch after going back online: %s", got)
	}

	if pdf := tab.PDF(t); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("PDF starts with %q", pdf[:min(len(pdf), 8)])
	}
	shot := filepath.Join(t.TempDir(), "page.png")
	tab.Screenshot(t, shot)
	if png, err := os.ReadFile(shot); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("screenshot: %v, %d bytes", err, len(png))
	}
}

func TestServeDirMissingPage(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)
	tab.Navigate(t, base+"/missing/")
	// The fixture has no 404.html: the handler's plain-text 404 is shown.
	if body := Get(t, tab, chromedp.Text(chromedp.CSS("body"))); !strings.Contains(body, "404") {
		t.Errorf("body of a missing page = %q", body)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, "/") {
		t.Errorf("ServeDir URL = %q, want http://127.0.0.1:PORT", base)
	}
}

func TestFindChromium(t *testing.T) {
	lookPath := func(installed ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			if slices.Contains(installed, name) {
				return "/found/" + strings.TrimPrefix(name, "/usr/bin/"), nil
			}
			return "", errors.New("not found")
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		env       string
		installed []string
		want      string
		wantErr   error
	}{
		{"", []string{"/usr/bin/chromium", "google-chrome"}, "/found/chromium", nil},
		{"", []string{"chromium-browser", "google-chrome"}, "/found/chromium-browser", nil},
		{"", []string{"google-chrome"}, "/found/google-chrome", nil},
		{"", nil, "", errNoChromium},
		{exe, []string{"/usr/bin/chromium"}, exe, nil},
	}
	for _, tt := range tests {
		got, err := findChromium(tt.env, lookPath(tt.installed...))
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("findChromium(%q, %q) = %q, %v; want %q, %v", tt.env, tt.installed, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := findChromium("/no/such/chromium", lookPath("/usr/bin/chromium")); err == nil || errors.Is(err, errNoChromium) {
		t.Errorf("a wrong $CHROMIUM gave %v, want an error naming it", err)
	}
}

func TestSkipOrFail(t *testing.T) {
	tests := []struct {
		ci          string
		err         error
		skip, fatal bool
	}{
		{"", errNoChromium, true, false},
		{"true", errNoChromium, false, true},
		{"", errors.New("$CHROMIUM: no such file"), false, true},
	}
	for _, tt := range tests {
		fake := &fakeTB{TB: t}
		skipOrFail(fake, tt.ci, tt.err)
		if fake.skipped != tt.skip || fake.fatal != tt.fatal {
			t.Errorf("CI=%q, %v: skipped %v, fatal %v; want %v, %v", tt.ci, tt.err, fake.skipped, fake.fatal, tt.skip, tt.fatal)
		}
		if tt.skip && fake.msg != "chromium not found; install Debian's chromium package" {
			t.Errorf("skip message %q", fake.msg)
		}
	}
}

func TestCrossOrigin(t *testing.T) {
	reqs := []string{
		"http://127.0.0.1:8080/", "http://127.0.0.1:8080/a.css", "HTTP://127.0.0.1:8080/b",
		"data:image/png;base64,AAAA", "blob:http://127.0.0.1:8080/x", "about:blank",
		"http://127.0.0.1:8081/", "https://127.0.0.1:8080/", "http://192.0.2.1/x.png", "not a url",
	}
	got := crossOrigin(reqs, "http://127.0.0.1:8080/some/page")
	want := []string{"http://127.0.0.1:8081/", "https://127.0.0.1:8080/", "http://192.0.2.1/x.png", "not a url"}
	if !slices.Equal(got, want) {
		t.Errorf("crossOrigin = %q, want %q", got, want)
	}
}

// fakeTB records failures and skips instead of ending the test.
type fakeTB struct {
	testing.TB
	errors  []string
	skipped bool
	fatal   bool
	msg     string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Skip(args ...any)  { f.skipped, f.msg = true, fmt.Sprint(args...) }
func (f *fakeTB) Fatal(args ...any) { f.fatal, f.msg = true, fmt.Sprint(args...) }

// TestWaitFor: the wait returns the page's state once it is there, however long that takes,
// and an evaluation that fails meanwhile (the page reloading) counts as not yet.
func TestWaitFor(t *testing.T) {
	base := ServeDir(t, "testdata/site")
	tab := New(t).Tab(t)
	tab.Navigate(t, base+"/")
	tab.Run(t, chromedp.Evaluate[chromedp.Void](`setTimeout(() => { document.body.dataset.later = "there"; }, 300)`))
	if got := tab.WaitFor(t, "the page's later state", `document.body.dataset.later || ""`); got != "there" {
		t.Errorf("WaitFor returned %q, want %q", got, "there")
	}
	// The first evaluation reloads the page; the next ones find it reloaded.
	got := tab.WaitFor(t, "the reloaded page", `sessionStorage.reloaded ? "reloaded" : (sessionStorage.reloaded = "1", location.reload(), new Promise(() => {}))`)
	if got != "reloaded" {
		t.Errorf("WaitFor across a reload returned %q", got)
	}
}

// deadlineTB is a test with a deadline whose Fatalf is recorded instead of ending the test.
type deadlineTB struct {
	fakeTB
	deadline time.Time
}

func (d *deadlineTB) Deadline() (time.Time, bool) { return d.deadline, true }
func (d *deadlineTB) Fatalf(format string, args ...any) {
	d.fatal, d.msg = true, fmt.Sprintf(format, args...)
}

// TestWaitUntilDeadline: a wait that never ends fails before the test's deadline, naming what it
// waited for and what describe says; a test without a deadline has no limit.
func TestWaitUntilDeadline(t *testing.T) {
	fake := &deadlineTB{fakeTB: fakeTB{TB: t}, deadline: time.Now().Add(500 * time.Millisecond)}
	WaitUntil(fake, "the sky to fall", func() bool { return false }, func() string { return "; it is still up" })
	want := "waited for the sky to fall until the test's deadline (go test -timeout); it is still up"
	if !fake.fatal || fake.msg != want {
		t.Errorf("fatal %v, message %q; want %q", fake.fatal, fake.msg, want)
	}
	if _, limited := giveUpAt(&fakeTB{TB: t}); limited {
		t.Errorf("a test without Deadline has a limit")
	}
}

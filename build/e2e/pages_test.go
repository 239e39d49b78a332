package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// builtPage is one HTML page of the built site.
type builtPage struct {
	Path   string // URL path: "/", "/en/policy/", "/404.html"
	File   string // the file under builtDir
	Layout string // the layout-* class of its body ("layout-clause"), "" when it has none
}

var bodyLayout = regexp.MustCompile(`<body[^>]*\sclass="[^"]*\b(layout-[a-z0-9-]+)`)

// builtPages walks the built site and returns every HTML page, sorted by path: the tests find
// the pages the build makes instead of keeping a list that drifts from content/.
func builtPages(t testing.TB) []builtPage {
	t.Helper()
	var pages []builtPage
	err := filepath.WalkDir(builtDir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".html") {
			return err
		}
		rel, err := filepath.Rel(builtDir, file)
		if err != nil {
			return err
		}
		path := "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(path, "/index.html") {
			path = strings.TrimSuffix(path, "index.html")
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		p := builtPage{Path: path, File: file}
		if m := bodyLayout.FindSubmatch(data); m != nil {
			p.Layout = string(m[1])
		}
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no HTML page in %s", builtDir)
	}
	slices.SortFunc(pages, func(a, b builtPage) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// isEnglish reports whether a page path is in the English half of the site.
func isEnglish(path string) bool { return path == "/en" || strings.HasPrefix(path, "/en/") }

// aliveScript waits until the page's scripts have done their first work: the calculator has
// started its WebAssembly module (or reported that it cannot) and the search page has answered
// the query in its address; then two frames more. It gives up after 20 s (a loaded machine
// compiles WebAssembly slowly) and returns what it waited for, for the log.
const aliveScript = `new Promise(resolve => {
	const until = Date.now() + 20000;
	const state = () => {
		const calc = document.getElementById("calc");
		if (calc && !/^(ready|error|failed)$/.test(calc.dataset.state || "")) return "";
		const status = document.getElementById("search-status");
		const results = document.getElementById("search-results");
		if (status && new URLSearchParams(location.search).get("q") &&
			(status.textContent.trim() === "" || results.hasAttribute("aria-busy"))) return "";
		return calc ? "calculator " + calc.dataset.state : status ? "search: " + status.textContent : "static";
	};
	const check = () => {
		const s = state();
		if (s || Date.now() > until) {
			requestAnimationFrame(() => requestAnimationFrame(() => resolve(s || "timeout")));
			return;
		}
		setTimeout(check, 50);
	};
	check();
})`

// waitAlive runs aliveScript and returns what the page ended in ("static", "calculator
// ready", "search: 12 results", "timeout").
func waitAlive(t testing.TB, tab *browsertest.Tab) string {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[string](aliveScript, chromedp.EvalAwaitPromise))
}

// calculatorReady waits for the calculator page on the tab to be ready, and skips the test
// (fails it in CI) when its module did not load in this build.
func calculatorReady(t testing.TB, tab *browsertest.Tab, what string) {
	t.Helper()
	if state := waitAlive(t, tab); state != "calculator ready" {
		msg := "the calculator page is not alive in this build (" + state + "): " + what + " not run"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// sameOrigin reports whether a request URL is on the site under test (base has no trailing
// slash). data:, blob: and about: URLs load nothing from a network.
func sameOrigin(request, base string) bool {
	for _, scheme := range []string{"data:", "blob:", "about:"} {
		if strings.HasPrefix(request, scheme) {
			return true
		}
	}
	return request == base || strings.HasPrefix(request, base+"/")
}

// sidewaysScript measures the page against the viewport and names the elements that stick out
// on the right, so a failure says where to look.
const sidewaysScript = `(() => {
	const w = window.innerWidth;
	const out = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.right > w + 0.5 && r.width > 0 && out.length < 8) {
			out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
				(typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") +
				" right=" + Math.round(r.right));
		}
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: out};
})()`

type sideways struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Culprits    []string `json:"culprits"`
}

// TestEveryPageClean loads every HTML page of the built site in one tab: no console error or
// warning, no exception, no failed load, no Content-Security-Policy violation and no request to
// another origin, on the desktop and, after narrowing the same page to a 320 px phone, nothing
// that makes it scroll sideways (WCAG 1.4.10). Each page is loaded once: the media queries
// apply when the viewport changes, and loading every page twice would double the time.
func TestEveryPageClean(t *testing.T) {
	base := serveSite(t)
	pages := builtPages(t)
	tab := browsertest.New(t).Tab(t)
	for _, p := range pages {
		tab.SetViewport(t, browsertest.WindowWidth, browsertest.WindowHeight, false)
		tab.Reset()
		tab.Navigate(t, base+p.Path)
		if state := waitAlive(t, tab); state == "timeout" {
			t.Errorf("%s: the page's scripts did not finish their first work in 20 s", p.Path)
		}
		tab.SetViewport(t, browsertest.MobileWidth, 800, true)
		got := browsertest.Get(t, tab, chromedp.Evaluate[sideways](sidewaysScript))
		if got.ScrollWidth > got.InnerWidth {
			t.Errorf("%s scrolls sideways at %d px: scrollWidth %d > innerWidth %d; wider elements: %s",
				p.Path, browsertest.MobileWidth, got.ScrollWidth, got.InnerWidth, strings.Join(got.Culprits, ", "))
		}
		for _, problem := range tab.ConsoleErrors() {
			t.Errorf("%s: %s", p.Path, problem)
		}
		for _, r := range tab.Requests() {
			if !sameOrigin(r, base) {
				t.Errorf("%s: request to another origin: %s", p.Path, r)
			}
		}
	}
	t.Logf("%d pages loaded at %d px, then narrowed to %d px", len(pages), browsertest.WindowWidth, browsertest.MobileWidth)
}

package e2e

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"scaleup/build/browsertest"
)

// Keyboard-only walkthroughs with real key events (Tab, Enter, arrows, typed text): the skip
// link, a visible focus ring with enough contrast on everything that takes focus, the header
// search, the language switch and the calculator.

// focusScript describes the focused element, its focus ring (outline and box shadow) and the
// ring's contrast with the background it is drawn on: the element's container, or its own
// background for an outline drawn inside it.
const focusScript = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return {tag: "body"};
	const parse = s => {
		const m = String(s).match(/rgba?\(([^)]+)\)/);
		if (!m) return null;
		const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const lum = c => {
		const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const background = from => {
		for (let e = from; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c.a > 0) return c;
		}
		return {r: 255, g: 255, b: 255, a: 1};
	};
	const st = getComputedStyle(el);
	const outline = st.outlineStyle !== "none" && parseFloat(st.outlineWidth) > 0;
	const shadow = st.boxShadow !== "none" && st.boxShadow !== "";
	const inside = outline && parseFloat(st.outlineOffset) < 0;
	const bg = background(inside ? el : el.parentElement);
	// A ring is often two colours (a yellow band and a dark edge): it is seen when either
	// stands out from the background.
	let ratio = 0;
	for (const c of [outline && parse(st.outlineColor), shadow && parse(st.boxShadow)]) {
		if (!c) continue;
		const [hi, lo] = [lum(c), lum(bg)].sort((a, b) => b - a);
		ratio = Math.max(ratio, (hi + 0.05) / (lo + 0.05));
	}
	return {
		tag: el.tagName.toLowerCase(),
		pos: Array.prototype.indexOf.call(document.getElementsByTagName("*"), el),
		id: el.id,
		cls: typeof el.className === "string" ? el.className : "",
		href: el.getAttribute("href") || "",
		text: (el.textContent || el.value || "").trim().replace(/\s+/g, " ").slice(0, 30),
		inMain: !!el.closest("main"),
		ring: [outline ? "outline " + st.outlineStyle + " " + st.outlineWidth + " " + st.outlineColor : "",
			shadow ? "box-shadow " + st.boxShadow : ""].filter(Boolean).join(", "),
		background: "rgb(" + bg.r + ", " + bg.g + ", " + bg.b + ")",
		ratio: ratio,
	};
})()`

// focused is what focusScript returns.
type focused struct {
	Tag        string  `json:"tag"`
	Pos        int     `json:"pos"` // index among the document's elements
	ID         string  `json:"id"`
	Class      string  `json:"cls"`
	Href       string  `json:"href"`
	Text       string  `json:"text"`
	InMain     bool    `json:"inMain"`
	Ring       string  `json:"ring"`
	Background string  `json:"background"`
	Ratio      float64 `json:"ratio"`
}

// String names the element for a failure message: a#id.class "text".
func (f focused) String() string {
	s := f.Tag
	if f.ID != "" {
		s += "#" + f.ID
	}
	if f.Class != "" {
		s += "." + strings.Join(strings.Fields(f.Class), ".")
	}
	if f.Href != "" {
		s += "[href=" + f.Href + "]"
	}
	return s + " " + strconv.Quote(f.Text)
}

// minRingContrast is WCAG 1.4.11's contrast for the parts of a control that must be seen,
// which the focus ring is (2.4.7).
const minRingContrast = 3.0

// focusNow returns the focused element.
func focusNow(t testing.TB, tab *browsertest.Tab) focused {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[focused](focusScript))
}

// keyPress sends keys as real key events (kb.Tab, kb.Enter, "text") and returns the focused element.
func keyPress(t testing.TB, tab *browsertest.Tab, keys string, opts ...chromedp.KeyOption) focused {
	t.Helper()
	tab.Run(t, chromedp.KeyEvent(keys, opts...))
	return focusNow(t, tab)
}

// tabUntil presses Tab at most max times until the focused element satisfies want, and
// returns it; it fails the test with the path taken when it never does.
func tabUntil(t testing.TB, tab *browsertest.Tab, max int, what string, want func(focused) bool) focused {
	t.Helper()
	var path []string
	for range max {
		f := keyPress(t, tab, kb.Tab)
		if want(f) {
			return f
		}
		path = append(path, f.String())
	}
	t.Fatalf("%s: %d presses of Tab never reached %s; focus went through:\n  %s",
		tab.Location(t), max, what, strings.Join(path, "\n  "))
	return focused{}
}

// pressAndLoad presses a key that leaves the page (Enter on a link or in a form) and waits for
// the next page to load.
func pressAndLoad(t testing.TB, tab *browsertest.Tab, keys string) {
	t.Helper()
	browsertest.Get(t, tab, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(keys)))
}

// TestKeyboardSkipLink: on every page type, the first Tab lands on the skip link, Enter moves
// the focus to #main, and the next Tab goes on inside the main content. A page whose script
// puts the focus inside main on load needs no skip.
func TestKeyboardSkipLink(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, path := range axePages(t) {
		tab.Navigate(t, base+path)
		waitAlive(t, tab)
		if start := focusNow(t, tab); start.InMain {
			// The page's script put the focus in the main content on load (the training deck
			// does, with the site's header hidden): there is nothing to skip.
			t.Logf("%s: the focus starts inside main, on %s", path, start)
			if next := keyPress(t, tab, kb.Tab); !next.InMain {
				t.Errorf("%s: Tab from %s focuses %s, outside main", path, start, next)
			}
			continue
		}
		first := keyPress(t, tab, kb.Tab)
		if !strings.Contains(" "+first.Class+" ", " skip-link ") || first.Href != "#main" {
			t.Errorf("%s: the first Tab focuses %s, want the skip link a.skip-link[href=#main]", path, first)
			continue
		}
		if after := keyPress(t, tab, kb.Enter); after.ID != "main" {
			t.Errorf("%s: Enter on the skip link leaves the focus on %s, want main#main", path, after)
			continue
		}
		if next := keyPress(t, tab, kb.Tab); !next.InMain {
			t.Errorf("%s: Tab after the skip link focuses %s, outside main", path, next)
		}
	}
}

// keyboardPages are walked with Tab from top to bottom; between them they hold links, buttons,
// text and search inputs, radio buttons and checkboxes.
var keyboardPages = []string{
	"/", "/en/policy/08-social-insurance/", "/search/?q=" + url.QueryEscape(searchQueries[false]),
	"/en/search/?q=" + url.QueryEscape(searchQueries[true]), "/glossary/", "/calculator/",
}

// TestKeyboardFocusVisible tabs through whole pages and checks that every element that takes
// the focus shows a ring (an outline or a box shadow) with at least 3:1 contrast against the
// background around it.
func TestKeyboardFocusVisible(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	kinds := map[string]int{}
	for _, path := range keyboardPages {
		tab.Navigate(t, base+path)
		waitAlive(t, tab)
		seen := map[int]bool{}
		for i := 0; i < 300; i++ {
			f := keyPress(t, tab, kb.Tab)
			if f.Tag == "body" || seen[f.Pos] {
				break // past the last element: the focus leaves the page or starts again
			}
			seen[f.Pos] = true
			kinds[f.Tag]++
			switch {
			case f.Ring == "":
				t.Errorf("%s: focused %s shows no focus ring (outline and box-shadow are none)", path, f)
			case f.Ratio < minRingContrast:
				t.Errorf("%s: the focus ring of %s (%s) has contrast %.2f:1 with %s, want at least %.0f:1",
					path, f, f.Ring, f.Ratio, f.Background, minRingContrast)
			}
		}
	}
	for _, tag := range []string{"a", "button", "input"} {
		if kinds[tag] == 0 {
			t.Errorf("no <%s> took the focus on %v: the walk does not cover it", tag, keyboardPages)
		}
	}
	t.Logf("focused elements checked: %v", kinds)
}

// TestKeyboardHeaderSearch types a query into the header's search box, sends it with Enter,
// and moves through the results with the arrow keys and Tab, in both languages.
func TestKeyboardHeaderSearch(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, tc := range []struct{ from, query, results string }{
		{"/policy/08-social-insurance/", searchQueries[false], "/search/"},
		{"/en/faq/", searchQueries[true], "/en/search/"},
	} {
		tab.Navigate(t, base+tc.from)
		tabUntil(t, tab, 20, "the header search box", func(f focused) bool { return f.ID == "site-search-q" })
		tab.Run(t, chromedp.KeyEvent(tc.query))
		pressAndLoad(t, tab, kb.Enter)
		loc, err := url.Parse(tab.Location(t))
		if err != nil {
			t.Fatal(err)
		}
		if loc.Path != tc.results || loc.Query().Get("q") != tc.query {
			t.Errorf("Enter in the header search on %s leads to %s, want %s?q=%s", tc.from, loc, tc.results, tc.query)
		}
		if state := waitAlive(t, tab); !strings.HasPrefix(state, "search: ") {
			t.Fatalf("%s: the search page did not answer: %s", loc, state)
		}
		hits := browsertest.Get(t, tab, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#search-results .search-hit > a")).map(a => a.getAttribute("href"))`))
		if len(hits) < 2 {
			t.Fatalf("%s shows %d results in #search-results, want at least 2 to move between", loc, len(hits))
		}
		box := tabUntil(t, tab, 20, "the search page's box", func(f focused) bool { return f.Tag == "input" && f.InMain })
		steps := []struct {
			key  string
			want string // href of the result, or "box"
		}{
			{kb.ArrowDown, hits[0]}, {kb.ArrowDown, hits[1]}, {kb.ArrowUp, hits[0]}, {kb.ArrowUp, "box"},
			{kb.ArrowDown, hits[0]}, {kb.Tab, hits[1]},
		}
		for i, s := range steps {
			f := keyPress(t, tab, s.key)
			if (s.want == "box" && f.String() != box.String()) || (s.want != "box" && f.Href != s.want) {
				t.Errorf("%s: key %d (%q) focuses %s, want %s", loc, i+1, s.key, f, s.want)
			}
			if f.Ring == "" {
				t.Errorf("%s: focused %s shows no focus ring", loc, f)
			}
		}
		pressAndLoad(t, tab, kb.Enter)
		if got := tab.Location(t); got != base+hits[1] {
			t.Errorf("Enter on the second result opens %s, want %s", got, base+hits[1])
		}
	}
}

// TestKeyboardLanguageSwitch reaches the language switch with Tab and follows it with Enter,
// there and back.
func TestKeyboardLanguageSwitch(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, tc := range []struct{ from, to string }{
		{"/policy/08-social-insurance/", "/en/policy/08-social-insurance/"},
		{"/en/policy/08-social-insurance/", "/policy/08-social-insurance/"},
	} {
		tab.Navigate(t, base+tc.from)
		tabUntil(t, tab, 10, "the language switch", func(f focused) bool {
			return strings.Contains(" "+f.Class+" ", " lang-switch ")
		})
		pressAndLoad(t, tab, kb.Enter)
		if got := tab.Location(t); got != base+tc.to {
			t.Errorf("Enter on the language switch of %s opens %s, want %s", tc.from, got, base+tc.to)
		}
	}
}

// TestKeyboardCalculator fills in the calculator's first step with the keyboard alone, in
// Chinese, and reaches the result: the total is shown, announced, and the result's buttons
// take the focus.
func TestKeyboardCalculator(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/calculator/")
	calculatorReady(t, tab, "keyboard walkthrough")
	tabUntil(t, tab, 80, "the first field", func(f focused) bool { return f.ID == "f-firstEntryYear" })
	tab.Run(t, chromedp.KeyEvent("2022"))
	tabUntil(t, tab, 4, "the revenue field", func(f focused) bool { return f.ID == "f-revenue" })
	tab.Run(t, chromedp.KeyEvent("26000000"))
	// Tab on to the results; leaving the field commits it.
	button := tabUntil(t, tab, 150, "a button of the result", func(f focused) bool {
		return f.Tag == "button" && strings.HasPrefix(f.ID, "calc-") &&
			browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.activeElement.closest("#calc-results")`))
	})
	if button.Ring == "" {
		t.Errorf("focused %s shows no focus ring", button)
	}
	result := browsertest.Get(t, tab, chromedp.Evaluate[map[string]string](`new Promise(resolve => {
		const until = Date.now() + 10000;
		const read = () => {
			const calc = document.getElementById("calc");
			const total = document.querySelector("#calc-output [data-total]");
			if ((!total || calc.dataset.busy) && Date.now() < until) return setTimeout(read, 50);
			resolve({
				total: total ? total.getAttribute("data-total") : "",
				shown: total ? total.textContent.trim() : "",
				live: Array.from(document.querySelectorAll('#calc [aria-live="polite"], #calc [role="status"]'))
					.map(e => e.textContent.trim()).filter(Boolean).join(" / "),
			});
		};
		read();
	})`, chromedp.EvalAwaitPromise))
	amount, err := strconv.ParseFloat(result["total"], 64)
	if err != nil || amount <= 0 {
		t.Errorf("after typing the year and the revenue, the total is %q (shown %q), want a positive amount", result["total"], result["shown"])
	}
	if !strings.ContainsAny(result["shown"], "0123456789") {
		t.Errorf("the total shown is %q, want an amount", result["shown"])
	}
	if result["live"] == "" {
		t.Errorf("no live region in #calc (aria-live=polite or role=status) announces the result")
	}
	t.Logf("keyboard only: total %s, shown %q, announced %q", result["total"], result["shown"], result["live"])
}

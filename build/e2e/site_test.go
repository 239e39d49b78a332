package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// TestLanguageSwitch loads a clause page, follows the language switch and lands on the same
// clause in the other language, then back; no request leaves the site and the console is clean.
func TestLanguageSwitch(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/policy/08-social-insurance/")
	if lang := browsertest.Get(t, tab, chromedp.Evaluate[string]("document.documentElement.lang")); lang != "zh-Hans" {
		t.Errorf("lang = %q, want zh-Hans", lang)
	}
	tab.ClickAndWait(t, "a.lang-switch")
	if got, want := tab.Location(t), base+"/en/policy/08-social-insurance/"; got != want {
		t.Fatalf("after the language switch: %s, want %s", got, want)
	}
	if lang := browsertest.Get(t, tab, chromedp.Evaluate[string]("document.documentElement.lang")); lang != "en" {
		t.Errorf("lang = %q, want en", lang)
	}
	h1 := browsertest.Get(t, tab, chromedp.Text(chromedp.CSS("h1")))
	if !strings.HasPrefix(h1, "(8)") {
		t.Errorf("English page heading = %q, want clause (8)", h1)
	}
	tab.ClickAndWait(t, "a.lang-switch")
	if got, want := tab.Location(t), base+"/policy/08-social-insurance/"; got != want {
		t.Errorf("switching back: %s, want %s", got, want)
	}
	tab.AssertSameOrigin(t, base)
	tab.AssertNoConsoleErrors(t)
}

// TestClauseEightInTwoClicks: from the home page a reader reaches clause (八) in at most two
// clicks, in both languages, by following visible links.
func TestClauseEightInTwoClicks(t *testing.T) {
	base := serveSite(t)
	for _, tc := range []struct{ home, target string }{
		{"/", "/policy/08-social-insurance/"},
		{"/en/", "/en/policy/08-social-insurance/"},
	} {
		tab := browsertest.New(t).Tab(t)
		tab.Navigate(t, base+tc.home)
		// One click: is there a visible link straight to the clause?
		direct := browsertest.Get(t, tab, chromedp.Evaluate[bool](visibleLink(tc.target)))
		if direct {
			tab.ClickAndWait(t, `main a[href="`+tc.target+`"]`)
		} else {
			// Two clicks: through the policy document's table of contents.
			policy := strings.TrimSuffix(tc.home, "/") + "/policy/"
			tab.ClickAndWait(t, `nav a[href="`+policy+`"]`)
			if !browsertest.Get(t, tab, chromedp.Evaluate[bool](visibleLink(tc.target))) {
				t.Fatalf("%s: no visible link to %s on %s", tc.home, tc.target, policy)
			}
			tab.ClickAndWait(t, `main a[href="`+tc.target+`"]`)
		}
		if got := tab.Location(t); got != base+tc.target {
			t.Errorf("from %s: landed on %s, want %s", tc.home, got, base+tc.target)
		}
	}
}

// visibleLink is a script that tells whether <main> has a visible link to href.
func visibleLink(href string) string {
	return `Array.from(document.querySelectorAll('main a[href="` + href + `"]')).some(a => a.offsetParent !== null && a.getBoundingClientRect().width > 0)`
}

// TestEveryPageTypeHead checks, in the browser, what each page type carries in its head:
// title, description, canonical, hreflang alternates for both languages and x-default.
func TestEveryPageTypeHead(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, path := range []string{"/", "/en/", "/policy/", "/policy/04-reward-211/", "/en/policy/04-reward-211/",
		"/benefits/", "/glossary/", "/departments/", "/departments/finance/", "/faq/", "/status/", "/about/",
		"/calculator/", "/search/", "/en/search/"} {
		tab.Navigate(t, base+path)
		got := browsertest.Get(t, tab, chromedp.Evaluate[string](`[
			document.title ? "title" : "",
			document.querySelector('meta[name=description]')?.content ? "description" : "",
			document.querySelector('link[rel=canonical]')?.href.endsWith(location.pathname) ? "canonical" : "",
			document.querySelector('link[hreflang="zh-Hans"]') ? "zh" : "",
			document.querySelector('link[hreflang="en"]') ? "en" : "",
			document.querySelector('link[hreflang="x-default"]') ? "x-default" : "",
			document.documentElement.lang ? "lang" : "",
		].join(" ")`))
		if want := "title description canonical zh en x-default lang"; got != want {
			t.Errorf("%s head has %q, want %q", path, got, want)
		}
	}
	tab.AssertSameOrigin(t, base)
}

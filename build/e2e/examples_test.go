package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// TestExamplesOpenInCalculator follows every worked example's "open in calculator" link and
// requires the calculator, computing in the browser, to show the total printed on the example
// page (which the build computed natively): the two cannot drift apart.
func TestExamplesOpenInCalculator(t *testing.T) {
	base := serveSite(t)
	list := browsertest.New(t).Tab(t)
	for _, lang := range []string{"", "/en"} {
		list.Navigate(t, base+lang+"/examples/")
		links := browsertest.Get(t, list, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll('main .examples-list a')).map(a => a.getAttribute('href'))`))
		if len(links) < 8 {
			t.Fatalf("%s/examples/ lists %d examples, want at least 8", lang, len(links))
		}
		for _, page := range links {
			list.Navigate(t, base+page)
			want := browsertest.Get(t, list, chromedp.Evaluate[string](`document.querySelector('main [data-total]').getAttribute('data-total')`))
			href := browsertest.Get(t, list, chromedp.Evaluate[string](`document.querySelector('a[data-open-calculator]').getAttribute('href')`))
			if !strings.HasPrefix(href, lang+"/calculator/#v1=") {
				t.Errorf("%s: calculator link %q", page, href)
				continue
			}
			tab := openCalculator(t, base, href)
			settle(t, tab)
			got := readShown(t, tab)
			if !sameNumber(got.Total, want) {
				t.Errorf("%s: the calculator shows data-total %q (errors %q), the example page %s", page, got.Total, got.Errors, want)
			}
		}
	}
}

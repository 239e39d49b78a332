package e2e

import (
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// TestCalculatorVersionInPageLanguage: the rules version under a result is written in the
// page's language. The Chinese page showed the core's "(parameters as of 2026-11-25)".
func TestCalculatorVersionInPageLanguage(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, tc := range []struct {
		path string
		want *regexp.Regexp
	}{
		{"/calculator/", regexp.MustCompile(`^规则版本：\S+（参数截至\d{4}年\d{1,2}月\d{1,2}日）$`)},
		{"/en/calculator/", regexp.MustCompile(`^Rules version: \S+ \(parameters as of \d{1,2} [A-Z][a-z]+ \d{4}\)$`)},
	} {
		tab.Navigate(t, base+tc.path+"#v1=y:2022~r:26000000")
		calculatorReady(t, tab, "the version line check")
		line := browsertest.Get(t, tab, chromedp.Poll[string](`(document.querySelector(".calc-version") || {}).textContent`))
		if !tc.want.MatchString(line) {
			t.Errorf("%s: the version line is %q, want it to match %s", tc.path, line, tc.want)
		}
	}
}

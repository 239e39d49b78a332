package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// TestPolicyDigitsInTextFont: in the Chinese policy text the digits ("20万元", "2021") are
// drawn with the font of the characters around them. Where no Chinese serif (仿宋, 宋体) is
// installed, the Chinese fell back to the system's Chinese sans-serif while the digits took
// the Latin serif of the list (Georgia, DejaVu Serif): "20" in one typeface, "万元" in another.
func TestPolicyDigitsInTextFont(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, path := range []string{"/policy/04-reward-211/", "/policy/preamble/"} {
		tab.Navigate(t, base+path)
		ids := browsertest.Get(t, tab, chromedp.QueryNodeIDs(chromedp.CSSAll(".policy-body p")))
		texts := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".policy-body p")].map(p => [...p.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join(""))`))
		at := -1
		for i, text := range texts {
			if strings.ContainsAny(text, "0123456789") {
				at = i
				break
			}
		}
		if at < 0 || len(ids) != len(texts) {
			t.Fatalf("%s: no paragraph of the policy text has a digit to check", path)
		}
		var fonts []*css.PlatformFontUsage
		tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			if _, err := cdp.Call(ctx, target, css.Enable, cdp.Empty{}); err != nil {
				return err
			}
			res, err := cdp.Call(ctx, target, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: ids[at]})
			fonts = res.Fonts
			return err
		}))
		var names []string
		for _, f := range fonts {
			names = append(names, f.FamilyName)
		}
		t.Logf("%s: the policy text is drawn with %v", path, names)
		if len(fonts) != 1 {
			t.Errorf("%s: a paragraph of the policy text with digits is drawn with %d fonts (%v), want one for characters and digits alike", path, len(fonts), names)
		}
	}
}

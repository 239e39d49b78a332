package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"scaleup/build/browsertest"
)

// placeScript scrolls the page so that the field's top is just above the total bar's top
// (tap mode: 8 px of it still show, where a thumb lands) or wholly under it (tab mode), and
// returns where to tap.
const placeScript = `(async (id, mode) => {
	const jump = document.getElementById("calc-jump");
	// The bar is hidden while the calculator works out the last change.
	for (let i = 0; i < 50 && jump.hidden; i++) await new Promise(r => setTimeout(r, 20));
	const f = document.getElementById(id);
	const bar = jump.getBoundingClientRect();
	const r = f.getBoundingClientRect();
	const target = mode === "tap" ? bar.top - 8 : bar.top + 2;
	window.scrollBy(0, r.top - target);
	const after = f.getBoundingClientRect();
	return [after.left + Math.min(20, after.width / 2), after.top + 4];
})`

// fieldSeen is what coverScript measures once a field has focus and was typed in.
type fieldSeen struct {
	Focused string  `json:"focused"`
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	BarTop  float64 `json:"barTop"` // top of the total bar, or the window's height when it is not shown
	Height  float64 `json:"height"`
}

const coverScript = `(() => {
	const f = document.activeElement, r = f.getBoundingClientRect();
	const bar = document.getElementById("calc-jump");
	const shown = !bar.hidden && getComputedStyle(bar).display !== "none" && bar.getBoundingClientRect().height > 0;
	return {focused: f.id, top: r.top, bottom: r.bottom, height: window.innerHeight,
		barTop: shown ? bar.getBoundingClientRect().top : window.innerHeight};
})()`

// TestCalculatorBarNeverCoversField types in every text field of the calculator on a
// 390×844 phone, reached both ways a person reaches it: a tap on the part of it still showing
// above the sticky total bar, and Tab from the field before while it is wholly under the bar.
// The field must end up fully in view and clear of the bar. Before, the bar (801–844 px)
// covered the revenue box (812–856 px).
func TestCalculatorBarNeverCoversField(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, 390, 844, true)
	tab.Navigate(t, base+"/calculator/")
	calculatorReady(t, tab, "the bar check")
	// A result, so that the bar shows; a row of each list, so that their fields are there.
	tab.Run(t,
		chromedp.SendKeys(chromedp.ID("f-firstEntryYear"), "2022"),
		chromedp.SendKeys(chromedp.ID("f-revenue"), "2600万"),
		chromedp.Click(chromedp.CSS(`[data-add="taxes"]`)),
		chromedp.Click(chromedp.CSS(`[data-add="hires"]`)),
	)
	browsertest.Get(t, tab, chromedp.Poll[bool](`!document.getElementById("calc-jump").hidden`))
	fields := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#calc-form input.calc-input, #calc-form select")]
		.filter(f => f.getBoundingClientRect().height > 0 && !f.disabled).map(f => f.id)`))
	if len(fields) < 12 {
		t.Fatalf("%d text fields found (%v), want the form's with a tax and a hire row", len(fields), fields)
	}
	for _, mode := range []string{"tap", "tab"} {
		for i, id := range fields {
			if mode == "tab" && i == 0 {
				continue
			}
			at := browsertest.Get(t, tab, chromedp.Evaluate[[]float64](placeScript+"("+strconv.Quote(id)+", "+strconv.Quote(mode)+")", chromedp.EvalAwaitPromise))
			if mode == "tap" {
				tab.Run(t, chromedp.MouseClickXY(at[0], at[1]))
			} else {
				tab.Run(t, chromedp.Evaluate[chromedp.Void](`document.getElementById(`+strconv.Quote(fields[i-1])+`).focus({preventScroll: true})`))
				for range 40 { // the fields between may be radio buttons, check boxes and links
					f := keyPress(t, tab, kb.Tab)
					if f.ID == id {
						break
					}
				}
			}
			tab.Run(t, chromedp.KeyEvent("0"), chromedp.KeyEvent(kb.Backspace))
			got := browsertest.Get(t, tab, chromedp.Evaluate[fieldSeen](coverScript))
			if got.Focused != id {
				if id == "f-prioritySector" && mode == "tap" {
					continue // a tap opens the <select>'s list, which the test cannot measure
				}
				hit := browsertest.Get(t, tab, chromedp.Evaluate[string](`(() => { const e = document.elementFromPoint(`+strconv.FormatFloat(at[0], 'f', 1, 64)+`, `+strconv.FormatFloat(at[1], 'f', 1, 64)+`); return e ? e.tagName + "#" + e.id + "." + e.className : ""; })()`))
				t.Errorf("%s of #%s at %v: the focus is on #%s (%s there)", mode, id, at, got.Focused, hit)
				continue
			}
			if got.Top < 0 || got.Bottom > got.BarTop+0.5 {
				t.Errorf("%s of #%s, then typing: the field is at %.0f–%.0f px, the bar starts at %.0f px (window %.0f px)",
					mode, id, got.Top, got.Bottom, got.BarTop, got.Height)
			}
		}
	}
	tab.AssertNoConsoleErrors(t)
}

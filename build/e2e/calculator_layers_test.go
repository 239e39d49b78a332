package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
	"scaleup/calculator/modules"
)

// The estimate in layers (issue 19): the city's document, the province's and the local schemes
// the user enters, each its own block, found by data-policy, with the combined figure beside them.

// TestCalculatorLayers fills scenario 106 (every layer with money) in through the form, in
// Chinese and in English, and finds each layer's total by data-policy, the combined figure by
// data-grand-total, each block's document, dates and status, the stacked chart with its legend
// and the year list that names each layer's part.
func TestCalculatorLayers(t *testing.T) {
	base := serveSite(t)
	sc := loadScenario(t, "106-layers-grand-total.json")
	want := map[string]string{
		"jsz-2021-35":  sc.Output.Total.String(),
		"jcgj-2025-1":  sc.Output.Policies["jcgj-2025-1"].Total.String(),
		"localSchemes": sc.Output.Policies["localSchemes"].Total.String(),
	}
	for _, c := range []struct{ path, number, status string }{
		{"/calculator/", "晋财规建〔2025〕1号", "已施行"},
		{"/en/calculator/", "Jin Cai Gui Jian [2025] No. 1", "in effect"},
	} {
		t.Run(c.path, func(t *testing.T) {
			tab := openCalculator(t, base, c.path)
			fill(t, tab, sc.Input)
			got := readShown(t, tab)
			if len(got.Errors) > 0 {
				t.Fatalf("the page shows errors: %q", got.Errors)
			}
			if len(got.Layers) != len(want) {
				t.Errorf("layers %v, want %v", got.Layers, want)
			}
			for id, w := range want {
				if !sameNumber(got.Layers[id], w) {
					t.Errorf(`[data-policy=%q] data-total = %q, want %s`, id, got.Layers[id], w)
				}
			}
			if !sameNumber(got.GrandTotal, sc.Output.GrandTotal.String()) {
				t.Errorf("data-grand-total = %q, want %s", got.GrandTotal, sc.Output.GrandTotal)
			}
			if !sameNumber(got.Total, want["jsz-2021-35"]) {
				t.Errorf("the first [data-total] (old scripts read it) is %q, want the city's %s", got.Total, want["jsz-2021-35"])
			}
			page := browsertest.Get(t, tab, chromedp.Evaluate[map[string]string](`(function () {
  function text(sel) { var el = document.querySelector(sel); return el ? el.textContent : ""; }
  function all(sel, attr) { return Array.prototype.map.call(document.querySelectorAll(sel), function (el) { return el.getAttribute(attr); }).join(" "); }
  return {
    oldMark: (document.querySelector("#calc-output .calc-total[data-total]") || {getAttribute: function () { return ""; }}).getAttribute("data-total"),
    title: text('[data-policy="jcgj-2025-1"] .calc-layer-title'),
    meta: text('[data-policy="jcgj-2025-1"] .calc-layer-meta'),
    cityMeta: text('[data-policy="jsz-2021-35"] .calc-layer-meta'),
    parts: all("#calc-output .calc-layer-parts li", "data-layer-part"),
    segments2025: all('#calc-output .calc-chart rect[data-year="2025"]', "data-layer"),
    legend: String(document.querySelectorAll("#calc-output .calc-chart-legend li").length),
    yearParts2025: all('#calc-output .calc-years li[data-year="2025"] [data-layer]', "data-layer"),
    paidFrom: all('[data-policy="jcgj-2025-1"] .calc-cash-items li', "data-paid-from-year"),
    years: all('[data-policy="jcgj-2025-1"] .calc-cash-items li', "data-year")
  };
})()`))
			if !sameNumber(page["oldMark"], want["jsz-2021-35"]) {
				t.Errorf(".calc-total[data-total] = %q, want the city's %s", page["oldMark"], want["jsz-2021-35"])
			}
			if !strings.Contains(page["title"], c.number) {
				t.Errorf("the provincial block's heading %q does not name %s", page["title"], c.number)
			}
			if !strings.Contains(page["meta"], c.status) || !strings.Contains(page["meta"], "2025") {
				t.Errorf("the provincial block's dates and status %q, want its dates and %q", page["meta"], c.status)
			}
			if page["cityMeta"] == "" {
				t.Error("the city's block shows no dates and status")
			}
			for k, w := range map[string]string{
				"parts":         "jsz-2021-35 jcgj-2025-1 localSchemes",
				"segments2025":  "jsz-2021-35 jcgj-2025-1 localSchemes",
				"legend":        "3",
				"yearParts2025": "jsz-2021-35 jcgj-2025-1 localSchemes",
				"paidFrom":      "2026 2026 2027",
				"years":         "2025 2025 2026",
			} {
				if page[k] != w {
					t.Errorf("%s: %q, want %q", k, page[k], w)
				}
			}
			tab.AssertNoConsoleErrors(t)
		})
	}
}

// TestCalculatorProvincialBoundary: a 2025 entry without its month is not counted for the
// province by default (scenario 096); the reading counts it (097) and the link keeps the reading;
// a month before June is not counted whatever the reading (095), June is (094).
func TestCalculatorProvincialBoundary(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, "/en/calculator/")
	fill(t, tab, loadScenario(t, "096-province-2025-no-month.json").Input)
	layer := func() string { return readShown(t, tab).Layers["jcgj-2025-1"] }
	if got := layer(); !sameNumber(got, "0") {
		t.Errorf("2025 without a month: provincial total %q, want 0", got)
	}
	click(t, tab, "f-assumptions-provinceCounts2025WithoutMonth")
	if got := layer(); !sameNumber(got, "300000") {
		t.Errorf("2025 without a month, counted by the reading: provincial total %q, want 300000", got)
	}
	settle(t, tab)
	if loc := tab.Location(t); !strings.Contains(loc, "~pm:1") {
		t.Errorf("the link %s does not keep the reading (pm:1)", loc)
	}
	typeInto(t, tab, "f-firstEntryMonth", "5")
	if got := layer(); !sameNumber(got, "0") {
		t.Errorf("May 2025: provincial total %q, want 0", got)
	}
	warned := browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.querySelector('[data-policy="jcgj-2025-1"] [data-warning="earlierRules"]')`))
	if !warned {
		t.Error("May 2025: the earlier provincial rules are not reported")
	}
	typeInto(t, tab, "f-firstEntryMonth", "6")
	if got := layer(); !sameNumber(got, "300000") {
		t.Errorf("June 2025: provincial total %q, want 300000", got)
	}
	tab.AssertNoConsoleErrors(t)
}

// TestCalculatorOldFragmentsKeepTheirFigures: links saved before the layers (none of the new keys)
// open with the figures they had: the city's total where old scripts read it, equal to the core's
// top level for the same input; the new layers come beside it.
func TestCalculatorOldFragmentsKeepTheirFigures(t *testing.T) {
	base := serveSite(t)
	for _, c := range []struct{ fragment, input string }{
		{benchScenario, ""},
		{"/calculator/#v1=y:2026~r:26000000~pf:four_foundations~ly:2027", `{"firstEntryYear":2026,"revenue":26000000,"priorityField":"four_foundations","lastYearInDirectory":2027}`},
		{"/en/calculator/#v1=y:2022~r:26000000~h0s:2021-12~h0m:24~h0c:1000~h0e:24~ah:monthsAfterEntry", `{"firstEntryYear":2022,"revenue":26000000,"hires":[{"start":"2021-12","contractMonths":24,"monthlyEmployerContribution":1000,"monthsEmployed":24}],"assumptions":{"hireStartsBeforeEntry":"monthsAfterEntry"}}`},
	} {
		input := c.input
		if input == "" {
			var s struct {
				Input json.RawMessage `json:"input"`
			}
			data, err := os.ReadFile(filepath.Join(scenarioDir, "046-typical-enterprise.json"))
			if err == nil {
				err = json.Unmarshal(data, &s)
			}
			if err != nil {
				t.Fatal(err)
			}
			input = string(s.Input)
		}
		raw, ok := modules.All.EstimateJSON([]byte(input))
		if !ok {
			t.Fatalf("%s: %s", input, raw)
		}
		var native struct {
			Total      json.Number `json:"total"`
			GrandTotal json.Number `json:"grandTotal"`
		}
		if err := json.Unmarshal(raw, &native); err != nil {
			t.Fatal(err)
		}
		tab := openCalculator(t, base, c.fragment)
		settle(t, tab)
		got := readShown(t, tab)
		if !sameNumber(got.Total, native.Total.String()) || !sameNumber(got.Layers["jsz-2021-35"], native.Total.String()) {
			t.Errorf("%s: the city's total %q (layer %q), want %s as before", c.fragment, got.Total, got.Layers["jsz-2021-35"], native.Total)
		}
		if !sameNumber(got.GrandTotal, native.GrandTotal.String()) {
			t.Errorf("%s: combined figure %q, want %s", c.fragment, got.GrandTotal, native.GrandTotal)
		}
		tab.AssertNoConsoleErrors(t)
	}
}

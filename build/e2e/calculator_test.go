package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/evanw/esbuild/pkg/api"

	"scaleup/build/browsertest"
	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// The calculator's browser tests: the rule core's scenario files filled in through the form, the
// readings, the validation, the shared link, the network and the layout at 320 px, 200% zoom
// and with the keyboard alone. Each test opens its own tab.

const scenarioDir = "../../calculator/testdata/scenarios"

// scenario is one file of calculator/testdata/scenarios; numbers keep their text.
type scenario struct {
	Name   string         `json:"name"`
	Input  map[string]any `json:"input"`
	Output struct {
		Total  *json.Number           `json:"total"`
		ByYear map[string]json.Number `json:"byYear"`
		Items  []struct {
			ID     string      `json:"id"`
			Year   int         `json:"year"`
			Amount json.Number `json:"amount"`
		} `json:"items"`
	} `json:"output"`
}

func loadScenario(t testing.TB, file string) scenario {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(scenarioDir, file))
	if err != nil {
		t.Fatal(err)
	}
	var s scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return s
}

// openCalculator opens the calculator page (path "/calculator/" or "/en/calculator/", with an
// optional fragment) in a new tab and waits until the WebAssembly module is running.
func openCalculator(t testing.TB, base, path string) *browsertest.Tab {
	t.Helper()
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+path)
	waitReady(t, tab)
	return tab
}

func waitReady(t testing.TB, tab *browsertest.Tab) {
	t.Helper()
	tab.Run(t, chromedp.WaitVisible(chromedp.CSS(`#calc[data-state="ready"]`)))
}

// settle waits until the page has rendered the answer to the latest input: no estimate in
// flight (data-busy), the deferred work done (data-pending: the link, the printed inputs) and
// the render counter steady for a moment.
func settle(t testing.TB, tab *browsertest.Tab) {
	t.Helper()
	Get(t, tab, `new Promise(function (resolve) {
  var root = document.getElementById("calc"), last = root.dataset.renders, still = 0;
  var timer = setInterval(function () {
    if (root.dataset.renders === last && !root.dataset.busy && !root.dataset.pending) still++; else { still = 0; last = root.dataset.renders; }
    if (still >= 4) { clearInterval(timer); resolve(true); }
  }, 25);
})`)
}

// Get evaluates a JavaScript expression (awaiting a promise) and returns its JSON value.
func Get(t testing.TB, tab *browsertest.Tab, js string) any {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[any](js, chromedp.EvalAwaitPromise))
}

// typeInto focuses a field by id, clears it and types text as a person would.
func typeInto(t testing.TB, tab *browsertest.Tab, id, text string) {
	t.Helper()
	Get(t, tab, `document.getElementById(`+strconv.Quote(id)+`).value = ""`)
	tab.Run(t, chromedp.SendKeys(chromedp.CSS("#"+id), text))
	// Leaving the field commits it (the change event marks it as dealt with).
	Get(t, tab, `document.getElementById(`+strconv.Quote(id)+`).dispatchEvent(new Event("change", {bubbles: true})), true`)
	settle(t, tab)
}

func click(t testing.TB, tab *browsertest.Tab, id string) {
	t.Helper()
	tab.Run(t, chromedp.Click(chromedp.CSS("#"+id)))
	settle(t, tab)
}

// percent turns a fraction from the JSON contract into the percentage the form asks for.
func percent(v any) string {
	s := fmt.Sprint(v)
	r, err := calculator.ParseRate(s)
	if err != nil {
		return s
	}
	// Rate is parts per million: 20000 ppm = 2%.
	pct := strconv.FormatFloat(float64(r)/10000, 'f', -1, 64)
	return pct
}

// fill enters a scenario's input through the form.
func fill(t testing.TB, tab *browsertest.Tab, in map[string]any) {
	t.Helper()
	text := func(v any) string { return fmt.Sprint(v) }
	for _, f := range []string{"firstEntryYear", "revenue", "lastYearInDirectory", "employees"} {
		if v, ok := in[f]; ok {
			typeInto(t, tab, "f-"+f, text(v))
		}
	}
	if v, ok := in["route"]; ok {
		click(t, tab, "f-route-"+text(v))
	}
	for _, f := range []string{"industrial", "firstTime"} {
		if v, ok := in[f]; ok && v == false {
			click(t, tab, "f-"+f)
		}
	}
	for _, f := range []string{"techSME", "inCultivationPool"} {
		if v, ok := in[f]; ok && v == true {
			click(t, tab, "f-"+f)
		}
	}
	if v, ok := in["priorityField"]; ok {
		click(t, tab, "f-priorityField-"+text(v))
	}
	if v, ok := in["prioritySector"]; ok {
		Get(t, tab, `(function () { var s = document.getElementById("f-prioritySector"); s.value = `+strconv.Quote(text(v))+
			`; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value; })()`)
	}
	if rows, ok := in["taxes"].([]any); ok {
		for i, r := range rows {
			click(t, tab, "calc-step4 .calc-add")
			row := r.(map[string]any)
			for _, f := range []string{"year", "vat", "cit", "otherLocal"} {
				if v, ok := row[f]; ok {
					typeInto(t, tab, fmt.Sprintf("f-taxes-%d-%s", i, f), text(v))
				}
			}
		}
	}
	if rows, ok := in["hires"].([]any); ok {
		for i, r := range rows {
			click(t, tab, "calc-step5 .calc-add")
			row := r.(map[string]any)
			for _, f := range []string{"start", "contractMonths", "monthlyEmployerContribution", "monthsEmployed", "monthlyEmployeeContribution"} {
				if v, ok := row[f]; ok {
					typeInto(t, tab, fmt.Sprintf("f-hires-%d-%s", i, f), text(v))
				}
			}
		}
	}
	if g, ok := in["guarantee"].(map[string]any); ok {
		typeInto(t, tab, "f-guarantee-amount", text(g["amount"]))
		typeInto(t, tab, "f-guarantee-alternativeFeeRate", percent(g["alternativeFeeRate"]))
	}
	if a, ok := in["assumptions"].(map[string]any); ok {
		for _, f := range []string{"retentionCountsEntryYear", "windowStartsAtEntry"} {
			if v, ok := a[f]; ok && v == false {
				click(t, tab, "f-assumptions-"+f)
			}
		}
		if v, ok := a["exitEndsAllRewards"]; ok && v == true {
			click(t, tab, "f-assumptions-exitEndsAllRewards")
		}
		for _, f := range []string{"taxBase", "hireStartsBeforeEntry", "hireStartLimit", "socialInsuranceScope", "taxIncreaseNetting"} {
			if v, ok := a[f]; ok {
				click(t, tab, "f-assumptions-"+f+"-"+text(v))
			}
		}
		if ls, ok := a["localShare"].(map[string]any); ok {
			for k, v := range ls {
				typeInto(t, tab, "f-assumptions-localShare-"+k, percent(v))
			}
		}
		if v, ok := a["returnedFraction"]; ok {
			typeInto(t, tab, "f-assumptions-returnedFraction", percent(v))
		}
	}
	settle(t, tab)
}

// shown is what the page displays of an estimate, read from its data- attributes.
type shown struct {
	Total  string            `json:"total"`
	ByYear map[string]string `json:"byYear"`
	Items  []string          `json:"items"` // "id year amount"
	Errors []string          `json:"errors"`
}

func readShown(t testing.TB, tab *browsertest.Tab) shown {
	t.Helper()
	v := browsertest.Get(t, tab, chromedp.Evaluate[shown](`(function () {
  var out = {total: "", byYear: {}, items: [], errors: []};
  var total = document.querySelector("#calc-output [data-total]");
  if (total) out.total = total.getAttribute("data-total");
  document.querySelectorAll("#calc-output .calc-years li").forEach(function (li) {
    out.byYear[li.dataset.year] = li.dataset.amount;
  });
  document.querySelectorAll("#calc-output .calc-cash-items li").forEach(function (li) {
    out.items.push(li.dataset.item + " " + li.dataset.year + " " + li.dataset.amount);
  });
  if (!document.getElementById("calc-errors").hidden) {
    document.querySelectorAll("#calc-errors-list li").forEach(function (li) { out.errors.push(li.textContent); });
  }
  return out;
})()`))
	return v
}

// sameNumber compares two decimal texts as amounts ("400000" and "400000.00").
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

// The scenarios filled in through the form. Each covers other fields: the minimal input, the
// revenue threshold, leaving the directory, the key-sector bonus, hires, the guarantee and both
// tax-base readings.
var formScenarios = []string{
	"001-eligible-growth-minimal.json",
	"003-revenue-one-fen-short.json",
	"013-exit-after-second-year.json",
	"018-issue-example-priority.json",
	"024-hire-contract-12-months.json",
	"031-guarantee-saving-default-window.json",
	"034-tax-fixed-base.json",
	"035-tax-rolling-base.json",
	"073-insurance-employer-and-employee.json",
	"080-exit-ends-all.json",
}

func TestCalculatorScenarios(t *testing.T) {
	base := serveSite(t)
	for _, file := range formScenarios {
		t.Run(strings.TrimSuffix(file, ".json"), func(t *testing.T) {
			sc := loadScenario(t, file)
			tab := openCalculator(t, base, "/en/calculator/")
			fill(t, tab, sc.Input)
			got := readShown(t, tab)
			if len(got.Errors) > 0 {
				t.Fatalf("%s: the page shows errors: %q", sc.Name, got.Errors)
			}
			if sc.Output.Total != nil && !sameNumber(got.Total, sc.Output.Total.String()) {
				t.Errorf("%s: data-total = %q, want %s", sc.Name, got.Total, sc.Output.Total)
			}
			if sc.Output.ByYear != nil {
				want := map[string]string{}
				for y, a := range sc.Output.ByYear {
					want[y] = a.String()
				}
				if len(got.ByYear) != len(want) {
					t.Errorf("%s: per-year figures %v, want %v", sc.Name, got.ByYear, want)
				}
				for y, a := range want {
					if !sameNumber(got.ByYear[y], a) {
						t.Errorf("%s: year %s shows %q, want %s", sc.Name, y, got.ByYear[y], a)
					}
				}
			}
			if sc.Output.Items != nil {
				var want []string
				for _, it := range sc.Output.Items {
					want = append(want, fmt.Sprintf("%s %d %s", it.ID, it.Year, it.Amount))
				}
				if strings.Join(got.Items, "|") != strings.Join(want, "|") {
					t.Errorf("%s: items\n got %q\nwant %q", sc.Name, got.Items, want)
				}
			}
			// Clause links of the English page lead to English clause pages of the site.
			hrefs := browsertest.Get(t, tab, chromedp.Evaluate[[]string](
				`Array.prototype.map.call(document.querySelectorAll("#calc-output a.calc-clause"), function (a) { return a.getAttribute("href"); })`))
			if len(hrefs) == 0 {
				t.Errorf("%s: no clause links in the results", sc.Name)
			}
			for _, h := range hrefs {
				if !strings.HasPrefix(h, "/en/policy/") || !isStaticFile(h) {
					t.Errorf("%s: clause link %q is not an English clause page of the site", sc.Name, h)
				}
			}
			tab.AssertNoConsoleErrors(t)
		})
	}
}

// TestCalculatorWasmMatchesNative runs every scenario file's input through the page's worker
// (the WebAssembly build) and compares the answer byte for byte with the native core.
func TestCalculatorWasmMatchesNative(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, "/calculator/")
	files, err := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files in %s (%v)", scenarioDir, err)
	}
	var inputs []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Input     json.RawMessage `json:"input"`
			InputText *string         `json:"inputText"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		in := string(doc.Input)
		if doc.InputText != nil {
			in = *doc.InputText
		}
		inputs = append(inputs, in)
	}
	list, _ := json.Marshal(inputs)
	outs := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`(function (inputs) {
  var urls = document.querySelector("script[data-worker]").dataset;
  // No fragment on the worker's URL: the init message alone must start it (the page passes both,
  // and a worker served by the service worker sees no fragment).
  var w = new Worker(urls.worker), answers = [], next = 0;
  return new Promise(function (resolve, reject) {
    w.onmessage = function (ev) {
      if (ev.data.failed) return reject(new Error(ev.data.failed));
      if (ev.data.error) return reject(new Error(ev.data.error));
      if (!ev.data.ready) answers[ev.data.id] = ev.data.output;
      if (next < inputs.length) { w.postMessage({id: next, input: inputs[next]}); next++; }
      else if (answers.length === inputs.length) { w.terminate(); resolve(answers); }
    };
    w.postMessage({init: {wasm: urls.wasm, wasmExec: urls.wasmExec}});
  });
})(`+string(list)+`)`, chromedp.EvalAwaitPromise))
	if len(outs) != len(inputs) {
		t.Fatalf("the worker answered %d of %d inputs", len(outs), len(inputs))
	}
	for i, in := range inputs {
		want, _ := modules.All.EstimateJSON([]byte(in))
		if outs[i] != string(want) {
			t.Errorf("%s: the WebAssembly build differs from the native core\nwasm:   %s\nnative: %s",
				filepath.Base(files[i]), outs[i], want)
		}
	}
	t.Logf("%d scenario inputs: WebAssembly output identical to native", len(inputs))
}

// TestCalculatorUpdatesMatchFreshPage: the page changes only the parts of the results that
// differ from the last answer (render.ts, showResults). After each edit, including ones that add
// and remove whole sections and what-if hints, the results must be exactly those of a fresh page
// opened with the same link: same elements, attributes and text, in the same order.
func TestCalculatorUpdatesMatchFreshPage(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, benchScenario)
	settle(t, tab)
	// canon writes the results as text: tags, sorted attributes and text, without the printed
	// inputs list (filled later, by design outside the results).
	const canon = `(function () {
  function walk(n) {
    if (n.nodeType === 3) return JSON.stringify(n.nodeValue);
    if (n.nodeType !== 1 || n.classList.contains("calc-print-inputs")) return "";
    var attrs = Array.prototype.map.call(n.attributes, function (a) { return a.name + "=" + JSON.stringify(a.value); }).sort();
    return "<" + n.nodeName + " " + attrs.join(" ") + ">" + Array.prototype.map.call(n.childNodes, walk).join("") + "</" + n.nodeName + ">";
  }
  return walk(document.getElementById("calc-output"));
})()`
	edit := func(id, value string) {
		Get(t, tab, `(function () {
  var el = document.getElementById(`+strconv.Quote(id)+`);
  if (el.type === "checkbox") el.checked = !el.checked; else el.value = `+strconv.Quote(value)+`;
  el.dispatchEvent(new Event("input", {bubbles: true}));
  return true;
})()`)
		settle(t, tab)
	}
	steps := []struct{ what, id, value string }{
		{"VAT 2022", "f-taxes-1-vat", "1500000"},
		{"not industrial (not eligible: sections go)", "f-industrial", ""},
		{"industrial again (sections come back)", "f-industrial", ""},
		{"revenue under the threshold (what-if hint)", "f-revenue", "19000000"},
		{"revenue over it again (hint goes)", "f-revenue", "26000000"},
		{"left the directory in 2023", "f-lastYearInDirectory", "2023"},
		{"VAT 2022 again", "f-taxes-1-vat", "1400000"},
	}
	for _, st := range steps {
		edit(st.id, st.value)
		link := browsertest.Get(t, tab, chromedp.Evaluate[string](`location.href`))
		fresh := openCalculator(t, base, strings.TrimPrefix(link, base))
		settle(t, fresh)
		// The what-if hints arrive after the result: wait until both pages have the same, or time out.
		var got, want string
		for i := 0; i < 40; i++ {
			got = browsertest.Get(t, tab, chromedp.Evaluate[string](canon))
			want = browsertest.Get(t, fresh, chromedp.Evaluate[string](canon))
			if got == want {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got != want {
			t.Errorf("after %s, the updated results differ from a fresh page's\nupdated: %s\nfresh:   %s", st.what, got, want)
		}
		tab.AssertNoConsoleErrors(t)
	}
}

func TestCalculatorReadingToggleChangesTotal(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, "/calculator/")
	// Leaving after the second year: whether the entry year counts as year 1 decides the
	// retention3 reward (scenario 013 and the readings of clause 四).
	fill(t, tab, map[string]any{"firstEntryYear": 2022, "revenue": 26000000, "lastYearInDirectory": 2024})
	before := readShown(t, tab).Total
	click(t, tab, "f-assumptions-retentionCountsEntryYear")
	settle(t, tab)
	after := readShown(t, tab).Total
	if before == "" || after == "" || before == after {
		t.Fatalf("toggling the retention reading: total %q → %q, want a change", before, after)
	}
	t.Logf("retention reading: total %s → %s", before, after)
	tab.AssertNoConsoleErrors(t)
}

// TestCalculatorWhatIf: below the revenue threshold the page says what reaching it would bring;
// after leaving the directory early, what one more year would add. Both are the core's answers
// for the changed input (scenarios 002 and 014 give the figures).
func TestCalculatorWhatIf(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, "/calculator/#v1=y:2022~r:19999999.99")
	settle(t, tab)
	got := browsertest.Get(t, tab, chromedp.AttributeValue(chromedp.CSS("[data-threshold-total]"), "data-threshold-total"))
	if got.Value != "400000" {
		t.Errorf("at 19,999,999.99 yuan: reaching the threshold would bring %q, want 400000", got.Value)
	}
	tab.Navigate(t, base+"/en/calculator/#v1=y:2022~r:26000000~ly:2023")
	waitReady(t, tab)
	settle(t, tab)
	got = browsertest.Get(t, tab, chromedp.AttributeValue(chromedp.CSS("[data-one-more-year]"), "data-one-more-year"))
	if got.Value != "100000" {
		t.Errorf("left after 2023: one more year would add %q, want 100000", got.Value)
	}
	tab.AssertNoConsoleErrors(t)
}

func TestCalculatorValidation(t *testing.T) {
	base := serveSite(t)
	for _, lang := range []struct{ path, title string }{{"/calculator/", "出现问题"}, {"/en/calculator/", "There is a problem"}} {
		t.Run(lang.path, func(t *testing.T) {
			tab := openCalculator(t, base, lang.path)
			typeInto(t, tab, "f-firstEntryYear", "20x2")
			typeInto(t, tab, "f-revenue", "-5")
			click(t, tab, "calc-step4 .calc-add")
			typeInto(t, tab, "f-taxes-0-vat", "99999999999999999999999")
			tab.Run(t, chromedp.Click(chromedp.CSS(`#calc-form button[type="submit"]`)))
			tab.Run(t, chromedp.WaitVisible(chromedp.CSS("#calc-errors")))
			settle(t, tab)
			title := browsertest.Get(t, tab, chromedp.Text(chromedp.CSS("#calc-errors-title")))
			if title != lang.title {
				t.Errorf("error summary title %q, want %q", title, lang.title)
			}
			links := browsertest.Get(t, tab, chromedp.Evaluate[[]string](
				`Array.prototype.map.call(document.querySelectorAll("#calc-errors-list a"), function (a) { return a.getAttribute("href"); })`))
			for _, want := range []string{"#f-firstEntryYear", "#f-revenue", "#f-taxes-0-year", "#f-taxes-0-vat"} {
				if !contains(links, want) {
					t.Errorf("the error summary does not link to %s (links %q)", want, links)
				}
			}
			focused := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id`))
			if focused != "calc-errors" {
				t.Errorf("focus is on %q, want the error summary", focused)
			}
			beside := browsertest.Get(t, tab, chromedp.Text(chromedp.CSS("#e-revenue")))
			if beside == "" {
				t.Error("no message beside the revenue field")
			}
			if total := readShown(t, tab).Total; total != "" {
				t.Errorf("an invalid input shows a total %q", total)
			}
			// Following a summary link (Enter on it) focuses the field and leaves the scenario in the fragment.
			tab.Run(t, chromedp.Focus(chromedp.CSS(`#calc-errors-list a[href="#f-revenue"]`)), chromedp.KeyEvent(kb.Enter))
			focused = browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id`))
			if focused != "f-revenue" {
				t.Errorf("the summary link focused %q, want f-revenue", focused)
			}
			if loc := tab.Location(t); !strings.Contains(loc, "#v1=") {
				t.Errorf("the summary link replaced the scenario fragment: %s", loc)
			}
			// The Go instance survives every bad input: a valid one still computes.
			typeInto(t, tab, "f-firstEntryYear", "2022")
			typeInto(t, tab, "f-revenue", "26000000")
			tab.Run(t, chromedp.Click(chromedp.CSS(`#f-taxes-0-vat`)))
			Get(t, tab, `(function () { var b = document.querySelector("#calc-taxes [data-remove]"); b.click(); return true; })()`)
			settle(t, tab)
			if n := browsertest.Get(t, tab, chromedp.Evaluate[int](`document.querySelectorAll("[aria-invalid]").length`)); n != 0 {
				t.Errorf("after fixing the input, %d fields are still marked invalid", n)
			}
			if got := readShown(t, tab); got.Total != "400000" {
				t.Errorf("after fixing the input, data-total = %q, want 400000 (errors %q)", got.Total, got.Errors)
			}
			tab.AssertNoConsoleErrors(t)
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCalculatorLinkAndNetwork: the copied link reopens the same scenario; the page asks only its
// own origin for static files, and nothing at all once the module is loaded.
func TestCalculatorLinkAndNetwork(t *testing.T) {
	base := serveSite(t)
	tab := openCalculator(t, base, "/calculator/")
	loaded := tab.Requests()
	tab.AssertSameOrigin(t, base)
	for _, r := range loaded {
		if !isStaticFile(strings.TrimPrefix(r, base)) {
			t.Errorf("request for something other than a static file of the site: %s", r)
		}
	}
	tab.Reset()

	sc := loadScenario(t, "046-typical-enterprise.json")
	fill(t, tab, sc.Input)
	first := readShown(t, tab)
	if first.Total == "" || len(first.Errors) > 0 {
		t.Fatalf("no result for the typical enterprise: %+v", first)
	}
	click(t, tab, "calc-copy")
	browsertest.Get(t, tab, chromedp.Poll[bool](`document.getElementById("calc-link").value !== ""`))
	link := browsertest.Get(t, tab, chromedp.Value(chromedp.CSS("#calc-link")))
	if !strings.Contains(link, "#v1=") {
		t.Fatalf("copied link %q has no scenario", link)
	}
	if requests := tab.Requests(); len(requests) > 0 {
		t.Errorf("requests after the module loaded:\n  %s", strings.Join(requests, "\n  "))
	}

	other := browsertest.New(t).Tab(t)
	other.Navigate(t, link)
	waitReady(t, other)
	settle(t, other)
	again := readShown(t, other)
	if fmt.Sprint(again) != fmt.Sprint(first) {
		t.Errorf("reopened link shows\n %+v\nwant\n %+v", again, first)
	}
	t.Logf("link: %s (%d characters)", strings.TrimPrefix(link, base), len(strings.TrimPrefix(link, base)))

	// The language switch carries the scenario to the other language's page.
	switchURL := browsertest.Get(t, other, chromedp.Evaluate[string](`document.querySelector("a.lang-switch").href`))
	third := browsertest.New(t).Tab(t)
	third.Navigate(t, switchURL)
	waitReady(t, third)
	settle(t, third)
	if english := readShown(t, third); english.Total != first.Total || fmt.Sprint(english.ByYear) != fmt.Sprint(first.ByYear) {
		t.Errorf("the English page from the language switch (%s) shows %+v, want the same figures as %+v", switchURL, english, first)
	}
	tab.AssertNoConsoleErrors(t)
	other.AssertNoConsoleErrors(t)
}

// TestCalculatorBadLinks: a damaged or hand-edited link never breaks the page: unknown keys are
// ignored, bad values reach the form and are reported like typed ones.
func TestCalculatorBadLinks(t *testing.T) {
	base := serveSite(t)
	for _, frag := range []string{
		"#v1=%E0%A4%A~y:2022~r:26000000",            // broken escape
		"#v1=zz:1~t999y:2021~y:2022~r:26000000",     // unknown key, row index out of range
		"#v1=y:abc~r:-1~ro:nonsense~h0s:March",      // values the form rejects
		"#v1=y:2022~r:1" + strings.Repeat("0", 400), // absurdly large
		"#v2=y:2022", // a later format: ignored
	} {
		tab := openCalculator(t, base, "/calculator/"+frag)
		settle(t, tab)
		tab.Run(t, chromedp.Click(chromedp.CSS(`#calc-form button[type="submit"]`)))
		settle(t, tab)
		got := readShown(t, tab)
		if got.Total == "" && len(got.Errors) == 0 && !strings.HasPrefix(frag, "#v2") {
			t.Errorf("%s: neither a result nor an error", frag)
		}
		t.Logf("%s → total %q, %d error(s)", frag, got.Total, len(got.Errors))
		tab.AssertNoConsoleErrors(t)
	}
}

// TestCalculatorLoadFailure: when the module cannot load, the form stays visible but disabled and
// busy, and the page says what happened and what to do. Two failures: the worker script is
// missing (a 404), and the browser refuses to start a worker at all.
func TestCalculatorLoadFailure(t *testing.T) {
	base := serveSite(t)
	for _, c := range []struct{ name, script string }{
		{"missing worker", `(function () { var W = window.Worker; window.Worker = function () { return new W("/assets/missing-worker.js"); }; })();`},
		{"no workers", `window.Worker = function () { throw new Error("workers are disabled"); };`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := browsertest.New(t).Tab(t)
			tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
				_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: c.script})
				return err
			}))
			tab.Navigate(t, base+"/en/calculator/")
			tab.Run(t, chromedp.WaitVisible(chromedp.CSS(`#calc[data-state="failed"]`)))
			state := browsertest.Get(t, tab, chromedp.Evaluate[string](`(function () {
  var form = document.getElementById("calc-form"), status = document.getElementById("calc-status");
  return [form.hidden, form.getAttribute("aria-busy"), document.querySelector(".calc-step").disabled, status.hidden, status.textContent].join("|");
})()`))
			want := "false|true|true|false|The calculator could not load. Reload the page to try again, or work the estimate out with the method below."
			if state != want {
				t.Errorf("after a failed load: %q\nwant %q", state, want)
			}
		})
	}
}

// isStaticFile reports whether a same-origin request path names a file of the built site, with
// no query string (that could carry data) and no fragment.
func isStaticFile(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "?#") {
		return false
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	info, err := os.Stat(filepath.Join(builtDir, filepath.FromSlash(p)))
	return err == nil && !info.IsDir()
}

// TestCalculatorWithoutJavaScript: without JavaScript the method is readable and the form is not
// shown. The form is in the page from the first paint for everyone else (busy, every step a
// disabled fieldset), so that it need not be revealed late; noscript.css hides it, its status and
// its results when scripts cannot run, as a dead form must not look usable.
func TestCalculatorWithoutJavaScript(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(builtDir, "calculator", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	// Even where CSS does not apply, the form cannot be used before its module is ready.
	if !regexp.MustCompile(`<form id="?calc-form"?[^>]*\saria-busy="?true"?[\s>]`).MatchString(page) {
		t.Error(`the calculator form is not marked aria-busy="true" before its module loads`)
	}
	steps := regexp.MustCompile(`<fieldset class="?calc-step"?[^>]*>`).FindAllString(page, -1)
	if len(steps) == 0 {
		t.Error("no calculator steps found")
	}
	for _, step := range steps {
		if !regexp.MustCompile(`\sdisabled[\s>=]`).MatchString(step) {
			t.Errorf("%s is not disabled before the module loads", step)
		}
	}
	for _, want := range []string{`id="method"`, `<noscript>`} {
		if !strings.Contains(page, want) {
			t.Errorf("calculator page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(page) || strings.Contains(page, " style=") {
		t.Error("the calculator page has inline script or style")
	}

	// In a browser with scripting off: what a reader without JavaScript sees.
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	for _, path := range []string{"/calculator/", "/en/calculator/"} {
		tab.Navigate(t, base+path)
		shown := browsertest.Get(t, tab, chromedp.Evaluate[map[string]bool](`(function () {
  var out = {};
  ["#calc-form", "#calc-status", "#calc-results", ".calc-intro", ".calc-noscript", "#method"].forEach(function (sel) {
    var el = document.querySelector(sel);
    out[sel] = !!el && el.getClientRects().length > 0;
  });
  return out;
})()`))
		for sel, want := range map[string]bool{"#calc-form": false, "#calc-status": false, "#calc-results": false, ".calc-intro": false, ".calc-noscript": true, "#method": true} {
			if shown[sel] != want {
				t.Errorf("%s without JavaScript: %s shown = %v, want %v", path, sel, shown[sel], want)
			}
		}
	}
}

// TestCalculatorLayout: 320 px wide, 200% zoom, keyboard only, and the printed sheet.
func TestCalculatorLayout(t *testing.T) {
	base := serveSite(t)
	shots := filepath.Join(os.TempDir(), "calculator-screens")
	os.MkdirAll(shots, 0o755)
	t.Logf("screenshots in %s", shots)
	scenario := "/calculator/#v1=y:2022~r:26000000~pf:four_foundations~t0y:2021~t0v:1000000~t0c:200000~t1y:2022~t1v:1400000~t1c:300000"

	t.Run("320px", func(t *testing.T) {
		tab := openCalculator(t, base, scenario)
		tab.SetViewport(t, browsertest.MobileWidth, 800, true)
		settle(t, tab)
		overflow := browsertest.Get(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		if overflow > 0 {
			t.Errorf("at 320 px the page scrolls sideways by %d px", overflow)
		}
		tab.Screenshot(t, filepath.Join(shots, "320px.png"))
		// While filling in the first step, the total stays in sight at the bottom of the screen.
		tab.Run(t, chromedp.ScrollIntoView(chromedp.CSS("#f-revenue")))
		gap := browsertest.Get(t, tab, chromedp.Evaluate[int](`(function () {
  var r = document.getElementById("calc-jump").getBoundingClientRect();
  return r.height > 0 ? Math.round(window.innerHeight - r.bottom) : -1;
})()`))
		if gap != 0 {
			t.Errorf("at 320 px the total bar is not at the bottom of the screen (gap %d px)", gap)
		}
		png := browsertest.Get(t, tab, chromedp.CaptureScreenshot())
		os.WriteFile(filepath.Join(shots, "320px-screen.png"), png, 0o644)
	})
	t.Run("zoom200", func(t *testing.T) {
		tab := openCalculator(t, base, scenario)
		// 200% zoom of a 1280 px window: the layout sees 640 CSS px at scale 2.
		tab.Run(t, chromedp.EmulateViewport(640, 450, chromedp.EmulateScale(2)))
		settle(t, tab)
		overflow := browsertest.Get(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		if overflow > 0 {
			t.Errorf("at 200%% zoom the page scrolls sideways by %d px", overflow)
		}
		tab.Screenshot(t, filepath.Join(shots, "zoom200.png"))
	})
	t.Run("keyboard", func(t *testing.T) {
		tab := openCalculator(t, base, "/en/calculator/")
		// Tab from the top of the page to the first field, type, and go on to the revenue.
		Get(t, tab, `document.activeElement.blur(), window.scrollTo(0, 0), true`)
		var path []string
		for i := 0; i < 40; i++ {
			tab.Run(t, chromedp.KeyEvent(kb.Tab))
			id := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
			path = append(path, id)
			if id == "f-firstEntryYear" {
				break
			}
		}
		if path[len(path)-1] != "f-firstEntryYear" {
			t.Fatalf("tabbing never reached the first field: %v", path)
		}
		tab.Run(t, chromedp.KeyEvent("2022"), chromedp.KeyEvent(kb.Tab))
		// The hint's clause link comes before the revenue field in the order of the page.
		for i := 0; i < 3; i++ {
			id := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id`))
			if id == "f-revenue" {
				break
			}
			tab.Run(t, chromedp.KeyEvent(kb.Tab))
		}
		tab.Run(t, chromedp.KeyEvent("26000000"))
		// Space ticks a checkbox; arrow keys pick a radio; Enter in a field submits.
		for i := 0; i < 30; i++ {
			id := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id`))
			if id == "f-priorityField-none" {
				break
			}
			tab.Run(t, chromedp.KeyEvent(kb.Tab))
		}
		tab.Run(t, chromedp.KeyEvent(kb.ArrowDown))
		settle(t, tab)
		if got := readShown(t, tab).Total; got != "700000" {
			t.Errorf("keyboard only: data-total = %q, want 700000 (entry, retention, key-sector bonus)", got)
		}
		outline := browsertest.Get(t, tab, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
		if outline == "none" {
			t.Error("the focused radio button has no visible outline")
		}
		// Enter on "Add a tax year" adds a row and puts the focus in it; Enter on its remove
		// button takes the row away and the focus back to the add button.
		tab.Run(t, chromedp.Focus(chromedp.CSS("#calc-step4 .calc-add")), chromedp.KeyEvent(kb.Enter))
		if id := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.activeElement.id`)); id != "f-taxes-0-year" {
			t.Errorf("after adding a tax year the focus is on %q, want f-taxes-0-year", id)
		}
		tab.Run(t, chromedp.Focus(chromedp.CSS("#calc-taxes [data-remove]")), chromedp.KeyEvent(kb.Enter))
		settle(t, tab)
		state := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.querySelectorAll("#calc-taxes .calc-row").length + " " + document.activeElement.className`))
		if state != "0 calc-button calc-add" {
			t.Errorf("after removing the row: %q, want no rows and the focus on the add button", state)
		}
		tab.Screenshot(t, filepath.Join(shots, "keyboard.png"))
	})
	t.Run("print", func(t *testing.T) {
		tab := openCalculator(t, base, scenario)
		settle(t, tab)
		pdf := tab.PDF(t)
		pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
		if pages < 1 || pages > 2 {
			t.Errorf("the printed estimate has %d pages, want 1 or 2", pages)
		}
		os.WriteFile(filepath.Join(shots, "print.pdf"), pdf, 0o644)
		t.Logf("printed estimate: %d page(s)", pages)

		// What the sheet shows, read with the print style sheet in force.
		tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		printed := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.body.innerText`))
		for _, want := range []string{"晋市政办〔2021〕35号", "测算结果仅供参考，以主管部门审核为准", "填写的情况", "所用读法",
			"测算日期", "第（四）条", "第（五）条", "第（十）条", "26000000"} {
			if !strings.Contains(printed, want) {
				t.Errorf("the printed sheet lacks %q", want)
			}
		}
		for _, hidden := range []string{"#calc-form", ".site-header", "#calc-copy"} {
			boxes := browsertest.Get(t, tab, chromedp.Evaluate[int](`document.querySelector(`+strconv.Quote(hidden)+`).getClientRects().length`))
			if boxes != 0 {
				t.Errorf("%s is printed", hidden)
			}
		}
	})
}

// TestCalculatorFormatTS runs the page's number reading and writing (calculator/format.ts) under
// Node on a table of inputs: what people type, and the text the core and the reader get.
func TestCalculatorFormatTS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node not found")
		}
		t.Skip("node not found")
	}
	// What people type: the same table as the batch command's port of these parsers
	// (calculator/cmd/estimate/numbers.go), so a spreadsheet cell and the form read alike.
	type numberCase struct {
		Fn   string  `json:"fn"`
		In   string  `json:"in"`
		Want *string `json:"want"`
	}
	var shared []numberCase
	table, err := os.ReadFile("../../calculator/cmd/estimate/testdata/numbers.json")
	if err == nil {
		err = json.Unmarshal(table, &shared)
	}
	if err != nil || len(shared) == 0 {
		t.Fatalf("calculator/cmd/estimate/testdata/numbers.json: %v", err)
	}
	cases := []struct{ fn, in, want string }{
		{"formatYuan zh", "700000", "70万元"},
		{"formatYuan zh", "1386000", "138.6万元"},
		{"formatYuan zh", "2000", "2,000元"},
		{"formatYuan zh", "123456789", "12,345.6789万元"},
		{"formatYuan en", "1386000", "1,386,000 yuan"},
		{"formatYuan en", "1234.5", "1,234.50 yuan"},
		{"formatYuan en", "0", "0 yuan"},
	}
	for _, c := range shared {
		want := "null"
		if c.Want != nil {
			want = *c.Want
		}
		cases = append(cases, struct{ fn, in, want string }{c.Fn, c.In, want})
	}
	var src strings.Builder
	src.WriteString(`import { parseMoney, parseInt10, parsePercent, parseMonth, formatYuan } from "./templates/assets/js/calculator/format";
const fns: { [k: string]: (s: string) => string | null } = {
  parseMoney, parseInt10, parsePercent, parseMonth,
  "formatYuan zh": (s) => formatYuan(Number(s), "zh"),
  "formatYuan en": (s) => formatYuan(Number(s), "en"),
};
const cases: [string, string][] = ` + "")
	var list [][2]string
	for _, c := range cases {
		list = append(list, [2]string{c.fn, c.in})
	}
	js, _ := json.Marshal(list)
	src.Write(js)
	src.WriteString(";\nconsole.log(JSON.stringify(cases.map((c) => String(fns[c[0]](c[1])))));\n")
	root, _ := filepath.Abs("../..")
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: src.String(), ResolveDir: root, Loader: api.LoaderTS, Sourcefile: "format-check.ts"},
		Bundle:   true,
		Write:    false,
		Platform: api.PlatformNode,
		Target:   api.ES2017,
		LogLevel: api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		t.Fatalf("esbuild: %s", m.Text)
	}
	script := filepath.Join(t.TempDir(), "check.js")
	if err := os.WriteFile(script, res.OutputFiles[0].Contents, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(cases) {
		t.Fatalf("node printed %s (%v)", out, err)
	}
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.fn, c.in, got[i], c.want)
		}
	}
}

// TestCalculatorNewReadings toggles each reading added with rules-2 in the readings step. For
// each, a pair of scenario files differs only in that reading: the form filled with the first
// shows its total, and after the toggle the second's. The same toggles on an input the reading
// does not concern (no hires, no taxes, no exit) leave the total as it was.
func TestCalculatorNewReadings(t *testing.T) {
	base := serveSite(t)
	pairs := []struct{ reading, before, after, control string }{
		{"hireStartsBeforeEntry", "028-hire-before-entry-year.json", "068-hire-before-entry-months-after.json", "f-assumptions-hireStartsBeforeEntry-monthsAfterEntry"},
		{"hireStartLimit", "070-hire-2040-window.json", "071-hire-2040-any.json", "f-assumptions-hireStartLimit-any"},
		{"socialInsuranceScope", "072-insurance-employer.json", "073-insurance-employer-and-employee.json", "f-assumptions-socialInsuranceScope-employerAndEmployee"},
		{"taxIncreaseNetting", "075-tax-per-year-decrease.json", "076-tax-netted-fixed.json", "f-assumptions-taxIncreaseNetting-netted"},
		{"exitEndsAllRewards", "079-exit-ends-211-only.json", "080-exit-ends-all.json", "f-assumptions-exitEndsAllRewards"},
	}
	untouched := loadScenario(t, "001-eligible-growth-minimal.json")
	plain := openCalculator(t, base, "/calculator/")
	fill(t, plain, untouched.Input)
	for _, p := range pairs {
		t.Run(p.reading, func(t *testing.T) {
			before, after := loadScenario(t, p.before), loadScenario(t, p.after)
			tab := openCalculator(t, base, "/en/calculator/")
			fill(t, tab, before.Input)
			got := readShown(t, tab).Total
			if !sameNumber(got, before.Output.Total.String()) {
				t.Fatalf("%s: total %q before the toggle, want %s", before.Name, got, before.Output.Total)
			}
			click(t, tab, p.control)
			got = readShown(t, tab).Total
			if !sameNumber(got, after.Output.Total.String()) {
				t.Errorf("toggling %s: total %q, want %s (%s)", p.reading, got, after.Output.Total, after.Name)
			}
			// The results say which reading they used, and the link keeps it.
			key := map[string]string{"hireStartsBeforeEntry": "ah", "hireStartLimit": "al", "socialInsuranceScope": "as",
				"taxIncreaseNetting": "an", "exitEndsAllRewards": "ax"}[p.reading]
			if loc := tab.Location(t); !strings.Contains(loc, "~"+key+":") {
				t.Errorf("toggling %s: the link %s does not keep it (%s:)", p.reading, loc, key)
			}
			tab.AssertNoConsoleErrors(t)

			// Where the reading has nothing to decide, the total stays.
			was := readShown(t, plain).Total
			click(t, plain, p.control)
			if now := readShown(t, plain).Total; now != was || !sameNumber(now, untouched.Output.Total.String()) {
				t.Errorf("toggling %s for an enterprise without hires, taxes or an exit: total %q → %q, want %s throughout", p.reading, was, now, untouched.Output.Total)
			}
		})
	}
	plain.AssertNoConsoleErrors(t)
}

// TestCalculatorOldLinksAndHorizon: a link made before rules-2 (none of the new keys) opens with
// the default readings, a new key in a link switches its reading, years after the policy's
// stated horizon are marked in the per-year list, the chart and the items, and the number of
// employees decides the clause (9) saving.
func TestCalculatorOldLinksAndHorizon(t *testing.T) {
	base := serveSite(t)
	old := "/calculator/#v1=y:2022~r:26000000~h0s:2021-12~h0m:24~h0c:1000~h0e:24"
	tab := openCalculator(t, base, old)
	settle(t, tab)
	if got := readShown(t, tab).Total; got != "400000" {
		t.Errorf("old link %s: total %q, want 400000 (the hire before the entry year is excluded by default)", old, got)
	}
	tab.Navigate(t, base+old+"~ah:monthsAfterEntry")
	waitReady(t, tab)
	settle(t, tab)
	if got := readShown(t, tab).Total; got != "423000" {
		t.Errorf("link with ah:monthsAfterEntry: total %q, want 423000 (scenario 068)", got)
	}

	// Scenario 066: entry in 2025, a hire from 2026.
	tab.Navigate(t, base+"/en/calculator/#v1=y:2025~r:26000000~h0s:2026-02~h0m:12~h0c:1000~h0e:12")
	waitReady(t, tab)
	settle(t, tab)
	marks := browsertest.Get(t, tab, chromedp.Evaluate[map[string][]string](`(function () {
  function years(sel) { return Array.prototype.map.call(document.querySelectorAll(sel), function (el) { return el.getAttribute("data-year"); }); }
  return {
    list: years("#calc-output .calc-years li[data-after-horizon]"),
    chart: years("#calc-output .calc-chart rect[data-after-horizon]"),
    items: years("#calc-output .calc-cash-items li[data-after-horizon]"),
    plain: years("#calc-output .calc-years li:not([data-after-horizon])"),
    badges: [String(document.querySelectorAll("#calc-output .calc-years .calc-after").length)],
    note: [String(!!document.querySelector("#calc-output .calc-after-note"))],
    warnings: Array.prototype.map.call(document.querySelectorAll("#calc-output [data-warning=afterHorizon]"), function (li) { return li.textContent; })
  };
})()`))
	for what, want := range map[string]string{"list": "2026 2027", "chart": "2026 2027", "items": "2026 2026 2027 2027", "plain": "2025", "badges": "2", "note": "true"} {
		if got := strings.Join(marks[what], " "); got != want {
			t.Errorf("after-horizon marks, %s: %q, want %q", what, got, want)
		}
	}
	if len(marks["warnings"]) != 2 || !strings.Contains(strings.Join(marks["warnings"], " "), "2026 and 2027") {
		t.Errorf("afterHorizon warnings: %q, want one for clause (4) and one for clause (8) naming the years", marks["warnings"])
	}

	// Scenario 084 → 082: the saving is computed until 300 employees are entered.
	tab.Navigate(t, base+"/calculator/#v1=y:2022~r:26000000~ga:5000000~gr:2")
	waitReady(t, tab)
	settle(t, tab)
	savings := func() string {
		return browsertest.Get(t, tab, chromedp.Evaluate[string](`(function () { var el = document.querySelector("#calc-output [data-savings-total]"); return el ? el.getAttribute("data-savings-total") : ""; })()`))
	}
	if got := savings(); got != "150000" {
		t.Errorf("employees not given: savings total %q, want 150000", got)
	}
	typeInto(t, tab, "f-employees", "300")
	if got := savings(); got != "" {
		t.Errorf("300 employees (medium-sized): savings total %q, want none", got)
	}
	failed := browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.querySelector('#calc-output [data-field="employees"]')`))
	if !failed {
		t.Error("300 employees: no failed condition on the employees field")
	}
	tab.AssertNoConsoleErrors(t)
}

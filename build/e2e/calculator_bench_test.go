package e2e

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// benchScenario is the typical enterprise of scenario 046 (every input, three tax years, a hire
// and a guarantee) as a calculator link.
const benchScenario = "/calculator/#v1=y:2022~r:26000000~pf:made_in_china_2025~ts:1~cp:1~ga:5000000~gr:2" +
	"~t0y:2021~t0v:1000000~t0c:200000~t0o:100000~t1y:2022~t1v:1400000~t1c:300000~t1o:120000" +
	"~t2y:2023~t2v:1600000~t2c:350000~t2o:130000~h0s:2022-03~h0m:24~h0c:1000~h0e:48"

// BenchmarkCalculatorFirstResult: from navigation start to the first result on the page, with a
// cold cache, for the typical enterprise opened from a link. Each navigation runs in a fresh
// browser context (no HTTP cache, no compiled WebAssembly, no service worker). The page notes
// the moment it shows its first result (data-first-result-ms, on the navigation's clock).
func BenchmarkCalculatorFirstResult(b *testing.B) {
	// The site's service worker precaches every page right after the load event, while the
	// module may still be compiling: measured both ways, to see what that costs.
	b.Run("site", func(b *testing.B) { firstResult(b, "") })
	b.Run("no-service-worker", func(b *testing.B) {
		firstResult(b, `if (navigator.serviceWorker) navigator.serviceWorker.register = function () { return Promise.resolve(); };`)
	})
}

// firstResult measures b.N cold navigations; script, when set, runs before the page's own.
func firstResult(b *testing.B, script string) {
	base := browsertest.ServeDir(b, builtDir)
	tab := browsertest.New(b).Tab(b)
	var total float64
	for i := 0; i < b.N; i++ {
		ctx, cancel := chromedp.NewContext(tab.Context(), chromedp.WithNewBrowserContext())
		// The first Do opens the tab and binds it to the context it gets.
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			b.Fatal(err)
		}
		run, stop := context.WithTimeout(ctx, browsertest.RunTimeout)
		var err error
		if script != "" {
			err = chromedp.Do(run, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
				_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
				return err
			}))
		}
		var ms string
		if err == nil {
			err = chromedp.Do(run, chromedp.Navigate(base+benchScenario), chromedp.WaitVisible(chromedp.CSS("#calc-output [data-total]")))
		}
		if err == nil {
			ms, err = chromedp.Run(run, chromedp.Evaluate[string](`document.getElementById("calc").dataset.firstResultMs`))
		}
		stop()
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		v, perr := strconv.ParseFloat(ms, 64)
		if perr != nil {
			b.Fatalf("data-first-result-ms = %q", ms)
		}
		total += v
	}
	b.ReportMetric(total/float64(b.N), "ms-to-first-result")
}

// BenchmarkCalculatorRecompute: one edit to the new result on the page, through the worker and
// the WebAssembly core, timed in the page from the input event until the result is in the page.
// The edit is the 2022 VAT, a different figure each time, so that every edit changes the result
// (the tax reward, the totals, the chart and the explanations): the page skips the work of an
// edit that leaves the result as it was (revenue above the threshold, say), which would measure
// nothing but the round trip.
func BenchmarkCalculatorRecompute(b *testing.B) {
	base := browsertest.ServeDir(b, builtDir)
	tab := browsertest.New(b).Tab(b)
	tab.Navigate(b, base+benchScenario)
	tab.Run(b, chromedp.WaitVisible(chromedp.CSS("#calc-output [data-total]")))
	// Measure the steady state: once the site's service worker has registered and precached the
	// site (which it does once per visitor, when the browser is idle), not while it downloads.
	browsertest.Get(b, tab, chromedp.Evaluate[bool](`navigator.serviceWorker ? navigator.serviceWorker.ready.then(function () { return true; }) : true`, chromedp.EvalAwaitPromise))
	const edit = `(function (value) {
  var root = document.getElementById("calc"), input = document.getElementById("f-taxes-1-vat");
  var before = root.dataset.renders, start = performance.now();
  return new Promise(function (resolve) {
    var obs = new MutationObserver(function () {
      if (root.dataset.renders !== before && !root.dataset.busy) {
        obs.disconnect();
        var total = Number(document.querySelector("#calc-output [data-total]").dataset.total);
        resolve([performance.now() - start].concat(root.dataset.timing.split(" ").map(Number), [total]));
      }
    });
    obs.observe(root, {attributes: true});
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  });
})`
	// The page reports the parts of each recompute (data-timing): reading the form and saving
	// the link, the worker's round trip, and showing the result.
	var total, form, worker, page float64
	shown := browsertest.Get(b, tab, chromedp.Evaluate[float64](`Number(document.querySelector("#calc-output [data-total]").dataset.total)`))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		value := strconv.Itoa(1400000 + 100*(1+i%1000))
		m := browsertest.Get(b, tab, chromedp.Evaluate[[]float64](edit+`("`+value+`")`, chromedp.EvalAwaitPromise))
		if m[4] == shown {
			b.Fatalf("VAT %s: the total on the page is still %v: the edit changed nothing", value, shown)
		}
		shown = m[4]
		total, form, worker, page = total+m[0], form+m[1], worker+m[2], page+m[3]
	}
	n := float64(b.N)
	b.ReportMetric(total/n, "ms/recompute")
	b.ReportMetric(form/n, "ms-form")
	b.ReportMetric(worker/n, "ms-worker")
	b.ReportMetric(page/n, "ms-render")
}

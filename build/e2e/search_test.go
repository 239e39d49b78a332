package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// waitResults waits until the search page has answered its query: a status message is shown.
func waitResults(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	browsertest.Get(t, tab, chromedp.Evaluate[bool](`new Promise(function (resolve) {
  var timer = setInterval(function () {
    var s = document.getElementById("search-status");
    if (s && s.textContent.trim() !== "") { clearInterval(timer); resolve(true); }
  }, 25);
})`, chromedp.EvalAwaitPromise))
}

// hits returns the result links in rank order.
func hits(t *testing.T, tab *browsertest.Tab) []string {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#search-results a")).map(a => a.getAttribute("href"))`))
}

func TestSearchFirstResults(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, tc := range []struct{ path, first string }{
		{"/search/?q=%E7%A4%BE%E4%BF%9D%E8%A1%A5%E8%B4%B4", "/policy/08-social-insurance/"}, // 社保补贴
		{"/en/search/?q=guarantee%20fee", "/en/policy/09-financing/"},
		{"/search/?q=%E6%8B%85%E4%BF%9D%E8%B4%B9", "/policy/09-financing/"}, // 担保费
		{"/search/?q=%E7%94%A8%E5%9C%B0", "/policy/12-land/"},               // 用地
		{"/search/?q=211", "/policy/04-reward-211/"},                        // digits
		{"/en/search/?q=social%20insurance%20subsidy", "/en/policy/08-social-insurance/"},
	} {
		tab.Navigate(t, base+tc.path)
		waitResults(t, tab)
		got := hits(t, tab)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("%s: results %v, want %s first", tc.path, got, tc.first)
		}
	}
	tab.AssertSameOrigin(t, base)
	tab.AssertNoConsoleErrors(t)
}

// TestSearchNoResults: a query that matches nothing says so, suggests other words, and shows
// the list of all clauses instead of an empty page.
func TestSearchNoResults(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/search/?q=%E9%A3%9E%E8%88%B9%E7%81%AB%E7%AE%ADxyzzy") // 飞船火箭xyzzy
	waitResults(t, tab)
	status := browsertest.Get(t, tab, chromedp.Text(chromedp.CSS("#search-status")))
	if !strings.Contains(status, "没有找到") {
		t.Errorf("status = %q, want it to say nothing was found", status)
	}
	visible := browsertest.Get(t, tab, chromedp.Evaluate[bool](`(function(){var a=document.getElementById("search-all");return !!a && !a.hidden && a.offsetParent!==null})()`))
	if !visible {
		t.Error("no results, and the list of all clauses is not shown")
	}
}

// TestSearchOffline: once the page has loaded and answered one query, the network is cut and
// other queries still work (the index is small and fetched whole after the first results).
func TestSearchOffline(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/search/?q=%E5%A5%96%E5%8A%B1") // 奖励
	waitResults(t, tab)
	// Wait for the background download of the whole index (by the page's search worker, into
	// the HTTP cache) to finish: the page marks it with data-prefetched.
	tab.Run(t, chromedp.WaitReady(chromedp.CSS(`.search-page[data-prefetched="true"]`)))
	tab.SetOffline(t, true)
	defer tab.SetOffline(t, false)
	browsertest.Get(t, tab, chromedp.Evaluate[bool](`(function(){
  var i = document.getElementById("search-q"); i.value = "社保补贴";
  document.getElementById("search-status").textContent = "";
  i.form.requestSubmit();
  return true;
})()`))
	waitResults(t, tab)
	got := hits(t, tab)
	if len(got) == 0 || got[0] != "/policy/08-social-insurance/" {
		t.Errorf("offline: results %v, want clause (八) first", got)
	}
}

// TestSearchWithoutWorker: where the search worker cannot run, the page searches on its own
// thread, with the same results, and still downloads the whole index for offline use. Two
// failures: the browser refuses to start a worker, and the worker's script is missing (a 404).
func TestSearchWithoutWorker(t *testing.T) {
	base := serveSite(t)
	for _, c := range []struct{ name, script string }{
		{"no workers", `window.Worker = function () { throw new Error("workers are disabled"); };`},
		{"missing worker", `(function () { var W = window.Worker; window.Worker = function () { return new W("/assets/missing-worker.js"); }; })();`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := browsertest.New(t).Tab(t)
			tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
				_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: c.script})
				return err
			}))
			tab.Navigate(t, base+"/search/?q=%E7%A4%BE%E4%BF%9D%E8%A1%A5%E8%B4%B4") // 社保补贴
			waitResults(t, tab)
			got := hits(t, tab)
			if len(got) < 2 || got[0] != "/policy/08-social-insurance/" {
				t.Errorf("results %v, want clause (八) first", got)
			}
			snippet := browsertest.Get(t, tab, chromedp.Evaluate[string](`(document.querySelector("#search-results .search-hit-snippet mark") || {}).textContent || ""`))
			if snippet == "" {
				t.Error("the first result's snippet marks no match")
			}
			tab.Run(t, chromedp.WaitReady(chromedp.CSS(`.search-page[data-prefetched="true"]`)))
		})
	}
}

// TestSearchTokenizerVectors checks, in the browser, that the search tokenises exactly as the Go
// index builder: the shared vector file written by build/search's tests.
func TestSearchTokenizerVectors(t *testing.T) {
	data, err := os.ReadFile("../search/testdata/tokenizer_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Input  string   `json:"in"`
			Tokens []string `json:"tokens"`
			Query  []string `json:"query"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("tokenizer_vectors.json: %v", err)
	}
	vectors := file.Cases
	if len(vectors) == 0 {
		t.Fatal("no vectors")
	}
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/search/")
	// The tokenizer runs in the search worker; its script, loaded into the page as the page
	// itself does where no worker can start, lends it to the test (search-worker.ts).
	browsertest.Get(t, tab, chromedp.Evaluate[bool](`new Promise(function (resolve, reject) {
  var s = document.createElement("script");
  s.src = document.querySelector("[data-worker]").getAttribute("data-worker");
  s.onload = function () { resolve(true); };
  s.onerror = function () { reject(new Error(s.src + " did not load")); };
  document.head.appendChild(s);
})`, chromedp.EvalAwaitPromise))
	for _, v := range vectors {
		in, _ := json.Marshal(v.Input)
		got := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`window.scaleupSearchLocal.tokenize(`+string(in)+`)`))
		if strings.Join(got, " ") != strings.Join(v.Tokens, " ") {
			t.Errorf("tokenize(%q) in the browser = %v, Go = %v", v.Input, got, v.Tokens)
		}
		q := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`window.scaleupSearchLocal.query(`+string(in)+`)`))
		if strings.Join(q, " ") != strings.Join(v.Query, " ") {
			t.Errorf("query(%q) in the browser = %v, Go = %v", v.Input, q, v.Query)
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Search on the real site, ours against Pagefind on a copy of the same built
// site, query by query.

// searchRow is one query's figures.
type searchRow struct {
	query
	oursTop    string
	oursBytes  int
	oursMs     float64 // warm, median
	pfTop      string
	pfBytes    int
	pfMs       float64 // warm, median
	oursFiles  []string
	pfFiles    []string
	oursResult int // number of result links shown
}

// warmRounds is how many times each query is timed once everything is loaded.
const warmRounds = 7

// coldCollector runs at the start of the search page. The moment the first
// results are in the page (or the status says there are none) it notes every
// resource fetched so far: the search page starts loading the rest of the
// index for offline use right after its first results, and that download is
// not part of the cold query. The index files are fetched by the page's search
// worker, which lists them when asked; its answer comes before it starts that
// download, which the page asks for after this observer has run.
const coldCollector = `(function () {
  window.__bench = null;
  new MutationObserver(function (_, obs) {
    var hit = document.querySelector("#search-results .search-hit > a");
    var status = document.getElementById("search-status");
    if (!hit && !(status && status.textContent.trim())) return;
    obs.disconnect();
    var ms = performance.now();
    var urls = [location.href].concat(performance.getEntriesByType("resource").map(function (e) { return e.name; }));
    var hits = Array.prototype.map.call(document.querySelectorAll("#search-results .search-hit > a"),
      function (a) { return a.getAttribute("href"); });
    window.scaleupSearch.workerResources().then(function (more) {
      window.__bench = {ms: ms, urls: urls.concat(more), hits: hits};
    });
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();`

// waitFor polls a JavaScript expression until it is truthy and returns its value.
const waitFor = `(function (f) { return new Promise(function (resolve, reject) {
  var start = Date.now();
  var timer = setInterval(function () {
    var v = f();
    if (v) { clearInterval(timer); resolve(v); }
    else if (Date.now() - start > 30000) { clearInterval(timer); reject(new Error("timed out")); }
  }, 10);
}); })`

// waitIdle resolves once neither the page nor, on the search page, its search
// worker has fetched a new resource for half a second: for instance the
// background download of the whole index is done.
const waitIdle = `new Promise(function (resolve) {
  var last = -1, still = 0;
  (function tick() {
    var worker = window.scaleupSearch ? window.scaleupSearch.workerResources() : Promise.resolve([]);
    worker.then(function (more) {
      var n = performance.getEntriesByType("resource").length + more.length;
      if (n === last) still++; else { still = 0; last = n; }
      if (still >= 10) resolve(n); else setTimeout(tick, 50);
    });
  })();
})`

// oursWarm types a query into the search page's box, submits it and times it
// until the first result link is in the list: tokenising, postings, ranking,
// page files (cached) and snippets, rendering.
const oursWarm = `(function (q) { return new Promise(function (resolve) {
  var input = document.getElementById("search-q"), results = document.getElementById("search-results");
  results.textContent = "";
  var start, timer;
  var obs = new MutationObserver(function () {
    var a = results.querySelector(".search-hit > a");
    if (!a) return;
    obs.disconnect(); clearTimeout(timer);
    resolve({ms: performance.now() - start, top: a.getAttribute("href")});
  });
  obs.observe(results, {childList: true, subtree: true});
  timer = setTimeout(function () { obs.disconnect(); resolve({ms: -1, top: ""}); }, 10000);
  input.value = q;
  start = performance.now();
  input.form.requestSubmit();
}); })`

type coldResult struct {
	Ms   float64  `json:"ms"`
	URLs []string `json:"urls"`
	Hits []string `json:"hits"`
}

type warmResult struct {
	Ms  float64 `json:"ms"`
	Top string  `json:"top"`
}

// isOursSearchFile selects what a query of ours costs: the search script and
// the index files.
func isOursSearchFile(rel string) bool {
	return strings.HasPrefix(rel, "_search/") || isSearchScript(rel)
}

// isSearchScript reports whether rel is the search page's script or its worker's.
func isSearchScript(rel string) bool {
	return (strings.HasPrefix(rel, "assets/search.") || strings.HasPrefix(rel, "assets/search-worker.")) && strings.HasSuffix(rel, ".js")
}

// measureOurs fills the ours* fields of rows: each query cold in a fresh
// browser context, then all of them warm in one tab.
func measureOurs(b *browser, dir string, srv *server, rows []searchRow) error {
	base := srv.base
	for i := range rows {
		r := &rows[i]
		t, closeTab, err := b.freshTab(coldCollector)
		if err != nil {
			return err
		}
		res, err := oursCold(t, base, r.query.lang, r.q)
		closeTab()
		if err != nil {
			return fmt.Errorf("ours, %q: %w", r.q, err)
		}
		f, err := sumFetched(dir, base, res.URLs, false, isOursSearchFile)
		if err != nil {
			return err
		}
		r.oursBytes, r.oursFiles, r.oursResult = f.bytes, f.files, len(res.Hits)
		if len(res.Hits) > 0 {
			r.oursTop = res.Hits[0]
		}
	}

	// Warm: one tab per language, the whole index loaded, every query once
	// untimed, then warmRounds timed rounds.
	for _, lang := range []string{"zh", "en"} {
		var idx []int
		for i, r := range rows {
			if r.lang == lang {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		t, closeTab, err := b.freshTab("")
		if err != nil {
			return err
		}
		err = func() error {
			if err := navigate(t, base+searchPath(lang, rows[idx[0]].q)); err != nil {
				return err
			}
			if _, err := eval[bool](t, waitFor+`(function () { return !!document.querySelector("#search-results .search-hit"); })`); err != nil {
				return fmt.Errorf("first results: %w", err)
			}
			if _, err := eval[int](t, waitIdle); err != nil {
				return err
			}
			times := make([][]float64, len(rows))
			for round := -1; round < warmRounds; round++ {
				for _, i := range idx {
					res, err := eval[warmResult](t, oursWarm+"("+jsString(rows[i].q)+")")
					if err != nil {
						return fmt.Errorf("warm %q: %w", rows[i].q, err)
					}
					if round >= 0 && res.Ms >= 0 {
						times[i] = append(times[i], res.Ms)
					}
				}
			}
			for _, i := range idx {
				rows[i].oursMs = median(times[i])
			}
			return nil
		}()
		closeTab()
		if err != nil {
			return fmt.Errorf("ours, warm: %w", err)
		}
	}
	return nil
}

func oursCold(t context.Context, base, lang, q string) (coldResult, error) {
	if err := navigate(t, base+searchPath(lang, q)); err != nil {
		return coldResult{}, err
	}
	return eval[coldResult](t, waitFor+`(function () { return window.__bench; })`)
}

func searchPath(lang, q string) string {
	p := "/search/?q="
	if lang == "en" {
		p = "/en/search/?q="
	}
	return p + url.QueryEscape(q)
}

// Pagefind runs on a copy of the site with a test page of ours: pfPage loads
// pfScript, which exposes window.pfBench(q): import pagefind.js, init, search,
// and load the data (URL, excerpt) of the first ten results, as a result list
// would show them (our page shows ten too).
const (
	pfPage   = `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>Pagefind benchmark</title><script type="module" src="/pf-bench.js"></script></head><body><p>Pagefind benchmark page.</p></body></html>`
	pfScript = `let pf = null;
window.pfBench = async function (q) {
  const start = performance.now();
  if (!pf) {
    pf = await import("/pagefind/pagefind.js");
    await pf.init();
  }
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return {
    ms: performance.now() - start,
    hits: data.map((d) => d.url),
    urls: performance.getEntriesByType("resource").map((e) => e.name),
  };
};
window.pfReady = true;
`
)

// pfResult is what pfBench returns.
type pfResult struct {
	Ms   float64  `json:"ms"`
	Hits []string `json:"hits"`
	URLs []string `json:"urls"`
}

// htmlLang finds the lang attribute of a built page, for the test page.
var htmlLang = regexp.MustCompile(`<html[^>]*\slang="?([A-Za-z-]+)`)

// measurePagefind fills the pf* fields of rows, on dir (a copy of the site
// with Pagefind's index in dir/pagefind and the test pages written).
func measurePagefind(b *browser, dir string, srv *server, rows []searchRow) error {
	base := srv.base
	for i := range rows {
		r := &rows[i]
		t, closeTab, err := b.freshTab("")
		if err != nil {
			return err
		}
		srv.reset()
		res, err := pfRun(t, base, r.lang, r.q, true)
		closeTab()
		// Pagefind 1.6 searches in a worker, whose requests the page does
		// not see: take the server's record.
		res.URLs = srv.requests()
		if err != nil {
			return fmt.Errorf("pagefind, %q: %w", r.q, err)
		}
		f, err := sumFetched(dir, base, res.URLs, true, func(rel string) bool { return strings.HasPrefix(rel, "pagefind/") })
		if err != nil {
			return err
		}
		r.pfBytes, r.pfFiles = f.bytes, f.files
		if len(res.Hits) > 0 {
			r.pfTop = res.Hits[0]
		}
	}
	for _, lang := range []string{"zh", "en"} {
		var idx []int
		for i, r := range rows {
			if r.lang == lang {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		t, closeTab, err := b.freshTab("")
		if err != nil {
			return err
		}
		err = func() error {
			times := make([][]float64, len(rows))
			for round := -1; round < warmRounds; round++ {
				for _, i := range idx {
					res, err := pfRun(t, base, lang, rows[i].q, round == -1 && i == idx[0])
					if err != nil {
						return fmt.Errorf("warm %q: %w", rows[i].q, err)
					}
					if round >= 0 {
						times[i] = append(times[i], res.Ms)
					}
				}
			}
			for _, i := range idx {
				rows[i].pfMs = median(times[i])
			}
			return nil
		}()
		closeTab()
		if err != nil {
			return fmt.Errorf("pagefind, warm: %w", err)
		}
	}
	return nil
}

// pfRun runs one Pagefind query in the tab, loading the test page first when load is set.
func pfRun(t context.Context, base, lang, q string, load bool) (pfResult, error) {
	if load {
		if err := navigate(t, base+"/pf-bench."+lang+".html"); err != nil {
			return pfResult{}, err
		}
		if _, err := eval[bool](t, waitFor+`(function () { return window.pfReady === true; })`); err != nil {
			return pfResult{}, fmt.Errorf("test page: %w", err)
		}
	}
	return eval[pfResult](t, "pfBench("+jsString(q)+")")
}

// samePage compares two site paths, ignoring a trailing index.html.
func samePage(a, b string) bool {
	norm := func(s string) string {
		if u, err := url.Parse(s); err == nil {
			s = u.Path
		}
		return strings.TrimSuffix(s, "index.html")
	}
	return a != "" && norm(a) == norm(b)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Page weight: the brotli bytes of a page and everything of the site it loads,
// on a first visit (fresh browser context).

// pageType is one kind of page and the page that stands for it.
type pageType struct {
	name, path string
	// ready is a JavaScript expression that is truthy once the page has done
	// what a reader came for (the calculator's first result, search results).
	ready string
	// cold, for the search page: count only what was fetched up to the first
	// results (coldCollector), not the index download for offline use after.
	cold bool
}

var pageTypes = []pageType{
	{name: "home", path: "/"},
	{name: "policy document", path: "/policy/"},
	{name: "a clause (八)", path: "/policy/08-social-insurance/"},
	{name: "benefits", path: "/benefits/"},
	{name: "glossary", path: "/glossary/"},
	{name: "FAQ", path: "/faq/"},
	{name: "calculator (with the WebAssembly core, typical enterprise)", path: calcScenario,
		ready: `document.querySelector("#calc-output [data-total]")`},
	{name: "search, cold query 社保补贴", path: "/search/?q=%E7%A4%BE%E4%BF%9D%E8%A1%A5%E8%B4%B4", cold: true},
	{name: "worked example", path: "/examples/financing/"},
	{name: "handout", path: "/handout/"},
}

// calcScenario is the typical enterprise of build/e2e's calculator benchmark
// (scenario 046), so that the calculator computes and loads its core.
const calcScenario = "/calculator/#v1=y:2022~r:26000000~pf:made_in_china_2025~ts:1~cp:1~ga:5000000~gr:2" +
	"~t0y:2021~t0v:1000000~t0c:200000~t0o:100000~t1y:2022~t1v:1400000~t1c:300000~t1o:120000" +
	"~t2y:2023~t2v:1600000~t2c:350000~t2o:130000~h0s:2022-03~h0m:24~h0c:1000~h0e:48"

type weightRow struct {
	name, path string
	bytes      int
	files      []string
	missing    bool // the site has no such page
}

func measureWeights(b *browser, dir string, srv *server) ([]weightRow, error) {
	base := srv.base
	var rows []weightRow
	for _, p := range pageTypes {
		row := weightRow{name: p.name, path: p.path}
		file := strings.TrimPrefix(strings.SplitN(strings.SplitN(p.path, "?", 2)[0], "#", 2)[0], "/")
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file), "index.html")); err != nil {
			row.missing = true
			rows = append(rows, row)
			continue
		}
		urls, err := pageRequests(b, srv, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.path, err)
		}
		f, err := sumFetched(dir, base, urls, false, nil)
		if err != nil {
			return nil, err
		}
		row.bytes, row.files = f.bytes, f.files
		rows = append(rows, row)
	}
	return rows, nil
}

// pageRequests loads the page in a fresh context and returns the URLs of the
// site's files it fetched, as the server saw them (the calculator's worker and
// its WebAssembly module included). For the cold search, the index files are
// those the page had fetched when its first results showed.
func pageRequests(b *browser, srv *server, p pageType) ([]string, error) {
	script := ""
	if p.cold {
		script = coldCollector
	}
	t, closeTab, err := b.freshTab(script)
	if err != nil {
		return nil, err
	}
	defer closeTab()
	srv.reset()
	if err := navigate(t, srv.base+p.path); err != nil {
		return nil, err
	}
	if p.cold {
		res, err := eval[coldResult](t, waitFor+`(function () { return window.__bench; })`)
		if err != nil {
			return nil, err
		}
		urls := res.URLs
		for _, u := range srv.requests() {
			if !strings.HasPrefix(u, srv.base+"/_search/") {
				urls = append(urls, u)
			}
		}
		return urls, nil
	}
	if p.ready != "" {
		if _, err := eval[bool](t, waitFor+`(function () { return !!(`+p.ready+`); })`); err != nil {
			return nil, fmt.Errorf("waiting for %s: %w", p.ready, err)
		}
	}
	// Let late requests (deferred scripts, the worker) finish.
	if _, err := eval[int](t, waitIdle); err != nil {
		return nil, err
	}
	time.Sleep(300 * time.Millisecond)
	return srv.requests(), nil
}

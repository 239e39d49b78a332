package e2e

import (
	"io/fs"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
	"scaleup/build/offline"
	"scaleup/build/serve"
)

// TestOffline is the offline kit's promise: after one visit, with the network off, the home
// page, a clause, the English home, the search and a calculation all work from the service
// worker's cache, and an unknown page gets the 404 page of its language.
//
// "Network off" is both Chromium's offline emulation and the server shut down, so nothing can
// quietly come from the network (the emulation does not cover every request a service worker
// makes in every Chromium version).
func TestOffline(t *testing.T) {
	root, err := serve.DirFS(builtDir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(root, serve.Options{}))
	defer srv.Close()
	base := srv.URL

	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/")
	Get(t, tab, `navigator.serviceWorker.ready.then(function () {
  return navigator.serviceWorker.controller || new Promise(function (resolve) {
    navigator.serviceWorker.addEventListener("controllerchange", function () { resolve(true); });
  });
}).then(function () { return true; })`)

	// Every file a reader needs is in the cache, under the URL a reader uses.
	cached := browsertest.Get(t, tab, chromedp.Evaluate[cacheContents](`(async function () {
  var names = (await caches.keys()).filter(function (n) { return n.indexOf("scaleup-") === 0; });
  var out = {names: names, urls: [], bytes: 0};
  if (names.length !== 1) return out;
  var cache = await caches.open(names[0]);
  for (var req of await cache.keys()) {
    out.urls.push(new URL(req.url).pathname);
    out.bytes += (await (await cache.match(req)).blob()).size;
  }
  return out;
})()`, chromedp.EvalAwaitPromise))
	if len(cached.Names) != 1 {
		t.Fatalf("caches %q, want exactly one scaleup-VERSION", cached.Names)
	}
	want := neededURLs(t)
	sort.Strings(cached.URLs)
	if strings.Join(cached.URLs, "\n") != strings.Join(want, "\n") {
		t.Errorf("cached %d URLs, want the %d the site needs offline\n got: %q\nwant: %q", len(cached.URLs), len(want), cached.URLs, want)
	}
	t.Logf("precached %d files, %d bytes (decoded) in cache %s", len(cached.URLs), cached.Bytes, cached.Names[0])

	srv.Close()
	tab.SetOffline(t, true)

	pages := []struct {
		path, layout, lang string
	}{
		{"/", "home", "zh-Hans"},
		{"/policy/08-social-insurance/", "clause", "zh-Hans"},
		{"/en/", "home", "en"},
		{"/en/policy/08-social-insurance/", "clause", "en"},
		{"/no-such-page/", "404", "zh-Hans"},
		{"/en/no-such-page/", "404", "en"},
	}
	for _, p := range pages {
		tab.Navigate(t, base+p.path)
		got := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.body.className + " " + document.documentElement.lang`))
		if want := "layout-" + p.layout + " " + p.lang; got != want {
			t.Errorf("offline %s: body class and lang %q, want %q", p.path, got, want)
		}
	}

	// Search: the index shards come from the cache.
	tab.Navigate(t, base+"/search/?q=社保补贴")
	hits := Get(t, tab, `new Promise(function (resolve) {
  var tries = 0, timer = setInterval(function () {
    var n = document.querySelectorAll("#search-results .search-hit").length;
    if (n > 0 || ++tries > 200) { clearInterval(timer); resolve(n); }
  }, 50);
})`)
	if n, _ := hits.(float64); n == 0 {
		t.Errorf("offline search for 社保补贴 shows no results (status %q)",
			browsertest.Get(t, tab, chromedp.Text(chromedp.CSS("#search-status"))))
	}

	// A calculation: the page, its Web Worker and the WebAssembly module come from the cache.
	tab.Navigate(t, base+"/calculator/")
	waitReady(t, tab)
	sc := loadScenario(t, "001-eligible-growth-minimal.json")
	fill(t, tab, sc.Input)
	got := readShown(t, tab)
	if len(got.Errors) > 0 || sc.Output.Total == nil || !sameNumber(got.Total, sc.Output.Total.String()) {
		t.Errorf("offline calculation: data-total = %q (errors %q), want %s", got.Total, got.Errors, sc.Output.Total)
	}

	tab.AssertSameOrigin(t, base)
	// The only console problems allowed are the ones the browser logs by itself: the 404
	// status of the unknown pages, and failed update checks of /sw.js with the network off.
	for _, p := range tab.ConsoleErrors() {
		if !strings.Contains(p, "/no-such-page/") && !strings.Contains(p, "/sw.js") {
			t.Errorf("console problem: %s", p)
		}
	}
}

type cacheContents struct {
	Names []string `json:"names"`
	URLs  []string `json:"urls"`
	Bytes int      `json:"bytes"`
}

// neededURLs lists, from the built folder, the URLs the service worker must precache.
func neededURLs(t *testing.T) []string {
	t.Helper()
	var urls []string
	err := filepath.WalkDir(builtDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(builtDir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); offline.Needed(rel) {
			urls = append(urls, offline.URLOf(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(urls)
	return urls
}

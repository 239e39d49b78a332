package e2e

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
	"scaleup/build/diag"
	"scaleup/build/offline"
	"scaleup/build/output"
	"scaleup/build/pipeline"
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
	waitControlled(t, tab)

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
			urls = append(urls, pipeline.URLPath(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(urls)
	return urls
}

// TestOfflineUpdate: a new build deployed while a reader has the old one cached. The new worker
// installs beside the old one, takes over at the reader's next navigation, deletes the old cache,
// and the new pages are then what works offline.
func TestOfflineUpdate(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(builtDir)); err != nil {
		t.Fatal(err)
	}
	base := browsertest.ServeDir(t, dir)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/")
	waitControlled(t, tab)
	old := cacheNames(t, tab)

	// Deploy: the English home page changes, and with it the worker's manifest.
	page := filepath.Join(dir, "en", "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html = bytes.Replace(html, []byte("</main>"), []byte(`<p id="new-build">new build</p></main>`), 1)
	writeDeployed(t, dir, "en/index.html", html)
	writeDeployed(t, dir, offline.WorkerPath, compileWorker(t, dir))

	// The browser checks for a new worker by itself after navigations; here it is told to, so
	// the test does not depend on when. The new worker then downloads the whole site before it
	// waits. If it is neither installing nor waiting, its install failed (a download refused on a
	// loaded machine, say) or no check has started yet: ask again, as the browser would at the
	// next navigation, and report the state if it never comes.
	waiting := Get(t, tab, `new Promise(function (resolve) {
  var start = Date.now(), asked = 0;
  var timer = setInterval(function () {
    navigator.serviceWorker.getRegistration().then(function (r) {
      if (r.waiting) { clearInterval(timer); resolve("waiting"); return; }
      if (!r.installing && Date.now() - asked > 2000) { asked = Date.now(); r.update().catch(function () {}); }
      if (Date.now() - start > 25000) {
        clearInterval(timer);
        resolve("after 25 s: installing " + !!r.installing + ", active " + (r.active && r.active.state));
      }
    });
  }, 50);
})`)
	if waiting != "waiting" {
		t.Fatalf("the new worker never waited to take over: %v", waiting)
	}
	if now := cacheNames(t, tab); !slices.Contains(now, old[0]) {
		t.Errorf("the old cache %s went before the new worker took over: %q", old[0], now)
	}

	// The next navigation gets the new page and hands over to the new worker.
	tab.Navigate(t, base+"/en/")
	if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`document.getElementById("new-build") !== null`)) {
		t.Error("online, the navigation after the deploy did not show the new page")
	}
	// The handover is asked for by the old worker when it answers a navigation. If the browser
	// has not activated the new worker within a few seconds (seen once on a loaded machine), the
	// reader's next page load asks again: do what that reader would do, a few times at most.
	activated := `new Promise(function (resolve) {
  var start = Date.now();
  var timer = setInterval(function () {
    navigator.serviceWorker.getRegistration().then(function (r) {
      if (!r.waiting && !r.installing && r.active && r.active.state === "activated") { clearInterval(timer); resolve(true); }
      else if (Date.now() - start > 5000) { clearInterval(timer); resolve(false); }
    });
  }, 50);
})`
	for try := 0; Get(t, tab, activated) != true; try++ {
		if try == 3 {
			t.Fatal("the new worker was not activated after four page loads")
		}
		tab.Navigate(t, base+"/en/")
	}
	now := cacheNames(t, tab)
	if len(now) != 1 || now[0] == old[0] {
		t.Errorf("caches after the update %q, want one new cache instead of %s", now, old[0])
	}

	tab.SetOffline(t, true)
	tab.Navigate(t, base+"/en/")
	if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`document.getElementById("new-build") !== null`)) {
		t.Error("offline after the update, the cached English home page is the old one")
	}
}

// TestOfflineDevServer: under the dev server (pages marked with <meta name="dev-build">) no
// worker is registered, and one left by an earlier visit to the same address is removed.
func TestOfflineDevServer(t *testing.T) {
	root, err := serve.DirFS(builtDir)
	if err != nil {
		t.Fatal(err)
	}
	var dev atomic.Bool
	h := serve.Handler(root, serve.Options{RewriteHTML: func(page []byte) []byte {
		if !dev.Load() {
			return page
		}
		return bytes.Replace(page, []byte("</head>"), []byte(`<meta name="dev-build" content="1"></head>`), 1)
	}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if dev.Load() {
			// The files have not changed, so a revalidation would get 304 and the page
			// without the tag: a real dev server serves a new build.
			r.Header.Del("If-Modified-Since")
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, srv.URL+"/")
	waitControlled(t, tab)

	dev.Store(true)
	tab.Navigate(t, srv.URL+"/en/")
	Get(t, tab, `new Promise(function (resolve) {
  var timer = setInterval(function () {
    navigator.serviceWorker.getRegistrations().then(function (rs) {
      if (rs.length === 0) { clearInterval(timer); resolve(true); }
    });
  }, 50);
})`)
	// A reload under the dev server comes from the network, not from a worker.
	tab.Navigate(t, srv.URL+"/")
	if browsertest.Get(t, tab, chromedp.Evaluate[bool](`navigator.serviceWorker.controller !== null`)) {
		t.Error("a page of the dev server is controlled by a service worker")
	}
}

// TestOfflineSlowNetwork: when the network is up but does not answer within the worker's
// timeout (a congested training-room Wi-Fi), a page comes from the cache instead of hanging.
func TestOfflineSlowNetwork(t *testing.T) {
	root, err := serve.DirFS(builtDir)
	if err != nil {
		t.Fatal(err)
	}
	var slow atomic.Bool
	release := make(chan struct{})
	h := serve.Handler(root, serve.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slow.Load() && r.URL.Path == "/en/" {
			select { // far longer than the worker waits
			case <-release:
			case <-r.Context().Done():
			}
			w.Write([]byte(`<!DOCTYPE html><title>late</title><p id="late">from the network</p>`))
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	defer close(release)

	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, srv.URL+"/")
	waitControlled(t, tab)
	slow.Store(true)
	tab.Navigate(t, srv.URL+"/en/")
	got := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.body.className + " " + document.documentElement.lang`))
	if got != "layout-home en" {
		t.Errorf("with a network that does not answer, /en/ shows %q, want the cached English home page", got)
	}
}

// waitControlled waits until the offline worker controls the page (first visit: once it has
// cached the site and claimed the page).
func waitControlled(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	Get(t, tab, `navigator.serviceWorker.ready.then(function () {
  return navigator.serviceWorker.controller || new Promise(function (resolve) {
    navigator.serviceWorker.addEventListener("controllerchange", function () { resolve(true); });
  });
}).then(function () { return true; })`)
}

// cacheNames lists the offline caches of the page's origin.
func cacheNames(t *testing.T, tab *browsertest.Tab) []string {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[[]string](`caches.keys().then(function (names) {
  return names.filter(function (n) { return n.indexOf("scaleup-") === 0; });
})`, chromedp.EvalAwaitPromise))
}

// writeDeployed replaces a file of the deployed site in dir, and drops its precompressed
// siblings, which would hold the old bytes.
func writeDeployed(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(p + ".br")
	os.Remove(p + ".gz")
}

// compileWorker builds the worker for the site in dir, as the build's offline stage would.
func compileWorker(t *testing.T, dir string) []byte {
	t.Helper()
	files := output.Site{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files.Add(filepath.ToSlash(rel), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", offline.Source))
	if err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	worker, ok := offline.Compile(src, offline.NewManifest(files), diags)
	if !ok {
		t.Fatal(diags.Err())
	}
	return worker
}

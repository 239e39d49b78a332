package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"scaleup/build/synth"
)

// report holds every figure of one run and writes BENCHMARKS.md.
type report struct {
	date    time.Time
	machine machine

	search                         []searchRow
	oursIndexBytes, oursIndexFiles int
	pfIndexBytes, pfIndexFiles     int
	pfRealTime                     time.Duration
	pfLanguages                    string // what Pagefind's entry file says about its indexes

	weights         []weightRow
	wasmRaw, wasmBr int

	searchBench, siteBench, e2eBench map[string]map[string]float64
	searchCmd, siteCmd, e2eCmd       string
	builds                           *builds

	synthSearch                      []searchRow // ours on the synthetic site
	synthSitePages                   int
	synthIndexBytes, synthIndexFiles int

	failures []string // benchmark commands that failed, with their output

	mutation string // section 5, kept from the file this run replaces
}

// mutationHeading starts the section of BENCHMARKS.md that build/mutate writes (its
// SectionHeading).
const mutationHeading = "## 5. Mutation testing"

// mutationSection returns section 5 of a BENCHMARKS.md, up to the next "## " heading, or "".
func mutationSection(s string) string {
	i := strings.Index(s, "\n"+mutationHeading)
	if i < 0 {
		return ""
	}
	s = s[i+1:]
	if j := sectionEnd(s[1:]); j >= 0 {
		s = s[:j+2]
	}
	return s
}

// sectionEnd is the index in s of the newline before the next "## " heading or the marker that
// opens the load section, or -1.
func sectionEnd(s string) int {
	j := strings.Index(s, "\n## ")
	if k := strings.Index(s, "\n"+loadBegin); k >= 0 && (j < 0 || k < j) {
		j = k
	}
	return j
}

func (r *report) noteFailure(err error) {
	if err != nil {
		step("%v", err)
		r.failures = append(r.failures, err.Error())
	}
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

func ms(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

// metric returns one benchmark's metric, or -1 when it did not run.
func metric(res map[string]map[string]float64, bench, unit string) float64 {
	if m, ok := res[bench]; ok {
		if v, ok := m[unit]; ok {
			return v
		}
	}
	return -1
}

func orDash(v float64, f func(float64) string) string {
	if v < 0 {
		return "–"
	}
	return f(v)
}

func (r *report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	m := r.machine
	p("# Benchmarks")
	p("")
	p("Written by `go run ./build/bench`, the second step of `make bench` (the first runs every Go benchmark,")
	p("`go test -run '^$' -bench . -benchmem ./...`, whose output is not part of this file), on %s.", r.date.Format("2006-01-02 15:04 MST"))
	p("Do not edit by hand: run `make bench` (or `go run ./build/bench` alone) again.")
	p("")
	p("| machine | |")
	p("| --- | --- |")
	m.rows(p)
	p("| Chromium | %s (headless) |", m.chromium)
	p("| Hugo | %s |", m.hugo)
	p("| Pagefind | %s (npm package pagefind@%s, its own executable) |", m.pf, pagefindVersion)
	p("| load at start (`uptime`) | %s |", m.uptimeStart)
	p("| load at end (`uptime`) | %s |", m.uptimeEnd)
	p("")
	p("The machine is shared with other engineers' builds and tests: compare the load averages above with the")
	p("%d CPUs (a load above %d means work was waiting for a CPU, and times are then pessimistic). Times vary", m.cpus, m.cpus)
	p("from run to run; sizes and top results do not depend on the load.")
	p("")
	r.searchSection(p)
	r.buildSection(p)
	r.weightSection(p)
	r.calculatorSection(p)
	if r.mutation != "" {
		b.WriteString(r.mutation)
	}
	if len(r.failures) > 0 {
		p("## Benchmarks that failed in this run")
		p("")
		p("Their figures show as – above.")
		p("")
		for _, f := range r.failures {
			p("```")
			p("%s", strings.TrimSpace(f))
			p("```")
			p("")
		}
	}
	return b.String()
}

func (r *report) searchSection(p func(string, ...any)) {
	p("## 1. Search: ours against Pagefind on the same built site")
	p("")
	p("The real site (`go run ./build -strict`) and a copy of it indexed by `pagefind --site` (Pagefind")
	p("indexes each page's `<body>`, its language from `<html lang>`). Each query runs cold in a fresh browser")
	p("context (empty cache, no service worker). **Bytes** are what the query costs as served with brotli:")
	p("ours, the search script and the index files fetched until the first results are on the page (the page")
	p("then downloads the rest of the index for offline use, not counted); Pagefind, `pagefind.js`, its worker")
	p("script, WebAssembly, entry, metadata, index chunks and the fragments of the first ten results (`data()`),")
	p("through a small test page of ours on the same origin, as the server logged the requests (Pagefind 1.6")
	p("searches in a Web Worker, whose requests the page does not see). Pagefind's files carry no `.br` siblings: they are counted")
	p("compressed with brotli at level 11 where that is smaller, and most of them are gzip inside already).")
	p("The page HTML and CSS are not counted for either. **Warm ms** is the median of %d runs once", warmRounds)
	p("everything is loaded: ours, from setting the query in the search box to the first result link in the")
	p("list (tokenise, postings, rank, snippets, render); Pagefind, `search(q)` plus `data()` of the first ten")
	p("results (no rendering). The queries are the Chinese ones of `realQueries` in")
	p("`build/search/realsite_test.go`, with the page that should come first.")
	p("")
	p("| query | expected | ours top | ours bytes | ours warm | Pagefind top | Pagefind bytes | Pagefind warm |")
	p("| --- | --- | --- | ---: | ---: | --- | ---: | ---: |")
	oursRight, pfRight := 0, 0
	var oursBytes, pfBytes []int
	var oursMs, pfMs []float64
	for _, row := range r.search {
		oursMark, pfMark := "✗ ", "✗ "
		if samePage(row.oursTop, row.want) {
			oursMark = "✓ "
			oursRight++
		}
		if samePage(row.pfTop, row.want) {
			pfMark = "✓ "
			pfRight++
		}
		p("| %s | `%s` | %s`%s` | %s | %s | %s`%s` | %s | %s |", row.q, row.want,
			oursMark, orNone(row.oursTop), kb(row.oursBytes), ms(row.oursMs),
			pfMark, orNone(row.pfTop), kb(row.pfBytes), ms(row.pfMs))
		oursBytes, pfBytes = append(oursBytes, row.oursBytes), append(pfBytes, row.pfBytes)
		oursMs, pfMs = append(oursMs, row.oursMs), append(pfMs, row.pfMs)
	}
	n := len(r.search)
	p("| **summary** | | **%d of %d right** | median %s, max %s | median %s | **%d of %d right** | median %s, max %s | median %s |",
		oursRight, n, kb(medianInt(oursBytes)), kb(maxInt(oursBytes)), ms(median(oursMs)),
		pfRight, n, kb(medianInt(pfBytes)), kb(maxInt(pfBytes)), ms(median(pfMs)))
	p("")
	p("| whole index | files | brotli bytes | build time |")
	p("| --- | ---: | ---: | ---: |")
	p("| ours (`_search/`, both languages) | %d | %s | %s (search stage alone, `BenchmarkRealSite`) |",
		r.oursIndexFiles, kb(r.oursIndexBytes), orDash(metric(r.searchBench, "BenchmarkRealSite", "build-ms"), ms))
	p("| Pagefind (`pagefind/` without its scripts and UI bundles, both languages) | %d | %s | %s (`pagefind --site`, whole run) |",
		r.pfIndexFiles, kb(r.pfIndexBytes), ms(float64(r.pfRealTime.Microseconds())/1000))
	p("")
	p("Issue 6's targets for the real site: a cold query under 40 KB with scripts (here: at most %s) and an", kb(maxInt(oursBytes)))
	p("answer under 10 ms (here: median %s warm, in the page, on the loaded machine). Pagefind's top result is", ms(median(oursMs)))
	p("the expected page for %d of %d queries, ours for %d of %d.", pfRight, n, oursRight, n)
	p("")
	p("Caveats, in fairness to Pagefind: these twenty queries and their expected pages are our own test set,")
	p("which our ranking was tuned against, and \"expected\" is our judgement (a glossary or FAQ entry that")
	p("Pagefind puts first may serve a reader too). Pagefind ran with its defaults on pages that were not")
	p("written for it (no `data-pagefind-body`, so headers, navigation and footers are indexed too); a site")
	p("built for Pagefind would mark its content and might rank differently. Its bytes are dominated by")
	p("fixed costs (`pagefind.js`, its worker and its WebAssembly module) that a second query does not pay")
	p("again; ours by the page files of the ten results shown. %s", r.pfLanguages)
	p("The lessons file reports that Pagefind 1.5+ splits Chinese differently at index and query time; the")
	p("\"Pagefind top\" column is what we observed with %s on this site, query by query: a ✗ with a page listed", r.machine.pf)
	p("means another page came first, \"(none)\" that there was no result at all.")
	p("")
	if len(r.search) > 0 {
		first := r.search[0]
		p("<details><summary>files fetched by the cold query %s</summary>", first.q)
		p("")
		p("- ours: %s", strings.Join(first.oursFiles, ", "))
		p("- Pagefind: %s", strings.Join(first.pfFiles, ", "))
		p("")
		p("</details>")
		p("")
	}
	if len(r.synthSearch) > 0 {
		right := 0
		var bytes []int
		var times []float64
		var misses []string
		for _, row := range r.synthSearch {
			if samePage(row.oursTop, row.want) {
				right++
			} else {
				misses = append(misses, fmt.Sprintf("%s → `%s`", row.q, orNone(row.oursTop)))
			}
			bytes, times = append(bytes, row.oursBytes), append(times, row.oursMs)
		}
		p("**The synthetic site** (section 2's 2,000 synthetic pages added to the real site: %d pages, built", r.synthSitePages)
		p("by `go run ./build/bench` with the same stages, index %s brotli in %d files), the same twenty queries,", kb(r.synthIndexBytes), r.synthIndexFiles)
		p("measured the same way (ours only): a cold query fetches median %s, at most %s; warm median %s;", kb(medianInt(bytes)), kb(maxInt(bytes)), ms(median(times)))
		p("%d of %d still have the expected page first (the synthetic pages are random characters of the", right, len(r.synthSearch))
		p("policy text, so they do match the queries' characters).")
		if len(misses) > 0 {
			p("Where another page came first: %s.", strings.Join(misses, "; "))
		}
		p("")
	}
	if v := metric(r.searchBench, "BenchmarkBuild", "build-ms"); v >= 0 {
		p("On the synthetic 2,000-page corpus of `build/search`'s `BenchmarkBuild` (index only, in memory): build")
		p("%s, whole index %s brotli (level 9) in %.0f files, a cold query %s with the script.", ms(v),
			kb(int(metric(r.searchBench, "BenchmarkBuild", "index-br9-bytes"))),
			metric(r.searchBench, "BenchmarkBuild", "files"),
			kb(int(metric(r.searchBench, "BenchmarkBuild", "cold-query-br-bytes"))))
		p("Command: `%s`.", r.searchCmd)
		p("")
	}
}

func (r *report) buildSection(p func(string, ...any)) {
	p("## 2. Builds: ours against Hugo and Hugo + Pagefind on the synthetic 2,000-page site")
	p("")
	b := r.builds
	if b == nil {
		p("Not measured in this run.")
		p("")
		return
	}
	p("Each command is timed as a user runs it: a whole process (our binary built with `go build -o sitegen")
	p("./build`, Debian's `hugo`, Pagefind's own executable from its npm package rather than its Node.js")
	p("launcher), writing to the disk, from the repository root. The synthetic pages (1,000 per language,")
	p("`build/synth`) are in `content/bench/` for the time of the measurement, so our build makes them and")
	p("the real site's %d other pages; Hugo builds the same Markdown with simple layouts of the same", r.realPages())
	p("structure (%d HTML files). One untimed run of each command, then %d rounds of: our full build", b.pages, buildRuns)
	p("into a new folder without the cache, Hugo into a new folder, Pagefind on Hugo's output, and our")
	p("rebuild into the previous output after adding a sentence to `%s` (cache warm). `-nowasm` takes", rebuildPage)
	p("the calculator's WebAssembly module from `.cache/wasm` instead of compiling it (Hugo has nothing")
	p("like it); everything else, its brotli and gzip siblings included, is made afresh with `-nocache`.")
	p("Wall times are medians with the fastest and slowest run; CPU is user + system time, median; the")
	p("1-minute load average is read before each run.")
	p("")
	p("| command | wall, median | fastest–slowest | CPU, median | load | files | bytes | on disk |")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	row := func(name string, s *series, sizes bool) {
		out := "– | – | –"
		if sizes {
			out = fmt.Sprintf("%d | %s | %s", s.out.files, mb(s.out.bytes), mb(s.out.disk))
		}
		lo, hi := spread(s.walls())
		p("| %s | %s | %s–%s | %s | %s | %s |", name, sec(median(s.walls())), sec(lo), sec(hi), sec(median(s.cpus())), loads(s), out)
	}
	row("ours, full build: `"+b.ours.command+"`", b.ours, true)
	row("ours, rebuild after editing one page: `./sitegen -strict -nowasm -out DIR`", b.rebuild, true)
	row("Hugo: `"+b.hugo.command+"`", b.hugo, true)
	row("Pagefind on Hugo's output: `"+b.pagefind.command+"`", b.pagefind, false)
	row("**Hugo + Pagefind** (the two runs of a round added up)", b.hugoPagefind, true)
	p("")
	p("Files and bytes are the output folder's after the last round (Hugo's before Pagefind ran); \"on disk\"")
	p("counts the blocks allocated, each file once. Our rebuild's unchanged files are hard links to")
	p("`.cache/output`, so its folder shares its blocks with the cache. \"Met\" judges the ratio of the")
	p("wall times; the CPU ratio (user + system time) leaves out the waits of a busy machine.")
	p("")
	p("| target (issue 20) | wall, ratio of the medians | per round | CPU, ratio of the medians | met |")
	p("| --- | ---: | ---: | ---: | :---: |")
	target := func(name string, a, b *series, limit float64) {
		ratio := median(a.walls()) / median(b.walls())
		var per []float64
		for i := range min(len(a.runs), len(b.runs)) {
			per = append(per, a.walls()[i]/b.walls()[i])
		}
		lo, hi := spread(per)
		p("| %s | %.2f× | %.2f–%.2f× | %.2f× | %s |", name, ratio, lo, hi, median(a.cpus())/median(b.cpus()), mark(ratio <= limit))
	}
	target("first full build ≤ 0.5× Hugo + Pagefind", b.ours, b.hugoPagefind, 0.5)
	target("first full build ≤ 2.5× Hugo alone", b.ours, b.hugo, 2.5)
	target("rebuild after editing one page ≤ 0.5× Hugo's full build", b.rebuild, b.hugo, 0.5)
	size := float64(b.ours.out.bytes) / float64(b.hugoPagefind.out.bytes)
	p("| output ≤ 1.5× Hugo + Pagefind's (bytes of the files) | %.2f× | – | – | %s |", size, mark(size <= 1.5))
	p("")
	if len(b.dev) > 0 {
		p("**The dev server** (`go run ./build serve`, here the built binary's `serve -nowasm` in a copy of the")
		p("project): from saving a page to the reload event that makes open tabs reload, read from the")
		p("server's event stream as the page's script reads it; %d saves per site, half a second apart. It", devSaves)
		p("includes the watcher's wait (it polls every 200 ms, then waits 50 ms for the files to settle).")
		p("")
		p("| site | page saved | save to reload, median | fastest–slowest | load |")
		p("| --- | --- | ---: | ---: | ---: |")
		for _, site := range []struct{ name, page string }{{"real site", "content/about.zh.md"}, {"synthetic site", rebuildPage}} {
			var t, l []float64
			for _, d := range b.dev {
				if d.site == site.name {
					t = append(t, float64(d.took.Microseconds())/1000)
					l = append(l, d.load)
				}
			}
			if len(t) == 0 {
				continue
			}
			lo, hi := spread(t)
			llo, lhi := spread(l)
			p("| %s | `%s` | %s | %s–%s | %.1f–%.1f |", site.name, site.page, ms(median(t)), ms(lo), ms(hi), llo, lhi)
		}
		p("")
	}
	if ns := metric(r.siteBench, "BenchmarkBuildSynthetic", "ns/op"); ns >= 0 {
		p("A profile aid, not a comparison: `%s` builds the same site in the benchmark's", r.siteCmd)
		p("process, in memory, writing nothing (%s per build, %.0f MB allocated); `go run ./build -cpuprofile FILE`", ms(ns/1e6), metric(r.siteBench, "BenchmarkBuildSynthetic", "B/op")/1e6)
		p("profiles a whole build.")
		p("")
	}
}

// realPages is the number of pages of the real site in our synthetic build (its HTML files but
// the synthetic pages and their section's two index pages).
func (r *report) realPages() int { return r.builds.oursHTML - 2*synth.PagesPerLang - 2 }

func sec(msec float64) string { return fmt.Sprintf("%.2f s", msec/1000) }

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// spread returns the smallest and largest of xs.
func spread(xs []float64) (lo, hi float64) {
	for i, x := range xs {
		if i == 0 || x < lo {
			lo = x
		}
		if i == 0 || x > hi {
			hi = x
		}
	}
	return lo, hi
}

// loads is the range of the load averages before s's runs.
func loads(s *series) string {
	var l []float64
	for _, r := range s.runs {
		l = append(l, r.load)
	}
	lo, hi := spread(l)
	return fmt.Sprintf("%.1f–%.1f", lo, hi)
}

func (r *report) weightSection(p func(string, ...any)) {
	p("## 3. Page weight on a first visit")
	p("")
	p("Each page loaded in a fresh browser context (empty cache); the bytes are the sum, over the HTML and every")
	p("file of the site the page fetched (as the local server recorded the requests, so the calculator's worker")
	p("and its WebAssembly module count), of the `.br` sibling's size, or the file's own where there is none.")
	p("The calculator page opens the typical enterprise (scenario 046) so that it loads its worker and core and")
	p("computes; the search page is counted until its first results (the index download for offline use that")
	p("follows is not). The favicon and `sw.js` are counted; the server answers `sw.js` with 404 during the measurement, so the")
	p("service worker's background download of the whole site for offline use (see `build/offline`), which a")
	p("real first visit starts after the page has loaded, is not included.")
	p("")
	p("| page type | page | files | brotli bytes |")
	p("| --- | --- | ---: | ---: |")
	for _, w := range r.weights {
		if w.missing {
			p("| %s | `%s` | – | the site has no such page |", w.name, w.path)
			continue
		}
		path := w.path
		if len(path) > 40 {
			path = path[:40] + "…"
		}
		p("| %s | `%s` | %d | %s |", w.name, path, len(w.files), kb(w.bytes))
	}
	p("")
	p("<details><summary>files per page</summary>")
	p("")
	for _, w := range r.weights {
		if !w.missing {
			files := append([]string(nil), w.files...)
			sort.Strings(files)
			p("- %s: %s", w.name, strings.Join(files, ", "))
		}
	}
	p("")
	p("</details>")
	p("")
}

func (r *report) calculatorSection(p func(string, ...any)) {
	p("## 4. The calculator: WebAssembly core and speed in the browser")
	p("")
	p("| figure | value |")
	p("| --- | ---: |")
	p("| WebAssembly module, raw | %s |", kb(r.wasmRaw))
	p("| WebAssembly module, brotli (as served) | %s |", kb(r.wasmBr))
	e := r.e2eBench
	p("| time to first result, cold cache (`BenchmarkCalculatorFirstResult/site`) | %s |", orDash(metric(e, "BenchmarkCalculatorFirstResult/site", "ms-to-first-result"), ms))
	p("| … the same without the service worker's precache (`…/no-service-worker`) | %s |", orDash(metric(e, "BenchmarkCalculatorFirstResult/no-service-worker", "ms-to-first-result"), ms))
	p("| … yardstick: a blank page whose worker runs an empty Go program of the same toolchain (`BenchmarkCalculatorFloor/empty-go-program`) | %s |", orDash(metric(e, "BenchmarkCalculatorFloor/empty-go-program", "ms-to-first-result"), ms))
	p("| … the same blank page running the site's rule core (`…/rule-core`) | %s |", orDash(metric(e, "BenchmarkCalculatorFloor/rule-core", "ms-to-first-result"), ms))
	p("| one recompute after an edit, mean (`BenchmarkCalculatorRecompute`) | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms/recompute"), ms))
	p("| … median | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms-median"), ms))
	p("| … reading the form and saving the link | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms-form"), ms))
	p("| … the worker's round trip (WebAssembly core) | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms-worker"), ms))
	p("| … of which the core itself, in the worker | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms-core"), ms))
	p("| … showing the result | %s |", orDash(metric(e, "BenchmarkCalculatorRecompute", "ms-render"), ms))
	if v := metric(e, "BenchmarkSearchQuery", "ms/query"); v >= 0 {
		p("| search page, warm query 社保补贴 (`BenchmarkSearchQuery`, cross-check of section 1) | %s |", ms(v))
	}
	if v := metric(e, "BenchmarkSearchColdQuery", "cold-query-br-bytes"); v >= 0 {
		p("| search page, cold query 社保补贴, script + index (`BenchmarkSearchColdQuery`) | %s |", kb(int(v)))
	}
	p("")
	p("`%s` (build/e2e: the real site with its WebAssembly core, served locally, headless", r.e2eCmd)
	p("Chromium). The first result is timed from navigation start with the HTTP cache emptied, so it includes")
	p("downloading (from localhost: no network latency) and compiling the module; on a phone over a real")
	p("network, add the transfer of the page and the module. The two yardstick rows take the same cold")
	p("navigation to a blank page that only starts a worker, fetches a module, runs it and asks for one")
	p("estimate: no calculator built with this Go toolchain answers sooner on this machine. Each recompute")
	p("starts as a key press does, after the previous result is painted and a 50 ms pause, after ten untimed")
	p("edits (the first few take about 20 ms while the browser compiles the module's hot code). Means of 5 runs.")
	p("")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func medianInt(xs []int) int {
	f := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = float64(x)
	}
	return int(median(f))
}

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"scaleup/build/conformance"
	"scaleup/build/deploy"
)

// `go run ./build/bench load` measures the training room: 60 phones on one Wi-Fi loading the
// site from dist/scaleup-site on a laptop, against the same site from nginx with the README's
// configuration. It writes its own section of BENCHMARKS.md and leaves the rest as it is.

// loadVisits are the page types (of pageTypes) a phone loads, in turn, during the run.
var loadVisits = []string{
	"home",
	"a clause (八)",
	"calculator (with the WebAssembly core, typical enterprise)",
	"search, cold query 社保补贴",
}

// visit is one page as a phone loads it the first time: its URL paths, the page first.
type visit struct {
	name    string
	paths   []string
	brBytes int // the brotli bytes of those files (the size of each .br sibling, or of the file)
}

// serverRun is the measurement of one server.
type serverRun struct {
	name          string
	load          loadResult
	peakRSS       []int64 // of each process that answers requests (nginx's workers)
	masterRSS     int64   // nginx's master process, 0 for the binary
	cpu           time.Duration
	before, after string // uptime
}

type loadReport struct {
	date            time.Time
	machine         machine
	nginx           string
	clients         int
	duration        time.Duration
	visits          []visit
	runs            []serverRun
	siteDir, binary string
}

func runLoad(args []string) error {
	fl := flag.NewFlagSet("load", flag.ExitOnError)
	out := fl.String("o", "BENCHMARKS.md", "the report to write its section into")
	clients := fl.Int("clients", 60, "phones loading pages at once, one connection each")
	duration := fl.Duration("d", 30*time.Second, "how long each server is loaded")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./build/bench load [-clients 60] [-d 30s] [-o BENCHMARKS.md]\n\n")
		fl.PrintDefaults()
	}
	fl.Parse(args)
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root: go run ./build/bench load")
	}
	nginxBin, err := conformance.FindNginx()
	if err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	r := &loadReport{date: time.Now().UTC(), machine: describeMachine(), clients: *clients, duration: *duration}
	if v, err := exec.Command(nginxBin, "-v").CombinedOutput(); err == nil {
		r.nginx = strings.TrimPrefix(strings.TrimSpace(string(v)), "nginx version: ")
	}
	step("load: %s", r.machine.uptimeStart)

	// In the system's temporary folder: nginx started as root serves from workers running as
	// nobody, which may not enter the repository's folder.
	dir, err := os.MkdirTemp("", "scaleup-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	r.siteDir = filepath.Join(dir, "public")
	step("building the site")
	if err := conformance.BuildSite(root, r.siteDir); err != nil {
		return err
	}
	step("building dist/scaleup-site with it")
	r.binary = filepath.Join(dir, "scaleup-site")
	if err := conformance.BuildBinary(root, r.siteDir, r.binary); err != nil {
		return err
	}
	step("recording what a browser fetches for each page")
	if r.visits, err = recordVisits(r.siteDir, filepath.Join(dir, "profile")); err != nil {
		return err
	}

	for _, name := range []string{"dist/scaleup-site", "nginx"} {
		var s *conformance.Server
		if name == "nginx" {
			s, err = conformance.StartNginx(conformance.NginxOptions{Dir: filepath.Join(dir, "nginx"), Root: r.siteDir, Snippet: deploy.NginxConf()})
		} else {
			s, err = conformance.StartBinary(r.binary, dir)
		}
		if err != nil {
			return err
		}
		run, err := measureServer(s, r.visits, *clients, *duration)
		s.Stop()
		if err != nil {
			return err
		}
		run.name = name
		r.runs = append(r.runs, run)
	}
	r.machine.uptimeEnd = uptime()
	step("load: %s", r.machine.uptimeEnd)
	return writeSection(*out, r.markdown())
}

// recordVisits loads each page of loadVisits in a fresh browser context and returns what it
// fetched. /sw.js is left out: on the room's Wi-Fi the laptop serves plain http://, where a
// phone's browser registers no service worker.
func recordVisits(siteDir, profile string) ([]visit, error) {
	b, err := startBrowser(profile)
	if err != nil {
		return nil, err
	}
	defer b.stop()
	srv, err := serveDir(siteDir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	var visits []visit
	for _, name := range loadVisits {
		i := slices.IndexFunc(pageTypes, func(p pageType) bool { return p.name == name })
		if i < 0 {
			return nil, fmt.Errorf("no page type %q", name)
		}
		urls, err := pageRequests(b, srv, pageTypes[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		v := visit{name: name}
		var kept []string
		for _, u := range urls {
			parsed, err := url.Parse(u)
			if err != nil {
				return nil, err
			}
			if p := parsed.RequestURI(); p != "/sw.js" && !slices.Contains(v.paths, p) {
				v.paths = append(v.paths, p)
				kept = append(kept, u)
			}
		}
		f, err := sumFetched(siteDir, srv.base, kept, false, nil)
		if err != nil {
			return nil, err
		}
		v.brBytes = f.bytes
		visits = append(visits, v)
	}
	return visits, nil
}

// measureServer loads s and reads the memory and processor time of its processes.
func measureServer(s *conformance.Server, visits []visit, clients int, d time.Duration) (serverRun, error) {
	run := serverRun{before: uptime()}
	workers := s.Workers()
	cpuBefore := cpuOf(workers)
	step("%s: %d clients for %s", s.Name, clients, d)
	var paths [][]string
	for _, v := range visits {
		paths = append(paths, v.paths)
	}
	run.load = generateLoad(s.URL, paths, clients, d)
	run.cpu = cpuOf(workers) - cpuBefore
	for _, pid := range workers {
		rss, err := conformance.PeakRSS(pid)
		if err != nil {
			return run, err
		}
		run.peakRSS = append(run.peakRSS, rss)
	}
	if workers[0] != s.PID() {
		run.masterRSS, _ = conformance.PeakRSS(s.PID())
	}
	if err := s.Running(); err != nil {
		return run, err
	}
	run.after = uptime()
	step("%s: %.0f requests/s, %d errors", s.Name, run.load.perSecond(), run.load.errors)
	return run, nil
}

func cpuOf(pids []int) time.Duration {
	var total time.Duration
	for _, pid := range pids {
		t, _ := conformance.CPUTime(pid)
		total += t
	}
	return total
}

// Markers around the section in BENCHMARKS.md: this command replaces what lies between them,
// and `go run ./build/bench` keeps it when it rewrites the rest.
const (
	loadBegin = "<!-- begin: go run ./build/bench load -->"
	loadEnd   = "<!-- end: go run ./build/bench load -->"
)

// loadSection returns the section in md, markers included, or "".
func loadSection(md string) string {
	i := strings.Index(md, loadBegin)
	j := strings.Index(md, loadEnd)
	if i < 0 || j < i {
		return ""
	}
	return md[i : j+len(loadEnd)]
}

// writeSection puts section into the file, in place of its previous version or at the end.
func writeSection(file, section string) error {
	old, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	md := string(old)
	if prev := loadSection(md); prev != "" {
		md = strings.Replace(md, prev, section, 1)
	} else {
		md = strings.TrimRight(md, "\n") + "\n\n" + section + "\n"
	}
	if err := os.WriteFile(file, []byte(md), 0o644); err != nil {
		return err
	}
	step("wrote the load section of %s", file)
	return nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func (r *loadReport) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	m := r.machine
	p("%s", loadBegin)
	p("## Serving the training room: dist/scaleup-site and nginx under load")
	p("")
	p("Written by `go run ./build/bench load` (`make bench-serve`, and the last step of `make bench`) on %s;", r.date.Format("2006-01-02 15:04 MST"))
	p("the rest of this file does not change it.")
	p("")
	p("%d clients, each a phone on the room's Wi-Fi with one kept-alive connection, load pages one after", r.clients)
	p("another for %s per server, every request with `Accept-Encoding: br, gzip`. Each page is loaded as on", r.duration)
	p("a first visit: the files a headless Chromium fetched for it from the same site (recorded by this command;")
	p("`/sw.js` left out, since on the laptop's plain `http://` a phone registers no service worker), each")
	p("request after the previous one's answer. Both servers serve the same build: `dist/scaleup-site` (`go build")
	p("./build/dist` with it embedded), nginx (%s) with `go run ./build nginx` in the README's server block", r.nginx)
	p("(`brotli_static on`, `worker_processes auto`, access log off), both on 127.0.0.1, one after the other.")
	p("The load generator (Go, in this command's process) runs on the same CPUs as the server; so do the other")
	p("engineers' jobs on a shared machine: compare the load averages with the CPU count. Latency is from")
	p("sending a request to the last byte of its answer; pages/s counts page loads completed with every file.")
	p("")
	p("| machine | |")
	p("| --- | --- |")
	m.rows(p)
	p("| nginx | %s |", r.nginx)
	p("| load before (`uptime`) | %s |", m.uptimeStart)
	for _, run := range r.runs {
		p("| load after %s | %s |", run.name, run.after)
	}
	p("")
	p("| server | requests/s | pages/s | served | p50 | p99 | max | errors | peak memory (VmHWM) | server CPU time |")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, run := range r.runs {
		l := run.load
		mem := mb(slices.Max(run.peakRSS))
		if len(run.peakRSS) > 1 || run.masterRSS > 0 {
			var each []string
			for _, rss := range run.peakRSS {
				each = append(each, mb(rss))
			}
			mem = fmt.Sprintf("%s (workers %s; master %s)", mem, strings.Join(each, ", "), mb(run.masterRSS))
		}
		p("| %s | %.0f | %.0f | %.1f MB/s | %s | %s | %s | %d of %d | %s | %.1f s of %.1f s |", run.name, l.perSecond(), l.pagesPerSecond(),
			float64(l.bytes)/(1<<20)/l.elapsed.Seconds(), msDur(l.percentile(50)), msDur(l.percentile(99)),
			msDur(l.percentile(100)), l.errors, l.requests, mem, run.cpu.Seconds(), l.elapsed.Seconds())
	}
	p("")
	for _, run := range r.runs {
		if len(run.load.firstErrors) > 0 {
			p("First errors of %s: %s.", run.name, strings.Join(run.load.firstErrors, "; "))
			p("")
		}
	}
	p("| page loaded | files | brotli bytes |")
	p("| --- | ---: | ---: |")
	for _, v := range r.visits {
		p("| %s | %d | %s |", v.name, len(v.paths), kb(v.brBytes))
	}
	p("")
	p("<details><summary>the requests of each page</summary>")
	p("")
	for _, v := range r.visits {
		p("- %s: %s", v.name, strings.Join(v.paths, ", "))
	}
	p("")
	p("</details>")
	p("%s", loadEnd)
	return b.String()
}

func msDur(d time.Duration) string { return ms(float64(d.Microseconds()) / 1000) }

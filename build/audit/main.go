// Command audit runs Lighthouse in mobile mode against four pages of the site served locally
// (the home page, a clause, the calculator and the search page with a query) and prints the
// performance, accessibility, best-practices and SEO scores as a Markdown table, with the
// audits that cost points under it. The performance score of one page varies by several points
// from run to run on the same machine, so each page is audited five times (-runs) and the table
// shows the run of median performance, with every run's performance score beside it. It is
// `make audit`, which first installs the pinned Lighthouse into .cache/lighthouse; it is not part
// of `make test`.
//
//	go run ./build/audit [-lighthouse PATH] [-chrome /usr/bin/chromium] [-out .cache/audit] [-pages calculator,search] [-runs 5]
//
// The site is built as `go run ./build -strict` builds it, with the local address as its base
// URL (so canonical links point at the pages Lighthouse loads), and served with the same
// handler and headers as the dev server. The reports are kept in -out as JSON for a closer look.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"scaleup/build/serve"
)

// pages are the audited pages: the home page, a clause, the calculator and a search with results.
var pages = []struct{ name, path string }{
	{"home", "/"},
	{"clause", "/policy/08-social-insurance/"},
	{"calculator", "/calculator/"},
	{"search", "/search/?q=" + url.QueryEscape("社保补贴")},
}

// categories are Lighthouse's category ids, in the order of the table.
var categories = []string{"performance", "accessibility", "best-practices", "seo"}

// chromeFlags are the flags every Chromium of the project runs with: headless, and quiet on a
// closed network.
const chromeFlags = "--headless --no-sandbox --disable-gpu --disable-background-networking"

func main() {
	lighthouse := flag.String("lighthouse", ".cache/lighthouse/node_modules/lighthouse/cli/index.js", "Lighthouse's command-line script (installed by make audit)")
	chrome := flag.String("chrome", "/usr/bin/chromium", "the Chromium Lighthouse drives (CHROME_PATH)")
	out := flag.String("out", ".cache/audit", "folder for the built site and the JSON reports")
	goCmd := flag.String("go", "go", "the go command that builds the site")
	runs := flag.Int("runs", 5, "Lighthouse runs per page; the table shows the run of median performance")
	only := flag.String("pages", "", "comma-separated names of the pages to audit (home, clause, calculator, search); all when empty")
	flag.Parse()
	if *only != "" {
		if err := keepPages(strings.Split(*only, ",")); err != nil {
			fmt.Fprintln(os.Stderr, "audit:", err)
			os.Exit(2)
		}
	}
	if *runs < 1 {
		fmt.Fprintln(os.Stderr, "audit: -runs must be at least 1")
		os.Exit(2)
	}
	if err := run(*lighthouse, *chrome, *out, *goCmd, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "audit:", err)
		os.Exit(1)
	}
}

// keepPages narrows pages to the named ones, in the table's order.
func keepPages(names []string) error {
	want := map[string]bool{}
	for _, n := range names {
		want[strings.TrimSpace(n)] = true
	}
	var kept []struct{ name, path string }
	for _, p := range pages {
		if want[p.name] {
			kept = append(kept, p)
			delete(want, p.name)
		}
	}
	for n := range want {
		return fmt.Errorf("-pages: no page named %q (home, clause, calculator, search)", n)
	}
	pages = kept
	return nil
}

func run(lighthouse, chrome, out, goCmd string, runs int) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository's root (make audit)")
	}
	if _, err := os.Stat(lighthouse); err != nil {
		return fmt.Errorf("Lighthouse is not installed (%v): run make audit, which installs it", err)
	}
	if _, err := os.Stat(chrome); err != nil {
		return fmt.Errorf("no Chromium: %v", err)
	}

	// Listen first: the build needs the address for its base URL.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	siteDir := filepath.Join(out, "public")
	build := exec.Command(goCmd, "run", "./build", "-strict", "-out", siteDir, "-baseurl", base)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the site: %w", err)
	}
	root, err := serve.DirFS(siteDir)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: serve.Handler(root, serve.Options{}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	version, err := exec.Command("node", lighthouse, "--version").Output()
	if err != nil {
		return fmt.Errorf("node %s --version: %w", lighthouse, err)
	}
	fmt.Printf("Lighthouse %s, mobile (emulated Moto G Power, simulated slow 4G and 4x CPU slowdown), %s, %s, %s, load average %s\n\n",
		strings.TrimSpace(string(version)), chrome, machine(), time.Now().UTC().Format("2006-01-02 15:04 MST"), loadAverage())
	if !hasChineseFont() {
		fmt.Println("Note: no Chinese font is installed (fc-list :lang=zh is empty). Chromium then looks for a fallback " +
			"glyph by glyph and lays Chinese text out several times slower than on any reader's phone, so the " +
			"performance scores of the Chinese pages are pessimistic. Install one (Debian: fonts-noto-cjk or " +
			"fonts-wqy-microhei) for figures that stand for real readers.")
		fmt.Println()
	}

	var table strings.Builder
	fmt.Fprintf(&table, "| page | %s | performance, all %d runs | benchmarkIndex |\n|---|%s---|---|\n",
		strings.Join(categories, " | "), runs, strings.Repeat("---|", len(categories)))
	var notes []string
	for _, p := range pages {
		var all []result
		for i := 1; i <= runs; i++ {
			r, err := audit(lighthouse, chrome, base+p.path, filepath.Join(out, fmt.Sprintf("%s.%d.report.json", p.name, i)))
			if err != nil {
				return err
			}
			all = append(all, r)
		}
		// The run of median performance stands for the page, as Lighthouse advises for a
		// score that varies from run to run (and as Lighthouse CI picks its representative run).
		sorted := append([]result(nil), all...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].perf < sorted[j].perf })
		median := sorted[len(sorted)/2]
		var each []string
		for _, r := range all {
			each = append(each, r.scores["performance"])
		}
		fmt.Fprintf(&table, "| %s `%s` |", p.name, p.path)
		for _, c := range categories {
			fmt.Fprintf(&table, " %s |", median.scores[c])
		}
		fmt.Fprintf(&table, " %s | %.0f |\n", strings.Join(each, ", "), median.bench)
		for _, l := range median.lost {
			notes = append(notes, p.name+": "+l)
		}
	}
	fmt.Print(table.String())
	fmt.Printf("\nbenchmarkIndex is Lighthouse's measure of this machine's CPU during the run (higher is faster). "+
		"Its 4x slowdown assumes a host of 1000 or more, and Lighthouse warns that a slower one lowers the "+
		"performance score: a busy machine scores lower. Load average at the end: %s.\n", loadAverage())
	if len(notes) > 0 {
		fmt.Printf("\nAudits that cost points (in the median run):\n- %s\n", strings.Join(notes, "\n- "))
	}
	fmt.Printf("\nReports: %s/*.report.json\n", out)
	return nil
}

// result is what one Lighthouse run says of a page.
type result struct {
	scores map[string]string
	perf   float64 // the performance score, for choosing the median run
	lost   []string
	bench  float64
}

// audit runs Lighthouse once on url and reads its report. It tries once more if Lighthouse
// fails: on a busy machine it sometimes loses the trace (NO_NAVSTART), which says nothing
// about the page.
func audit(lighthouse, chrome, url, report string) (result, error) {
	var err error
	for attempt := 1; attempt <= 2; attempt++ {
		cmd := exec.Command("node", lighthouse, url,
			"--output=json", "--output-path="+report, "--quiet",
			"--only-categories="+strings.Join(categories, ","),
			"--chrome-flags="+chromeFlags)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
		cmd.Stderr = os.Stderr
		if err = cmd.Run(); err == nil {
			break
		}
		fmt.Fprintf(os.Stderr, "audit: lighthouse %s failed (%v), attempt %d of 2\n", url, err, attempt)
	}
	if err != nil {
		return result{}, fmt.Errorf("lighthouse %s: %w", url, err)
	}
	scores, lost, bench, err := readReport(report)
	if err != nil {
		return result{}, err
	}
	perf, _ := strconv.ParseFloat(scores["performance"], 64)
	return result{scores: scores, perf: perf, lost: lost, bench: bench}, nil
}

// machine describes the computer for the table's heading: the performance score depends on it.
func machine() string {
	desc := fmt.Sprintf("%d CPUs", runtime.NumCPU())
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				desc += " (" + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":")) + ")"
				break
			}
		}
	}
	return desc
}

// loadAverage returns the 1, 5 and 15 minute load averages, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// hasChineseFont reports whether fontconfig knows a font for Chinese (true when it cannot tell).
func hasChineseFont() bool {
	out, err := exec.Command("fc-list", ":lang=zh", "family").Output()
	if err != nil {
		return true
	}
	return strings.TrimSpace(string(out)) != ""
}

// report is the part of Lighthouse's JSON report the table uses.
type report struct {
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"`
	} `json:"environment"`
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string   `json:"title"`
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
	} `json:"audits"`
}

// readReport returns the score of each category (0–100, "n/a" when Lighthouse could not score
// it), the weighted audits that scored under 1, as "category: id (score): title", and
// Lighthouse's benchmarkIndex of the machine during the run.
func readReport(path string) (map[string]string, []string, float64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, 0, err
	}
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if r.RuntimeError != nil && r.RuntimeError.Code != "" && r.RuntimeError.Code != "NO_ERROR" {
		return nil, nil, 0, fmt.Errorf("%s: Lighthouse: %s: %s", path, r.RuntimeError.Code, r.RuntimeError.Message)
	}
	scores := map[string]string{}
	var lost []string
	for _, c := range categories {
		cat, ok := r.Categories[c]
		if !ok || cat.Score == nil {
			scores[c] = "n/a"
			continue
		}
		scores[c] = fmt.Sprintf("%.0f", *cat.Score*100)
		var here []string
		for _, ref := range cat.AuditRefs {
			a := r.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				s := fmt.Sprintf("%s: %s (%.2f): %s", c, ref.ID, *a.Score, a.Title)
				if a.DisplayValue != "" {
					s += " — " + a.DisplayValue
				}
				here = append(here, s)
			}
		}
		sort.Strings(here)
		lost = append(lost, here...)
	}
	return scores, lost, r.Environment.BenchmarkIndex, nil
}

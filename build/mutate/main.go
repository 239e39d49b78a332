// Command mutate measures whether the tests fail when the code is wrong: it runs mutation testing
// (github.com/go-gremlins/gremlins, pinned in the Makefile) over the rule core and the parts of the
// generator whose mistakes readers would not see at once, and prints, per package, the mutants the
// tests killed and those that lived, with the efficacy killed / (killed + lived). It is `make
// mutate`, which first installs the pinned gremlins into .cache/bin; it takes about two hours on a
// shared 2-CPU machine and is not part of `make test`.
//
//	go run ./build/mutate [-gremlins .cache/bin/gremlins] [-only build/search,build/site] [-report] [-o BENCHMARKS.md] [-workers 1]
//
// A mutant is the code with one small change (a + for a -, a < for a <=, a condition negated);
// gremlins makes every one its coverage run reaches, runs the tests of the mutated package alone
// against it, and counts it killed when they fail. Each mutant's source line is listed under the
// table, so a lived one can be judged: a missing test, or a change that cannot matter (see
// build/mutate/lived.md). The figures go into section 5 of BENCHMARKS.md, above the figures of
// earlier runs, which are kept.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// targets are the folders gremlins runs over, each with the packages below it.
var targets = []string{"calculator", "build/search", "build/site", "build/output"}

// work holds gremlins' logs and JSON reports (git-ignored).
const work = ".cache/mutate"

func main() {
	gremlins := flag.String("gremlins", ".cache/bin/gremlins", "the gremlins command (make mutate installs the pinned version there)")
	only := flag.String("only", "", "comma-separated targets to run ("+strings.Join(targets, ", ")+"); all when empty")
	reportOnly := flag.Bool("report", false, "run nothing: print the figures of the last run, from "+work)
	out := flag.String("o", "BENCHMARKS.md", "the file whose section 5 gets the figures (\"\" for none)")
	workers := flag.Int("workers", 1, "mutants tested at once (the machine is shared: one by default)")
	flag.Parse()
	if err := run(*gremlins, *only, *reportOnly, *out, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

func run(gremlins, only string, reportOnly bool, out string, workers int) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root: go run ./build/mutate")
	}
	chosen := targets
	if only != "" {
		chosen = strings.Split(only, ",")
		for _, t := range chosen {
			if !slices.Contains(targets, t) {
				return fmt.Errorf("-only: %q is not one of %s", t, strings.Join(targets, ", "))
			}
		}
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	r := runInfo{date: time.Now().UTC(), commit: commit(), loadStart: uptime(), targets: chosen, workers: workers}
	var results []result
	for _, t := range chosen {
		if !reportOnly {
			if err := unleash(gremlins, t, workers); err != nil {
				return err
			}
		}
		res, err := readResult(t)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	r.loadEnd = uptime()
	r.took = time.Since(r.date)
	packages := byPackage(results)
	fmt.Print(table(packages))
	fmt.Print(livedList(results))
	if out == "" || reportOnly {
		return nil
	}
	return writeSection(out, r, packages)
}

// unleash runs gremlins over one target, its progress in a log file. Tests run with -count=1:
// a cached coverage run would take no time, and gremlins gives each mutant a multiple of it.
func unleash(gremlins, target string, workers int) error {
	logPath := filepath.Join(work, slug(target)+".log")
	log, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer log.Close()
	start := time.Now()
	fmt.Fprintf(os.Stderr, "mutate: %s (log: %s)\n", target, logPath)
	cmd := exec.Command(gremlins, "unleash", "--workers", fmt.Sprint(workers), "--timeout-coefficient", "10",
		"-o", filepath.Join(work, slug(target)+".json"), "./"+target)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -count=1"))
	if err := cmd.Run(); err != nil {
		var notFound *exec.Error
		if errors.As(err, &notFound) {
			return fmt.Errorf("%s: %v (make mutate installs it)", gremlins, err)
		}
		return fmt.Errorf("gremlins on %s: %v (see %s)", target, err, logPath)
	}
	fmt.Fprintf(os.Stderr, "mutate: %s done in %s\n", target, time.Since(start).Round(time.Second))
	return nil
}

// result is what gremlins' -o file says about one target.
type result struct {
	target string
	Files  []struct {
		Name      string `json:"file_name"` // relative to the target
		Mutations []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"mutations"`
	} `json:"files"`
}

func readResult(target string) (result, error) {
	p := filepath.Join(work, slug(target)+".json")
	data, err := os.ReadFile(p)
	if err != nil {
		return result{}, fmt.Errorf("%v (run go run ./build/mutate -only %s first)", err, target)
	}
	res := result{target: target}
	if err := json.Unmarshal(data, &res); err != nil {
		return result{}, fmt.Errorf("%s: %v", p, err)
	}
	return res, nil
}

// counts are the mutants of one package by gremlins' status.
type counts struct {
	pkg                                         string
	killed, lived, timedOut, notViable, notCovd int
}

func (c counts) efficacy() string {
	if c.killed+c.lived == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(c.killed)/float64(c.killed+c.lived))
}

func byPackage(results []result) []counts {
	m := map[string]*counts{}
	for _, res := range results {
		for _, f := range res.Files {
			pkg := path.Join(res.target, path.Dir(f.Name))
			c := m[pkg]
			if c == nil {
				c = &counts{pkg: pkg}
				m[pkg] = c
			}
			for _, mu := range f.Mutations {
				switch mu.Status {
				case "KILLED":
					c.killed++
				case "LIVED":
					c.lived++
				case "TIMED OUT":
					c.timedOut++
				case "NOT VIABLE":
					c.notViable++
				case "NOT COVERED":
					c.notCovd++
				}
			}
		}
	}
	var out []counts
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pkg < out[j].pkg })
	return out
}

const tableHead = "| package | killed | lived | timed out | not viable | not covered | efficacy |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"

func (c counts) row() string {
	return fmt.Sprintf("%d | %d | %d | %d | %d | %s |", c.killed, c.lived, c.timedOut, c.notViable, c.notCovd, c.efficacy())
}

func table(packages []counts) string {
	var b strings.Builder
	b.WriteString(tableHead)
	for _, c := range packages {
		fmt.Fprintf(&b, "| %s | %s\n", c.pkg, c.row())
	}
	return b.String()
}

// livedList names every lived mutant with the line it changed, for triage.
func livedList(results []result) string {
	var b strings.Builder
	for _, res := range results {
		for _, f := range res.Files {
			file := path.Join(res.target, f.Name)
			lines := sourceLines(file)
			for _, mu := range f.Mutations {
				if mu.Status != "LIVED" {
					continue
				}
				src := ""
				if mu.Line-1 < len(lines) {
					src = strings.TrimSpace(lines[mu.Line-1])
				}
				fmt.Fprintf(&b, "LIVED %s:%d:%d %s\t%s\n", file, mu.Line, mu.Column, mu.Type, src)
			}
		}
	}
	if b.Len() > 0 {
		return "\n" + b.String()
	}
	return ""
}

func sourceLines(file string) []string {
	data, err := os.ReadFile(filepath.FromSlash(file))
	if err != nil {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// runInfo says when and on what a run was made.
type runInfo struct {
	date               time.Time
	commit             string
	loadStart, loadEnd string
	targets            []string
	workers            int
	took               time.Duration
}

// SectionHeading starts the section this command owns in BENCHMARKS.md; build/bench keeps it
// when it rewrites the rest of the file.
const SectionHeading = "## 5. Mutation testing"

// historyHead is the header of the table of every run, newest first.
const historyHead = "| date | commit | package | killed | lived | timed out | not viable | not covered | efficacy |"

// writeSection replaces section 5 of file with this run's figures, keeping the rows of earlier
// runs.
func writeSection(file string, r runInfo, packages []counts) error {
	data, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	before, old, after := cutSection(string(data))
	var rows []string
	for _, c := range packages {
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s", r.date.Format("2006-01-02 15:04"), r.commit, c.pkg, c.row()))
	}
	inHistory := false
	sc := bufio.NewScanner(strings.NewReader(old))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == historyHead:
			inHistory = true
		case inHistory && strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| ---"):
			rows = append(rows, line)
		case inHistory && !strings.HasPrefix(line, "|"):
			inHistory = false
		}
	}

	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("%s: do the tests fail when the code is wrong?", SectionHeading)
	p("")
	p("Written by `make mutate` (`go run ./build/mutate` with github.com/go-gremlins/gremlins, version pinned")
	p("in the Makefile), not by `make bench`. The last run, on %s UTC at commit %s, of %s, took %s", r.date.Format("2006-01-02 15:04"), r.commit,
		strings.Join(r.targets, ", "), r.took.Round(time.Minute))
	p("with %d mutant(s) tested at a time. Load at start: %s; at end: %s.", r.workers, r.loadStart, r.loadEnd)
	p("")
	p("gremlins changes one operator at a time in the code its coverage run reaches (a `+` for a `-`, `<`")
	p("for `<=`, a condition negated…) and runs the mutated package's own tests against each change: a")
	p("**killed** mutant made them fail, a **lived** one did not. **Efficacy** is killed / (killed + lived).")
	p("A mutant that **timed out** made the tests hang (a loop that never ends): caught, but not counted.")
	p("**Not covered** mutants are in code the package's own tests never run (other packages' tests")
	p("may). Lived mutants that do not matter, and why: [build/mutate/lived.md](build/mutate/lived.md).")
	p("")
	p("%s", historyHead)
	p("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, row := range rows {
		p("%s", row)
	}
	p("")
	return os.WriteFile(file, []byte(before+b.String()+after), 0o644)
}

// cutSection splits a BENCHMARKS.md into what comes before section 5, the section, and what
// follows it (from the next "## " heading).
func cutSection(s string) (before, section, after string) {
	i := strings.Index(s, "\n"+SectionHeading)
	if i < 0 {
		if s != "" && !strings.HasSuffix(s, "\n\n") {
			s = strings.TrimRight(s, "\n") + "\n\n"
		}
		return s, "", ""
	}
	before, rest := s[:i+1], s[i+1:]
	// The section ends at the next heading, or at the marker before the section of
	// `go run ./build/bench load`.
	j := strings.Index(rest[1:], "\n## ")
	if k := strings.Index(rest[1:], "\n<!-- begin:"); k >= 0 && (j < 0 || k < j) {
		j = k
	}
	if j >= 0 {
		return before, rest[:j+2], rest[j+2:]
	}
	return before, rest, ""
}

// commit is the short hash of HEAD, with "+changes" when the work tree differs from it.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	// BENCHMARKS.md does not count: an earlier run of this command (-only one target) wrote it.
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md").Output(); err == nil && len(st) > 0 {
		c += "+changes"
	}
	return c
}

func uptime() string {
	out, err := exec.Command("uptime").Output()
	if err != nil {
		return "unknown"
	}
	s := strings.TrimSpace(string(out))
	if i := strings.Index(s, "load average"); i >= 0 {
		return s[i:]
	}
	return s
}

func slug(target string) string { return strings.ReplaceAll(target, "/", "-") }

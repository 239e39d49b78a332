package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"scaleup/build/synth"
)

// Section 2: builds timed as a user runs them. Each command is a whole process (our built
// binary, Hugo's, Pagefind's own binary rather than its npm launcher), each writes to the disk,
// and the commands alternate: one run of each, buildRuns times over, so that a busy spell of the
// shared machine slows all of them rather than one. Figures are medians; the spread is the
// fastest and slowest run.

// buildRuns is how many timed runs each command gets, after one untimed.
const buildRuns = 5

// rebuildPage is the synthetic page edited before each timed rebuild.
const rebuildPage = synth.Dir + "/p0500.zh.md"

// timedRun is one timed command.
type timedRun struct {
	wall, cpu time.Duration // cpu: user + system time of the process and its children
	load      float64       // 1-minute load average just before it started
}

// series is the runs of one command, and what it left on disk after its last run.
type series struct {
	command string // as a user types it, from the repository root
	runs    []timedRun
	out     treeSize
}

func (s *series) walls() []float64 {
	var v []float64
	for _, r := range s.runs {
		v = append(v, float64(r.wall.Microseconds())/1000)
	}
	return v
}

func (s *series) cpus() []float64 {
	var v []float64
	for _, r := range s.runs {
		v = append(v, float64(r.cpu.Microseconds())/1000)
	}
	return v
}

// plus is the runs of s and t added up pairwise (Hugo, then Pagefind on its output).
func (s *series) plus(t *series) *series {
	sum := &series{command: s.command + " && " + t.command}
	for i := range min(len(s.runs), len(t.runs)) {
		sum.runs = append(sum.runs, timedRun{wall: s.runs[i].wall + t.runs[i].wall, cpu: s.runs[i].cpu + t.runs[i].cpu, load: s.runs[i].load})
	}
	return sum
}

// treeSize is what a build left in its output folder.
type treeSize struct {
	files int
	bytes int64 // sizes of the files, summed
	disk  int64 // blocks allocated to them, each file once (what du counts)
}

// builds holds section 2's figures.
type builds struct {
	ours, rebuild, hugo, pagefind *series
	hugoPagefind                  *series
	pages                         int // HTML files Hugo wrote
	oursHTML                      int // HTML files we wrote
	dev                           []devRun
	devBuilt                      []time.Duration // the dev server's own "built in" figures
	err                           error           // why the dev server could not be measured
}

// measureBuilds times our build, Hugo and Pagefind on the synthetic site, in abs (a folder of
// .cache/bench). The synthetic pages are written into content/bench/ for the time of it.
func measureBuilds(abs string) (*builds, error) {
	bin := filepath.Join(abs, "sitegen")
	step("go build -o %s ./build", bin)
	if err := command("go", "build", "-o", bin, "./build"); err != nil {
		return nil, err
	}
	pf, err := pagefindBinary()
	if err != nil {
		return nil, err
	}
	hugoSite := filepath.Join(abs, "hugo-site")
	if err := synth.WriteHugoSite(hugoSite, policyText()); err != nil {
		return nil, err
	}
	restore, err := writeSynthContent()
	if err != nil {
		return nil, err
	}
	defer restore()

	full := filepath.Join(abs, "ours-full")
	again := filepath.Join(abs, "ours-rebuild")
	hugoOut := filepath.Join(abs, "hugo-public")
	b := &builds{
		ours:     &series{command: "./sitegen -strict -nowasm -nocache -out DIR"},
		rebuild:  &series{command: "./sitegen -strict -nowasm -out DIR (after editing " + rebuildPage + ")"},
		hugo:     &series{command: "hugo --minify -s SITE -d DIR"},
		pagefind: &series{command: "pagefind_extended --site DIR"},
	}
	oursFull := func() []string { return []string{bin, "-strict", "-nowasm", "-nocache", "-out", full} }
	oursAgain := func() []string { return []string{bin, "-strict", "-nowasm", "-out", again} }
	hugo := []string{"hugo", "--minify", "--quiet", "-s", hugoSite, "-d", hugoOut}
	pagefind := []string{pf, "--site", hugoOut}

	// One untimed run of each: it fills the page cache, and leaves the previous build and a
	// warm cache for the first rebuild.
	step("builds: one untimed run of each command")
	for _, c := range [][]string{oursFull(), oursAgain(), hugo, pagefind} {
		if _, err := timeCommand(c); err != nil {
			return nil, err
		}
	}
	for i := range buildRuns {
		step("builds: round %d of %d (load %.2f)", i+1, buildRuns, loadAverage())
		if err := os.RemoveAll(full); err != nil {
			return nil, err
		}
		if err := b.ours.time(oursFull()); err != nil {
			return nil, err
		}
		if err := os.RemoveAll(hugoOut); err != nil {
			return nil, err
		}
		if err := b.hugo.time(hugo); err != nil {
			return nil, err
		}
		if i == buildRuns-1 {
			if b.hugo.out, err = sizeOf(hugoOut); err != nil {
				return nil, err
			}
			b.pages = countHTML(hugoOut)
		}
		if err := b.pagefind.time(pagefind); err != nil {
			return nil, err
		}
		if err := editPage(i); err != nil {
			return nil, err
		}
		if err := b.rebuild.time(oursAgain()); err != nil {
			return nil, err
		}
	}
	b.hugoPagefind = b.hugo.plus(b.pagefind)
	b.oursHTML = countHTML(full)
	for _, s := range []struct {
		series *series
		dir    string
	}{{b.ours, full}, {b.rebuild, again}, {b.hugoPagefind, hugoOut}} {
		if s.series.out, err = sizeOf(s.dir); err != nil {
			return nil, err
		}
	}
	b.measureDev(bin, abs)
	return b, nil
}

// time runs args once and adds the run to s.
func (s *series) time(args []string) error {
	r, err := timeCommand(args)
	if err != nil {
		return err
	}
	s.runs = append(s.runs, r)
	return nil
}

// timeCommand runs a command from the repository root and times it.
func timeCommand(args []string) (timedRun, error) {
	r := timedRun{load: loadAverage()}
	cmd := exec.Command(args[0], args[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	r.wall = time.Since(start)
	if err != nil {
		return r, fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return r, nil
}

// loadAverage is the 1-minute load average, or -1 where /proc/loadavg cannot be read.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	v, err := strconv.ParseFloat(strings.Fields(string(data))[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// writeSynthContent writes the synthetic pages into content/bench/ and returns the function
// that puts things back: it removes the folder, or writes the pages afresh (without the edits
// of the rebuilds) where it was there before.
func writeSynthContent() (restore func(), err error) {
	_, statErr := os.Stat(synth.Dir)
	existed := statErr == nil
	if err := synth.WriteContent(".", policyText()); err != nil {
		return nil, err
	}
	return func() {
		if existed {
			_ = synth.WriteContent(".", policyText())
		} else {
			_ = os.RemoveAll(synth.Dir)
		}
	}, nil
}

// editPage adds a sentence to rebuildPage, a different one each round, as an editor saving a
// page would.
func editPage(round int) error {
	return appendLine(rebuildPage, fmt.Sprintf("\n第%d次修改。\n", round+1))
}

// sizeOf counts the files under dir and their bytes.
func sizeOf(dir string) (treeSize, error) {
	var t treeSize
	seen := map[uint64]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		t.files++
		t.bytes += info.Size()
		if ino, blocks, ok := inode(info); ok {
			if !seen[ino] {
				seen[ino] = true
				t.disk += blocks * 512
			}
		} else {
			t.disk += (info.Size() + 4095) / 4096 * 4096
		}
		return nil
	})
	return t, err
}

func countHTML(dir string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The dev server (`make serve`) as an editor meets it: the time from saving a page to the reload
// event that makes open tabs show it, read from the server's event stream as reload.js reads it.
// The server runs our built binary in a copy of the project (content, templates, the calculator
// and its cached WebAssembly module), so the edits never touch the repository.

// devSaves is how many saves are timed per site, after the server's first build.
const devSaves = 5

// devRun is one save.
type devRun struct {
	site string
	took time.Duration // from writing the file to the reload event
	load float64
}

// measureDev times saves on the real site and on the synthetic one. A failure is recorded in
// b.err: the build figures stand without it.
func (b *builds) measureDev(bin, abs string) {
	for _, s := range []struct {
		name, page string
		synth      bool
	}{
		{"real site", "content/about.zh.md", false},
		{"synthetic site", rebuildPage, true},
	} {
		step("dev server: %d saves of %s on the %s", devSaves, s.page, s.name)
		dir := filepath.Join(abs, "dev-"+strings.ReplaceAll(s.name, " ", "-"))
		if err := copyProject(dir, s.synth); err != nil {
			b.err = err
			return
		}
		runs, built, err := timeSaves(bin, dir, s.page, s.name)
		if err != nil {
			b.err = fmt.Errorf("dev server on the %s: %w", s.name, err)
			return
		}
		b.dev = append(b.dev, runs...)
		b.devBuilt = append(b.devBuilt, built...)
	}
}

// copyProject copies what `go run ./build serve` reads into dir: content/ (without the synthetic
// pages unless synth), templates/, calculator/, go.mod, go.sum and the cached WebAssembly module.
func copyProject(dir string, synth bool) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, p := range []string{"content", "templates", "calculator"} {
		err := copyDirSkip(p, filepath.Join(dir, p), func(rel string) bool {
			return !synth && strings.HasPrefix(filepath.ToSlash(rel), "bench")
		})
		if err != nil {
			return err
		}
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := copyFile(f, filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	modules, _ := filepath.Glob(".cache/wasm/*.wasm")
	for _, m := range modules {
		if err := copyFile(m, filepath.Join(dir, m)); err != nil {
			return err
		}
	}
	return nil
}

var (
	servingLine = regexp.MustCompile(`serving .* at (http://\S+)`)
	builtLine   = regexp.MustCompile(`^built in (\S+)`)
)

// timeSaves starts the dev server in dir, waits for its first build, then saves page devSaves
// times and times each save to the reload event. It also returns the server's own build times.
func timeSaves(bin, dir, page, site string) ([]devRun, []time.Duration, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-nowasm", "-addr", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	defer cmd.Wait()
	lines := make(chan string, 10000) // never full: the server must not block on its stderr
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var base string
	var built []time.Duration
	for base == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				return nil, nil, fmt.Errorf("the server stopped before serving")
			}
			if m := servingLine.FindStringSubmatch(line); m != nil {
				base = strings.TrimSuffix(m[1], "/")
			}
		case <-time.After(5 * time.Minute):
			return nil, nil, fmt.Errorf("no \"serving\" line after 5 minutes")
		}
	}
	resp, err := http.Get(base + "/_dev/events")
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	events := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- id
			}
		}
		close(events)
	}()
	current := <-events

	file := filepath.Join(dir, page)
	var runs []devRun
	for i := range devSaves {
		time.Sleep(500 * time.Millisecond) // an editor's pause between saves
		r := devRun{site: site, load: loadAverage()}
		if err := appendLine(file, fmt.Sprintf("\n开发服务器第%d次保存。\n", i+1)); err != nil {
			return nil, nil, err
		}
		start := time.Now()
		select {
		case id, ok := <-events:
			if !ok {
				return nil, nil, fmt.Errorf("the event stream ended")
			}
			if id == current {
				return nil, nil, fmt.Errorf("a build event without a new build id")
			}
			current = id
			r.took = time.Since(start)
		case <-time.After(2 * time.Minute):
			return nil, nil, fmt.Errorf("no reload event within 2 minutes of saving %s", page)
		}
		runs = append(runs, r)
	}
	cancel()
	for line := range lines {
		if m := builtLine.FindStringSubmatch(line); m != nil {
			if d, err := time.ParseDuration(m[1]); err == nil {
				built = append(built, d)
			}
		}
		if strings.HasPrefix(line, "build failed") {
			return nil, nil, fmt.Errorf("a build failed: %s", line)
		}
	}
	if len(built) > 0 {
		built = built[1:] // the first build, before the saves
	}
	return runs, built, nil
}

func appendLine(file, text string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

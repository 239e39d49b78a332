package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// pagefindVersion is the Pagefind release compared against (issue 6 asks for
// 1.6; 1.6.0 is on the npm registry). npx fetches it into npm's cache.
const pagefindVersion = "1.6.0"

// pagefind runs `npx --yes pagefind@VERSION --site dir` and returns how long it
// took. The first call (pagefindInstall) fetches the package, so timed runs do
// not include the download.
func pagefind(dir string) (time.Duration, error) {
	args := []string{"--yes", "pagefind@" + pagefindVersion, "--site", dir}
	cmd := exec.Command("npx", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("npx %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return took, nil
}

// pagefindInstall makes sure npx has the package, and returns its version line.
func pagefindInstall() (string, error) {
	out, err := exec.Command("npx", "--yes", "pagefind@"+pagefindVersion, "--version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("npx pagefind@%s --version: %w\n%s", pagefindVersion, err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// copyDir copies the regular files of src into dst (which must not exist).
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// writePagefindPages writes the test pages (one per language, with the lang of
// the site's home page in that language, which Pagefind uses to pick its
// index) and their script into the copy of the site.
func writePagefindPages(dir string) error {
	for _, lang := range []string{"zh", "en"} {
		home := filepath.Join(dir, "index.html")
		if lang == "en" {
			home = filepath.Join(dir, "en", "index.html")
		}
		data, err := os.ReadFile(home)
		if err != nil {
			return err
		}
		m := htmlLang.FindSubmatch(data)
		if m == nil {
			return fmt.Errorf("%s: no lang attribute on <html>", home)
		}
		page := fmt.Sprintf(pfPage, m[1])
		if err := os.WriteFile(filepath.Join(dir, "pf-bench."+lang+".html"), []byte(page), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "pf-bench.js"), []byte(pfScript), 0o644)
}

// dirSize sums the sizes (as served, see brSize) of the files under dir and
// counts them, leaving out .br and .gz siblings and, with dataOnly, scripts and
// style sheets (Pagefind's folder holds its UI bundles too).
func dirSize(dir string, compressMissing, dataOnly bool) (total, files int, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return err
		}
		if dataOnly && (strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css")) {
			return nil
		}
		n, err := brSize(p, compressMissing)
		total += n
		files++
		return err
	})
	return total, files, err
}

// pagefindLanguages describes the indexes in Pagefind's entry file: for each
// language, its pages and which language module (stemming) it loads.
func pagefindLanguages(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "pagefind", "pagefind-entry.json"))
	if err != nil {
		return "", err
	}
	var entry struct {
		Languages map[string]struct {
			Wasm      *string `json:"wasm"`
			PageCount int     `json:"page_count"`
		} `json:"languages"`
	}
	if err := json.Unmarshal(data, &entry); err != nil {
		return "", fmt.Errorf("pagefind-entry.json: %w", err)
	}
	var parts []string
	for _, lang := range slices.Sorted(maps.Keys(entry.Languages)) {
		l := entry.Languages[lang]
		module := "no language module (`wasm: null`: the generic `wasm.unknown.pagefind`)"
		if l.Wasm != nil {
			module = "language module `" + *l.Wasm + "`"
		}
		parts = append(parts, fmt.Sprintf("`%s`, %d pages, %s", lang, l.PageCount, module))
	}
	return "Pagefind's entry file lists: " + strings.Join(parts, "; ") + ".", nil
}

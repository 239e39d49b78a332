package main

import (
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

// pagefindVersion is the Pagefind release compared against (issue 6 asks for 1.6; 1.6.0 is on
// the npm registry). `make bench` installs it with npm into pagefindDir; keep the two in step
// (PAGEFIND_VERSION in the Makefile).
const pagefindVersion = "1.6.0"

// pagefindDir is where `make bench` installs the npm package (git-ignored).
const pagefindDir = ".cache/pagefind"

// pagefindBinary returns the path of Pagefind's own executable, which the npm package ships per
// platform (its node_modules/.bin/pagefind is a Node.js script that starts it): timing the
// executable leaves Node.js's start-up out, as a user running the binary would.
func pagefindBinary() (string, error) {
	var pkg struct{ Version string }
	data, err := os.ReadFile(filepath.Join(pagefindDir, "node_modules", "pagefind", "package.json"))
	if err == nil {
		err = json.Unmarshal(data, &pkg)
	}
	if err != nil || pkg.Version != pagefindVersion {
		return "", fmt.Errorf("pagefind %s is not installed in %s (`make bench` installs it: npm install --prefix %s pagefind@%s)",
			pagefindVersion, pagefindDir, pagefindDir, pagefindVersion)
	}
	// The wrapper prefers the extended build (which segments Chinese and Japanese), as here.
	for _, name := range []string{"pagefind_extended", "pagefind"} {
		found, _ := filepath.Glob(filepath.Join(pagefindDir, "node_modules", "@pagefind", "*", "bin", name))
		if len(found) == 1 {
			return filepath.Abs(found[0])
		}
	}
	return "", fmt.Errorf("%s: no pagefind executable for this platform under node_modules/@pagefind", pagefindDir)
}

// pagefind runs Pagefind's executable on dir (pagefind --site dir) and returns how long it took.
func pagefind(dir string) (time.Duration, error) {
	bin, err := pagefindBinary()
	if err != nil {
		return 0, err
	}
	r, err := timeCommand([]string{bin, "--site", dir})
	return r.wall, err
}

// pagefindVersionLine returns what the executable says its version is.
func pagefindVersionLine() (string, error) {
	bin, err := pagefindBinary()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s --version: %w\n%s", bin, err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// copyDir copies the regular files of src into dst (which must not exist).
func copyDir(src, dst string) error { return copyDirSkip(src, dst, nil) }

// copyDirSkip is copyDir without the files and folders for which skip (given the path relative
// to src) reports true.
func copyDirSkip(src, dst string, skip func(rel string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if skip != nil && rel != "." && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, target)
	})
}

// copyFile copies the file src to dst, creating dst's folder.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
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

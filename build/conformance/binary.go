package conformance

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// distSite is where `make dist` puts the site for go:embed, inside the repository.
const distSite = "build/dist/site/public"

// BuildBinary builds the offline executable as `make dist` does (go build ./build/dist) into
// out, with the built site in siteDir embedded. go:embed reads only the package's own folder, so
// the files are mapped there with -overlay: the repository is not written to, and files a `make
// dist` left there are hidden from this build. Unlike `make dist` it does not pass -trimpath,
// which changes only the file paths recorded in the binary and would compile the standard
// library again for it.
func BuildBinary(root, siteDir, out string) error {
	replace := map[string]string{}
	onDisk := filepath.Join(root, filepath.FromSlash(distSite))
	// A leftover of `make dist` that the site does not have must not be embedded.
	filepath.WalkDir(onDisk, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			replace[p] = ""
		}
		return nil
	})
	err := filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(siteDir, p)
		if err != nil {
			return err
		}
		replace[filepath.Join(onDisk, rel)] = p
		return nil
	})
	if err != nil {
		return err
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return err
	}
	overlayFile := out + ".overlay.json"
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-overlay", overlayFile, "-o", out, "./build/dist")
	cmd.Dir = root
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./build/dist: %w\n%s", err, output)
	}
	return nil
}

// StartBinary runs the executable at bin (from BuildBinary) on a free loopback port, with dir
// as its working folder.
func StartBinary(bin, dir string) (*Server, error) {
	var lastErr error
	for range 3 { // another process may take the free port first
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(bin, "--addr", "127.0.0.1:"+strconv.Itoa(port))
		cmd.Dir = dir
		s, err := start(filepath.Base(bin), cmd, port, "")
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, lastErr
}

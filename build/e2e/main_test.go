package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/browsertest"
	"scaleup/build/generator"
	"scaleup/build/pipeline"
)

// builtDir is the folder the site was built into, once for the whole package.
var builtDir string

func TestMain(m *testing.M) {
	root, err := filepath.Abs("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Each test process builds into a folder of its own: two runs at once (a developer and an
	// editor's test runner, say) must not swap the site under each other's server.
	out := fmt.Sprintf(".cache/e2e/%d", os.Getpid())
	removeStale(filepath.Join(root, ".cache/e2e"))
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	_, err = generator.Build(pipeline.Options{Fs: fsys, Out: out, Strict: true})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: the site does not build:\n%v\n", err)
		os.Exit(1)
	}
	builtDir = filepath.Join(root, out)
	browsertest.Main(m)
}

// removeStale deletes build folders of earlier test runs, by age: a process id cannot tell
// whether a run is over (test runners in other PID namespaces share this folder).
func removeStale(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 3*time.Hour {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// serveSite serves the built site for one test and returns its base URL (http://127.0.0.1:PORT).
func serveSite(t *testing.T) string {
	t.Helper()
	return browsertest.ServeDir(t, builtDir)
}

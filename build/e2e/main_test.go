package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/browsertest"
	"scaleup/build/site"
	"scaleup/build/wasm"
)

// builtDir is the folder the site was built into, once for the whole package.
var builtDir string

// stages are the optional build stages the real site uses.
var stages = []site.Stage{site.SearchStage, wasm.Stage}

func TestMain(m *testing.M) {
	root, err := filepath.Abs("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := ".cache/e2e/public"
	_, err = site.Build(site.Options{
		Fs:     afero.NewBasePathFs(afero.NewOsFs(), root),
		Out:    out,
		Strict: true,
		Stages: stages,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: the site does not build:\n%v\n", err)
		os.Exit(1)
	}
	builtDir = filepath.Join(root, out)
	browsertest.Main(m)
}

// serveSite serves the built site for one test and returns its base URL (http://127.0.0.1:PORT).
func serveSite(t *testing.T) string {
	t.Helper()
	return browsertest.ServeDir(t, builtDir)
}

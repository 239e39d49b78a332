package offline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/diag"
	"scaleup/build/pipeline"
)

// projectFs is the repository, read-only, for the worker's real source.
func projectFs() afero.Fs {
	return afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../.."))
}

func TestStageAddsWorker(t *testing.T) {
	files := testSite()
	ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: projectFs()}, nil, &diag.List{}), files)
	if err := Stage.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ctx.Diags.Err(); err != nil {
		t.Fatal(err)
	}
	worker, ok := files[WorkerPath]
	if !ok {
		t.Fatalf("no %s in the site", WorkerPath)
	}
	m := NewManifest(testSite())
	for _, want := range append([]string{`"` + m.Version + `"`}, m.URLs...) {
		if !bytes.Contains(worker, []byte(want)) {
			t.Errorf("%s lacks %s", WorkerPath, want)
		}
	}
	for _, unwanted := range []string{"index.html.br", "_headers", "robots.txt", "SW_FILES", "SW_VERSION"} {
		if bytes.Contains(worker, []byte(unwanted)) {
			t.Errorf("%s contains %q", WorkerPath, unwanted)
		}
	}
	// The manifest is in the code once: a define used twice would repeat the whole list.
	if n := bytes.Count(worker, []byte(`"/assets/main.0123456789.css"`)); n != 1 {
		t.Errorf("the list appears %d times in the worker, want 1", n)
	}
}

// Two builds of the same site give the same worker, byte for byte.
func TestStageDeterministic(t *testing.T) {
	var out [2][]byte
	for i := range out {
		ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: projectFs()}, nil, &diag.List{}), testSite())
		if err := Stage.Run(ctx); err != nil {
			t.Fatal(err)
		}
		out[i] = ctx.Files[WorkerPath]
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two builds of the same site gave different workers")
	}
}

// Budget: the worker is downloaded and parsed on every update check that finds a new build.
func TestWorkerSize(t *testing.T) {
	ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: projectFs()}, nil, &diag.List{}), testSite())
	if err := Stage.Run(ctx); err != nil {
		t.Fatal(err)
	}
	code := len(ctx.Files[WorkerPath])
	t.Logf("worker without its list: about %d bytes", code)
	if code > 4<<10 {
		t.Errorf("the worker's code is %d bytes; budget 4 KiB", code)
	}
}

func TestStageErrors(t *testing.T) {
	t.Run("broken source", func(t *testing.T) {
		fsys := afero.NewMemMapFs()
		afero.WriteFile(fsys, Source, []byte("const a = 1;\nconst b = ;\n"), 0o644)
		ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: fsys}, nil, &diag.List{}), testSite())
		if err := Stage.Run(ctx); err != nil {
			t.Fatal(err)
		}
		err := ctx.Diags.Err()
		if err == nil || !strings.Contains(err.Error(), Source+":2:11: ") {
			t.Errorf("error = %v, want one at %s:2:11", err, Source)
		}
		if _, ok := ctx.Files[WorkerPath]; ok {
			t.Errorf("a broken worker was added to the site")
		}
	})
	t.Run("missing source", func(t *testing.T) {
		ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: afero.NewMemMapFs()}, nil, &diag.List{}), testSite())
		err := Stage.Run(ctx)
		if err == nil || !strings.Contains(err.Error(), "sw.ts") {
			t.Errorf("error = %v, want one naming the source", err)
		}
	})
	t.Run("URL taken", func(t *testing.T) {
		files := testSite()
		files[WorkerPath] = []byte("// someone else's")
		ctx := withFiles(pipeline.NewContext(pipeline.Options{Fs: projectFs()}, nil, &diag.List{}), files)
		err := Stage.Run(ctx)
		if err == nil || !strings.Contains(err.Error(), "/sw.js") {
			t.Errorf("error = %v, want one naming /sw.js", err)
		}
	})
}

// withFiles gives ctx the files of a site to list.
func withFiles(ctx *pipeline.Context, files pipeline.Files) *pipeline.Context {
	ctx.Files = files
	return ctx
}

package e2e

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/spf13/afero"

	"scaleup/build/assets"
	"scaleup/build/browsertest"
	"scaleup/build/generator"
	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/search"
	"scaleup/build/serve"
	"scaleup/build/site"
	"scaleup/build/wasm"
)

// TestDevServerReloads runs the dev server (what `make serve` starts) on a copy of the real
// content: an open page reloads by itself after a Markdown file is edited; broken front matter
// shows file:line in the browser and in the terminal; fixing it brings the page back.
func TestDevServerReloads(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"content", "templates"} {
		copyTree(t, filepath.Join("../..", dir), filepath.Join(root, dir))
	}
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	stages := append([]pipeline.Stage{assets.Stage, search.Stage, wasm.Stub}, site.Stages()...)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	term := &syncBuffer{}
	dev := &serve.Dev{
		OutDir:   filepath.Join(root, "public"),
		Watch:    []string{filepath.Join(root, "content"), filepath.Join(root, "templates")},
		Listener: ln,
		Log:      term,
		Build: func() error {
			_, err := generator.Build(pipeline.Options{Fs: fsys, Out: "public", Stages: stages,
				Compression: output.Compression{Skip: true}}) // as `go run ./build serve` does
			return err
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- dev.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	base := "http://" + ln.Addr().String()
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/policy/08-social-insurance/")
	// text reads the page without failing the test: the page may be reloading right then, and
	// an evaluation that meets a reload is abandoned after a moment and tried again.
	text := func(js string) string {
		c, cancel := context.WithTimeout(tab.Context(), 2*time.Second)
		defer cancel()
		s, _ := chromedp.Run(c, chromedp.Evaluate[string](js))
		return s
	}
	h1 := func() string { return text(`(document.querySelector("h1") || {}).textContent || ""`) }
	// waitFor waits for a state of the page or the terminal, however long the rebuild takes on a
	// loaded machine, and returns how long that was, for the log.
	waitFor := func(what string, ok func() bool) time.Duration {
		t.Helper()
		start := time.Now()
		browsertest.WaitUntil(t, what, ok, func() string {
			return "\npage's h1: " + h1() + "\ndev server log:\n" + term.String()
		})
		return time.Since(start)
	}
	waitFor("the page", func() bool { return strings.Contains(h1(), "社保补贴") })

	// Edit the page's title: the open tab reloads and shows it.
	file := filepath.Join(root, "content/policy/08-social-insurance.zh.md")
	orig, _ := os.ReadFile(file)
	edited := bytes.Replace(orig, []byte("title: （八）实行社保补贴"), []byte("title: （八）实行社保补贴（已编辑）"), 1)
	if bytes.Equal(edited, orig) {
		t.Fatal("the test's edit did not apply: has the title of clause (八) changed?")
	}
	os.WriteFile(file, edited, 0o644)
	took := waitFor("the reload after an edit", func() bool { return strings.Contains(h1(), "已编辑") })
	t.Logf("edit → page reloaded in %s (includes a full rebuild of the site); dev server log:\n%s", took.Round(time.Millisecond), term.String())

	// Break the front matter: the browser shows the file and line, so does the terminal.
	os.WriteFile(file, bytes.Replace(orig, []byte("title: "), []byte("title: [unclosed "), 1), 0o644)
	want := "content/policy/08-social-insurance.zh.md:"
	waitFor("the error page", func() bool {
		return strings.Contains(text(`document.body ? document.body.textContent : ""`), want)
	})
	waitFor("the error in the terminal", func() bool { return strings.Contains(term.String(), want) })

	// Fix it: the page comes back by itself.
	os.WriteFile(file, orig, 0o644)
	waitFor("the page after the fix", func() bool { return strings.Contains(h1(), "社保补贴") && !strings.Contains(h1(), "已编辑") })
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

package conformance

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"scaleup/build/deploy"
	"scaleup/build/serve"
)

// The site is built once, into a temporary folder, for every server; beside it lies the secret
// no server may give away.
var (
	root    string // the repository
	tmp     string // holds public/ and the secret
	built   *Site
	secret  string
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	var err error
	if root, err = filepath.Abs("../.."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if tmp, err = os.MkdirTemp("", "conformance-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	// nginx started as root serves from workers running as nobody.
	if err := os.Chmod(tmp, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	public := filepath.Join(tmp, "public")
	if err := BuildSite(root, public); err != nil {
		fmt.Fprintf(os.Stderr, "conformance: the site does not build:\n%v\n", err)
		return 1
	}
	if secret, err = PlantSecret(public); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if built, err = LoadSite(public); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

func target(s *Server) *Target {
	return &Target{URL: s.URL, Site: built, Secret: secret}
}

// startNginx serves the built site with nginx and snippet as the generated directives, until
// the test ends. Without nginx the test skips, unless CI is set: then it fails.
func startNginx(t *testing.T, snippet string) *Server {
	t.Helper()
	if _, err := FindNginx(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (CI is set: .ci/run installs it)", err)
		}
		t.Skip(err)
	}
	s, err := StartNginx(NginxOptions{Dir: t.TempDir(), Root: built.Dir, Snippet: snippet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// startBinary builds dist/scaleup-site with the built site (once per test run) and runs it
// beside the site's folder until the test ends.
func startBinary(t *testing.T) *Server {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(tmp, "scaleup-site")
		binErr = BuildBinary(root, built.Dir, binPath)
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	s, err := StartBinary(binPath, tmp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

func TestNginx(t *testing.T) {
	s := startNginx(t, deploy.NginxConf())
	Test(t, target(s), nil)
	if err := s.Running(); err != nil {
		t.Error(err)
	}
}

func TestBinary(t *testing.T) {
	s := startBinary(t)
	Test(t, target(s), nil)
	if err := s.Running(); err != nil {
		t.Error(err)
	}
}

// devNotApplicable are the checks the dev server (`make serve`) does not pass by design: it has
// no production mode, it serves for editing.
var devNotApplicable = map[string]string{
	"files":         "it adds its live-reload script to every HTML page, so pages differ from the built files (its other files come from the same handler as the binary's)",
	"precompressed": "its HTML pages are rewritten (the reload script), so their .br/.gz siblings cannot be sent; `make serve` writes no siblings at all",
	"revalidation":  "it ignores If-None-Match and If-Modified-Since on purpose, so that a rebuild within the same second is never answered 304 (unconditional in build/serve/dev.go)",
}

func TestDevServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// Build does nothing: the site is built already, and the dev server serves OutDir.
	dev := &serve.Dev{OutDir: built.Dir, Build: func() error { return nil }, Listener: ln, Log: io.Discard}
	done := make(chan error, 1)
	go func() { done <- dev.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	Test(t, &Target{URL: "http://" + ln.Addr().String(), Site: built, Secret: secret}, devNotApplicable)
}

// TestNginxWithoutAHeader shows that the suite fails a deployment whose configuration lacks
// a security header: the generated directives without their Permissions-Policy lines.
func TestNginxWithoutAHeader(t *testing.T) {
	var kept []string
	removed := 0
	for line := range strings.Lines(deploy.NginxConf()) {
		if strings.Contains(line, "Permissions-Policy") {
			removed++
			continue
		}
		kept = append(kept, line)
	}
	if removed == 0 {
		t.Fatal("the nginx directives have no Permissions-Policy line to remove")
	}
	s := startNginx(t, strings.Join(kept, ""))
	headers, _ := CheckNamed("headers")
	failures := headers.Failures(target(s))
	if len(failures) == 0 {
		t.Fatal("the headers check passes an nginx that sends no Permissions-Policy")
	}
	for _, f := range failures {
		if !strings.Contains(f, "no Permissions-Policy header") && !strings.HasPrefix(f, "… and ") {
			t.Errorf("unexpected failure: %s", f)
		}
	}
	t.Logf("the headers check reports, as it should:\n%s", strings.Join(failures[:min(3, len(failures))], "\n"))
}

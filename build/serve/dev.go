package serve

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Dev is the development server behind `go run ./build serve`. It builds the
// site once, serves OutDir with Handler, polls the Watch folders, rebuilds
// after a change and makes open tabs reload through Server-Sent Events.
//
// When a build fails, every page request gets an error page listing the
// diagnostics, with status 500 so that no tool mistakes it for the site;
// other files (CSS, scripts, images) are still served from the last good
// build. The tab reloads by itself when a later build passes.
//
// Build must replace OutDir atomically (build into a temporary folder, then
// rename): Dev opens OutDir anew after each passed build and serves a request
// entirely from the build it started on.
type Dev struct {
	Addr   string       // default "127.0.0.1:1313": loopback only unless the user asks
	OutDir string       // the folder the build writes (public/)
	Watch  []string     // folders to watch: content/, templates/, calculator/
	Build  func() error // one full build into OutDir; its error lists diagnostics, one per line, as file:line:col: message
	Log    io.Writer    // progress and diagnostics; default os.Stderr

	// Listener, when set, is served instead of listening on Addr. Tests pass
	// one on 127.0.0.1:0.
	Listener net.Listener
	// Poll is how often the Watch folders are scanned; default 200 ms.
	Poll time.Duration

	mu      sync.Mutex
	site    *builtSite // the last good build; nil until one passes
	diags   []string   // diagnostics of the last build; nil when it passed
	buildID string     // changes with every build, passed or failed
	builds  int
	startID string // tells this process's builds from a restarted server's
	clients map[chan string]struct{}
}

// builtSite is one passed build, open as an os.Root. inUse counts the
// requests being served from it, so the root is closed only after the last
// one ends.
type builtSite struct {
	root  *os.Root
	inUse sync.WaitGroup
}

const (
	defaultAddr = "127.0.0.1:1313"
	defaultPoll = 200 * time.Millisecond
	// debounce is how long the files must stay unchanged before a build:
	// editors and git write in bursts of a few milliseconds.
	debounce = 50 * time.Millisecond
	// quietRounds bounds the debounce: a folder that keeps changing (a log
	// file, a long git checkout) still gets a build after this many rounds.
	quietRounds = 20
)

// Run serves until ctx ends, then shuts the server down and returns nil. It
// returns an error when the address cannot be listened on; build failures
// are reported, not returned.
func (d *Dev) Run(ctx context.Context) error {
	if d.Build == nil {
		return errors.New("serve: Dev.Build is nil")
	}
	if d.OutDir == "" {
		return errors.New("serve: Dev.OutDir is empty")
	}
	if d.Addr == "" {
		d.Addr = defaultAddr
	}
	if d.Log == nil {
		d.Log = os.Stderr
	}
	if d.Poll <= 0 {
		d.Poll = defaultPoll
	}
	d.startID = strconv.FormatInt(time.Now().UnixNano(), 36)

	ln := d.Listener
	if ln == nil {
		var err error
		ln, err = net.Listen("tcp", d.Addr)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}

	// Snapshot before the first build, so an edit made during it is seen.
	watched := scan(d.Watch)
	d.rebuild()

	srv := &http.Server{
		Handler: d,
		// Request contexts end with ctx, which ends the event streams;
		// Shutdown alone would wait for them for ever.
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(d.Log, "serving %s at %s (Ctrl+C to stop)\n", d.OutDir, siteURL(ln.Addr()))

	go d.watch(ctx, watched)

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shutdownCtx)
	d.mu.Lock()
	if d.site != nil {
		d.site.root.Close()
		d.site = nil
	}
	d.mu.Unlock()
	return nil
}

// siteURL is the address to print: a browser cannot open 0.0.0.0 or [::].
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// watch polls the Watch folders and rebuilds after each change, once the
// files have stopped changing for the debounce time. Builds run one at a
// time, here. From a save to the reload takes at most Poll + debounce + the
// build.
func (d *Dev) watch(ctx context.Context, last snapshot) {
	ticker := time.NewTicker(d.Poll)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		cur := scan(d.Watch)
		diff := changed(last, cur)
		if len(diff) == 0 {
			continue
		}
		for range quietRounds {
			select {
			case <-ctx.Done():
				return
			case <-time.After(debounce):
			}
			next := scan(d.Watch)
			more := changed(cur, next)
			cur = next
			if len(more) == 0 {
				break
			}
			diff = changed(last, cur)
		}
		last = cur
		if len(diff) > 0 {
			d.logChange(diff)
			d.rebuild()
		}
	}
}

func (d *Dev) logChange(paths []string) {
	if len(paths) == 1 {
		fmt.Fprintf(d.Log, "changed: %s\n", paths[0])
		return
	}
	fmt.Fprintf(d.Log, "changed: %s and %d more\n", paths[0], len(paths)-1)
}

// rebuild runs Build, swaps in the new output or records the diagnostics,
// reports to the terminal and tells open tabs.
func (d *Dev) rebuild() {
	start := time.Now()
	err := d.runBuild()
	var site *builtSite
	if err == nil {
		// A new os.Root: the build replaced OutDir, and the old root still
		// points at the folder that was renamed away.
		root, openErr := os.OpenRoot(d.OutDir)
		if openErr != nil {
			err = fmt.Errorf("%s: the build passed but its output cannot be opened: %w", d.OutDir, openErr)
		} else {
			site = &builtSite{root: root}
		}
	}
	diags := diagnostics(err)

	d.mu.Lock()
	old := d.site
	if site != nil {
		d.site = site
	} else {
		old = nil
	}
	d.diags = diags
	d.builds++
	d.buildID = d.startID + "-" + strconv.Itoa(d.builds)
	d.broadcastLocked(d.buildID)
	d.mu.Unlock()

	if old != nil {
		go func() {
			old.inUse.Wait()
			old.root.Close()
		}()
	}

	if diags != nil {
		fmt.Fprintf(d.Log, "build failed (%d %s); pages show the errors until it passes:\n", len(diags), plural(len(diags), "problem", "problems"))
		for _, line := range diags {
			fmt.Fprintf(d.Log, "  %s\n", line)
		}
		return
	}
	fmt.Fprintf(d.Log, "built in %s\n", time.Since(start).Round(time.Millisecond))
}

// runBuild calls Build, turning a panic into an error so that one bad build
// does not stop the server.
func (d *Dev) runBuild() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("build panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return d.Build()
}

// diagnostics splits a build error into its lines, without blank ones; nil
// for no error.
func diagnostics(err error) []string {
	if err == nil {
		return nil
	}
	var lines []string
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if line = strings.TrimRight(line, " \t\r"); strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	if lines == nil {
		lines = []string{"build failed with an empty error message"}
	}
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var (
	//go:embed devassets/reload.js
	reloadJS []byte
	//go:embed devassets/dev.css
	devCSS []byte
	//go:embed devassets/error.html
	errorHTML string

	errorPage = template.Must(template.New("error").Parse(errorHTML))
)

// ServeHTTP serves the dev server's own files under /_dev/ and the site.
func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	switch r.URL.Path {
	case "/_dev/events":
		d.serveEvents(w, r)
	case "/_dev/reload.js":
		serveMemory(w, r, "reload.js", reloadJS)
	case "/_dev/dev.css":
		serveMemory(w, r, "dev.css", devCSS)
	default:
		d.serveSite(w, r)
	}
}

func serveMemory(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	w.Header().Set("Content-Type", ContentType(name))
	w.Header().Set("Cache-Control", "no-store")
	writeBytes(w, r, http.StatusOK, data, time.Time{})
}

func (d *Dev) serveSite(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	site, diags, id := d.site, d.diags, d.buildID
	if site != nil {
		site.inUse.Add(1)
		defer site.inUse.Done()
	}
	d.mu.Unlock()

	if diags != nil && wantsPage(r) {
		d.serveErrorPage(w, r, diags, id)
		return
	}
	if site == nil {
		http.Error(w, "503 no build has passed yet", http.StatusServiceUnavailable)
		return
	}
	opts := Options{RewriteHTML: func(page []byte) []byte { return injectReload(page, id) }}
	Handler(site.root.FS(), opts).ServeHTTP(w, unconditional(r))
}

// unconditional returns r without its cache validators, so every answer is
// in full. Last-Modified counts whole seconds: a rebuild within the second
// would pass for unmodified, the browser would show its old copy, and that
// copy's stale build id would make reload.js reload again and again.
func unconditional(r *http.Request) *http.Request {
	r = r.Clone(r.Context())
	for _, h := range []string{"If-Modified-Since", "If-Unmodified-Since", "If-None-Match", "If-Match", "If-Range"} {
		r.Header.Del(h)
	}
	return r
}

// wantsPage reports whether r asks for a page (not a file a page uses): a
// folder, an .html file, a path without extension, or a request that
// accepts text/html first (a browser navigation).
func wantsPage(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	ext := path.Ext(r.URL.Path)
	return strings.HasSuffix(r.URL.Path, "/") || ext == "" || strings.EqualFold(ext, ".html") ||
		strings.HasPrefix(r.Header.Get("Accept"), "text/html")
}

func (d *Dev) serveErrorPage(w http.ResponseWriter, r *http.Request, diags []string, id string) {
	var b strings.Builder
	if err := errorPage.Execute(&b, struct{ Diagnostics []string }{diags}); err != nil {
		http.Error(w, "build failed:\n"+strings.Join(diags, "\n"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	writeBytes(w, r, http.StatusInternalServerError, injectReload([]byte(b.String()), id), time.Time{})
}

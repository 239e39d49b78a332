package serve

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"time"
)

// ReloadTag is the script tag the dev server adds to every HTML response. The
// script is a file, not inline code, because the CSP allows no inline script.
const ReloadTag = `<script src="/_dev/reload.js" defer></script>`

// injectReload adds a <meta name="dev-build"> tag naming build and ReloadTag
// to an HTML page, just before </head>; before <body when a minifier dropped
// the optional </head>; at the end otherwise.
func injectReload(page []byte, build string) []byte {
	tags := `<meta name="dev-build" content="` + html.EscapeString(build) + `">` + ReloadTag
	i := indexFold(page, "</head>")
	if i < 0 {
		i = indexFold(page, "<body")
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tags))
	out = append(out, page[:i]...)
	out = append(out, tags...)
	return append(out, page[i:]...)
}

// indexFold is bytes.Index ignoring ASCII case. (bytes.ToLower would change
// the length of some non-ASCII text and shift the index.)
func indexFold(s []byte, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(sub)], []byte(sub)) {
			return i
		}
	}
	return -1
}

// keepAlive is how often an idle event stream gets a comment line, so that
// a dropped connection is noticed and the browser reconnects.
const keepAlive = 15 * time.Second

// serveEvents is the Server-Sent Events stream at /_dev/events. It sends the
// current build id at once, then each new id; reload.js compares them.
func (d *Dev) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")

	ch := make(chan string, 1)
	current := d.subscribe(ch)
	defer d.unsubscribe(ch)

	// retry: reconnect quickly after a restart of the dev server.
	fmt.Fprintf(w, "retry: 300\nevent: build\ndata: %s\n\n", current)
	flusher.Flush()
	ticker := time.NewTicker(keepAlive)
	defer ticker.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case id := <-ch:
			fmt.Fprintf(w, "event: build\ndata: %s\n\n", id)
		case <-ticker.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

// subscribe registers ch for build ids and returns the current one.
func (d *Dev) subscribe(ch chan string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.clients == nil {
		d.clients = make(map[chan string]struct{})
	}
	d.clients[ch] = struct{}{}
	return d.buildID
}

func (d *Dev) unsubscribe(ch chan string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.clients, ch)
}

// broadcastLocked sends id to every subscriber without blocking: a client
// that has not read the previous id gets only the newest. d.mu must be held.
func (d *Dev) broadcastLocked(id string) {
	for ch := range d.clients {
		select {
		case <-ch:
		default:
		}
		ch <- id
	}
}

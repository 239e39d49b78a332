package main

import (
	"io/fs"
	"net"
	"net/http"
	"sort"
	"strconv"
	"time"

	"scaleup/build/serve"
)

// Limits on clients, for a room full of phones on one Wi-Fi: a slow or vanished client must not
// hold the server, and a phone on a poor connection must not be cut off while it downloads the
// calculator's module (2.4 MB, or 530 KB with brotli). Variables only so that tests can
// shorten them.
var (
	// headerTimeout bounds the reading of a request's line and headers, which a phone sends in
	// one packet; a client that trickles them (slowloris) is dropped.
	headerTimeout = 10 * time.Second
	// bodyTimeout bounds the reading of a request body: the site takes none (GET and HEAD
	// only), but net/http reads up to 256 KB of an unread one, to reuse the connection, before
	// the answer goes out: a trickled body would hold both.
	bodyTimeout = 10 * time.Second
	// stallTimeout is how long one write of at most 32 KB may wait for the client to take it:
	// a download is cut only when it stalls (below about 0.5 KB/s for a minute), never for
	// taking long. nginx's send_timeout is the same 60 s between two writes. A fixed
	// WriteTimeout would instead cut every download that takes longer than it, however well it
	// progresses.
	stallTimeout = time.Minute
	// idleTimeout is how long a kept-alive connection may wait for its next request: a reader
	// opens the next page within a couple of minutes and saves a new connection.
	idleTimeout = 2 * time.Minute
	// maxHeaderBytes is enough for any browser's request (nginx refuses more than 4 × 8 KB).
	maxHeaderBytes = 32 << 10
)

// newServer serves site with the same handler as the dev server and the browser tests:
// security headers, content types from our own table, precompressed .br/.gz files, 404 pages.
//
// Its files are dated when it starts (go:embed records no time): they can only change with a new
// process, so browsers revalidating a page get 304 Not Modified, and after a restart fetch each
// page once more rather than keep one of another build.
func newServer(site fs.FS) *http.Server {
	site = stamped(site, time.Now().Truncate(time.Second))
	return &http.Server{
		Handler:           withDeadlines(serve.Handler(site, serve.Options{})),
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// withDeadlines sets the connection's write deadline stallTimeout ahead before each write of
// the answer (and the read deadline for a request body). http.Server has no such limit: its
// WriteTimeout counts from the request, for the whole answer.
func withDeadlines(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		rc.SetWriteDeadline(time.Now().Add(stallTimeout)) // for the headers, flushed after h returns when there is no body
		if r.ContentLength != 0 {                         // a body, of known length or chunked (-1)
			rc.SetReadDeadline(time.Now().Add(bodyTimeout))
		}
		h.ServeHTTP(&stallWriter{w, rc}, r)
	})
}

// stallWriter moves the write deadline before each write. It hides the ResponseWriter's
// ReadFrom, so that copies go through Write in pieces of at most 32 KB (io.Copy's buffer).
type stallWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
}

func (w *stallWriter) Write(p []byte) (int, error) {
	w.rc.SetWriteDeadline(time.Now().Add(stallTimeout))
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *stallWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// openURLs lists the addresses to open in a browser for a server listening on addr. Bound to
// every interface (0.0.0.0 or ::), that is this machine (127.0.0.1) and each of its network
// addresses (ifaces, from net.InterfaceAddrs): the ones to give the people in the room. Link-local
// IPv6 addresses are left out (they need a zone that browsers do not accept in a URL).
func openURLs(addr *net.TCPAddr, ifaces []net.Addr) []string {
	port := strconv.Itoa(addr.Port)
	url := func(ip net.IP) string { return "http://" + net.JoinHostPort(ip.String(), port) + "/" }
	if !addr.IP.IsUnspecified() {
		return []string{url(addr.IP)}
	}
	wantV6 := addr.IP.To4() == nil // bound to "::" (which on most systems takes IPv4 too)
	out := []string{url(net.IPv4(127, 0, 0, 1))}
	var lan []string
	for _, a := range ifaces {
		ipnet, ok := a.(*net.IPNet)
		if !ok || ipnet.IP.IsLoopback() || ipnet.IP.IsLinkLocalUnicast() || ipnet.IP.IsUnspecified() {
			continue
		}
		if ipnet.IP.To4() == nil && !wantV6 {
			continue
		}
		lan = append(lan, url(ipnet.IP))
	}
	sort.Strings(lan)
	return append(out, lan...)
}

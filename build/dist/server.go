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

// newServer serves site with the same handler as the dev server and the browser tests:
// security headers, content types from our own table, precompressed .br/.gz files, 404 pages.
func newServer(site fs.FS) *http.Server {
	return &http.Server{
		Handler: serve.Handler(site, serve.Options{}),
		// A room full of phones on shared Wi-Fi: slow clients must not hold connections open.
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}

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

package main

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"reflect"
	"scaleup/build/deploy"
	"strings"
	"testing"
	"testing/fstest"
)

// testSite is a small built site, laid out as `make dist` leaves this package's folder.
var testSite = fstest.MapFS{
	"site/README.md":                                {Data: []byte("placeholder")},
	"site/public/index.html":                        {Data: []byte("<!DOCTYPE html><title>首页</title>")},
	"site/public/404.html":                          {Data: []byte("<!DOCTYPE html><title>未找到</title>")},
	"site/public/en/404.html":                       {Data: []byte("<!DOCTYPE html><title>Not found</title>")},
	"site/public/assets/calculator.0123456789.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00")},
}

// startServer serves the test site on a free loopback port, as main does, until the test ends.
func startServer(t *testing.T) string {
	t.Helper()
	site, err := siteIn(testSite)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(site)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func TestServer(t *testing.T) {
	base := startServer(t)
	tests := []struct {
		path, contentType, body string
		status                  int
	}{
		{"/", "text/html; charset=utf-8", "首页", http.StatusOK},
		{"/assets/calculator.0123456789.wasm", "application/wasm", "\x00asm", http.StatusOK},
		{"/en/no-such-page/", "text/html; charset=utf-8", "Not found", http.StatusNotFound},
		{"/README.md", "text/html; charset=utf-8", "未找到", http.StatusNotFound}, // the placeholder is not part of the site
	}
	for _, tt := range tests {
		resp, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if got := resp.Header.Get("Content-Type"); got != tt.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.contentType)
		}
		if !strings.Contains(string(body), tt.body) {
			t.Errorf("%s: body %q lacks %q", tt.path, body, tt.body)
		}
		for _, h := range deploy.SecurityHeaders {
			if got := resp.Header.Get(h.Name); got != h.Value {
				t.Errorf("%s: %s = %q, want %q", tt.path, h.Name, got, h.Value)
			}
		}
	}
}

// A clean checkout embeds only the placeholder: the binary must say how to build it properly.
// After `make dist`, the embedded site must have its home page.
func TestEmbeddedSite(t *testing.T) {
	site, err := embeddedSite()
	if _, statErr := fs.Stat(embedded, siteDir+"/index.html"); statErr != nil {
		if !errors.Is(err, errNoSite) || !strings.Contains(err.Error(), "make dist") {
			t.Errorf("without the site: error %v, want one that says to run make dist", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(site, "assets"); err != nil {
		t.Errorf("embedded site has no assets/: %v", err)
	}
}

func TestOpenURLs(t *testing.T) {
	ifaces := []net.Addr{
		&net.IPNet{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(8, 32)},
		&net.IPNet{IP: net.IPv4(192, 168, 1, 23), Mask: net.CIDRMask(24, 32)},
		&net.IPNet{IP: net.IPv4(10, 0, 0, 5), Mask: net.CIDRMask(8, 32)},
		&net.IPNet{IP: net.ParseIP("fe80::1"), Mask: net.CIDRMask(64, 128)},
		&net.IPNet{IP: net.ParseIP("2001:db8::7"), Mask: net.CIDRMask(64, 128)},
	}
	tests := []struct {
		addr *net.TCPAddr
		want []string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, []string{"http://127.0.0.1:8080/"}},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, []string{
			"http://127.0.0.1:8080/", "http://10.0.0.5:8080/", "http://192.168.1.23:8080/"}},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 80}, []string{
			"http://127.0.0.1:80/", "http://10.0.0.5:80/", "http://192.168.1.23:80/", "http://[2001:db8::7]:80/"}},
		{&net.TCPAddr{IP: net.ParseIP("192.168.1.23"), Port: 9000}, []string{"http://192.168.1.23:9000/"}},
	}
	for _, tt := range tests {
		if got := openURLs(tt.addr, ifaces); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("openURLs(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

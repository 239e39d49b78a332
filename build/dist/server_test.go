package main

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"scaleup/build/deploy"
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

// A page asked for again with its Last-Modified date is answered 304: the embedded files are
// dated when the server starts.
func TestServerRevalidates(t *testing.T) {
	base := startServer(t)
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	lm := resp.Header.Get("Last-Modified")
	if lm == "" {
		t.Fatal("no Last-Modified")
	}
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Header.Set("If-Modified-Since", lm)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since %s: status %d, want 304", lm, resp.StatusCode)
	}
}

// shortTimeouts sets the server's limits to stall and body for one test.
func shortTimeouts(t *testing.T, stall, body time.Duration) {
	oldStall, oldBody := stallTimeout, bodyTimeout
	stallTimeout, bodyTimeout = stall, body
	t.Cleanup(func() { stallTimeout, bodyTimeout = oldStall, oldBody })
}

// bigSite serves one file of size bytes, /big.bin, larger than the sockets' buffers hold.
func bigSite(t *testing.T, size int) string {
	t.Helper()
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 7)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(fstest.MapFS{"index.html": {Data: []byte("home")}, "big.bin": {Data: data}})
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// dialSmall connects with a small receive buffer, so that a client that does not read stops the
// server's writes soon.
func dialSmall(t *testing.T, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 16<<10) })
	}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// A client that stops reading is dropped once a write has waited stallTimeout; one that keeps
// reading, however long the download takes, is not.
func TestServerDropsOnlyStalledDownloads(t *testing.T) {
	const size = 32 << 20
	shortTimeouts(t, 500*time.Millisecond, 10*time.Second)
	addr := bigSite(t, size)
	get := "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"

	stalled := dialSmall(t, addr)
	io.WriteString(stalled, get)
	time.Sleep(10 * stallTimeout) // never read meanwhile
	stalled.SetReadDeadline(time.Now().Add(10 * stallTimeout))
	n, _ := io.Copy(io.Discard, stalled)
	if n >= size {
		t.Errorf("a client that read nothing for %s got the whole file", 10*stallTimeout)
	}

	steady := dialSmall(t, addr)
	io.WriteString(steady, get)
	start := time.Now()
	buf := make([]byte, 64<<10)
	var got int64
	for got < size {
		n, err := steady.Read(buf)
		got += int64(n)
		if err != nil {
			t.Fatalf("a client reading steadily was cut after %d of %d bytes, %s: %v", got, size, time.Since(start), err)
		}
		time.Sleep(time.Millisecond)
	}
	if took := time.Since(start); took < 2*stallTimeout {
		t.Logf("the download took %s: too fast to show that a long one is not cut", took)
	}
}

// A request body that never comes does not hold the connection: after the answer (405), the
// server gives up reading it.
func TestServerDropsSlowBodies(t *testing.T) {
	shortTimeouts(t, time.Minute, 200*time.Millisecond)
	conn := dialSmall(t, bigSite(t, 1))
	io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly this")
	conn.SetReadDeadline(time.Now().Add(50 * bodyTimeout)) // only so that a failure cannot hang
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
	io.Copy(io.Discard, resp.Body)
	// The server closes the connection (EOF), instead of waiting for the rest of the body.
	if _, err := conn.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("after the answer: %v, want the connection closed (EOF)", err)
	}
}

package conformance

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"scaleup/build/deploy"
)

// TestFaults: 1,000 idle connections, a client that reads the module one byte a second and
// clients that leave in the middle of it do not stop a server from answering others in full.
// The training room's binary must pass; nginx is there to compare.
func TestFaults(t *testing.T) {
	t.Run("binary", func(t *testing.T) { faults(t, startBinary(t)) })
	t.Run("nginx", func(t *testing.T) { faults(t, startNginx(t, deploy.NginxConf())) })
}

func faults(t *testing.T, s *Server) {
	addr := strings.TrimPrefix(s.URL, "http://")
	modules := built.FilesWithExt(".wasm")
	if len(modules) == 0 {
		t.Fatal("the site has no .wasm module")
	}
	module := fileURL(modules[0])
	getModule := "GET " + module + " HTTP/1.1\r\nHost: " + addr + "\r\n\r\n" // no Accept-Encoding: 2.4 MB

	// 1,000 connections that send nothing.
	var conns []net.Conn
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	for i := range 1000 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("idle connection %d: %v", i+1, err)
		}
		conns = append(conns, c)
	}

	// A client that reads the module one byte a second, with a small receive buffer so that
	// the server's writes to it soon wait.
	slow := dialSmallBuffer(t, addr)
	conns = append(conns, slow)
	if _, err := io.WriteString(slow, getModule); err != nil {
		t.Fatal(err)
	}
	slow.SetReadDeadline(time.Now().Add(time.Minute)) // only so that a hung server cannot hang the test
	first := make([]byte, 1)
	if _, err := io.ReadFull(slow, first); err != nil {
		t.Fatalf("the slow client got no answer: %v", err)
	}
	stop := make(chan struct{})
	var slowTicks, slowRead atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if n, _ := slow.Read(first); n == 1 {
					slowRead.Add(1)
				}
				slowTicks.Add(1)
			}
		}
	})

	// Clients that leave in the middle of the module, one after another, while others load pages.
	wg.Go(func() {
		for i := range 20 {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Errorf("leaving client %d: %v", i+1, err)
				return
			}
			io.WriteString(c, getModule)
			io.CopyN(io.Discard, bufio.NewReader(c), 256<<10)
			c.Close()
		}
	})

	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	// At least five rounds, and for as long as the slow client takes to read three more bytes.
	for round := 0; round < 5 || slowTicks.Load() < 3; round++ {
		for _, target := range []string{"/", firstSubPage(built), module} {
			for _, accept := range []string{"", "br, gzip"} {
				if err := fetchWhole(client, s.URL+target, accept); err != nil {
					t.Errorf("round %d, GET %s (Accept-Encoding %q) beside the faults: %v", round+1, target, accept, err)
				}
			}
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("meanwhile the slow client read %d bytes of the module, one a second", slowRead.Load()+1)
	if err := s.Running(); err != nil {
		t.Error(err)
	}
}

// fetchWhole gets url and checks that the body decodes to the site file's bytes.
func fetchWhole(client *http.Client, url, accept string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	plain, err := decode(resp.Header.Get("Content-Encoding"), body)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(req.URL.Path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	want, err := built.Read(name)
	if err != nil {
		return err
	}
	if !bytes.Equal(plain, want) {
		return fmt.Errorf("%d bytes that differ from the built file's %d", len(plain), len(want))
	}
	return nil
}

// dialSmallBuffer connects to addr with a small receive buffer.
func dialSmallBuffer(t *testing.T, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10)
		})
	}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// Command scaleup-site serves the whole Scale-Up Guide from a single file, for a training room
// with no internet: the site is embedded in the binary (go:embed), built by `make dist`.
//
//	./scaleup-site                      serve on http://127.0.0.1:8080/ (this machine only)
//	./scaleup-site --addr 0.0.0.0:8080  share it on the room's Wi-Fi; the addresses to give out are printed
//
// Responses are those of the production host: the same security headers, content types,
// precompressed files and 404 pages (scaleup/build/serve).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on; 0.0.0.0:8080 shares the site on the local network")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: scaleup-site [--addr HOST:PORT]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*addr, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scaleup-site:", err)
		os.Exit(1)
	}
}

// run serves the embedded site on addr until Ctrl-C.
func run(addr string, out io.Writer) error {
	site, err := embeddedSite()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ifaces, _ := net.InterfaceAddrs() // without them, the loopback address is still printed
	fmt.Fprintln(out, "Scale-Up Guide (上规升级政策指南) is served at:")
	for _, u := range openURLs(ln.Addr().(*net.TCPAddr), ifaces) {
		fmt.Fprintln(out, "  "+u)
	}
	fmt.Fprintln(out, "Press Ctrl-C to stop.")

	srv := newServer(site)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

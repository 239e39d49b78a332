package conformance

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SecretName is the file PlantSecret writes beside a site's folder.
const SecretName = "secret.txt"

// PlantSecret writes a file with unguessable content beside the site folder dir (in its
// parent, readable by anyone, as a server's own files would be) and returns its content: the
// paths check asserts that no request gets it.
func PlantSecret(dir string) (string, error) {
	b := make([]byte, 16)
	rand.Read(b)
	secret := "SECRET-" + hex.EncodeToString(b)
	err := os.WriteFile(filepath.Join(filepath.Dir(dir), SecretName), []byte(secret+"\n"), 0o644)
	return secret, err
}

// passwdLine is what /etc/passwd starts with on every Linux machine.
const passwdLine = "root:x:0:0:"

// pathAttacks are request targets that try to reach outside the site's folder, or to break the
// server with what it has to parse. They go on the wire exactly as written.
func pathAttacks() []string {
	return []string{
		"/../" + SecretName,
		"/../../" + SecretName,
		"/x/../../" + SecretName,
		"/./../" + SecretName,
		"/%2e%2e/" + SecretName,
		"/%2E%2E/" + SecretName,
		"/.%2e/" + SecretName,
		"/%2e%2e%2f" + SecretName,
		"/..%2f" + SecretName,
		"/..%2F" + SecretName,
		"/assets/..%2f..%2f" + SecretName,
		"/policy%2f..%2f..%2f" + SecretName,
		"/%252e%252e/" + SecretName, // encoded twice
		"/..\\" + SecretName,
		"/..%5c" + SecretName,
		"/%5c..%5c" + SecretName,
		"/..;/" + SecretName,
		"//" + SecretName,
		"/" + SecretName + "%00.html",
		"/index.html%00",
		"/%00",
		"/..%00/" + SecretName,
		"/a\x00b",                           // a raw NUL in the request line
		"../" + SecretName,                  // not starting with a slash
		"http://localhost/../" + SecretName, // absolute form
		"/" + strings.Repeat("../", 40) + "etc/passwd",
		"/" + strings.Repeat("%2e%2e/", 40) + "etc/passwd",
		"/" + strings.Repeat("..%2f", 40) + "etc/passwd",
		"/" + strings.Repeat("a", 300),         // longer than a file name may be
		"/" + strings.Repeat("a/", 4000),       // 8 KB deep
		"/" + strings.Repeat("a", 64<<10),      // over nginx's header buffers
		"/" + strings.Repeat("a", 2<<20),       // over any server's limit
		"/" + strings.Repeat("%2e%2e/", 20000), // 140 KB of encoded ..
	}
}

func checkPaths(c *checker) {
	for _, target := range pathAttacks() {
		shown := target
		if len(shown) > 60 {
			shown = fmt.Sprintf("%s… (%d bytes)", shown[:40], len(target))
		}
		shown = strings.ReplaceAll(shown, "\x00", `\x00`)
		status, body, err := rawGet(c.tg.URL, target)
		switch {
		case err != nil && len(target) > 8<<10:
			// A server may close the connection on a request it will not read in full.
		case err != nil:
			c.errorf("GET %s: no answer: %v", shown, err)
		case status >= 500:
			c.errorf("GET %s: status %d: the server failed", shown, status)
		}
		if c.tg.Secret != "" && bytes.Contains(body, []byte(c.tg.Secret)) {
			c.errorf("GET %s: status %d and the content of %s, the file beside the site's folder", shown, status, SecretName)
		}
		if bytes.Contains(body, []byte(passwdLine)) {
			c.errorf("GET %s: status %d and the content of /etc/passwd", shown, status)
		}
	}
	if status, _, err := rawGet(c.tg.URL, "/"); err != nil || status != http.StatusOK {
		c.errorf("GET / after the path attacks: status %d, %v", status, err)
	}
}

// rawGet sends "GET target" on a connection of its own, without any client normalising the
// target, and reads the answer.
func rawGet(base, target string) (status int, body []byte, err error) {
	u, err := url.Parse(base)
	if err != nil {
		return 0, nil, err
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		return 0, nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Minute)) // only so that a hung server cannot hang the test
	// Written from another goroutine: a server may answer (and stop reading) before the
	// request ends.
	go io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+u.Host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

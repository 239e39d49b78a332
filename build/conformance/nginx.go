package conformance

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Where Debian's packages put what a deployment of the site uses: nginx's MIME types (package
// nginx) and the brotli_static module (libnginx-mod-http-brotli-static).
const (
	NginxMimeTypes    = "/etc/nginx/mime.types"
	NginxBrotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
)

// FindNginx returns the nginx executable, or an error that says what to install when nginx,
// its MIME types or the brotli_static module is missing.
func FindNginx() (string, error) {
	path, err := exec.LookPath("nginx")
	if err != nil {
		path = "/usr/sbin/nginx" // not on a normal user's PATH
		if _, statErr := os.Stat(path); statErr != nil {
			return "", errors.New("nginx not found (Debian: apt-get install nginx libnginx-mod-http-brotli-static)")
		}
	}
	for _, f := range []struct{ path, pkg string }{
		{NginxMimeTypes, "nginx"},
		{NginxBrotliModule, "libnginx-mod-http-brotli-static"},
	} {
		if _, err := os.Stat(f.path); err != nil {
			return "", fmt.Errorf("nginx is at %s but %s is missing (Debian: apt-get install %s)", path, f.path, f.pkg)
		}
	}
	return path, nil
}

// NginxOptions describes an nginx serving a built site.
type NginxOptions struct {
	Dir     string // nginx's prefix: its configuration, pid, logs and temporary files; created
	Root    string // the site's folder
	Snippet string // the directives `go run ./build nginx` prints (deploy.NginxConf), included in the server block
}

// NginxConfig returns the nginx.conf of o, listening on port: the server block of the README's
// Deploying section (brotli_static, then the generated snippet, from Dir/scaleup.conf), in an
// nginx that runs in the foreground and writes only under Dir.
func NginxConfig(o NginxOptions, port int) string {
	q := func(p string) string { return `"` + strings.ReplaceAll(p, `"`, `\"`) + `"` }
	in := func(name string) string { return q(filepath.Join(o.Dir, name)) }
	return fmt.Sprintf(`# Written by scaleup/build/conformance: nginx in the foreground, everything it writes under its prefix.
daemon off;
worker_processes auto;
worker_rlimit_nofile 8192;
pid %s;
lock_file %s;
error_log %s warn;
load_module %s;

events {
    worker_connections 4096;  # the faults test holds 1,000 idle connections
}

http {
    include %s;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path %s;
    proxy_temp_path %s;
    fastcgi_temp_path %s;
    uwsgi_temp_path %s;
    scgi_temp_path %s;

    server {
        listen 127.0.0.1:%d;
        server_name localhost;
        root %s;
        brotli_static on;
        include %s;
    }
}
`, in("nginx.pid"), in("nginx.lock"), in("error.log"), q(NginxBrotliModule), q(NginxMimeTypes),
		in("client_body"), in("proxy"), in("fastcgi"), in("uwsgi"), in("scgi"),
		port, q(o.Root), in("scaleup.conf"))
}

// StartNginx starts nginx for o on a free loopback port. Run as root, nginx hands requests to
// workers running as nobody: o.Root must then be readable by anyone.
func StartNginx(o NginxOptions) (*Server, error) {
	bin, err := FindNginx()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(o.Dir, "scaleup.conf"), []byte(o.Snippet), 0o644); err != nil {
		return nil, err
	}
	conf := filepath.Join(o.Dir, "nginx.conf")
	logFile := filepath.Join(o.Dir, "error.log")
	var lastErr error
	for range 3 { // another process may take the free port first
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(conf, []byte(NginxConfig(o, port)), 0o644); err != nil {
			return nil, err
		}
		os.Remove(logFile)
		cmd := exec.Command(bin, "-p", o.Dir, "-c", conf, "-e", logFile)
		s, err := start("nginx", cmd, port, logFile)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "Address already in use") {
			break
		}
	}
	return nil, lastErr
}

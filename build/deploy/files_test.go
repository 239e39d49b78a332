package deploy

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test -update rewrites it; review the diff):\n%s", path, got)
	}
}

func TestHeadersFile(t *testing.T) {
	got := HeadersFile([]string{"/assets/site.89abcdef.css", "/assets/app.0123abcd.js", "/assets/app.0123abcd.js"})
	golden(t, "_headers", got)
	if !strings.Contains(got, CSP) {
		t.Errorf("_headers lacks the CSP")
	}
}

func TestNginxConf(t *testing.T) {
	golden(t, "nginx.conf", NginxConf())
}

func TestHeadersIsACopy(t *testing.T) {
	h := Headers()
	h["Content-Security-Policy"] = "changed"
	if Headers()["Content-Security-Policy"] != CSP {
		t.Errorf("Headers() shares its map between calls")
	}
	if len(Headers()) != len(SecurityHeaders) {
		t.Errorf("Headers() has %d entries, want %d", len(Headers()), len(SecurityHeaders))
	}
}

func TestIsHashed(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"app.0123abcd.js", true},
		{"/assets/app.0123ABCDef.css", true},
		{"calc.0123456789abcdef0123456789abcdef.wasm", true},
		{"app.0123abc.js", false},  // 7 digits
		{"app.0123abcg.js", false}, // not hex
		{"app.js", false},
		{".0123abcd.js", false},
		{"app.0123abcd.", false},
		{"0123abcd.js", false},
		{"app.0123abcd.js.br", false},
		{"index.html", false},
	}
	for _, tt := range tests {
		if got := IsHashed(tt.name); got != tt.want {
			t.Errorf("IsHashed(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

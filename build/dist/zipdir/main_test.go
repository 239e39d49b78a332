package main

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var testFiles = fstest.MapFS{
	"index.html":                    {Data: []byte("<p>首页</p>"), ModTime: time.Now()},
	"index.html.br":                 {Data: []byte("br bytes")},
	"_search/zh/meta.1234abcd.json": {Data: []byte("{}")},
	"assets/main.0123456789.css":    {Data: []byte("body{}"), Mode: 0o600},
	"en/index.html":                 {Data: []byte("<p>Home</p>")},
}

func TestWriteDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := write(&a, testFiles); err != nil {
		t.Fatal(err)
	}
	later := fstest.MapFS{}
	for p, f := range testFiles {
		later[p] = &fstest.MapFile{Data: f.Data, Mode: 0o755, ModTime: time.Now().Add(time.Hour)}
	}
	if err := write(&b, later); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same files with other times and modes gave a different zip")
	}
}

func TestWriteContents(t *testing.T) {
	var buf bytes.Buffer
	if err := write(&buf, testFiles); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(modified) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, modified)
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", f.Name, f.Mode())
		}
		if strings.HasSuffix(f.Name, ".br") && f.Method != zip.Store {
			t.Errorf("%s: compressed again (method %d)", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if want := testFiles[f.Name].Data; !bytes.Equal(data, want) {
			t.Errorf("%s: %q, want %q", f.Name, data, want)
		}
	}
	want := "_search/zh/meta.1234abcd.json assets/main.0123456789.css en/index.html index.html index.html.br"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries %s, want %s", got, want)
	}
}

func TestWriteEmpty(t *testing.T) {
	err := write(io.Discard, fstest.MapFS{})
	if err == nil || !strings.Contains(err.Error(), "no files") {
		t.Errorf("error %v, want one about no files", err)
	}
}

package site

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"

	"scaleup/build/assets"
	"scaleup/build/pipeline"
	"scaleup/calculator/modules"
)

// TestBuildResult: the result counts the HTML pages rendered from the model (the 404 pages are
// pages of the model too) and says how long the build took.
func TestBuildResult(t *testing.T) {
	res, err := build(t, fixture(t, "basic", nil), true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 8 { // home, policy section, article one and 404, in two languages
		t.Errorf("Pages = %d, want 8", res.Pages)
	}
	if res.Took <= 0 {
		t.Errorf("Took = %v", res.Took)
	}
}

// TestBuildWriteFailure: when public/ cannot be written, the build says so.
func TestBuildWriteFailure(t *testing.T) {
	_, err := build(t, afero.NewReadOnlyFs(fixture(t, "basic", nil)), true)
	if err == nil || !strings.Contains(err.Error(), "public") {
		t.Fatalf("a build that cannot write public/ returned %v", err)
	}
}

// TestBuildDefaultCompression: with no Compression given, pages are compressed as `go run
// ./build` does (output.DefaultCompression).
func TestBuildDefaultCompression(t *testing.T) {
	res, err := pipeline.Run(pipeline.Options{Rules: modules.All, Stages: append([]pipeline.Stage{assets.Stage}, Stages()...), Fs: fixture(t, "basic", map[string]string{
		// A page long enough to be compressed.
		"content/_index.zh.md": "---\ntitle: 首页\ndescription: 测试站点的首页。\n---\n" + strings.Repeat("欢迎阅读政策。", 200) + "阅读[第一条](/policy/one/#p1)。\n",
	}), Strict: true, NoWrite: true})
	if err != nil {
		t.Fatal(err)
	}
	br, ok := res.Files["index.html.br"]
	if !ok {
		t.Fatal("index.html.br was not made")
	}
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, 5) // output.DefaultCompression.Page
	w.Write(res.Files["index.html"])
	w.Close()
	if !bytes.Equal(br, b.Bytes()) {
		unpacked, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		t.Errorf("index.html.br is not brotli at quality 5 (%d bytes; unpacks to the page: %v)", len(br), bytes.Equal(unpacked, res.Files["index.html"]))
	}
}

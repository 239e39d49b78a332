package qr

import (
	"flag"
	"os"
	"regexp"
	"strconv"
	"testing"

	rscqr "rsc.io/qr"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var (
	viewBoxRe = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathRe    = regexp.MustCompile(`<path fill="#000" d="([^"]*)"/>`)
	runRe     = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// decode reads an SVG made by SVG back into modules (quiet zone removed), failing on anything
// it does not expect: the test checks the picture, not just that some SVG came out.
func decode(t *testing.T, svg string) [][]bool {
	t.Helper()
	vb := viewBoxRe.FindStringSubmatch(svg)
	if vb == nil || vb[1] != vb[2] {
		t.Fatalf("no square viewBox in %.80s…", svg)
	}
	total, _ := strconv.Atoi(vb[1])
	size := total - 2*Quiet
	grid := make([][]bool, size)
	for y := range grid {
		grid[y] = make([]bool, size)
	}
	m := pathRe.FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no path in %.80s…", svg)
	}
	d := m[1]
	for d != "" {
		r := runRe.FindStringSubmatch(d)
		if r == nil {
			t.Fatalf("unexpected path data at %.30q", d)
		}
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		if r[3] != r[4] {
			t.Fatalf("run %q does not close on itself", r[0])
		}
		x, y = x-Quiet, y-Quiet
		if y < 0 || y >= size || x < 0 || x+w > size {
			t.Fatalf("run %q outside the code (%d modules)", r[0], size)
		}
		for i := x; i < x+w; i++ {
			if grid[y][i] {
				t.Fatalf("module %d,%d drawn twice", i, y)
			}
			grid[y][i] = true
		}
		d = d[len(r[0]):]
	}
	return grid
}

func TestSVGRoundTrips(t *testing.T) {
	tests := []struct {
		text    string
		modules int // 17 + 4 × version
	}{
		{"HELLO WORLD", 21},          // version 1, alphanumeric
		{"https://example.org/", 25}, // version 2, bytes
		{"https://scaleup.example.cn/en/calculator/#v1=y:2022~r:25000000~ro:new", 37},
		{"12345678901234567890", 21}, // numeric
		{"晋城市中小企业", 25},              // 21 UTF-8 bytes: version 2
	}
	for _, tt := range tests {
		svg, err := SVG(tt.text)
		if err != nil {
			t.Fatalf("SVG(%q): %v", tt.text, err)
		}
		grid := decode(t, svg)
		if len(grid) != tt.modules {
			t.Errorf("SVG(%q) has %d modules a side, want %d", tt.text, len(grid), tt.modules)
		}
		want, err := rscqr.Encode(tt.text, Level)
		if err != nil {
			t.Fatal(err)
		}
		if want.Size != len(grid) {
			t.Fatalf("SVG(%q): %d modules, rsc.io/qr has %d", tt.text, len(grid), want.Size)
		}
		for y := range grid {
			for x := range grid[y] {
				if grid[y][x] != want.Black(x, y) {
					t.Fatalf("SVG(%q): module %d,%d is %v, rsc.io/qr says %v", tt.text, x, y, grid[y][x], want.Black(x, y))
				}
			}
		}
		// The three finder patterns: a dark 7×7 ring around a dark 3×3 square, in the corners.
		for _, corner := range [][2]int{{0, 0}, {len(grid) - 7, 0}, {0, len(grid) - 7}} {
			for dy := 0; dy < 7; dy++ {
				for dx := 0; dx < 7; dx++ {
					ring := dx == 0 || dx == 6 || dy == 0 || dy == 6
					centre := dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4
					if grid[corner[1]+dy][corner[0]+dx] != (ring || centre) {
						t.Fatalf("SVG(%q): finder pattern at %v broken at +%d,+%d", tt.text, corner, dx, dy)
					}
				}
			}
		}
	}
}

func TestSVGDeterministic(t *testing.T) {
	a, err := SVG("https://example.org/en/")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b, _ := SVG("https://example.org/en/")
		if a != b {
			t.Fatalf("two calls differ:\n%s\n%s", a, b)
		}
	}
}

// TestSVGGolden pins the exact markup, so a change in the output (and in every built page that
// carries a code) is a visible diff. Run with -update to accept a deliberate change.
func TestSVGGolden(t *testing.T) {
	got, err := SVG("HELLO WORLD")
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/hello-world.svg"
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./build/qr -update to create it)", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("SVG(\"HELLO WORLD\") changed:\n got %s\nwant %s", got, want)
	}
}

func TestSVGErrors(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"empty", ""},
		{"too long", string(make([]byte, 3000))},
	}
	for _, tt := range tests {
		if svg, err := SVG(tt.text); err == nil {
			t.Errorf("%s: no error, got %.60s…", tt.name, svg)
		}
	}
}

func BenchmarkSVG(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := SVG("https://scaleup.example.cn/en/calculator/#v1=y:2022~r:25000000~ro:new"); err != nil {
			b.Fatal(err)
		}
	}
}

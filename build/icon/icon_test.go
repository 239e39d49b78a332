package icon

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// The SVG is compared with a golden file: a change to the drawing shows up in review.
func TestSVGGolden(t *testing.T) {
	golden := filepath.Join("testdata", "favicon.svg")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, SVG(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := SVG(); !bytes.Equal(got, want) {
		t.Errorf("SVG() =\n%s\nwant (%s)\n%s", got, golden, want)
	}
}

// Each PNG is checked at points whose colour the drawing fixes: the background, inside each
// bar, the rounded corner (transparent only when rounded) and the edge of a bar (a blend).
func TestPNG(t *testing.T) {
	tests := []struct {
		size    int
		rounded bool
	}{
		{32, true},
		{180, false},
		{64, true},
	}
	for _, tt := range tests {
		img, err := png.Decode(bytes.NewReader(PNG(tt.size, tt.rounded)))
		if err != nil {
			t.Fatalf("PNG(%d): %v", tt.size, err)
		}
		if b := img.Bounds(); b.Dx() != tt.size || b.Dy() != tt.size {
			t.Fatalf("PNG(%d) is %v", tt.size, b)
		}
		// at returns the pixel under grid point (x, y).
		at := func(x, y float64) [4]uint32 {
			s := float64(tt.size) / Grid
			r, g, b, a := img.At(int(x*s), int(y*s)).RGBA()
			return [4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}
		}
		accent := [4]uint32{0x0e, 0x5a, 0x5a, 0xff} // --accent
		white := [4]uint32{0xff, 0xff, 0xff, 0xff}
		checks := []struct {
			name string
			x, y float64
			want [4]uint32
		}{
			{"background", 4, 16, accent},
			{"short bar", 10, 20, white},
			{"middle bar", 16, 15, white},
			{"tall bar", 22, 10, white},
			{"above the tall bar", 22, 6, accent},
		}
		for _, c := range checks {
			if got := at(c.x, c.y); got != c.want {
				t.Errorf("PNG(%d) %s at (%v, %v) = %x, want %x", tt.size, c.name, c.x, c.y, got, c.want)
			}
		}
		corner := at(0, 0)
		if tt.rounded && corner[3] != 0 {
			t.Errorf("PNG(%d, rounded): corner alpha %d, want 0", tt.size, corner[3])
		}
		if !tt.rounded && corner != accent {
			t.Errorf("PNG(%d, square): corner %x, want %x", tt.size, corner, accent)
		}
	}
	// An edge that falls inside a pixel gives a blend, not a jagged step: at 180 px a grid
	// unit is 5.625 px, so the short bar's right edge (x = 12) is at 67.5 px.
	img, _ := png.Decode(bytes.NewReader(PNG(180, false)))
	r, _, _, _ := img.At(67, 100).RGBA() // opaque, so not premultiplied
	if r>>8 <= 0x0e || r>>8 >= 0xff {
		t.Errorf("PNG(180) at the short bar's right edge: red channel %x, want a blend of 0e and ff", r>>8)
	}
}

// The same size gives the same bytes: the build must be reproducible.
func TestPNGDeterministic(t *testing.T) {
	if !bytes.Equal(PNG(32, true), PNG(32, true)) {
		t.Error("two PNG(32) calls differ")
	}
}

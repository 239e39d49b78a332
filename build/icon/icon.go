// Package icon draws the site's icon (three rising bars on the accent red) at build time: as
// SVG, and as PNG at the sizes browsers ask for.
//
// Browsers are given the PNG, not the SVG. A browser fetches the page's icon through the
// page's own process, and Chromium decodes an SVG icon there as a whole SVG document on the
// main thread: 30-60 ms on this project's test machine (a long task at a phone's speed),
// where a 32-pixel PNG takes well under a millisecond. The SVG stays in the site for anyone
// who wants the vector form.
//
// Both forms come from the one description below, so they cannot drift apart, and the output
// depends on nothing but the size asked for, so builds stay reproducible.
package icon

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// The icon is drawn on a grid of Grid units. Corner is the radius of the favicon's rounded
// corners; the bars are white rectangles {x, y, w, h}.
const (
	Grid   = 32
	Corner = 6
)

var (
	background = color.NRGBA{0x0e, 0x5a, 0x5a, 0xff} // --accent in templates/assets/css/_base.css
	bars       = [][4]int{{8, 16, 4, 6}, {14, 12, 4, 10}, {20, 8, 4, 14}}
)

// SVG is the icon as an SVG document.
func SVG() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d">`, Grid, Grid)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" rx="%d" fill="#%02x%02x%02x"/>`, Grid, Grid, Corner,
		background.R, background.G, background.B)
	b.WriteString(`<path d="`)
	for _, r := range bars {
		fmt.Fprintf(&b, "M%d %dh%dv%dh-%dz", r[0], r[1], r[2], r[3], r[2])
	}
	b.WriteString(`" fill="#fff"/></svg>`)
	return []byte(b.String())
}

// PNG is the icon as a size×size PNG. rounded gives it the SVG's transparent rounded corners;
// an Apple touch icon is square, because iOS rounds it itself and would fill transparent
// corners with black.
func PNG(size int, rounded bool) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	// Each pixel's colour is the average of n×n samples: smooth edges without a rasteriser.
	const n = 8
	scale := float64(Grid) / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var inside, white int
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/n) * scale
					y := (float64(py) + (float64(sy)+0.5)/n) * scale
					if rounded && !inRoundedSquare(x, y) {
						continue
					}
					inside++
					if inBar(x, y) {
						white++
					}
				}
			}
			if inside == 0 {
				continue
			}
			// Mix red and white by the share of white samples, over the covered samples only,
			// and take the covered share as the alpha.
			mix := func(c uint8) uint8 {
				return uint8((int(c)*(inside-white) + 0xff*white + inside/2) / inside)
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: mix(background.R), G: mix(background.G), B: mix(background.B),
				A: uint8((0xff*inside + n*n/2) / (n * n)),
			})
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory image to a buffer cannot fail
	}
	return buf.Bytes()
}

// inRoundedSquare reports whether grid point (x, y) is inside the Grid×Grid square with
// corners of radius Corner.
func inRoundedSquare(x, y float64) bool {
	cx := clamp(x, Corner, Grid-Corner)
	cy := clamp(y, Corner, Grid-Corner)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= Corner*Corner
}

func inBar(x, y float64) bool {
	for _, r := range bars {
		if x >= float64(r[0]) && x < float64(r[0]+r[2]) && y >= float64(r[1]) && y < float64(r[1]+r[3]) {
			return true
		}
	}
	return false
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

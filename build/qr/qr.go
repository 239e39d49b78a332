// Package qr draws QR codes as inline SVG at build time, so that a printed handout or a
// projected slide can send a phone to the site without any script, image file or third-party
// service.
//
// The code itself comes from rsc.io/qr; this package only turns its bitmap into one SVG path:
// each run of dark modules in a row becomes a rectangle "M x y h w v1 h -w z". The output
// depends only on the text, so builds stay reproducible.
package qr

import (
	"fmt"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// Quiet is the blank margin around the code, in modules. The standard asks for four: phones
// find the code by its light border.
const Quiet = 4

// Level is the error correction used: M (15 %) survives a fold or a smudge on paper and keeps a
// URL of the site's length small (version 3 or 4).
const Level = qr.M

// Code is a QR code's modules, without the quiet zone.
type Code struct {
	Size  int      // modules on a side
	Black [][]bool // Black[y][x]
}

// Encode computes the QR code of text.
func Encode(text string) (*Code, error) {
	if text == "" {
		return nil, fmt.Errorf("qr: nothing to encode")
	}
	c, err := qr.Encode(text, Level)
	if err != nil {
		return nil, fmt.Errorf("qr: %q: %w", text, err)
	}
	code := &Code{Size: c.Size}
	for y := 0; y < c.Size; y++ {
		row := make([]bool, c.Size)
		for x := range row {
			row[x] = c.Black(x, y)
		}
		code.Black = append(code.Black, row)
	}
	return code, nil
}

// Path is the SVG path data of the dark modules, in a coordinate system where one module is
// one unit and the quiet zone is included (the code starts at Quiet, Quiet).
func (c *Code) Path() string {
	var b strings.Builder
	for y, row := range c.Black {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			w := 1
			for x+w < len(row) && row[x+w] {
				w++
			}
			b.WriteString("M" + strconv.Itoa(x+Quiet) + " " + strconv.Itoa(y+Quiet) +
				"h" + strconv.Itoa(w) + "v1h-" + strconv.Itoa(w) + "z")
			x += w
		}
	}
	return b.String()
}

// SVG returns text's QR code as an inline <svg> element, dark modules on a white square. It is
// hidden from assistive technology: the page prints the same URL as text beside it, which is
// what a screen reader user needs. Size it with CSS (class "qr").
func SVG(text string) (string, error) {
	c, err := Encode(text)
	if err != nil {
		return "", err
	}
	n := strconv.Itoa(c.Size + 2*Quiet)
	return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + n + " " + n +
		`" aria-hidden="true" focusable="false" shape-rendering="crispEdges">` +
		`<rect width="` + n + `" height="` + n + `" fill="#fff"/>` +
		`<path fill="#000" d="` + c.Path() + `"/></svg>`, nil
}

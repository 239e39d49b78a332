package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/spf13/afero"

	"scaleup/build/browsertest"
	"scaleup/build/generator"
	"scaleup/build/pipeline"
)

// printedBaseURL is the public address of the site as a trainer prints it: a real domain (.cn),
// not a placeholder, so the handout carries its QR codes and printed links.
const printedBaseURL = "https://guide.example.cn"

// printed is the site built for printedBaseURL, once for the package and only if a test asks.
var printed struct {
	once sync.Once
	dir  string
	err  error
}

// servePrintedSite builds the site with -baseurl printedBaseURL (reusing the calculator's
// WebAssembly module of the package's main build) and serves it.
func servePrintedSite(t *testing.T) string {
	t.Helper()
	printed.once.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			printed.err = err
			return
		}
		out := fmt.Sprintf(".cache/e2e/%d-printed", os.Getpid())
		_, printed.err = generator.Build(pipeline.Options{
			Fs:      afero.NewBasePathFs(afero.NewOsFs(), root),
			Out:     out,
			Strict:  true,
			Release: true, // a placeholder would fail the build here
			BaseURL: printedBaseURL,
			Stages:  generator.Stages(false),
		})
		printed.dir = filepath.Join(root, out)
	})
	if printed.err != nil {
		t.Fatalf("the site does not build with -baseurl %s:\n%v", printedBaseURL, printed.err)
	}
	return browsertest.ServeDir(t, printed.dir)
}

// qrOnScreen scrolls the first element matching sel into view and returns a screenshot of the
// window cropped to it: what a phone's camera would see of the code.
func qrOnScreen(t *testing.T, tab *browsertest.Tab, sel string) image.Image {
	t.Helper()
	r := browsertest.Get(t, tab, chromedp.Evaluate[[]float64](`(() => {
		const el = document.querySelector(`+"`"+sel+"`"+`);
		el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		return [r.left, r.top, r.right, r.bottom, window.devicePixelRatio];
	})()`))
	png := browsertest.Get(t, tab, chromedp.CaptureScreenshot())
	img, _, err := image.Decode(bytes.NewReader(png))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dpr := r[4]
	box := image.Rect(int(r[0]*dpr)-2, int(r[1]*dpr)-2, int(r[2]*dpr)+2, int(r[3]*dpr)+2)
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(box)
}

// decodeQR reads a QR code with ZXing's decoder (gozxing), independent of the library that drew
// it (rsc.io/qr).
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		path := filepath.Join(os.TempDir(), "qr-undecoded.png")
		if f, ferr := os.Create(path); ferr == nil {
			_ = png.Encode(f, img)
			f.Close()
		}
		t.Fatalf("no QR code could be read in the screenshot (saved as %s): %v", path, err)
	}
	return res.GetText()
}

// TestHandoutQRCodesDecode renders the handout, built for a real address, in Chromium,
// screenshots its QR codes as printed (print media, at the size of the printed 25 mm) and reads
// them back: the site's code must open the site's address, and an example's code the link
// printed beside it.
func TestHandoutQRCodesDecode(t *testing.T) {
	base := servePrintedSite(t)
	tab := browsertest.New(t).Tab(t)
	// Printed, a code is 25 mm wide: an example's code (a long calculator link) has about 1.7 CSS
	// px per module, so the screen is read at 4 device pixels per CSS pixel, as a camera sees
	// paper.
	tab.Run(t, chromedp.EmulateViewport(700, 500, chromedp.EmulateScale(4)))
	setMedia(t, tab, "print")
	defer setMedia(t, tab, "")
	for _, tc := range []struct{ path, home string }{
		{"/handout/", printedBaseURL + "/"},
		{"/en/handout/", printedBaseURL + "/en/"},
		{"/handout/bilingual/", printedBaseURL + "/"},
	} {
		tab.Navigate(t, base+tc.path)
		if got := decodeQR(t, qrOnScreen(t, tab, ".handout-cover .qr")); got != tc.home {
			t.Errorf("%s: the cover's QR code reads %q, want %q", tc.path, got, tc.home)
		}
		caption := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.querySelector(".handout-cover .handout-url").textContent`))
		if caption != tc.home {
			t.Errorf("%s: the address printed under the code is %q, want %q", tc.path, caption, tc.home)
		}
		// The first worked example: its code and its printed link go to the same calculator URL.
		got := decodeQR(t, qrOnScreen(t, tab, ".handout-example .qr"))
		link := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.querySelector(".handout-example a.handout-link").dataset.url`))
		if u, err := url.Parse(got); err != nil || got != link || u.Host != "guide.example.cn" || !strings.HasPrefix(u.Fragment, "v1=") {
			t.Errorf("%s: the first example's QR code reads %q, its printed link is %q; want the same calculator URL on %s", tc.path, got, link, printedBaseURL)
		}
	}
}

// TestPlaceholderPrintsNoAddress: built with the placeholder address of content/site.yaml (as
// the package's main site is), the handout and the slides carry no QR code and no address:
// nothing a reader could scan or type that would lead nowhere.
func TestPlaceholderPrintsNoAddress(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, path := range []string{"/handout/", "/en/handout/", "/handout/bilingual/", "/training/", "/en/training/"} {
		tab.Navigate(t, base+path)
		setMedia(t, tab, "print")
		got := browsertest.Get(t, tab, chromedp.Evaluate[map[string]any](`(() => {
			const body = document.body.innerHTML;
			const printed = [...document.querySelectorAll("a")].map(a => getComputedStyle(a, "::after").content).filter(c => c.includes("http"));
			return {qr: document.querySelectorAll("svg.qr").length, example: body.includes("example.org"), printed: printed.length};
		})()`))
		setMedia(t, tab, "")
		if got["qr"].(float64) != 0 || got["example"].(bool) || got["printed"].(float64) != 0 {
			t.Errorf("%s built for the placeholder address: %v QR codes, address in the page %v, %v links print an address; want none",
				path, got["qr"], got["example"], got["printed"])
		}
	}
}

package browsertest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// MobileWidth is the narrowest width the site must reflow to (WCAG 1.4.10).
const MobileWidth = 320

// Navigate loads url and waits for its load event.
func (tab *Tab) Navigate(t testing.TB, url string) {
	t.Helper()
	tab.Run(t, chromedp.Navigate(url))
}

// Location returns the URL of the page.
func (tab *Tab) Location(t testing.TB) string {
	t.Helper()
	return Get(t, tab, chromedp.Location())
}

// SetViewport sets the size of the page's viewport in CSS pixels. mobile
// also turns on the mobile meta viewport and touch, as a phone would.
func (tab *Tab) SetViewport(t testing.TB, width, height int64, mobile bool) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	tab.Run(t, chromedp.EmulateViewport(width, height, opts...))
}

// SetOffline cuts the tab off the network (true) or reconnects it (false):
// requests fail as with no connection, and navigator.onLine follows.
func (tab *Tab) SetOffline(t testing.TB, offline bool) {
	t.Helper()
	var conditions []*network.Conditions
	if offline {
		// An empty pattern matches every request.
		conditions = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	}
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: conditions,
		})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, target, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
		})
		return err
	}))
}

// PDF prints the page on A4 as the browser's print dialog would (print CSS
// applies) and returns the file.
func (tab *Tab) PDF(t testing.TB) []byte {
	t.Helper()
	return Get(t, tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
}

// Screenshot writes a PNG of the whole page to path, for looking at a
// failure. Put it under t.TempDir() or a folder the test names in its log.
func (tab *Tab) Screenshot(t testing.TB, path string) {
	t.Helper()
	png := Get(t, tab, chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ClickAndWait clicks the first element that matches the CSS selector and
// waits for the page it leads to to load.
func (tab *Tab) ClickAndWait(t testing.TB, selector string) {
	t.Helper()
	Get(t, tab, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(selector))))
}

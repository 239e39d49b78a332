package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// slideFit is what slideFitScript measures of the slide on screen.
type slideFit struct {
	ID         string   `json:"id"`
	Overflow   float64  `json:"overflow"`   // how far the page or the slide runs past the screen, in px
	Overlaps   []string `json:"overlaps"`   // elements of the slide under the navigation bar
	OffScreen  []string `json:"offScreen"`  // elements of the slide outside the window
	Scale      float64  `json:"scale"`      // the font scale training.ts chose to make it fit
	FontPx     float64  `json:"fontPx"`     // the slide's font size
	SmallestPx float64  `json:"smallestPx"` // the smallest text on it
}

// slideFitScript shows slide n as a reader would reach it (#slide-N), waits for two frames,
// and measures it: the document and the slide must not scroll, and no element of the slide may
// reach under the navigation bar or out of the window.
const slideFitScript = `(async (n) => {
	location.hash = "#slide-" + n;
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const s = document.querySelector(".slide:not([hidden])");
	const bar = document.querySelector("[data-deck-controls]").getBoundingClientRect();
	const vw = document.documentElement.clientWidth, vh = window.innerHeight;
	const name = el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "");
	const overlaps = [], offScreen = [];
	let smallest = 1e9;
	for (const el of s.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if (r.bottom > bar.top + 0.5 && r.top < bar.bottom && r.right > bar.left && r.left < bar.right) {
			overlaps.push(name(el) + " " + Math.round(r.top) + "-" + Math.round(r.bottom) + " under the bar at " + Math.round(bar.top));
		}
		if (r.bottom > vh + 0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.left < -0.5) {
			offScreen.push(name(el) + " " + Math.round(r.left) + "," + Math.round(r.top) + "-" + Math.round(r.right) + "," + Math.round(r.bottom));
		}
		if ([...el.childNodes].some(c => c.nodeType === 3 && c.textContent.trim())) {
			smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
		}
	}
	const doc = document.documentElement;
	return {
		id: s.id,
		overflow: Math.max(doc.scrollHeight - vh, s.scrollHeight - s.clientHeight, 0),
		overlaps: overlaps.slice(0, 5), offScreen: offScreen.slice(0, 5),
		scale: parseFloat(getComputedStyle(s).getPropertyValue("--fit")) || 1,
		fontPx: parseFloat(getComputedStyle(s).fontSize),
		smallestPx: smallest,
	};
})`

// TestSlidesFitTheProjector shows every slide, in both languages, on a 4:3 projector
// (1024×768) and a 16:9 one (1280×720): none may scroll, and the navigation bar may cover
// nothing. training.ts scales a slide's type down to fit and the template splits long lists,
// so the test also logs the smallest text, which must stay legible from the back of a room.
func TestSlidesFitTheProjector(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	shots := filepath.Join(os.TempDir(), "slides")
	_ = os.MkdirAll(shots, 0o755)
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}} {
		tab.SetViewport(t, size[0], size[1], false)
		for _, path := range []string{"/training/", "/en/training/"} {
			tab.Navigate(t, base+path)
			browsertest.Get(t, tab, chromedp.Poll[bool](`document.documentElement.classList.contains("deck-on")`))
			n := browsertest.Get(t, tab, chromedp.Evaluate[int](`document.querySelectorAll(".slide").length`))
			smallest, smallestAt := 1e9, ""
			for i := 1; i <= n; i++ {
				got := browsertest.Get(t, tab, chromedp.Evaluate[slideFit](slideFitScript+"("+strconv.Itoa(i)+")", chromedp.EvalAwaitPromise))
				where := path + "#slide-" + strconv.Itoa(i) + " at " + strconv.FormatInt(size[0], 10) + "×" + strconv.FormatInt(size[1], 10)
				if got.ID != "slide-"+strconv.Itoa(i) {
					t.Fatalf("%s: slide %q is on screen", where, got.ID)
				}
				if got.Overflow > 0.5 {
					t.Errorf("%s runs %.0f px past the screen (font scale %.2f)", where, got.Overflow, got.Scale)
				}
				for _, o := range got.Overlaps {
					t.Errorf("%s: %s", where, o)
				}
				for _, o := range got.OffScreen {
					t.Errorf("%s: outside the window: %s", where, o)
				}
				if got.SmallestPx < smallest {
					smallest, smallestAt = got.SmallestPx, where
				}
				if i == 1 || i == 5 || i == n-1 {
					tab.Screenshot(t, filepath.Join(shots, strings.Trim(strings.ReplaceAll(path, "/", "-"), "-")+"-"+strconv.Itoa(i)+"-"+strconv.FormatInt(size[0], 10)+".png"))
				}
			}
			t.Logf("%s at %d×%d: %d slides; smallest text %.1f px (%s)", path, size[0], size[1], n, smallest, smallestAt)
			if smallest < 16 {
				t.Errorf("%s at %d×%d: text of %.1f px at %s is too small to read from the back of a room", path, size[0], size[1], smallest, smallestAt)
			}
		}
	}
	t.Logf("screenshots in %s", shots)
}

// orphanScript counts, for every text block of the title slide, the characters on its last
// line (Chinese lays out character by character, so one character alone is possible).
const orphanScript = `(() => {
	const out = [];
	for (const el of document.querySelectorAll("#slide-1 h1, #slide-1 p")) {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		const tops = [];
		for (let node; (node = walker.nextNode());) {
			for (let i = 0; i < node.length; i++) {
				if (!node.data[i].trim()) continue;
				const r = document.createRange();
				r.setStart(node, i); r.setEnd(node, i + 1);
				const rect = r.getBoundingClientRect();
				if (rect.height > 0) tops.push(Math.round(rect.top));
			}
		}
		if (tops.length === 0) continue;
		const last = Math.max(...tops);
		const lines = new Set(tops).size;
		out.push({text: el.textContent.trim().slice(0, 30), lines, lastLine: tops.filter(t => Math.abs(t - last) < 4).length});
	}
	return out;
})()`

type textLines struct {
	Text     string `json:"text"`
	Lines    int    `json:"lines"`
	LastLine int    `json:"lastLine"`
}

// TestTitleSlideNoOrphan: no line of the title slide ends its block with one character alone.
func TestTitleSlideNoOrphan(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}, {1280, 900}} {
		tab.SetViewport(t, size[0], size[1], false)
		for _, path := range []string{"/training/", "/en/training/"} {
			tab.Navigate(t, base+path)
			browsertest.Get(t, tab, chromedp.Poll[bool](`document.documentElement.classList.contains("deck-on")`))
			for _, b := range browsertest.Get(t, tab, chromedp.Evaluate[[]textLines](orphanScript)) {
				if b.Lines > 1 && b.LastLine < 2 {
					t.Errorf("%s at %d×%d: %q ends with one character alone on its line %d", path, size[0], size[1], b.Text, b.Lines)
				}
			}
		}
	}
}

package e2e

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"scaleup/build/browsertest"
)

// The A4 sheet of handout.css (@page { size: A4; margin: 18mm 16mm }) in CSS pixels (96 per
// inch): the box that a page's content fills when Chromium prints at scale 1.
const (
	mmToPx       = 96 / 25.4
	a4ContentW   = (210 - 2*16) * mmToPx // 672.8
	a4ContentH   = (297 - 2*18) * mmToPx // 986.5
	pdfPageRegex = `/Type\s*/Page[^s]`
)

// setMedia emulates a CSS media type ("print", or "" for the screen).
func setMedia(t *testing.T, tab *browsertest.Tab, media string) {
	t.Helper()
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// clauseBox is what clauseScript reports of one clause of the handout under print media.
type clauseBox struct {
	ID          string  `json:"id"`
	Height      float64 `json:"height"`
	BreakInside string  `json:"breakInside"`
}

type handoutLayout struct {
	Clauses      []clauseBox `json:"clauses"`
	BreakBefore  []string    `json:"breakBefore"` // of the benefits and examples sections
	Hidden       []string    `json:"hidden"`      // site chrome that print must leave out
	QRCodes      int         `json:"qrCodes"`
	Examples     int         `json:"examples"`
	PrintedLinks []string    `json:"printedLinks"` // the ::after text of the handout's links
}

const handoutScript = `(() => {
	const clauses = [...document.querySelectorAll(".handout-clause")].map(el => ({
		id: el.getAttribute("aria-labelledby"),
		height: el.getBoundingClientRect().height,
		breakInside: getComputedStyle(el).breakInside,
	}));
	const breakBefore = [".handout-benefits", ".handout-examples"].map(s => getComputedStyle(document.querySelector(s)).breakBefore);
	const hidden = [".site-header", ".notice", ".site-footer"].filter(s => getComputedStyle(document.querySelector(s)).display !== "none");
	const printedLinks = [...document.querySelectorAll("a.handout-link")].slice(0, 3).map(a => getComputedStyle(a, "::after").content);
	return {clauses, breakBefore, hidden, printedLinks,
		qrCodes: document.querySelectorAll("svg.qr").length,
		examples: document.querySelectorAll(".handout-example").length};
})()`

// pagedScript lays the policy section out in columns exactly as large as the A4 content box
// (CSS multi-column fragmentation follows the same break rules as printed pages), and reports
// the clauses that come out in more than one fragment, that is split across "pages", and how
// many columns the policy text takes. With loose set, the clauses' break-inside is turned off
// first: the control that shows the check can see a split. It undoes its changes before
// returning.
const pagedScript = `((w, h, loose) => {
	const sec = document.querySelector(".handout-policy");
	const clauses = [...sec.querySelectorAll(".handout-clause")];
	if (loose) clauses.forEach(el => { el.style.breakInside = "auto"; });
	sec.style.columnWidth = w + "px";
	sec.style.columnGap = "0px";
	sec.style.columnFill = "auto";
	sec.style.height = h + "px";
	sec.style.width = w + "px";
	const split = clauses
		.filter(el => el.getClientRects().length > 1)
		.map(el => el.getAttribute("aria-labelledby"));
	const columns = Math.round(sec.scrollWidth / w);
	sec.removeAttribute("style");
	clauses.forEach(el => el.removeAttribute("style"));
	return {split, columns};
})`

type pagedPolicy struct {
	Split   []string `json:"split"`
	Columns int      `json:"columns"`
}

// TestHandoutPrint prints the three handouts to PDF, reports their page counts, and checks the
// print layout rules that keep a clause whole.
//
// What "no clause is split where it fits on one page" is checked as: Chromium does not paginate
// a page on screen, so the test cannot see page boundaries in the DOM. It checks instead, with
// print media emulated and the window as wide as the A4 sheet's content box (178 mm), that
// (1) every clause's computed break-inside is "avoid", which Chromium's printing honours for
// any block shorter than a page, and (2) every clause is shorter than the sheet's content box
// (261 mm), so that "avoid" can always be met, and (3) laid out in columns the size of the
// A4 content box (multi-column layout fragments content by the same rules as print), no clause
// comes out in two pieces. A clause taller than a page may break, and is logged. The benefits and the examples must start on a new sheet (break-before: page), and
// the site's header, banner and footer must not print. The site is built for a real address
// (servePrintedSite), as a trainer prints it: with the placeholder there are no QR codes.
func TestHandoutPrint(t *testing.T) {
	base := servePrintedSite(t)
	tab := browsertest.New(t).Tab(t)
	pdfDir := filepath.Join(os.TempDir(), "handout-pdf")
	_ = os.MkdirAll(pdfDir, 0o755)
	nClauses := 0
	looseSplits := 0 // clauses split once break-inside is turned off, over the three handouts
	for _, tc := range []struct {
		path string
		name string
	}{
		{"/handout/", "handout-zh.pdf"},
		{"/en/handout/", "handout-en.pdf"},
		{"/handout/bilingual/", "handout-bilingual.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setMedia(t, tab, "")
			tab.SetViewport(t, browsertest.WindowWidth, 900, false)
			tab.Navigate(t, base+tc.path)
			pdf := tab.PDF(t)
			pages := len(regexp.MustCompile(pdfPageRegex).FindAll(pdf, -1))
			_ = os.WriteFile(filepath.Join(pdfDir, tc.name), pdf, 0o644)
			t.Logf("%s prints on %d A4 pages (%d bytes; saved in %s)", tc.path, pages, len(pdf), pdfDir)
			if pages < 3 {
				t.Errorf("%s prints on %d pages: the policy, the benefits and the examples need at least 3", tc.path, pages)
			}

			tab.SetViewport(t, int64(math.Round(a4ContentW)), int64(math.Round(a4ContentH)), false)
			setMedia(t, tab, "print")
			got := browsertest.Get(t, tab, chromedp.Evaluate[handoutLayout](handoutScript))
			if nClauses == 0 {
				nClauses = len(got.Clauses)
			}
			if len(got.Clauses) < 19 || len(got.Clauses) != nClauses {
				t.Errorf("%s has %d clause blocks, want the preamble, part 一 and 17 clauses (%d on the first handout)", tc.path, len(got.Clauses), nClauses)
			}
			tall := 0
			for _, c := range got.Clauses {
				if c.BreakInside != "avoid" {
					t.Errorf("%s: clause %s has break-inside %q in print, want avoid", tc.path, c.ID, c.BreakInside)
				}
				if c.Height > a4ContentH {
					tall++
					t.Logf("%s: clause %s is %.0f px tall, more than a page (%.0f px): it may break", tc.path, c.ID, c.Height, a4ContentH)
				}
				if c.Height == 0 {
					t.Errorf("%s: clause %s is not shown in print", tc.path, c.ID)
				}
			}
			t.Logf("%s: %d clause blocks, %d taller than a page", tc.path, len(got.Clauses), tall)
			size := strconv.FormatFloat(a4ContentW, 'f', 2, 64) + "," + strconv.FormatFloat(a4ContentH, 'f', 2, 64)
			paged := browsertest.Get(t, tab, chromedp.Evaluate[pagedPolicy](pagedScript+"("+size+", false)"))
			loose := browsertest.Get(t, tab, chromedp.Evaluate[pagedPolicy](pagedScript+"("+size+", true)"))
			looseSplits += len(loose.Split)
			t.Logf("%s: the policy text set in A4-sized columns takes %d of them; split clauses: %v (%d without break-inside: avoid)", tc.path, paged.Columns, paged.Split, len(loose.Split))
			if tall == 0 && len(paged.Split) > 0 {
				t.Errorf("%s: clauses %v are split across A4-sized columns although each fits on one", tc.path, paged.Split)
			}
			for i, b := range got.BreakBefore {
				if b != "page" {
					t.Errorf("%s: section %d (benefits, examples) has break-before %q, want page", tc.path, i, b)
				}
			}
			if len(got.Hidden) > 0 {
				t.Errorf("%s prints the site's %s", tc.path, strings.Join(got.Hidden, ", "))
			}
			if got.Examples == 0 || got.QRCodes != got.Examples+1 {
				t.Errorf("%s has %d QR codes for %d examples, want one per example and one for the site", tc.path, got.QRCodes, got.Examples)
			}
			for _, c := range got.PrintedLinks {
				if !strings.Contains(c, "http") {
					t.Errorf("%s: a link prints %s after it, want its absolute URL", tc.path, c)
				}
			}
		})
	}
	setMedia(t, tab, "")
	// The control: the same layout without break-inside: avoid must split some clause, or the
	// check above could not have seen a split. (Per handout it may be none by chance.)
	if looseSplits == 0 {
		t.Errorf("with break-inside turned off no clause is split in any handout: the split check sees nothing")
	}
}

// deckState is what the slides show.
type deckState struct {
	Counter string   `json:"counter"`
	Hash    string   `json:"hash"`
	Visible []string `json:"visible"` // ids of the slides on screen
	Focused string   `json:"focused"`
	Slides  int      `json:"slides"`
	DeckOn  bool     `json:"deckOn"`
}

const deckScript = `(() => ({
	counter: (document.querySelector("[data-deck-counter]") || {}).textContent || "",
	hash: location.hash,
	visible: [...document.querySelectorAll(".slide")].filter(s => s.getBoundingClientRect().height > 0).map(s => s.id),
	focused: document.activeElement ? document.activeElement.id : "",
	slides: document.querySelectorAll(".slide").length,
	deckOn: document.documentElement.classList.contains("deck-on"),
}))()`

func readDeck(t *testing.T, tab *browsertest.Tab) deckState {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[deckState](deckScript))
}

// TestTrainingSlides drives the classroom slides with the keyboard: one slide at a time, the
// counter and #slide-N follow, the slide takes focus, a reload stays; ↑ and ↓ are left to
// scroll a long slide; without JavaScript every slide is on the page.
func TestTrainingSlides(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, browsertest.WindowWidth, 800, false)
	for _, path := range []string{"/training/", "/en/training/"} {
		tab.Navigate(t, base+path)
		browsertest.Get(t, tab, chromedp.Poll[bool](`document.documentElement.classList.contains("deck-on")`))
		s := readDeck(t, tab)
		n := s.Slides
		total := " / " + strconv.Itoa(n)
		// title + preamble + part 一 + 17 clauses + the examples + closing
		if n < 1+19+8+1 {
			t.Fatalf("%s has %d slides, want at least 29", path, n)
		}
		if s.Counter != "1"+total || len(s.Visible) != 1 || s.Visible[0] != "slide-1" {
			t.Fatalf("%s on load: counter %q, visible %v; want 1%s and slide-1 alone", path, s.Counter, s.Visible, total)
		}
		steps := []struct {
			key  string
			name string
			want int
		}{
			{kb.ArrowRight, "→", 2},
			{kb.ArrowRight, "→", 3},
			{kb.ArrowLeft, "←", 2},
			{kb.PageDown, "PageDown", 3},
			{" ", "Space", 4},
			{kb.PageUp, "PageUp", 3},
			{kb.End, "End", n},
			{kb.ArrowRight, "→ at the end", n},
			{kb.Home, "Home", 1},
			{kb.ArrowLeft, "← at the start", 1},
			{kb.ArrowRight, "→", 2},
			{kb.ArrowDown, "↓ scrolls, stays", 2},
			{kb.ArrowRight, "→", 3},
		}
		for _, st := range steps {
			tab.Run(t, chromedp.KeyEvent(st.key))
			s = readDeck(t, tab)
			id := "slide-" + strconv.Itoa(st.want)
			if s.Counter != strconv.Itoa(st.want)+total || s.Hash != "#"+id || len(s.Visible) != 1 || s.Visible[0] != id {
				t.Fatalf("%s after %s: counter %q, hash %q, visible %v; want %d%s, #%s alone", path, st.name, s.Counter, s.Hash, s.Visible, st.want, total, id)
			}
			if s.Focused != id {
				t.Errorf("%s after %s: focus on %q, want the slide %s", path, st.name, s.Focused, id)
			}
		}
		tab.Run(t, chromedp.Reload())
		browsertest.Get(t, tab, chromedp.Poll[bool](`document.documentElement.classList.contains("deck-on")`))
		s = readDeck(t, tab)
		if s.Counter != "3"+total || len(s.Visible) != 1 || s.Visible[0] != "slide-3" {
			t.Errorf("%s after reload at #slide-3: counter %q, visible %v", path, s.Counter, s.Visible)
		}
		tab.AssertNoConsoleErrors(t)
		tab.AssertSameOrigin(t, base) // works offline: nothing from elsewhere

		// Esc leaves for the home page of the slides' language.
		home := strings.TrimSuffix(path, "training/")
		browsertest.Get(t, tab, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Escape)))
		if loc := tab.Location(t); loc != base+home {
			t.Errorf("%s: Esc went to %s, want %s", path, loc, base+home)
		}
	}

	// Without JavaScript: a long page with every slide.
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	tab.Navigate(t, base+"/training/")
	s := readDeckNoScript(t, tab)
	if s.DeckOn || len(s.Visible) != s.Slides {
		t.Errorf("without JavaScript %d of %d slides show (deck-on %v), want all", len(s.Visible), s.Slides, s.DeckOn)
	}
}

// readDeckNoScript reads the slides with page scripts off: the evaluation runs in the DevTools
// context, which the setting does not stop.
func readDeckNoScript(t *testing.T, tab *browsertest.Tab) deckState {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.EvaluateAsDevTools[deckState](deckScript))
}

type textPrefs struct {
	On      bool    `json:"on"`
	Pressed string  `json:"pressed"`
	RootPx  float64 `json:"rootPx"`
	Shown   bool    `json:"shown"`
	Stored  string  `json:"stored"`
	DeckPx  float64 `json:"deckPx"`
}

const prefsScript = `(() => {
	const b = document.querySelector("[data-large-text]");
	const deck = document.querySelector(".deck");
	return {
		on: document.documentElement.classList.contains("large-text"),
		pressed: b ? b.getAttribute("aria-pressed") : "",
		rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
		shown: !!b && !b.hidden && b.getBoundingClientRect().width > 0,
		stored: localStorage.getItem("scaleup.largeText") || "",
		deckPx: deck ? parseFloat(getComputedStyle(deck).fontSize) : 0,
	};
})()`

// TestLargeTextToggle turns the large-text mode on with the header button and checks that it
// enlarges the root font, is announced as pressed, and stays on across pages and a reload,
// including on the slides; then turns it off again.
func TestLargeTextToggle(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, browsertest.WindowWidth, 800, false)
	read := func() textPrefs { return browsertest.Get(t, tab, chromedp.Evaluate[textPrefs](prefsScript)) }

	tab.Navigate(t, base+"/training/")
	deckBefore := read().DeckPx
	tab.Navigate(t, base+"/")
	before := read()
	if before.On || before.Pressed != "false" || !before.Shown {
		t.Fatalf("on a first visit: %+v, want the toggle shown, off and not pressed", before)
	}
	tab.Run(t, chromedp.Click(chromedp.CSS("[data-large-text]")))
	on := read()
	if !on.On || on.Pressed != "true" || on.Stored != "1" {
		t.Fatalf("after the click: %+v, want on, pressed and stored", on)
	}
	if want := before.RootPx * 1.25; math.Abs(on.RootPx-want) > 0.5 {
		t.Errorf("root font %.1f px with large text, want %.1f (125%% of %.1f)", on.RootPx, want, before.RootPx)
	}
	for _, path := range []string{"/en/policy/08-social-insurance/", "/training/"} {
		tab.Navigate(t, base+path)
		got := read()
		if !got.On || got.Pressed != "true" || got.RootPx != on.RootPx {
			t.Errorf("%s after turning large text on elsewhere: %+v", path, got)
		}
		if path == "/training/" && !(got.DeckPx > deckBefore) {
			t.Errorf("the slides' type is %.1f px with large text, %.1f px without: it should grow", got.DeckPx, deckBefore)
		}
	}
	tab.Run(t, chromedp.Reload())
	if got := read(); !got.On {
		t.Errorf("large text lost on reload: %+v", got)
	}
	// The slides hide the site's header; their controls carry the same toggle.
	tab.Run(t, chromedp.Click(chromedp.CSS(".deck-controls [data-large-text]")))
	tab.Navigate(t, base+"/")
	if got := read(); got.On || got.Pressed != "false" || got.Stored != "" || got.RootPx != before.RootPx {
		t.Errorf("after turning it off: %+v, want as before %+v", got, before)
	}
	tab.AssertNoConsoleErrors(t)
}

// TestTrainingPagesReflow loads the handouts and the slides on a 320 px phone: nothing may make
// them scroll sideways (the QR captions' URLs wrap, the bilingual columns stack, the benefits
// table turns into cards).
func TestTrainingPagesReflow(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, browsertest.MobileWidth, 800, true)
	for _, path := range []string{"/handout/", "/en/handout/", "/handout/bilingual/", "/en/handout/bilingual/", "/training/", "/en/training/"} {
		tab.Navigate(t, base+path)
		got := browsertest.Get(t, tab, chromedp.Evaluate[overflow](overflowScript))
		if got.Width > browsertest.MobileWidth {
			t.Errorf("%s is %d px wide at %d px; wider elements: %s", path, got.Width, browsertest.MobileWidth,
				strings.Join(got.Culprits, ", "))
		}
	}
}

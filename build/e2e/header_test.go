package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"scaleup/build/browsertest"
)

// firstScreen is what firstScreenScript measures on a phone.
type firstScreen struct {
	Chrome     float64  `json:"chrome"`     // bottom of the notice: header, menu and notice together
	Height     float64  `json:"height"`     // the window's height
	Calculator float64  `json:"calculator"` // bottom of the first visible link in <main> to the calculator, 0 if none
	NavShown   []string `json:"navShown"`   // navigation links on screen
}

const firstScreenScript = `(() => {
	// checkVisibility: the content of a closed <details> keeps its boxes but is not rendered.
	const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.checkVisibility({visibilityProperty: true}); };
	const calc = [...document.querySelectorAll('main a[href$="/calculator/"]')].filter(visible)[0];
	return {
		chrome: document.querySelector(".notice").getBoundingClientRect().bottom,
		height: window.innerHeight,
		calculator: calc ? calc.getBoundingClientRect().bottom : 0,
		navShown: [...document.querySelectorAll(".site-nav a")].filter(visible).map(a => a.textContent.trim()),
	};
})()`

// TestPhoneHeaderShare loads pages on a 390×844 and a 320×640 phone, in both languages: the
// header, its menu and the notice together take at most a quarter of the first screen at 390
// and a third at 320, and the home page shows a link to the calculator on that first screen.
// Before, the English header took 460 of 844 px and 495 of 640, and the calculator link was
// 1,400 px down. The menu opens with a tap, with and without JavaScript (it is a <details>).
func TestPhoneHeaderShare(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	shots := filepath.Join(os.TempDir(), "phone-header")
	_ = os.MkdirAll(shots, 0o755)
	shot := func(name string) {
		png := browsertest.Get(t, tab, chromedp.CaptureScreenshot())
		_ = os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
	}
	for _, js := range []bool{true, false} {
		setScripts(t, tab, js)
		for _, size := range []struct {
			w, h  int64
			share float64
		}{{390, 844, 0.25}, {320, 640, 1.0 / 3}} {
			tab.SetViewport(t, size.w, size.h, true)
			for _, path := range []string{"/", "/en/", "/policy/08-social-insurance/", "/en/policy/08-social-insurance/", "/en/calculator/"} {
				tab.Navigate(t, base+path)
				got := browsertest.Get(t, tab, chromedp.EvaluateAsDevTools[firstScreen](firstScreenScript))
				where := path + " at " + strconv.FormatInt(size.w, 10) + "×" + strconv.FormatInt(size.h, 10)
				if !js {
					where += " without JavaScript"
				}
				t.Logf("%s: header, menu and notice %.0f px of %.0f (%.0f%%)", where, got.Chrome, got.Height, 100*got.Chrome/got.Height)
				if got.Chrome > size.share*got.Height {
					t.Errorf("%s: header, menu and notice take %.0f px of %.0f, more than %.0f%%", where, got.Chrome, got.Height, 100*size.share)
				}
				if len(got.NavShown) > 0 {
					t.Errorf("%s: the menu is open on arrival (%v)", where, got.NavShown)
				}
				if js && (path == "/" || path == "/en/") {
					shot(strings.Trim(strings.ReplaceAll(path, "/", "-"), "-") + "home-" + strconv.FormatInt(size.w, 10))
				}
				if (path == "/" || path == "/en/") && (got.Calculator == 0 || got.Calculator > got.Height) {
					t.Errorf("%s: no link to the calculator on the first screen (first one ends at %.0f px)", where, got.Calculator)
				}
				if path == "/en/policy/08-social-insurance/" {
					// The menu opens with a tap and shows every section.
					tab.Run(t, chromedp.Click(chromedp.CSS(".site-menu > summary")))
					open := browsertest.Get(t, tab, chromedp.EvaluateAsDevTools[firstScreen](firstScreenScript))
					if js {
						shot("en-menu-open-" + strconv.FormatInt(size.w, 10))
					}
					if len(open.NavShown) != 7 {
						t.Errorf("%s: after a tap on the menu button, %d navigation links show (%v), want 7", where, len(open.NavShown), open.NavShown)
					}
				}
			}
		}
	}
	setScripts(t, tab, true)
	t.Logf("screenshots in %s", shots)
}

// TestDesktopHeaderUnchanged: on a wide screen the menu is not folded: the navigation and the
// search box show at once, without a menu button.
func TestDesktopHeaderUnchanged(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, 1280, 900, false)
	for _, path := range []string{"/", "/en/faq/"} {
		tab.Navigate(t, base+path)
		got := browsertest.Get(t, tab, chromedp.Evaluate[firstScreen](firstScreenScript))
		button := browsertest.Get(t, tab, chromedp.Evaluate[float64](`document.querySelector(".site-menu > summary").getBoundingClientRect().width`))
		search := browsertest.Get(t, tab, chromedp.Evaluate[float64](`document.getElementById("site-search-q").getBoundingClientRect().width`))
		if len(got.NavShown) != 7 || button != 0 || search < 100 {
			t.Errorf("%s at 1280 px: %d navigation links (%s), menu button %.0f px wide, search box %.0f px; want 7 links, no button, the box",
				path, len(got.NavShown), strings.Join(got.NavShown, ", "), button, search)
		}
	}
}

// setScripts turns the page's JavaScript on or off for the tab (evaluations made with
// EvaluateAsDevTools run either way).
func setScripts(t *testing.T, tab *browsertest.Tab, on bool) {
	t.Helper()
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// TestPhoneMenuKeyboard opens the phone's menu from the keyboard: Tab reaches the menu button
// (with a visible focus ring), Enter opens it, and Tab goes on into the search box and the
// sections; closed, the menu's content takes no focus.
func TestPhoneMenuKeyboard(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, 390, 844, true)
	for _, path := range []string{"/policy/08-social-insurance/", "/en/faq/"} {
		tab.Navigate(t, base+path)
		button := tabUntil(t, tab, 6, "the menu button", func(f focused) bool { return f.Tag == "summary" })
		if button.Ring == "" || button.Ratio < minRingContrast {
			t.Errorf("%s: the focused menu button shows ring %q (contrast %.2f)", path, button.Ring, button.Ratio)
		}
		// Closed: the next Tab leaves the header.
		if f := keyPress(t, tab, kb.Tab); f.ID == "site-search-q" || strings.Contains(f.Class, "prefs-toggle") {
			t.Errorf("%s: Tab after the closed menu button focuses %s, inside the closed menu", path, f)
		}
		if inMenu := browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.activeElement.closest(".site-menu")`)); inMenu {
			t.Errorf("%s: Tab after the closed menu button goes into the closed menu", path)
		}
		keyPress(t, tab, kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
		keyPress(t, tab, kb.Enter)
		if open := browsertest.Get(t, tab, chromedp.Evaluate[bool](`document.querySelector(".site-menu").open`)); !open {
			t.Fatalf("%s: Enter on the menu button does not open the menu", path)
		}
		tabUntil(t, tab, 3, "the search box", func(f focused) bool { return f.ID == "site-search-q" })
		link := tabUntil(t, tab, 3, "the first section", func(f focused) bool { return f.Tag == "a" && !f.InMain })
		if link.Ring == "" {
			t.Errorf("%s: a focused section link in the menu shows no ring", path)
		}
	}
}

// hintScript measures the search boxes' placeholder text against the room inside them.
const hintScript = `(() => {
	const ctx = document.createElement("canvas").getContext("2d");
	return [...document.querySelectorAll('input[type="search"]')].filter(i => i.getBoundingClientRect().width > 0).map(i => {
		const st = getComputedStyle(i);
		ctx.font = st.fontStyle + " " + st.fontWeight + " " + st.fontSize + " " + st.fontFamily;
		const room = i.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
		return {id: i.id, text: i.placeholder, width: ctx.measureText(i.placeholder).width, room};
	});
})()`

type hint struct {
	ID    string  `json:"id"`
	Text  string  `json:"text"`
	Width float64 `json:"width"`
	Room  float64 `json:"room"`
}

// TestSearchHintFits: the search boxes' hint ("如：社保补贴、担保费") is not cut off, on a phone
// (menu open) or a desktop, in either language. It used to end in "担保" and "social ins".
func TestSearchHintFits(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, w := range []int64{320, 390, 1280} {
		tab.SetViewport(t, w, 800, w < 1000)
		for _, path := range []string{"/", "/en/", "/search/", "/en/search/"} {
			tab.Navigate(t, base+path)
			if w < 1000 {
				tab.Run(t, chromedp.Click(chromedp.CSS(".site-menu > summary")))
			}
			hints := browsertest.Get(t, tab, chromedp.Evaluate[[]hint](hintScript))
			if len(hints) == 0 {
				t.Errorf("%s at %d px: no search box shown", path, w)
			}
			for _, h := range hints {
				if h.Width > h.Room {
					t.Errorf("%s at %d px: the hint %q of #%s is %.0f px wide in a box with %.0f px of room", path, w, h.Text, h.ID, h.Width, h.Room)
				}
			}
		}
	}
}

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"scaleup/build/browsertest"
)

// layoutPages has one page of every layout, in both languages where the layout differs by
// language (the English policy text is set differently from the Chinese).
var layoutPages = []string{
	"/", "/en/",
	"/policy/", "/en/policy/",
	"/policy/preamble/", "/policy/08-social-insurance/", "/en/policy/04-reward-211/", "/en/policy/08-social-insurance/",
	"/benefits/", "/en/benefits/",
	"/glossary/", "/en/glossary/",
	"/departments/", "/departments/sme-centre/", "/en/departments/sme-centre/",
	"/faq/", "/en/faq/",
	"/status/", "/about/",
	"/calculator/", "/search/",
	"/404.html",
}

// overflowScript returns the page's scroll width and, when it is wider than the viewport, the
// elements that stick out, so a failure says where to look.
const overflowScript = `(() => {
	const w = document.documentElement.clientWidth;
	const out = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.right > w + 0.5 && r.width > 0) {
			out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") +
				" right=" + Math.round(r.right));
		}
	}
	return {width: document.documentElement.scrollWidth, culprits: out.slice(0, 8)};
})()`

type overflow struct {
	Width    int      `json:"width"`
	Culprits []string `json:"culprits"`
}

// TestNoHorizontalScrollAt320 loads every page type on a 320 px wide phone (WCAG 1.4.10 reflow)
// and checks that nothing makes the page scroll sideways: long URLs wrap, the benefits table
// turns into cards, the header and navigation wrap.
func TestNoHorizontalScrollAt320(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, browsertest.MobileWidth, 800, true)
	for _, path := range layoutPages {
		tab.Navigate(t, base+path)
		got := browsertest.Get(t, tab, chromedp.Evaluate[overflow](overflowScript))
		if got.Width > browsertest.MobileWidth {
			t.Errorf("%s is %d px wide at %d px; wider elements: %s", path, got.Width, browsertest.MobileWidth,
				strings.Join(got.Culprits, ", "))
		}
	}
}

// contrastScript finds every element with its own visible text and compares its colour with the
// first opaque background behind it (WCAG 1.4.3). It returns the pairs under 4.5:1, for all text
// sizes: the site holds itself to the stricter figure.
const contrastScript = `(() => {
	const parse = s => {
		const m = s.match(/rgba?\(([^)]+)\)/);
		if (!m) return null;
		const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const lum = c => {
		const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const background = el => {
		for (; el; el = el.parentElement) {
			const c = parse(getComputedStyle(el).backgroundColor);
			if (c && c.a > 0) return c;
		}
		return {r: 255, g: 255, b: 255, a: 1};
	};
	const bad = [];
	let checked = 0;
	for (const el of document.body.querySelectorAll("*")) {
		const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== "");
		if (!own) continue;
		const r = el.getBoundingClientRect();
		const st = getComputedStyle(el);
		if (r.width <= 1 || r.height <= 1 || st.visibility !== "visible" || el.closest("[hidden]")) continue;
		const fg = parse(st.color), bg = background(el);
		if (!fg) continue;
		checked++;
		const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
		const ratio = (hi + 0.05) / (lo + 0.05);
		if (ratio < 4.5) {
			bad.push(el.tagName.toLowerCase() + "." + String(el.className) + " " + st.color + " on " +
				"rgb(" + bg.r + "," + bg.g + "," + bg.b + ") = " + ratio.toFixed(2) + ": " + el.textContent.trim().slice(0, 20));
		}
	}
	return {checked, bad: bad.slice(0, 10)};
})()`

type contrast struct {
	Checked int      `json:"checked"`
	Bad     []string `json:"bad"`
}

// TestTextContrast checks the colour of every piece of text on every page type, at the phone
// and the desktop width (the header and the benefits table change between them), and with the
// reader's "more contrast" setting (its own palette).
func TestTextContrast(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	for _, tc := range []struct {
		width    int64
		contrast string // prefers-contrast, "" for the default
	}{{browsertest.MobileWidth, ""}, {1280, ""}, {browsertest.MobileWidth, "more"}} {
		tab.SetViewport(t, tc.width, 900, false)
		emulateMedia(t, tab, "", tc.contrast)
		for _, path := range layoutPages {
			tab.Navigate(t, base+path)
			got := browsertest.Get(t, tab, chromedp.Evaluate[contrast](contrastScript))
			if got.Checked == 0 {
				t.Errorf("%s at %d px: no text found to check", path, tc.width)
			}
			for _, b := range got.Bad {
				t.Errorf("%s at %d px (prefers-contrast %q): contrast under 4.5:1: %s", path, tc.width, tc.contrast, b)
			}
		}
	}
}

// emulateMedia sets the CSS media type ("print", or "" for screen) and prefers-contrast ("more",
// or "" for no preference) for the tab.
func emulateMedia(t *testing.T, tab *browsertest.Tab, media, contrast string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	if contrast != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-contrast", Value: contrast}}
	}
	tab.Run(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, params)
		return err
	}))
}

// TestBenefitsTableReflows: a table on the desktop, one card per row on a phone.
func TestBenefitsTableReflows(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	const rowDisplay = `getComputedStyle(document.querySelector(".benefits tbody tr")).display`
	for _, tc := range []struct {
		width int64
		want  string
	}{{browsertest.MobileWidth, "flex"}, {1280, "table-row"}} {
		tab.SetViewport(t, tc.width, 900, false)
		tab.Navigate(t, base+"/benefits/")
		if got := browsertest.Get(t, tab, chromedp.Evaluate[string](rowDisplay)); got != tc.want {
			t.Errorf("at %d px a benefits row displays as %q, want %q", tc.width, got, tc.want)
		}
	}
}

// TestSkipLinkAndFocus: the skip link is hidden until it has focus, then shown at the top; a
// focused link has a 3 px outline.
func TestSkipLinkAndFocus(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.SetViewport(t, browsertest.MobileWidth, 800, true)
	tab.Navigate(t, base+"/policy/08-social-insurance/")
	const size = `(() => { const r = document.querySelector(".skip-link").getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height), Math.round(r.top)]; })()`
	if got := browsertest.Get(t, tab, chromedp.Evaluate[[]int](size)); got[0] > 1 {
		t.Errorf("skip link before focus: %v (width, height, top), want hidden", got)
	}
	tab.Run(t, chromedp.Focus(chromedp.CSS(".skip-link")))
	if got := browsertest.Get(t, tab, chromedp.Evaluate[[]int](size)); got[0] < 100 || got[1] < 20 || got[2] < 0 {
		t.Errorf("skip link with focus: %v (width, height, top), want a visible bar at the top", got)
	}
	tab.Run(t, chromedp.Focus(chromedp.CSS(".policy-body a.term")))
	outline := browsertest.Get(t, tab, chromedp.Evaluate[string](`(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth; })()`))
	if outline != "solid 3px" {
		t.Errorf("focused link outline = %q, want solid 3px", outline)
	}
}

// TestPrintStyles emulates print media on a clause page: navigation, search, the skip link and
// the language switch are gone, links in the text show their address, glossary links in the
// policy text do not, and the policy text is kept on one page.
func TestPrintStyles(t *testing.T) {
	base := serveSite(t)
	tab := browsertest.New(t).Tab(t)
	tab.Navigate(t, base+"/policy/08-social-insurance/")
	emulateMedia(t, tab, "print", "")
	got := browsertest.Get(t, tab, chromedp.Evaluate[map[string]string](`(() => {
		const css = (sel, prop, pseudo) => { const el = document.querySelector(sel); return el ? getComputedStyle(el, pseudo)[prop] : "missing"; };
		return {
			nav: css(".site-nav", "display"),
			menu: css(".site-menu-toggle", "display"),
			search: css(".site-search", "display"),
			skip: css(".skip-link", "display"),
			lang: css(".lang-switch", "display"),
			noteLink: css('.note a[href^="/"]', "content", "::after"),
			termLink: css(".policy-body a.term", "content", "::after"),
			policyText: css(".policy-text", "breakInside"),
		};
	})()`))
	for _, k := range []string{"nav", "menu", "search", "skip", "lang"} {
		if got[k] != "none" {
			t.Errorf("print: %s displays as %q, want none", k, got[k])
		}
	}
	if !strings.Contains(got["noteLink"], "/status/") {
		t.Errorf("print: a link in the note is followed by %s, want its address", got["noteLink"])
	}
	if got["termLink"] != "none" {
		t.Errorf("print: a glossary link in the policy text is followed by %s, want nothing", got["termLink"])
	}
	if got["policyText"] != "avoid" {
		t.Errorf("print: the policy text has break-inside %q, want avoid", got["policyText"])
	}
}

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// RunTimeout bounds one Run or Get call.
const RunTimeout = 30 * time.Second

// Tab is one browser tab with a recorder: every request URL the page makes,
// and every console error or warning, uncaught exception, failed load and
// Content-Security-Policy violation.
type Tab struct {
	ctx context.Context // the chromedp context of the tab

	mu       sync.Mutex
	requests []string
	problems []string
	csp      []string
}

// The CSP reporter runs in an isolated world, so the page under test sees
// neither its listener nor its binding.
const (
	reporterWorld   = "browsertest"
	reporterBinding = "browsertestReportCSP"
	reporterScript  = `document.addEventListener("securitypolicyviolation", function (e) {
  ` + reporterBinding + `(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
    " in " + e.sourceFile + ":" + e.lineNumber);
}, true);`
)

// Tab opens a new tab, closed when t ends.
func (b *Browser) Tab(t testing.TB) *Tab {
	t.Helper()
	tab := &Tab{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tab.record))
	tab.ctx = ctx
	t.Cleanup(cancel)
	installReporter := chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, runtime.AddBinding, runtime.AddBindingParams{
			Name: reporterBinding, ExecutionContextName: reporterWorld,
		})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: reporterScript, WorldName: reporterWorld,
		})
		return err
	})
	// The first Do opens the tab and binds it to the context it gets, so it
	// must get ctx itself, not one with a timeout.
	if err := bounded(func() error { return chromedp.Do(ctx, installReporter) }, cancel); err != nil {
		t.Fatalf("opening a tab: %v%s", err, b.output.tail())
	}
	return tab
}

// record is the tab's listener. It runs in the loop that reads the tab's
// messages, so it only appends.
func (tab *Tab) record(ev any) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tab.requests = append(tab.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning ||
			ev.Type == runtime.ConsoleAPICalledTypeAssert {
			tab.problem("console."+string(ev.Type)+": "+argsText(ev.Args), "")
		}
	case *runtime.EventExceptionThrown:
		tab.problem("uncaught exception: "+exceptionText(ev.ExceptionDetails), "")
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning {
			msg := fmt.Sprintf("%s %s: %s", e.Source, e.Level, e.Text)
			if e.URL != "" {
				msg += " (" + e.URL + ")"
			}
			tab.problem(msg, e.Text)
		}
	case *runtime.EventBindingCalled:
		if ev.Name == reporterBinding {
			msg := "CSP violation: " + ev.Payload
			tab.problems = append(tab.problems, msg)
			tab.csp = append(tab.csp, msg)
		}
	}
}

// problem records msg, and as a CSP violation too when text mentions the
// policy (Chromium's own console message for a violation).
func (tab *Tab) problem(msg, text string) {
	tab.problems = append(tab.problems, msg)
	if strings.Contains(text, "Content Security Policy") || strings.Contains(msg, "Content Security Policy") {
		tab.csp = append(tab.csp, msg)
	}
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, len(args))
	for i, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil:
			parts[i] = s
		case a.Description != "":
			parts[i] = a.Description
		case len(a.Value) > 0:
			parts[i] = string(a.Value)
		case a.UnserializableValue != "":
			parts[i] = string(a.UnserializableValue)
		default:
			parts[i] = string(a.Type)
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	if d.URL != "" {
		text += fmt.Sprintf(" at %s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return text
}

// Requests returns the URL of every request the tab has made, in order.
func (tab *Tab) Requests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.requests...)
}

// ConsoleErrors returns every console error and warning, uncaught exception,
// browser log error (a failed load) and CSP violation, in order.
func (tab *Tab) ConsoleErrors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// CSPViolations returns the Content-Security-Policy violations alone: the
// page's securitypolicyviolation events and Chromium's console messages
// about the policy.
func (tab *Tab) CSPViolations() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.csp...)
}

// Reset forgets what the recorder has seen so far.
func (tab *Tab) Reset() {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.requests, tab.problems, tab.csp = nil, nil, nil
}

// Context returns the tab's chromedp context, for calls the helpers lack.
// Bound each call with a timeout derived from it.
func (tab *Tab) Context() context.Context { return tab.ctx }

// Run runs actions in order and fails the test at the first error, at the
// latest after RunTimeout.
func (tab *Tab) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, RunTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v%s", err, tab.context())
	}
}

// Get runs one action that returns a value (chromedp.Location(),
// chromedp.Text(...), chromedp.Evaluate[T](...)) and fails the test on error.
func Get[T any](t testing.TB, tab *Tab, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, RunTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("browser: %v%s", err, tab.context())
	}
	return v
}

// context describes the tab's state for a failure message.
func (tab *Tab) context() string {
	var b strings.Builder
	ctx, cancel := context.WithTimeout(tab.ctx, 2*time.Second)
	defer cancel()
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		b.WriteString("\npage: " + loc)
	}
	if problems := tab.ConsoleErrors(); len(problems) > 0 {
		b.WriteString("\nconsole:\n  " + strings.Join(problems, "\n  "))
	}
	return b.String()
}

// AssertSameOrigin fails the test, listing them, if any request of the tab
// went to another origin than origin ("http://127.0.0.1:PORT", a URL under it
// also works). data:, blob: and about: URLs load nothing from a network.
func (tab *Tab) AssertSameOrigin(t testing.TB, origin string) {
	t.Helper()
	if others := crossOrigin(tab.Requests(), origin); len(others) > 0 {
		t.Errorf("requests to other origins than %s:\n  %s", origin, strings.Join(others, "\n  "))
	}
}

// crossOrigin returns the requests that are not under origin.
func crossOrigin(requests []string, origin string) []string {
	want := originOf(origin)
	var others []string
	for _, r := range requests {
		if strings.HasPrefix(r, "data:") || strings.HasPrefix(r, "blob:") || strings.HasPrefix(r, "about:") {
			continue
		}
		if originOf(r) != want || want == "" {
			others = append(others, r)
		}
	}
	return others
}

// originOf returns scheme://host[:port] of a URL, lower-case, or "" when it
// has none.
func originOf(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// AssertNoConsoleErrors fails the test, listing them, if the tab recorded any
// console error or warning, exception, failed load or CSP violation.
func (tab *Tab) AssertNoConsoleErrors(t testing.TB) {
	t.Helper()
	if problems := tab.ConsoleErrors(); len(problems) > 0 {
		t.Errorf("console problems:\n  %s", strings.Join(problems, "\n  "))
	}
}

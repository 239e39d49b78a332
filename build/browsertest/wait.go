package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Waits in tests are on state, never on a clock: a page, a service worker or a dev server on a
// loaded machine may take any time, and how long is for benchmarks to measure. A wait that never
// ends fails shortly before the test's own deadline (go test -timeout), saying what it waited
// for, instead of go test's stack dump of every goroutine.

// pollInterval is how often WaitUntil and WaitFor look again.
const pollInterval = 50 * time.Millisecond

// giveUpAt returns when a wait must stop so that its failure is reported before the test's
// deadline: a tenth of the time left, at most a minute, before it. ok is false when the test has
// no deadline (go test -timeout 0, or a benchmark): the wait then lasts as long as it must.
func giveUpAt(t testing.TB) (at time.Time, ok bool) {
	d, hasDeadline := t.(interface{ Deadline() (time.Time, bool) })
	if !hasDeadline {
		return time.Time{}, false
	}
	deadline, ok := d.Deadline()
	if !ok {
		return time.Time{}, false
	}
	return deadline.Add(-min(time.Until(deadline)/10, time.Minute)), true
}

// WaitUntil calls done until it returns true. If the test's deadline comes first it fails the
// test: "waited for WHAT until the test's deadline", then what describe returns (nil for
// nothing).
func WaitUntil(t testing.TB, what string, done func() bool, describe func() string) {
	t.Helper()
	giveUp, limited := giveUpAt(t)
	for !done() {
		if limited && time.Now().After(giveUp) {
			more := ""
			if describe != nil {
				more = describe()
			}
			t.Fatalf("waited for %s until the test's deadline (go test -timeout)%s", what, more)
			return
		}
		time.Sleep(pollInterval)
	}
}

// WaitFor evaluates expression in the tab's page (awaiting it when it is a promise) until it
// gives a string other than "", and returns that string. An evaluation that fails, as it does
// while the page reloads, counts as not yet; so does one still running when the test's deadline
// nears. A failure names what was awaited, the last error, the page and its console problems.
func (tab *Tab) WaitFor(t testing.TB, what, expression string) string {
	t.Helper()
	ctx, cancel := tab.ctx, context.CancelFunc(func() {})
	if giveUp, limited := giveUpAt(t); limited {
		ctx, cancel = context.WithDeadline(tab.ctx, giveUp)
	}
	defer cancel()
	var state string
	var lastErr error
	WaitUntil(t, what, func() bool {
		state, lastErr = chromedp.Run(ctx, chromedp.Evaluate[string](expression, chromedp.EvalAwaitPromise))
		return lastErr == nil && state != ""
	}, func() string {
		s := ""
		if lastErr != nil {
			s = "\nlast evaluation: " + lastErr.Error()
		}
		return s + tab.context()
	})
	return state
}

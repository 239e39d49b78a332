// Package e2e holds the browser tests of the real site: it builds content/ once with every stage,
// serves the result on 127.0.0.1 and drives Debian's Chromium through build/browsertest.
// Outside CI the tests skip when Chromium is missing; with CI set they fail instead.
package e2e

// Package diag collects build diagnostics: problems found in content, data and templates,
// each tied to a file, line and column, reported all at once and in a stable order.
//
// Positions are stored as line/column pairs computed from byte offsets only when a problem is
// found, the way esbuild's logger and Hugo's herrors do it: the happy path pays nothing.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem. Line and Col are 1-based; 0 means unknown.
type Diagnostic struct {
	File     string // path relative to the project root, with forward slashes
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	if d.Severity == Warning {
		b.WriteString(": warning: ")
	} else {
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List gathers diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Items returns the diagnostics sorted by file, line, column, then message, without duplicates.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.Slice(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := items[:0]
	for i, d := range items {
		if i > 0 && d == items[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Errors counts the diagnostics that fail the build.
func (l *List) Errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, d := range l.items {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Promote turns every warning into an error (the -strict flag).
func (l *List) Promote() {
	l.mu.Lock()
	for i := range l.items {
		l.items[i].Severity = Error
	}
	l.mu.Unlock()
}

// Err returns nil when there is no error, or an error whose text lists every diagnostic, one per line.
func (l *List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &BuildError{Items: l.Items()}
}

// BuildError is returned by a failed build. Its text is one diagnostic per line.
type BuildError struct {
	Items []Diagnostic
}

func (e *BuildError) Error() string {
	lines := make([]string, len(e.Items))
	for i, d := range e.Items {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Position turns a byte offset in src into a 1-based line and a 1-based column counted in
// characters (runes), which is what editors show for Chinese text.
func Position(src []byte, offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	if offset > len(src) {
		offset = len(src)
	}
	line = 1
	lineStart := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, utf8.RuneCount(src[lineStart:offset]) + 1
}

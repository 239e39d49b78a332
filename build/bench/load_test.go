package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The load section goes at the end of BENCHMARKS.md the first time, then replaces itself,
// leaving the rest of the file as it was.
func TestWriteSection(t *testing.T) {
	file := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := os.WriteFile(file, []byte("# Benchmarks\n\nthe rest\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	section := func(body string) string { return loadBegin + "\n" + body + "\n" + loadEnd }
	if err := writeSection(file, section("first run")); err != nil {
		t.Fatal(err)
	}
	if err := writeSection(file, section("second run")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	want := "# Benchmarks\n\nthe rest\n\n" + section("second run") + "\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := loadSection(string(got)); s != section("second run") {
		t.Errorf("loadSection = %q", s)
	}
	if s := loadSection("# Benchmarks\n"); s != "" {
		t.Errorf("loadSection of a file without the section = %q", s)
	}
}

func TestPercentile(t *testing.T) {
	var l loadResult
	for i := 1; i <= 200; i++ {
		l.latencies = append(l.latencies, time.Duration(i)*time.Millisecond)
	}
	for _, tt := range []struct {
		p    float64
		want time.Duration
	}{{50, 100 * time.Millisecond}, {99, 198 * time.Millisecond}, {100, 200 * time.Millisecond}, {0, time.Millisecond}} {
		if got := l.percentile(tt.p); got != tt.want {
			t.Errorf("percentile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if got := (loadResult{}).percentile(50); got != 0 {
		t.Errorf("percentile of nothing = %v", got)
	}
}

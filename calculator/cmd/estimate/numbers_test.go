package main

import (
	"encoding/json"
	"os"
	"testing"
)

// numberCase is one line of testdata/numbers.json: a function of format.ts by its name, what
// was typed, and what the core gets (null: not a number). build/e2e runs the same file through
// format.ts under Node.
type numberCase struct {
	Fn   string  `json:"fn"`
	In   string  `json:"in"`
	Want *string `json:"want"`
}

// TestNumbersAsTheForm reads every cell form the calculator's form reads, the same way.
func TestNumbersAsTheForm(t *testing.T) {
	src, err := os.ReadFile("testdata/numbers.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []numberCase
	if err := json.Unmarshal(src, &cases); err != nil {
		t.Fatal(err)
	}
	fns := map[string]func(string) (string, bool){
		"parseMoney": parseMoney, "parseInt10": parseWhole, "parsePercent": parsePercent, "parseMonth": parseMonth,
	}
	for _, c := range cases {
		fn := fns[c.Fn]
		if fn == nil {
			t.Fatalf("testdata/numbers.json: no function %q", c.Fn)
		}
		got, ok := fn(c.In)
		switch {
		case c.Want == nil && ok:
			t.Errorf("%s(%q) = %q, want not a number", c.Fn, c.In, got)
		case c.Want != nil && (!ok || got != *c.Want):
			t.Errorf("%s(%q) = %q, %v; want %q", c.Fn, c.In, got, ok, *c.Want)
		}
	}
}

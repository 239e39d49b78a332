package search

import (
	"testing"
	"unicode/utf8"
)

// FuzzTokenize feeds arbitrary text to the tokenizer and the query side. Neither may panic;
// positions never go backwards; every query token is a token of the same text (the index and the
// query must agree); a Han bigram is two characters. `go test` runs the corpus in
// testdata/fuzz/FuzzTokenize; `go test -run '^$' -fuzz FuzzTokenize ./build/search/` searches.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "社保补贴", "20万元 reward", "和服务", "ＡＢＣ１２３　全角", "guaranteed fees",
		"晋市政办〔2021〕35号", "\xff\xfe", "a\u0301", "𠀀𠀁", "小升规/上规升级"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		last := -1
		have := map[Token]bool{}
		for _, tk := range toks {
			if tk.Pos < last {
				t.Fatalf("Tokenize(%q): position %d after %d", s, tk.Pos, last)
			}
			last = tk.Pos
			if tk.Term == "" || !utf8.ValidString(tk.Term) {
				t.Fatalf("Tokenize(%q): bad term %q", s, tk.Term)
			}
			if isBigram(tk.Term) && utf8.RuneCountInString(tk.Term) != 2 {
				t.Fatalf("Tokenize(%q): bigram %q is not two characters", s, tk.Term)
			}
			have[tk] = true
		}
		for _, q := range queryTokens(slots(s)) {
			if !have[q] {
				t.Fatalf("query token %v of %q is not among the index tokens %v", q, s, toks)
			}
		}
	})
}

package search

import "strings"

// stem is a light suffix stripper for English words, much smaller than Porter's: it
// folds plurals and -ed/-ing forms onto one stem so "fees" finds "fee" and "subsidised"
// finds "subsidise". It only has to be consistent (index and query use it alike), not
// produce dictionary words. templates/assets/js/search/tokenize.ts has its twin.
//
// Steps, in order, for words of four letters or more:
//  1. plurals: -sses → -ss, -ies → -y, -xes/-ches/-shes/-zes → drop "es",
//     -s → drop (not after s, u or i: "business", "bonus", "analysis");
//  2. -ied → -y; -eed → -ee ("guaranteed" → "guarantee"); -ed, -ing → drop, when at
//     least three letters with a vowel remain, and then a doubled final consonant other
//     than l, s, z is undoubled ("running" → "run"); a final -eed left → -ee;
//  3. a final -e is dropped ("guarantee" and "guaranteed" → "guarante").
func stem(w string) string {
	if len(w) < 4 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}

	stripped := false
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "eed") && len(w)-3 >= 3:
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]) && len(w)-2 >= 3:
		w, stripped = w[:len(w)-2], true
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]) && len(w)-3 >= 3:
		w, stripped = w[:len(w)-3], true
	}
	if stripped {
		n := len(w)
		if w[n-1] == w[n-2] && !isVowel(w[n-1]) && !strings.ContainsRune("lsz", rune(w[n-1])) {
			w = w[:n-1]
		}
	}
	if strings.HasSuffix(w, "eed") && len(w)-3 >= 3 {
		w = w[:len(w)-1] // "exceeding" → "exceed" → "excee", like "exceed"
	}

	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

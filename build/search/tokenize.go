package search

import "unicode/utf8"

// This file is the index-time tokenizer. templates/assets/js/search/tokenize.ts is its
// twin for queries; both must produce exactly the same tokens, which
// testdata/tokenizer_vectors.json checks (see tokenize_test.go and node_test.go).
//
// A text is cut into slots. A slot is one Han character, one run of ASCII letters (a
// word) or one run of ASCII digits (a number). Everything else separates slots. A slot's
// index in the text is its position. Tokens are made from slots:
//
//   - a Han slot gives itself (a unigram) and, when the next slot is a Han character with
//     no separator between them, the pair (a bigram), both at the slot's position;
//   - a word gives its stem (see stem.go);
//   - a number gives its digits, so "20万" gives "20" at 0 and "万" at 1.
//
// Overlapping bigrams with positions are as good as word segmentation for retrieval and
// need no dictionary; unigrams make one-character queries work.

type slotKind uint8

const (
	slotHan slotKind = iota + 1
	slotWord
	slotNumber
)

// A slot is one unit of text: a Han character, a word or a number.
type slot struct {
	text   string // normalised: lower case, stemmed for words
	kind   slotKind
	joined bool // a Han slot directly followed (no separator) by another Han slot
}

// A Token is a term at a slot position.
type Token struct {
	Term string
	Pos  int
}

// normRune folds the characters that NFKC would fold for our texts: full-width ASCII
// (ＡＢＣ１２３) to ASCII and the ideographic space to a space; then ASCII upper case to
// lower case. Done by hand so the TypeScript twin can do exactly the same.
func normRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// isHan reports whether r is a CJK ideograph: the unified blocks, extension A, the
// compatibility block, the supplementary ideographic planes, and 〇.
func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0x20000 && r <= 0x3FFFF) ||
		r == 0x3007
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' }
func isDigit(r rune) bool  { return r >= '0' && r <= '9' }

// slots cuts s into slots. Slot texts are cut out of s where normalising changes nothing (Han
// characters, lower-case ASCII runs): a large site has millions of slots, and allocating a
// string for each cost more than the rest of tokenizing.
func slots(s string) []slot {
	out := make([]slot, 0, len(s)/3)
	var runKind slotKind
	runStart := -1  // byte offset in s of the current word or number, -1 when there is none
	var run []byte  // the current run, normalised, when it differs from s[runStart:]
	folded := false // some rune of the run was changed by normRune
	prevHan := false

	flush := func(end int) {
		if runStart < 0 {
			return
		}
		text := s[runStart:end]
		if folded {
			text = string(run)
		}
		if runKind == slotWord {
			text = stem(text)
		}
		out = append(out, slot{text: text, kind: runKind})
		runStart, run, folded = -1, run[:0], false
	}

	for i, r0 := range s {
		r := normRune(r0)
		switch {
		case isHan(r):
			flush(i)
			if prevHan {
				out[len(out)-1].joined = true
			}
			out = append(out, slot{text: s[i : i+utf8.RuneLen(r0)], kind: slotHan})
			prevHan = true
			continue
		case isLetter(r) || isDigit(r):
			kind := slotWord
			if isDigit(r) {
				kind = slotNumber
			}
			if runStart >= 0 && kind != runKind {
				flush(i) // "covid19" is two slots: letters and digits apart
			}
			if runStart < 0 {
				runStart, runKind = i, kind
			}
			if r != r0 && !folded {
				folded = true
				run = append(run[:0], s[runStart:i]...)
			}
			if folded {
				run = append(run, byte(r)) // letters and digits are ASCII after normRune
			}
		default:
			flush(i)
		}
		prevHan = false
	}
	flush(len(s))
	return out
}

// Tokenize returns every token of s, in position order, unigram before bigram.
func Tokenize(s string) []Token {
	return slotTokens(slots(s), 0)
}

// slotTokens returns the index tokens of ss, with positions starting at base.
func slotTokens(ss []slot, base int) []Token {
	var out []Token
	for i, sl := range ss {
		out = append(out, Token{sl.text, base + i})
		if sl.joined {
			out = append(out, Token{sl.text + ss[i+1].text, base + i})
		}
	}
	return out
}

// queryTokens returns the tokens a query looks up: for Han runs of two or more
// characters only the bigrams (they carry the phrase), a lone Han character as a
// unigram, words and numbers as themselves.
func queryTokens(ss []slot) []Token {
	var out []Token
	for i, sl := range ss {
		switch {
		case sl.joined:
			out = append(out, Token{sl.text + ss[i+1].text, i})
		case sl.kind == slotHan && i > 0 && ss[i-1].joined:
			// covered by the bigram before
		default:
			out = append(out, Token{sl.text, i})
		}
	}
	return out
}

// isBigram reports whether term is a pair of Han characters (its positions carry the
// word-boundary flags, see bond.go).
func isBigram(term string) bool {
	r1, n := utf8.DecodeRuneInString(term)
	if n == 0 || !isHan(r1) {
		return false
	}
	r2, m := utf8.DecodeRuneInString(term[n:])
	return m > 0 && n+m == len(term) && isHan(r2)
}

// hashTerm is 32-bit FNV-1a over the term's UTF-8 bytes; it picks the term's shard.
func hashTerm(term string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return h
}

package search

import (
	"math"
	"sort"
)

// Scoring, identical in score.ts. For one reading of the query (a variant) and one page:
//
//	idf(t)   = ln(1 + pages / max(1, pages containing t))
//	norm(f)  = 1 − b + b · length of f / average length of f over all pages
//	sat(n,f) = n / (n + norm(f))   (BM25 with k1 = 1: 1, 2, 3 hits → ½, ⅔, ¾ at average length)
//	phrase   = Σ over fields f of weight(f) · (sat(clean phrases, f) + crossPenalty · sat(crossing phrases, f))
//	tokens   = Σ over tokens t of idf(t) · max over fields f of weight(f) · sat(hits of t in f, f)
//	coverage = Σ idf of the tokens present / Σ idf of all tokens
//	score    = phraseBonus · phrase + tokens / Σ idf · coverage²
//
// A phrase is all query tokens at their relative positions in one field; for Chinese
// these are the bigrams, so 社保补贴 needs 社保, 保补, 补贴 in a row. It crosses a word
// boundary when its first bigram has flagLeft or its last bigram flagRight (bond.go).
// So: a clean phrase beats a crossing one, which beats scattered bigrams (coverage²
// punishes missing ones); the title (weight 4) beats headings and glossary terms (2),
// which beat the body (1); and a mention in a short field counts more than one in a long
// field, as in BM25: a clause beats the FAQ, whose body and list of headings touch every
// topic, and the glossary, whose glossary-terms field holds them all.
//
// A supporting page (a worked example) gets its score times supportWeight: its title quotes the
// policy's words (“担保费率不超过1%”), and the reader asking about 担保费 wants clause (九) first.
//
// A page's score is its best variant's score times the variant's weight (1 as typed,
// synonymWeight with a synonym); dividing by Σ idf makes variants of different lengths
// comparable. Scores are rounded to 1e-6 so that last-bit differences between Go's and
// JavaScript's logarithms do not reorder near-ties.
const (
	phraseBonus   = 2.0
	crossPenalty  = 0.3
	lengthB       = 0.75 // BM25's b: how much a field's length matters
	supportWeight = 0.3
)

// corpus is what scoring needs to know about all pages.
type corpus struct {
	docs    int
	lengths []int // field lengths in slots: numFields per page, in field order
	avg     [numFields]float64
	support map[int]bool // supporting pages
}

func newCorpus(lengths, support []int) corpus {
	c := corpus{docs: len(lengths) / numFields, lengths: lengths, support: map[int]bool{}}
	for _, d := range support {
		c.support[d] = true
	}
	for f := 0; f < numFields; f++ {
		sum := 0
		for d := 0; d < c.docs; d++ {
			sum += lengths[d*numFields+f]
		}
		c.avg[f] = 1
		if sum > 0 {
			c.avg[f] = float64(sum) / float64(c.docs)
		}
	}
	return c
}

// norm is BM25's length normaliser for field f of page doc.
func (c corpus) norm(doc, f int) float64 {
	return 1 - lengthB + lengthB*float64(c.lengths[doc*numFields+f])/c.avg[f]
}

func sat(n int, norm float64) float64 { return float64(n) / (float64(n) + norm) }

func idf(docs, df int) float64 {
	if df < 1 {
		df = 1
	}
	return math.Log(1 + float64(docs)/float64(df))
}

func roundScore(s float64) float64 { return math.Round(s*1e6) / 1e6 }

// posOf strips the flags of a bigram position.
func posOf(v int, bigram bool) int {
	if bigram {
		return v >> flagBits
	}
	return v
}

// find returns the stored value at position p in ps (sorted), or -1.
func find(ps []int, p int, bigram bool) int {
	i := sort.Search(len(ps), func(i int) bool { return posOf(ps[i], bigram) >= p })
	if i < len(ps) && posOf(ps[i], bigram) == p {
		return ps[i]
	}
	return -1
}

func scoreDoc(doc int, tokens []Token, lists map[string]termPostings, c corpus) float64 {
	n := len(tokens)
	if n == 0 {
		return 0
	}
	bigram := make([]bool, n)
	idfs := make([]float64, n)
	sumIdf := 0.0
	for i, t := range tokens {
		bigram[i] = isBigram(t.Term)
		idfs[i] = idf(c.docs, lists[t.Term].df)
		sumIdf += idfs[i]
	}

	best := make([]float64, n) // per token: best weighted occurrence score over fields
	phrase := 0.0
	for f := 0; f < numFields; f++ {
		key := doc*numFields + f
		w := fieldWeight[f]
		norm := c.norm(doc, f)
		all := true
		ps := make([][]int, n)
		for i, t := range tokens {
			ps[i] = lists[t.Term].pos[key]
			if len(ps[i]) == 0 {
				all = false
				continue
			}
			if s := w * sat(len(ps[i]), norm); s > best[i] {
				best[i] = s
			}
		}
		if !all {
			continue
		}
		clean, cross := 0, 0
		for _, v := range ps[0] {
			start := posOf(v, bigram[0]) - tokens[0].Pos
			last := v
			ok := true
			for i := 1; i < n && ok; i++ {
				last = find(ps[i], start+tokens[i].Pos, bigram[i])
				ok = last >= 0
			}
			if !ok {
				continue
			}
			if (bigram[0] && v&flagLeft != 0) || (bigram[n-1] && last&flagRight != 0) {
				cross++
			} else {
				clean++
			}
		}
		phrase += w * (sat(clean, norm) + crossPenalty*sat(cross, norm))
	}

	tokenScore, present := 0.0, 0.0
	for i := range tokens {
		if best[i] > 0 {
			tokenScore += idfs[i] * best[i]
			present += idfs[i]
		}
	}
	coverage := present / sumIdf
	return phraseBonus*phrase + tokenScore/sumIdf*coverage*coverage
}

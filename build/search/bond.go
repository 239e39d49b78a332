package search

// Word-boundary flags. Chinese has no spaces, so the bigram 和服 also occurs inside
// 和服务 ("and service"), where no one means 和服 (kimono). We detect such crossings at
// build time, once, and store two flag bits with every position of a Han bigram; the
// query side only reads the bits.
//
// The bond of two adjacent characters a, b is their Dice coefficient over the whole
// corpus of one language:
//
//	bond(a, b) = 2·count(ab) / (count(a) + count(b))
//
// It is high for the two halves of a word (服务: 服 rarely occurs without 务) and low for
// characters that meet by chance (和服 in 和服务: 和 is everywhere). For a bigram ab at
// position p:
//
//	flagLeft  when the character before, x, bonds to a more strongly than b does
//	          (bond(x, a) > bond(a, b)): a belongs to the word on its left;
//	flagRight when the character after, y, bonds to b more strongly than a does
//	          (bond(b, y) > bond(a, b)): b belongs to the word on its right.
//
// A phrase match whose first bigram has flagLeft or whose last bigram has flagRight
// crosses a word boundary and is ranked below a clean match (see score.go). This is the
// cheap half of a segmenter: it never decides where words are, it only compares the
// bonds at the edges of a match.
const (
	flagLeft  = 1
	flagRight = 2
	flagBits  = 2 // a bigram position is stored as pos<<flagBits | flags
)

// bond is the Dice coefficient of the bigram bi made of the characters x and y (lexicon ids).
func (lx *lexicon) bond(bi, x, y int32) float64 {
	return 2 * float64(lx.count[bi]) / float64(lx.count[x]+lx.count[y])
}

// flagsAt returns the boundary flags of the bigram at slot i of a text (bi[i] is not noBigram),
// given the bond of every joined pair (bondAt[i] is the bond of slots i and i+1, 0 where they
// are not joined).
func flagsAt(bi []int32, bondAt []float64, i int) int32 {
	inner := bondAt[i]
	f := int32(0)
	if i > 0 && bi[i-1] != noBigram && bondAt[i-1] > inner {
		f |= flagLeft
	}
	if bi[i+1] != noBigram && bondAt[i+1] > inner {
		f |= flagRight
	}
	return f
}

package search

// Posting lists are written as one JSON string each rather than an array of numbers: every
// number in base 32, most significant digit first, its last digit from lastDigits and the
// others from moreDigits, so numbers need no separator. Most numbers of a list (page-key gaps,
// counts, position gaps) are below 32 and take one character instead of one or two and a
// comma: on the synthetic 2,000-page site the shards shrink from 22.5 to 12.8 MB (9% after
// brotli), which is less to compress and to write at build time and to parse in the browser.
const (
	lastDigits = "0123456789abcdefghijklmnopqrstuv"
	moreDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"
)

// digitValue maps a character to its digit: 0–31 for a last digit, 32–63 for another, -1 for a
// character that is neither.
var digitValue = func() [128]int8 {
	var v [128]int8
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < 32; i++ {
		v[lastDigits[i]] = int8(i)
		v[moreDigits[i]] = int8(32 + i)
	}
	return v
}()

// appendPacked appends list, whose numbers are never negative, as a JSON string.
func appendPacked(buf []byte, list []int32) []byte {
	buf = append(buf, '"')
	for _, v := range list {
		if v < 0 {
			panic("search: a negative number in a posting list")
		}
		buf = appendNumber(buf, uint32(v))
	}
	return append(buf, '"')
}

func appendNumber(buf []byte, v uint32) []byte {
	n := numberLen(v)
	for i := n - 1; i >= 0; i-- {
		d := v >> (5 * uint(i)) & 31
		if i == 0 {
			buf = append(buf, lastDigits[d])
		} else {
			buf = append(buf, moreDigits[d])
		}
	}
	return buf
}

// numberLen is the number of digits of v.
func numberLen(v uint32) int {
	n := 1
	for v >= 32 {
		v >>= 5
		n++
	}
	return n
}

// packedLen is len(appendPacked(nil, list)), without encoding it.
func packedLen(list []int32) int {
	n := 2 // quotes
	for _, v := range list {
		n += numberLen(uint32(v))
	}
	return n
}

// unpack reads a packed list. It stops at the first character that is no digit (a damaged
// file), returning the numbers before it: a query then finds fewer pages rather than failing.
// The twin of unpack in templates/assets/js/search/score.ts.
func unpack(s string) []int {
	out := make([]int, 0, len(s))
	v := 0
	for i := 0; i < len(s); i++ {
		d := int8(-1)
		if s[i] < 128 {
			d = digitValue[s[i]]
		}
		switch {
		case d < 0:
			return out
		case d >= 32:
			v = v<<5 | int(d-32)
		default:
			out = append(out, v<<5|int(d))
			v = 0
		}
	}
	return out
}

package calculator

import (
	"math/bits"
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (1 yuan = 100 fen). All arithmetic on money is
// done in integer fen so that results are exact; JSON carries yuan with at most
// two decimals.
type Fen int64

// Yuan converts whole yuan to Fen.
func Yuan(y int64) Fen { return Fen(y * 100) }

// Rate is a fraction in parts per million: 1_000_000 is 100 %, 10_000 is 1 %.
// Six decimals are enough for every rate and share the policy uses, and keep
// rate × money exact in 128-bit arithmetic.
type Rate int64

// RateOne is 100 %.
const RateOne Rate = 1_000_000

// Limits keep every sum inside int64 and reject nonsense early.
const (
	maxMoney        Fen = 1_000_000_000_000 * 100 // one trillion yuan per field
	maxMonthlyMoney Fen = 1_000_000 * 100         // one million yuan a month per hire
)

// mulRate returns a × r, rounded to the nearest fen (halves away from zero).
// It is the only rounding step in the calculator; a and r must be ≥ 0 and
// within the input limits, so the 128-bit product cannot overflow the division.
func MulRate(a Fen, r Rate) Fen {
	hi, lo := bits.Mul64(uint64(a), uint64(r))
	var carry uint64
	lo, carry = bits.Add64(lo, uint64(RateOne/2), 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, uint64(RateOne))
	return Fen(q)
}

// parseDecimal reads a JSON number literal (or the same syntax in a CSV cell)
// as an integer count of 10^-scale units, exactly. It fails when the number has
// more decimals than scale allows or does not fit in int64.
func parseDecimal(s string, scale int) (int64, decimalError) {
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	var digits []byte
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		digits = append(digits, s[i])
		i++
	}
	if i == start {
		return 0, decSyntax
	}
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
			i++
		}
		frac = i - fs
		if frac == 0 {
			return 0, decSyntax
		}
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		es := i
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		ds := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == ds {
			return 0, decSyntax
		}
		e, err := strconv.Atoi(s[es:i])
		if err != nil || e > 1000 || e < -1000 {
			// Only a zero mantissa survives such exponents; treat the rest as out of range.
			if strings.Trim(string(digits), "0") == "" {
				return 0, decOK
			}
			if e < 0 {
				return 0, decPrecision
			}
			return 0, decRange
		}
		exp = e
	}
	if i != len(s) {
		return 0, decSyntax
	}
	// Drop leading zeros; an all-zero mantissa is zero whatever the exponent.
	k := 0
	for k < len(digits) && digits[k] == '0' {
		k++
	}
	digits = digits[k:]
	if len(digits) == 0 {
		return 0, decOK
	}
	shift := exp - frac + scale
	if shift < 0 {
		cut := -shift
		if cut > len(digits) {
			return 0, decPrecision
		}
		for _, d := range digits[len(digits)-cut:] {
			if d != '0' {
				return 0, decPrecision
			}
		}
		digits = digits[:len(digits)-cut]
		if len(digits) == 0 {
			return 0, decOK
		}
	} else {
		if len(digits)+shift > 18 {
			return 0, decRange
		}
		for j := 0; j < shift; j++ {
			digits = append(digits, '0')
		}
	}
	if len(digits) > 18 {
		return 0, decRange
	}
	v, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil {
		return 0, decRange
	}
	if neg {
		v = -v
	}
	return v, decOK
}

type decimalError int

const (
	decOK decimalError = iota
	decSyntax
	decPrecision
	decRange
)

// ParseYuan reads a decimal number of yuan ("26000000", "19999999.99") as Fen.
// It accepts JSON number syntax and rejects more than two decimals.
func ParseYuan(s string) (Fen, error) {
	v, e := parseDecimal(s, 2)
	switch e {
	case decSyntax:
		return 0, textError(msgNotNumber)
	case decPrecision:
		return 0, textError(msgMoneyDecimals)
	case decRange:
		return 0, textError(msgMoneyRange)
	}
	return Fen(v), nil
}

// ParseRate reads a decimal fraction ("0.5", "1", "0.015") as a Rate.
// It accepts JSON number syntax and rejects more than six decimals.
func ParseRate(s string) (Rate, error) {
	v, e := parseDecimal(s, 6)
	switch e {
	case decSyntax:
		return 0, textError(msgNotNumber)
	case decPrecision:
		return 0, textError(msgRateDecimals)
	case decRange:
		return 0, textError(msgRateRange)
	}
	return Rate(v), nil
}

// jsonYuan writes f as a JSON number of yuan: "200000", "19999999.99", "0.5".
func jsonYuan(f Fen) string {
	neg := f < 0
	if neg {
		f = -f
	}
	s := strconv.FormatInt(int64(f/100), 10)
	if c := int64(f % 100); c != 0 {
		if c%10 == 0 {
			s += "." + strconv.FormatInt(c/10, 10)
		} else {
			s += "." + strconv.FormatInt(c/10, 10) + strconv.FormatInt(c%10, 10)
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// jsonRate writes r as a JSON number: "0.5", "1", "0.015".
func jsonRate(r Rate) string {
	neg := r < 0
	if neg {
		r = -r
	}
	s := strconv.FormatInt(int64(r/RateOne), 10)
	if f := int64(r % RateOne); f != 0 {
		fs := strconv.FormatInt(f, 10)
		fs = strings.Repeat("0", 6-len(fs)) + fs
		s += "." + strings.TrimRight(fs, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// appendGrouped appends a non-negative integer with commas every three digits.
func appendGrouped(dst []byte, v int64) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], v, 10)
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	return dst
}

// groupThousands writes a non-negative integer with commas: "26,000,000".
func GroupThousands(v int64) string {
	var buf [32]byte
	return string(appendGrouped(buf[:0], v))
}

// yuanText writes f for people: "26,000,000" or "19,999,999.99" (no unit).
func YuanText(f Fen) string {
	var buf [40]byte
	b := buf[:0]
	if f < 0 {
		b = append(b, '-')
		f = -f
	}
	b = appendGrouped(b, int64(f/100))
	if c := int64(f % 100); c != 0 {
		b = append(b, '.', byte('0'+c/10), byte('0'+c%10))
	}
	return string(b)
}

// enYuan writes "200,000 yuan".
func EnYuan(f Fen) string { return YuanText(f) + " yuan" }

// zhYuan writes an amount the way a Chinese reader expects: in 万元 when the
// amount is at least 10,000 yuan and a whole number of hundreds of yuan
// ("20万元", "2,600万元", "1.25万元"), otherwise in 元 ("9,800元", "1,234.56元").
func ZhYuan(f Fen) string {
	if f >= Yuan(10_000) && f%Yuan(100) == 0 {
		wan := int64(f / Yuan(10_000))
		rest := int64(f%Yuan(10_000)) / 10_000 // hundreds of yuan → hundredths of 万
		s := GroupThousands(wan)
		if rest != 0 {
			r := strconv.FormatInt(rest, 10)
			if len(r) == 1 {
				r = "0" + r
			}
			s += "." + strings.TrimRight(r, "0")
		}
		return s + "万元"
	}
	return YuanText(f) + "元"
}

// pctText writes a rate as a percentage: "50%", "1.5%", "0.0125%".
func PctText(r Rate) string {
	// r is parts per million; percent has four decimals.
	neg := r < 0
	if neg {
		r = -r
	}
	s := strconv.FormatInt(int64(r/10_000), 10)
	if f := int64(r % 10_000); f != 0 {
		fs := strconv.FormatInt(f, 10)
		fs = strings.Repeat("0", 4-len(fs)) + fs
		s += "." + strings.TrimRight(fs, "0")
	}
	if neg {
		s = "-" + s
	}
	return s + "%"
}

// itoa formats an integer. Years and small counts come from a table: an
// estimate writes dozens of them, and each would otherwise allocate.
func Itoa(i int) string {
	if i >= 0 && i < len(smallInts) {
		return smallInts[i]
	}
	return strconv.Itoa(i)
}

var smallInts = func() (t [2200]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

// String writes f in yuan with at most two decimals, as in the JSON output
// ("200000", "19999999.99").
func (f Fen) String() string { return jsonYuan(f) }

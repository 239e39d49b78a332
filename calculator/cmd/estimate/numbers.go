package main

import (
	"regexp"
	"strconv"
	"strings"
)

// How the calculator's form reads what people type, in Go, so that a spreadsheet cell accepts
// exactly what the form accepts: "26000000", "26,000,000", "２６，０００，０００", "2600万",
// "2600.5万元", "2022年", "2%", "2022/3". This is a line-by-line port of the parsers in
// templates/assets/js/calculator/format.ts; testdata/numbers.json holds the cases both are
// tested on (here, and under Node by build/e2e's TestCalculatorFormatTS), so they cannot drift.
// Each returns the decimal text the core reads, and false when the text is not a number.

// jsSpace is what JavaScript's String.prototype.trim removes.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// cleanNumber turns full-width digits and punctuation into ASCII and drops spaces and
// thousands separators (format.ts: clean).
func cleanNumber(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimFunc(s, jsSpace) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == '．' || r == '。':
			b.WriteByte('.')
		case r == '－':
			b.WriteByte('-')
		case r == ',' || r == '，' || r == ' ' || r == '\u00a0' || r == '_':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	decimalText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	wholeText   = regexp.MustCompile(`^-?[0-9]+$`)
	// JavaScript's \s is wider than RE2's.
	jsWS      = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]*`
	monthText = regexp.MustCompile(`^([0-9]{4})` + jsWS + `[-/.年]` + jsWS + `([0-9]{1,2})` + jsWS + `月?$`)
)

// shiftDecimal multiplies a decimal text by 10^n without floating point: ("2600", 4) →
// "26000000", ("2", -2) → "0.02".
func shiftDecimal(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if n > 0 {
		for len(frac) < n {
			frac += "0"
		}
		whole += frac[:n]
		frac = frac[n:]
	} else if n < 0 {
		for len(whole) < -n+1 {
			whole = "0" + whole
		}
		frac = whole[len(whole)+n:] + frac
		whole = whole[:len(whole)+n]
	}
	for len(whole) > 1 && whole[0] == '0' {
		whole = whole[1:]
	}
	frac = strings.TrimRight(frac, "0")
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// parseMoney reads an amount in yuan; "2600万" and "2600万元" are 26,000,000, "500元" is 500.
func parseMoney(s string) (string, bool) {
	t := cleanNumber(s)
	scale := 0
	switch {
	case strings.HasSuffix(t, "万元"):
		t, scale = strings.TrimSuffix(t, "万元"), 4
	case strings.HasSuffix(t, "万"):
		t, scale = strings.TrimSuffix(t, "万"), 4
	case strings.HasSuffix(t, "元"):
		t = strings.TrimSuffix(t, "元")
	}
	if !decimalText.MatchString(t) {
		return "", false
	}
	return shiftDecimal(t, scale), true
}

// parseWhole reads a whole number, such as a year ("2022" or "2022年") or a number of months.
func parseWhole(s string) (string, bool) {
	t := strings.TrimSuffix(cleanNumber(s), "年")
	if !wholeText.MatchString(t) {
		return "", false
	}
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(strings.TrimPrefix(t, "-"), "0")
	if t == "" {
		t = "0"
	}
	if neg {
		t = "-" + t
	}
	return t, true
}

// parsePercent reads a percentage from 0 to 100 ("2", "2%", "2％") and returns the fraction the
// core reads ("0.02"). The range check compares floats, as the form's Number(t) does.
func parsePercent(s string) (string, bool) {
	t := strings.TrimSuffix(strings.TrimSuffix(cleanNumber(s), "%"), "％")
	if !decimalText.MatchString(t) {
		return "", false
	}
	if v, err := strconv.ParseFloat(t, 64); err != nil || v < 0 || v > 100 {
		return "", false
	}
	return shiftDecimal(t, -2), true
}

// parseMonth reads 2022-03, 2022/3, 2022.3 or 2022年3月 and returns "2022-03".
func parseMonth(s string) (string, bool) {
	m := monthText.FindStringSubmatch(cleanNumber(s))
	if m == nil {
		return "", false
	}
	month := m[2]
	if len(month) == 1 {
		month = "0" + month
	}
	if month < "01" || month > "12" {
		return "", false
	}
	return m[1] + "-" + month, true
}

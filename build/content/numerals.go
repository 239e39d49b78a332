package content

import "strconv"

// ChineseNumeral writes n (1–9999) in Chinese numerals as documents number their parts and
// articles: 一, 十, 十七, 二十三, 一百零五. Other values are written in digits.
func ChineseNumeral(n int) string {
	if n < 1 || n > 9999 {
		return strconv.Itoa(n)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"", "十", "百", "千"}
	var out string
	zero := false
	for i := 3; i >= 0; i-- {
		p := 1
		for k := 0; k < i; k++ {
			p *= 10
		}
		d := n / p % 10
		switch {
		case d == 0:
			zero = out != ""
		default:
			if zero {
				out += "零"
				zero = false
			}
			// 十七, not 一十七, when 十 leads.
			if !(d == 1 && i == 1 && out == "") {
				out += digits[d]
			}
			out += units[i]
		}
	}
	return out
}

// RomanNumeral writes n (1–3999) in Roman numerals (I, IV, XVII); other values in digits.
func RomanNumeral(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	values := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	symbols := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var out string
	for i, v := range values {
		for n >= v {
			out += symbols[i]
			n -= v
		}
	}
	return out
}

package content

import "testing"

func TestNumerals(t *testing.T) {
	for _, c := range []struct {
		n       int
		zh, rom string
	}{
		{1, "一", "I"}, {4, "四", "IV"}, {10, "十", "X"}, {11, "十一", "XI"}, {17, "十七", "XVII"},
		{20, "二十", "XX"}, {23, "二十三", "XXIII"}, {99, "九十九", "XCIX"}, {100, "一百", "C"},
		{105, "一百零五", "CV"}, {110, "一百一十", "CX"}, {1001, "一千零一", "MI"}, {2024, "二千零二十四", "MMXXIV"},
		{0, "0", "0"}, {-3, "-3", "-3"},
	} {
		if got := ChineseNumeral(c.n); got != c.zh {
			t.Errorf("ChineseNumeral(%d) = %q, want %q", c.n, got, c.zh)
		}
		if got := RomanNumeral(c.n); got != c.rom {
			t.Errorf("RomanNumeral(%d) = %q, want %q", c.n, got, c.rom)
		}
	}
}

package calculator

import "testing"

func TestParseYuan(t *testing.T) {
	tests := []struct {
		in   string
		want Fen
		err  bool
	}{
		{"0", 0, false},
		{"20000000", 2_000_000_000, false},
		{"19999999.99", 1_999_999_999, false},
		{"0.1", 10, false},
		{"1.50", 150, false},
		{"1.500", 150, false}, // trailing zeros are not extra precision
		{"2e7", 2_000_000_000, false},
		{"2.5E+1", 2500, false},
		{"1234e-2", 1234, false},
		{"-3", -300, false},
		{"0e999999", 0, false},
		{"1.001", 0, true},
		{"1e-3", 0, true},
		{"1e400", 0, true},
		{"99999999999999999999", 0, true},
		{"abc", 0, true},
		{"1.", 0, true},
		{"", 0, true},
		{"1e", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseYuan(tt.in)
		if (err != nil) != tt.err || (err == nil && got != tt.want) {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want Rate
		err  bool
	}{
		{"0.5", 500_000, false},
		{"1", RateOne, false},
		{"0.01", 10_000, false},
		{"0.000001", 1, false},
		{"0.0000001", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if (err != nil) != tt.err || (err == nil && got != tt.want) {
			t.Errorf("ParseRate(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestMulRateRoundsHalfUp(t *testing.T) {
	tests := []struct {
		a    Fen
		r    Rate
		want Fen
	}{
		{1, 500_000, 1},  // 0.5 fen → 1 fen
		{1, 499_999, 0},  // just under half → 0
		{3, 500_000, 2},  // 1.5 → 2
		{100, 10_000, 1}, // 1 % of one yuan
		{maxMoney, RateOne, maxMoney},
		{maxMoney, 333_333, 33_333_300_000_000}, // exact: 1e14 fen × 0.333333
	}
	for _, tt := range tests {
		if got := MulRate(tt.a, tt.r); got != tt.want {
			t.Errorf("mulRate(%d, %d) = %d, want %d", tt.a, tt.r, got, tt.want)
		}
	}
}

func TestMoneyText(t *testing.T) {
	tests := []struct {
		f              Fen
		json, yuan, zh string
	}{
		{0, "0", "0", "0元"},
		{Yuan(200_000), "200000", "200,000", "20万元"},
		{Yuan(26_000_000), "26000000", "26,000,000", "2,600万元"},
		{Yuan(12_500), "12500", "12,500", "1.25万元"},
		{Yuan(10_100), "10100", "10,100", "1.01万元"},
		{Yuan(9_800), "9800", "9,800", "9,800元"},
		{1_999_999_999, "19999999.99", "19,999,999.99", "19,999,999.99元"},
		{150, "1.5", "1.50", "1.50元"},
		{5, "0.05", "0.05", "0.05元"},
		{Yuan(12_345) + 67, "12345.67", "12,345.67", "12,345.67元"},
	}
	for _, tt := range tests {
		if got := jsonYuan(tt.f); got != tt.json {
			t.Errorf("jsonYuan(%d) = %q, want %q", tt.f, got, tt.json)
		}
		if got := YuanText(tt.f); got != tt.yuan {
			t.Errorf("yuanText(%d) = %q, want %q", tt.f, got, tt.yuan)
		}
		if got := ZhYuan(tt.f); got != tt.zh {
			t.Errorf("zhYuan(%d) = %q, want %q", tt.f, got, tt.zh)
		}
	}
}

func TestRateText(t *testing.T) {
	tests := []struct {
		r         Rate
		pct, json string
	}{
		{500_000, "50%", "0.5"},
		{RateOne, "100%", "1"},
		{10_000, "1%", "0.01"},
		{17_500, "1.75%", "0.0175"},
		{1, "0.0001%", "0.000001"},
		{0, "0%", "0"},
	}
	for _, tt := range tests {
		if got := PctText(tt.r); got != tt.pct {
			t.Errorf("pctText(%d) = %q, want %q", tt.r, got, tt.pct)
		}
		if got := jsonRate(tt.r); got != tt.json {
			t.Errorf("jsonRate(%d) = %q, want %q", tt.r, got, tt.json)
		}
	}
}

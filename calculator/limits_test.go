package calculator

import (
	"strings"
	"testing"
)

// fieldsOf lists the fields of errors.
func fieldsOf(errs []FieldError) string {
	var f []string
	for _, e := range errs {
		f = append(f, e.Field)
	}
	return strings.Join(f, " ")
}

// TestValidateLimits: every documented limit of the input is inclusive, checked on both sides
// of each bound.
func TestValidateLimits(t *testing.T) {
	hire := func(months int) Hire {
		return Hire{StartYear: 2022, StartMonth: 1, ContractMonths: months, MonthlyEmployerContribution: 1000_00}
	}
	tests := []struct {
		name string
		edit func(in *Input)
		want string // fields with an error
	}{
		{"first year 2000", func(in *Input) { in.FirstEntryYear = 2000 }, ""},
		{"first year 2100", func(in *Input) { in.FirstEntryYear = 2100 }, ""},
		{"first year 1999", func(in *Input) { in.FirstEntryYear = 1999 }, "firstEntryYear"},
		{"first year 2101", func(in *Input) { in.FirstEntryYear = 2101 }, "firstEntryYear"},
		{"rate 0", func(in *Input) { in.Assumptions.ReturnedFraction = 0 }, ""},
		{"rate 1", func(in *Input) { in.Assumptions.ReturnedFraction = RateOne }, ""},
		{"rate below 0", func(in *Input) { in.Assumptions.ReturnedFraction = -1 }, "assumptions.returnedFraction"},
		{"rate above 1", func(in *Input) { in.Assumptions.ReturnedFraction = RateOne + 1 }, "assumptions.returnedFraction"},
		{"contract of 1 month", func(in *Input) { in.Hires = []Hire{hire(1)} }, ""},
		{"contract of 1,200 months", func(in *Input) { in.Hires = []Hire{hire(maxMonths)} }, ""},
		{"contract of 0 months", func(in *Input) { in.Hires = []Hire{hire(0)} }, "hires[0].contractMonths"},
		{"contract of 1,201 months", func(in *Input) { in.Hires = []Hire{hire(maxMonths + 1)} }, "hires[0].contractMonths"},
		{"month 1", func(in *Input) { in.FirstEntryMonth = 1 }, ""},
		{"month 12", func(in *Input) { in.FirstEntryMonth = 12 }, ""},
		{"month -1", func(in *Input) { in.FirstEntryMonth = -1 }, "firstEntryMonth"},
		{"month 13", func(in *Input) { in.FirstEntryMonth = 13 }, "firstEntryMonth"},
		{"0 employees", func(in *Input) { in.Employees, in.EmployeesKnown = 0, true }, ""},
		{"1,000,000 employees", func(in *Input) { in.Employees, in.EmployeesKnown = maxStaff, true }, ""},
		{"-1 employees", func(in *Input) { in.Employees, in.EmployeesKnown = -1, true }, "employees"},
		{"1,000,001 employees", func(in *Input) { in.Employees, in.EmployeesKnown = maxStaff+1, true }, "employees"},
		{"50 tax years", func(in *Input) { in.Taxes = taxYears(maxTaxYears) }, ""},
		{"51 tax years", func(in *Input) { in.Taxes = taxYears(maxTaxYears + 1) }, "taxes"},
		{"100 local schemes", func(in *Input) { in.LocalSchemes = schemes(maxLocalSchemes, "县升规奖励") }, ""},
		{"101 local schemes", func(in *Input) { in.LocalSchemes = schemes(maxLocalSchemes+1, "县升规奖励") }, "localSchemes"},
		{"a name of 100 characters", func(in *Input) { in.LocalSchemes = schemes(1, strings.Repeat("奖", maxNameRunes)) }, ""},
		{"a name of 101 characters", func(in *Input) { in.LocalSchemes = schemes(1, strings.Repeat("奖", maxNameRunes+1)) }, "localSchemes[0].name"},
		{"10,000 hires", func(in *Input) {
			for len(in.Hires) < maxHires {
				in.Hires = append(in.Hires, hire(12))
			}
		}, ""},
		{"10,001 hires", func(in *Input) {
			for len(in.Hires) <= maxHires {
				in.Hires = append(in.Hires, hire(12))
			}
		}, "hires"},
	}
	for _, tt := range tests {
		in := NewInput(2022, 26_000_000_00)
		tt.edit(&in)
		if got := fieldsOf(Validate(in)); got != tt.want {
			t.Errorf("%s: errors on %q, want %q", tt.name, got, tt.want)
		}
	}
}

// taxYears gives n years of taxes from 2000 on; schemes n local schemes named name.
func taxYears(n int) []TaxYear {
	out := make([]TaxYear, n)
	for i := range out {
		out[i] = TaxYear{Year: 2000 + i, VAT: 1000_00}
	}
	return out
}

func schemes(n int, name string) []LocalScheme {
	out := make([]LocalScheme, n)
	for i := range out {
		out[i] = LocalScheme{Name: name, Year: 2026, Amount: 1000_00}
	}
	return out
}

// TestDecodeListLimits: the JSON path refuses a list one row longer than its limit, once for
// the whole list, and takes one of exactly the limit.
func TestDecodeListLimits(t *testing.T) {
	list := func(n int, row func(i int) string) string {
		rows := make([]string, n)
		for i := range rows {
			rows[i] = row(i)
		}
		return "[" + strings.Join(rows, ",") + "]"
	}
	tax := func(i int) string { return `{"year":` + Itoa(2000+i) + `,"vat":1000,"cit":0,"otherLocal":0}` }
	scheme := func(int) string { return `{"name":"县升规奖励","year":2026,"amount":1000}` }
	tests := []struct {
		field string
		json  string
		want  string
	}{
		{"taxes", list(maxTaxYears, tax), ""},
		{"taxes", list(maxTaxYears+1, tax), "taxes"},
		{"localSchemes", list(maxLocalSchemes, scheme), ""},
		{"localSchemes", list(maxLocalSchemes+1, scheme), "localSchemes"},
	}
	for _, tt := range tests {
		src := `{"firstEntryYear":2026,"revenue":26000000,"` + tt.field + `":` + tt.json + `}`
		_, errs := DecodeInput([]byte(src))
		if got := fieldsOf(errs); got != tt.want {
			t.Errorf("%s of %d bytes: errors on %q, want %q", tt.field, len(tt.json), got, tt.want)
		}
	}
}

// TestSectorIDCharacters: a sector id is made of a–z, 0–9, "_" and "-"; the characters next to
// those ranges are refused.
func TestSectorIDCharacters(t *testing.T) {
	for _, id := range []string{"a", "z", "0", "9", "_", "-", "az09_-"} {
		if !ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	for _, id := range []string{"`", "{", "/", ":", "A", "Z", "^", ".", " "} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
}

// TestParseYuanLimits: amounts are exact up to 18 digits of fen (the int64 range), leading zeros
// (a spreadsheet cell) do not count, and an exponent may contain zeros.
func TestParseYuanLimits(t *testing.T) {
	tests := []struct {
		in   string
		want Fen
		err  bool
	}{
		{"9999999999999999.99", 999_999_999_999_999_999, false},
		{"9999999999999999", 999_999_999_999_999_900, false},
		{"99999999999999999", 0, true},
		{"10000000000000000.00", 0, true},
		{"0000000000000000000001", 100, false},
		{"000000000000000000000.01", 1, false},
		{"1e10", 1_000_000_000_000, false},
		{"2.5e0", 250, false},
		{"1e1000", 0, true},
		{"0e1000", 0, false},
		{"1e-1000", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseYuan(tt.in)
		if (err != nil) != tt.err || (err == nil && got != tt.want) {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestItoa: the table of small numbers and strconv agree at the table's edges.
func TestItoa(t *testing.T) {
	for _, n := range []int{-1, 0, 9, 2099, len(smallInts) - 1, len(smallInts), 10_000} {
		if got, want := Itoa(n), itoaSlow(n); got != want {
			t.Errorf("Itoa(%d) = %q, want %q", n, got, want)
		}
	}
}

// itoaSlow formats n digit by digit, without the code under test.
func itoaSlow(n int) string {
	if n < 0 {
		return "-" + itoaSlow(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoaSlow(n/10) + string(rune('0'+n%10))
}

// TestValidationErrorText: the error names the first problem and counts the others.
func TestValidationErrorText(t *testing.T) {
	one := &ValidationError{Fields: []FieldError{{"revenue", Text{"金额不能为负数", "must not be negative"}}}}
	if got := one.Error(); got != "revenue: must not be negative" {
		t.Errorf("one error: %q", got)
	}
	two := &ValidationError{Fields: append(one.Fields, FieldError{"route", Text{"x", "y"}})}
	if got := two.Error(); got != "revenue: must not be negative (and 1 more)" {
		t.Errorf("two errors: %q", got)
	}
}

package calculator

import (
	"strings"
	"testing"
)

// decodeErrors decodes a minimal valid input with extra fields added (JSON members, without
// braces) and returns its errors as "field: English message" lines.
func decodeErrors(t *testing.T, extra string) []string {
	t.Helper()
	_, errs := DecodeInput([]byte(`{"firstEntryYear": 2022, "revenue": 26000000` + extra + `}`))
	var out []string
	for _, e := range errs {
		out = append(out, e.Field+": "+e.EN)
	}
	return out
}

// TestDecodeHireStart: a hire's start is "YYYY-MM" or "YYYY-M"; anything else names the field
// and shows the format.
func TestDecodeHireStart(t *testing.T) {
	const format = `hires[0].start: must be a year and month such as "2022-03"`
	tests := []struct{ start, want string }{
		{"2022-03", ""}, {"2022-3", ""}, {"2022-10", ""}, {"2022-12", ""}, {"2099-09", ""},
		{"2022-13", "hires[0].start: month must be between 1 and 12"},
		{"2022-0", "hires[0].start: month must be between 1 and 12"},
		{"22-03", format}, {"2022-", format}, {"2022-003", format}, {"2022/03", format}, {"2022-0a", format},
		{"202a-03", format}, {"2022-03-01", format}, {"20220-3", format}, {"-2022-3", format}, {"2022:03", format},
		{"", format}, {"2022- 3", format},
	}
	for _, tt := range tests {
		errs := decodeErrors(t, `, "hires": [{"start": "`+tt.start+`", "contractMonths": 12, "monthlyEmployerContribution": 1000}]`)
		if got := strings.Join(errs, "\n"); got != tt.want {
			t.Errorf("start %q: errors %q, want %q", tt.start, got, tt.want)
		}
	}
}

// TestDecodeEmptySector: an empty priority sector is an error (leave the field out instead); a
// sector not given, or null, is not.
func TestDecodeEmptySector(t *testing.T) {
	if got := decodeErrors(t, `, "prioritySector": ""`); strings.Join(got, "\n") != "prioritySector: must not be empty (leave the field out instead)" {
		t.Errorf(`prioritySector "": errors %q`, got)
	}
	for _, extra := range []string{"", `, "prioritySector": null`} {
		if got := decodeErrors(t, extra); len(got) != 0 {
			t.Errorf("%q: errors %q", extra, got)
		}
	}
}

// TestFieldErrorOrder: errors come in the order of the input format (README), whatever the
// order of the JSON document: fields by their rank, list items by index (hires[2], hires[9],
// hires[10]), a field before the fields inside it, unknown fields last.
func TestFieldErrorOrder(t *testing.T) {
	hires := make([]string, 12)
	for i := range hires {
		hires[i] = `{"start": "2022-03", "contractMonths": 12, "monthlyEmployerContribution": 1000}`
	}
	hires[10] = `{"monthlyEmployerContribution": "x", "start": "x", "contractMonths": 12}`
	hires[2] = `{"start": "x", "contractMonths": 12, "monthlyEmployerContribution": 1000}`
	hires[9] = hires[2]
	hires[5] = `{"start": "x"}` // fields missing: required, in the format's order
	doc := `{"zzz": 1, "hires": [` + strings.Join(hires, ",") + `], "taxes": 5, "aaa": 2, "revenue": "abc", "firstEntryYear": "x"}`
	_, errs := DecodeInput([]byte(doc))
	var got []string
	for _, e := range errs {
		got = append(got, e.Field)
	}
	want := []string{"firstEntryYear", "revenue", "taxes", "hires[2].start", "hires[5].start", "hires[5].contractMonths",
		"hires[5].monthlyEmployerContribution", "hires[9].start", "hires[10].start",
		"hires[10].monthlyEmployerContribution", "aaa", "zzz"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors on\n%q\nwant\n%q", got, want)
	}
}

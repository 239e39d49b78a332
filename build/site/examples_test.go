package site

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestCalculatorFragment: an example's input written as YAML becomes the calculator's #v1=
// fragment (a public contract: links to the calculator carry it): every known field in the
// order written, list rows numbered, booleans as 1 and 0, values escaped as JavaScript's
// encodeURIComponent does and "~" too; unknown fields are left out.
func TestCalculatorFragment(t *testing.T) {
	const input = `
firstEntryYear: 2022
revenue: 26000000
industrial: true
techSME: false
unknown: 1
prioritySector: "a b~c/中"
guarantee:
  amount: 5000000
  alternativeFeeRate: 0.02
taxes:
  - {year: 2021, vat: 1000000, cit: 200000, extra: 1}
  - {year: 2022, vat: 1500000, cit: 300000, otherLocal: 10000}
hires:
  - {start: 2022-03, contractMonths: 24, monthlyEmployerContribution: 1200.5}
assumptions:
  returnedFraction: 0.5
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(input), &doc); err != nil {
		t.Fatal(err)
	}
	want := "#v1=y:2022~r:26000000~in:1~ts:0~ps:a%20b%7Ec%2F%E4%B8%AD~ga:5000000~gr:0.02" +
		"~t0y:2021~t0v:1000000~t0c:200000~t1y:2022~t1v:1500000~t1c:300000~t1o:10000" +
		"~h0s:2022-03~h0m:24~h0c:1200.5~af:0.5"
	if got := CalculatorFragment(doc.Content[0]); got != want {
		t.Errorf("CalculatorFragment =\n%s\nwant\n%s", got, want)
	}
	var empty yaml.Node
	if err := yaml.Unmarshal([]byte("unknown: 1\n"), &empty); err != nil {
		t.Fatal(err)
	}
	if got := CalculatorFragment(empty.Content[0]); got != "" {
		t.Errorf("no known field: %q, want none", got)
	}
}

// TestEncodeURIComponent: the characters JavaScript's encodeURIComponent leaves alone, except
// "~", and every other byte as %XX.
func TestEncodeURIComponent(t *testing.T) {
	const kept = "azAZ09-_.!*'()"
	if got := encodeURIComponent(kept); got != kept {
		t.Errorf("encodeURIComponent(%q) = %q", kept, got)
	}
	for in, want := range map[string]string{"~": "%7E", " ": "%20", "`": "%60", "@": "%40", "[": "%5B", "{": "%7B", "/": "%2F", ":": "%3A", "é": "%C3%A9", "\x00": "%00"} {
		if got := encodeURIComponent(in); got != want {
			t.Errorf("encodeURIComponent(%q) = %q, want %q", in, got, want)
		}
	}
}

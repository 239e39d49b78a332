package calculator_test

import (
	"strings"
	"testing"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// TestRulesDecode: Rules.Decode gives no error for a valid document, one error without a field
// for a document that is not JSON, and otherwise the decoder's errors and the modules' checks
// together, in field order.
func TestRulesDecode(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // fields with an error
	}{
		{"valid", `{"firstEntryYear":2026,"revenue":26000000}`, ""},
		{"not JSON", `{"firstEntryYear":`, ""},
		{"a decoder error and a module check", `{"firstEntryYear":"x","revenue":26000000,"prioritySector":"no-such-sector","priorityField":"four_foundations"}`,
			"firstEntryYear prioritySector"},
	}
	for _, tt := range tests {
		_, errs := modules.All.Decode([]byte(tt.src))
		var fields []string
		for _, e := range errs {
			fields = append(fields, e.Field)
		}
		got := strings.Join(fields, " ")
		if tt.name == "not JSON" {
			if len(errs) != 1 || got != "" {
				t.Errorf("%s: errors on %q (%d), want one for the document", tt.name, got, len(errs))
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s: errors on %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRulesWithoutModules: Rules without a module still estimates, with the user's own local
// layer alone (no crash on an empty list of modules).
func TestRulesWithoutModules(t *testing.T) {
	in := calculator.NewInput(2026, calculator.Yuan(26_000_000))
	in.LocalSchemes = []calculator.LocalScheme{{Name: "县升规奖励", Year: 2026, Amount: calculator.Yuan(100_000)}}
	out, err := calculator.Rules{}.Estimate(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Policies) != 1 || out.Policy != calculator.LocalSchemesID || out.GrandTotal != calculator.Yuan(100_000) {
		t.Errorf("policies %d, policy %q, grand total %d; want the local layer alone with 100,000 yuan", len(out.Policies), out.Policy, out.GrandTotal)
	}
}

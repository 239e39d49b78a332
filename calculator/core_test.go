package calculator

import (
	"errors"
	"strings"
	"testing"
)

func TestParametersAreDatedAndCited(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Parameters() {
		if seen[p.ID] {
			t.Errorf("parameter %s listed twice", p.ID)
		}
		seen[p.ID] = true
		if len(p.ValidFrom) != len("2006-01-02") || p.ValidFrom[4] != '-' || p.ValidFrom[7] != '-' {
			t.Errorf("%s: valid-from %q is not an ISO date", p.ID, p.ValidFrom)
		}
		if p.Source.Document == "" || p.Source.Number == "" || (p.Source.Clause == "") != (p.Source.ClauseEN == "") {
			t.Errorf("%s: incomplete source %+v", p.ID, p.Source)
		}
		if p.Unit == "" {
			t.Errorf("%s: no unit", p.ID)
		}
	}
}

func TestEstimateRejectsInvalidGoInput(t *testing.T) {
	in := NewInput(2022, Yuan(26_000_000))
	in.Hires = []Hire{{StartYear: 2022, StartMonth: 1, ContractMonths: 0, MonthlyEmployerContribution: 100}}
	in.Assumptions.TaxBase = "average"
	_, err := Estimate(in)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	if got := strings.Join(fields, ","); got != "hires[0].contractMonths,assumptions.taxBase" {
		t.Errorf("fields = %s", got)
	}
	if !strings.Contains(err.Error(), "hires[0].contractMonths") {
		t.Errorf("error message %q does not name the field", err)
	}
}

// TestNoMoneyClaimedTwice: each cash item id appears at most once per year,
// and entry/priority/retention at most once in total (lesson: make stacking
// explicit and test that two rules never claim the same money).
func TestNoMoneyClaimedTwice(t *testing.T) {
	in := NewInput(2022, Yuan(26_000_000))
	in.PriorityField = PriorityShanxiStrategic
	in.Hires = []Hire{
		{StartYear: 2022, StartMonth: 5, ContractMonths: 24, MonthlyEmployerContribution: Yuan(900)},
		{StartYear: 2023, StartMonth: 1, ContractMonths: 36, MonthlyEmployerContribution: Yuan(1100)},
		{StartYear: 2021, StartMonth: 7, ContractMonths: 48, MonthlyEmployerContribution: Yuan(700)},
	}
	in.Taxes = []TaxYear{{Year: 2021, VAT: Yuan(1)}, {Year: 2022, VAT: Yuan(10)}, {Year: 2023, VAT: Yuan(20)}, {Year: 2024, VAT: Yuan(30)}}
	for k := 0; k < 1<<7; k++ {
		// Every combination of the readings that move money between years or clauses.
		bit := func(n int) bool { return k&(1<<n) != 0 }
		a := &in.Assumptions
		a.RetentionCountsEntryYear, a.WindowStartsAtEntry, a.ExitEndsAllRewards = bit(0), bit(1), bit(2)
		a.HireStartsBeforeEntry, a.HireStartLimit = HireBeforeEntryExcluded, HireStartWindow
		if bit(3) {
			a.HireStartsBeforeEntry = HireBeforeEntryMonthsAfter
		}
		if bit(4) {
			a.HireStartLimit = HireStartAny
		}
		a.TaxIncreaseNetting = TaxNettingPerYear
		if bit(5) {
			a.TaxIncreaseNetting = TaxNettingNetted
		}
		in.LastYearInDirectory = 0
		if bit(6) {
			in.LastYearInDirectory = 2023
		}
		out, err := Estimate(in)
		if err != nil {
			t.Fatal(err)
		}
		perYear := map[string]bool{}
		once := map[string]int{}
		for _, it := range out.Items {
			key := it.ID + "/" + itoa(it.Year)
			if perYear[key] {
				t.Errorf("readings %07b: %s claimed twice", k, key)
			}
			perYear[key] = true
			once[it.ID]++
		}
		// Leaving in 2023 may cost a retention reward; nothing is ever paid twice.
		for id, r := range map[string][2]int{"entry": {1, 1}, "priority": {1, 1}, "retention2": {0, 1}, "retention3": {0, 1}, "taxReward": {0, 3}} {
			if once[id] < r[0] || once[id] > r[1] {
				t.Errorf("readings %07b: %s appears %d times, want %d to %d", k, id, once[id], r[0], r[1])
			}
		}
	}
}

// TestExplanationsShowNumbers: every explanation names its clause and shows
// the amount with thousands separators in both languages.
func TestExplanationsShowNumbers(t *testing.T) {
	in := NewInput(2022, Yuan(26_000_000))
	in.PriorityField = PriorityFourFoundations
	in.Taxes = []TaxYear{{Year: 2021, VAT: Yuan(1_000_000)}, {Year: 2022, VAT: Yuan(2_000_000)}}
	in.Guarantee = &Guarantee{Amount: Yuan(5_000_000), AlternativeFeeRate: 20_000}
	out, err := Estimate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range append(out.Items, out.Savings...) {
		c := "（" + it.Clause + "）"
		if !strings.Contains(it.Explain.ZH, c) || !strings.Contains(it.Explain.EN, "lause (") {
			t.Errorf("%s %d: explanation does not cite its clause: %+v", it.ID, it.Year, it.Explain)
		}
		if !strings.Contains(it.Explain.EN, enYuan(it.Amount)) {
			t.Errorf("%s %d: English explanation lacks the amount %s: %s", it.ID, it.Year, enYuan(it.Amount), it.Explain.EN)
		}
		if !strings.Contains(it.Explain.ZH, zhYuan(it.Amount)) && !strings.Contains(it.Explain.ZH, yuanText(it.Amount)) {
			t.Errorf("%s %d: Chinese explanation lacks the amount: %s", it.ID, it.Year, it.Explain.ZH)
		}
		if it.ClausePath == "" || len(it.Departments) == 0 {
			t.Errorf("%s %d: no clause path or departments", it.ID, it.Year)
		}
	}
}

func TestJSONSyntaxErrorsHavePositions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\n  \"revenue\": 1,\n  \"x\" 2\n}", "3:7"},
		{`{"a": 01}`, "1:7"},
		{`{"a": "\x"}`, "1:8"},
		{`{"a": 1} x`, "1:10"},
		{"{\"a\": \"\xff\"}", "1:8"},
		{`{"a": 1, "a": 2}`, "1:10"},
		{strings.Repeat("[", 40), "1:33"},
	}
	for _, tt := range tests {
		_, errs := DecodeInput([]byte(tt.in))
		if len(errs) != 1 || errs[0].Field != "" || !strings.Contains(errs[0].EN, tt.want) {
			t.Errorf("DecodeInput(%q) = %+v, want one document error at %s", tt.in, errs, tt.want)
		}
	}
}

func TestDecodeStringEscapes(t *testing.T) {
	in, errs := DecodeInput([]byte(`{"firstEntryYear":2022,"revenue":1,"route":"gr\u006fwth","prioritySector":"a\/b"}`))
	if len(errs) != 1 || errs[0].Field != "prioritySector" {
		t.Fatalf("errs = %+v, want only prioritySector (a/b is not a valid id)", errs)
	}
	if in.Route != RouteGrowth || in.PrioritySector != "a/b" {
		t.Errorf("route %q, sector %q", in.Route, in.PrioritySector)
	}
}

func TestSectorID(t *testing.T) {
	for id, ok := range map[string]bool{
		"new-materials": true, "a": true, "x_1-2": true, strings.Repeat("a", 64): true,
		"": false, "New": false, "a b": false, "中文": false, strings.Repeat("a", 65): false,
	} {
		if validSectorID(id) != ok {
			t.Errorf("validSectorID(%q) = %v", id, !ok)
		}
	}
}

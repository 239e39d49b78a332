package jsz202135

import (
	"errors"
	"strings"
	"testing"

	"scaleup/calculator"
)

// rules runs this module alone, as the registry runs every module.
var rules = calculator.Rules{Module{}}

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
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	in.Hires = []calculator.Hire{{StartYear: 2022, StartMonth: 1, ContractMonths: 0, MonthlyEmployerContribution: 100}}
	in.Assumptions.TaxBase = "average"
	_, err := rules.Estimate(in)
	var ve *calculator.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *calculator.ValidationError", err)
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
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	in.PriorityField = calculator.PriorityShanxiStrategic
	in.Hires = []calculator.Hire{
		{StartYear: 2022, StartMonth: 5, ContractMonths: 24, MonthlyEmployerContribution: calculator.Yuan(900)},
		{StartYear: 2023, StartMonth: 1, ContractMonths: 36, MonthlyEmployerContribution: calculator.Yuan(1100)},
		{StartYear: 2021, StartMonth: 7, ContractMonths: 48, MonthlyEmployerContribution: calculator.Yuan(700)},
	}
	in.Taxes = []calculator.TaxYear{{Year: 2021, VAT: calculator.Yuan(1)}, {Year: 2022, VAT: calculator.Yuan(10)}, {Year: 2023, VAT: calculator.Yuan(20)}, {Year: 2024, VAT: calculator.Yuan(30)}}
	for k := 0; k < 1<<7; k++ {
		// Every combination of the readings that move money between years or clauses.
		bit := func(n int) bool { return k&(1<<n) != 0 }
		a := &in.Assumptions
		a.RetentionCountsEntryYear, a.WindowStartsAtEntry, a.ExitEndsAllRewards = bit(0), bit(1), bit(2)
		a.HireStartsBeforeEntry, a.HireStartLimit = calculator.HireBeforeEntryExcluded, calculator.HireStartWindow
		if bit(3) {
			a.HireStartsBeforeEntry = calculator.HireBeforeEntryMonthsAfter
		}
		if bit(4) {
			a.HireStartLimit = calculator.HireStartAny
		}
		a.TaxIncreaseNetting = calculator.TaxNettingPerYear
		if bit(5) {
			a.TaxIncreaseNetting = calculator.TaxNettingNetted
		}
		in.LastYearInDirectory = 0
		if bit(6) {
			in.LastYearInDirectory = 2023
		}
		out, err := rules.Estimate(in)
		if err != nil {
			t.Fatal(err)
		}
		perYear := map[string]bool{}
		once := map[string]int{}
		for _, it := range out.Items {
			key := it.ID + "/" + calculator.Itoa(it.Year)
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
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	in.PriorityField = calculator.PriorityFourFoundations
	in.Taxes = []calculator.TaxYear{{Year: 2021, VAT: calculator.Yuan(1_000_000)}, {Year: 2022, VAT: calculator.Yuan(2_000_000)}}
	in.Guarantee = &calculator.Guarantee{Amount: calculator.Yuan(5_000_000), AlternativeFeeRate: 20_000}
	out, err := rules.Estimate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range append(out.Items, out.Savings...) {
		c := "（" + it.Clause + "）"
		if !strings.Contains(it.Explain.ZH, c) || !strings.Contains(it.Explain.EN, "lause (") {
			t.Errorf("%s %d: explanation does not cite its clause: %+v", it.ID, it.Year, it.Explain)
		}
		if !strings.Contains(it.Explain.EN, calculator.EnYuan(it.Amount)) {
			t.Errorf("%s %d: English explanation lacks the amount %s: %s", it.ID, it.Year, calculator.EnYuan(it.Amount), it.Explain.EN)
		}
		if !strings.Contains(it.Explain.ZH, calculator.ZhYuan(it.Amount)) && !strings.Contains(it.Explain.ZH, calculator.YuanText(it.Amount)) {
			t.Errorf("%s %d: Chinese explanation lacks the amount: %s", it.ID, it.Year, it.Explain.ZH)
		}
		if it.Article < 1 || it.Clause != numerals[it.Article-1] {
			t.Errorf("%s %d: article %d, clause %q", it.ID, it.Year, it.Article, it.Clause)
		}
	}
}

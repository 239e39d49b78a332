package jcgj20251

import (
	"testing"

	"scaleup/calculator"
)

// TestStartDate: the date the rules apply from is one date, however it is written. (Every
// parameter is dated and cited: calculator's TestParametersAreDatedAndCited.)
func TestStartDate(t *testing.T) {
	if ParamFirstYear.Value != 2025 || ParamFirstMonth.Value != 6 || InForce != "2025-06-01" {
		t.Errorf("the start date's parameters disagree: %d-%d, %s", ParamFirstYear.Value, ParamFirstMonth.Value, InForce)
	}
}

// TestEveryAmountOnceAndPaidTheYearAfter: each reward at most once, each paid from the year after
// the one it is counted in, and the uplift only with the reward it raises.
func TestEveryAmountOnceAndPaidTheYearAfter(t *testing.T) {
	for _, y := range []int{2024, 2025, 2026, 2030} {
		for _, m := range []int{0, 5, 6} {
			for _, strategic := range []bool{false, true} {
				in := calculator.NewInput(y, calculator.Yuan(26_000_000))
				in.FirstEntryMonth, in.StrategicEmerging, in.JointStockReformYear = m, strategic, y
				out := Module{}.Estimate(&in)
				count := map[string]int{}
				for _, it := range out.Items {
					count[it.ID]++
					if it.PaidFromYear != it.Year+1 {
						t.Errorf("%d-%d: %s counted in %d, paid from %d", y, m, it.ID, it.Year, it.PaidFromYear)
					}
				}
				for id, n := range count {
					if n > 1 {
						t.Errorf("%d-%d: %s %d times", y, m, id, n)
					}
				}
				if count["strategicUplift"] > count["upgrade"] {
					t.Errorf("%d-%d: an uplift without the reward it raises", y, m)
				}
				inForce := y > 2025 || y == 2025 && m >= 6
				if (count["upgrade"] == 1) != inForce {
					t.Errorf("%d-%d: upgrade reward counted %d times, in force %v", y, m, count["upgrade"], inForce)
				}
			}
		}
	}
}

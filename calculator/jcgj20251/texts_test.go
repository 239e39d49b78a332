package jcgj20251

import (
	"strings"
	"testing"

	"scaleup/calculator"
)

// TestRevenueThreshold: exactly 20,000,000 yuan is above designated size and earns the
// reward; one fen less fails on revenue.
func TestRevenueThreshold(t *testing.T) {
	for _, tt := range []struct {
		revenue calculator.Fen
		amount  calculator.Fen
	}{{calculator.Yuan(20_000_000), calculator.Yuan(300_000)}, {calculator.Yuan(20_000_000) - 1, 0}} {
		in := calculator.NewInput(2026, tt.revenue)
		out := Module{}.Estimate(&in)
		var amount calculator.Fen
		for _, it := range out.Items {
			amount += it.Amount
		}
		failedRevenue := len(out.Failed) == 1 && out.Failed[0].Field == "revenue"
		if amount != tt.amount || failedRevenue != (tt.amount == 0) {
			t.Errorf("revenue %d fen: amount %d, failures %+v; want %d", tt.revenue, amount, out.Failed, tt.amount)
		}
	}
}

// TestUpgradeTexts: the explanations say when the reward is paid at the earliest, and the
// uplift gives the total with the reward it raises.
func TestUpgradeTexts(t *testing.T) {
	in := calculator.NewInput(2026, calculator.Yuan(26_000_000))
	in.StrategicEmerging = true
	out := Module{}.Estimate(&in)
	want := map[string][]string{
		"upgrade":         {"It is paid in 2027 at the earliest", "最早在2027年支付"},
		"strategicUplift": {"raised by 30%, 90,000 yuan, 390,000 yuan in all (", "即9万元，合计39万元（", "It is paid in 2027 at the earliest"},
	}
	for _, it := range out.Items {
		for _, w := range want[it.ID] {
			if !strings.Contains(it.Explain.EN+it.Explain.ZH, w) {
				t.Errorf("%s: %+v\nlacks %q", it.ID, it.Explain, w)
			}
		}
		delete(want, it.ID)
	}
	if len(want) != 0 {
		t.Errorf("items missing: %v in %+v", want, out.Items)
	}
}

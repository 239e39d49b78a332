package jsz202135

import (
	"strings"
	"testing"

	"scaleup/calculator"
)

// hiresInput is an eligible enterprise that entered in 2022 with n hires starting in January
// 2022, each on a one-year contract at 1,000 yuan a month.
func hiresInput(n int) calculator.Input {
	in := calculator.NewInput(2022, 26_000_000_00)
	for i := 0; i < n; i++ {
		in.Hires = append(in.Hires, calculator.Hire{StartYear: 2022, StartMonth: 1, ContractMonths: 12, MonthlyEmployerContribution: 1000_00})
	}
	return in
}

func socialInsurance(t *testing.T, in calculator.Input) calculator.Item {
	t.Helper()
	out, err := rules.Estimate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range out.Items {
		if it.ID == "socialInsurance" {
			return it
		}
	}
	t.Fatalf("no social-insurance item in %+v", out.Items)
	return calculator.Item{}
}

// TestSocialInsuranceNamesTenHires: the explanation of a year names up to ten hires with their
// sums and counts the rest, in both languages.
func TestSocialInsuranceNamesTenHires(t *testing.T) {
	ten := socialInsurance(t, hiresInput(10))
	for _, s := range []string{ten.Explain.EN, ten.Explain.ZH} {
		if !strings.Contains(s, "hires[9]") || strings.Contains(s, "hires[10]") || strings.Contains(s, "more") || strings.Contains(s, "另有") {
			t.Errorf("ten hires: %s", s)
		}
	}
	eleven := socialInsurance(t, hiresInput(11))
	if s := eleven.Explain.EN; !strings.Contains(s, "hires[9]: ") || strings.Contains(s, "hires[10]") || !strings.Contains(s, "and 1 more; total ") {
		t.Errorf("eleven hires: %s", s)
	}
	if s := eleven.Explain.ZH; !strings.Contains(s, "hires[9]：") || strings.Contains(s, "hires[10]") || !strings.Contains(s, "另有1人；合计") {
		t.Errorf("eleven hires: %s", s)
	}
	if ten.Amount != 10*12*1000_00 || eleven.Amount != 11*12*1000_00 {
		t.Errorf("amounts %d and %d, want every hire counted", ten.Amount, eleven.Amount)
	}
}

// TestHireBeforeEntryShowsMonth: a hire that started before the entry year is named with its
// start as YYYY-MM.
func TestHireBeforeEntryShowsMonth(t *testing.T) {
	for _, month := range []int{9, 10} {
		in := hiresInput(0)
		in.Hires = []calculator.Hire{{StartYear: 2021, StartMonth: month, ContractMonths: 12, MonthlyEmployerContribution: 1000_00}}
		out, err := rules.Estimate(in)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]string{9: "started in 2021-09,", 10: "started in 2021-10,"}[month]
		if len(out.Failed) != 1 || !strings.Contains(out.Failed[0].Explain.EN, want) {
			t.Errorf("month %d: failures %+v, want one saying %q", month, out.Failed, want)
		}
	}
}

// TestInsertionSort: the sort of the output's lists is a stable ascending sort, whatever the
// order it is given.
func TestInsertionSort(t *testing.T) {
	type kv struct{ k, v int }
	list := []kv{{3, 0}, {1, 1}, {2, 2}, {1, 3}, {0, 4}, {3, 5}}
	insertionSort(list, func(a, b *kv) bool { return a.k < b.k })
	want := []kv{{0, 4}, {1, 1}, {1, 3}, {2, 2}, {3, 0}, {3, 5}}
	for i := range want {
		if list[i] != want[i] {
			t.Fatalf("insertionSort = %v, want %v", list, want)
		}
	}
}

package jsz202135

import (
	"strings"
	"testing"

	"scaleup/calculator"
)

// The tests in this file hold the amounts at the size thresholds and the sentences of the
// explanations and warnings that no scenario file pins down word for word (issue 22: lived
// mutants that matter).

func estimate(t *testing.T, in calculator.Input) calculator.Output {
	t.Helper()
	out, err := rules.Estimate(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func item(out calculator.Output, id string, year int) (calculator.Item, bool) {
	for _, list := range [][]calculator.Item{out.Items, out.Savings} {
		for _, it := range list {
			if it.ID == id && it.Year == year {
				return it, true
			}
		}
	}
	return calculator.Item{}, false
}

func warning(out calculator.Output, id string, article int) (calculator.Warning, bool) {
	for _, w := range out.Warnings {
		if w.ID == id && w.Article == article {
			return w, true
		}
	}
	return calculator.Warning{}, false
}

// containsAll reports the first of want that s lacks, or "".
func containsAll(s string, want ...string) string {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// TestSizeClassAtThresholds: clause 九 counts the guarantee-fee saving only for a small or
// micro enterprise; exactly 300 employees and 20,000,000 yuan is medium, exactly 1,000 and
// 400,000,000 yuan is large, and one bound short drops a class.
func TestSizeClassAtThresholds(t *testing.T) {
	tests := []struct {
		employees int
		revenue   calculator.Fen
		class     string // "" for small or micro: the saving is counted
	}{
		{299, calculator.Yuan(20_000_000), ""},
		{300, calculator.Yuan(20_000_000), "medium-sized"},
		{999, calculator.Yuan(400_000_000), "medium-sized"},
		{1000, calculator.Yuan(400_000_000) - 1, "medium-sized"},
		{1000, calculator.Yuan(400_000_000), "large"},
	}
	for _, tt := range tests {
		in := calculator.NewInput(2022, tt.revenue)
		in.Employees, in.EmployeesKnown = tt.employees, true
		in.Guarantee = &calculator.Guarantee{Amount: calculator.Yuan(1_000_000), AlternativeFeeRate: 30_000}
		out := estimate(t, in)
		var failed []calculator.Failure
		for _, f := range out.Failed {
			if f.Article == 9 {
				failed = append(failed, f)
			}
		}
		if tt.class == "" {
			if len(failed) != 0 || len(out.Savings) != 3 || out.Savings[0].Amount != calculator.Yuan(20_000) {
				t.Errorf("%d employees, %d fen: failures %+v, savings %+v; want 3 savings of 20,000 yuan", tt.employees, tt.revenue, failed, out.Savings)
			}
			continue
		}
		if len(failed) != 1 || failed[0].Field != "employees" || len(out.Savings) != 0 {
			t.Fatalf("%d employees, %d fen: failures %+v, savings %+v; want the size failure only", tt.employees, tt.revenue, failed, out.Savings)
		}
		if s := failed[0].Explain.EN; !strings.Contains(s, "this enterprise is "+tt.class+", so") {
			t.Errorf("%d employees, %d fen: %s; want it called %s", tt.employees, tt.revenue, s, tt.class)
		}
	}
}

// TestZhYuanLarge: whole hundreds of millions are written in 亿元, anything else as ZhYuan does.
func TestZhYuanLarge(t *testing.T) {
	tests := []struct {
		f    calculator.Fen
		want string
	}{
		{calculator.Yuan(100_000_000), "1亿元"},
		{calculator.Yuan(400_000_000), "4亿元"},
		{calculator.Yuan(150_000_000), "15,000万元"},
		{calculator.Yuan(20_000_000), "2,000万元"},
		{calculator.Yuan(99_999_999), "99,999,999元"},
	}
	for _, tt := range tests {
		if got := zhYuanLarge(tt.f); got != tt.want {
			t.Errorf("zhYuanLarge(%d) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestRevenueTexts: the failure says how much revenue is missing, and the 万元 warning is
// given below 100,000 yuan only.
func TestRevenueTexts(t *testing.T) {
	out := estimate(t, calculator.NewInput(2022, calculator.Yuan(19_000_000)))
	if len(out.Failed) != 1 || !strings.Contains(out.Failed[0].Explain.EN, "short by 1,000,000 yuan.") ||
		!strings.Contains(out.Failed[0].Explain.ZH, "还差1,000,000元。") {
		t.Errorf("failures %+v, want one saying 1,000,000 yuan short", out.Failed)
	}
	for _, tt := range []struct {
		revenue calculator.Fen
		warned  bool
	}{{calculator.Yuan(100_000) - 1, true}, {calculator.Yuan(100_000), false}} {
		out := estimate(t, calculator.NewInput(2022, tt.revenue))
		if _, ok := warning(out, "revenueUnit", 1); ok != tt.warned {
			t.Errorf("revenue %d fen: revenueUnit warning %v, want %v (%+v)", tt.revenue, ok, tt.warned, out.Warnings)
		}
	}
}

// TestRetentionTexts: the 211 retention items name their years, their count and the reading in
// a sentence of its own, and assume the enterprise stays only when no exit year is given.
func TestRetentionTexts(t *testing.T) {
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	out := estimate(t, in)
	r2, _ := item(out, "retention2", 2023)
	r3, _ := item(out, "retention3", 2024)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{r2.Explain.EN, []string{"staying in the directory two consecutive", "On the default reading the entry year counts as year 1, so 2022–2023 in",
			"Assumes the enterprise stays"}},
		{r2.Explain.ZH, []string{"连续2年未退出", "2022年至2023年连续在库", "假设企业此后未退出"}},
		{r3.Explain.EN, []string{"three consecutive", "so 2022–2024 in the directory earns it in 2024"}},
		{r3.Explain.ZH, []string{"连续3年未退出规上工业企业库，再奖励", "2022年至2024年连续在库"}},
	} {
		if miss := containsAll(tt.text, tt.want...); miss != "" {
			t.Errorf("%s\nlacks %q", tt.text, miss)
		}
	}
	in.LastYearInDirectory = 2030
	out = estimate(t, in)
	r2, _ = item(out, "retention2", 2023)
	if strings.Contains(r2.Explain.EN, "Assumes the enterprise stays") || strings.Contains(r2.Explain.ZH, "假设企业此后未退出") {
		t.Errorf("exit year given, still assumes staying: %+v", r2.Explain)
	}
}

// TestPrioritySectorText: the clause 五 item names the sector id when one is given, only then.
func TestPrioritySectorText(t *testing.T) {
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	in.PriorityField = calculator.PriorityFourFoundations
	out := estimate(t, in)
	if p, _ := item(out, "priority", 2022); strings.Contains(p.Explain.EN, "sector id") || strings.Contains(p.Explain.ZH, "行业编号") {
		t.Errorf("no sector given: %+v", p.Explain)
	}
	in.PrioritySector = "core-components"
	out = estimate(t, in)
	if p, _ := item(out, "priority", 2022); !strings.Contains(p.Explain.EN, "four foundations\" (sector id core-components)") ||
		!strings.Contains(p.Explain.ZH, "（行业编号 core-components）") {
		t.Errorf("sector core-components: %+v", p.Explain)
	}
}

// TestSocialInsuranceTexts: the clause 八 explanation counts the months, names the months
// before the entry year only in the entry year (in the singular for one; reading
// monthsAfterEntry), and writes the monthly amount and the scope under the reading chosen.
func TestSocialInsuranceTexts(t *testing.T) {
	hire := func(year, month int) calculator.Hire {
		return calculator.Hire{StartYear: year, StartMonth: month, ContractMonths: 24, MonthlyEmployerContribution: calculator.Yuan(1000),
			MonthlyEmployeeContribution: calculator.Yuan(200), EmployeeContributionKnown: true}
	}
	tests := []struct {
		name  string
		hire  calculator.Hire
		scope calculator.InsuranceScope
		year  int
		want  []string
		not   []string
	}{
		{"in the entry year", hire(2022, 1), calculator.InsuranceEmployer, 2022,
			[]string{"hires[0]: 1,000 yuan a month × 12 months = 12,000 yuan; ", "; the default reading counts the employer's part only:"},
			[]string{"before the entry year", "(employer", "on the reading chosen"}},
		{"one month before", hire(2021, 12), calculator.InsuranceEmployer, 2022,
			[]string{"× 12 months = 12,000 yuan (the contract's 1 month before the entry year not counted); "}, nil},
		{"six months before", hire(2021, 7), calculator.InsuranceEmployer, 2022,
			[]string{"(the contract's 6 months before the entry year not counted)"}, nil},
		{"the year after", hire(2021, 7), calculator.InsuranceEmployer, 2023,
			[]string{"× 6 months = 6,000 yuan; "}, []string{"before the entry year"}},
		{"both parts", hire(2022, 1), calculator.InsuranceEmployerAndEmployee, 2022,
			[]string{"hires[0]: (employer 1,000 yuan + employee 200 yuan) a month × 12 months = 14,400 yuan", "on the reading chosen for this estimate"},
			[]string{"; the default reading counts the employer's part only:"}},
	}
	for _, tt := range tests {
		in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
		in.Hires = []calculator.Hire{tt.hire}
		in.Assumptions.SocialInsuranceScope = tt.scope
		in.Assumptions.HireStartsBeforeEntry = calculator.HireBeforeEntryMonthsAfter
		it, ok := item(estimate(t, in), "socialInsurance", tt.year)
		if !ok {
			t.Fatalf("%s: no item in %d", tt.name, tt.year)
		}
		if miss := containsAll(it.Explain.EN, tt.want...); miss != "" {
			t.Errorf("%s: %s\nlacks %q", tt.name, it.Explain.EN, miss)
		}
		for _, s := range tt.not {
			if strings.Contains(it.Explain.EN, s) {
				t.Errorf("%s: %s\nsays %q", tt.name, it.Explain.EN, s)
			}
		}
	}
}

// TestAfterExitYears: under exitEndsAllRewards the social-insurance months after the exit are
// left out, and the failure names each of their years once, in order.
func TestAfterExitYears(t *testing.T) {
	in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
	in.Hires = []calculator.Hire{{StartYear: 2022, StartMonth: 1, ContractMonths: 36, MonthlyEmployerContribution: calculator.Yuan(1000)}}
	in.LastYearInDirectory = 2022
	in.Assumptions.ExitEndsAllRewards = true
	out := estimate(t, in)
	for _, f := range out.Failed {
		if f.Article == 8 {
			if !strings.Contains(f.Explain.EN, " for 2023 and 2024 is not counted") || !strings.Contains(f.Explain.ZH, "2023年、2024年的") {
				t.Errorf("clause 8 failure: %+v", f.Explain)
			}
			return
		}
	}
	t.Errorf("no clause 8 failure in %+v", out.Failed)
}

// TestGuaranteeNoSavingNote: the note "no saving" is given only when the alternative rate is
// not above the cap.
func TestGuaranteeNoSavingNote(t *testing.T) {
	for _, tt := range []struct {
		rate calculator.Rate
		note bool
	}{{5_000, true}, {10_000, true}, {30_000, false}} {
		in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
		in.Guarantee = &calculator.Guarantee{Amount: calculator.Yuan(1_000_000), AlternativeFeeRate: tt.rate}
		s, _ := item(estimate(t, in), "guaranteeFee", 2022)
		if got := strings.Contains(s.Explain.EN, "so there is no saving"); got != tt.note {
			t.Errorf("rate %d ppm: note %v, want %v: %s", tt.rate, got, tt.note, s.Explain.EN)
		}
	}
}

// TestSharesText: the tax reward says whether the national sharing ratios were used; any one
// of the three changed makes them the reader's.
func TestSharesText(t *testing.T) {
	for _, tt := range []struct {
		name     string
		change   func(*calculator.Assumptions)
		national bool
	}{
		{"national", func(*calculator.Assumptions) {}, true},
		{"vat", func(a *calculator.Assumptions) { a.LocalShareVAT = 400_000 }, false},
		{"cit", func(a *calculator.Assumptions) { a.LocalShareCIT = 300_000 }, false},
		{"other", func(a *calculator.Assumptions) { a.LocalShareOther = 400_000 }, false},
	} {
		in := calculator.NewInput(2022, calculator.Yuan(26_000_000))
		in.Taxes = []calculator.TaxYear{{Year: 2021, VAT: calculator.Yuan(100_000)}, {Year: 2022, VAT: calculator.Yuan(200_000)}}
		tt.change(&in.Assumptions)
		it, ok := item(estimate(t, in), "taxReward", 2022)
		if !ok {
			t.Fatalf("%s: no tax reward", tt.name)
		}
		if got := strings.Contains(it.Explain.EN, "Sharing ratios are the national ones"); got != tt.national {
			t.Errorf("%s: national %v, want %v: %s", tt.name, got, tt.national, it.Explain.EN)
		}
	}
}

// TestAfterHorizonTexts: one afterHorizon warning per clause names its years after 2025 once
// each, in order, and clause 八's names the hires that start after it, joined correctly.
func TestAfterHorizonTexts(t *testing.T) {
	in := calculator.NewInput(2025, calculator.Yuan(26_000_000))
	in.Taxes = []calculator.TaxYear{{Year: 2024}, {Year: 2025, VAT: 1}, {Year: 2026, VAT: 2}, {Year: 2027, VAT: 3}}
	in.Hires = []calculator.Hire{{StartYear: 2026, StartMonth: 3, ContractMonths: 12, MonthlyEmployerContribution: calculator.Yuan(1000)}}
	out := estimate(t, in)
	tests := []struct {
		article int
		en, zh  []string
	}{
		{4, []string{"Clause (4): the amounts for 2026 and 2027 fall after the policy's stated horizon (the end of the 14th Five-Year Plan, 2025). The policy"},
			[]string{"第（四）条：2026年、2027年的金额在政策所述期限（“十四五”末，即2025年底）之后。"}},
		{8, []string{"Clause (8): the amounts for 2026 and 2027 fall after the policy's stated horizon (the end of the 14th Five-Year Plan, 2025); the contract of hires[0] (from 2026-03) starts after 2025, also after that horizon."},
			[]string{"第（八）条：2026年、2027年的金额", "之后；hires[0]（2026-03起）的劳动合同在2025年以后开始"}},
		{10, []string{"Clause (10): the amounts for 2026 and 2027 fall after"}, nil},
	}
	for _, tt := range tests {
		w, ok := warning(out, "afterHorizon", tt.article)
		if !ok {
			t.Errorf("clause %d: no afterHorizon warning in %+v", tt.article, out.Warnings)
			continue
		}
		if miss := containsAll(w.EN, tt.en...); miss != "" {
			t.Errorf("clause %d: %s\nlacks %q", tt.article, w.EN, miss)
		}
		if miss := containsAll(w.ZH, tt.zh...); miss != "" {
			t.Errorf("clause %d: %s\nlacks %q", tt.article, w.ZH, miss)
		}
	}
	in.Hires = append(in.Hires, in.Hires[0])
	w, _ := warning(estimate(t, in), "afterHorizon", 8)
	if !strings.Contains(w.EN, "the contracts of hires[0] (from 2026-03) and hires[1] (from 2026-03) start after 2025") {
		t.Errorf("two late hires: %s", w.EN)
	}
}

// TestTextHelpers: the dates, clause names and lists the explanations are built from.
func TestTextHelpers(t *testing.T) {
	tests := []struct{ got, want string }{
		{dateZH("2021-09-28"), "2021年9月28日"},
		{dateEN("2021-09-28"), "28 September 2021"},
		{dateEN("2024-01-05"), "5 January 2024"},
		{yearsZH([]int{2026}), "2026年"},
		{yearsZH([]int{2026, 2027, 2028}), "2026年、2027年、2028年"},
		{policy(1).Clause + policy(4).Clause + policy(10).Clause, "第（一）条第（四）条第（十）条"},
		{ParamEntryReward.Source.Clause, "第（四）条"},
		{upperFirst("on the reading"), "On the reading"},
		{upperFirst("Zz"), "Zz"},
		{upperFirst(""), ""},
		{plural(1, "month") + ", " + plural(2, "month"), "1 month, 2 months"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

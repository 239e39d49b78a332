package jsz202135

import (
	"sort"

	"scaleup/calculator"
)

// Estimate applies the rules of 晋市政办〔2021〕35号 to one valid enterprise: every amount in the
// output comes with its clause and an explanation.
//
// The rules run in clause order: eligibility (一, 二, 三), then 四, 五, 八, 九, 十
// and the non-cash benefits. Each rule only appends to the output; finish sorts
// and totals at the end, so no rule depends on another's result.
func (Module) Estimate(in *calculator.Input) calculator.Output {
	e := &estimator{in: *in, out: calculator.Output{Version: Version, Assumptions: in.Assumptions,
		Items: make([]calculator.Item, 0, 16), Benefits: make([]calculator.Benefit, 0, 8), Warnings: make([]calculator.Warning, 0, 8)}}
	e.eligibility()
	if e.out.Eligible {
		e.reward211()
		e.priorityBonus()
		e.socialInsurance()
		e.guaranteeSaving()
		e.taxReward()
		e.stayWarnings()
	}
	e.benefits()
	e.horizonWarning()
	e.afterHorizon()
	e.finish()
	return e.out
}

type estimator struct {
	in        calculator.Input
	out       calculator.Output
	lateHires []lateHire // counted hires that start after the horizon (afterHorizon names them)
}

func (e *estimator) item(id string, clause int, year int, amount calculator.Fen, explain calculator.Text) {
	e.out.Items = append(e.out.Items, calculator.Item{ID: id, Ref: ref(clause), Year: year, Amount: amount, Explain: explain})
}

func (e *estimator) fail(clause int, field string, explain calculator.Text) {
	e.out.Failed = append(e.out.Failed, calculator.Failure{Ref: ref(clause), Field: field, Explain: explain})
}

func (e *estimator) warn(id string, clause int, zh, en string) {
	w := calculator.Warning{ID: id, Text: calculator.Text{ZH: zh, EN: en}}
	if clause > 0 {
		w.Ref = ref(clause)
	}
	e.out.Warnings = append(e.out.Warnings, w)
}

func (e *estimator) missing(field string, clause int, zh, en string) {
	e.out.Missing = append(e.out.Missing, calculator.Missing{Field: field, Ref: ref(clause), Explain: calculator.Text{ZH: zh, EN: en}})
}

// clauseZH writes "第（四）条"; clauseEN writes "clause (4)".
func clauseZH(n int) string { return "第（" + numerals[n-1] + "）条" }
func clauseEN(n int) string { return "Clause (" + calculator.Itoa(n) + ")" }

// yearZH writes "2022年".
func yearZH(y int) string { return calculator.Itoa(y) + "年" }

// finish orders everything and computes the totals. Items are ordered by year,
// then clause, then id (entry, retention2, retention3, priority,
// socialInsurance, taxReward); savings by year; failures by clause.
func (e *estimator) finish() {
	o := &e.out
	insertionSort(o.Items, func(a, b *calculator.Item) bool {
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		return idOrder(a.ID) < idOrder(b.ID)
	})
	insertionSort(o.Savings, func(a, b *calculator.Item) bool { return a.Year < b.Year })
	insertionSort(o.Failed, func(a, b *calculator.Failure) bool { return a.Article < b.Article })
	for _, it := range o.Items {
		o.Total += it.Amount
		if n := len(o.ByYear); n > 0 && o.ByYear[n-1].Year == it.Year {
			o.ByYear[n-1].Amount += it.Amount
		} else {
			o.ByYear = append(o.ByYear, calculator.YearAmount{Year: it.Year, Amount: it.Amount})
		}
	}
	for _, s := range o.Savings {
		o.SavingsTotal += s.Amount
	}
}

// insertionSort is a stable sort for the short lists of an output (a few
// dozen entries at most); it avoids the reflection behind sort.SliceStable.
func insertionSort[T any](list []T, less func(a, b *T) bool) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && less(&list[j], &list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func idOrder(id string) int {
	switch id {
	case "entry":
		return 0
	case "retention2":
		return 1
	case "retention3":
		return 2
	case "priority":
		return 3
	case "socialInsurance":
		return 4
	case "taxReward":
		return 5
	}
	return 6
}

// routeClause maps a route to its clause: 一, 二 or 三.
func routeClause(r calculator.Route) int {
	switch r {
	case calculator.RouteNewProduction:
		return 2
	case calculator.RouteSectorShift:
		return 3
	}
	return 1
}

// eligibility checks the conditions of clauses 一, 二, 三: an industrial
// enterprise, admitted for the first time, with revenue at the threshold or
// above. Every failed condition is listed, not just the first.
func (e *estimator) eligibility() {
	in := e.in
	c := routeClause(in.Route)
	if e.beforePolicy() {
		e.failBeforePolicy(c)
	}
	if !in.Industrial {
		e.fail(c, "industrial", calculator.Text{
			ZH: clauseZH(c) + "：只有主导行业为工业的企业才能“小升规”，本企业填写为非工业企业。" +
				"以其他行业为主导的企业转为以工业为主导并达到规模后，可按第（三）条视同“小升规”。",
			EN: clauseEN(c) + ": only an enterprise whose main business is industry can be upgraded; this one is entered as non-industrial. " +
				"An enterprise that shifts its main business to industry and reaches the threshold is deemed upgraded under clause (3).",
		})
	}
	if !in.FirstTime {
		e.fail(c, "firstTime", calculator.Text{
			ZH: clauseZH(c) + "、第（四）条：奖励只给“首次”进入规模以上工业企业库的企业。" +
				"曾经入库后退出、再次入库的企业，按文字理解不属于首次（本市未见明确规定，此为解读）。",
			EN: clauseEN(c) + " and clause (4): the rewards go to enterprises admitted to the directory for the first time. " +
				"An enterprise that was in the directory before, left and came back is, on a plain reading, not a first entry " +
				"(no Jincheng rule says so explicitly; this is a reading).",
		})
	}
	th := calculator.Fen(ParamRevenueThreshold.Value)
	if in.Revenue < th {
		short := th - in.Revenue
		e.fail(c, "revenue", calculator.Text{
			ZH: clauseZH(c) + "：年主营业务收入" + calculator.YuanText(in.Revenue) + "元，低于规模以上工业企业标准" + calculator.ZhYuan(th) +
				"（" + ParamRevenueThreshold.CiteZH() + "），还差" + calculator.YuanText(short) + "元。" +
				"收入达到" + calculator.ZhYuan(th) + "及以上并纳入统计部门联网直报后才符合条件（恰好" + calculator.ZhYuan(th) + "即符合）。",
			EN: clauseEN(c) + ": annual main-business revenue is " + calculator.EnYuan(in.Revenue) + ", below the above-designated-size threshold of " +
				calculator.EnYuan(th) + " (" + ParamRevenueThreshold.CiteEN() + "), short by " + calculator.EnYuan(short) + ". " +
				"The enterprise qualifies once revenue reaches " + calculator.EnYuan(th) + " or more (exactly " + calculator.EnYuan(th) +
				" qualifies) and it is admitted to online direct reporting.",
		})
	}
	if in.Revenue < calculator.Yuan(revenueUnitLimit) {
		e.warn("revenueUnit", c,
			"年主营业务收入填写为"+calculator.YuanText(in.Revenue)+"元，不到10万元。是否按“万元”填写了？收入以元为单位：2600万元应填写为26000000。",
			"Annual main-business revenue is entered as "+calculator.EnYuan(in.Revenue)+", under 100,000 yuan. Did you enter it in 万元 (tens of thousands of yuan)? Revenue is in yuan: 2600万元 is 26,000,000 yuan.")
	}
	e.out.Eligible = len(e.out.Failed) == 0
}

// revenueUnitLimit is the revenue (yuan) below which the input was most likely
// typed in 万元: no enterprise near the 20,000,000 threshold reports less.
const revenueUnitLimit = 100_000

// reward211 applies clause 四: 200,000 yuan in the first-entry year, 100,000
// after two consecutive years in the directory and another 100,000 after three.
func (e *estimator) reward211() {
	in, a := e.in, e.in.Assumptions
	y := in.FirstEntryYear
	entry := calculator.Fen(ParamEntryReward.Value)
	e.item("entry", 4, y, entry, calculator.Text{
		ZH: clauseZH(4) + "“211”奖励：当年首次“小升规”（" + yearZH(y) + "）奖励" + calculator.ZhYuan(entry) + "。参数：每户" +
			calculator.ZhYuan(entry) + "（" + ParamEntryReward.CiteZH() + "）。",
		EN: clauseEN(4) + " \"211\" reward: first entry in " + calculator.Itoa(y) + " earns " + calculator.EnYuan(entry) + ". Parameter: " +
			calculator.EnYuan(entry) + " per enterprise (" + ParamEntryReward.CiteEN() + ").",
	})

	// The two readings of "连续2年/3年未退出".
	first := y + 1 // entry year counts as year 1
	readingZH := "按默认解读，入规当年算第1年"
	readingEN := "on the default reading the entry year counts as year 1"
	if !a.RetentionCountsEntryYear {
		first = y + 2
		readingZH = "按另一种解读，从入规次年起算"
		readingEN = "on the alternative reading the years are counted after the entry year"
	}
	stages := []struct {
		id    string
		years int
		year  int
		p     calculator.Param
	}{
		{"retention2", 2, first, ParamRetention2Reward},
		{"retention3", 3, first + 1, ParamRetention3Reward},
	}
	for _, s := range stages {
		amount := calculator.Fen(s.p.Value)
		from := s.year - s.years + 1
		spanZH := yearZH(from) + "至" + yearZH(s.year)
		spanEN := calculator.Itoa(from) + "–" + calculator.Itoa(s.year)
		nZH, nEN := "2", "two"
		again := ""
		if s.years == 3 {
			nZH, nEN = "3", "three"
			again = "再"
		}
		if last := in.LastYearInDirectory; last != 0 && last < s.year {
			e.fail(4, "lastYearInDirectory", calculator.Text{
				ZH: clauseZH(4) + "：企业最后在库年份为" + yearZH(last) + "，未满足连续" + nZH + "年未退出（需在库至" + yearZH(s.year) +
					"，" + readingZH + "），不计" + again + "奖励" + calculator.ZhYuan(amount) + "。",
				EN: clauseEN(4) + ": the enterprise was last in the directory in " + calculator.Itoa(last) + ", so it did not stay " + nEN +
					" consecutive years (it would need to stay until " + calculator.Itoa(s.year) + "; " + readingEN + "); the " +
					calculator.EnYuan(amount) + " retention reward is not counted.",
			})
			continue
		}
		stayZH, stayEN := "", ""
		if in.LastYearInDirectory == 0 {
			stayZH = "假设企业此后未退出规上工业企业库（未填写退出年份）。"
			stayEN = " Assumes the enterprise stays in the directory (no exit year given)."
		}
		e.item(s.id, 4, s.year, amount, calculator.Text{
			ZH: clauseZH(4) + "“211”奖励：首次“小升规”后连续" + nZH + "年未退出规上工业企业库，" + again + "奖励" + calculator.ZhYuan(amount) + "。" +
				readingZH + "，" + spanZH + "连续在库，于" + yearZH(s.year) + "计奖。" + stayZH +
				"参数：每户" + calculator.ZhYuan(amount) + "（" + s.p.CiteZH() + "）。",
			EN: clauseEN(4) + " \"211\" reward: " + calculator.EnYuan(amount) + " for staying in the directory " + nEN +
				" consecutive years after first entry. " + upperFirst(readingEN) + ", so " + spanEN + " in the directory earns it in " +
				calculator.Itoa(s.year) + "." + stayEN + " Parameter: " + calculator.EnYuan(amount) + " per enterprise (" + s.p.CiteEN() + ").",
		})
	}
}

func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

var priorityNames = map[calculator.PriorityField]calculator.Text{
	calculator.PriorityFourFoundations: {ZH: "工业“四基”领域", EN: "the industrial \"four foundations\""},
	calculator.PriorityMadeInChina2025: {ZH: "《中国制造2025》十大重点产业领域", EN: "the ten key sectors of Made in China 2025"},
	calculator.PriorityShanxiStrategic: {ZH: "全省十四个战略性新兴产业领域", EN: "Shanxi's 14 strategic emerging industries"},
}

// priorityBonus applies clause 五: a one-off 300,000 yuan in the entry year.
func (e *estimator) priorityBonus() {
	in := e.in
	if in.PriorityField == calculator.PriorityNone {
		if in.PrioritySector != "" {
			e.warn("prioritySectorIgnored", 5,
				"填写了行业编号（"+in.PrioritySector+"），但 priorityField 为 none：第（五）条奖励未计入。若该行业属于工业“四基”、《中国制造2025》十大领域或全省十四个战略性新兴产业，请选择相应领域。",
				"A sector id ("+in.PrioritySector+") is given but priorityField is none, so the clause (5) bonus is not counted. If the sector is one of the qualifying fields, choose that field.")
		}
		return
	}
	name := priorityNames[in.PriorityField]
	sectorZH, sectorEN := "", ""
	if in.PrioritySector != "" {
		sectorZH = "（行业编号 " + in.PrioritySector + "）"
		sectorEN = " (sector id " + in.PrioritySector + ")"
	}
	amount := calculator.Fen(ParamPriorityBonus.Value)
	y := in.FirstEntryYear
	e.item("priority", 5, y, amount, calculator.Text{
		ZH: clauseZH(5) + "：企业属于" + name.ZH + sectorZH + "，在“小升规”奖励之外另一次性奖励" + calculator.ZhYuan(amount) +
			"，计入首次入规当年（" + yearZH(y) + "）。同时属于多个领域也只奖励一次。参数：每户" + calculator.ZhYuan(amount) +
			"（" + ParamPriorityBonus.CiteZH() + "）。",
		EN: clauseEN(5) + ": the enterprise is in " + name.EN + sectorEN + ", so it gets a one-off " + calculator.EnYuan(amount) +
			" on top of the upgrade rewards, counted in the first-entry year (" + calculator.Itoa(y) + "). It is paid once even if several fields apply. " +
			"Parameter: " + calculator.EnYuan(amount) + " per enterprise (" + ParamPriorityBonus.CiteEN() + ").",
	})
}

// maxHiresExplained bounds how many hires one explanation lists by name.
const maxHiresExplained = 10

// socialInsurance applies clause 八: for each qualifying hire, the actual
// contributions (the employer's part, or both parts under the other reading)
// for at most 36 months, allocated to calendar years. The readings decide
// which hires count: one whose contract began before the entry year
// (hireStartsBeforeEntry), one that starts after the window (hireStartLimit),
// and the months after leaving the directory (exitEndsAllRewards).
func (e *estimator) socialInsurance() {
	in, a := e.in, e.in.Assumptions
	if in.Hires == nil {
		e.missing("hires", 8,
			"未填写招用的就业困难人员：第（八）条社保补贴未计算（不按0计）。",
			"No hires of people with employment difficulties given: the clause (8) subsidy is not estimated (not taken as zero).")
		return
	}
	minC := int(ParamMinContract.Value)
	maxM := int(ParamMaxSubsidyMonths.Value)
	window, wZH, wEN := e.window()
	windowEnd := window[len(window)-1]
	exit := e.exitYear()
	type share struct {
		hire   int
		months int
		amount calculator.Fen
	}
	perYear := map[int][]share{}
	beforeEntry := map[int]int{} // hire → months before the entry year left out
	var afterExit []int          // years left out after the exit year
	assumed, noEmployeePart := 0, 0
	for i, h := range in.Hires {
		p := "hires[" + calculator.Itoa(i) + "]"
		start := calculator.Itoa(h.StartYear) + "-" + twoDigits(h.StartMonth)
		if h.ContractMonths < minC {
			e.fail(8, p+".contractMonths", calculator.Text{
				ZH: clauseZH(8) + "：" + p + "的劳动合同为" + calculator.Itoa(h.ContractMonths) + "个月，不足1年（" + calculator.Itoa(minC) +
					"个月），该人员不计补贴。签订1年以上劳动合同后可计入。",
				EN: clauseEN(8) + ": " + p + " has a labour contract of " + calculator.Itoa(h.ContractMonths) + " months, less than one year (" +
					calculator.Itoa(minC) + " months), so this hire is not counted. A contract of one year or more would count.",
			})
			continue
		}
		if h.StartYear < in.FirstEntryYear && a.HireStartsBeforeEntry == calculator.HireBeforeEntryExcluded {
			e.fail(8, p+".start", calculator.Text{
				ZH: clauseZH(8) + "：" + p + "自" + start + "起招用，早于首次“小升规”年份（" + yearZH(in.FirstEntryYear) +
					"）。按默认读法，补贴针对首次“小升规”企业自己招用、签订的劳动合同，入规年份之前开始的合同不计。另一种读法计入其入规当年1月起的月份，可在读法中切换。",
				EN: clauseEN(8) + ": " + p + " started in " + start + ", before the first-entry year (" + calculator.Itoa(in.FirstEntryYear) +
					"). On the default reading the subsidy is for contracts the upgraded enterprise itself signed, so a contract that began before the entry year is not counted. The other reading counts its months from January of the entry year; switch it in the readings.",
			})
			continue
		}
		if h.StartYear > windowEnd && a.HireStartLimit == calculator.HireStartWindow {
			e.fail(8, p+".start", calculator.Text{
				ZH: clauseZH(8) + "：" + p + "自" + start + "起招用，晚于“三年内”（" + wZH + "，至" + yearZH(windowEnd) +
					"）。按默认读法，本条针对的“首次‘小升规’工业企业”以政策在第（九）、（十）条所用的三年为限，此后开始的合同不计。另一种读法不设期限，可在读法中切换。",
				EN: clauseEN(8) + ": " + p + " started in " + start + ", after the \"within three years\" window (" + wEN + ", to " + calculator.Itoa(windowEnd) +
					"). On the default reading the clause's \"first-time upgraded enterprise\" is bounded by the three years the policy uses in clauses (9) and (10), so a contract starting later is not counted. The other reading sets no limit; switch it in the readings.",
			})
			continue
		}
		months := h.ContractMonths
		if h.MonthsEmployedKnown {
			months = h.MonthsEmployed
		} else {
			assumed++
		}
		if a.SocialInsuranceScope == calculator.InsuranceEmployerAndEmployee && !h.EmployeeContributionKnown {
			noEmployeePart++
		}
		monthly := e.monthly(h)
		counted, exited := 0, false
		// Under monthsAfterEntry a contract that began before the entry year
		// counts from January of that year; its earlier months are left out.
		k := 0
		if h.StartYear < in.FirstEntryYear {
			k = min(months, (in.FirstEntryYear-h.StartYear)*12-(h.StartMonth-1))
			beforeEntry[i] = k
		}
		period := 0 // months within the subsidy period, counted or left out after the exit
		for ; k < months && period < maxM; k++ {
			y := h.StartYear + (h.StartMonth-1+k)/12
			period++
			if exit != 0 && y > exit {
				afterExit = appendYear(afterExit, y)
				exited = true
				continue
			}
			counted++
			list := perYear[y]
			if n := len(list); n > 0 && list[n-1].hire == i {
				list[n-1].months++
				list[n-1].amount += monthly
			} else {
				list = append(list, share{i, 1, monthly})
			}
			perYear[y] = list
		}
		switch {
		case counted > 0 && h.StartYear > int(ParamHorizonLast.Value):
			e.lateHires = append(e.lateHires, lateHire{p, start})
		case counted > 0:
		case months == 0:
			e.fail(8, p+".monthsEmployed", calculator.Text{
				ZH: clauseZH(8) + "：" + p + "的实际缴费月数为0，补贴按实际缴纳的社会保险费计算，该人员不增加补贴。",
				EN: clauseEN(8) + ": " + p + " has 0 months actually employed; the subsidy follows the contributions actually paid, so this hire adds nothing.",
			})
		case !exited: // every month fell before the entry year
			e.fail(8, p+".start", calculator.Text{
				ZH: clauseZH(8) + "：" + p + "的" + calculator.Itoa(beforeEntry[i]) + "个在职月份都在首次“小升规”年份（" + yearZH(in.FirstEntryYear) + "）之前，不增加补贴。",
				EN: clauseEN(8) + ": all " + calculator.Itoa(beforeEntry[i]) + " months of " + p + " fall before the first-entry year (" + calculator.Itoa(in.FirstEntryYear) + "), so this hire adds nothing.",
			})
		}
	}
	if assumed > 0 {
		e.warn("monthsEmployedAssumed", 8,
			calculator.Itoa(assumed)+"名人员未填写实际在职月数（monthsEmployed），按劳动合同期限计算（最长36个月）。",
			calculator.Itoa(assumed)+" hire(s) have no months actually employed (monthsEmployed); the contract length is used (at most 36 months).")
	}
	if noEmployeePart > 0 {
		e.warn("employeeContributionMissing", 8,
			calculator.Itoa(noEmployeePart)+"名人员未填写个人每月缴纳的社会保险费（monthlyEmployeeContribution）：按“单位和个人缴纳部分都计入”的读法，这些人员只计入了单位缴纳部分。",
			calculator.Itoa(noEmployeePart)+" hire(s) have no monthly employee contribution (monthlyEmployeeContribution): on the reading that counts both parts, only the employer's part is counted for them.")
	}
	if len(afterExit) > 0 {
		e.failAfterExit(8, afterExit, "社保补贴", "social-insurance subsidy")
	}
	years := make([]int, 0, len(perYear))
	for y := range perYear {
		years = append(years, y)
	}
	sort.Ints(years)
	scopeZH, scopeEN := e.insuranceScopeText()
	for _, y := range years {
		var total calculator.Fen
		var zh, en string
		for n, s := range perYear[y] {
			total += s.amount
			if n < maxHiresExplained {
				h := in.Hires[s.hire]
				p := "hires[" + calculator.Itoa(s.hire) + "]"
				mZH, mEN := e.monthlyText(h)
				zh += p + "：每月" + mZH + " × " + calculator.Itoa(s.months) + "个月 = " + calculator.YuanText(s.amount) + "元"
				en += p + ": " + mEN + " a month × " + calculator.Itoa(s.months) + " months = " + calculator.EnYuan(s.amount)
				if b := beforeEntry[s.hire]; b > 0 && y == in.FirstEntryYear {
					zh += "（劳动合同在入规年份之前的" + calculator.Itoa(b) + "个月不计）"
					en += " (the contract's " + plural(b, "month") + " before the entry year not counted)"
				}
				zh += "；"
				en += "; "
			}
		}
		if n := len(perYear[y]); n > maxHiresExplained {
			zh += "另有" + calculator.Itoa(n-maxHiresExplained) + "人；"
			en += "and " + calculator.Itoa(n-maxHiresExplained) + " more; "
		}
		e.item("socialInsurance", 8, y, total, calculator.Text{
			ZH: clauseZH(8) + "社保补贴，" + yearZH(y) + "：" + zh + "合计" + calculator.ZhYuan(total) + "。" +
				"补贴按实际缴纳的社会保险费计算，每人最长" + calculator.Itoa(maxM) + "个月（" + ParamMaxSubsidyMonths.CiteZH() +
				"），劳动合同须满" + calculator.Itoa(minC) + "个月。" + scopeZH,
			EN: clauseEN(8) + " social-insurance subsidy, " + calculator.Itoa(y) + ": " + en + "total " + calculator.EnYuan(total) + ". " +
				"The subsidy follows the social-insurance contributions actually paid, for at most " + calculator.Itoa(maxM) +
				" months per person (" + ParamMaxSubsidyMonths.CiteEN() + "); the contract must run at least " +
				calculator.Itoa(minC) + " months. " + scopeEN,
		})
	}
}

// monthly is the contribution a hire counts for each month under the scope reading.
func (e *estimator) monthly(h calculator.Hire) calculator.Fen {
	if e.in.Assumptions.SocialInsuranceScope == calculator.InsuranceEmployerAndEmployee {
		return h.MonthlyEmployerContribution + h.MonthlyEmployeeContribution
	}
	return h.MonthlyEmployerContribution
}

// monthlyText writes a hire's monthly amount: "1,000元" or "（单位1,000元 + 个人200元）".
func (e *estimator) monthlyText(h calculator.Hire) (string, string) {
	if e.in.Assumptions.SocialInsuranceScope == calculator.InsuranceEmployerAndEmployee && h.EmployeeContributionKnown {
		return "（单位" + calculator.YuanText(h.MonthlyEmployerContribution) + "元 + 个人" + calculator.YuanText(h.MonthlyEmployeeContribution) + "元）",
			"(employer " + calculator.EnYuan(h.MonthlyEmployerContribution) + " + employee " + calculator.EnYuan(h.MonthlyEmployeeContribution) + ")"
	}
	return calculator.YuanText(h.MonthlyEmployerContribution) + "元", calculator.EnYuan(h.MonthlyEmployerContribution)
}

// insuranceScopeText says which reading of "实际缴纳社会保险费金额" the amounts use.
func (e *estimator) insuranceScopeText() (string, string) {
	if e.in.Assumptions.SocialInsuranceScope == calculator.InsuranceEmployerAndEmployee {
		return "原文只写“按照实际缴纳社会保险费金额”；按本估算所选的读法，单位和个人缴纳的部分都计入（默认读法只计单位缴纳部分，可在读法中切换）。",
			"The text says only \"according to the social-insurance contributions actually paid\"; on the reading chosen for this estimate the employer's and the employee's parts both count (the default reading counts the employer's part only; switch it in the readings)."
	}
	return "原文只写“按照实际缴纳社会保险费金额”；按默认读法只计单位缴纳部分：本条经费在就业资金中列支，据对国家《就业补助资金管理办法》（财社〔2023〕181号）的公开解读，这类补贴为单位缴纳的基本养老、基本医疗和失业保险费，不含个人缴纳部分。另一种读法把个人缴纳部分也计入，可在读法中切换。",
		"The text says only \"according to the social-insurance contributions actually paid\"; the default reading counts the employer's part only: the clause is paid from employment funds, and as the national Measures for the Management of Employment Subsidy Funds (财社〔2023〕181号) are publicly explained, such subsidies cover the employer's basic pension, basic medical and unemployment insurance contributions, not the employee's part. The other reading adds the employee's part; switch it in the readings."
}

// exitYear is the last year in the directory when leaving ends 八, 九 and 十
// too (exitEndsAllRewards), else 0.
func (e *estimator) exitYear() int {
	if e.in.Assumptions.ExitEndsAllRewards {
		return e.in.LastYearInDirectory
	}
	return 0
}

// failAfterExit says which years of a clause the exit reading left out.
func (e *estimator) failAfterExit(clause int, years []int, whatZH, whatEN string) {
	last := e.in.LastYearInDirectory
	e.fail(clause, "lastYearInDirectory", calculator.Text{
		ZH: clauseZH(clause) + "：企业最后在库年份为" + yearZH(last) + "。按“退出规上库即停止”的读法，" + yearsZH(years) + "的" + whatZH +
			"不计。默认读法只有第（四）条以“未退出”为条件，可在读法中切换。",
		EN: clauseEN(clause) + ": the enterprise was last in the directory in " + calculator.Itoa(last) + ". On the reading that leaving the directory ends this clause too, the " +
			whatEN + " for " + yearsEN(years) + " is not counted. On the default reading only clause (4) requires staying; switch it in the readings.",
	})
}

// appendYear adds y to an ascending list of years unless it is there.
func appendYear(ys []int, y int) []int {
	if n := len(ys); n > 0 && ys[n-1] >= y {
		for _, x := range ys {
			if x == y {
				return ys
			}
		}
	}
	ys = append(ys, y)
	insertionSort(ys, func(a, b *int) bool { return *a < *b })
	return ys
}

// plural writes "1 month", "2 months".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return calculator.Itoa(n) + " " + noun + "s"
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + calculator.Itoa(n)
	}
	return calculator.Itoa(n)
}

// window returns the three years of "三年内" under the chosen reading.
func (e *estimator) window() (years []int, zh, en string) {
	y := e.in.FirstEntryYear
	n := int(ParamWindowYears.Value)
	start := y
	zh, en = "首次入规当年起的三年", "the first-entry year and the next two"
	if !e.in.Assumptions.WindowStartsAtEntry {
		start = y + 1
		zh, en = "首次入规次年起的三年", "the three years after the first-entry year"
	}
	for i := 0; i < n; i++ {
		years = append(years, start+i)
	}
	return years, zh, en
}

// guaranteeSaving applies clause 九: for "符合条件的小微企业" the guarantee fee is
// capped at 1 % within three years of first entry. The saving is reported,
// never added to cash. A medium or large enterprise gets nothing; one whose
// size is not given is assumed small or micro (warned).
func (e *estimator) guaranteeSaving() {
	if e.mediumOrLarge() {
		e.failSize()
		return
	}
	g := e.in.Guarantee
	if g == nil {
		e.missing("guarantee", 9,
			"未填写政府性融资担保贷款：第（九）条担保费节省未计算。",
			"No government-backed loan guarantee given: the clause (9) fee saving is not estimated.")
		return
	}
	if !e.in.EmployeesKnown {
		e.warn("assumesSmallMicro", 9,
			"未填写从业人员数：假设企业属于小型或微型企业（第（九）条只针对“符合条件的小微企业”）。从业人员300人及以上的规上工业企业属于中型或大型企业（工信部联企业〔2011〕300号），不计担保费节省。",
			"No number of employees given: the estimate assumes a small or micro enterprise (clause (9) is for \"eligible small and micro enterprises\"). An industrial enterprise above designated size with 300 or more employees is medium-sized or large (工信部联企业〔2011〕300号) and gets no guarantee-fee saving.")
	}
	capRate := calculator.Rate(ParamGuaranteeFeeCap.Value)
	diff := g.AlternativeFeeRate - capRate
	if diff < 0 {
		diff = 0
	}
	saving := calculator.MulRate(g.Amount, diff)
	years, wZH, wEN := e.window()
	noteZH, noteEN := "", ""
	if diff == 0 {
		noteZH = "其他担保费率不高于1%，没有节省。"
		noteEN = " The alternative rate is not above 1%, so there is no saving."
	}
	// The formula is the same every year; only the year changes.
	capText := calculator.PctText(capRate)
	formulaZH := "：担保金额" + calculator.YuanText(g.Amount) + "元 × max(0, " + calculator.PctText(g.AlternativeFeeRate) + " − " + capText + ") = " +
		calculator.YuanText(saving) + "元。" + noteZH + "首次“小升规”三年内（" + wZH + "）市级政府性融资担保机构担保费率不超过" + capText + "（" +
		ParamGuaranteeFeeCap.CiteZH() + "）；假设每年在保金额相同，实际以担保机构审批为准。"
	formulaEN := ": guaranteed amount " + calculator.EnYuan(g.Amount) + " × max(0, " + calculator.PctText(g.AlternativeFeeRate) + " − " + capText + ") = " +
		calculator.EnYuan(saving) + "." + noteEN + " Within three years of first entry (" + wEN + ") city government-backed guarantee institutions charge at most " +
		capText + " (" + ParamGuaranteeFeeCap.CiteEN() + "); assumes the same amount is guaranteed each year, subject to the institution's approval."
	exit := e.exitYear()
	var afterExit []int
	for _, y := range years {
		if exit != 0 && y > exit {
			afterExit = append(afterExit, y)
			continue
		}
		e.out.Savings = append(e.out.Savings, calculator.Item{ID: "guaranteeFee", Ref: ref(9),
			Year: y, Amount: saving, Explain: calculator.Text{
				ZH: clauseZH(9) + "担保费节省（不是现金奖励），" + yearZH(y) + formulaZH,
				EN: clauseEN(9) + " guarantee-fee saving (not a cash reward), " + calculator.Itoa(y) + formulaEN,
			}})
	}
	if len(afterExit) > 0 {
		e.failAfterExit(9, afterExit, "担保费节省", "guarantee-fee saving")
	}
}

// localTax is the locally retained part of one year's taxes under the chosen shares.
func (e *estimator) localTax(t calculator.TaxYear) (calculator.Fen, string, string) {
	a := e.in.Assumptions
	v, c, o := calculator.MulRate(t.VAT, a.LocalShareVAT), calculator.MulRate(t.CIT, a.LocalShareCIT), calculator.MulRate(t.OtherLocal, a.LocalShareOther)
	sum := v + c + o
	zh := "增值税" + calculator.YuanText(t.VAT) + "元×" + calculator.PctText(a.LocalShareVAT) + " + 企业所得税" + calculator.YuanText(t.CIT) + "元×" +
		calculator.PctText(a.LocalShareCIT) + " + 其他地方税" + calculator.YuanText(t.OtherLocal) + "元×" + calculator.PctText(a.LocalShareOther) +
		" = " + calculator.YuanText(sum) + "元"
	en := "VAT " + calculator.EnYuan(t.VAT) + " × " + calculator.PctText(a.LocalShareVAT) + " + CIT " + calculator.EnYuan(t.CIT) + " × " +
		calculator.PctText(a.LocalShareCIT) + " + other local taxes " + calculator.EnYuan(t.OtherLocal) + " × " + calculator.PctText(a.LocalShareOther) +
		" = " + calculator.EnYuan(sum)
	return sum, zh, en
}

// sharesText names the sharing ratios the estimate used: the national ones, or
// the reader's with the national ones beside them.
func (e *estimator) sharesText() (string, string) {
	a := e.in.Assumptions
	vat, cit, other := calculator.Rate(ParamVATLocalShare.Value), calculator.Rate(ParamCITLocalShare.Value), calculator.Rate(ParamOtherLocalShare.Value)
	national := "增值税地方" + calculator.PctText(vat) + "（" + ParamVATLocalShare.Source.Number + "），企业所得税地方" + calculator.PctText(cit) + "（" +
		ParamCITLocalShare.Source.Number + "），其他地方税" + calculator.PctText(other)
	nationalEN := "VAT " + calculator.PctText(vat) + " local (" + ParamVATLocalShare.Source.Number + "), CIT " + calculator.PctText(cit) + " local (" +
		ParamCITLocalShare.Source.Number + "), other local taxes " + calculator.PctText(other)
	if a.LocalShareVAT == vat && a.LocalShareCIT == cit && a.LocalShareOther == other {
		return "分成比例按国家规定：" + national + "；可在读法中调整。",
			"Sharing ratios are the national ones: " + nationalEN + "; they can be changed in the readings."
	}
	return "分成比例按本估算所填：增值税地方" + calculator.PctText(a.LocalShareVAT) + "，企业所得税地方" + calculator.PctText(a.LocalShareCIT) +
			"，其他地方税" + calculator.PctText(a.LocalShareOther) + "（国家规定为" + national + "）。",
		"Sharing ratios as entered for this estimate: VAT " + calculator.PctText(a.LocalShareVAT) + " local, CIT " + calculator.PctText(a.LocalShareCIT) +
			" local, other local taxes " + calculator.PctText(a.LocalShareOther) + " (the national ones are " + nationalEN + ")."
}

// taxReward applies clause 十: within the three-year window, the increase of the
// locally retained tax over the base is returned (by the returned fraction). A
// year without figures is skipped with a warning, never treated as zero. Under
// the perYear reading each year is an item of its own, a decrease counting as
// zero; under netted the increases are added up and returned as one item in
// the last year computed.
func (e *estimator) taxReward() {
	in, a := e.in, e.in.Assumptions
	if len(in.Taxes) == 0 {
		e.missing("taxes", 10,
			"未填写纳税数据：第（十）条税收奖补未计算（不按0计）。需填写首次入规前一年及之后三年的增值税、企业所得税和其他地方税。",
			"No tax figures given: the clause (10) tax reward is not estimated (not taken as zero). Give VAT, CIT and other local taxes for the year before first entry and the three years after.")
		return
	}
	// The local share of each year is computed once: with a fixed base the
	// base year's figures appear in all three explanations.
	type local struct {
		sum    calculator.Fen
		zh, en string
	}
	byYear := map[int]calculator.TaxYear{}
	for _, t := range in.Taxes {
		byYear[t.Year] = t
	}
	cache := map[int]local{}
	localOf := func(t calculator.TaxYear) local {
		l, ok := cache[t.Year]
		if !ok {
			l.sum, l.zh, l.en = e.localTax(t)
			cache[t.Year] = l
		}
		return l
	}
	years, wZH, wEN := e.window()
	fixedBase := in.FirstEntryYear - 1
	exit := e.exitYear()
	netted := a.TaxIncreaseNetting == calculator.TaxNettingNetted
	sharesZH, sharesEN := e.sharesText()
	var afterExit []int
	var sum calculator.Fen  // netted: the window's increases added up
	var sumZH, sumEN string // netted: each year's increase
	last := 0               // netted: the last year computed
	for _, y := range years {
		if exit != 0 && y > exit {
			afterExit = append(afterExit, y)
			continue
		}
		t, ok := byYear[y]
		if !ok {
			e.warn("taxYearMissing", 10,
				"缺少"+yearZH(y)+"的纳税数据，第（十）条该年的税收奖补未计算（不按0计）。",
				"No tax figures for "+calculator.Itoa(y)+": the clause (10) reward for that year is not estimated (not taken as zero).")
			continue
		}
		baseYear, baseZH, baseEN := fixedBase, "固定基数：首次入规前一年", "fixed base: the year before first entry"
		if a.TaxBase == calculator.TaxBaseRolling {
			baseYear, baseZH, baseEN = y-1, "滚动基数：上一年", "rolling base: the previous year"
		}
		bt, ok := byYear[baseYear]
		if !ok {
			e.warn("taxBaseMissing", 10,
				"缺少基数年份"+yearZH(baseYear)+"的纳税数据，"+yearZH(y)+"的税收奖补未计算（不按0计）。",
				"No tax figures for the base year "+calculator.Itoa(baseYear)+": the "+calculator.Itoa(y)+" tax reward is not estimated (not taken as zero).")
			continue
		}
		cur, prev := localOf(t), localOf(bt)
		inc := cur.sum - prev.sum
		stepZH := yearZH(y) + "：地方留成 = " + cur.zh + "；基数（" + baseZH + "，" + yearZH(baseYear) + "）= " + prev.zh
		stepEN := calculator.Itoa(y) + ": local share = " + cur.en + "; base (" + baseEN + ", " + calculator.Itoa(baseYear) + ") = " + prev.en
		if netted {
			sum += inc
			last = y
			sumZH += stepZH + "；增量 " + calculator.YuanText(inc) + "元。"
			sumEN += stepEN + "; increase " + calculator.EnYuan(inc) + ". "
			continue
		}
		reward := calculator.Fen(0)
		if inc > 0 {
			reward = calculator.MulRate(inc, a.ReturnedFraction)
		}
		e.item("taxReward", 10, y, reward, calculator.Text{
			ZH: clauseZH(10) + "税收奖补，" + stepZH + "；奖补 = max(0, " + calculator.YuanText(cur.sum) + " − " + calculator.YuanText(prev.sum) + ") × 返还比例" +
				calculator.PctText(a.ReturnedFraction) + " = " + calculator.YuanText(reward) + "元。每年单独计算，减少的年份按0计（默认读法）。“三年内”按" + wZH + "计算。" +
				sharesZH + "每项乘积四舍五入到分。",
			EN: clauseEN(10) + " tax reward, " + stepEN + "; reward = max(0, " + calculator.YuanText(cur.sum) + " − " + calculator.YuanText(prev.sum) +
				") × returned fraction " + calculator.PctText(a.ReturnedFraction) + " = " + calculator.EnYuan(reward) + ". Each year stands alone and a decrease counts as zero (the default reading). \"Within three years\" is read as " +
				wEN + ". " + sharesEN + " Each product is rounded to the nearest fen.",
		})
	}
	if netted && last != 0 {
		reward := calculator.Fen(0)
		if sum > 0 {
			reward = calculator.MulRate(sum, a.ReturnedFraction)
		}
		e.item("taxReward", 10, last, reward, calculator.Text{
			ZH: clauseZH(10) + "税收奖补（按“三年内新增税款合并计算”的读法，计入最后一个计算年份" + yearZH(last) + "）：" + sumZH +
				"奖补 = max(0, 增量合计" + calculator.YuanText(sum) + ") × 返还比例" + calculator.PctText(a.ReturnedFraction) + " = " + calculator.YuanText(reward) +
				"元。减少的年份抵减其他年份的增量；默认读法每年单独计算，可在读法中切换。“三年内”按" + wZH + "计算。" + sharesZH + "每项乘积四舍五入到分。",
			EN: clauseEN(10) + " tax reward (on the reading that nets the increases of the window, counted in the last year computed, " + calculator.Itoa(last) + "): " + sumEN +
				"Reward = max(0, total increase " + calculator.YuanText(sum) + ") × returned fraction " + calculator.PctText(a.ReturnedFraction) + " = " + calculator.EnYuan(reward) +
				". A year with a decrease offsets the others; the default reading takes each year on its own (switch it in the readings). \"Within three years\" is read as " +
				wEN + ". " + sharesEN + " Each product is rounded to the nearest fen.",
		})
	}
	if len(afterExit) > 0 {
		e.failAfterExit(10, afterExit, "税收奖补", "tax reward")
	}
	e.warn("fairCompetition", 10,
		"第（十）条税收奖补可能受2024年8月1日起施行的《公平竞争审查条例》影响（无法律依据的选择性财政奖励受到限制），能否兑现请向市财政局、市税务局确认。",
		"The clause (10) tax reward may be affected by the Fair Competition Review Regulations in force since 1 August 2024 (selective fiscal rewards without a legal basis are restricted); confirm with the Municipal Finance Bureau and the Municipal Tax Service whether it is paid.")
	e.warn("localShareSplit", 10,
		"“地方留成部分”按中央与地方的分成比例估算；省、市、县之间如何分成未能确认，默认地方部分全部计入。可在 assumptions.localShare 和 returnedFraction 中调整。",
		"The \"locally retained part\" uses the central–local sharing ratios; how the local part is split between province, city and county is unconfirmed, so by default all of it counts. Change assumptions.localShare and returnedFraction to adjust.")
}

// stayWarnings says which readings about the future the estimate assumed.
func (e *estimator) stayWarnings() {
	if e.in.LastYearInDirectory == 0 {
		e.warn("assumesStaysInDirectory", 4,
			"未填写退出年份：假设企业一直留在规上工业企业库，第（四）条的两笔稳规奖励都已计入。",
			"No exit year given: the estimate assumes the enterprise stays in the directory, so both clause (4) retention rewards are counted.")
	}
	e.warn("cityOnly", 0,
		"本估算只包含晋城市级政策（"+policyNumber+"）；省级奖励（另有预算）和县（市、区）、开发区的政策未计入。年份为满足条件的年份，不是资金到账时间。",
		"This estimate covers the Jincheng city policy ("+policyNumber+") only; provincial rewards (a separate budget) and county or development-zone schemes are not included. Years are the years in which conditions are met, not payment dates.")
}

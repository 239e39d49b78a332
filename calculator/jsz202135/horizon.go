package jsz202135

import "scaleup/calculator"

// The policy's dates. It was issued on 2021-09-28 (PolicyIssued) and states one
// horizon, "到‘十四五’末" (the end of 2025, ParamHorizonLast); it names no expiry.
// An estimate says when a first entry comes before the policy could apply
// (eligibility), when it comes after the horizon (outsideHorizon), and marks
// every amount whose year is after the horizon (afterHorizon). The core reads
// no clock: whether today is past the horizon is the site's business, decided
// from its content's reviewed date.

// beforePolicy reports whether the first entry came before the policy could
// apply. A first entry in 2021 counts as inside the policy although the text
// was issued on 28 September: admission to the directory is decided by the
// annual review late in the year (facts.md §1.5), so a 2021 entrant was
// upgraded while the policy was in force (a reading, listed on /status/#readings).
func (e *estimator) beforePolicy() bool {
	return e.in.FirstEntryYear < int(ParamHorizonFirst.Value)
}

// failBeforePolicy is the eligibility failure of a first entry before 2021.
func (e *estimator) failBeforePolicy(c int) {
	y := e.in.FirstEntryYear
	e.fail(c, "firstEntryYear", calculator.Text{
		ZH: clauseZH(c) + "：首次入规年份为" + yearZH(y) + "，早于本政策印发（" + dateZH(PolicyIssued) + "，" + policyNumber +
			"）。原文没有追溯适用的规定，此前已入规的企业不是本政策推动“小升规”的企业，不计奖励。" +
			"2021年入规的企业按适用计算（入规由年底的年度审核决定，见“原文有多种理解的地方”）。",
		EN: clauseEN(c) + ": the first-entry year " + calculator.Itoa(y) + " is before the policy was issued (" + dateEN(PolicyIssued) + ", " + policyNumber +
			"). The text says nothing about applying to earlier years, so an enterprise admitted before then is not one this policy upgraded, and no reward is counted. " +
			"An entry in 2021 is counted (admission is decided by the annual review late in the year; see the readings on the status page).",
	})
}

// horizonWarning flags a first-entry year after the policy's stated horizon
// (one before it is not eligible: see failBeforePolicy).
func (e *estimator) horizonWarning() {
	y := e.in.FirstEntryYear
	lo, hi := int(ParamHorizonFirst.Value), int(ParamHorizonLast.Value)
	if y <= hi {
		return
	}
	e.warn("outsideHorizon", 0,
		"首次入规年份"+yearZH(y)+"不在政策所述的“十四五”期间（"+calculator.Itoa(lo)+"—"+calculator.Itoa(hi)+"年）。政策未写明有效期，请向市中小企业发展促进中心确认是否仍然适用。",
		"The first-entry year "+calculator.Itoa(y)+" is outside the policy's stated horizon (the 14th Five-Year Plan, "+calculator.Itoa(lo)+"–"+calculator.Itoa(hi)+
			"). The policy names no expiry date; check with the Municipal SME Development Promotion Center whether it still applies.")
}

// afterHorizon marks every amount (cash and savings) whose year is after the
// horizon, and gives one afterHorizon warning per clause that has any, naming
// the years. Clause 八 also names the counted hires that start after it.
func (e *estimator) afterHorizon() {
	hi := int(ParamHorizonLast.Value)
	years := map[string][]int{} // clause → years after the horizon, ascending
	add := func(c string, y int) {
		list := years[c]
		for _, x := range list {
			if x == y {
				return
			}
		}
		years[c] = append(list, y)
	}
	mark := func(list []calculator.Item) {
		for i := range list {
			if list[i].Year > hi {
				list[i].AfterHorizon = true
				add(list[i].Clause, list[i].Year)
			}
		}
	}
	mark(e.out.Items)
	mark(e.out.Savings)
	for n := 1; n <= len(numerals); n++ {
		ys := years[numerals[n-1]]
		hires := e.lateHires
		if n != 8 {
			hires = nil
		}
		if len(ys) == 0 && len(hires) == 0 {
			continue
		}
		insertionSort(ys, func(a, b *int) bool { return *a < *b })
		zh, en := clauseZH(n)+"：", clauseEN(n)+": "
		if len(ys) > 0 {
			zh += yearsZH(ys) + "的金额在政策所述期限（“十四五”末，即" + calculator.Itoa(hi) + "年底）之后"
			en += "the amounts for " + yearsEN(ys) + " fall after the policy's stated horizon (the end of the 14th Five-Year Plan, " + calculator.Itoa(hi) + ")"
		}
		if len(hires) > 0 {
			if len(ys) > 0 {
				zh += "；"
				en += "; "
			}
			hz, he := make([]string, len(hires)), make([]string, len(hires))
			for i, h := range hires {
				hz[i], he[i] = h.path+"（"+h.start+"起）", h.path+" (from "+h.start+")"
			}
			zh += joinZH(hz) + "的劳动合同在" + calculator.Itoa(hi) + "年以后开始，也在此期限之后"
			if len(hires) == 1 {
				en += "the contract of " + he[0] + " starts after " + calculator.Itoa(hi) + ", also after that horizon"
			} else {
				en += "the contracts of " + joinEN(he) + " start after " + calculator.Itoa(hi) + ", also after that horizon"
			}
		}
		e.warn("afterHorizon", n,
			zh+"。政策未写明有效期，这些年份是否仍按本政策兑现，请向市中小企业发展促进中心确认。",
			en+". The policy names no expiry date: whether it still pays for these years must be confirmed with the Municipal SME Development Promotion Center.")
	}
}

// lateHire is a counted hire whose contract starts after the horizon.
type lateHire struct{ path, start string }

// dateZH writes an ISO date as "2021年9月28日"; dateEN as "28 September 2021".
func dateZH(iso string) string {
	y, m, d := isoDate(iso)
	return calculator.Itoa(y) + "年" + calculator.Itoa(m) + "月" + calculator.Itoa(d) + "日"
}

func dateEN(iso string) string {
	y, m, d := isoDate(iso)
	return calculator.Itoa(d) + " " + monthsEN[m-1] + " " + calculator.Itoa(y)
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// isoDate reads "YYYY-MM-DD" (the core's own constants only).
func isoDate(s string) (y, m, d int) {
	n := func(t string) int {
		v := 0
		for i := 0; i < len(t); i++ {
			v = v*10 + int(t[i]-'0')
		}
		return v
	}
	return n(s[:4]), n(s[5:7]), n(s[8:10])
}

// yearsZH writes "2026年、2027年"; yearsEN writes "2026 and 2027" ("2025, 2026 and 2027").
func yearsZH(ys []int) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = yearZH(y)
	}
	return joinZH(parts)
}

func yearsEN(ys []int) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = calculator.Itoa(y)
	}
	return joinEN(parts)
}

func joinZH(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "、"
		}
		s += p
	}
	return s
}

func joinEN(parts []string) string {
	s := ""
	for i, p := range parts {
		switch {
		case i == 0:
		case i == len(parts)-1:
			s += " and "
		default:
			s += ", "
		}
		s += p
	}
	return s
}

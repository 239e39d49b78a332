package calculator

// Limits on list lengths keep one estimate cheap and every sum inside int64.
const (
	maxHires    = 10_000
	maxTaxYears = 50    // the window and its base need four; fifty is a pasted column, not a history
	maxMonths   = 1_200 // 100 years: any longer contract is a typing error
	maxStaff    = 1_000_000
	minYear     = 2000
	maxYear     = 2100
	maxSectorID = 64
)

// Validate checks the values of an input and returns every problem, in field
// order. Estimate calls it; DecodeInput calls it too, so JSON and Go callers
// get the same messages.
func Validate(in Input) []FieldError {
	var errs []FieldError
	add := func(field, zh, en string) {
		errs = append(errs, FieldError{field, Text{zh, en}})
	}
	year := func(field string, y int) bool {
		if y < minYear || y > maxYear {
			add(field, "年份应在2000至2100之间（现为"+Itoa(y)+"）", "year must be between 2000 and 2100 (got "+Itoa(y)+")")
			return false
		}
		return true
	}
	money := func(field string, f, max Fen) {
		switch {
		case f < 0:
			add(field, "金额不能为负数", "must not be negative")
		case f > max:
			add(field, "金额过大（上限"+ZhYuan(max)+"）", "is too large (limit "+EnYuan(max)+")")
		}
	}
	rate := func(field string, r Rate) {
		if r < 0 || r > RateOne {
			add(field, "应在0至1之间（如0.5表示50%）", "must be between 0 and 1 (0.5 means 50%)")
		}
	}
	months := func(field string, n, min int) {
		if n < min || n > maxMonths {
			add(field, "月数应在"+Itoa(min)+"至"+Itoa(maxMonths)+"之间（现为"+Itoa(n)+"）",
				"months must be between "+Itoa(min)+" and "+Itoa(maxMonths)+" (got "+Itoa(n)+")")
		}
	}

	entryOK := year("firstEntryYear", in.FirstEntryYear)
	money("revenue", in.Revenue, maxMoney)
	switch in.Route {
	case RouteGrowth, RouteNewProduction, RouteSectorShift:
	default:
		add("route", "应为 growth、new_production 或 sector_shift 之一（现为“"+in.Route.String()+"”）",
			"must be one of growth, new_production, sector_shift (got \""+in.Route.String()+"\")")
	}
	if in.LastYearInDirectory != 0 {
		if year("lastYearInDirectory", in.LastYearInDirectory) && entryOK && in.LastYearInDirectory < in.FirstEntryYear {
			add("lastYearInDirectory", "不能早于首次入规年份（"+Itoa(in.FirstEntryYear)+"）",
				"must not be before firstEntryYear ("+Itoa(in.FirstEntryYear)+")")
		}
	}
	switch in.PriorityField {
	case PriorityNone, PriorityFourFoundations, PriorityMadeInChina2025, PriorityShanxiStrategic:
	default:
		add("priorityField", "应为 none、four_foundations、made_in_china_2025 或 shanxi_strategic 之一",
			"must be one of none, four_foundations, made_in_china_2025, shanxi_strategic")
	}
	if s := in.PrioritySector; s != "" && !ValidID(s) {
		add("prioritySector", "行业编号只能由小写字母、数字、“_”和“-”组成，长度1至64",
			"a sector id has 1 to 64 characters: lower-case letters, digits, '_' and '-'")
	}
	if in.EmployeesKnown && (in.Employees < 0 || in.Employees > maxStaff) {
		add("employees", "从业人员数应在0至"+Itoa(maxStaff)+"之间（现为"+Itoa(in.Employees)+"）",
			"the number of employees must be between 0 and "+Itoa(maxStaff)+" (got "+Itoa(in.Employees)+")")
	}

	// A list longer than any estimate needs is one mistake, reported once
	// rather than once per row.
	taxes := in.Taxes
	if len(taxes) > maxTaxYears {
		errs = append(errs, tooManyTaxYears(len(taxes)))
		taxes = nil
	}
	seen := map[int]int{}
	for i, t := range taxes {
		p := "taxes[" + Itoa(i) + "]"
		if year(p+".year", t.Year) {
			if j, dup := seen[t.Year]; dup {
				add(p+".year", Itoa(t.Year)+"年重复（已在 taxes["+Itoa(j)+"] 中填写）",
					"year "+Itoa(t.Year)+" is already given in taxes["+Itoa(j)+"]")
			}
			seen[t.Year] = i
		}
		money(p+".vat", t.VAT, maxMoney)
		money(p+".cit", t.CIT, maxMoney)
		money(p+".otherLocal", t.OtherLocal, maxMoney)
	}

	if len(in.Hires) > maxHires {
		add("hires", "最多填写"+Itoa(maxHires)+"名人员", "at most "+Itoa(maxHires)+" hires")
	}
	for i, h := range in.Hires {
		p := "hires[" + Itoa(i) + "]"
		if h.StartMonth < 1 || h.StartMonth > 12 {
			add(p+".start", "月份应在1至12之间", "month must be between 1 and 12")
		} else {
			year(p+".start", h.StartYear)
		}
		months(p+".contractMonths", h.ContractMonths, 1)
		money(p+".monthlyEmployerContribution", h.MonthlyEmployerContribution, maxMonthlyMoney)
		if h.MonthsEmployedKnown {
			months(p+".monthsEmployed", h.MonthsEmployed, 0)
		}
		money(p+".monthlyEmployeeContribution", h.MonthlyEmployeeContribution, maxMonthlyMoney)
	}

	if g := in.Guarantee; g != nil {
		money("guarantee.amount", g.Amount, maxMoney)
		rate("guarantee.alternativeFeeRate", g.AlternativeFeeRate)
	}

	// A reading is one of two values.
	either := func(field, v, x, y string) {
		if v != x && v != y {
			add(field, "应为 "+x+" 或 "+y, "must be "+x+" or "+y)
		}
	}
	a := in.Assumptions
	either("assumptions.taxBase", string(a.TaxBase), string(TaxBaseFixed), string(TaxBaseRolling))
	rate("assumptions.localShare.vat", a.LocalShareVAT)
	rate("assumptions.localShare.cit", a.LocalShareCIT)
	rate("assumptions.localShare.otherLocal", a.LocalShareOther)
	rate("assumptions.returnedFraction", a.ReturnedFraction)
	either("assumptions.hireStartsBeforeEntry", string(a.HireStartsBeforeEntry), string(HireBeforeEntryExcluded), string(HireBeforeEntryMonthsAfter))
	either("assumptions.hireStartLimit", string(a.HireStartLimit), string(HireStartWindow), string(HireStartAny))
	either("assumptions.socialInsuranceScope", string(a.SocialInsuranceScope), string(InsuranceEmployer), string(InsuranceEmployerAndEmployee))
	either("assumptions.taxIncreaseNetting", string(a.TaxIncreaseNetting), string(TaxNettingPerYear), string(TaxNettingNetted))
	sortFieldErrors(errs)
	return errs
}

func (r Route) String() string { return string(r) }

func tooManyTaxYears(n int) FieldError {
	return FieldError{"taxes", Text{
		"最多填写" + Itoa(maxTaxYears) + "个年份（现为" + Itoa(n) + "个）；只需入规前一年和其后三年",
		"at most " + Itoa(maxTaxYears) + " years (got " + Itoa(n) + "); only the year before entry and the three after are needed"}}
}

// ValidID checks ^[a-z0-9_-]{1,64}$ by hand (the core links no regexp): the form of the ids
// the input names (sector ids).
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > maxSectorID {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

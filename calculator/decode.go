package calculator

import "strings"

// DecodeInput reads the JSON input format (README.md, "Input") into an Input
// with defaults filled in. It reports every problem it finds, each with its
// field path, and checks the values with Validate as well. Unknown fields are
// errors, so that a misspelt field never silently falls back to a default.
func DecodeInput(src []byte) (Input, []FieldError) {
	in := NewInput(0, 0)
	root, perr := parseJSON(src)
	if perr != nil {
		return in, []FieldError{*perr}
	}
	d := &decoder{bad: map[string]bool{}}
	if root.kind != jsonObject {
		d.typeErr("", root, "对象", "an object")
		return in, d.errs
	}
	hasYear, hasRevenue := false, false
	for _, m := range root.members {
		v, f := m.value, m.key
		if v.kind == jsonNull {
			continue // null means "not given": the default applies
		}
		switch f {
		case "firstEntryYear":
			in.FirstEntryYear, hasYear = d.integer(f, v)
		case "revenue":
			in.Revenue, hasRevenue = d.money(f, v)
		case "route":
			in.Route = Route(d.str(f, v))
		case "industrial":
			in.Industrial = d.boolean(f, v)
		case "firstTime":
			in.FirstTime = d.boolean(f, v)
		case "lastYearInDirectory":
			// 0 means "still in" in the Go API; in JSON that is an absent field.
			if y, ok := d.integer(f, v); ok && y == 0 {
				d.add(f, "年份应在2000至2100之间（现为0）；仍在库时请省略此字段", "year must be between 2000 and 2100 (got 0); leave the field out while still in the directory")
			} else {
				in.LastYearInDirectory = y
			}
		case "priorityField":
			in.PriorityField = PriorityField(d.str(f, v))
		case "prioritySector":
			in.PrioritySector = d.str(f, v)
			if v.kind == jsonString && in.PrioritySector == "" {
				d.add(f, "不能为空字符串（不填则省略此字段）", "must not be empty (leave the field out instead)")
			}
		case "techSME":
			in.TechSME = d.boolean(f, v)
		case "inCultivationPool":
			in.InCultivationPool = d.boolean(f, v)
		case "employees":
			in.Employees, in.EmployeesKnown = d.integer(f, v)
		case "taxes":
			in.Taxes = d.taxes(f, v)
		case "hires":
			in.Hires = d.hires(f, v)
		case "guarantee":
			in.Guarantee = d.guarantee(f, v)
		case "assumptions":
			d.assumptions(f, v, &in.Assumptions)
		default:
			d.unknown(f)
		}
	}
	if !hasYear && !d.bad["firstEntryYear"] {
		d.required("firstEntryYear")
	}
	if !hasRevenue && !d.bad["revenue"] {
		d.required("revenue")
	}
	for _, e := range Validate(in) {
		if !d.covered(e.Field) {
			d.errs = append(d.errs, e)
		}
	}
	sortFieldErrors(d.errs)
	return in, d.errs
}

type decoder struct {
	errs []FieldError
	bad  map[string]bool // fields that already have an error
}

func (d *decoder) add(field, zh, en string) {
	d.errs = append(d.errs, FieldError{field, Text{zh, en}})
	d.bad[field] = true
}

// covered reports whether field, or an enclosing field, already has an error
// (or was never decoded because it was missing), so Validate does not repeat it.
func (d *decoder) covered(field string) bool {
	for f := field; ; {
		if d.bad[f] {
			return true
		}
		i := strings.LastIndexAny(f, ".[")
		if i <= 0 {
			return false
		}
		f = f[:i]
	}
}

func (d *decoder) required(field string) {
	d.add(field, "必填", "is required")
}

// requireAll reports each of three required members of the object at path p
// that was not given.
func (d *decoder) requireAll(p string, k1 string, has1 bool, k2 string, has2 bool, k3 string, has3 bool) {
	for _, r := range [...]struct {
		key string
		has bool
	}{{k1, has1}, {k2, has2}, {k3, has3}} {
		if !r.has {
			d.required(p + "." + r.key)
		}
	}
}

func (d *decoder) unknown(field string) {
	d.add(field, "未知字段（请检查拼写）", "unknown field (check the spelling)")
}

var kindNames = [...]Text{
	jsonNull: {"null", "null"}, jsonBool: {"布尔值", "a boolean"}, jsonNumber: {"数字", "a number"},
	jsonString: {"字符串", "a string"}, jsonArray: {"数组", "an array"}, jsonObject: {"对象", "an object"},
}

func (d *decoder) typeErr(field string, v *jsonValue, wantZH, wantEN string) {
	got := kindNames[v.kind]
	d.add(field, "应为"+wantZH+"，实际为"+got.ZH, "must be "+wantEN+", not "+got.EN)
}

func (d *decoder) integer(field string, v *jsonValue) (int, bool) {
	if v.kind != jsonNumber {
		d.typeErr(field, v, "整数", "a whole number")
		return 0, false
	}
	n, e := parseDecimal(v.text, 0)
	switch {
	case e == decPrecision:
		d.add(field, "应为整数", "must be a whole number")
		return 0, false
	case e != decOK || n > 1_000_000 || n < -1_000_000:
		d.add(field, "数值超出范围", "is out of range")
		return 0, false
	}
	return int(n), true
}

func (d *decoder) money(field string, v *jsonValue) (Fen, bool) {
	if v.kind != jsonNumber {
		d.typeErr(field, v, "数字（元）", "a number (yuan)")
		return 0, false
	}
	f, err := ParseYuan(v.text)
	if err != nil {
		t := err.(textError)
		d.add(field, t.ZH, t.EN)
		return 0, false
	}
	return f, true
}

func (d *decoder) rate(field string, v *jsonValue) (Rate, bool) {
	if v.kind != jsonNumber {
		d.typeErr(field, v, "数字（比例，如0.5）", "a number (a fraction such as 0.5)")
		return 0, false
	}
	r, err := ParseRate(v.text)
	if err != nil {
		t := err.(textError)
		d.add(field, t.ZH, t.EN)
		return 0, false
	}
	return r, true
}

func (d *decoder) boolean(field string, v *jsonValue) bool {
	if v.kind != jsonBool {
		d.typeErr(field, v, "true 或 false", "true or false")
		return false
	}
	return v.boolean
}

func (d *decoder) str(field string, v *jsonValue) string {
	if v.kind != jsonString {
		d.typeErr(field, v, "字符串", "a string")
		return ""
	}
	return v.text
}

func (d *decoder) taxes(field string, v *jsonValue) []TaxYear {
	if v.kind != jsonArray {
		d.typeErr(field, v, "数组", "an array")
		return nil
	}
	if len(v.elems) > maxTaxYears {
		// One error for the list, not one per row.
		e := tooManyTaxYears(len(v.elems))
		d.add(e.Field, e.ZH, e.EN)
		return nil
	}
	out := make([]TaxYear, 0, len(v.elems))
	for i, e := range v.elems {
		p := field + "[" + Itoa(i) + "]"
		if e.kind != jsonObject {
			d.typeErr(p, e, "对象", "an object")
			continue
		}
		var t TaxYear
		var hasYear, hasVAT, hasCIT bool // given (even if wrong): not "required" again
		for _, m := range e.members {
			if m.value.kind == jsonNull {
				continue
			}
			f := p + "." + m.key
			switch m.key {
			case "year":
				t.Year, _ = d.integer(f, m.value)
				hasYear = true
			case "vat":
				t.VAT, _ = d.money(f, m.value)
				hasVAT = true
			case "cit":
				t.CIT, _ = d.money(f, m.value)
				hasCIT = true
			case "otherLocal":
				t.OtherLocal, _ = d.money(f, m.value)
			default:
				d.unknown(f)
			}
		}
		d.requireAll(p, "year", hasYear, "vat", hasVAT, "cit", hasCIT)
		out = append(out, t)
	}
	return out
}

func (d *decoder) hires(field string, v *jsonValue) []Hire {
	if v.kind != jsonArray {
		d.typeErr(field, v, "数组", "an array")
		return nil
	}
	out := make([]Hire, 0, len(v.elems))
	for i, e := range v.elems {
		p := field + "[" + Itoa(i) + "]"
		if e.kind != jsonObject {
			d.typeErr(p, e, "对象", "an object")
			continue
		}
		var h Hire
		var hasStart, hasContract, hasMonthly bool // given (even if wrong): not "required" again
		for _, m := range e.members {
			if m.value.kind == jsonNull {
				continue
			}
			f := p + "." + m.key
			switch m.key {
			case "start":
				hasStart = true
				s := d.str(f, m.value)
				if m.value.kind == jsonString {
					var good bool
					h.StartYear, h.StartMonth, good = parseYearMonth(s)
					if !good {
						d.add(f, "应为“年-月”格式，如“2022-03”", "must be a year and month such as \"2022-03\"")
					}
				}
			case "contractMonths":
				h.ContractMonths, _ = d.integer(f, m.value)
				hasContract = true
			case "monthlyEmployerContribution":
				h.MonthlyEmployerContribution, _ = d.money(f, m.value)
				hasMonthly = true
			case "monthsEmployed":
				h.MonthsEmployed, h.MonthsEmployedKnown = d.integer(f, m.value)
			case "monthlyEmployeeContribution":
				h.MonthlyEmployeeContribution, h.EmployeeContributionKnown = d.money(f, m.value)
			default:
				d.unknown(f)
			}
		}
		d.requireAll(p, "start", hasStart, "contractMonths", hasContract, "monthlyEmployerContribution", hasMonthly)
		out = append(out, h)
	}
	return out
}

// parseYearMonth reads "YYYY-MM" (the month may have one digit).
func parseYearMonth(s string) (year, month int, ok bool) {
	i := strings.IndexByte(s, '-')
	if i != 4 || len(s) < 6 || len(s) > 7 {
		return 0, 0, false
	}
	for j, c := range s {
		if j != 4 && (c < '0' || c > '9') {
			return 0, 0, false
		}
	}
	y, _ := parseDecimal(s[:4], 0)
	m, _ := parseDecimal(s[5:], 0)
	return int(y), int(m), true
}

func (d *decoder) guarantee(field string, v *jsonValue) *Guarantee {
	if v.kind != jsonObject {
		d.typeErr(field, v, "对象", "an object")
		return nil
	}
	g := &Guarantee{}
	hasAmount, hasRate := false, false // given (even if wrong): not "required" again
	for _, m := range v.members {
		f := field + "." + m.key
		if m.value.kind == jsonNull {
			continue
		}
		switch m.key {
		case "amount":
			g.Amount, _ = d.money(f, m.value)
			hasAmount = true
		case "alternativeFeeRate":
			g.AlternativeFeeRate, _ = d.rate(f, m.value)
			hasRate = true
		default:
			d.unknown(f)
		}
	}
	if !hasAmount {
		d.required(field + ".amount")
	}
	if !hasRate {
		d.required(field + ".alternativeFeeRate")
	}
	return g
}

func (d *decoder) assumptions(field string, v *jsonValue, a *Assumptions) {
	if v.kind != jsonObject {
		d.typeErr(field, v, "对象", "an object")
		return
	}
	for _, m := range v.members {
		f := field + "." + m.key
		if m.value.kind == jsonNull {
			continue
		}
		switch m.key {
		case "retentionCountsEntryYear":
			a.RetentionCountsEntryYear = d.boolean(f, m.value)
		case "windowStartsAtEntry":
			a.WindowStartsAtEntry = d.boolean(f, m.value)
		case "taxBase":
			a.TaxBase = TaxBase(d.str(f, m.value))
		case "hireStartsBeforeEntry":
			a.HireStartsBeforeEntry = HireBeforeEntry(d.str(f, m.value))
		case "hireStartLimit":
			a.HireStartLimit = HireStartLimit(d.str(f, m.value))
		case "socialInsuranceScope":
			a.SocialInsuranceScope = InsuranceScope(d.str(f, m.value))
		case "taxIncreaseNetting":
			a.TaxIncreaseNetting = TaxNetting(d.str(f, m.value))
		case "exitEndsAllRewards":
			a.ExitEndsAllRewards = d.boolean(f, m.value)
		case "returnedFraction":
			if r, ok := d.rate(f, m.value); ok {
				a.ReturnedFraction = r
			}
		case "localShare":
			if m.value.kind != jsonObject {
				d.typeErr(f, m.value, "对象", "an object")
				continue
			}
			for _, s := range m.value.members {
				sf := f + "." + s.key
				if s.value.kind == jsonNull {
					continue
				}
				var dst *Rate
				switch s.key {
				case "vat":
					dst = &a.LocalShareVAT
				case "cit":
					dst = &a.LocalShareCIT
				case "otherLocal":
					dst = &a.LocalShareOther
				default:
					d.unknown(sf)
					continue
				}
				if r, ok := d.rate(sf, s.value); ok {
					*dst = r
				}
			}
		default:
			d.unknown(f)
		}
	}
}

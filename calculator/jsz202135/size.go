package jsz202135

import "scaleup/calculator"

// The size class of an industrial enterprise under 《中小企业划型标准规定》
// (工信部联企业〔2011〕300号, facts.md §1.2), which decides "符合条件的小微企业" in
// clause 九. Large and medium need both of their lower bounds; an enterprise
// that meets only one drops a class.

// mediumOrLarge reports whether the enterprise is medium-sized or large; false
// when the number of employees was not given (the estimate then assumes small
// or micro, warned).
func (e *estimator) mediumOrLarge() bool {
	in := e.in
	return in.EmployeesKnown && in.Employees >= int(ParamMediumEmployees.Value) && in.Revenue >= calculator.Fen(ParamMediumRevenue.Value)
}

// failSize explains why a medium or large enterprise gets nothing from clause 九.
func (e *estimator) failSize() {
	in := e.in
	large := in.Employees >= int(ParamLargeEmployees.Value) && in.Revenue >= calculator.Fen(ParamLargeRevenue.Value)
	classZH, classEN := "中型企业", "medium-sized"
	if large {
		classZH, classEN = "大型企业", "large"
	}
	me, mr := int(ParamMediumEmployees.Value), calculator.Fen(ParamMediumRevenue.Value)
	le, lr := int(ParamLargeEmployees.Value), calculator.Fen(ParamLargeRevenue.Value)
	n := func(v int) string { return calculator.GroupThousands(int64(v)) }
	e.fail(9, "employees", calculator.Text{
		ZH: clauseZH(9) + "：担保优先支持和不超过1%的担保费率只针对“符合条件的小微企业”。按《" + ParamMediumEmployees.Source.Document + "》（" +
			ParamMediumEmployees.Source.Number + "）的工业企业标准，从业人员" + n(me) + "人及以上且营业收入" + zhYuanLarge(mr) +
			"及以上为中型企业，" + n(le) + "人及以上且" + zhYuanLarge(lr) + "及以上为大型企业。本企业从业人员" + n(in.Employees) +
			"人、年主营业务收入" + zhYuanLarge(in.Revenue) + "，属于" + classZH + "，不计担保费节省，也不列融资优先支持。",
		EN: clauseEN(9) + ": the guarantee priority and the fee cap of 1% are for \"eligible small and micro enterprises\". Under the industrial thresholds of the Provisions on the Classification of SMEs (" +
			ParamMediumEmployees.Source.Number + "), an enterprise with " + n(me) + " or more employees and revenue of " + calculator.EnYuan(mr) +
			" or more is medium-sized, and one with " + n(le) + " or more employees and " + calculator.EnYuan(lr) + " or more is large. With " +
			n(in.Employees) + " employees and annual main-business revenue of " + calculator.EnYuan(in.Revenue) + " this enterprise is " + classEN +
			", so no guarantee-fee saving is counted and the financing priority is not listed.",
	})
}

// zhYuanLarge writes whole hundreds of millions as 亿元 ("4亿元"), other amounts as zhYuan does.
func zhYuanLarge(f calculator.Fen) string {
	if yi := calculator.Yuan(100_000_000); f >= yi && f%yi == 0 {
		return calculator.GroupThousands(int64(f/yi)) + "亿元"
	}
	return calculator.ZhYuan(f)
}

package jcgj20251

import "scaleup/calculator"

// Estimate applies the provincial rules to one valid enterprise. Every amount is counted in the
// year its condition is met (year) and carries the earliest year it can be paid (paidFromYear);
// amounts are summed by year, never moved to the payment year.
func (Module) Estimate(in *calculator.Input) calculator.Output {
	e := &estimator{in: in, out: calculator.Output{Version: Version, Assumptions: in.Assumptions}}
	e.upgrade()
	e.jointStock()
	o := &e.out
	if len(o.Items) > 0 {
		e.warn("paymentLag", pointPayment,
			"省级专项资金“当年预算支持上年已确定的项目”：各项按满足条件的年份列出，最早在下一年的预算中支付（见各项的最早支付年份）。",
			"The provincial fund's \"this year's budget supports projects determined in the previous year\": each amount is listed in the year its condition is met and is paid from the next year's budget at the earliest (see each amount's earliest year of payment).")
		e.warn("expiryUnknown", 0,
			"本站未查到本办法的有效期；以后年份是否仍按本办法执行，请向山西省财政厅、山西省民营经济发展局确认。",
			"No expiry date of these Measures was found: whether they still apply in later years must be confirmed with the Shanxi Provincial Department of Finance and the Shanxi Provincial Private Economy Development Bureau.")
	}
	o.Eligible = len(o.Items) > 0
	// By year, then point: the rules append in point order.
	calculator.SortByYear(o.Items)
	o.Tally()
	return *o
}

type estimator struct {
	in  *calculator.Input
	out calculator.Output
}

//go:noinline
func (e *estimator) item(id string, point, year int, amount calculator.Fen, zh, en string) {
	lag := int(ParamPaymentLag.Value)
	e.out.Items = append(e.out.Items, calculator.Item{ID: id, Ref: ref(point), Year: year, PaidFromYear: year + lag, Amount: amount,
		Explain: calculator.Text{
			ZH: zh + "最早在" + yearZH(year+lag) + "支付（当年预算支持上年已确定的项目）。",
			EN: en + " It is paid in " + calculator.Itoa(year+lag) + " at the earliest (this year's budget supports the previous year's projects).",
		}})
}

//go:noinline
func (e *estimator) fail(point int, field, zh, en string) {
	e.out.Failed = append(e.out.Failed, calculator.Failure{Ref: ref(point), Field: field, Explain: calculator.Text{ZH: zh, EN: en}})
}

//go:noinline
func (e *estimator) warn(id string, point int, zh, en string) {
	w := calculator.Warning{ID: id, Text: calculator.Text{ZH: zh, EN: en}}
	if point > 0 {
		w.Ref = ref(point)
	}
	e.out.Warnings = append(e.out.Warnings, w)
}

//go:noinline
func yearZH(y int) string { return calculator.Itoa(y) + "年" }

const inForceZH, inForceEN = "2025年6月1日", "1 June 2025"

// inForce decides whether a date of which the year (and perhaps the month, 0 when unknown) is
// known falls on or after the Measures' start. A 2025 date without its month is the reading
// provinceCounts2025WithoutMonth; assumed reports that the reading decided it.
func (e *estimator) inForce(year, month int) (ok, assumed bool) {
	first := int(ParamFirstYear.Value)
	switch {
	case year != first:
		return year > first, false
	case month != 0:
		return month >= int(ParamFirstMonth.Value), false
	}
	return e.in.Assumptions.ProvinceCounts2025WithoutMonth, true
}

// upgrade applies points 1 and 2: 300,000 yuan for a first-time 小升规 enterprise admitted on or
// after 2025-06-01, 30% more for a strategic emerging industry.
func (e *estimator) upgrade() {
	in := e.in
	y, m := in.FirstEntryYear, in.FirstEntryMonth
	deemed := in.Route != calculator.RouteGrowth
	failed := len(e.out.Failed)
	if !in.Industrial {
		e.fail(pointUpgrade, "industrial", "省级奖励给中小微工业企业，本企业填写为非工业企业。",
			"The provincial reward is for small, medium and micro industrial enterprises; this one is entered as non-industrial.")
	}
	if !in.FirstTime {
		e.fail(pointUpgrade, "firstTime", "省级奖励给首次达到规模以上的企业，本企业填写为不是首次。",
			"The provincial reward is for enterprises reaching above designated size for the first time; this one is entered as not the first time.")
	}
	if th := calculator.Fen(ParamRevenueThreshold.Value); in.Revenue < th {
		e.fail(pointUpgrade, "revenue",
			"年主营业务收入"+calculator.YuanText(in.Revenue)+"元，未达到规模以上工业企业标准"+calculator.ZhYuan(th)+"（国家统计局）。",
			"Annual main-business revenue of "+calculator.EnYuan(in.Revenue)+" is below the above-designated-size threshold of "+calculator.EnYuan(th)+" (National Bureau of Statistics).")
	}
	ok, assumed := e.inForce(y, m)
	switch {
	case ok:
	case assumed:
		e.fail(pointUpgrade, "firstEntryMonth",
			"首次入规在2025年，本办法自"+inForceZH+"起施行；未填写入规月份，默认不计（可能早于施行日期）。请填写月份，或在读法中改为计入。",
			"The first entry is in 2025 and these Measures apply from "+inForceEN+"; without the month of entry it is not counted by default (it may be before that date). Give the month, or change the reading.")
	default:
		when, whenEN := yearZH(y), calculator.Itoa(y)
		field := "firstEntryYear"
		if y == int(ParamFirstYear.Value) {
			when, whenEN, field = when+calculator.Itoa(m)+"月", calculator.Itoa(y)+"-"+calculator.Itoa(m), "firstEntryMonth"
		}
		e.fail(pointUpgrade, field,
			"首次入规时间为"+when+"，早于本办法施行日期（"+inForceZH+"，"+number+"），不计省级奖励。",
			"The first entry ("+whenEN+") is before these Measures took effect ("+inForceEN+", "+number+"): no provincial reward is counted.")
		e.warn("earlierRules", pointUpgrade,
			"此前的省级规定（仅为报道的数字，不是估算，不计入任何合计）：晋政办发〔2017〕113号，据2017年的县级通知为每户30万元；“从2018年起”，首次入统30万元，连续2年未退出5万元，连续3年再10万元（忻州市门户网站2023年的介绍）。哪项规定适用于您的企业、是否已兑现，本站无法确认。",
			"Earlier provincial rules (reported figures only, not an estimate, in no total): 晋政办发〔2017〕113号, 300,000 yuan per enterprise according to a county notice of 2017; \"from 2018\", 300,000 on first admission, 50,000 after 2 consecutive years and another 100,000 after 3 (as the Xinzhou municipal portal described it in 2023). Which applied to your enterprise, and whether it was paid, the site cannot tell.")
	}
	if deemed && !in.Assumptions.ProvinceCountsDeemedRoutes {
		e.fail(pointDeemed, "assumptions.provinceCountsDeemedRoutes",
			"按所选读法，新开工（投产）企业和转规入统企业不计省级首次“小升规”奖励。",
			"On the chosen reading, newly producing and sector-shift enterprises do not count for the provincial first-upgrade reward.")
	}
	if len(e.out.Failed) > failed {
		return
	}
	amount := calculator.Fen(ParamUpgradeReward.Value)
	zh, en := "", ""
	if deemed {
		zh = "新开工（投产）和转规入统企业按本站的读法视同首次“小升规”（原句本站未能完整掌握）。"
		en = " Newly producing and sector-shift enterprises count as first upgrades on the site's reading (the full sentence is not known to us)."
	}
	if assumed {
		zh += "2025年入规而未填月份，按所选读法计入。"
		en += " A 2025 entry without its month is counted on the chosen reading."
	}
	e.item("upgrade", pointUpgrade, y, amount,
		"首次“小升规”奖励：首次达到规模以上并纳入联网直报（"+yearZH(y)+"），每户"+calculator.ZhYuan(amount)+"（"+ParamUpgradeReward.CiteZH()+"）。"+zh,
		"First-upgrade reward: first above designated size and in online direct reporting in "+calculator.Itoa(y)+", "+calculator.EnYuan(amount)+" per enterprise ("+ParamUpgradeReward.CiteEN()+")."+en)
	if !in.StrategicEmerging {
		if in.PriorityField == calculator.PriorityShanxiStrategic {
			e.warn("strategicEmergingNotGiven", pointUpgrade,
				"您为市级政策选择了全省十四个战略新兴产业领域；省级上浮30%要由企业自己回答是否符合战略性新兴产业条件（省级文件所指的清单本站未能确认），未选“符合”时不计。",
				"You chose Shanxi's 14 strategic emerging industries for the city's policy; the provincial 30% uplift needs the enterprise's own answer that it meets the strategic emerging industry conditions (the list the province means is not known to us), and is not counted without it.")
		}
		return
	}
	up := calculator.MulRate(amount, calculator.Rate(ParamStrategicUplift.Value))
	e.item("strategicUplift", pointUpgrade, y, up,
		"战略性新兴产业上浮：按企业自己的回答，符合战略性新兴产业条件，奖励上浮"+calculator.PctText(calculator.Rate(ParamStrategicUplift.Value))+"，即"+calculator.ZhYuan(up)+"，合计"+calculator.ZhYuan(amount+up)+"（"+ParamStrategicUplift.CiteZH()+"）。",
		"Strategic emerging industry uplift: on the enterprise's own answer that it meets the strategic emerging industry conditions, the reward is raised by "+calculator.PctText(calculator.Rate(ParamStrategicUplift.Value))+", "+calculator.EnYuan(up)+", "+calculator.EnYuan(amount+up)+" in all ("+ParamStrategicUplift.CiteEN()+").")
	e.warn("strategicListUnknown", pointUpgrade,
		"省级文件所指的战略性新兴产业清单本站未能确认（可能是山西省“十四五”14个战略性新兴产业，也可能是国家统计局《战略性新兴产业分类（2018）》）；是否符合，以主管部门认定为准。",
		"Which list of strategic emerging industries the Measures mean is not known to us (Shanxi's 14 strategic emerging industries of its 14th Five-Year Plan, or the National Bureau of Statistics' classification of 2018); the competent departments decide whether the enterprise qualifies.")
}

// jointStock applies point 3: 500,000 yuan once for a standardised joint-stock reform completed
// on or after 2025-06-01.
func (e *estimator) jointStock() {
	y := e.in.JointStockReformYear
	if y == 0 {
		return
	}
	ok, assumed := e.inForce(y, 0)
	if !ok {
		zh, en := "早于", "is before"
		if assumed {
			zh, en = "可能早于", "may be before"
		}
		e.fail(pointJointStock, "jointStockReformYear",
			"股份制改造完成于"+yearZH(y)+"，"+zh+"本办法施行日期（"+inForceZH+"），不计。"+assumedZH(assumed),
			"The joint-stock reform was completed in "+calculator.Itoa(y)+", which "+en+" these Measures took effect ("+inForceEN+"): not counted."+assumedEN(assumed))
		return
	}
	amount := calculator.Fen(ParamJointStockReward.Value)
	note, noteEN := "", ""
	if assumed {
		note, noteEN = "2025年完成，按所选读法计入。", " Completed in 2025: counted on the chosen reading."
	}
	e.item("jointStockReform", pointJointStock, y, amount,
		"规范化股份制改造奖励：民营中小微企业"+yearZH(y)+"完成规范化股份制改造，一次性奖励"+calculator.ZhYuan(amount)+"（"+ParamJointStockReward.CiteZH()+"）。"+note,
		"Joint-stock reform reward: a private small, medium or micro enterprise that completed a standardised joint-stock reform in "+calculator.Itoa(y)+" gets "+calculator.EnYuan(amount)+" once ("+ParamJointStockReward.CiteEN()+")."+noteEN)
	e.warn("jointStockConditions", pointJointStock,
		"“规范化”股份制改造的具体条件（例如是否须在区域性股权市场挂牌）本站未能查到，请向山西省民营经济发展局确认。",
		"The conditions of a \"standardised\" joint-stock reform (such as listing on a regional equity market) are not known to us: ask the Shanxi Provincial Private Economy Development Bureau.")
}

func assumedZH(assumed bool) string {
	if assumed {
		return "如在2025年6月1日以后完成，可在读法中改为计入。"
	}
	return ""
}

func assumedEN(assumed bool) string {
	if assumed {
		return " If it was completed on or after 1 June 2025, change the reading."
	}
	return ""
}

package jsz202135

import "scaleup/calculator"

// benefits lists the non-cash benefits (clauses 五, 六, 七, 九, 十一–十四) with
// their departments and what to do. They are never valued. Clauses 七 and 十一
// apply to enterprises in the year's cultivation pool, eligible or not; the
// others apply to first-time upgraded enterprises only, and 九 only to small
// and micro ones.
func (e *estimator) benefits() {
	in := e.in
	eligible := e.out.Eligible
	add := func(id string, clause int, zh, en string) {
		e.out.Benefits = append(e.out.Benefits, calculator.Benefit{ID: id, Ref: ref(clause), Explain: calculator.Text{ZH: zh, EN: en}})
	}
	if eligible && in.TechSME {
		add("techPriority", 5,
			"第（五）条：属于科技型中小企业（登记编号在有效期内）的首次“小升规”企业，同等条件下申报市级、省级科技计划时优先支持。"+
				"申报科技计划时向市科技局说明，并确认登记编号仍在有效期内。",
			"Clause (5): a first-time upgraded enterprise that is a registered technology-based SME (registration currently valid) gets priority, other things equal, "+
				"when applying for city and provincial science and technology programmes. Mention it to the Municipal Science and Technology Bureau when applying; the registration must be renewed every year.")
	}
	if eligible {
		add("fundingPriority", 6,
			"第（六）条：市级支持工业发展的资金向首次“小升规”企业的项目倾斜，其他支持中小企业发展的项目资金同等条件下也可倾斜。"+
				"有技改、扩产项目时向市财政局及主管部门申报。",
			"Clause (6): city industrial-development funds favour projects of first-time upgraded enterprises, and other SME project funds may too, other things equal. "+
				"Apply through the Municipal Finance Bureau and the competent department when you have an upgrading or expansion project.")
	}
	if in.InCultivationPool {
		add("productionTime", 7,
			"第（七）条：列入当年升规入统重点企业培育库的企业，在环保达标排放的前提下，秋冬季错峰生产期间实行差别化管理，不搞“一刀切”停产。"+
				"错峰生产方案制定前与市生态环境局沟通。",
			"Clause (7): an enterprise in the year's cultivation pool that meets emission standards gets differentiated management during autumn and winter off-peak production, "+
				"not a blanket shutdown. Talk to the Municipal Ecology and Environment Bureau before the off-peak plan is set.")
	}
	if eligible && !e.mediumOrLarge() {
		add("financingPriority", 9,
			"第（九）条：首次“小升规”三年内，市级政府性融资担保机构对符合条件的小微企业贷款需求优先支持，担保费率不超过1%。"+
				"向市金融办或市级政府性融资担保机构咨询。",
			"Clause (9): within three years of first entry, city government-backed guarantee institutions give priority to eligible small and micro enterprises' loan needs, "+
				"with a guarantee fee of at most 1%. Ask the Municipal Financial Affairs Office or the city guarantee institution.")
	}
	if in.InCultivationPool {
		add("arrearsClearance", 11,
			"第（十一）条：列入培育库的企业，依据《保障中小企业款项支付条例》做好清欠工作。被机关、事业单位或大型企业拖欠货款的，向市工信局反映。",
			"Clause (11): for enterprises in the cultivation pool, overdue payments are pursued under the Regulations on Ensuring Payments to SMEs. "+
				"Report arrears owed by government bodies, public institutions or large enterprises to the Municipal Bureau of Industry and Information Technology.")
	}
	if eligible {
		add("land", 12,
			"第（十二）条：增资扩产需要新增建设用地的优先安排用地指标；租用国有标准工业厂房的优先安排并给予租金优惠，租用其他厂房的属地可给予补贴；土地历史遗留问题走绿色通道。"+
				"金额未规定，向所在县（市、区）或开发区及市规划和自然资源局咨询。",
			"Clause (12): priority land quotas for expansion; priority and a rent discount for state-owned standard factory buildings, and possibly a local subsidy for other factory rent; "+
				"a fast track for legacy land issues. No amounts are set: ask your county or development zone and the Municipal Planning and Natural Resources Bureau.")
		add("talent", 13,
			"第（十三）条：人才新政向首次“小升规”企业倾斜；对企业引进的外地户籍高层次人才（含高技能人才），政府将“大力推动”其子女就近免试入读义务教育公办学校（这是政府的工作承诺，不是可直接申领的待遇）。向市人社局、市教育局咨询。",
			"Clause (13): talent policies favour first-time upgraded enterprises; for high-level talent (including highly skilled workers) the enterprise recruits from elsewhere, "+
				"the government will \"vigorously promote\" places for their children without entrance exams in nearby public compulsory-education schools (a commitment of the government, not an entitlement to claim). "+
				"Ask the Municipal Human Resources and Social Security Bureau and the Education Bureau.")
		add("statisticsSubsidy", 14,
			"第（十四）条：各县（市、区）、开发区可以研究制定政策，对首次“小升规”企业报送统计报表给予一定工作补贴（是否有、金额多少由当地决定）。向所在县（市、区）或开发区咨询。",
			"Clause (14): counties and development zones may set a work subsidy for first-time upgraded enterprises' statistical reporting (whether and how much is decided locally). "+
				"Ask your county or development zone.")
	}
}

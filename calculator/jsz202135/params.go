package jsz202135

import "scaleup/calculator"

// Version names the rules and parameter set. Change it whenever a rule or a
// parameter value changes, so that saved results and shared links can say
// which rules produced them.
const Version = "jsz-2021-35/rules-2 (parameters as of 2026-12-06)"

const (
	policyTitle  = "晋城市人民政府办公室关于进一步推动我市中小微工业企业上规升级的实施意见"
	policyNumber = "晋市政办〔2021〕35号"
	// PolicyIssued is the printed (印发) date; the text states no start or expiry
	// date. content/data/document.yaml holds the same date (a test keeps them equal).
	PolicyIssued = "2021-09-28"
	policyDate   = PolicyIssued
)

func policy(n int) calculator.Source {
	return calculator.Source{Document: policyTitle, Number: policyNumber,
		Clause: "第（" + numerals[n-1] + "）条", ClauseEN: "clause (" + calculator.Itoa(n) + ")"}
}

// The parameters. Their values are the policy's hard numbers (facts.md §0) and
// the national revenue-sharing rules in force in 2021 (facts.md §3.1).
var (
	ParamRevenueThreshold = calculator.Param{ID: "revenueThreshold", Value: int64(calculator.Yuan(20_000_000)), Unit: "fen", ValidFrom: "2011-01-01",
		Source: calculator.Source{Document: "国家统计局规模以上工业企业统计标准", Number: "国家统计局", Clause: "规模以上工业企业标准（年主营业务收入2000万元及以上）",
			ClauseEN: "definition of industrial enterprises above designated size (annual main-business revenue of 20 million yuan or more)",
			NumberEN: "National Bureau of Statistics"}}
	ParamEntryReward      = calculator.Param{ID: "entryReward", Value: int64(calculator.Yuan(200_000)), Unit: "fen", ValidFrom: policyDate, Source: policy(4)}
	ParamRetention2Reward = calculator.Param{ID: "retention2Reward", Value: int64(calculator.Yuan(100_000)), Unit: "fen", ValidFrom: policyDate, Source: policy(4)}
	ParamRetention3Reward = calculator.Param{ID: "retention3Reward", Value: int64(calculator.Yuan(100_000)), Unit: "fen", ValidFrom: policyDate, Source: policy(4)}
	ParamPriorityBonus    = calculator.Param{ID: "priorityBonus", Value: int64(calculator.Yuan(300_000)), Unit: "fen", ValidFrom: policyDate, Source: policy(5)}
	ParamMinContract      = calculator.Param{ID: "minContractMonths", Value: 12, Unit: "months", ValidFrom: policyDate, Source: policy(8)}
	ParamMaxSubsidyMonths = calculator.Param{ID: "maxSubsidyMonths", Value: 36, Unit: "months", ValidFrom: policyDate, Source: policy(8)}
	ParamGuaranteeFeeCap  = calculator.Param{ID: "guaranteeFeeCap", Value: 10_000, Unit: "ppm", ValidFrom: policyDate, Source: policy(9)}
	ParamWindowYears      = calculator.Param{ID: "windowYears", Value: 3, Unit: "years", ValidFrom: policyDate,
		Source: calculator.Source{Document: policyTitle, Number: policyNumber, Clause: "第（九）条、第（十）条", ClauseEN: "clauses (9) and (10)", NumberEN: ""}}
	ParamVATLocalShare = calculator.Param{ID: "vatLocalShare", Value: 500_000, Unit: "ppm", ValidFrom: "2016-05-01",
		Source: calculator.Source{Document: "国务院关于印发全面推开营改增试点后调整中央与地方增值税收入划分过渡方案的通知（比例由国发〔2019〕21号保持不变）",
			Number: "国发〔2016〕26号", Clause: "", ClauseEN: "", NumberEN: ""}}
	ParamCITLocalShare = calculator.Param{ID: "citLocalShare", Value: 400_000, Unit: "ppm", ValidFrom: "2004-01-01",
		Source: calculator.Source{Document: "国务院关于明确中央与地方所得税收入分享比例的通知", Number: "国发〔2003〕26号", Clause: "", ClauseEN: "", NumberEN: ""}}
	ParamOtherLocalShare = calculator.Param{ID: "otherLocalShare", Value: 1_000_000, Unit: "ppm", ValidFrom: "1994-01-01",
		Source: calculator.Source{Document: "国务院关于实行分税制财政管理体制的决定（地方固定收入）", Number: "国发〔1993〕85号", Clause: "", ClauseEN: "", NumberEN: ""}}
	ParamReturnedFraction = calculator.Param{ID: "returnedFraction", Value: 1_000_000, Unit: "ppm", ValidFrom: policyDate, Source: policy(10)}
	ParamHorizonFirst     = calculator.Param{ID: "horizonFirstYear", Value: 2021, Unit: "year", ValidFrom: policyDate,
		Source: calculator.Source{Document: policyTitle, Number: policyNumber, Clause: "一、总体要求（“十四五”）", ClauseEN: "part 1, general requirements (the 14th Five-Year Plan)", NumberEN: ""}}
	ParamHorizonLast = calculator.Param{ID: "horizonLastYear", Value: 2025, Unit: "year", ValidFrom: policyDate,
		Source: calculator.Source{Document: policyTitle, Number: policyNumber, Clause: "一、总体要求（“到‘十四五’末”）", ClauseEN: "part 1, general requirements (\"by the end of the 14th Five-Year Plan\")", NumberEN: ""}}

	// The industrial size classes that decide "小微企业" in clause 九 (facts.md §1.2):
	// medium needs both medium lower bounds, large both large ones.
	ParamMediumEmployees = calculator.Param{ID: "mediumEmployees", Value: 300, Unit: "persons", ValidFrom: sizeRuleDate, Source: sizeRule}
	ParamMediumRevenue   = calculator.Param{ID: "mediumRevenue", Value: int64(calculator.Yuan(20_000_000)), Unit: "fen", ValidFrom: sizeRuleDate, Source: sizeRule}
	ParamLargeEmployees  = calculator.Param{ID: "largeEmployees", Value: 1000, Unit: "persons", ValidFrom: sizeRuleDate, Source: sizeRule}
	ParamLargeRevenue    = calculator.Param{ID: "largeRevenue", Value: int64(calculator.Yuan(400_000_000)), Unit: "fen", ValidFrom: sizeRuleDate, Source: sizeRule}
)

const sizeRuleDate = "2011-06-18" // 《中小企业划型标准规定》, 工信部联企业〔2011〕300号

var sizeRule = calculator.Source{Document: "中小企业划型标准规定", Number: "工信部联企业〔2011〕300号", Clause: "第四条（二）工业", ClauseEN: "article 4 (2), industry", NumberEN: ""}

// Parameters lists every parameter, in a stable order, for documentation and
// for the worked examples printed at build time.
func Parameters() []calculator.Param {
	return []calculator.Param{
		ParamRevenueThreshold, ParamEntryReward, ParamRetention2Reward, ParamRetention3Reward,
		ParamPriorityBonus, ParamMinContract, ParamMaxSubsidyMonths, ParamGuaranteeFeeCap,
		ParamWindowYears, ParamVATLocalShare, ParamCITLocalShare, ParamOtherLocalShare,
		ParamReturnedFraction, ParamHorizonFirst, ParamHorizonLast,
		ParamMediumEmployees, ParamMediumRevenue, ParamLargeEmployees, ParamLargeRevenue,
	}
}

// numerals are the clauses' numbers as the document writes them: （一） … （十七）. The module
// cites its own text with them ("第（四）条"); which page shows a clause, and who is responsible
// for it, is the site's business (content/policy/).
var numerals = [...]string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七"}

// ref names clause n.
func ref(n int) calculator.Ref { return calculator.Ref{Article: n, Clause: numerals[n-1]} }

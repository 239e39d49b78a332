package calculator

// Version names the rules and parameter set. Change it whenever a rule or a
// parameter value changes, so that saved results and shared links can say
// which rules produced them.
const Version = "jsz-2021-35/rules-2 (parameters as of 2026-12-06)"

// Source cites where a parameter's value comes from.
type Source struct {
	Document string // title, e.g. 关于进一步推动我市中小微工业企业上规升级的实施意见
	Number   string // document number (文号) or issuing body, e.g. 晋市政办〔2021〕35号
	Clause   string // the clause in Chinese, e.g. 第（四）条; may be empty
	ClauseEN string // the clause in English, e.g. clause (4); may be empty
	NumberEN string // Number for English readers when it is not a document number; may be empty
}

// Param is one dated, cited number used by the rules. Money is in fen, rates in
// parts per million, counts as plain integers (Unit says which).
type Param struct {
	ID        string
	Value     int64
	Unit      string // "fen", "ppm", "months", "years", "year", "persons"
	ValidFrom string // ISO date from which the value applies
	Source    Source
}

const (
	policyTitle  = "晋城市人民政府办公室关于进一步推动我市中小微工业企业上规升级的实施意见"
	policyNumber = "晋市政办〔2021〕35号"
	// PolicyIssued is the printed (印发) date; the text states no start or expiry
	// date. content/data/document.yaml holds the same date (a test keeps them equal).
	PolicyIssued = "2021-09-28"
	policyDate   = PolicyIssued
)

func policy(n int) Source {
	return Source{Document: policyTitle, Number: policyNumber,
		Clause: "第（" + clauses[n-1].ZH + "）条", ClauseEN: "clause (" + itoa(n) + ")"}
}

// The parameters. Their values are the policy's hard numbers (facts.md §0) and
// the national revenue-sharing rules in force in 2021 (facts.md §3.1).
var (
	ParamRevenueThreshold = Param{"revenueThreshold", int64(Yuan(20_000_000)), "fen", "2011-01-01",
		Source{"国家统计局规模以上工业企业统计标准", "国家统计局", "规模以上工业企业标准（年主营业务收入2000万元及以上）",
			"definition of industrial enterprises above designated size (annual main-business revenue of 20 million yuan or more)",
			"National Bureau of Statistics"}}
	ParamEntryReward      = Param{"entryReward", int64(Yuan(200_000)), "fen", policyDate, policy(4)}
	ParamRetention2Reward = Param{"retention2Reward", int64(Yuan(100_000)), "fen", policyDate, policy(4)}
	ParamRetention3Reward = Param{"retention3Reward", int64(Yuan(100_000)), "fen", policyDate, policy(4)}
	ParamPriorityBonus    = Param{"priorityBonus", int64(Yuan(300_000)), "fen", policyDate, policy(5)}
	ParamMinContract      = Param{"minContractMonths", 12, "months", policyDate, policy(8)}
	ParamMaxSubsidyMonths = Param{"maxSubsidyMonths", 36, "months", policyDate, policy(8)}
	ParamGuaranteeFeeCap  = Param{"guaranteeFeeCap", 10_000, "ppm", policyDate, policy(9)}
	ParamWindowYears      = Param{"windowYears", 3, "years", policyDate,
		Source{policyTitle, policyNumber, "第（九）条、第（十）条", "clauses (9) and (10)", ""}}
	ParamVATLocalShare = Param{"vatLocalShare", 500_000, "ppm", "2016-05-01",
		Source{"国务院关于印发全面推开营改增试点后调整中央与地方增值税收入划分过渡方案的通知（比例由国发〔2019〕21号保持不变）",
			"国发〔2016〕26号", "", "", ""}}
	ParamCITLocalShare = Param{"citLocalShare", 400_000, "ppm", "2004-01-01",
		Source{"国务院关于明确中央与地方所得税收入分享比例的通知", "国发〔2003〕26号", "", "", ""}}
	ParamOtherLocalShare = Param{"otherLocalShare", 1_000_000, "ppm", "1994-01-01",
		Source{"国务院关于实行分税制财政管理体制的决定（地方固定收入）", "国发〔1993〕85号", "", "", ""}}
	ParamReturnedFraction = Param{"returnedFraction", 1_000_000, "ppm", policyDate, policy(10)}
	ParamHorizonFirst     = Param{"horizonFirstYear", 2021, "year", policyDate,
		Source{policyTitle, policyNumber, "一、总体要求（“十四五”）", "part 1, general requirements (the 14th Five-Year Plan)", ""}}
	ParamHorizonLast = Param{"horizonLastYear", 2025, "year", policyDate,
		Source{policyTitle, policyNumber, "一、总体要求（“到‘十四五’末”）", "part 1, general requirements (\"by the end of the 14th Five-Year Plan\")", ""}}

	// The industrial size classes that decide "小微企业" in clause 九 (facts.md §1.2):
	// medium needs both medium lower bounds, large both large ones.
	ParamMediumEmployees = Param{"mediumEmployees", 300, "persons", sizeRuleDate, sizeRule}
	ParamMediumRevenue   = Param{"mediumRevenue", int64(Yuan(20_000_000)), "fen", sizeRuleDate, sizeRule}
	ParamLargeEmployees  = Param{"largeEmployees", 1000, "persons", sizeRuleDate, sizeRule}
	ParamLargeRevenue    = Param{"largeRevenue", int64(Yuan(400_000_000)), "fen", sizeRuleDate, sizeRule}
)

const sizeRuleDate = "2011-06-18" // 《中小企业划型标准规定》, 工信部联企业〔2011〕300号

var sizeRule = Source{"中小企业划型标准规定", "工信部联企业〔2011〕300号", "第四条（二）工业", "article 4 (2), industry", ""}

// Parameters lists every parameter, in a stable order, for documentation and
// for the worked examples printed at build time.
func Parameters() []Param {
	return []Param{
		ParamRevenueThreshold, ParamEntryReward, ParamRetention2Reward, ParamRetention3Reward,
		ParamPriorityBonus, ParamMinContract, ParamMaxSubsidyMonths, ParamGuaranteeFeeCap,
		ParamWindowYears, ParamVATLocalShare, ParamCITLocalShare, ParamOtherLocalShare,
		ParamReturnedFraction, ParamHorizonFirst, ParamHorizonLast,
		ParamMediumEmployees, ParamMediumRevenue, ParamLargeEmployees, ParamLargeRevenue,
	}
}

// citeZH writes "晋市政办〔2021〕35号第（四）条，自2021-09-28起".
func (p Param) citeZH() string {
	return p.Source.Number + p.Source.Clause + "，自" + p.ValidFrom + "起"
}

// citeEN writes "晋市政办〔2021〕35号, clause (4), from 2021-09-28".
func (p Param) citeEN() string {
	s := p.Source.Number
	if p.Source.NumberEN != "" {
		s = p.Source.NumberEN
	}
	if p.Source.ClauseEN != "" {
		s += ", " + p.Source.ClauseEN
	}
	return s + ", from " + p.ValidFrom
}

// Clause describes one clause of the policy the calculator refers to.
type Clause struct {
	Num         int      // 1–17
	ZH          string   // 一 … 十七
	Path        string   // URL path of the clause page
	Departments []string // ids from content/data/departments.yaml, in the order of the 〔…负责〕 bracket
}

var clauses = [...]Clause{
	{1, "一", "/policy/01-upgrade-below-size/", []string{"sme-centre", "statistics", "tax"}},
	{2, "二", "/policy/02-new-production/", []string{"industry-it", "investment", "sme-centre", "dev-zones"}},
	{3, "三", "/policy/03-sector-shift/", []string{"industry-it", "sme-centre"}},
	{4, "四", "/policy/04-reward-211/", []string{"sme-centre", "finance"}},
	{5, "五", "/policy/05-innovation-bonus/", []string{"sme-centre", "science", "finance"}},
	{6, "六", "/policy/06-funding-priority/", []string{"finance"}},
	{7, "七", "/policy/07-production-time/", []string{"ecology", "sme-centre"}},
	{8, "八", "/policy/08-social-insurance/", []string{"hrss", "finance"}},
	{9, "九", "/policy/09-financing/", []string{"financial-affairs"}},
	{10, "十", "/policy/10-tax-reward/", []string{"finance", "tax", "counties", "dev-zones"}},
	{11, "十一", "/policy/11-reduce-burden/", []string{"industry-it", "sme-centre"}},
	{12, "十二", "/policy/12-land/", []string{"natural-resources", "counties", "dev-zones"}},
	{13, "十三", "/policy/13-talent/", []string{"hrss", "education", "sme-centre", "counties"}},
	{14, "十四", "/policy/14-statistics-subsidy/", []string{"counties", "dev-zones"}},
}

// ClauseInfo returns the clause with number n (1–14), for adapters that link to clause pages.
func ClauseInfo(n int) Clause { return clauses[n-1] }

// clauseOrder sorts clauses by number; items sort by year, then clause.
func clauseOrder(zh string) int {
	for _, c := range clauses {
		if c.ZH == zh {
			return c.Num
		}
	}
	return 99
}

package jcgj20251

import "scaleup/calculator"

// Version names the rules and parameter set. Change it whenever a rule or a parameter value
// changes, so that saved results and shared links can say which rules produced them.
const Version = "jcgj-2025-1/rules-1 (parameters as of 2026-12-06)"

// The document's dates; content/province/document.yaml holds the same (a test keeps them equal).
const (
	Issued  = "2025-04-29" // the notice's date
	InForce = "2025-06-01" // 施行
)

const number = "晋财规建〔2025〕1号"

var source = calculator.Source{Document: "省级民营经济发展专项资金管理办法", Number: number}

// The parameters: the amounts the Measures give (sx-2025-fund.md, enterprise-facing provisions
// 1, 2 and 4, all [C]), the date they apply from, and the national revenue threshold that defines
// 规模以上 (the Measures say "above designated size", facts.md §1.1).
var (
	ParamUpgradeReward    = calculator.Param{ID: "upgradeReward", Value: int64(calculator.Yuan(300_000)), Unit: "fen", ValidFrom: InForce, Source: source}
	ParamStrategicUplift  = calculator.Param{ID: "strategicUplift", Value: 300_000, Unit: "ppm", ValidFrom: InForce, Source: source}
	ParamJointStockReward = calculator.Param{ID: "jointStockReward", Value: int64(calculator.Yuan(500_000)), Unit: "fen", ValidFrom: InForce, Source: source}
	// ParamPaymentLag: "当年预算支持上年已确定的项目": paid from the next year's budget at the earliest.
	ParamPaymentLag       = calculator.Param{ID: "paymentLagYears", Value: 1, Unit: "years", ValidFrom: InForce, Source: source}
	ParamFirstYear        = calculator.Param{ID: "inForceYear", Value: 2025, Unit: "year", ValidFrom: InForce, Source: source}
	ParamFirstMonth       = calculator.Param{ID: "inForceMonth", Value: 6, Unit: "month", ValidFrom: InForce, Source: source}
	ParamRevenueThreshold = calculator.Param{ID: "revenueThreshold", Value: int64(calculator.Yuan(20_000_000)), Unit: "fen", ValidFrom: "2011-01-01",
		Source: calculator.Source{Document: "国家统计局规模以上工业企业统计标准", Number: "国家统计局", NumberEN: "National Bureau of Statistics"}}
)

// Parameters lists every parameter, in a stable order.
func Parameters() []calculator.Param {
	return []calculator.Param{ParamUpgradeReward, ParamStrategicUplift, ParamJointStockReward, ParamPaymentLag,
		ParamFirstYear, ParamFirstMonth, ParamRevenueThreshold}
}

// The points of the site's summary (content/province/): the module cites them by number.
const (
	pointUpgrade    = 1 // the first-time 小升规 reward and its uplift
	pointDeemed     = 2 // new-production and sector-shift enterprises (a reading)
	pointJointStock = 3 // the joint-stock reform reward
	pointPayment    = 4 // this year's budget pays last year's projects
)

var numerals = [...]string{"一", "二", "三", "四"}

//go:noinline
func ref(n int) calculator.Ref { return calculator.Ref{Article: n, Clause: numerals[n-1]} }

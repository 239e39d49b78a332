package calculator

// Route is how the enterprise became "小升规" (clauses 一, 二, 三).
type Route string

const (
	RouteGrowth        Route = "growth"         // （一）grew past the threshold
	RouteNewProduction Route = "new_production" // （二）newly started production, deemed 小升规
	RouteSectorShift   Route = "sector_shift"   // （三）main business shifted to industry, deemed 小升规
)

// PriorityField is the field that qualifies for the clause 五 bonus.
type PriorityField string

const (
	PriorityNone            PriorityField = "none"
	PriorityFourFoundations PriorityField = "four_foundations"   // 工业“四基”
	PriorityMadeInChina2025 PriorityField = "made_in_china_2025" // 《中国制造2025》十大重点产业领域
	PriorityShanxiStrategic PriorityField = "shanxi_strategic"   // 全省十四个战略性新兴产业
)

// TaxBase is the reading of "上年纳税基数" (clause 十).
type TaxBase string

const (
	TaxBaseFixed   TaxBase = "fixed"   // the year before first entry, for all three years
	TaxBaseRolling TaxBase = "rolling" // each year against the previous year
)

// HireBeforeEntry is the reading of a labour contract that started before the
// first-entry year (clause 八).
type HireBeforeEntry string

const (
	HireBeforeEntryExcluded    HireBeforeEntry = "excluded"         // the hire is not counted
	HireBeforeEntryMonthsAfter HireBeforeEntry = "monthsAfterEntry" // its months from January of the entry year count
)

// HireStartLimit is the reading of when a hire must start (clause 八).
type HireStartLimit string

const (
	HireStartWindow HireStartLimit = "window" // by the end of the "三年内" window of 九 and 十
	HireStartAny    HireStartLimit = "any"    // at any time after entry
)

// InsuranceScope is the reading of "实际缴纳社会保险费金额" (clause 八).
type InsuranceScope string

const (
	InsuranceEmployer            InsuranceScope = "employer"            // the employer's part only
	InsuranceEmployerAndEmployee InsuranceScope = "employerAndEmployee" // the employer's and the employee's parts
)

// TaxNetting is the reading of "三年内新增税款" (clause 十).
type TaxNetting string

const (
	TaxNettingPerYear TaxNetting = "perYear" // each year's increase on its own, a decrease counts as zero
	TaxNettingNetted  TaxNetting = "netted"  // the increases of the window's years added up, decreases included
)

// Input is one enterprise. Build it with NewInput (which sets the defaults) or
// decode it with DecodeInput; then call Estimate.
type Input struct {
	FirstEntryYear int // year of first admission to the above-designated-size directory
	Revenue        Fen // qualifying annual main-business revenue
	Route          Route
	Industrial     bool // the main business is industry (default true)
	FirstTime      bool // first-ever admission (default true)

	// LastYearInDirectory is the last calendar year the enterprise was in the
	// directory; 0 means it is still in (the estimate assumes it stays).
	LastYearInDirectory int

	PriorityField     PriorityField
	PrioritySector    string // sector id from content/data/sectors.yaml (optional)
	TechSME           bool   // valid 科技型中小企业 registration
	InCultivationPool bool   // listed in the year's 升规入统重点企业培育库

	// Employees is the number of employees (从业人员), for the size class of
	// clause 九; EmployeesKnown is false when it was not given.
	Employees      int
	EmployeesKnown bool

	Taxes []TaxYear
	// Hires: nil means not given (the subsidy is not estimated); an empty,
	// non-nil list means the enterprise hired nobody.
	Hires     []Hire
	Guarantee *Guarantee // nil: no guaranteed loan given

	Assumptions Assumptions
}

// TaxYear is the tax the enterprise paid in one calendar year.
type TaxYear struct {
	Year       int
	VAT        Fen // domestic value-added tax
	CIT        Fen // corporate income tax
	OtherLocal Fen // wholly local taxes (城建税, 房产税, 城镇土地使用税, 印花税, …)
}

// Hire is one person with employment difficulties (就业困难人员) hired by the enterprise.
type Hire struct {
	StartYear, StartMonth       int // first month of the labour contract
	ContractMonths              int // length of the labour contract
	MonthlyEmployerContribution Fen // employer's social-insurance contribution per month
	MonthsEmployed              int // months actually employed with contributions paid
	MonthsEmployedKnown         bool
	// MonthlyEmployeeContribution is the employee's own part per month; it
	// counts only under the employerAndEmployee reading.
	MonthlyEmployeeContribution Fen
	EmployeeContributionKnown   bool
}

// Guarantee is a loan guaranteed by a city government-backed guarantee institution (clause 九).
type Guarantee struct {
	Amount             Fen  // guaranteed amount outstanding in each year of the window
	AlternativeFeeRate Rate // annual fee rate the enterprise would otherwise pay
}

// Assumptions are the readings of the policy's ambiguous phrases. Every
// estimate reports the readings it used.
type Assumptions struct {
	// RetentionCountsEntryYear: "连续2年/3年未退出" counts the entry year as year 1
	// (rewards in entry+1 and entry+2); false counts the years after entry
	// (rewards in entry+2 and entry+3).
	RetentionCountsEntryYear bool
	// WindowStartsAtEntry: "三年内" (九, 十) is the entry year and the next two;
	// false is the three years after the entry year.
	WindowStartsAtEntry bool
	TaxBase             TaxBase
	LocalShareVAT       Rate
	LocalShareCIT       Rate
	LocalShareOther     Rate
	// ReturnedFraction is the part of the local share's increase that is returned.
	ReturnedFraction Rate

	// The readings below were silent choices of the core until rules-2; each
	// default is the reading the text supports best, for the reason given.

	// HireStartsBeforeEntry [excluded]: clause 八 pays "首次“小升规”工业企业招用
	// 就业困难人员，与之签订1年以上劳动合同" — the upgraded enterprise's own hire and
	// contract. A contract signed before the entry year was not signed by such an
	// enterprise, so by default it is not counted (and no money is promised that
	// the text may not give); monthsAfterEntry counts its months from January of
	// the entry year.
	HireStartsBeforeEntry HireBeforeEntry
	// HireStartLimit [window]: clause 八 sets no date by which a hire must start,
	// but it is for "首次“小升规”工业企业", a status the policy bounds at three years
	// wherever it sets a period (九, 十: "首次“小升规”三年内"). Without a bound a
	// hire decades later would count, which no reader expects; so by default a
	// hire must start by the end of that window. any drops the bound.
	HireStartLimit HireStartLimit
	// SocialInsuranceScope [employer]: the text says only "按照实际缴纳社会保险费
	// 金额给予补贴" and "所需经费在就业资金中列支"; the national rules for that fund
	// (《就业补助资金管理办法》, 财社〔2023〕181号, as publicly explained) pay the
	// employer's basic pension, medical and unemployment contributions, not the
	// employee's part. employerAndEmployee adds the employee's part.
	SocialInsuranceScope InsuranceScope
	// TaxIncreaseNetting [perYear]: "按照上年纳税基数，三年内新增税款…返还" measures
	// the increase against a year's base, and rewards are settled in yearly
	// budgets; so each year stands alone and a decrease counts as zero. netted
	// adds the window's increases, decreases included, and returns the total.
	TaxIncreaseNetting TaxNetting
	// ExitEndsAllRewards [false]: only clause 四 names staying in the directory
	// ("连续2年未退出") as a condition; 八, 九 and 十 are tied to the time since
	// first entry ("首次“小升规”三年内", "补贴期限"). true ends them too from the
	// year after the last year in the directory.
	ExitEndsAllRewards bool
}

// The national central–local revenue sharing in force in 2021 (facts.md §3.1), the default
// reading of "地方留成": 50 % of domestic VAT (国发〔2016〕26号, kept by 国发〔2019〕21号), 40 % of
// corporate income tax (国发〔2003〕26号), all of the wholly local taxes (国发〔1993〕85号). Modules
// cite them as parameters.
const (
	DefaultVATLocalShare    Rate = 500_000
	DefaultCITLocalShare    Rate = 400_000
	DefaultOtherLocalShare  Rate = RateOne
	DefaultReturnedFraction Rate = RateOne
)

// DefaultAssumptions returns the default readings.
func DefaultAssumptions() Assumptions {
	return Assumptions{
		RetentionCountsEntryYear: true,
		WindowStartsAtEntry:      true,
		TaxBase:                  TaxBaseFixed,
		LocalShareVAT:            DefaultVATLocalShare,
		LocalShareCIT:            DefaultCITLocalShare,
		LocalShareOther:          DefaultOtherLocalShare,
		ReturnedFraction:         DefaultReturnedFraction,
		HireStartsBeforeEntry:    HireBeforeEntryExcluded,
		HireStartLimit:           HireStartWindow,
		SocialInsuranceScope:     InsuranceEmployer,
		TaxIncreaseNetting:       TaxNettingPerYear,
		ExitEndsAllRewards:       false,
	}
}

// NewInput returns an input with every optional field at its default.
func NewInput(firstEntryYear int, revenue Fen) Input {
	return Input{
		FirstEntryYear: firstEntryYear,
		Revenue:        revenue,
		Route:          RouteGrowth,
		Industrial:     true,
		FirstTime:      true,
		PriorityField:  PriorityNone,
		Assumptions:    DefaultAssumptions(),
	}
}

// Text is a message in both languages.
type Text struct {
	ZH string
	EN string
}

// Output is the result of one estimate by one module.
type Output struct {
	Policy       string // the id of the module's document ("jsz-2021-35")
	Version      string // the module's rules and parameter set
	Eligible     bool
	Total        Fen          // cash items only (四, 五, 八, 十)
	ByYear       []YearAmount // cash by year, ascending
	Items        []Item       // cash, ordered by year, then clause, then id
	Savings      []Item       // cost savings (九), not cash, ordered by year
	SavingsTotal Fen
	Benefits     []Benefit // non-cash benefits, in clause order
	Failed       []Failure // conditions not met, in clause order
	Missing      []Missing // inputs that were not given and would add to the estimate
	Warnings     []Warning
	Assumptions  Assumptions // the readings used
}

// YearAmount is the cash arising in one calendar year.
type YearAmount struct {
	Year   int
	Amount Fen
}

// Ref names the article of the module's document that an entry applies: its number (the site
// links and labels it from the document's content) and, as the document writes it, its
// numeral ("四"), for plain-text outputs such as the batch command's.
type Ref struct {
	Article int    // 4; 0 for none
	Clause  string // 四; "" for none
}

// Item is one amount: a cash reward, or a saving.
type Item struct {
	ID string // entry, retention2, retention3, priority, socialInsurance, taxReward, guaranteeFee
	Ref
	Year   int // calendar year in which the entitlement arises (not a payment date)
	Amount Fen
	// AfterHorizon marks a year after the policy's stated horizon (the end of
	// 2025): the policy names no expiry, so whether it is still paid is unknown.
	AfterHorizon bool
	Explain      Text
}

// Benefit is a non-cash benefit: listed, never valued.
type Benefit struct {
	ID string
	Ref
	Explain Text
}

// Failure is a condition that is not met, with the input field that decides it.
type Failure struct {
	Ref
	Field   string
	Explain Text
}

// Missing names an input that was not given although it would change the estimate.
type Missing struct {
	Field string
	Ref
	Explain Text
}

// Warning is something the reader must know to trust the numbers.
type Warning struct {
	ID string
	Ref
	Text
}

// FieldError is one problem with the input, tied to its JSON field path
// ("revenue", "taxes[2].vat", "hires[0].contractMonths"; "" for the document).
type FieldError struct {
	Field string
	Text
}

// ValidationError is returned by Estimate when the input is invalid. It lists
// every problem found, in field order.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	if len(e.Fields) == 0 {
		return "invalid input"
	}
	f := e.Fields[0]
	s := f.EN
	if f.Field != "" {
		s = f.Field + ": " + s
	}
	if n := len(e.Fields) - 1; n > 0 {
		s += " (and " + Itoa(n) + " more)"
	}
	return s
}

// textError is a bilingual error from the number parsers.
type textError Text

func (e textError) Error() string { return e.EN }

var (
	msgNotNumber     = textError{"不是有效的数字", "is not a valid number"}
	msgMoneyDecimals = textError{"金额最多保留两位小数（精确到分）", "money has at most two decimals (fen)"}
	msgMoneyRange    = textError{"金额过大", "amount is too large"}
	msgRateDecimals  = textError{"比例最多保留六位小数", "a rate has at most six decimals"}
	msgRateRange     = textError{"比例超出范围", "rate is out of range"}
)

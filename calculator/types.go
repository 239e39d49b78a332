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

	Taxes     []TaxYear
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
}

// DefaultAssumptions returns the default readings.
func DefaultAssumptions() Assumptions {
	return Assumptions{
		RetentionCountsEntryYear: true,
		WindowStartsAtEntry:      true,
		TaxBase:                  TaxBaseFixed,
		LocalShareVAT:            Rate(ParamVATLocalShare.Value),
		LocalShareCIT:            Rate(ParamCITLocalShare.Value),
		LocalShareOther:          Rate(ParamOtherLocalShare.Value),
		ReturnedFraction:         Rate(ParamReturnedFraction.Value),
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

// Output is the result of one estimate.
type Output struct {
	Version      string
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

// Item is one amount: a cash reward, or a saving.
type Item struct {
	ID          string // entry, retention2, retention3, priority, socialInsurance, taxReward, guaranteeFee
	Clause      string // 四, 五, 八, 九, 十
	ClausePath  string
	Year        int // calendar year in which the entitlement arises (not a payment date)
	Amount      Fen
	Departments []string
	Explain     Text
}

// Benefit is a non-cash benefit: listed, never valued.
type Benefit struct {
	ID          string
	Clause      string
	ClausePath  string
	Departments []string
	Explain     Text
}

// Failure is a condition that is not met, with the input field that decides it.
type Failure struct {
	Clause     string
	ClausePath string
	Field      string
	Explain    Text
}

// Missing names an input that was not given although it would change the estimate.
type Missing struct {
	Field      string
	Clause     string
	ClausePath string
	Explain    Text
}

// Warning is something the reader must know to trust the numbers.
type Warning struct {
	ID     string
	Clause string // may be empty
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
		s += " (and " + itoa(n) + " more)"
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

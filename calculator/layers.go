package calculator

// LocalSchemesID is the id of the layer of an estimate that holds the county and
// development-zone money the user entered (Input.LocalSchemes).
const LocalSchemesID = "localSchemes"

// LocalLayer is the layer of the local schemes: one cash item per amount entered ("localScheme",
// with the user's name for it), in the year given, summed only here. The site knows no county or
// zone scheme, so nothing is checked but the form of the input.
func LocalLayer(list []LocalScheme) Output {
	o := Output{Policy: LocalSchemesID, Eligible: len(list) > 0}
	for _, s := range list {
		o.Items = append(o.Items, Item{ID: "localScheme", Year: s.Year, Amount: s.Amount, Name: s.Name, Explain: Text{
			ZH: "按您填写的金额和年份计入。",
			EN: "Counted at the amount and year you entered.",
		}})
	}
	SortByYear(o.Items) // keeping the order entered within a year
	o.Tally()
	if len(list) > 0 {
		o.Warnings = append(o.Warnings, Warning{ID: "userEntered", Text: Text{
			ZH: "县（市、区）和开发区的政策是您自己填写的，本站无法核对，是否兑现以当地主管部门为准。",
			EN: "The county and development-zone amounts are as you entered them: the site cannot check them; the local authorities decide whether they are paid.",
		}})
	}
	return o
}

// SortByYear orders items by year, keeping their order within a year (an insertion sort: the
// lists are short, and package sort would link reflection-based code into the module).
func SortByYear(items []Item) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Year < items[j-1].Year; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// Tally sets the output's Total and ByYear from its cash items, which are ordered by year.
func (o *Output) Tally() {
	o.Total, o.ByYear = 0, nil
	for _, it := range o.Items {
		o.Total += it.Amount
		if n := len(o.ByYear); n > 0 && o.ByYear[n-1].Year == it.Year {
			o.ByYear[n-1].Amount += it.Amount
		} else {
			o.ByYear = append(o.ByYear, YearAmount{Year: it.Year, Amount: it.Amount})
		}
	}
}

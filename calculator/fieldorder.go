package calculator

import "sort"

// Errors are reported in the order the fields appear in the README's input
// format, so a form can show them top to bottom. fieldRank gives that order.
var fieldRank = map[string]int{}

func init() {
	names := []string{
		"firstEntryYear", "revenue", "route", "industrial", "firstTime", "lastYearInDirectory",
		"priorityField", "prioritySector", "techSME", "inCultivationPool", "employees", "taxes", "hires", "guarantee",
		"assumptions", "year", "vat", "cit", "otherLocal", "start", "contractMonths", "monthlyEmployerContribution",
		"monthsEmployed", "monthlyEmployeeContribution", "amount", "alternativeFeeRate", "retentionCountsEntryYear",
		"windowStartsAtEntry", "taxBase", "localShare", "returnedFraction", "hireStartsBeforeEntry", "hireStartLimit",
		"socialInsuranceScope", "taxIncreaseNetting", "exitEndsAllRewards",
	}
	for i, n := range names {
		fieldRank[n] = i + 1
	}
}

// fieldToken is one step of a path: a name or an index.
type fieldToken struct {
	name  string
	index int // -1 for names
}

func splitField(f string) []fieldToken {
	var out []fieldToken
	for i := 0; i < len(f); {
		switch f[i] {
		case '.':
			i++
		case '[':
			j := i + 1
			n := 0
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				n = n*10 + int(f[j]-'0')
				j++
			}
			out = append(out, fieldToken{index: n})
			i = j + 1
		default:
			j := i
			for j < len(f) && f[j] != '.' && f[j] != '[' {
				j++
			}
			out = append(out, fieldToken{name: f[i:j], index: -1})
			i = j
		}
	}
	return out
}

func fieldLess(a, b string) bool {
	ta, tb := splitField(a), splitField(b)
	for k := 0; k < len(ta) && k < len(tb); k++ {
		x, y := ta[k], tb[k]
		if x.index != y.index {
			return x.index < y.index
		}
		if x.name != y.name {
			rx, ry := fieldRank[x.name], fieldRank[y.name]
			if rx == 0 {
				rx = 1 << 20 // unknown fields last
			}
			if ry == 0 {
				ry = 1 << 20
			}
			if rx != ry {
				return rx < ry
			}
			return x.name < y.name
		}
	}
	return len(ta) < len(tb)
}

func sortFieldErrors(errs []FieldError) {
	sort.SliceStable(errs, func(i, j int) bool { return fieldLess(errs[i].Field, errs[j].Field) })
}

package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"scaleup/calculator"
)

// fundingSources split the cash by who pays it, one column each in the summary. The policy
// names the payer of two: clause 四's rewards come from 市级财政 (the city's budget; 五's
// one-off bonus is counted with them), and clause 八's subsidy "在就业资金中列支" (the
// employment fund). Clause 十's tax reward is returned "由财政" from the local share of new
// tax, with the city, the counties and the development zones responsible: whose budget pays
// it is not said. So the summary is a sum by source, not one budget's forecast.
var fundingSources = []struct {
	column  string
	clauses []string
}{
	{"cityRewards", []string{"四", "五"}},
	{"employmentFund", []string{"八"}},
	{"taxReward", []string{"十"}},
}

// sourceOf returns the index in fundingSources of a cash item's clause.
func sourceOf(clause string) (int, error) {
	for i, s := range fundingSources {
		for _, c := range s.clauses {
			if c == clause {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("internal error: cash from clause %s has no funding source column (summary.go)", clause)
}

// writeSummary writes one row per enterprise, then a TOTAL row with the sums.
// Year columns run from the earliest to the latest year with cash, without
// gaps, so spreadsheets can sum across. The codes (failed, missing, warnings)
// are for filters and scripts; failedText and warningsText say the same in
// the reader's language.
func writeSummary(w io.Writer, results []rowResult, lang string) error {
	minY, maxY := 0, -1
	for _, r := range results {
		for _, y := range r.out.ByYear {
			if maxY < minY {
				minY, maxY = y.Year, y.Year
			}
			minY = min(minY, y.Year)
			maxY = max(maxY, y.Year)
		}
	}
	cw := csv.NewWriter(w)
	head := []string{"id", "eligible", "total"}
	for _, s := range fundingSources {
		head = append(head, s.column)
	}
	for y := minY; y <= maxY; y++ {
		head = append(head, strconv.Itoa(y))
	}
	head = append(head, "savingsTotal", "failed", "missing", "warnings", "failedText", "warningsText")
	if err := cw.Write(head); err != nil {
		return err
	}
	nYears := maxY - minY + 1
	sumYears := make([]calculator.Fen, nYears)
	sumSources := make([]calculator.Fen, len(fundingSources))
	var sumTotal, sumSavings calculator.Fen
	eligible := 0
	for _, r := range results {
		o := r.out
		years := make([]calculator.Fen, nYears)
		for _, y := range o.ByYear {
			years[y.Year-minY] += y.Amount
			sumYears[y.Year-minY] += y.Amount
		}
		sources := make([]calculator.Fen, len(fundingSources))
		for _, it := range o.Items {
			i, err := sourceOf(it.Clause)
			if err != nil {
				return err
			}
			sources[i] += it.Amount
			sumSources[i] += it.Amount
		}
		row := []string{r.id, strconv.FormatBool(o.Eligible), o.Total.String()}
		for _, a := range sources {
			row = append(row, a.String())
		}
		for _, a := range years {
			row = append(row, a.String())
		}
		var failed, missing, warnings, failedText, warningsText []string
		for _, f := range o.Failed {
			failed = append(failed, f.Clause+":"+f.Field)
			failedText = append(failedText, say(lang, f.Explain.ZH, f.Explain.EN))
		}
		for _, m := range o.Missing {
			missing = append(missing, m.Field)
		}
		for _, x := range o.Warnings {
			warnings = append(warnings, x.ID)
			warningsText = append(warningsText, say(lang, x.ZH, x.EN))
		}
		row = append(row, o.SavingsTotal.String(), strings.Join(failed, ";"), strings.Join(missing, ";"), strings.Join(warnings, ";"),
			strings.Join(failedText, "\n"), strings.Join(warningsText, "\n"))
		if err := cw.Write(row); err != nil {
			return err
		}
		sumTotal += o.Total
		sumSavings += o.SavingsTotal
		if o.Eligible {
			eligible++
		}
	}
	total := []string{"TOTAL", strconv.Itoa(eligible), sumTotal.String()}
	for _, a := range sumSources {
		total = append(total, a.String())
	}
	for _, a := range sumYears {
		total = append(total, a.String())
	}
	total = append(total, sumSavings.String(), "", "", "", "", "")
	if err := cw.Write(total); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

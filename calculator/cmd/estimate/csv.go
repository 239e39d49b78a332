package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"strconv"
	"strings"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// The CSV batch format: one enterprise per row, a header row naming the
// columns (any order; only id, firstEntryYear and revenue are required). An
// empty cell means "not given", so the default applies. Each row becomes the
// JSON input document and goes through the same decoder as a JSON file, so
// the rules and the error messages are the same.
//
// Lists use a compact form (README.md, "CSV"):
//
//	taxes  2021:1000000/200000/100000;2022:1400000/300000   year:vat/cit[/otherLocal]
//	hires  2022-03:24:1000:48;2023-01:12:800                start:contractMonths:monthlyEmployerContribution[:monthsEmployed[:monthlyEmployeeContribution]]

// column says where a CSV column goes in the JSON input.
type column struct {
	path []string // JSON path, e.g. ["guarantee", "amount"]
	kind byte     // 'n' number, 's' string, 'b' boolean, 't' taxes, 'h' hires
}

var columns = map[string]column{
	"firstEntryYear":              {[]string{"firstEntryYear"}, 'n'},
	"revenue":                     {[]string{"revenue"}, 'n'},
	"route":                       {[]string{"route"}, 's'},
	"industrial":                  {[]string{"industrial"}, 'b'},
	"firstTime":                   {[]string{"firstTime"}, 'b'},
	"lastYearInDirectory":         {[]string{"lastYearInDirectory"}, 'n'},
	"priorityField":               {[]string{"priorityField"}, 's'},
	"prioritySector":              {[]string{"prioritySector"}, 's'},
	"techSME":                     {[]string{"techSME"}, 'b'},
	"inCultivationPool":           {[]string{"inCultivationPool"}, 'b'},
	"employees":                   {[]string{"employees"}, 'n'},
	"taxes":                       {[]string{"taxes"}, 't'},
	"hires":                       {[]string{"hires"}, 'h'},
	"guaranteeAmount":             {[]string{"guarantee", "amount"}, 'n'},
	"guaranteeAlternativeFeeRate": {[]string{"guarantee", "alternativeFeeRate"}, 'n'},
	"retentionCountsEntryYear":    {[]string{"assumptions", "retentionCountsEntryYear"}, 'b'},
	"windowStartsAtEntry":         {[]string{"assumptions", "windowStartsAtEntry"}, 'b'},
	"taxBase":                     {[]string{"assumptions", "taxBase"}, 's'},
	"localShareVat":               {[]string{"assumptions", "localShare", "vat"}, 'n'},
	"localShareCit":               {[]string{"assumptions", "localShare", "cit"}, 'n'},
	"localShareOtherLocal":        {[]string{"assumptions", "localShare", "otherLocal"}, 'n'},
	"returnedFraction":            {[]string{"assumptions", "returnedFraction"}, 'n'},
	"hireStartsBeforeEntry":       {[]string{"assumptions", "hireStartsBeforeEntry"}, 's'},
	"hireStartLimit":              {[]string{"assumptions", "hireStartLimit"}, 's'},
	"socialInsuranceScope":        {[]string{"assumptions", "socialInsuranceScope"}, 's'},
	"taxIncreaseNetting":          {[]string{"assumptions", "taxIncreaseNetting"}, 's'},
	"exitEndsAllRewards":          {[]string{"assumptions", "exitEndsAllRewards"}, 'b'},
}

// maxErrorsShown bounds the error report for a large broken file.
const maxErrorsShown = 100

type rowResult struct {
	id  string
	out calculator.Output
}

func runCSV(name string, stdin io.Reader, stdout, stderr io.Writer) int {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "estimate: %v\n", err)
			return exitBadInput
		}
		defer f.Close()
		r = f
	}
	results, problems := estimateCSV(r, displayName(name))
	if len(problems) > 0 {
		for i, p := range problems {
			if i == maxErrorsShown {
				fmt.Fprintf(stderr, "estimate: … and %d more problems\n", len(problems)-maxErrorsShown)
				break
			}
			fmt.Fprintln(stderr, "estimate: "+p)
		}
		return exitBadInput
	}
	if err := writeSummary(stdout, results); err != nil {
		fmt.Fprintf(stderr, "estimate: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// estimateCSV reads every row and estimates it. It returns either all the
// results or the problems, never a mix, so no partial summary is printed.
func estimateCSV(r io.Reader, where string) ([]rowResult, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // every row as long as the header
	header, err := cr.Read()
	if err == io.EOF {
		return nil, []string{where + ": empty file: a header row is required"}
	}
	if err != nil {
		return nil, []string{where + ": " + err.Error()}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // spreadsheet byte-order mark
	}
	var problems []string
	idCol := -1
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if seen[h] {
			problems = append(problems, fmt.Sprintf("%s:1: column %q appears twice", where, h))
		}
		seen[h] = true
		if h == "id" {
			idCol = i
			continue
		}
		if _, ok := columns[h]; !ok {
			problems = append(problems, fmt.Sprintf("%s:1: unknown column %q (see calculator/README.md, \"CSV\")", where, h))
		}
	}
	for _, need := range []string{"id", "firstEntryYear", "revenue"} {
		if !seen[need] {
			problems = append(problems, fmt.Sprintf("%s:1: required column %q is missing", where, need))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var results []rowResult
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			problems = append(problems, where+": "+err.Error())
			break
		}
		line, _ := cr.FieldPos(0)
		id := strings.TrimSpace(rec[idCol])
		at := fmt.Sprintf("%s:%d: row %d", where, line, line)
		if id != "" {
			at += " (id " + id + ")"
		}
		doc, cellProblems := rowToJSON(header, rec)
		for _, p := range cellProblems {
			problems = append(problems, at+": "+p)
		}
		if len(cellProblems) > 0 {
			continue
		}
		in, errs := modules.All.Decode(doc)
		for _, e := range errs {
			problems = append(problems, at+": "+fieldMessage(e))
		}
		if len(errs) > 0 {
			continue
		}
		out, err := modules.All.Estimate(in)
		if err != nil {
			problems = append(problems, at+": "+err.Error())
			continue
		}
		results = append(results, rowResult{id, out})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(results) == 0 {
		return nil, []string{where + ": no enterprises (only a header row)"}
	}
	return results, nil
}

// fieldMessage names a field with its CSV column: "taxes[1].vat (column taxes): …".
func fieldMessage(e calculator.FieldError) string {
	col := csvColumnOf(e.Field)
	f := e.Field
	if col != "" && col != f {
		f += " (column " + col + ")"
	}
	return f + ": " + e.EN + " (" + e.ZH + ")"
}

func csvColumnOf(field string) string {
	for name, c := range columns {
		if strings.Join(c.path, ".") == field {
			return name
		}
	}
	if i := strings.IndexAny(field, ".["); i > 0 {
		switch field[:i] {
		case "taxes", "hires":
			return field[:i]
		}
	}
	return ""
}

// rowToJSON builds the JSON input document for one row.
func rowToJSON(header, rec []string) ([]byte, []string) {
	doc := map[string]any{}
	var problems []string
	for i, h := range header {
		c, ok := columns[h]
		cell := strings.TrimSpace(rec[i])
		if !ok || cell == "" {
			continue
		}
		var v any
		switch c.kind {
		case 'n':
			v = numberCell(cell)
		case 's':
			v = cell
		case 'b':
			switch strings.ToLower(cell) {
			case "true", "1", "yes":
				v = true
			case "false", "0", "no":
				v = false
			default:
				problems = append(problems, fmt.Sprintf("%s: %q is not true or false", h, cell))
				continue
			}
		case 't':
			list, err := taxesCell(cell)
			if err != nil {
				problems = append(problems, "taxes: "+err.Error())
				continue
			}
			v = list
		case 'h':
			list, err := hiresCell(cell)
			if err != nil {
				problems = append(problems, "hires: "+err.Error())
				continue
			}
			v = list
		}
		setPath(doc, c.path, v)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		problems = append(problems, err.Error())
	}
	return data, problems
}

// numberCell passes a number through unchanged (the core reads it exactly);
// anything else stays a string, so the decoder reports "must be a number".
func numberCell(cell string) any {
	if json.Valid([]byte(cell)) && (cell[0] == '-' || cell[0] >= '0' && cell[0] <= '9') {
		return json.Number(cell)
	}
	return cell
}

func setPath(doc map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := doc[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			doc[p] = next
		}
		doc = next
	}
	doc[path[len(path)-1]] = v
}

// taxesCell reads "2021:1000000/200000/100000;2022:…".
func taxesCell(cell string) ([]any, error) {
	var list []any
	for i, part := range splitList(cell) {
		year, rest, ok := strings.Cut(part, ":")
		amounts := strings.Split(rest, "/")
		if !ok || len(amounts) < 2 || len(amounts) > 3 {
			return nil, fmt.Errorf("entry %d %q: write year:vat/cit or year:vat/cit/otherLocal", i+1, part)
		}
		t := map[string]any{"year": numberCell(year), "vat": numberCell(amounts[0]), "cit": numberCell(amounts[1])}
		if len(amounts) == 3 {
			t["otherLocal"] = numberCell(amounts[2])
		}
		list = append(list, t)
	}
	return list, nil
}

// hiresCell reads "2022-03:24:1000:48;…", with an optional fifth part, the
// employee's monthly contribution ("2022-03:24:1000::300" leaves monthsEmployed out).
func hiresCell(cell string) ([]any, error) {
	var list []any
	for i, part := range splitList(cell) {
		f := strings.Split(part, ":")
		if len(f) < 3 || len(f) > 5 {
			return nil, fmt.Errorf("entry %d %q: write start:contractMonths:monthlyEmployerContribution[:monthsEmployed[:monthlyEmployeeContribution]]", i+1, part)
		}
		h := map[string]any{"start": f[0], "contractMonths": numberCell(f[1]), "monthlyEmployerContribution": numberCell(f[2])}
		if len(f) >= 4 && strings.TrimSpace(f[3]) != "" {
			h["monthsEmployed"] = numberCell(f[3])
		}
		if len(f) == 5 {
			h["monthlyEmployeeContribution"] = numberCell(f[4])
		}
		list = append(list, h)
	}
	return list, nil
}

func splitList(cell string) []string {
	var out []string
	for _, p := range strings.Split(cell, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeSummary writes one row per enterprise, then a TOTAL row: the city's
// budget forecast for the pool. Year columns run from the earliest to the
// latest year with cash, without gaps, so spreadsheets can sum across.
func writeSummary(w io.Writer, results []rowResult) error {
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
	for y := minY; y <= maxY; y++ {
		head = append(head, strconv.Itoa(y))
	}
	head = append(head, "savingsTotal", "failed", "missing", "warnings")
	if err := cw.Write(head); err != nil {
		return err
	}
	nYears := maxY - minY + 1
	sumYears := make([]calculator.Fen, nYears)
	var sumTotal, sumSavings calculator.Fen
	eligible := 0
	for _, r := range results {
		o := r.out
		row := []string{r.id, strconv.FormatBool(o.Eligible), o.Total.String()}
		years := make([]calculator.Fen, nYears)
		for _, y := range o.ByYear {
			years[y.Year-minY] += y.Amount
			sumYears[y.Year-minY] += y.Amount
		}
		for _, a := range years {
			row = append(row, a.String())
		}
		var failed, missing, warnings []string
		for _, f := range o.Failed {
			failed = append(failed, f.Clause+":"+f.Field)
		}
		for _, m := range o.Missing {
			missing = append(missing, m.Field)
		}
		for _, x := range o.Warnings {
			warnings = append(warnings, x.ID)
		}
		row = append(row, o.SavingsTotal.String(), strings.Join(failed, ";"), strings.Join(missing, ";"), strings.Join(warnings, ";"))
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
	for _, a := range sumYears {
		total = append(total, a.String())
	}
	total = append(total, sumSavings.String(), "", "", "")
	if err := cw.Write(total); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

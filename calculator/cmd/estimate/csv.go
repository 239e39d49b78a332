package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
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
// Numbers are read as the calculator's form reads them (numbers.go): amounts
// as 26000000, 26,000,000 or 2600万; years as 2022 or 2022年.
//
// Lists use a compact form (README.md, "CSV"):
//
//	taxes  2021:1000000/200000/100000;2022:1400000/300000   year:vat/cit[/otherLocal]
//	hires  2022-03:24:1000:48;2023-01:12:800                start:contractMonths:monthlyEmployerContribution[:monthsEmployed[:monthlyEmployeeContribution]]

// column says where a CSV column goes in the JSON input.
type column struct {
	path []string // JSON path, e.g. ["guarantee", "amount"]
	kind byte     // 'm' money (yuan), 'y' whole number (year, count), 'r' rate (0.02 or 2%), 'n' number, 's' string, 'b' boolean, 't' taxes, 'h' hires
}

var columns = map[string]column{
	"firstEntryYear":              {[]string{"firstEntryYear"}, 'y'},
	"revenue":                     {[]string{"revenue"}, 'm'},
	"route":                       {[]string{"route"}, 's'},
	"industrial":                  {[]string{"industrial"}, 'b'},
	"firstTime":                   {[]string{"firstTime"}, 'b'},
	"lastYearInDirectory":         {[]string{"lastYearInDirectory"}, 'y'},
	"priorityField":               {[]string{"priorityField"}, 's'},
	"prioritySector":              {[]string{"prioritySector"}, 's'},
	"techSME":                     {[]string{"techSME"}, 'b'},
	"inCultivationPool":           {[]string{"inCultivationPool"}, 'b'},
	"employees":                   {[]string{"employees"}, 'n'},
	"taxes":                       {[]string{"taxes"}, 't'},
	"hires":                       {[]string{"hires"}, 'h'},
	"guaranteeAmount":             {[]string{"guarantee", "amount"}, 'm'},
	"guaranteeAlternativeFeeRate": {[]string{"guarantee", "alternativeFeeRate"}, 'r'},
	"retentionCountsEntryYear":    {[]string{"assumptions", "retentionCountsEntryYear"}, 'b'},
	"windowStartsAtEntry":         {[]string{"assumptions", "windowStartsAtEntry"}, 'b'},
	"taxBase":                     {[]string{"assumptions", "taxBase"}, 's'},
	"localShareVat":               {[]string{"assumptions", "localShare", "vat"}, 'r'},
	"localShareCit":               {[]string{"assumptions", "localShare", "cit"}, 'r'},
	"localShareOtherLocal":        {[]string{"assumptions", "localShare", "otherLocal"}, 'r'},
	"returnedFraction":            {[]string{"assumptions", "returnedFraction"}, 'r'},
	"hireStartsBeforeEntry":       {[]string{"assumptions", "hireStartsBeforeEntry"}, 's'},
	"hireStartLimit":              {[]string{"assumptions", "hireStartLimit"}, 's'},
	"socialInsuranceScope":        {[]string{"assumptions", "socialInsuranceScope"}, 's'},
	"taxIncreaseNetting":          {[]string{"assumptions", "taxIncreaseNetting"}, 's'},
	"exitEndsAllRewards":          {[]string{"assumptions", "exitEndsAllRewards"}, 'b'},
}

// columnLabels name the columns in the reader's words (the calculator form's labels), for
// messages. A column without one is named by its header alone.
var columnLabels = map[string][2]string{ // zh, en
	"id":                          {"编号", "id"},
	"firstEntryYear":              {"首次入规年份", "year of first entry"},
	"revenue":                     {"年主营业务收入", "annual main-business revenue"},
	"route":                       {"入规途径", "route"},
	"industrial":                  {"主导行业为工业", "main business is industry"},
	"firstTime":                   {"首次纳入", "first admission"},
	"lastYearInDirectory":         {"最后在库年份", "last year in the directory"},
	"priorityField":               {"重点领域", "priority field"},
	"prioritySector":              {"具体领域", "priority sector"},
	"techSME":                     {"科技型中小企业", "technology-based SME"},
	"inCultivationPool":           {"培育库", "cultivation pool"},
	"taxes":                       {"纳税情况", "taxes paid"},
	"hires":                       {"招用就业困难人员", "hires"},
	"guaranteeAmount":             {"担保金额", "guarantee amount"},
	"guaranteeAlternativeFeeRate": {"不享受本政策时的担保费率", "fee rate without the policy"},
	"retentionCountsEntryYear":    {"读法：入规当年算作第1年", "reading: entry year counts"},
	"windowStartsAtEntry":         {"读法：“三年内”包括入规当年", "reading: window starts at entry"},
	"taxBase":                     {"读法：上年纳税基数", "reading: tax base"},
	"localShareVat":               {"增值税地方留成比例", "local share of VAT"},
	"localShareCit":               {"企业所得税地方留成比例", "local share of CIT"},
	"localShareOtherLocal":        {"其他地方税地方留成比例", "local share of other local taxes"},
	"returnedFraction":            {"增量返还比例", "fraction returned"},
	"employees":                   {"从业人员数", "number of employees"},
	"hireStartsBeforeEntry":       {"读法：入规前开始的劳动合同", "reading: contract before entry"},
	"hireStartLimit":              {"读法：招用须在“三年内”开始", "reading: when a hire must start"},
	"socialInsuranceScope":        {"读法：社保费计入范围", "reading: which contributions count"},
	"taxIncreaseNetting":          {"读法：新增税款按年或合计", "reading: tax increase per year or netted"},
	"exitEndsAllRewards":          {"读法：退库后其他奖补也停止", "reading: leaving ends all rewards"},
}

// partLabels name the fields of an entry of the taxes and hires lists.
var partLabels = map[string][2]string{
	"year":                        {"年份", "year"},
	"vat":                         {"国内增值税", "VAT"},
	"cit":                         {"企业所得税", "corporate income tax"},
	"otherLocal":                  {"其他地方税", "other local taxes"},
	"start":                       {"合同开始年月", "contract start"},
	"contractMonths":              {"合同月数", "contract months"},
	"monthlyEmployerContribution": {"单位每月缴费", "employer's monthly contribution"},
	"monthsEmployed":              {"实际缴费月数", "months employed"},
	"monthlyEmployeeContribution": {"个人每月缴费", "employee's monthly contribution"},
}

// entryName names a field of entry n (from 1) of a list cell: "第2项 vat（国内增值税）".
func entryName(lang string, n int, key string) string {
	name := key
	if l, ok := partLabels[key]; ok {
		name += say(lang, "（"+l[0]+"）", " ("+l[1]+")")
	}
	return say(lang, fmt.Sprintf("第%d项 %s", n, name), fmt.Sprintf("entry %d %s", n, name))
}

// maxErrorsShown bounds the error report for a large broken file.
const maxErrorsShown = 100

// maxCSVBytes bounds what is read into memory (the encoding is decided on the whole file).
const maxCSVBytes = 256 << 20

type rowResult struct {
	id  string
	out calculator.Output
}

// csvOptions are the command's flags that concern the batch mode.
type csvOptions struct {
	lang string // "zh" or "en": messages and the readable columns
	bom  bool   // start the output with a UTF-8 byte-order mark (for Excel)
}

func runCSV(name string, opt csvOptions, stdin io.Reader, stdout, stderr io.Writer) int {
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
	where := displayName(name)
	src, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err == nil && len(src) > maxCSVBytes {
		err = errors.New(say(opt.lang, "文件超过256 MB", "the file is larger than 256 MB"))
	}
	if err != nil {
		fmt.Fprintf(stderr, "estimate: %s: %v\n", where, err)
		return exitBadInput
	}
	text, enc, err := decodeText(src, opt.lang)
	if err != nil {
		fmt.Fprintf(stderr, "estimate: %s: %v\n", where, err)
		return exitBadInput
	}
	fmt.Fprintf(stderr, "estimate: %s: %s\n", where, say(opt.lang, "按"+enc.name("zh")+"编码读取", "read as "+enc.name("en")))
	results, problems := estimateCSV(strings.NewReader(text), where, opt.lang)
	if len(problems) > 0 {
		for i, p := range problems {
			if i == maxErrorsShown {
				fmt.Fprintf(stderr, "estimate: %s\n", say(opt.lang,
					fmt.Sprintf("……另有%d个问题", len(problems)-maxErrorsShown),
					fmt.Sprintf("… and %d more problems", len(problems)-maxErrorsShown)))
				break
			}
			fmt.Fprintln(stderr, "estimate: "+p)
		}
		return exitBadInput
	}
	if opt.bom {
		if _, err := io.WriteString(stdout, utf8BOM); err != nil {
			fmt.Fprintf(stderr, "estimate: %v\n", err)
			return exitInternal
		}
	}
	if err := writeSummary(stdout, results, opt.lang); err != nil {
		fmt.Fprintf(stderr, "estimate: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// cellName names a column in messages: "C列 revenue（年主营业务收入）" / "column C revenue
// (annual main-business revenue)".
func cellName(lang string, col int, header string) string {
	name := header
	if l, ok := columnLabels[header]; ok {
		name += say(lang, "（"+l[0]+"）", " ("+l[1]+")")
	}
	return say(lang, columnLetter(col)+"列 "+name, "column "+columnLetter(col)+" "+name)
}

// estimateCSV reads every row and estimates it. It returns either all the
// results or the problems, never a mix, so no partial summary is printed.
// Rows are counted as a spreadsheet numbers them: the header is row 1.
func estimateCSV(r io.Reader, where, lang string) ([]rowResult, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // every row as long as the header
	header, err := cr.Read()
	if err == io.EOF {
		return nil, []string{where + ": " + say(lang, "文件是空的：第1行应是列名（标题行）", "empty file: row 1 must name the columns (a header row)")}
	}
	if err != nil {
		return nil, []string{where + ": " + csvReadError(lang, err, 1)}
	}
	rowAt := func(row int) string {
		return where + " " + say(lang, "第"+strconv.Itoa(row)+"行", "row "+strconv.Itoa(row))
	}
	var problems []string
	idCol := -1
	colOf := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if j, dup := colOf[h]; dup {
			problems = append(problems, rowAt(1)+say(lang,
				fmt.Sprintf("：%s列和%s列的列名都是%s", columnLetter(j), columnLetter(i), quote(lang, h)),
				fmt.Sprintf(": columns %s and %s are both named %s", columnLetter(j), columnLetter(i), quote(lang, h))))
			continue
		}
		colOf[h] = i
		if h == "id" {
			idCol = i
			continue
		}
		if _, ok := columns[h]; !ok {
			problems = append(problems, rowAt(1)+say(lang,
				fmt.Sprintf("，%s列：未知的列名%s（可用的列名见 calculator/README.md 的“CSV”一节）", columnLetter(i), quote(lang, h)),
				fmt.Sprintf(", column %s: unknown column %s (see calculator/README.md, \"CSV\")", columnLetter(i), quote(lang, h))))
		}
	}
	for _, need := range []string{"id", "firstEntryYear", "revenue"} {
		if _, ok := colOf[need]; !ok {
			l := columnLabels[need]
			problems = append(problems, rowAt(1)+say(lang,
				fmt.Sprintf("：缺少必填的列%s（%s）", quote(lang, need), l[0]),
				fmt.Sprintf(": required column %s (%s) is missing", quote(lang, need), l[1])))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var results []rowResult
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			problems = append(problems, where+": "+csvReadError(lang, err, len(header)))
			if errors.Is(err, csv.ErrFieldCount) {
				continue // the reader goes on with the next row
			}
			break
		}
		id := strings.TrimSpace(rec[idCol])
		at := rowAt(row)
		if id != "" {
			at += say(lang, "（编号 "+id+"）", " (id "+id+")")
		}
		doc, cellProblems := rowToJSON(header, rec, lang)
		for _, p := range cellProblems {
			problems = append(problems, at+say(lang, "，", ", ")+p)
		}
		if len(cellProblems) > 0 {
			continue
		}
		in, errs := modules.All.Decode(doc)
		for _, e := range errs {
			problems = append(problems, at+say(lang, "，", ", ")+fieldMessage(lang, e, colOf))
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
		return nil, []string{where + ": " + say(lang, "没有企业：只有标题行", "no enterprises (only a header row)")}
	}
	return results, nil
}

// csvReadError says what encoding/csv found wrong, with the row as a spreadsheet counts it
// (the reader counts lines, which differ once a cell holds a line break).
func csvReadError(lang string, err error, headerCells int) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	line := strconv.Itoa(pe.Line)
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return say(lang,
			fmt.Sprintf("第%s行（文件的行号）的格数与标题行的%d格不同：是不是有一格里多了逗号？", line, headerCells),
			fmt.Sprintf("line %s has a different number of cells from the header's %d: is there a comma too many in a cell?", line, headerCells))
	case errors.Is(pe.Err, csv.ErrBareQuote), errors.Is(pe.Err, csv.ErrQuote):
		return say(lang,
			fmt.Sprintf("第%s行（文件的行号）第%d个字符：引号不成对", line, pe.Column),
			fmt.Sprintf("line %s, character %d: unmatched quotation mark", line, pe.Column))
	}
	return err.Error()
}

// fieldMessage turns the core's problem with a field into the reader's words, naming the
// column: "E列 taxes（纳税情况），第2项 vat（国内增值税）：金额不能为负数".
func fieldMessage(lang string, e calculator.FieldError, colOf map[string]int) string {
	msg := say(lang, e.ZH, e.EN)
	name, entry, part := csvColumnOf(e.Field)
	if name == "" {
		if e.Field == "" {
			return msg
		}
		return e.Field + say(lang, "：", ": ") + msg
	}
	where := cellName(lang, colOf[name], name)
	if entry > 0 {
		where += say(lang, "，", ", ") + entryName(lang, entry, part)
	}
	return where + say(lang, "：", ": ") + msg
}

// csvColumnOf finds the column of a JSON field path and, inside a list cell, the entry
// (counted from 1, as written) and its field: "taxes[1].vat" → "taxes", 2, "vat".
func csvColumnOf(field string) (name string, entry int, part string) {
	for name, c := range columns {
		if strings.Join(c.path, ".") == field {
			return name, 0, ""
		}
	}
	list, rest, ok := strings.Cut(field, "[")
	if !ok || (list != "taxes" && list != "hires") {
		return "", 0, ""
	}
	n, sub, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(n)
	if err != nil {
		return list, 0, ""
	}
	return list, i + 1, strings.TrimPrefix(sub, ".")
}

// rowToJSON builds the JSON input document for one row.
func rowToJSON(header, rec []string, lang string) ([]byte, []string) {
	doc := map[string]any{}
	var problems []string
	for i, h := range header {
		c, ok := columns[h]
		cell := strings.TrimSpace(rec[i])
		if !ok || cell == "" {
			continue
		}
		v, err := cellValue(c.kind, cell, lang)
		if err != "" {
			sep := say(lang, "：", ": ")
			if c.kind == 't' || c.kind == 'h' {
				sep = say(lang, "，", ", ") // err starts with the entry: "第2项 vat（国内增值税）：…"
			}
			problems = append(problems, cellName(lang, i, h)+sep+err)
			continue
		}
		setPath(doc, c.path, v)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		problems = append(problems, err.Error())
	}
	return data, problems
}

// cellValue reads one cell of the given kind; err says, in the reader's words, what is wrong.
func cellValue(kind byte, cell, lang string) (v any, err string) {
	switch kind {
	case 'm':
		return parsed(lang, cell, parseMoney, "金额（元），如 26000000、26,000,000 或 2600万", "an amount in yuan, such as 26000000, 26,000,000 or 2600万")
	case 'y':
		return parsed(lang, cell, parseWhole, "整数，如 2022", "a whole number, such as 2022")
	case 'r':
		if strings.HasSuffix(cell, "%") || strings.HasSuffix(cell, "％") {
			return parsed(lang, cell, parsePercent, "0到100之间的百分数，如 2%", "a percentage from 0 to 100, such as 2%")
		}
		return parsed(lang, cell, plainNumber, "比例，如 0.02 或 2%", "a fraction such as 0.02, or a percentage such as 2%")
	case 'n':
		return parsed(lang, cell, plainNumber, "数字", "a number")
	case 's':
		return cell, ""
	case 'b':
		switch strings.ToLower(cell) {
		case "true", "1", "yes", "y", "是":
			return true, ""
		case "false", "0", "no", "n", "否":
			return false, ""
		}
		return nil, say(lang, quote(lang, cell)+"不是“是”或“否”（也可写 true/false、1/0）", quote(lang, cell)+" is not true or false (also yes/no, 1/0)")
	case 't':
		return taxesCell(cell, lang)
	case 'h':
		return hiresCell(cell, lang)
	}
	panic(fmt.Sprintf("csv.go: column kind %q is not handled", kind))
}

// parsed reads cell with parse into a JSON number, or says what the cell should have been.
func parsed(lang, cell string, parse func(string) (string, bool), zh, en string) (any, string) {
	if text, ok := parse(cell); ok {
		return json.Number(text), ""
	}
	return nil, notA(lang, cell, zh, en)
}

// plainNumber reads a decimal number with the form's leniency (full-width digits, thousands
// separators) but no unit.
func plainNumber(s string) (string, bool) {
	t := cleanNumber(s)
	return t, decimalText.MatchString(t)
}

// notA is the message for a cell that is not what its column holds.
func notA(lang, cell, zh, en string) string {
	return say(lang, quote(lang, cell)+"不是"+zh, quote(lang, cell)+" is not "+en)
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

// listPart reads one field of an entry of a list cell; on failure it says which entry.
func listPart(kind byte, text string, entry int, part, lang string) (any, string) {
	v, err := cellValue(kind, text, lang)
	if err != "" {
		return nil, entryName(lang, entry, part) + say(lang, "：", ": ") + err
	}
	return v, ""
}

// taxesCell reads "2021:1000000/200000/100000;2022:…".
func taxesCell(cell, lang string) (any, string) {
	var list []any
	for i, part := range splitList(cell) {
		year, rest, ok := strings.Cut(part, ":")
		amounts := strings.Split(rest, "/")
		if !ok || len(amounts) < 2 || len(amounts) > 3 {
			return nil, say(lang,
				fmt.Sprintf("第%d项 %s：请写成 年份:增值税/企业所得税 或 年份:增值税/企业所得税/其他地方税", i+1, quote(lang, part)),
				fmt.Sprintf("entry %d %s: write year:vat/cit or year:vat/cit/otherLocal", i+1, quote(lang, part)))
		}
		t := map[string]any{}
		for _, f := range []struct {
			key, text string
			kind      byte
		}{{"year", year, 'y'}, {"vat", amounts[0], 'm'}, {"cit", amounts[1], 'm'}, {"otherLocal", "", 'm'}} {
			if f.key == "otherLocal" {
				if len(amounts) < 3 {
					continue
				}
				f.text = amounts[2]
			}
			v, err := listPart(f.kind, strings.TrimSpace(f.text), i+1, f.key, lang)
			if err != "" {
				return nil, err
			}
			t[f.key] = v
		}
		list = append(list, t)
	}
	return list, ""
}

// hiresCell reads "2022-03:24:1000:48;…", with an optional fifth part, the employee's monthly
// contribution ("2022-03:24:1000::300" leaves monthsEmployed out).
func hiresCell(cell, lang string) (any, string) {
	var list []any
	for i, part := range splitList(cell) {
		f := strings.Split(part, ":")
		if len(f) < 3 || len(f) > 5 {
			return nil, say(lang,
				fmt.Sprintf("第%d项 %s：请写成 合同开始年月:合同月数:单位每月缴费[:实际缴费月数[:个人每月缴费]]", i+1, quote(lang, part)),
				fmt.Sprintf("entry %d %s: write start:contractMonths:monthlyEmployerContribution[:monthsEmployed[:monthlyEmployeeContribution]]", i+1, quote(lang, part)))
		}
		start, ok := parseMonth(f[0])
		if !ok {
			return nil, entryName(lang, i+1, "start") + say(lang, "：", ": ") +
				notA(lang, f[0], "年月，如 2022-03", "a month such as 2022-03")
		}
		h := map[string]any{"start": start}
		for j, p := range []struct {
			key  string
			kind byte
		}{{"contractMonths", 'y'}, {"monthlyEmployerContribution", 'm'}, {"monthsEmployed", 'y'}, {"monthlyEmployeeContribution", 'm'}} {
			if j+1 >= len(f) {
				break
			}
			text := strings.TrimSpace(f[j+1])
			if text == "" && j >= 2 {
				continue // an optional part left out
			}
			v, err := listPart(p.kind, text, i+1, p.key, lang)
			if err != "" {
				return nil, err
			}
			h[p.key] = v
		}
		list = append(list, h)
	}
	return list, ""
}

// listSeparators lets a list cell be typed with a Chinese input method on: ：；／ read as :;/.
var listSeparators = strings.NewReplacer("：", ":", "；", ";", "／", "/")

func splitList(cell string) []string {
	var out []string
	for _, p := range strings.Split(listSeparators.Replace(cell), ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

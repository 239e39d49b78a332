package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// runCmd runs the command in-process and returns its exit code and outputs.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const typical = `{"firstEntryYear": 2022, "revenue": 26000000, "priorityField": "four_foundations"}`

func TestJSONFile(t *testing.T) {
	path := writeFile(t, "in.json", typical)
	code, out, errOut := runCmd(t, "", path)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Eligible bool
		Total    json.Number
		ByYear   map[string]json.Number
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if !got.Eligible || got.Total != "700000" || got.ByYear["2022"] != "500000" {
		t.Errorf("got %+v, want eligible, total 700000, 2022: 500000", got)
	}
}

func TestJSONStdinCompactMatchesCore(t *testing.T) {
	code, out, _ := runCmd(t, typical, "-compact", "-")
	want, _ := modules.All.EstimateJSON([]byte(typical))
	if code != exitOK || out != string(want) {
		t.Errorf("exit %d; -compact output differs from the core's EstimateJSON:\n%s\nwant\n%s", code, out, want)
	}
}

func TestJSONBadInput(t *testing.T) {
	tests := []struct {
		name, input, wantField string
	}{
		{"malformed", `{"firstEntryYear": 2022,`, "(document)"},
		{"string for number", `{"firstEntryYear": 2022, "revenue": "lots"}`, "revenue:"},
		{"negative money", `{"firstEntryYear": 2022, "revenue": -1}`, "revenue:"},
		{"year out of range", `{"firstEntryYear": 2101, "revenue": 1}`, "firstEntryYear:"},
		{"unknown enum", `{"firstEntryYear": 2022, "revenue": 1, "route": "merge"}`, "route:"},
		{"contract of 0 months", `{"firstEntryYear": 2022, "revenue": 1, "hires": [{"start": "2022-01", "contractMonths": 0, "monthlyEmployerContribution": 1}]}`, "hires[0].contractMonths:"},
		{"empty input", ``, "(document)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.input, "-lang", "en", "-")
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if out != "" {
				t.Errorf("printed a result on bad input: %q", out)
			}
			if !strings.Contains(errOut, "<stdin>: "+tt.wantField) {
				t.Errorf("stderr %q does not name %q", errOut, tt.wantField)
			}
		})
	}
}

// TestJSONMessagesInChinese: without -lang, messages are in Chinese, the field named by its path.
func TestJSONMessagesInChinese(t *testing.T) {
	code, _, errOut := runCmd(t, `{"firstEntryYear": 2022, "revenue": -1}`, "-")
	if want := "estimate: <stdin>: revenue: 金额不能为负数\n"; code != exitBadInput || errOut != want {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
}

func TestUsageAndMissingFile(t *testing.T) {
	if code, _, _ := runCmd(t, ""); code != exitBadInput {
		t.Errorf("no arguments: exit %d, want %d", code, exitBadInput)
	}
	code, _, errOut := runCmd(t, "", filepath.Join(t.TempDir(), "nope.json"))
	if code != exitBadInput || !strings.Contains(errOut, "nope.json") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

func TestCSVSmall(t *testing.T) {
	in := "id,firstEntryYear,revenue,priorityField,taxes,hires,guaranteeAmount,guaranteeAlternativeFeeRate,lastYearInDirectory\n" +
		"A,2022,26000000,four_foundations,2021:1000000/200000/100000;2022:1400000/300000/120000,2022-03:24:1000:48,5000000,0.02,\n" +
		"B,2023,19999999.99,,,,,,\n" +
		"C,2023,30000000,,,,,,2024\n"
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "pool.csv", in), "-bom=false")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasSuffix(errOut, "pool.csv: 按UTF-8编码读取\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want only the encoding used", errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r[:len(r)-2], ",")) // the readable columns are checked below
	}
	want := []string{
		"id,eligible,total,cityRewards,employmentFund,taxReward,2022,2023,2024,2025,savingsTotal,failed,missing,warnings",
		"A,true,996000,700000,36000,260000,770000,112000,112000,2000,150000,,,assumesSmallMicro;taxYearMissing;taxYearMissing;fairCompetition;localShareSplit;assumesStaysInDirectory;cityOnly",
		"B,false,0,0,0,0,0,0,0,0,0,一:revenue,,",
		"C,true,300000,300000,0,0,0,200000,100000,0,0,四:lastYearInDirectory,hires;guarantee;taxes,cityOnly",
		"TOTAL,2,1296000,1000000,36000,260000,770000,312000,212000,2000,150000,,,",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") { // A: 四 500,000 + 五 300,000, 八 36,000, 十 260,000
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The readable columns: one line per code, in the reader's language.
	if h := rows[0][len(rows[0])-2:]; h[0] != "failedText" || h[1] != "warningsText" {
		t.Errorf("last columns %q, want failedText, warningsText", h)
	}
	if txt := rows[1][len(rows[1])-1]; strings.Count(txt, "\n") != 6 || !strings.Contains(txt, "未填写退出年份") {
		t.Errorf("A's warningsText %q: want seven lines in Chinese, one per warning code", txt)
	}
	if txt := rows[2][len(rows[2])-2]; !strings.Contains(txt, "2,000万元") {
		t.Errorf("B's failedText %q: want the revenue condition in Chinese", txt)
	}
}

// TestCSVFundingSourcesAddUp: the three funding-source columns split each row's total, and
// the TOTAL row sums every column.
func TestCSVFundingSourcesAddUp(t *testing.T) {
	in := "id,firstEntryYear,revenue,priorityField,taxes,hires\n"
	for i := 0; i < 40; i++ {
		in += fmt.Sprintf("E%d,%d,%d万,%s,%d:100万/20万;%d:%d万/30万,%d-0%d:%d:%d\n", i, 2021+i%4, 1900+i*10,
			[]string{"", "four_foundations"}[i%2], 2020+i%4, 2021+i%4, 100+i*7, 2021+i%4, 1+i%9, 6+i%30, 500+i*20)
	}
	code, out, errOut := runCmd(t, in, "-csv", "-", "-bom=false")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	sums := map[int]calculator.Fen{}
	for _, r := range rows[1 : len(rows)-1] {
		total, _ := calculator.ParseYuan(r[2])
		var bySource, byYear calculator.Fen
		for c := 3; c < len(head) && head[c] != "savingsTotal"; c++ {
			a, err := calculator.ParseYuan(r[c])
			if err != nil {
				t.Fatalf("row %s, column %s: %v", r[0], head[c], err)
			}
			if c < 6 {
				bySource += a
			} else {
				byYear += a
			}
			sums[c] += a
		}
		if bySource != total || byYear != total {
			t.Errorf("row %s: total %s, by source %s, by year %s", r[0], total, bySource, byYear)
		}
	}
	last := rows[len(rows)-1]
	for c, want := range sums {
		if got, _ := calculator.ParseYuan(last[c]); got != want {
			t.Errorf("TOTAL %s = %s, want the column's sum %s", head[c], last[c], want)
		}
	}
	if sums[5] == 0 || sums[4] == 0 {
		t.Errorf("the test pool has no tax reward or no social-insurance subsidy: %v", sums)
	}
}

// excelPool is the same small pool as a spreadsheet would save it, with Chinese names and
// amounts in the forms the form accepts.
const excelPool = "id,firstEntryYear,revenue,priorityField\r\n甲公司,2022,2600万,four_foundations\r\n晋城乙厂,2023年,\"26,000,000\",\r\n"

// TestCSVEncodings reads the pool saved by Excel as "CSV UTF-8" (with a byte-order mark), as
// plain "CSV" on Chinese Windows (GBK), and as UTF-8 without a mark: the summaries are the
// same, and stderr says which encoding was used.
func TestCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(excelPool)
	if err != nil {
		t.Fatal(err)
	}
	// Independent of the encoder: the two names in GBK, as Windows writes them.
	if !strings.Contains(gbk, "\xbc\xd7\xb9\xab\xcb\xbe") || !strings.Contains(gbk, "\xbd\xfa\xb3\xc7\xd2\xd2\xb3\xa7") {
		t.Fatalf("the GBK fixture does not hold 甲公司 and 晋城乙厂 in GBK: %x", gbk)
	}
	var outputs []string
	for _, tc := range []struct {
		name, data, said string
	}{
		{"utf8-bom.csv", utf8BOM + excelPool, "按UTF-8（带BOM）编码读取"},
		{"gbk.csv", gbk, "按GB18030/GBK（Excel中文版“CSV”格式的编码）编码读取"},
		{"utf8.csv", excelPool, "按UTF-8编码读取"},
	} {
		code, out, errOut := runCmd(t, "", "-csv", writeFile(t, tc.name, tc.data))
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errOut)
		}
		if !strings.Contains(errOut, tc.name+": "+tc.said) {
			t.Errorf("%s: stderr %q does not say %q", tc.name, errOut, tc.said)
		}
		if !strings.HasPrefix(out, utf8BOM+"id,eligible,total,") {
			t.Errorf("%s: the output does not start with a UTF-8 byte-order mark and the header: %q", tc.name, out[:min(len(out), 40)])
		}
		if !strings.Contains(out, "\n甲公司,true,700000,") || !strings.Contains(out, "\n晋城乙厂,true,400000,") {
			t.Errorf("%s: the names or the amounts (2600万, \"26,000,000\") were not read:\n%s", tc.name, out)
		}
		outputs = append(outputs, out)
	}
	for i := range outputs[1:] {
		if outputs[i+1] != outputs[0] {
			t.Errorf("the summaries differ between encodings:\n%s\n---\n%s", outputs[0], outputs[i+1])
		}
	}
	// -bom=false leaves the mark out.
	_, out, _ := runCmd(t, excelPool, "-csv", "-", "-bom=false")
	if !strings.HasPrefix(out, "id,eligible,") {
		t.Errorf("-bom=false: output starts %q", out[:min(len(out), 20)])
	}
}

// TestCSVUnreadableEncodings: UTF-16 and bytes that are neither UTF-8 nor GB18030 are refused
// with what to do, never read as garbage.
func TestCSVUnreadableEncodings(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"utf-16", "\xff\xfei\x00d\x00", "UTF-16"},
		{"neither", "id,firstEntryYear,revenue\nA\x80\xff,2022,1\n", "既不是UTF-8也不是GB18030/GBK"},
		{"bom but not UTF-8", utf8BOM + "id\xff\n", "不是有效的UTF-8"},
	} {
		code, out, errOut := runCmd(t, tc.data, "-csv", "-")
		if code != exitBadInput || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2, nothing, and %q", tc.name, code, out, errOut, tc.want)
		}
	}
}

func TestCSVBadInput(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"unknown column", "id,firstEntryYear,revenue,revnue\nA,2022,1,1\n", []string{`<stdin> 第1行，D列：未知的列名“revnue”`}},
		{"duplicate column", "id,firstEntryYear,revenue,revenue\nA,2022,1,1\n", []string{`第1行：C列和D列的列名都是“revenue”`}},
		{"missing column", "id,revenue\nA,1\n", []string{`缺少必填的列“firstEntryYear”（首次入规年份）`}},
		{"string for number", "id,firstEntryYear,revenue\nA,2022,abc\n", []string{"<stdin> 第2行（编号 A），C列 revenue（年主营业务收入）：“abc”不是金额（元），如 26000000、26,000,000 或 2600万"}},
		{"not a year", "id,revenue,firstEntryYear\nA,1,2022.5\n", []string{"第2行（编号 A），C列 firstEntryYear（首次入规年份）：“2022.5”不是整数"}},
		{"negative money in list", "id,firstEntryYear,revenue,taxes\nA,2022,1,2021:-5/0\n", []string{"第2行（编号 A），D列 taxes（纳税情况），第1项 vat（国内增值税）：金额不能为负数"}},
		{"bad amount in list", "id,firstEntryYear,revenue,taxes\nA,2022,1,2021:5/0;2022:x/1\n", []string{"D列 taxes（纳税情况），第2项 vat（国内增值税）：“x”不是金额"}},
		{"bad list form", "id,firstEntryYear,revenue,hires\nA,2022,1,2022-01:12\n", []string{"第2行（编号 A），D列 hires（招用就业困难人员），第1项 “2022-01:12”：请写成"}},
		{"bad month", "id,firstEntryYear,revenue,hires\nA,2022,1,2022-13:12:100\n", []string{"第1项 start（合同开始年月）：“2022-13”不是年月"}},
		{"contract 0 and bad year on two rows", "id,firstEntryYear,revenue,hires\nA,2022,1,2022-01:0:100\nB,1999,1,\n",
			[]string{"第2行（编号 A），D列 hires（招用就业困难人员），第1项 contractMonths（合同月数）", "第3行（编号 B），B列 firstEntryYear（首次入规年份）"}},
		{"bad boolean", "id,firstEntryYear,revenue,techSME\nA,2022,1,maybe\n", []string{`D列 techSME（科技型中小企业）：“maybe”不是“是”或“否”`}},
		{"bad rate", "id,firstEntryYear,revenue,guaranteeAmount,guaranteeAlternativeFeeRate\nA,2022,1,100,150%\n", []string{`“150%”不是0到100之间的百分数`}},
		{"ragged row", "id,firstEntryYear,revenue\nA,2022\n", []string{"第2行（文件的行号）的格数与标题行的3格不同"}},
		{"bare quote", "id,firstEntryYear,revenue\nA\"x,2022,1\n", []string{"引号不成对"}},
		{"header only", "id,firstEntryYear,revenue\n", []string{"没有企业：只有标题行"}},
		{"empty", "", []string{"文件是空的"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.csv, "-csv", "-")
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if out != "" {
				t.Errorf("printed a partial result: %q", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not contain %q", errOut, w)
				}
			}
		})
	}
}

// TestCSVMessagesInEnglish: -lang en gives the same messages in English, rows and columns
// named as a spreadsheet names them.
func TestCSVMessagesInEnglish(t *testing.T) {
	in := "id,firstEntryYear,revenue,taxes\nA,2022,abc,2021:-5/0\n"
	code, _, errOut := runCmd(t, in, "-lang", "en", "-csv", "-")
	for _, w := range []string{
		"estimate: <stdin>: read as UTF-8\n",
		`<stdin> row 2 (id A), column C revenue (annual main-business revenue): "abc" is not an amount in yuan, such as 26000000, 26,000,000 or 2600万`,
	} {
		if code != exitBadInput || !strings.Contains(errOut, w) {
			t.Errorf("exit %d, stderr %q: want %q", code, errOut, w)
		}
	}
	in = "id,firstEntryYear,revenue,taxes\nA,2022,1,2021:-5/0\n"
	_, _, errOut = runCmd(t, in, "-lang", "en", "-csv", "-")
	if w := "row 2 (id A), column D taxes (taxes paid), entry 1 vat (VAT): must not be negative"; !strings.Contains(errOut, w) {
		t.Errorf("stderr %q: want %q", errOut, w)
	}
	_, out, _ := runCmd(t, "id,firstEntryYear,revenue\nA,2022,1\n", "-lang", "en", "-csv", "-")
	if !strings.Contains(out, "below the above-designated-size threshold") {
		t.Errorf("-lang en: failedText is not in English:\n%s", out)
	}
	if code, _, errOut := runCmd(t, "", "-lang", "fr", "-csv", "-"); code != exitBadInput || !strings.Contains(errOut, "use zh or en") {
		t.Errorf("-lang fr: exit %d, %q", code, errOut)
	}
}

// TestCSVRowsAsASpreadsheetCounts: a cell with a line break makes the file's lines and the
// spreadsheet's rows differ; messages use the rows.
func TestCSVRowsAsASpreadsheetCounts(t *testing.T) {
	in := "id,firstEntryYear,revenue\n\"A\nsecond line\",2022,26000000\nB,2022,-1\n"
	_, _, errOut := runCmd(t, in, "-csv", "-")
	if !strings.Contains(errOut, "第3行（编号 B），C列 revenue") {
		t.Errorf("stderr %q: want row 3 (file line 4)", errOut)
	}
}

// poolRow generates row i of the large test file and, independently of the
// core, the cash it should produce per year (clauses 四 and 五 only).
func poolRow(i int) (string, map[int]calculator.Fen) {
	entry := 2021 + i%5
	revenue := "26000000"
	if i%11 == 0 {
		revenue = "19999999.99" // one fen short: nothing
	}
	field := ""
	if i%3 == 0 {
		field = "four_foundations"
	}
	last := ""
	lastYear := 9999
	if i%7 == 0 {
		lastYear = entry + i%4
		last = strconv.Itoa(lastYear)
	}
	row := strings.Join([]string{"E" + strconv.Itoa(i), strconv.Itoa(entry), revenue, field, last}, ",")
	want := map[int]calculator.Fen{}
	if i%11 == 0 {
		return row, want
	}
	want[entry] += calculator.Yuan(200_000)
	if field != "" {
		want[entry] += calculator.Yuan(300_000)
	}
	if lastYear >= entry+1 {
		want[entry+1] += calculator.Yuan(100_000)
	}
	if lastYear >= entry+2 {
		want[entry+2] += calculator.Yuan(100_000)
	}
	return row, want
}

func TestCSVTenThousandRows(t *testing.T) {
	const n = 10_000
	var b strings.Builder
	b.WriteString("id,firstEntryYear,revenue,priorityField,lastYearInDirectory\n")
	wantYears := map[int]calculator.Fen{}
	var wantTotal calculator.Fen
	wantEligible := 0
	for i := 0; i < n; i++ {
		row, want := poolRow(i)
		b.WriteString(row + "\n")
		for y, a := range want {
			wantYears[y] += a
			wantTotal += a
		}
		if len(want) > 0 {
			wantEligible++
		}
	}
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "pool.csv", b.String()), "-bom=false")
	if code != exitOK {
		t.Fatalf("exit %d: %.500s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+2 {
		t.Fatalf("got %d rows, want header + %d + TOTAL", len(rows), n)
	}
	head, total := rows[0], rows[len(rows)-1]
	if got, _ := calculator.ParseYuan(total[3]); head[3] != "cityRewards" || got != wantTotal {
		t.Errorf("%s = %s, want cityRewards = %s (clauses 四 and 五 only)", head[3], total[3], wantTotal)
	}
	if total[0] != "TOTAL" || total[1] != strconv.Itoa(wantEligible) {
		t.Errorf("TOTAL row starts %q, want TOTAL,%d", total[:2], wantEligible)
	}
	if got, _ := calculator.ParseYuan(total[2]); got != wantTotal {
		t.Errorf("total = %s, want %s", total[2], wantTotal)
	}
	for c := 6; c < len(head) && head[c] != "savingsTotal"; c++ {
		y, _ := strconv.Atoi(head[c])
		got, _ := calculator.ParseYuan(total[c])
		if got != wantYears[y] {
			t.Errorf("%d: total %s, want %s", y, total[c], wantYears[y])
		}
		delete(wantYears, y)
	}
	if len(wantYears) != 0 {
		t.Errorf("years missing from the summary: %v", wantYears)
	}
}

func TestCSVTenThousandRowsOneBadNoPartialOutput(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,firstEntryYear,revenue,priorityField,lastYearInDirectory\n")
	for i := 0; i < 10_000; i++ {
		row, _ := poolRow(i)
		b.WriteString(row + "\n")
	}
	b.WriteString("LAST,2022,-3,,\n")
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "pool.csv", b.String()))
	if code != exitBadInput || out != "" {
		t.Fatalf("exit %d, %d bytes of output; want exit 2 and nothing printed", code, len(out))
	}
	if !strings.Contains(errOut, " 第10002行（编号 LAST），C列 revenue（年主营业务收入）：金额不能为负数") {
		t.Errorf("stderr %q does not name the row and field", errOut)
	}
}

// TestExamples runs the example inputs of calculator/examples (the README points readers to
// them) through the command as a user would: each must be accepted and give the result its
// description in the README promises. A new example needs a line here.
func TestExamples(t *testing.T) {
	want := map[string]struct {
		eligible bool
		total    string
	}{
		"typical.json":         {true, "700000"},  // 四 200,000 + 100,000 + 100,000, 五 300,000
		"new-production.json":  {true, "700000"},  // route 二, priority sector, tech SME, cultivation pool
		"hires-and-taxes.json": {true, "1722560"}, // 四 五 八 十 and 九's saving
		"left-directory.json":  {true, "200000"},  // left after 2023, the other reading of 连续2年: entry reward only
		"not-eligible.json":    {false, "0"},      // revenue 18,500,000 < 20,000,000
	}
	files, err := filepath.Glob("../../examples/*.json")
	if err != nil || len(files) != len(want) {
		t.Fatalf("calculator/examples has %d JSON files (%v), want %d", len(files), err, len(want))
	}
	for _, f := range files {
		w, ok := want[filepath.Base(f)]
		if !ok {
			t.Errorf("%s: no expected result in TestExamples", f)
			continue
		}
		code, out, errOut := runCmd(t, "", f)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", f, code, errOut)
			continue
		}
		var got struct {
			Eligible bool
			Total    json.Number
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("%s: output is not JSON: %v", f, err)
			continue
		}
		if got.Eligible != w.eligible || string(got.Total) != w.total {
			t.Errorf("%s: eligible %v, total %s; want %v, %s", f, got.Eligible, got.Total, w.eligible, w.total)
		}
	}

	// The batch example: the same enterprises (and two more) as a spreadsheet would hold them.
	code, out, errOut := runCmd(t, "", "-csv", "../../examples/pool.csv")
	if code != exitOK {
		t.Fatalf("examples/pool.csv: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; len(rows) != 7 || last[0] != "TOTAL" || last[1] != "4" {
		t.Errorf("examples/pool.csv: %d rows, last %q; want 5 enterprises, 4 eligible", len(rows), last[:3])
	}
}

package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
			code, out, errOut := runCmd(t, tt.input, "-")
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
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "pool.csv", in))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "id,eligible,total,2022,2023,2024,2025,savingsTotal,failed,missing,warnings\n" +
		"A,true,996000,770000,112000,112000,2000,150000,,,assumesSmallMicro;taxYearMissing;taxYearMissing;fairCompetition;localShareSplit;assumesStaysInDirectory;cityOnly\n" +
		"B,false,0,0,0,0,0,0,一:revenue,,\n" +
		"C,true,300000,0,200000,100000,0,0,四:lastYearInDirectory,hires;guarantee;taxes,cityOnly\n" +
		"TOTAL,2,1296000,770000,312000,212000,2000,150000,,,\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestCSVBadInput(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"unknown column", "id,firstEntryYear,revenue,revnue\nA,2022,1,1\n", []string{`:1: unknown column "revnue"`}},
		{"missing column", "id,revenue\nA,1\n", []string{`required column "firstEntryYear"`}},
		{"string for number", "id,firstEntryYear,revenue\nA,2022,abc\n", []string{":2: row 2 (id A): revenue: must be a number"}},
		{"negative money in list", "id,firstEntryYear,revenue,taxes\nA,2022,1,2021:-5/0\n", []string{"row 2 (id A): taxes[0].vat (column taxes): must not be negative"}},
		{"bad list form", "id,firstEntryYear,revenue,hires\nA,2022,1,2022-01:12\n", []string{"row 2 (id A): hires: entry 1"}},
		{"contract 0 and bad year on two rows", "id,firstEntryYear,revenue,hires\nA,2022,1,2022-01:0:100\nB,1999,1,\n",
			[]string{"row 2 (id A): hires[0].contractMonths (column hires)", "row 3 (id B): firstEntryYear"}},
		{"bad boolean", "id,firstEntryYear,revenue,techSME\nA,2022,1,maybe\n", []string{`techSME: "maybe" is not true or false`}},
		{"ragged row", "id,firstEntryYear,revenue\nA,2022\n", []string{"wrong number of fields"}},
		{"header only", "id,firstEntryYear,revenue\n", []string{"no enterprises"}},
		{"empty", "", []string{"header row is required"}},
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
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "pool.csv", b.String()))
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
	if total[0] != "TOTAL" || total[1] != strconv.Itoa(wantEligible) {
		t.Errorf("TOTAL row starts %q, want TOTAL,%d", total[:2], wantEligible)
	}
	if got, _ := calculator.ParseYuan(total[2]); got != wantTotal {
		t.Errorf("total = %s, want %s", total[2], wantTotal)
	}
	for c := 3; c < len(head) && head[c] != "savingsTotal"; c++ {
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
	if !strings.Contains(errOut, ":10002: row 10002 (id LAST): revenue: must not be negative") {
		t.Errorf("stderr %q does not name the row and field", errOut)
	}
}

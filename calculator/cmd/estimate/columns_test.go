package main

import (
	"strings"
	"testing"
)

// TestCSVReadingColumns: the size and the five readings of rules-2 each have a column, and a
// hire may carry the employee's part as a fifth part. Each row is one value of a reading, so the
// totals show that the column reached the core.
func TestCSVReadingColumns(t *testing.T) {
	in := "id,firstEntryYear,revenue,employees,hires,guaranteeAmount,guaranteeAlternativeFeeRate,taxes,lastYearInDirectory," +
		"hireStartsBeforeEntry,hireStartLimit,socialInsuranceScope,taxIncreaseNetting,exitEndsAllRewards\n" +
		"before-excluded,2022,26000000,,2021-12:24:1000:24,,,,,excluded,,,,\n" +
		"before-months,2022,26000000,,2021-12:24:1000:24,,,,,monthsAfterEntry,,,,\n" +
		"late-window,2022,26000000,,2040-01:12:1000:12,,,,,,window,,,\n" +
		"late-any,2022,26000000,,2040-01:12:1000:12,,,,,,any,,,\n" +
		"employer,2022,26000000,,2022-01:12:1000::300,,,,,,,employer,,\n" +
		"both,2022,26000000,,2022-01:12:1000::300,,,,,,,employerAndEmployee,,\n" +
		"per-year,2022,26000000,,,,,2021:1000000/0;2022:800000/0;2023:1300000/0;2024:1200000/0,,,,,perYear,\n" +
		"netted,2022,26000000,,,,,2021:1000000/0;2022:800000/0;2023:1300000/0;2024:1200000/0,,,,,netted,\n" +
		"exit-211-only,2022,26000000,,,,,2021:1000000/0;2022:1200000/0;2023:1400000/0,2022,,,,,false\n" +
		"exit-all,2022,26000000,,,,,2021:1000000/0;2022:1200000/0;2023:1400000/0,2022,,,,,true\n" +
		"small,2022,26000000,299,,5000000,0.02,,,,,,,\n" +
		"medium,2022,26000000,300,,5000000,0.02,,,,,,,\n"
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "readings.csv", in))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := map[string]string{ // id → total,savingsTotal
		"before-excluded": "400000,0", "before-months": "423000,0",
		"late-window": "400000,0", "late-any": "412000,0",
		"employer": "412000,0", "both": "415600,0",
		"per-year": "650000,0", "netted": "550000,0",
		"exit-211-only": "500000,0", "exit-all": "300000,0",
		"small": "400000,150000", "medium": "400000,0",
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	head := strings.Split(lines[0], ",")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	seen := 0
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		w, ok := want[f[0]]
		if !ok {
			continue
		}
		seen++
		if got := f[col["total"]] + "," + f[col["savingsTotal"]]; got != w {
			t.Errorf("%s: total,savingsTotal = %s, want %s", f[0], got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of %d rows:\n%s", seen, len(want), out)
	}
}

// TestNewChecksExitTwo: the input checks of rules-2 are errors that name the field, with exit
// status 2 and nothing on standard output, in JSON and in CSV mode.
func TestNewChecksExitTwo(t *testing.T) {
	many := `{"year": 2000, "vat": -1, "cit": 0}` + strings.Repeat(`,{"year": 2000, "vat": -1, "cit": 0}`, 50)
	for _, tt := range []struct{ name, input, want string }{
		{"unknown sector", `{"firstEntryYear": 2022, "revenue": 26000000, "prioritySector": "mic-quantum"}`, "prioritySector:"},
		{"sector of another field", `{"firstEntryYear": 2022, "revenue": 26000000, "priorityField": "four_foundations", "prioritySector": "sx-photovoltaics"}`, "prioritySector:"},
		{"51 tax years", `{"firstEntryYear": 2022, "revenue": 26000000, "taxes": [` + many + `]}`, "taxes: at most 50 years (got 51)"},
		{"negative employees", `{"firstEntryYear": 2022, "revenue": 26000000, "employees": -1}`, "employees:"},
		{"unknown reading", `{"firstEntryYear": 2022, "revenue": 26000000, "assumptions": {"taxIncreaseNetting": "sum"}}`, "assumptions.taxIncreaseNetting: must be perYear or netted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.input, "-lang", "en", "-")
			if code != exitBadInput || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, exitBadInput, tt.want)
			}
			if n := strings.Count(errOut, "\n"); tt.name == "51 tax years" && n != 1 {
				t.Errorf("%d lines of errors for one list, want 1:\n%s", n, errOut)
			}
		})
	}
	code, out, errOut := runCmd(t, "", "-csv", writeFile(t, "bad.csv", "id,firstEntryYear,revenue,prioritySector,employees\nA,2022,26000000,mic-quantum,-1\n"))
	if code != exitBadInput || out != "" || !strings.Contains(errOut, "prioritySector") || !strings.Contains(errOut, "employees") {
		t.Errorf("CSV: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

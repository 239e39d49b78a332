package calculator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// A scenario file (testdata/scenarios/*.json) is one enterprise and the parts
// of the output it checks. The schema is documented in README.md; browser tests
// and the WebAssembly runner read the same files.
type scenario struct {
	Name      string          `json:"name"`
	Clauses   []string        `json:"clauses"`
	Input     json.RawMessage `json:"input"`
	InputText *string         `json:"inputText"`
	Output    expectation     `json:"output"`
}

type expectation struct {
	Eligible     *bool           `json:"eligible"`
	Total        *json.Number    `json:"total"`
	ByYearRaw    json.RawMessage `json:"byYear"`
	SavingsTotal *json.Number    `json:"savingsTotal"`
	Items        *[]amountRow    `json:"items"`
	Savings      *[]amountRow    `json:"savings"`
	Failed       *[]failedRow    `json:"failed"`
	Benefits     *[]string       `json:"benefits"`
	Missing      *[]string       `json:"missing"`
	Warnings     *int            `json:"warnings"`
	WarningIDs   *[]string       `json:"warningIds"`
	Errors       *[]string       `json:"errors"`
}

type amountRow struct {
	ID           string      `json:"id,omitempty"`
	Year         int         `json:"year"`
	Amount       json.Number `json:"amount"`
	AfterHorizon *bool       `json:"afterHorizon,omitempty"` // checked when the scenario gives it
}

type failedRow struct {
	Clause string `json:"clause"`
	Field  string `json:"field"`
}

// actual is the subset of the output document the scenarios check.
type actual struct {
	Eligible     bool                     `json:"eligible"`
	Total        json.Number              `json:"total"`
	ByYear       map[string]json.Number   `json:"byYear"`
	SavingsTotal json.Number              `json:"savingsTotal"`
	Items        []amountRow              `json:"items"`
	Savings      []amountRow              `json:"savings"`
	Failed       []failedRow              `json:"failed"`
	Benefits     []struct{ ID string }    `json:"benefits"`
	Missing      []struct{ Field string } `json:"missing"`
	Warnings     []struct{ ID string }    `json:"warnings"`
	Errors       []struct {
		Field string `json:"field"`
		ZH    string `json:"zh"`
		EN    string `json:"en"`
	} `json:"errors"`
}

func scenarioFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario files under testdata/scenarios")
	}
	sort.Strings(files)
	return files
}

func loadScenario(t testing.TB, path string) scenario {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	var s scenario
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if s.Name == "" || len(s.Clauses) == 0 {
		t.Fatalf("%s: a scenario needs a name and the clauses it checks", path)
	}
	return s
}

// yuan compares amounts exactly, as fen.
func yuan(t *testing.T, s json.Number) calculator.Fen {
	t.Helper()
	f, err := calculator.ParseYuan(string(s))
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return f
}

func TestScenarios(t *testing.T) {
	for _, path := range scenarioFiles(t) {
		s := loadScenario(t, path)
		t.Run(strings.TrimSuffix(filepath.Base(path), ".json"), func(t *testing.T) {
			input := []byte(s.Input)
			if s.InputText != nil {
				input = []byte(*s.InputText)
			}
			out, ok := modules.All.EstimateJSON(input)
			again, _ := modules.All.EstimateJSON(input)
			if !bytes.Equal(out, again) {
				t.Fatal("output differs between two runs")
			}
			if !json.Valid(out) {
				t.Fatalf("output is not valid JSON: %s", out)
			}
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.UseNumber()
			var got actual
			if err := dec.Decode(&got); err != nil {
				t.Fatal(err)
			}
			checkScenario(t, s, ok, got, out)
		})
	}
}

func checkScenario(t *testing.T, s scenario, ok bool, got actual, out []byte) {
	want := s.Output
	defer func() {
		if t.Failed() {
			t.Logf("scenario %q (clauses %v)\noutput: %s", s.Name, s.Clauses, out)
		}
	}()
	if want.Errors != nil {
		if ok {
			t.Fatalf("want errors on %v, got a result", *want.Errors)
		}
		var fields []string
		for _, e := range got.Errors {
			fields = append(fields, e.Field)
			if e.ZH == "" || e.EN == "" {
				t.Errorf("error on %q lacks a message in both languages", e.Field)
			}
		}
		if !reflect.DeepEqual(fields, *want.Errors) {
			t.Errorf("error fields = %q, want %q", fields, *want.Errors)
		}
		return
	}
	if !ok {
		t.Fatalf("unexpected errors: %+v", got.Errors)
	}
	if want.Eligible != nil && got.Eligible != *want.Eligible {
		t.Errorf("eligible = %v, want %v", got.Eligible, *want.Eligible)
	}
	if want.Total != nil && yuan(t, got.Total) != yuan(t, *want.Total) {
		t.Errorf("total = %s, want %s", got.Total, *want.Total)
	}
	if want.ByYearRaw != nil {
		var wb map[string]json.Number
		dec := json.NewDecoder(bytes.NewReader(want.ByYearRaw))
		dec.UseNumber()
		if err := dec.Decode(&wb); err != nil {
			t.Fatal(err)
		}
		if len(wb) != len(got.ByYear) {
			t.Errorf("byYear = %v, want %v", got.ByYear, wb)
		}
		for y, a := range wb {
			if g, has := got.ByYear[y]; !has || yuan(t, g) != yuan(t, a) {
				t.Errorf("byYear[%s] = %s, want %s", y, g, a)
			}
		}
	}
	if want.SavingsTotal != nil && yuan(t, got.SavingsTotal) != yuan(t, *want.SavingsTotal) {
		t.Errorf("savingsTotal = %s, want %s", got.SavingsTotal, *want.SavingsTotal)
	}
	compareRows := func(what string, got, want []amountRow) {
		if len(got) != len(want) {
			t.Errorf("%s: got %d rows %v, want %d %v", what, len(got), got, len(want), want)
			return
		}
		for i := range want {
			if (want[i].ID != "" && got[i].ID != want[i].ID) || got[i].Year != want[i].Year ||
				yuan(t, got[i].Amount) != yuan(t, want[i].Amount) {
				t.Errorf("%s[%d] = %v, want %v", what, i, got[i], want[i])
			}
			if w, g := want[i].AfterHorizon, got[i].AfterHorizon; w != nil && (g == nil || *g != *w) {
				t.Errorf("%s[%d] (%s %d): afterHorizon = %v, want %v", what, i, got[i].ID, got[i].Year, g != nil && *g, *w)
			}
		}
	}
	if want.Items != nil {
		compareRows("items", got.Items, *want.Items)
	}
	if want.Savings != nil {
		compareRows("savings", got.Savings, *want.Savings)
	}
	if want.Failed != nil {
		g := got.Failed
		if g == nil {
			g = []failedRow{}
		}
		if !reflect.DeepEqual(g, *want.Failed) && !(len(g) == 0 && len(*want.Failed) == 0) {
			t.Errorf("failed = %v, want %v", g, *want.Failed)
		}
	}
	ids := func(n int, id func(int) string) []string {
		out := []string{}
		for i := 0; i < n; i++ {
			out = append(out, id(i))
		}
		return out
	}
	if want.Benefits != nil {
		g := ids(len(got.Benefits), func(i int) string { return got.Benefits[i].ID })
		if !reflect.DeepEqual(g, *want.Benefits) {
			t.Errorf("benefits = %v, want %v", g, *want.Benefits)
		}
	}
	if want.Missing != nil {
		g := ids(len(got.Missing), func(i int) string { return got.Missing[i].Field })
		if !reflect.DeepEqual(g, *want.Missing) {
			t.Errorf("missing = %v, want %v", g, *want.Missing)
		}
	}
	if want.Warnings != nil && len(got.Warnings) != *want.Warnings {
		t.Errorf("%d warnings, want %d", len(got.Warnings), *want.Warnings)
	}
	if want.WarningIDs != nil {
		g := ids(len(got.Warnings), func(i int) string { return got.Warnings[i].ID })
		if !reflect.DeepEqual(g, *want.WarningIDs) {
			t.Errorf("warnings = %v, want %v", g, *want.WarningIDs)
		}
	}
}

// TestScenariosCoverEveryClause keeps the scenario set honest: every clause the
// calculator applies is checked by at least one scenario, and so is input validation.
func TestScenariosCoverEveryClause(t *testing.T) {
	covered := map[string]bool{}
	for _, path := range scenarioFiles(t) {
		for _, c := range loadScenario(t, path).Clauses {
			covered[c] = true
		}
	}
	for _, c := range []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "输入"} {
		if !covered[c] {
			t.Errorf("no scenario checks clause %s", c)
		}
	}
}

// Package scenariotest runs the scenario files (calculator/testdata/scenarios) against a set of
// rule modules: the calculator's own tests run them, and so does each rule module's package, so
// that a change to a module's code meets the scenarios in that package's own tests (make mutate
// runs only those). It reads files and calls the testing package: it is for tests only.
package scenariotest

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
)

// Scenario is a scenario file (calculator/testdata/scenarios/*.json): one enterprise and the
// parts of the output it checks. The schema is documented in README.md; browser tests
// and the WebAssembly runner read the same files.
type Scenario struct {
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
	// Assumptions: the readings the result must report (only the keys given are checked).
	Assumptions map[string]any `json:"assumptions"`
	// The layers: grandTotal, and per layer id ("jcgj-2025-1", "localSchemes") what that entry
	// of "policies" must hold, in the same form as the top level.
	GrandTotal *json.Number           `json:"grandTotal"`
	Policies   map[string]expectation `json:"policies"`
}

type amountRow struct {
	ID           string      `json:"id,omitempty"`
	Year         int         `json:"year"`
	Amount       json.Number `json:"amount"`
	AfterHorizon *bool       `json:"afterHorizon,omitempty"` // checked when the scenario gives it
	PaidFromYear *int        `json:"paidFromYear,omitempty"` // checked when the scenario gives it
	Name         string      `json:"name,omitempty"`         // checked when the scenario gives it
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
	Assumptions map[string]any `json:"assumptions"`
	ID          string         `json:"id"` // of a layer
	GrandTotal  json.Number    `json:"grandTotal"`
	Policies    []actual       `json:"policies"`
}

// Files returns the scenario files in dir, sorted; none is an error.
func Files(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scenario files in %s", dir)
	}
	sort.Strings(files)
	return files
}

// Load reads the scenario file at path, refusing unknown fields.
func Load(t testing.TB, path string) Scenario {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	var s Scenario
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

// Run checks every scenario file in dir against rules, each as a subtest named after its file:
// the output is deterministic, valid JSON and what the file expects, layer by layer.
func Run(t *testing.T, rules calculator.Rules, dir string) {
	for _, path := range Files(t, dir) {
		s := Load(t, path)
		t.Run(strings.TrimSuffix(filepath.Base(path), ".json"), func(t *testing.T) {
			input := []byte(s.Input)
			if s.InputText != nil {
				input = []byte(*s.InputText)
			}
			out, ok := rules.EstimateJSON(input)
			again, _ := rules.EstimateJSON(input)
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
			defer func() {
				if t.Failed() {
					t.Logf("scenario %q (clauses %v)\noutput: %s", s.Name, s.Clauses, out)
				}
			}()
			checkScenario(t, s.Output, ok, got)
			if ok {
				checkLayers(t, rules, out, got)
			}
			for id, want := range s.Output.Policies {
				found := false
				for _, l := range got.Policies {
					if l.ID == id {
						found = true
						t.Run(id, func(t *testing.T) { checkScenario(t, want, ok, l) })
					}
				}
				if !found {
					t.Errorf("no layer %q in policies", id)
				}
			}
		})
	}
}

// checkLayers holds for every output: one layer per module of rules, in order, then the
// local schemes; the first layer is the top level; the grand total is the sum of the layers'.
func checkLayers(t *testing.T, rules calculator.Rules, out []byte, got actual) {
	t.Helper()
	var ids []string
	var sum calculator.Fen
	for _, l := range got.Policies {
		ids = append(ids, l.ID)
		sum += yuan(t, l.Total)
	}
	var want []string
	for _, m := range rules {
		want = append(want, m.Document())
	}
	want = append(want, calculator.LocalSchemesID)
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("policies = %v, want %v", ids, want)
	}
	if g := yuan(t, got.GrandTotal); g != sum {
		t.Errorf("grandTotal = %s, the layers add up to %s", got.GrandTotal, sum)
	}
	var doc struct {
		Policies []map[string]json.RawMessage `json:"policies"`
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(out, &top) != nil || json.Unmarshal(out, &doc) != nil || len(doc.Policies) == 0 {
		t.Fatal("cannot read the layers")
	}
	first := doc.Policies[0]
	if string(first["id"]) != string(top["policy"]) {
		t.Errorf("the first layer is %s, the top level's policy %s", first["id"], top["policy"])
	}
	for k, v := range first {
		if k != "id" && string(top[k]) != string(v) {
			t.Errorf("the first layer's %s differs from the top level's:\n%s\n%s", k, v, top[k])
		}
	}
}

func checkScenario(t *testing.T, want expectation, ok bool, got actual) {
	t.Helper()
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
			if w, g := want[i].PaidFromYear, got[i].PaidFromYear; w != nil && (g == nil || *g != *w) {
				t.Errorf("%s[%d] (%s %d): paidFromYear = %v, want %d", what, i, got[i].ID, got[i].Year, g, *w)
			}
			if want[i].Name != "" && got[i].Name != want[i].Name {
				t.Errorf("%s[%d]: name = %q, want %q", what, i, got[i].Name, want[i].Name)
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
	for k, v := range want.Assumptions {
		if g, has := got.Assumptions[k]; !has || !reflect.DeepEqual(g, v) {
			t.Errorf("assumptions.%s = %v, want %v", k, g, v)
		}
	}
	if want.GrandTotal != nil && yuan(t, got.GrandTotal) != yuan(t, *want.GrandTotal) {
		t.Errorf("grandTotal = %s, want %s", got.GrandTotal, *want.GrandTotal)
	}
}

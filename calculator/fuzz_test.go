package calculator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// FuzzEstimateJSON feeds arbitrary bytes to the JSON path. Whatever the input,
// the calculator must not panic, must answer with valid JSON, must answer the
// same way twice, and a result must add up: total = Σ byYear = Σ items, with
// no negative amounts and no cash when not eligible. Seeds: every scenario
// input plus the committed corpus in testdata/fuzz/FuzzEstimateJSON.
func FuzzEstimateJSON(f *testing.F) {
	for _, path := range scenarioFiles(f) {
		s := loadScenario(f, path)
		if s.InputText != nil {
			f.Add([]byte(*s.InputText))
		} else {
			f.Add([]byte(s.Input))
		}
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		out, ok := modules.All.EstimateJSON(input)
		again, _ := modules.All.EstimateJSON(input)
		if !bytes.Equal(out, again) {
			t.Fatal("two runs gave different output")
		}
		if !json.Valid(out) {
			t.Fatalf("output is not valid JSON: %q", out)
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber()
		var doc struct {
			Errors   []struct{ Field, ZH, EN string }
			Eligible bool
			Total    json.Number
			ByYear   map[string]json.Number
			Items    []struct {
				Amount json.Number
				Year   int
			}
			Savings []struct{ Amount json.Number }
		}
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if !ok {
			if len(doc.Errors) == 0 {
				t.Fatal("error document without errors")
			}
			for _, e := range doc.Errors {
				if e.ZH == "" || e.EN == "" {
					t.Fatalf("error on %q without a message in both languages", e.Field)
				}
			}
			return
		}
		fen := func(s json.Number) calculator.Fen {
			v, err := calculator.ParseYuan(string(s))
			if err != nil || v < 0 {
				t.Fatalf("bad amount %q in %s", s, out)
			}
			return v
		}
		total := fen(doc.Total)
		var byYear, items calculator.Fen
		for _, a := range doc.ByYear {
			byYear += fen(a)
		}
		for _, it := range doc.Items {
			items += fen(it.Amount)
		}
		for _, s := range doc.Savings {
			fen(s.Amount)
		}
		if total != byYear || total != items {
			t.Fatalf("total %s, Σ byYear %s, Σ items %s differ", total, byYear, items)
		}
		if !doc.Eligible && len(doc.Items) > 0 {
			t.Fatal("cash items for an ineligible enterprise")
		}
	})
}

// TestFuzzCorpusCommitted makes sure the seed corpus stays in the repository.
func TestFuzzCorpusCommitted(t *testing.T) {
	entries, err := os.ReadDir("testdata/fuzz/FuzzEstimateJSON")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 5 {
		t.Fatalf("only %d corpus files", len(entries))
	}
}

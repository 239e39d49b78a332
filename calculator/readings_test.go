package calculator_test

import (
	"encoding/json"
	"testing"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// TestReadingsInEveryLayer: each layer of an output reports exactly its module's readings, with
// the module's stated defaults for an input that sets none, so that the output, the form's
// defaults and the README cannot disagree.
func TestReadingsInEveryLayer(t *testing.T) {
	out, err := modules.All.Estimate(calculator.NewInput(2026, calculator.Yuan(26_000_000)))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Policies []struct {
			ID          string                     `json:"id"`
			Assumptions map[string]json.RawMessage `json:"assumptions"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(calculator.EncodeOutput(out), &doc); err != nil {
		t.Fatal(err)
	}
	for i, m := range modules.All {
		got := doc.Policies[i].Assumptions
		if len(got) != len(m.Readings()) {
			t.Errorf("%s: the output reports %d readings, the module has %d", m.Document(), len(got), len(m.Readings()))
		}
		for _, r := range m.Readings() {
			v, ok := got[r.Key]
			switch {
			case !ok:
				t.Errorf("%s: reading %s is not in the output", m.Document(), r.Key)
			case string(v) == "null":
				t.Errorf("%s: reading %s is not one the engine writes (encode.go)", m.Document(), r.Key)
			case len(r.Values) > 0 && string(v) != r.Default && string(v) != `"`+r.Default+`"`:
				t.Errorf("%s: reading %s defaults to %s, the module says %s", m.Document(), r.Key, v, r.Default)
			}
		}
	}
	if last := doc.Policies[len(doc.Policies)-1]; last.ID != calculator.LocalSchemesID || len(last.Assumptions) != 0 {
		t.Errorf("the last layer is %s with readings %v, want the local schemes with none", last.ID, last.Assumptions)
	}
}

// TestParametersAreDatedAndCited: every number a module uses has an id of its own, a unit, an ISO
// date from which it applies and a source (a document and its number; a clause in both
// languages or in neither).
func TestParametersAreDatedAndCited(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range modules.All {
		for _, p := range m.Parameters() {
			id := m.Document() + "/" + p.ID
			if seen[id] {
				t.Errorf("parameter %s listed twice", id)
			}
			seen[id] = true
			if len(p.ValidFrom) != len("2006-01-02") || p.ValidFrom[4] != '-' || p.ValidFrom[7] != '-' {
				t.Errorf("%s: valid-from %q is not an ISO date", id, p.ValidFrom)
			}
			if p.Source.Document == "" || p.Source.Number == "" || (p.Source.Clause == "") != (p.Source.ClauseEN == "") {
				t.Errorf("%s: incomplete source %+v", id, p.Source)
			}
			if p.Unit == "" {
				t.Errorf("%s: no unit", id)
			}
		}
	}
}

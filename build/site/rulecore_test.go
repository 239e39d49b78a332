package site

import (
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/calculator"
	"scaleup/calculator/jsz202135"
	"scaleup/calculator/modules"
)

// The rule core reads no files, so it keeps its own copies of two things the content also
// states: the policy's dates and the sector lists of clause (5). These tests keep the copies
// equal, so that a page and the calculator can never disagree about them.

func realContent(t *testing.T) *content.Site {
	t.Helper()
	diags := &diag.List{}
	s := content.Load(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../..")), "content", content.Options{}, diags)
	if err := diags.Err(); err != nil {
		t.Fatalf("content does not load:\n%v", err)
	}
	return s
}

func TestContentDatesMatchRuleCore(t *testing.T) {
	s := realContent(t)
	doc := s.Document("jsz-2021-35")
	if doc == nil {
		t.Fatal("no document jsz-2021-35 in content/")
	}
	if doc.Dates.Issued != jsz202135.PolicyIssued {
		t.Errorf("content/policy/document.yaml dates.issued: %s, the rule core's PolicyIssued: %s", doc.Dates.Issued, jsz202135.PolicyIssued)
	}
	if y, _ := strconv.Atoi(doc.Dates.Issued[:4]); int64(y) != jsz202135.ParamHorizonFirst.Value {
		t.Errorf("the policy was issued in %d, but the rule core's first year is %d", y, jsz202135.ParamHorizonFirst.Value)
	}
	want := strconv.FormatInt(jsz202135.ParamHorizonLast.Value, 10) + "-12-31"
	if doc.Dates.Horizon != want {
		t.Errorf("content/policy/document.yaml dates.horizon: %s, the rule core's horizon ends with %d (want %s)", doc.Dates.Horizon, jsz202135.ParamHorizonLast.Value, want)
	}
	if !content.IsDate(s.Config.Reviewed) {
		t.Errorf("content/site.yaml reviewed: %q is not a date", s.Config.Reviewed)
	}
	// The version names the day its parameters were checked: not later than the site's review.
	if i := strings.Index(modules.All.Version(), "as of "); i < 0 || modules.All.Version()[i+6:i+16] > s.Config.Reviewed {
		t.Errorf("modules.All.Version() %q is not dated on or before the site's reviewed date %s", modules.All.Version(), s.Config.Reviewed)
	}
}

func TestSectorsMatchRuleCore(t *testing.T) {
	s := realContent(t)
	fields := []calculator.PriorityField{calculator.PriorityFourFoundations, calculator.PriorityMadeInChina2025, calculator.PriorityShanxiStrategic}
	if len(s.Data.Sectors) != len(fields) {
		t.Fatalf("%d sector groups in content, want %d (the rule core's priority fields)", len(s.Data.Sectors), len(fields))
	}
	for i, g := range s.Data.Sectors {
		if g.ID != string(fields[i]) {
			t.Errorf("sector group %d is %q in content/data/sectors.yaml, %q in the rule core", i+1, g.ID, fields[i])
		}
	}
	for _, g := range s.Data.Sectors {
		var ids []string
		for _, it := range g.Items {
			ids = append(ids, it.ID)
		}
		core := jsz202135.SectorIDs(calculator.PriorityField(g.ID))
		if strings.Join(ids, " ") != strings.Join(core, " ") {
			t.Errorf("sector group %s:\ncontent/data/sectors.yaml: %v\ncalculator/sectors.go:     %v", g.ID, ids, core)
		}
	}
}

package site

import (
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/calculator"
)

// The rule core reads no files, so it keeps its own copies of two things the content also
// states: the policy's dates and the sector lists of clause (5). These tests keep the copies
// equal, so that a page and the calculator can never disagree about them.

func realContent(t *testing.T) *content.Site {
	t.Helper()
	diags := &diag.List{}
	s := content.Load(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../..")), "content", diags)
	if err := diags.Err(); err != nil {
		t.Fatalf("content does not load:\n%v", err)
	}
	return s
}

func TestContentDatesMatchRuleCore(t *testing.T) {
	s := realContent(t)
	doc := s.Data.Document
	if doc.Printed != calculator.PolicyIssued {
		t.Errorf("content/data/document.yaml printed: %s, the rule core's PolicyIssued: %s", doc.Printed, calculator.PolicyIssued)
	}
	if y, _ := strconv.Atoi(doc.Printed[:4]); int64(y) != calculator.ParamHorizonFirst.Value {
		t.Errorf("the policy was issued in %d, but the rule core's first year is %d", y, calculator.ParamHorizonFirst.Value)
	}
	want := strconv.FormatInt(calculator.ParamHorizonLast.Value, 10) + "-12-31"
	if doc.HorizonEnd != want {
		t.Errorf("content/data/document.yaml horizonEnd: %s, the rule core's horizon ends with %d (want %s)", doc.HorizonEnd, calculator.ParamHorizonLast.Value, want)
	}
	if !content.IsDate(s.Config.Reviewed) {
		t.Errorf("content/site.yaml reviewed: %q is not a date", s.Config.Reviewed)
	}
	// The version names the day its parameters were checked: not later than the site's review.
	if i := strings.Index(calculator.Version, "as of "); i < 0 || calculator.Version[i+6:i+16] > s.Config.Reviewed {
		t.Errorf("calculator.Version %q is not dated on or before the site's reviewed date %s", calculator.Version, s.Config.Reviewed)
	}
}

func TestSectorsMatchRuleCore(t *testing.T) {
	s := realContent(t)
	if len(s.Data.Sectors) != len(content.SectorGroupIDs) {
		t.Fatalf("%d sector groups in content, want %d", len(s.Data.Sectors), len(content.SectorGroupIDs))
	}
	for _, g := range s.Data.Sectors {
		var ids []string
		for _, it := range g.Items {
			ids = append(ids, it.ID)
		}
		core := calculator.SectorIDs(calculator.PriorityField(g.ID))
		if strings.Join(ids, " ") != strings.Join(core, " ") {
			t.Errorf("sector group %s:\ncontent/data/sectors.yaml: %v\ncalculator/sectors.go:     %v", g.ID, ids, core)
		}
	}
}

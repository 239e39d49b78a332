package calculator_test

import (
	"path/filepath"
	"testing"

	"scaleup/calculator/modules"
	"scaleup/calculator/scenariotest"
)

// scenarioDir holds the scenario files; the schema is documented in README.md, and browser tests
// and the WebAssembly runner read the same files.
var scenarioDir = filepath.Join("testdata", "scenarios")

func scenarioFiles(t testing.TB) []string { return scenariotest.Files(t, scenarioDir) }

func loadScenario(t testing.TB, path string) scenariotest.Scenario { return scenariotest.Load(t, path) }

func TestScenarios(t *testing.T) { scenariotest.Run(t, modules.All, scenarioDir) }

// TestScenariosCoverEveryClause keeps the scenario set honest: every clause the
// calculator applies is checked by at least one scenario, and so is input validation. The
// province's points are written 省一 … 省四 (the site's summary numbers them), the local schemes
// 县区.
func TestScenariosCoverEveryClause(t *testing.T) {
	covered := map[string]bool{}
	for _, path := range scenarioFiles(t) {
		for _, c := range loadScenario(t, path).Clauses {
			covered[c] = true
		}
	}
	// The city's clauses, the points of the province's summary that pay or date money, the
	// local schemes, and the input's validation.
	for _, c := range []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
		"省一", "省二", "省三", "省四", "县区", "输入"} {
		if !covered[c] {
			t.Errorf("no scenario checks clause %s", c)
		}
	}
}

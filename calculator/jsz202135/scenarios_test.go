package jsz202135_test

import (
	"path/filepath"
	"testing"

	"scaleup/calculator/modules"
	"scaleup/calculator/scenariotest"
)

// TestScenarios runs every scenario file here too: they are this module's tests as much as the
// engine's (every scenario computes every layer), and a change to this package must meet them in
// its own tests.
func TestScenarios(t *testing.T) {
	scenariotest.Run(t, modules.All, filepath.Join("..", "testdata", "scenarios"))
}

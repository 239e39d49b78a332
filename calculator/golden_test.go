package calculator_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scaleup/calculator/modules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden pins the complete output (every explanation, in both languages)
// of a few scenarios, so a wording or ordering change shows up as a reviewed
// diff. Run `go test ./calculator -run TestGolden -update` after an intended change.
func TestGolden(t *testing.T) {
	for _, slug := range []string{"typical-enterprise", "every-condition-fails-pool", "exit-in-entry-year", "tax-missing-year-rolling", "invalid-enum",
		"exit-ends-all", "tax-netted-fixed", "hire-2040-any", "size-300-medium"} {
		t.Run(slug, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("testdata", "scenarios", "*-"+slug+".json"))
			if len(files) != 1 {
				t.Fatalf("scenario %s not found", slug)
			}
			s := loadScenario(t, files[0])
			input := []byte(s.Input)
			if s.InputText != nil {
				input = []byte(*s.InputText)
			}
			out, _ := modules.All.EstimateJSON(input)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, out, "", "  "); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", slug+".json")
			if *update {
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				got, wantLines := strings.Split(pretty.String(), "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(got) && i < len(wantLines); i++ {
					if got[i] != wantLines[i] {
						t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run with -update after an intended change)", path, i+1, got[i], wantLines[i])
					}
				}
				t.Fatalf("%s differs in length: %d lines, want %d", path, len(got), len(wantLines))
			}
		})
	}
}

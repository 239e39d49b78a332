package search

import (
	"bytes"
	"os"
	"sort"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestGoldenIndex builds a three-page site and compares every file with
// testdata/tiny_index.txtar, so a change of format shows up as a reviewable diff (and the
// file shows a newcomer what the index looks like). Rewrite it with -update.
func TestGoldenIndex(t *testing.T) {
	docs := []Doc{
		{Lang: "zh", URL: "/policy/08-social-insurance/", Title: "（八）实行社保补贴", Clause: "（八）",
			Body: "对依法参加社会保险的企业给予补贴。", Terms: []string{"社会保险"}},
		{Lang: "zh", URL: "/news/", Title: "动态", Headings: []string{"和服务机构对接"}, Body: "中心和服务机构举办对接会。"},
		{Lang: "en", URL: "/en/policy/09-financing/", Title: "(9) Financing", Clause: "(9)",
			Body: "The guarantee fee rate shall not exceed 1%."},
	}
	files, entry, err := Build(docs, [][]string{{"社保", "社会保险"}})
	if err != nil {
		t.Fatal(err)
	}
	ar := &txtar.Archive{Comment: []byte("Index of the three pages in golden_test.go. Entries: zh " + entry["zh"] + ", en " + entry["en"] + "\n")}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: append(files[name], '\n')})
	}
	got := txtar.Format(ar)
	const path = "testdata/tiny_index.txtar"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./build/search -update` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the index of the golden site changed: review `go test ./build/search -run Golden -update` and git diff %s", path)
	}
}

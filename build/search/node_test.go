package search

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle builds a TypeScript entry point with esbuild into dir and returns the output
// file. Same targets as the site's bundle (build/assets), so syntax they cannot take
// fails here too.
func bundle(t testing.TB, entry, dir string, platform api.Platform) string {
	t.Helper()
	out := filepath.Join(dir, "out.js")
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{entry},
		Bundle:      true,
		Outfile:     out,
		Write:       true,
		Platform:    platform,
		Target:      api.ES2017, // as build/assets: old in-app browsers on phones
		Engines: []api.Engine{
			{Name: api.EngineChrome, Version: "64"},
			{Name: api.EngineSafari, Version: "12"},
			{Name: api.EngineFirefox, Version: "67"},
		},
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LogLevel:          api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		loc := ""
		if m.Location != nil {
			loc = m.Location.File + ":" + strconv.Itoa(m.Location.Line) + ":" + strconv.Itoa(m.Location.Column) + ": "
		}
		t.Errorf("esbuild: %s%s", loc, m.Text)
	}
	if len(res.Errors) > 0 {
		t.FailNow()
	}
	return out
}

// nodeOrSkip returns the path of node, skipping the test when it is missing outside CI.
func nodeOrSkip(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node not found: CI needs node to check the TypeScript search against the Go one")
		}
		t.Skip("node not found: skipping the TypeScript tokenizer and ranking check (it fails when CI is set)")
	}
	return node
}

// TestTypeScript runs the TypeScript tokenizer on the shared vectors and the TypeScript
// query side on the fixture site and on the sites of the ranking cases (ranking_test.go), and
// compares its rankings and scores with the Go ones. The ranking cases' pages must also come in
// their wanted order, so that a weight changed in both languages at once fails here too.
func TestTypeScript(t *testing.T) {
	node := nodeOrSkip(t)
	dir := t.TempDir()
	script := bundle(t, "testdata/check.ts", dir, api.PlatformNode)

	// Each site is written into a folder of its own: the TypeScript side reaches it through
	// Entry, the Go side through files and entry.
	type query struct {
		Entry string `json:"entry"`
		Q     string `json:"q"`
		site  string
		files map[string][]byte
		entry string
		want  []string // every result in order; nil to compare with Go only
	}
	var queries []query
	writeSite := func(name string, files map[string][]byte) {
		for p, data := range files {
			p := filepath.Join(dir, "site", name, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	files, entry := buildFixture(t)
	writeSite("fixture", files)
	for _, lq := range []struct{ lang, q string }{
		{"zh", "社保补贴"}, {"zh", "担保费"}, {"zh", "和服"}, {"zh", "20万"}, {"zh", "211"}, {"zh", "补贴社保"}, {"zh", "个税"},
		{"zh", "社会保险补贴"}, {"zh", "税"}, {"zh", "服务"}, {"zh", "上规升级"}, {"zh", ""}, {"zh", "量子"},
		{"en", "guarantee fee"}, {"en", "GUARANTEED fees"}, {"en", "tax refund"}, {"en", "subsidies"},
		{"en", "social insurance subsidy"}, {"en", "xyzzy"},
	} {
		queries = append(queries, query{Entry: "/fixture" + entry[lq.lang], Q: lq.q, site: "fixture", files: files, entry: entry[lq.lang]})
	}
	for i, c := range rankingCases {
		files, entry, err := Build(c.docs, c.syn)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		name := "case" + strconv.Itoa(i)
		writeSite(name, files)
		queries = append(queries, query{Entry: "/" + name + entry[c.lang], Q: c.q, site: c.name, files: files, entry: entry[c.lang], want: c.want})
	}
	qdata, _ := json.Marshal(queries)
	qpath := filepath.Join(dir, "queries.json")
	if err := os.WriteFile(qpath, qdata, 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(node, script, vectorsPath, filepath.Join(dir, "site"), qpath).Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, out)
	}
	type hit struct {
		URL     string  `json:"url"`
		Score   float64 `json:"score"`
		Snippet string  `json:"snippet"`
	}
	var res struct {
		Failures []string `json:"failures"`
		Results  [][]hit  `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	for _, f := range res.Failures {
		t.Error("TypeScript: " + f)
	}
	if len(res.Results) != len(queries) {
		t.Fatalf("TypeScript answered %d queries, want %d", len(res.Results), len(queries))
	}
	for i, q := range queries {
		goHits := search(t, q.files, q.entry, q.Q)
		var tsHits []Hit
		for _, h := range res.Results[i] {
			tsHits = append(tsHits, Hit{URL: h.URL, Score: h.Score})
		}
		same := len(goHits) == len(tsHits)
		for j := 0; same && j < len(goHits); j++ {
			same = goHits[j].URL == tsHits[j].URL && math.Abs(goHits[j].Score-tsHits[j].Score) < 1e-9
		}
		if !same {
			t.Errorf("%s, %q: TypeScript ranks %s, Go %s", q.site, q.Q, scored(tsHits), scored(goHits))
		}
		if q.want != nil && !equalStrings(urls(tsHits), q.want) {
			t.Errorf("%s: %q: TypeScript ranks %s, want %q", q.site, q.Q, scored(tsHits), q.want)
		}
	}

	// Snippets of the first result: the matched words in <mark>, text escaped.
	snippets := map[string]string{
		"社保补贴":          "（八）实行<mark>社保补贴</mark>。对依法参加",
		"和服":            "包括日本<mark>和服</mark>与汉服",
		"20万":           "给予每户<mark>20万</mark>元的奖励",
		"guarantee fee": "and the <mark>guarantee fee</mark> rate must not exceed 1%.",
		"个税":            "<mark>个人所得税</mark>不属于",
	}
	// A snippet starts where the match's sentence starts when that is near, with no "…";
	// else where its clause starts, after "…". It used to start a fixed distance before the
	// match, mid-sentence ("…首次“小升规”的工业企业，给予每户20万").
	starts := map[string]string{
		"20万":           "市级财政对当年首次",
		"担保费":           "工业企业首次“小升规”三年内",
		"guarantee fee": "…and the ",
	}
	for i, q := range queries {
		if q.site != "fixture" {
			continue
		}
		if len(res.Results[i]) == 0 {
			if _, ok := snippets[q.Q]; ok {
				t.Errorf("%q: no result, want a first snippet", q.Q)
			}
			continue
		}
		got := res.Results[i][0].Snippet
		if want, ok := snippets[q.Q]; ok && !strings.Contains(got, want) {
			t.Errorf("%q: first snippet %v, want it to contain %q", q.Q, res.Results[i], want)
		}
		if want, ok := starts[q.Q]; ok && !strings.HasPrefix(got, want) {
			t.Errorf("%q: first snippet %q, want it to start %q", q.Q, got, want)
		}
	}
}

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
// query side on the fixture site, and compares its rankings with the Go ones.
func TestTypeScript(t *testing.T) {
	node := nodeOrSkip(t)
	dir := t.TempDir()
	script := bundle(t, "testdata/check.ts", dir, api.PlatformNode)

	files, entry := buildFixture(t)
	site := filepath.Join(dir, "site")
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	type query struct {
		Entry string `json:"entry"`
		Q     string `json:"q"`
	}
	var queries []query
	for _, q := range []string{"社保补贴", "担保费", "和服", "20万", "211", "补贴社保", "个税", "社会保险补贴", "税", "服务", "上规升级", "", "量子"} {
		queries = append(queries, query{entry["zh"], q})
	}
	for _, q := range []string{"guarantee fee", "GUARANTEED fees", "tax refund", "subsidies", "social insurance subsidy", "xyzzy"} {
		queries = append(queries, query{entry["en"], q})
	}
	qdata, _ := json.Marshal(queries)
	qpath := filepath.Join(dir, "queries.json")
	if err := os.WriteFile(qpath, qdata, 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(node, script, vectorsPath, site, qpath).Output()
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
		goHits := search(t, files, q.Entry, q.Q)
		tsHits := res.Results[i]
		same := len(goHits) == len(tsHits)
		for j := 0; same && j < len(goHits); j++ {
			same = goHits[j].URL == tsHits[j].URL && math.Abs(goHits[j].Score-tsHits[j].Score) < 1e-9
		}
		if !same {
			t.Errorf("%q: TypeScript ranks %v, Go %v", q.Q, tsHits, goHits)
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
		if len(res.Results[i]) == 0 {
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

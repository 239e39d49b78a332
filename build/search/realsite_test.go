package search_test

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"

	"scaleup/build/output"
	"scaleup/build/pipeline"
	"scaleup/build/search"
)

// This file measures search on the real site: content/ loaded by the pipeline with only the
// search stage plugged in. It lives in package search_test to use the pipeline as the
// generator does.

// realSite loads the real site once per test binary, runs the search stage on it in memory and
// returns its files and the context the stage ran in.
var realSite = sync.OnceValues(func() (*realBuild, error) {
	var captured *pipeline.Context
	root, err := filepath.Abs("../..")
	if err != nil {
		return nil, err
	}
	res, err := pipeline.Run(pipeline.Options{
		Fs:      afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), root)),
		Strict:  true,
		NoWrite: true,
		// No .br/.gz siblings: these tests compress what they measure themselves.
		Compression: output.Compression{Skip: true},
		Stages: []pipeline.Stage{pipeline.Func{In: pipeline.Index, Do: func(ctx *pipeline.Context) error {
			captured = ctx
			return search.Stage.Run(ctx)
		}}},
	})
	if err != nil {
		return nil, err
	}
	return &realBuild{res.Files, captured}, nil
})

type realBuild struct {
	files map[string][]byte
	ctx   *pipeline.Context
}

// openReal returns the real site's files and build context, and fails the test when the site
// does not load or index: search cannot be measured on a site that is not there.
func openReal(t testing.TB) (map[string][]byte, *pipeline.Context) {
	t.Helper()
	b, err := realSite()
	if err != nil {
		t.Fatalf("the real site does not build (go run ./build -strict says more):\n%v", err)
	}
	for _, lang := range []string{"zh", "en"} {
		if b.ctx.Values[lang]["searchEntry"] == "" {
			t.Fatalf("the search stage gave the real site no %s index", lang)
		}
	}
	return b.files, b.ctx
}

func get(files map[string][]byte) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		data, ok := files[strings.TrimPrefix(p, "/")]
		if !ok {
			return nil, &missing{p}
		}
		return data, nil
	}
}

type missing struct{ path string }

func (m *missing) Error() string { return m.path + ": not found" }

func brotliSize(data []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// realQueries are things enterprises type, with the page that should come first.
var realQueries = []struct{ lang, q, want string }{
	{"zh", "社保补贴", "/policy/08-social-insurance/"},
	{"zh", "担保费", "/policy/09-financing/"},
	{"zh", "用地", "/policy/12-land/"},
	{"zh", "税收奖补", "/policy/10-tax-reward/"},
	{"zh", "211", "/policy/04-reward-211/"},
	{"zh", "20万", "/policy/04-reward-211/"},
	{"zh", "就业困难人员", "/policy/08-social-insurance/"},
	{"zh", "科技型中小企业", "/policy/05-innovation-bonus/"},
	{"zh", "错峰生产", "/policy/07-production-time/"},
	{"zh", "人才", "/policy/13-talent/"},
	{"zh", "厂房租金", "/policy/12-land/"},
	{"zh", "统计报表", "/policy/14-statistics-subsidy/"},
	{"zh", "四基", "/policy/05-innovation-bonus/"},
	{"zh", "30万", "/province/01-first-upgrade/"}, // the provincial reward is 300,000 too, and comes first
	{"zh", "股份制改造", "/province/03-joint-stock-reform/"},
	{"zh", "战略性新兴产业", "/province/01-first-upgrade/"},
	{"zh", "清欠", "/policy/11-reduce-burden/"},
	{"zh", "退税", "/policy/10-tax-reward/"},
	{"zh", "融资担保", "/policy/09-financing/"},
	{"zh", "业务培训", "/policy/16-guidance/"},
	{"zh", "运行监测", "/policy/17-monitoring/"},
	{"zh", "组织领导", "/policy/15-leadership/"},
	{"en", "guarantee fee", "/en/policy/09-financing/"},
	{"en", "social insurance", "/en/policy/08-social-insurance/"},
	{"en", "joint-stock reform", "/en/province/03-joint-stock-reform/"},
}

// TestRealSite checks the acceptance queries on the real content: each has its expected first
// result, and a cold query, scripts included, stays within 40 KB as served. With -v it logs the
// top result and the index bytes of each.
func TestRealSite(t *testing.T) {
	files, ctx := openReal(t)
	script := search.ScriptSize(t)
	wrong := 0
	for _, c := range realQueries {
		ix, err := search.Open(get(files), ctx.Values[c.lang]["searchEntry"])
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(c.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		bytes := 0
		for _, p := range ix.Fetched {
			p = strings.TrimPrefix(p, "/")
			bytes += output.ServedSize(p, files[p], brotliSize)
		}
		top := "(none)"
		if len(hits) > 0 {
			top = hits[0].URL
		}
		mark := "ok"
		if top != c.want {
			mark = "WRONG, want " + c.want
			wrong++
		}
		t.Logf("%-4s %-14q %5d B  %d results  top %s  %s", c.lang, c.q, bytes, len(hits), top, mark)
		if total := bytes + script; total > 40*1024 {
			t.Errorf("%q: a cold query fetches %d bytes (index %d + scripts %d), budget 40 KB", c.q, total, bytes, script)
		}
		// Every one of them must be right: a change that breaks one is a regression.
		if top != c.want {
			t.Errorf("%q: first result %s, want %s", c.q, top, c.want)
		}
	}
	t.Logf("%d of %d queries have the expected first result; the scripts are %d B", len(realQueries)-wrong, len(realQueries), script)
}

// BenchmarkRealSite times the search stage on the real site and reports the brotli size
// of the whole index and the mean and largest cold query (index files plus script).
func BenchmarkRealSite(b *testing.B) {
	files, ctx := openReal(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := search.Stage.Run(ctx); err != nil {
			b.Fatal(err)
		}
		ctx.Wait() // the index is built in the background: time it whole

	}
	b.StopTimer()

	total, count := 0, 0
	for name, data := range files {
		if strings.HasPrefix(name, "_search/") {
			total += output.ServedSize(name, data, brotliSize)
			count++
		}
	}
	// The site's bundle when the generator built one, else ours with the same settings.
	script := search.ScriptSize(b)
	if js, ok := files[strings.TrimPrefix(ctx.Assets["search.js"], "/")]; ok {
		script = brotliSize(js)
	}
	var colds []int
	for _, c := range realQueries {
		ix, err := search.Open(get(files), ctx.Values[c.lang]["searchEntry"])
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Search(c.q, 10); err != nil {
			b.Fatal(err)
		}
		n := script
		for _, p := range ix.Fetched {
			p = strings.TrimPrefix(p, "/")
			n += output.ServedSize(p, files[p], brotliSize)
		}
		colds = append(colds, n)
	}
	sort.Ints(colds)
	sum := 0
	for _, n := range colds {
		sum += n
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "build-ms")
	b.ReportMetric(float64(total), "index-br-bytes")
	b.ReportMetric(float64(count), "files")
	b.ReportMetric(float64(sum/len(colds)), "cold-query-br-bytes")
	b.ReportMetric(float64(colds[len(colds)-1]), "max-cold-query-br-bytes")
	b.ReportMetric(float64(script), "script-br-bytes")
}

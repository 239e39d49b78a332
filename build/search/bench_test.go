package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/evanw/esbuild/pkg/api"

	"scaleup/build/output"
)

// brotliSize is the size of data compressed as the site serves its immutable files
// (quality 11, build/output).
func brotliSize(data []byte) int { return brotliSizeLevel(data, brotli.BestCompression) }

func brotliSizeLevel(data []byte, level int) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, level)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// scriptSize bundles the search page's scripts (templates/assets/js/search.ts and the worker
// it starts) for the browser as the site does and returns their brotli size.
func scriptSize(t testing.TB) int {
	t.Helper()
	n := 0
	// The search page's script and the worker it starts: a cold query fetches both.
	for _, entry := range []string{"search.ts", "search-worker.ts"} {
		out := bundle(t, "../../templates/assets/js/"+entry, t.TempDir(), api.PlatformBrowser)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		n += brotliSize(data)
	}
	return n
}

// coldQuery returns the bytes a first query fetches as served (brotli, or the file itself where
// it has no .br sibling): the root, the shards of its terms and the page files of the first 10
// results.
func coldQuery(t testing.TB, files map[string][]byte, entry, q string) (int, []Hit) {
	t.Helper()
	ix, err := Open(getter(files), entry)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(q, 10)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ix.Fetched {
		p = strings.TrimPrefix(p, "/")
		n += output.ServedSize(p, files[p], brotliSize)
	}
	return n, hits
}

// TestColdQueryBudget keeps a cold query on the fixture site, script included, under the
// 40 KB the real site must meet.
func TestColdQueryBudget(t *testing.T) {
	files, entry := buildFixture(t)
	script := scriptSize(t)
	for _, c := range []struct{ lang, q string }{{"zh", "社保补贴"}, {"zh", "企业"}, {"en", "guarantee fee"}} {
		n, _ := coldQuery(t, files, entry[c.lang], c.q)
		if total := n + script; total > 40*1024 {
			t.Errorf("%q: a cold query fetches %d bytes (index %d + script %d), budget 40 KB", c.q, total, n, script)
		}
	}
}

// synthetic returns a bilingual corpus of n pages (n/2 per language). Chinese text is
// made of runs copied from the policy text (the copy committed for build/site's tests), so
// its characters and bigrams are real; English text draws from a fixed vocabulary.
func synthetic(tb testing.TB, n int) []Doc {
	tb.Helper()
	policy, err := os.ReadFile(filepath.FromSlash("../site/testdata/jsz-2021-35.zh.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var han []rune
	for _, r := range string(policy) {
		if isHan(r) {
			han = append(han, r)
		}
	}
	words := strings.Fields(`enterprise enterprises industrial scale above below designated size reward rewards
		subsidy subsidies social insurance guarantee fee rate loan land tax refund rebate city county
		government finance bureau department support priority first year years three within training
		statistics report reports employment difficulty contract contracts labour pay paid paying
		innovation technology small medium micro sector sectors strategic emerging manufacturing
		the of and to in for a on by with is are be shall may must not each per yuan million`)
	rng := rand.New(rand.NewSource(2026))
	zhText := func(chars int) string {
		var b strings.Builder
		for b.Len() < chars*3 {
			start := rng.Intn(len(han) - 10)
			b.WriteString(string(han[start : start+2+rng.Intn(8)]))
			b.WriteString([]string{"，", "。", "、", ""}[rng.Intn(4)])
			if rng.Intn(20) == 0 {
				b.WriteString("\n")
			}
		}
		return b.String()
	}
	enText := func(count int) string {
		var b strings.Builder
		for i := 0; i < count; i++ {
			if i > 0 {
				b.WriteString([]string{" ", " ", " ", ", ", ". "}[rng.Intn(5)])
			}
			b.WriteString(words[rng.Intn(len(words))])
		}
		return b.String()
	}
	var docs []Doc
	for i := 0; i < n/2; i++ {
		docs = append(docs,
			Doc{Lang: "zh", URL: fmt.Sprintf("/p/%04d/", i), Title: zhText(8), Headings: []string{zhText(6), zhText(6)}, Body: zhText(600), Terms: []string{zhText(3)}},
			Doc{Lang: "en", URL: fmt.Sprintf("/en/p/%04d/", i), Title: enText(6), Headings: []string{enText(4), enText(4)}, Body: enText(300), Terms: []string{enText(2)}})
	}
	return docs
}

// BenchmarkBuild indexes a synthetic 2,000-page bilingual site. Besides the build time it
// reports the brotli size of the whole index, its file count, and the brotli bytes of a
// cold query (root, shards, the first 10 page files, and the search script).
func BenchmarkBuild(b *testing.B) {
	docs := synthetic(b, 2000)
	var files map[string][]byte
	var entry map[string]string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		files, entry, err = Build(docs, loadFixture(b).Synonyms)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()

	// Quality 9 for the total: quality 11 is a few per cent smaller and takes a minute here.
	total := 0
	for _, data := range files {
		total += brotliSizeLevel(data, 9)
	}
	script := scriptSize(b)
	cold := 0
	queries := []struct{ lang, q string }{{"zh", "社保补贴"}, {"zh", "企业"}, {"zh", "担保费率"}, {"en", "guarantee fee"}, {"en", "social insurance subsidy"}}
	for _, q := range queries {
		n, _ := coldQuery(b, files, entry[q.lang], q.q)
		cold += n
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "build-ms")
	b.ReportMetric(float64(total), "index-br9-bytes")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(cold/len(queries)+script), "cold-query-br-bytes")
	b.ReportMetric(float64(script), "script-br-bytes")
}

// TestSyntheticSizes logs, with -v, the sizes behind BenchmarkBuild's metrics per kind of
// file, and checks that shards stay near their target size.
func TestSyntheticSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-page index")
	}
	files, _, err := Build(synthetic(t, 2000), nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]int{}
	for name, data := range files {
		kind := filepath.Base(name)[:1]
		kinds[kind] = append(kinds[kind], len(data))
	}
	for _, k := range []string{"m", "p", "d"} {
		sizes := kinds[k]
		sort.Ints(sizes)
		sum := 0
		for _, s := range sizes {
			sum += s
		}
		t.Logf("%s: %d files, %d bytes raw, median %d, max %d", k, len(sizes), sum, sizes[len(sizes)/2], sizes[len(sizes)-1])
	}
	if med := kinds["p"][len(kinds["p"])/2]; med > 3*shardTarget {
		t.Errorf("median shard %d bytes, target %d", med, shardTarget)
	}
	// The number of shards comes from a count of their bytes, exact but for the braces, so their
	// mean size is the target: more shards would lengthen the root, fewer make every query fetch
	// more.
	sum := 0
	for _, s := range kinds["p"] {
		sum += s
	}
	if mean := float64(sum) / float64(len(kinds["p"])); mean < 0.99*shardTarget || mean > 1.01*shardTarget {
		t.Errorf("mean shard %.0f bytes, want the target %d", mean, shardTarget)
	}
}

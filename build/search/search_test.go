package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
)

// fixture is testdata/fixture.json: a small bilingual site with clauses (四) (八) (九)
// (十) (十二) (十六), a FAQ, a glossary and two pages where 和服 occurs once for real and
// once inside 和服务.
type fixture struct {
	Synonyms [][]string `json:"synonyms"`
	Docs     []Doc      `json:"docs"`
}

func loadFixture(t testing.TB) fixture {
	t.Helper()
	data, err := os.ReadFile("testdata/fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("testdata/fixture.json: %v", err)
	}
	return f
}

// getter serves built files the way the site does: paths with a leading "/".
func getter(files map[string][]byte) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		data, ok := files[strings.TrimPrefix(p, "/")]
		if !ok {
			return nil, fmt.Errorf("%s: not found", p)
		}
		return data, nil
	}
}

func buildFixture(t testing.TB) (map[string][]byte, map[string]string) {
	t.Helper()
	f := loadFixture(t)
	files, entry, err := Build(f.Docs, f.Synonyms)
	if err != nil {
		t.Fatal(err)
	}
	return files, entry
}

func search(t testing.TB, files map[string][]byte, entry, q string) []Hit {
	t.Helper()
	ix, err := Open(getter(files), entry)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(q, 10)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func urls(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

// TestRanking checks the first results of queries on the fixture site. want lists the
// expected top URLs in order (a prefix of the results).
func TestRanking(t *testing.T) {
	files, entry := buildFixture(t)
	tests := []struct {
		lang, q string
		want    []string
		why     string
	}{
		{"zh", "社保补贴", []string{"/policy/08-social-insurance/"}, "phrase in the title"},
		{"zh", "担保费", []string{"/policy/09-financing/"}, "phrase in body and glossary term"},
		{"zh", "用地", []string{"/policy/12-land/"}, "title match beats nothing else"},
		{"zh", "20万", []string{"/policy/04-reward-211/"}, "number followed by a Han character"},
		{"zh", "211", []string{"/policy/04-reward-211/"}, "number alone"},
		{"zh", "补贴社保", []string{"/glossary/", "/policy/08-social-insurance/"}, "phrase in the body beats the title's scattered bigrams"},
		{"zh", "和服", []string{"/training/", "/news/"}, "a real 和服 beats one inside 和服务"},
		{"zh", "服务", []string{"/services/", "/policy/16-guidance/"}, "title, then heading and body"},
		{"zh", "税", []string{"/policy/10-tax-reward/"}, "one character: unigrams"},
		{"en", "guarantee fee", []string{"/en/policy/09-financing/"}, "phrase and glossary term beat scattered words"},
		{"en", "GUARANTEED fees", []string{"/en/policy/09-financing/"}, "stemming and case folding"},
		{"en", "social insurance subsidy", []string{"/en/policy/08-social-insurance/"}, "title phrase"},
		{"en", "subsidies", []string{"/en/policy/08-social-insurance/", "/en/training/"}, "title beats body"},
	}
	for _, tt := range tests {
		got := urls(search(t, files, entry[tt.lang], tt.q))
		if len(got) < len(tt.want) || !equalStrings(got[:len(tt.want)], tt.want) {
			t.Errorf("%s %q (%s): got %q, want first %q", tt.lang, tt.q, tt.why, got, tt.want)
		}
	}
}

// TestPhrase checks how phrase, crossing and scattered matches compare on one tiny site.
func TestPhrase(t *testing.T) {
	docs := []Doc{
		{Lang: "zh", URL: "/a/", Title: "甲", Body: "企业社保补贴的申请。"},      // phrase
		{Lang: "zh", URL: "/b/", Title: "乙", Body: "补贴和社保分开办理，保补不同。"}, // all bigrams, scattered
		{Lang: "zh", URL: "/c/", Title: "丙", Body: "社保政策。"},           // some bigrams
		{Lang: "zh", URL: "/d/", Title: "丁", Body: "没有相关内容。"},         // none
	}
	files, entry, err := Build(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := urls(search(t, files, entry["zh"], "社保补贴"))
	want := []string{"/a/", "/b/", "/c/"}
	if !equalStrings(got, want) {
		t.Errorf("社保补贴: got %q, want %q", got, want)
	}
}

// TestCrossing checks the boundary flags themselves: 和服 inside 和服务 is flagged on
// its right, a real 和服 is not.
func TestCrossing(t *testing.T) {
	files, entry := buildFixture(t)
	ix, err := Open(getter(files), entry["zh"])
	if err != nil {
		t.Fatal(err)
	}
	flat, err := ix.postings("和服")
	if err != nil {
		t.Fatal(err)
	}
	var zh []string // page URLs in page order, which is URL order
	for _, d := range loadFixture(t).Docs {
		if d.Lang == "zh" {
			zh = append(zh, d.URL)
		}
	}
	sort.Strings(zh)
	tp := decode(flat)
	var flags []string
	for _, k := range tp.keys {
		for _, v := range tp.pos[k] {
			flags = append(flags, fmt.Sprintf("%s:%d", zh[k/numFields], v&(flagLeft|flagRight)))
		}
	}
	want := []string{"/news/:2", "/news/:2", "/policy/16-guidance/:2", "/training/:0"}
	if !equalStrings(flags, want) {
		t.Errorf("flags of 和服 = %q, want %q", flags, want)
	}
}

func TestSynonyms(t *testing.T) {
	files, entry := buildFixture(t)
	tests := []struct {
		lang, q string
		want    string // must be among the results
		first   string // must be first ("" to skip)
	}{
		{"zh", "个税", "/faq/", "/faq/"}, // only 个人所得税 is in the text
		{"zh", "社会保险补贴", "/policy/08-social-insurance/", "/policy/08-social-insurance/"}, // via 社保补贴 in the title
		{"zh", "上规升级", "/glossary/", ""},                                                 // via 小升规
		{"en", "tax refund", "/en/policy/10-tax-reward/", "/en/policy/10-tax-reward/"},   // only "tax rebate" is in the text
	}
	for _, tt := range tests {
		got := urls(search(t, files, entry[tt.lang], tt.q))
		found := false
		for _, u := range got {
			found = found || u == tt.want
		}
		if !found {
			t.Errorf("%s %q: %s not found in %q", tt.lang, tt.q, tt.want, got)
		}
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("%s %q: got %q, want %s first", tt.lang, tt.q, got, tt.first)
		}
	}

	// A synonym match counts less than the words as typed.
	docs := []Doc{
		{Lang: "zh", URL: "/a/", Title: "甲", Body: "参加社会保险。"},
		{Lang: "zh", URL: "/b/", Title: "乙", Body: "参加社保。"},
	}
	files, entry, err := Build(docs, [][]string{{"社保", "社会保险"}})
	if err != nil {
		t.Fatal(err)
	}
	hits := search(t, files, entry["zh"], "社保")
	if len(hits) != 2 || hits[0].URL != "/b/" || !(hits[0].Score > hits[1].Score) {
		t.Errorf("社保: got %+v, want /b/ (as typed) above /a/ (synonym)", hits)
	}
}

// TestEmptyLanguage builds an index with Chinese pages only: the English index exists
// and answers nothing.
func TestEmptyLanguage(t *testing.T) {
	files, entry, err := Build([]Doc{{Lang: "zh", URL: "/a/", Title: "甲", Body: "社保补贴"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := search(t, files, entry["en"], "subsidy"); len(got) != 0 {
		t.Errorf("en: got %q, want no results", urls(got))
	}
	if got := urls(search(t, files, entry["zh"], "补贴")); !equalStrings(got, []string{"/a/"}) {
		t.Errorf("zh 补贴: got %q, want [/a/]", got)
	}
	if root := string(files[strings.TrimPrefix(entry["en"], "/")]); !strings.Contains(root, `"l":[]`) || !strings.Contains(root, `"syn":[]`) {
		t.Errorf("empty root %s: want empty lists, not null", root)
	}
}

func TestNoResults(t *testing.T) {
	files, entry := buildFixture(t)
	for _, q := range []string{"", "。。", "量子计算机", "xyzzy"} {
		if got := search(t, files, entry["zh"], q); len(got) != 0 {
			t.Errorf("%q: got %q, want no results", q, urls(got))
		}
	}
}

// TestDeterministic builds the fixture twice, the second time with the pages shuffled,
// and compares every byte.
func TestDeterministic(t *testing.T) {
	f := loadFixture(t)
	files1, entry1, err := Build(f.Docs, f.Synonyms)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]Doc{}, f.Docs...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	files2, entry2, err := Build(shuffled, f.Synonyms)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(entry1) != fmt.Sprint(entry2) {
		t.Errorf("entries differ: %v vs %v", entry1, entry2)
	}
	if len(files1) != len(files2) {
		t.Fatalf("%d files vs %d", len(files1), len(files2))
	}
	for name, data := range files1 {
		if !bytes.Equal(data, files2[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

// TestFileNames checks the names of every file of a small index, written out: NAME{i}.HASH.json
// where HASH is the first 8 hex digits of the SHA-256 of the file's bytes, page files numbered
// in URL order, and the roots are the entries.
func TestFileNames(t *testing.T) {
	files, entry, err := Build([]Doc{
		{Lang: "zh", URL: "/b/", Title: "用地", Body: "优先保障用地。"},
		{Lang: "zh", URL: "/a/", Title: "社保补贴", Body: "对参加社会保险的企业给予补贴。"},
		{Lang: "en", URL: "/en/a/", Title: "Social insurance", Body: "A subsidy for social insurance."},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"_search/en/d0.9eac6a14.json",
		"_search/en/meta.7461d3ad.json",
		"_search/en/p0.361be99b.json",
		"_search/zh/d0.7a6168dc.json",
		"_search/zh/d1.604a7a84.json",
		"_search/zh/meta.e7098ecb.json",
		"_search/zh/p0.64d7a977.json",
	}
	var got []string
	for name, data := range files {
		got = append(got, name)
		sum := sha256.Sum256(data)
		if hash := hex.EncodeToString(sum[:4]); !strings.HasSuffix(name, "."+hash+".json") {
			t.Errorf("%s: the SHA-256 of its bytes starts with %s", name, hash)
		}
	}
	sort.Strings(got)
	if !equalStrings(got, want) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if entry["zh"] != "/_search/zh/meta.e7098ecb.json" || entry["en"] != "/_search/en/meta.7461d3ad.json" {
		t.Errorf("entries %v, want the meta files", entry)
	}
	if d := string(files["_search/zh/d1.604a7a84.json"]); !strings.Contains(d, `"u":"/b/"`) {
		t.Errorf("zh page file 1 is %s, want the page of /b/ (second in URL order)", d)
	}
}

func TestBuildErrors(t *testing.T) {
	ok := Doc{Lang: "zh", URL: "/a/", Title: "甲"}
	tests := []struct {
		docs []Doc
		syn  [][]string
		want string
	}{
		{[]Doc{{Lang: "fr", URL: "/a/"}}, nil, `language "fr" is not zh or en`},
		{[]Doc{{Lang: "zh", Title: "甲"}}, nil, "empty URL"},
		{[]Doc{ok, ok}, nil, `URL "/a/" (zh) given twice`},
		{[]Doc{ok}, [][]string{{"社保"}}, "synonyms group 1 [\"社保\"]: needs at least two terms"},
		{[]Doc{ok}, [][]string{{"社保", "社会保险"}, {"个税", " 、 "}}, `synonyms group 2 term 2 (" 、 "): no letters`},
	}
	for _, tt := range tests {
		_, _, err := Build(tt.docs, tt.syn)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build: error %v, want one containing %q", err, tt.want)
		}
	}
}

// TestOpenDamaged checks that a damaged root gives an error naming the file, not a panic.
func TestOpenDamaged(t *testing.T) {
	tests := []struct{ root, want string }{
		{`{"v":9}`, "format version 9"},
		{`{"v":1,"n":0,"s":"","d":"","l":[]}`, "format version 1, want 2"},
		{`{"v":2,"n":0,"s":"","d":"","l":[]}`, "shard list of 0 characters"},
		{`{"v":2,"n":2,"s":"0123abcd","d":"0123abcd","l":[]}`, "2 pages but 1 page hashes"},
		{`{"v":2,`, "unexpected end of JSON"},
	}
	for _, tt := range tests {
		files := map[string][]byte{"_search/zh/meta.x.json": []byte(tt.root)}
		_, err := Open(getter(files), "/_search/zh/meta.x.json")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "meta.x.json") {
			t.Errorf("Open(%s): error %v, want one naming the file and containing %q", tt.root, err, tt.want)
		}
	}
}

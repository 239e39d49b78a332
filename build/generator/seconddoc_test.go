package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"

	"scaleup/build/pipeline"
	"scaleup/build/search"
)

// TestSecondDocument builds the real site with a made-up second document laid over it
// (testdata/second-document.txtar: 23 articles numbered 第一条…第二十三条, three departments of its
// own, no rule module). Nothing in build/ knows the document: its pages, labels, department pages,
// search entries and sitemap lines all come from its content folder.
func TestSecondDocument(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/second-document.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	fsys := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), root)), afero.NewMemMapFs())
	for _, f := range ar.Files {
		if err := fsys.MkdirAll(filepath.Dir(f.Name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fsys, f.Name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(pipeline.Options{Fs: fsys, Strict: true, NoWrite: true, Stages: stagesWithoutWasm()})
	if err != nil {
		t.Fatalf("the site with a second document does not build with -strict (every link and anchor is checked):\n%v", err)
	}
	page := func(p string) string {
		t.Helper()
		data, ok := res.Files[p]
		if !ok {
			t.Fatalf("no %s in the built site", p)
		}
		return string(data)
	}

	// Its index lists all 23 articles in its own numbering, in both languages.
	for _, c := range []struct{ file, first, last string }{
		{"demo-rules/index.html", "第一条 总则", "第二十三条 施行"},
		{"en/demo-rules/index.html", "Article 1 General provisions", "Article 23 Entry into force"},
	} {
		index := page(c.file)
		for _, want := range []string{c.first, c.last} {
			if !strings.Contains(index, want) {
				t.Errorf("%s does not list %q", c.file, want)
			}
		}
		if n := strings.Count(index, `href="/`+strings.TrimSuffix(c.file, "index.html")); n < 23 {
			t.Errorf("%s links its own pages %d times, want at least 23", c.file, n)
		}
	}
	// Every article has its page, says it is a summary, and is marked in its own language.
	for n := 1; n <= 23; n++ {
		zh := page("demo-rules/" + strconv.Itoa(n) + "/index.html")
		en := page("en/demo-rules/" + strconv.Itoa(n) + "/index.html")
		if !strings.Contains(zh, "本页为本站对该文件相关条款的概述") || !strings.Contains(en, "This page is our summary") {
			t.Errorf("article %d does not say it is our summary", n)
		}
		if !strings.Contains(en, `hreflang="zh-Hans" href="https://`) {
			t.Errorf("article %d: no hreflang link to its Chinese page", n)
		}
	}
	if !strings.Contains(page("demo-rules/17/index.html"), "第十七条 蓝鲸补助") {
		t.Errorf("article 17's page does not carry its title")
	}

	// Its departments have pages that list its articles; the city's departments are untouched.
	dept := page("departments/demo-finance/index.html")
	for _, want := range []string{"示例市财政局", `href="/demo-rules/2/"`, `href="/demo-rules/23/"`, "示政规〔2027〕1号"} {
		if !strings.Contains(dept, want) {
			t.Errorf("the department page of demo-finance lacks %q", want)
		}
	}
	if strings.Contains(page("departments/finance/index.html"), "/demo-rules/") {
		t.Errorf("the city's finance bureau lists articles of the made-up document")
	}

	// The sitemap lists its pages in both languages.
	sitemap := page("sitemap.xml")
	for _, want := range []string{"/demo-rules/</loc>", "/demo-rules/23/</loc>", "/en/demo-rules/1/</loc>", "/departments/demo-office/</loc>"} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}

	// Search finds it: a query for a word only it uses leads to its article, in its own label.
	get := func(p string) ([]byte, error) {
		if data, ok := res.Files[strings.TrimPrefix(p, "/")]; ok {
			return data, nil
		}
		return nil, os.ErrNotExist
	}
	entry := regexp.MustCompile(`data-index="([^"]+)"`).FindStringSubmatch(page("search/index.html"))
	if entry == nil {
		t.Fatal("the search page names no index")
	}
	ix, err := search.Open(get, entry[1])
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search("蓝鲸补助", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].URL != "/demo-rules/17/" {
		t.Errorf("search for 蓝鲸补助: %+v, want /demo-rules/17/ first", hits)
	} else if hits[0].Clause != "第十七条" {
		t.Errorf("search shows the article as %q, want its own label 第十七条", hits[0].Clause)
	}

	// The real document is there as before.
	if !strings.Contains(page("policy/08-social-insurance/index.html"), "（八）实行社保补贴") {
		t.Errorf("the city's clause (八) page changed")
	}
}

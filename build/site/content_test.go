package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/net/html"

	"scaleup/build/assets"
	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/build/pipeline"
	"scaleup/build/search"
	"scaleup/build/wasm"
	"scaleup/calculator/modules"
)

// These tests build the real content/ in memory (strictly: a missing translation fails) and check
// it against the authoritative text of 晋市政办〔2021〕35号.

var (
	realOnce  sync.Once
	realFiles map[string][]byte
	realSite  *content.Site
	realErr   error
)

func realBuild(t *testing.T) map[string][]byte {
	t.Helper()
	realOnce.Do(func() {
		fsys := afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../.."))
		var res *pipeline.Result
		res, realErr = pipeline.Run(pipeline.Options{Rules: modules.All, Fs: fsys, Strict: true, NoWrite: true, Stages: realStages()})
		if res != nil {
			realFiles = res.Files
		}
		realSite = content.Load(fsys, "content", content.Options{}, &diag.List{})
	})
	if realErr != nil {
		t.Fatalf("the real site does not build with -strict:\n%v", realErr)
	}
	return realFiles
}

// realStages are the stages of the real site, with wasm.Stub for the WebAssembly module.
func realStages() []pipeline.Stage {
	return append([]pipeline.Stage{assets.Stage, search.Stage, wasm.Stub}, Stages()...)
}

// policySource returns the authoritative text: the copy committed under testdata/ (`make
// check-shared` compares it with the policy team's copy in ../shared).
func policySource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "jsz-2021-35.zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// policyText returns the text of the element carrying data-policy-text, paragraph by paragraph.
func policyText(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	var find func(n *html.Node, inside bool)
	find = func(n *html.Node, inside bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "data-policy-text" {
					inside = true
				}
			}
			if inside && n.Data == "p" {
				paras = append(paras, textOf(n))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, inside)
		}
	}
	find(doc, false)
	return paras
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestPolicyTextVerbatim: every paragraph of every Chinese policy page equals a paragraph of the
// authoritative text, and every paragraph of the text is on the site: on a policy page, or (the
// header, number, title, part headings and closing lines) on the document page.
func TestPolicyTextVerbatim(t *testing.T) {
	files := realBuild(t)
	src := policySource(t)
	sourceParas := map[string]bool{}
	var order []string
	for _, line := range strings.Split(src, "\n") {
		if n := Normalize(line); n != "" {
			sourceParas[n] = true
			order = append(order, n)
		}
	}
	onSite := map[string]string{}
	clauses := 0
	for path, data := range files {
		if strings.HasPrefix(path, "en/") || !strings.HasPrefix(path, "policy/") || !strings.HasSuffix(path, "index.html") {
			continue
		}
		for _, p := range policyText(t, data) {
			n := Normalize(p)
			if !sourceParas[n] {
				t.Errorf("%s: paragraph differs from the policy text:\n%s", path, p)
				continue
			}
			onSite[n] = path
		}
		if path != "policy/index.html" {
			clauses++
		}
	}
	if clauses != 19 {
		t.Errorf("found %d Chinese policy pages, want 19 (preamble, part 一, 17 clauses)", clauses)
	}
	docPage := Normalize(textOf(mustParse(t, files["policy/index.html"])))
	for _, n := range order {
		if onSite[n] == "" && !strings.Contains(docPage, n) {
			t.Errorf("paragraph of the policy text is on no page:\n%s", n)
		}
	}
	for _, heading := range []string{"一、总体要求", "二、分类推动上规升级", "三、加大政策支持力度", "四、全力提供要素支持", "五、加强指导帮扶服务"} {
		if !strings.Contains(docPage, heading) {
			t.Errorf("document page lacks the part heading %s", heading)
		}
	}
}

func mustParse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	if b == nil {
		t.Fatal("page missing")
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var bracket = regexp.MustCompile(`〔([^〕]*)负责〕`)

// TestDepartmentPages: every body named in a 〔…负责〕 bracket of the city's text has a page that
// lists exactly the clauses whose bracket names it, in both languages. (A document the site only
// summarises has no brackets: its pages name their departments in front matter alone.)
func TestDepartmentPages(t *testing.T) {
	files := realBuild(t)
	byName := map[string]string{}
	for _, d := range realSite.Data.Departments {
		byName[d.Zh] = d.ID
		for _, a := range d.Aliases {
			byName[a] = d.ID
		}
	}
	want := map[string][]string{} // department id → clause page paths
	for _, p := range realSite.Pages {
		if p.Lang != "zh" || p.Front.Kind != content.KindArticle || p.Document.Text != "verbatim" {
			continue
		}
		m := bracket.FindStringSubmatch(string(p.Body()))
		if m == nil {
			t.Errorf("%s: no 〔…负责〕 bracket", p.File)
			continue
		}
		var ids []string
		for _, name := range splitNames(m[1]) {
			id, ok := byName[name]
			if !ok {
				t.Errorf("%s: %q is not in content/data/departments.yaml", p.File, name)
				continue
			}
			want[id] = append(want[id], p.Path)
			ids = append(ids, id)
		}
		if strings.Join(ids, ",") != strings.Join(p.Front.Departments, ",") {
			t.Errorf("%s: departments: %v, but the bracket names %v", p.File, p.Front.Departments, ids)
		}
	}
	for id, paths := range want {
		for _, lang := range content.Languages {
			page := files[strings.TrimPrefix(content.Localize("/departments/"+id+"/", lang), "/")+"index.html"]
			got := clauseLinks(t, page, lang)
			var wantURLs []string
			for _, p := range paths {
				wantURLs = append(wantURLs, content.Localize(p, lang))
			}
			sort.Strings(wantURLs)
			if strings.Join(got, "\n") != strings.Join(wantURLs, "\n") {
				t.Errorf("%s department page %s lists:\n%s\nwant:\n%s", lang, id, strings.Join(got, "\n"), strings.Join(wantURLs, "\n"))
			}
		}
	}
	site := 0
	for _, d := range realSite.Data.Departments {
		if d.File == "content/data/departments.yaml" {
			site++
		}
	}
	if len(want) != site {
		t.Errorf("%d departments are named in brackets, %d are in content/data/departments.yaml", len(want), site)
	}
}

// splitNames splits "市财政局、各县（市、区）人民政府" at the 、 that are not inside （…）.
func splitNames(s string) []string {
	var names []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '（':
			depth++
		case '）':
			depth--
		case '、':
			if depth == 0 {
				names = append(names, s[start:i])
				start = i + len("、")
			}
		}
	}
	return append(names, s[start:])
}

// clauseLinks returns the distinct policy clause URLs linked from the page's <main>, sorted.
func clauseLinks(t *testing.T, page []byte, lang string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode && n.Data == "main" {
			inMain = true
		}
		if inMain && n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && strings.HasPrefix(a.Val, content.Localize("/policy/", lang)) && a.Val != content.Localize("/policy/", lang) {
					seen[a.Val] = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(mustParse(t, page), false)
	var out []string
	for u := range seen {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// TestBenefitsData: the fixed sums are those of the text, and each benefit names the departments
// of its clause's bracket.
func TestBenefitsData(t *testing.T) {
	realBuild(t)
	var total int64
	type article struct {
		doc string
		n   int
	}
	clauseDepts := map[article][]string{}
	for _, p := range realSite.Pages {
		if p.Lang == "zh" && p.Front.Kind == content.KindArticle {
			clauseDepts[article{p.Document.ID, p.Front.Article}] = p.Front.Departments
		}
	}
	for _, d := range realSite.Documents {
		for _, b := range d.Benefits {
			if d.ID == "jsz-2021-35" {
				total += b.Cash
			}
			if got := clauseDepts[article{d.ID, b.Article}]; strings.Join(b.Departments, ",") != strings.Join(got, ",") {
				t.Errorf("%s benefit %s: departments %v, its article %d names %v", d.ID, b.ID, b.Departments, b.Article, got)
			}
		}
	}
	if total != 700000 {
		t.Errorf("fixed cash amounts add up to %d yuan; the text gives 200,000 + 100,000 + 100,000 + 300,000 = 700,000", total)
	}
	counts := map[string]int{}
	for _, g := range realSite.Data.Sectors {
		counts[g.ID] = len(g.Items)
	}
	for id, want := range map[string]int{"four_foundations": 4, "made_in_china_2025": 10, "shanxi_strategic": 14} {
		if counts[id] != want {
			t.Errorf("sector group %s has %d items, want %d", id, counts[id], want)
		}
	}
}

// TestExamplesMatchCore: every worked example's page shows exactly what the rule core computes
// for its input (total, cash by year, each item), in both languages.
func TestExamplesMatchCore(t *testing.T) {
	files := realBuild(t)
	if len(realSite.Data.Examples) < 8 {
		t.Errorf("%d worked examples, want at least 8", len(realSite.Data.Examples))
	}
	clausesWithMoney := map[string]bool{}
	for _, ex := range realSite.Data.Examples {
		in, errs := modules.All.Decode(ex.InputJSON())
		if len(errs) > 0 {
			t.Fatalf("%s: %v", ex.File, errs)
		}
		out, err := modules.All.Estimate(in)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		want = append(want, "total="+out.Total.String())
		for _, y := range out.ByYear {
			want = append(want, fmt.Sprintf("year %d=%s", y.Year, y.Amount))
		}
		for _, it := range out.Items {
			want = append(want, fmt.Sprintf("item %s %d=%s", it.ID, it.Year, it.Amount))
			clausesWithMoney[it.Clause] = true
		}
		for _, it := range out.Savings {
			want = append(want, fmt.Sprintf("saving %s %d=%s", it.ID, it.Year, it.Amount))
			clausesWithMoney[it.Clause] = true
		}
		for _, lang := range content.Languages {
			page := files[strings.TrimPrefix(content.Localize("/examples/"+ex.ID+"/", lang), "/")+"index.html"]
			got := exampleFigures(t, page)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s (%s) shows:\n%s\nthe rule core computes:\n%s", ex.ID, lang, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	for _, c := range []string{"四", "五", "八", "九", "十"} {
		if !clausesWithMoney[c] {
			t.Errorf("no worked example has money from clause %s", c)
		}
	}
}

// exampleFigures reads the figures an example page shows, from its data- attributes.
func exampleFigures(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch {
			case a["data-total"] != "":
				out = append(out, "total="+a["data-total"])
			case n.Data == "tr" && a["data-year"] != "":
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					for _, at := range c.Attr {
						if at.Key == "data-amount" {
							out = append(out, "year "+a["data-year"]+"="+at.Val)
						}
					}
				}
			case a["data-item"] != "":
				out = append(out, "item "+a["data-item"]+" "+a["data-year"]+"="+a["data-amount"])
			case a["data-saving"] != "":
				out = append(out, "saving "+a["data-saving"]+" "+a["data-year"]+"="+a["data-amount"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(mustParse(t, page))
	return out
}

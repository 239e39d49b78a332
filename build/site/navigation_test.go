package site

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// policyOrder is the order of the policy pages, as the document reads.
var policyOrder = []string{"preamble", "general-requirements", "01-upgrade-below-size", "02-new-production",
	"03-sector-shift", "04-reward-211", "05-innovation-bonus", "06-funding-priority", "07-production-time",
	"08-social-insurance", "09-financing", "10-tax-reward", "11-reduce-burden", "12-land", "13-talent",
	"14-statistics-subsidy", "15-leadership", "16-guidance", "17-monitoring"}

var (
	prevLink = regexp.MustCompile(`rel="prev" href="([^"]*)"`)
	nextLink = regexp.MustCompile(`rel="next" href="([^"]*)"`)
	current  = regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)
)

func firstMatch(re *regexp.Regexp, page []byte) string {
	if m := re.FindSubmatch(page); m != nil {
		return string(m[1])
	}
	return ""
}

// TestPolicyPager: on the real site, each policy page links to the one before and after it in
// the document's order, in both languages; the first has no previous page, the last no next.
func TestPolicyPager(t *testing.T) {
	files := realBuild(t)
	for _, prefix := range []string{"", "/en"} {
		for i, name := range policyOrder {
			path := strings.TrimPrefix(prefix+"/policy/"+name+"/index.html", "/")
			page, ok := files[path]
			if !ok {
				t.Errorf("%s was not built", path)
				continue
			}
			var wantPrev, wantNext string
			if i > 0 {
				wantPrev = prefix + "/policy/" + policyOrder[i-1] + "/"
			}
			if i+1 < len(policyOrder) {
				wantNext = prefix + "/policy/" + policyOrder[i+1] + "/"
			}
			if got := firstMatch(prevLink, page); got != wantPrev {
				t.Errorf("%s: previous page %q, want %q", path, got, wantPrev)
			}
			if got := firstMatch(nextLink, page); got != wantNext {
				t.Errorf("%s: next page %q, want %q", path, got, wantNext)
			}
		}
	}
}

// TestPolicyPageContext: a clause page names its part in the breadcrumb (as the text heads it in
// Chinese, numbered in English), marks itself in the side table of contents and "the policy" in
// the main menu, links the departments responsible for it and shows its note.
func TestPolicyPageContext(t *testing.T) {
	files := realBuild(t)
	tests := []struct {
		path string
		want []string
	}{
		{"policy/01-upgrade-below-size/index.html", []string{`<aside class="note"`}}, // its front matter has a note
		{"policy/08-social-insurance/index.html", []string{
			`<li><a href="/policy/">政策原文</a></li><li>三、加大政策支持力度</li></ol>`,
			`<a href="/policy/08-social-insurance/" aria-current="page">（八）社保补贴</a>`,
			`<section class="departments"`, `<a href="/departments/`,
		}},
		{"en/policy/08-social-insurance/index.html", []string{
			`<li>Part 3: Stepping up policy support</li></ol>`,
			`<a href="/en/policy/08-social-insurance/" aria-current="page">`,
			`<a href="/en/departments/`,
		}},
	}
	for _, tt := range tests {
		page := string(files[tt.path])
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", tt.path, w)
			}
		}
	}
	for path, want := range map[string][]string{
		"policy/08-social-insurance/index.html": {"/policy/", "/policy/08-social-insurance/"},
		"index.html":                            {"/"},
		"en/index.html":                         {"/en/"},
		"calculator/index.html":                 {"/calculator/"},
	} {
		var got []string
		for _, m := range current.FindAllSubmatch(files[path], -1) {
			got = append(got, string(m[1]))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: links marked current %q, want %q", path, got, want)
		}
	}
}

// TestDepartmentDescriptions: each department page describes itself in its own language.
func TestDepartmentDescriptions(t *testing.T) {
	files := realBuild(t)
	n := 0
	for path, data := range files {
		if !strings.HasSuffix(path, "/index.html") || !strings.Contains(path, "departments/") || strings.HasSuffix(path, "departments/index.html") {
			continue
		}
		n++
		// The description names the department's document, in the page's language.
		want := regexp.MustCompile(`content="[^"]+在(晋市政办〔2021〕35号|晋财规建〔2025〕1号)中负责的条款。"`)
		if strings.HasPrefix(path, "en/") {
			want = regexp.MustCompile(`content="The clauses of (Jincheng's scale-up policy \(Jin Shi Zheng Ban \[2021\] No\. 35\)|the provincial fund rules \(Jin Cai Gui Jian \[2025\] No\. 1\)) for which the [^"]+ is responsible\."`)
		}
		if !want.Match(data) {
			t.Errorf("%s: no description matching %s", path, want)
		}
	}
	if n < 4 {
		t.Errorf("%d department pages, want one per department and language", n)
	}
}

// TestSectionOrder: a section page lists the pages directly inside it by weight, then title.
func TestSectionOrder(t *testing.T) {
	page := func(title string, weight int) string {
		return "---\ntitle: " + title + "\ndescription: 说明。\nweight: " + strconv.Itoa(weight) + "\n---\n正文。\n"
	}
	const en = "---\ntitle: E\ndescription: E.\n---\n"
	fsys := fixture(t, "basic", map[string]string{
		"content/guide/_index.zh.md": page("指南", 0), "content/guide/_index.en.md": en,
		"content/guide/c.zh.md": page("二", 2), "content/guide/c.en.md": en,
		"content/guide/b.zh.md": page("丙", 1), "content/guide/b.en.md": en,
		"content/guide/a.zh.md": page("一", 2), "content/guide/a.en.md": en,
		"content/guide/z.zh.md": page("甲", 0), "content/guide/z.en.md": en,
		"content/guide/deeper/d.zh.md": page("丁", 0), "content/guide/deeper/d.en.md": en,
	})
	res, err := build(t, fsys, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<li><a href="(/guide/[^"]*)">`).FindAllSubmatch(res.Files["guide/index.html"], -1) {
		got = append(got, string(m[1]))
	}
	// z (weight 0), b (1), then a (一) and c (二) at weight 2 by title; deeper/d is not directly inside.
	if want := "/guide/z/ /guide/b/ /guide/a/ /guide/c/"; strings.Join(got, " ") != want {
		t.Errorf("guide/ lists %q, want %s", got, want)
	}
}

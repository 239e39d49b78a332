package site

import (
	"reflect"
	"strings"
	"testing"

	"scaleup/build/content"
	"scaleup/build/deploy"
	"scaleup/calculator"
)

// TestFormatYuan: amounts as each language reads them: whole 万 in Chinese, digits grouped by
// three otherwise, the sign kept.
func TestFormatYuan(t *testing.T) {
	tests := []struct {
		n          int64
		zh, enWant string
	}{
		{200000, "20万元", "200,000 yuan"},
		{10000, "1万元", "10,000 yuan"},
		{-300000, "-30万元", "-300,000 yuan"},
		{15000, "15,000元", "15,000 yuan"},
		{0, "0元", "0 yuan"},
		{999, "999元", "999 yuan"},
		{1000, "1,000元", "1,000 yuan"},
		{123456, "123,456元", "123,456 yuan"},
		{1234567, "1,234,567元", "1,234,567 yuan"},
		{-1234, "-1,234元", "-1,234 yuan"},
	}
	for _, tt := range tests {
		if got := FormatYuan(tt.n, "zh"); got != tt.zh {
			t.Errorf("FormatYuan(%d, zh) = %q, want %q", tt.n, got, tt.zh)
		}
		if got := FormatYuan(tt.n, "en"); got != tt.enWant {
			t.Errorf("FormatYuan(%d, en) = %q, want %q", tt.n, got, tt.enWant)
		}
	}
}

// TestFormatFen: amounts in fen as yuan, with two decimals only when there are fen.
func TestFormatFen(t *testing.T) {
	tests := []struct {
		f          calculator.Fen
		zh, enWant string
	}{
		{20_000_000, "20万元", "200,000 yuan"},
		{100, "1元", "1 yuan"},
		{105, "1.05元", "1.05 yuan"},
		{150, "1.50元", "1.50 yuan"},
		{-105, "-1.05元", "-1.05 yuan"},
		{123_456_789, "1,234,567.89元", "1,234,567.89 yuan"},
		{1, "0.01元", "0.01 yuan"},
	}
	for _, tt := range tests {
		if got := FormatFen(tt.f, "zh"); got != tt.zh {
			t.Errorf("FormatFen(%d, zh) = %q, want %q", tt.f, got, tt.zh)
		}
		if got := FormatFen(tt.f, "en"); got != tt.enWant {
			t.Errorf("FormatFen(%d, en) = %q, want %q", tt.f, got, tt.enWant)
		}
	}
}

// TestLabels: a document's labels come from its numbering patterns; language tags.
func TestLabels(t *testing.T) {
	d := &content.Document{Numbering: content.Numbering{
		Article: content.Text{Zh: "（{zh}）", En: "({n})"},
		Part:    content.Text{Zh: "{zh}", En: "{roman}"},
		Cite:    content.Text{Zh: "第（{zh}）条", En: "clause ({n})"},
	}}
	for _, tt := range []struct {
		got, want string
	}{
		{d.ArticleLabel(1, "zh"), "（一）"}, {d.ArticleLabel(17, "zh"), "（十七）"}, {d.ArticleLabel(8, "en"), "(8)"},
		{d.ArticleCite(8, "zh"), "第（八）条"}, {d.ArticleCite(8, "en"), "clause (8)"},
		{d.PartLabel(1, "en"), "I"}, {d.PartLabel(5, "en"), "V"}, {d.PartLabel(2, "zh"), "二"},
		{HrefLang("zh"), "zh-Hans"}, {HrefLang("en"), "en"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestLangText: on English pages, Chinese runs in a text from a template are marked lang=zh-Hans;
// everything is escaped; Chinese pages are only escaped.
func TestLangText(t *testing.T) {
	tests := []struct{ s, lang, want string }{
		{"Clause 八 <b> (eight), 第2条", "en", `Clause <span lang="zh-Hans">八</span> &lt;b&gt; (eight), <span lang="zh-Hans">第2条</span>`},
		{"Clause 八 <b>", "zh", "Clause 八 &lt;b&gt;"},
		{"no Chinese", "en", "no Chinese"},
		{"八 first", "en", `<span lang="zh-Hans">八</span> first`},
	}
	for _, tt := range tests {
		if got := string(langText(tt.s, tt.lang)); got != tt.want {
			t.Errorf("langText(%q, %s) = %s, want %s", tt.s, tt.lang, got, tt.want)
		}
	}
}

// TestMetaCSP: the <meta> policy is the server's, every directive but frame-ancestors, which a
// meta tag may not carry.
func TestMetaCSP(t *testing.T) {
	var want []string
	for _, d := range strings.Split(deploy.CSP, "; ") {
		if !strings.HasPrefix(d, "frame-ancestors") {
			want = append(want, d)
		}
	}
	if MetaCSP != strings.Join(want, "; ") || strings.Contains(MetaCSP, "frame-ancestors") || !strings.HasPrefix(MetaCSP, "default-src 'self'") {
		t.Errorf("MetaCSP = %q\nserver's: %q", MetaCSP, deploy.CSP)
	}
}

// TestTemplateFunctions calls the template functions that look things up, with a small view:
// a document with a part and an article page, a department, a page with headings, a value.
func TestTemplateFunctions(t *testing.T) {
	doc := &content.Document{ID: "demo", Numbering: content.Numbering{Article: content.Text{Zh: "（{zh}）", En: "({n})"}}}
	article := &content.Page{Path: "/policy/08/", URL: "/en/policy/08/", Document: doc}
	status := &content.Page{Path: "/status/", Headings: []content.Heading{{ID: "a", Text: "甲"}, {ID: "b", Text: "乙"}}}
	dv := &DocView{Document: doc, Lang: "en", Pages: []ArticleLink{
		// A part page never has an article number; if it had, it would not count.
		{Kind: content.KindPart, URL: "/en/policy/part/", Number: 8},
		{Kind: content.KindArticle, URL: "/en/policy/08/", Number: 8, Page: article},
	}}
	v := &View{
		Documents:   []*DocView{dv},
		Departments: []DeptView{{Department: &content.Department{ID: "tax"}, URL: "/en/departments/tax/"}, {Department: &content.Department{ID: "finance"}, URL: "/en/departments/finance/"}},
		pages:       []*content.Page{article, status},
		values:      map[string]string{"searchEntry": "/_search/en/meta.json"},
	}
	fn := (&env{lang: "en", view: v}).funcs()
	call := func(name string, args ...any) any {
		t.Helper()
		in := make([]reflect.Value, len(args))
		for i, a := range args {
			in[i] = reflect.ValueOf(a)
		}
		out := reflect.ValueOf(fn[name]).Call(in)
		if len(out) == 2 && !out[1].IsNil() {
			return "error: " + out[1].Interface().(error).Error()
		}
		return out[0].Interface()
	}
	home := &PageData{Page: &content.Page{Path: "/"}}
	policy := &PageData{Page: &content.Page{Path: "/policy/08/"}}
	tests := []struct {
		got, want any
	}{
		{call("article", "demo", 8).(*ArticleLink).URL, "/en/policy/08/"},
		{call("article", "demo", 9).(*ArticleLink) == nil, true},
		{call("article", "nope", 8).(*ArticleLink) == nil, true},
		{call("doc", "demo").(*DocView) == dv, true},
		{call("doc", "nope"), `error: no policy document "nope": ids are in each content/…/document.yaml`},
		{call("articleLabelIn", "zh", "demo", 8), "（八）"},
		{call("articleLabelIn", "en", "demo", 8), "(8)"},
		{call("articleLabelIn", "en", "demo", 0), ""},
		{call("articleLabelIn", "en", "nope", 8), ""},
		{call("Value", "searchEntry"), "/_search/en/meta.json"},
		{call("Value", "nope"), `error: no value "nope": no stage of this build sets it`},
		{call("printURL", "/handout/"), ""},
		{call("dept", "finance").(*DeptView).URL, "/en/departments/finance/"},
		{call("dept", "nope").(*DeptView) == nil, true},
		{call("headingText", "/status/", "b"), "乙"},
		{call("headingText", "/status/", "c"), "error: no heading #c on /status/"},
		{call("headingText", "/nowhere/", "a"), "error: no heading #a on /nowhere/"},
		{call("explain", calculator.Text{ZH: "中", EN: "en"}), "en"},
		{call("yuan", int64(200000)), "200,000 yuan"},
		{call("money", calculator.Fen(105)), "1.05 yuan"},
		{call("navItem", home, "/", "x").(navItem).Current, true},
		{call("navItem", policy, "/", "x").(navItem).Current, false},
		{call("navItem", policy, "/policy/", "x").(navItem).Current, true},
		{call("navItem", home, "/policy/", "x").(navItem).Current, false},
		{call("navItem", policy, "/policy/", "x").(navItem).URL, "/en/policy/"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %v, want %v", i, tt.got, tt.want)
		}
	}
	v.PrintBase = "https://scaleup.example.cn"
	if got := call("printURL", "/handout/"); got != "https://scaleup.example.cn/handout/" {
		t.Errorf("printURL with a public address = %v", got)
	}
	zh := (&env{lang: "zh", view: v}).funcs()
	if got := zh["explain"].(func(calculator.Text) string)(calculator.Text{ZH: "中", EN: "en"}); got != "中" {
		t.Errorf("explain in Chinese = %q", got)
	}
}

package site

import (
	"reflect"
	"strings"
	"testing"

	"scaleup/build/content"
	"scaleup/build/serve"
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

// TestLabels: clause labels as the text writes them, part numerals in English, language tags.
func TestLabels(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{ClauseLabel(1, "zh"), "（一）"}, {ClauseLabel(17, "zh"), "（十七）"}, {ClauseLabel(8, "en"), "(8)"},
		{ClauseLabel(17, "en"), "(17)"}, {ClauseLabel(0, "zh"), ""}, {ClauseLabel(18, "zh"), ""}, {ClauseLabel(18, "en"), ""},
		{romanOrArabic(1), "I"}, {romanOrArabic(5), "V"}, {romanOrArabic(6), "6"}, {romanOrArabic(0), "0"},
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
	for _, d := range strings.Split(serve.CSP, "; ") {
		if !strings.HasPrefix(d, "frame-ancestors") {
			want = append(want, d)
		}
	}
	if MetaCSP != strings.Join(want, "; ") || strings.Contains(MetaCSP, "frame-ancestors") || !strings.HasPrefix(MetaCSP, "default-src 'self'") {
		t.Errorf("MetaCSP = %q\nserver's: %q", MetaCSP, serve.CSP)
	}
}

// TestTemplateFunctions calls the template functions that look things up, with a small view:
// a clause and a part page, a department, a page with headings.
func TestTemplateFunctions(t *testing.T) {
	clause := &content.Page{Path: "/policy/08/", URL: "/en/policy/08/"}
	clause.Front.Clause = 8
	part := &content.Page{Path: "/policy/part/"}
	part.Front.Clause = 8 // a part page never has a clause number; if it had, it would not count
	status := &content.Page{Path: "/status/", Headings: []content.Heading{{ID: "a", Text: "甲"}, {ID: "b", Text: "乙"}}}
	v := &View{
		Clauses:     []ClauseLink{{Kind: "part", URL: "/en/policy/part/", Page: part}, {Kind: "clause", URL: "/en/policy/08/", Page: clause}},
		Departments: []DeptView{{Department: &content.Department{ID: "tax"}, URL: "/en/departments/tax/"}, {Department: &content.Department{ID: "finance"}, URL: "/en/departments/finance/"}},
		pages:       []*content.Page{clause, status},
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
		{call("clauseURL", 8), "/en/policy/08/"},
		{call("clauseURL", 9), ""},
		{call("dept", "finance").(*DeptView).URL, "/en/departments/finance/"},
		{call("dept", "nope").(*DeptView) == nil, true},
		{call("headingText", "/status/", "b"), "乙"},
		{call("headingText", "/status/", "c"), "error: no heading #c on /status/"},
		{call("headingText", "/nowhere/", "a"), "error: no heading #a on /nowhere/"},
		{call("clauseName", "八"), "(8)"},
		{call("clauseName", "十七"), "(17)"},
		{call("clauseName", "十八"), "十八"},
		{call("clauseNameIn", "zh", "八"), "（八）"},
		{call("clauseNameIn", "en", "x"), "x"},
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
	zh := (&env{lang: "zh", view: v}).funcs()
	if got := zh["explain"].(func(calculator.Text) string)(calculator.Text{ZH: "中", EN: "en"}); got != "中" {
		t.Errorf("explain in Chinese = %q", got)
	}
}

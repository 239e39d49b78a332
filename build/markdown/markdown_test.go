package markdown

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	terms := []Term{
		{ID: "above-size", Forms: []string{"规上工业企业", "规模以上工业企业"}, Href: "/glossary/#above-size"},
		{ID: "above-size-db", Forms: []string{"规上工业企业库"}, Href: "/glossary/#above-size-db"},
		{ID: "reward", Forms: []string{"reward", "rewards"}, Href: "/glossary/#reward"},
	}
	tests := []struct {
		name string
		opt  Options
		src  string
		want string
	}{
		{"Chinese heading keeps its characters", Options{Lang: "zh"},
			"## 三、加大政策支持力度\n", `<h2 id="三-加大政策支持力度">三、加大政策支持力度</h2>`},
		{"explicit heading id", Options{Lang: "zh"},
			"## 问题 {#revenue-passed}\n", `<h2 id="revenue-passed">问题</h2>`},
		{"duplicate headings get numbered ids", Options{Lang: "en"},
			"## Notes\n\n## Notes\n", `<h2 id="notes">Notes</h2>` + "\n" + `<h2 id="notes-1">Notes</h2>`},
		{"punctuation-only heading", Options{Lang: "en"},
			"## ？\n", `<h2 id="section">？</h2>`},
		{"no space at a soft break between Han characters", Options{Lang: "zh"},
			"中文第一行\n第二行\n", "<p>中文第一行第二行</p>"},
		{"no space after full-width punctuation", Options{Lang: "zh"},
			"工业企业，\n给予奖励。\n", "<p>工业企业，给予奖励。</p>"},
		{"soft break before a link in English is kept (goldmark #582)", Options{Lang: "en"},
			"read\n[this](https://example.org)\n", "<p>read\n<a href=\"https://example.org\">this</a></p>"},
		{"soft break between Latin and Han is kept", Options{Lang: "zh"},
			"Made in China\n中国制造\n", "<p>Made in China\n中国制造</p>"},
		{"internal link gets the language prefix", Options{Lang: "en"},
			"[x](/policy/04-reward-211/#p1)", `<a href="/en/policy/04-reward-211/#p1">x</a>`},
		{"Chinese internal link unchanged", Options{Lang: "zh"},
			"[x](/policy/04-reward-211/)", `<a href="/policy/04-reward-211/">x</a>`},
		{"raw HTML block is escaped", Options{Lang: "zh"},
			"<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>"},
		{"inline raw HTML is escaped", Options{Lang: "zh"},
			"行内<b onclick=x>粗</b>。", "<p>行内&lt;b onclick=x&gt;粗&lt;/b&gt;。</p>"},
		{"paragraphs numbered", Options{Lang: "zh", NumberParagraphs: true},
			"甲。\n\n乙。\n", "<p id=\"p1\">甲。</p>\n<p id=\"p2\">乙。</p>"},
		{"first use of a term linked, longest form wins", Options{Lang: "zh", Terms: terms},
			"未退出规上工业企业库的规上工业企业，规上工业企业。",
			`<p>未退出<a href="/glossary/#above-size-db" class="term">规上工业企业库</a>的<a href="/glossary/#above-size" class="term">规上工业企业</a>，规上工业企业。</p>`},
		{"terms not linked in headings or links", Options{Lang: "zh", Terms: terms},
			"## 规上工业企业\n\n[规上工业企业](/x/)，规模以上工业企业。",
			`<p><a href="/x/">规上工业企业</a>，<a href="/glossary/#above-size" class="term">规模以上工业企业</a>。</p>`},
		{"terms inside 〔…〕 and 《…》 are not linked", Options{Lang: "zh", Terms: terms},
			"《规上工业企业名录》〔规上工业企业负责〕规上工业企业。",
			`<p>《规上工业企业名录》〔规上工业企业负责〕<a href="/glossary/#above-size" class="term">规上工业企业</a>。</p>`},
		{"English terms only on word boundaries", Options{Lang: "en", Terms: terms},
			"Rewarding rewards.", `<p>Rewarding <a href="/en/glossary/#reward" class="term">rewards</a>.</p>`},
		{"Chinese in English text carries lang", Options{Lang: "en"},
			"An upgrade (小升规) under 晋市政办〔2021〕35号.",
			`<p>An upgrade (<span lang="zh-Hans">小升规</span>) under <span lang="zh-Hans">晋市政办〔2021〕35号</span>.</p>`},
		{"Chinese inside a link on an English page", Options{Lang: "en"},
			"[第八条](/policy/08/)", `<a href="/en/policy/08/"><span lang="zh-Hans">第八条</span></a>`},
		{"tables", Options{Lang: "zh"},
			"| 条款 | 金额 |\n| --- | --- |\n| （四） | 20万元 |\n", "<td>20万元</td>"},
		{"footnotes", Options{Lang: "en"},
			"Text.[^1]\n\n[^1]: Note.\n", `<a href="#fn:1"`},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Convert([]byte(tt.src), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.HTML), tt.want) {
				t.Errorf("got:\n%s\nwant it to contain:\n%s", res.HTML, tt.want)
			}
		})
	}
}

func TestConvertRecords(t *testing.T) {
	src := "## 标题\n\n见[第八条](/policy/08/#p1)和[外部](https://example.org)。\n\n![图](/img/a.png)\n\n<div>x</div>\n"
	res, err := New().Convert([]byte(src), Options{Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Links) != 2 || res.Links[0].Dest != "/policy/08/#p1" || !res.Links[1].Image || res.Links[1].Alt != "图" {
		t.Errorf("links = %+v", res.Links)
	}
	if got := src[res.Links[0].Offset:]; !strings.HasPrefix(got, "第八条](") && !strings.HasPrefix(got, "[第八条]") {
		t.Errorf("link offset points at %q", got[:12])
	}
	if len(res.Headings) != 1 || res.Headings[0].ID != "标题" {
		t.Errorf("headings = %+v", res.Headings)
	}
	if len(res.Issues) != 1 || !strings.Contains(res.Issues[0].Msg, "raw HTML") {
		t.Errorf("issues = %+v", res.Issues)
	}
	if want := "标题\n见第八条和外部。\n"; !strings.HasPrefix(res.Text, want) {
		t.Errorf("text = %q, want prefix %q", res.Text, want)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"（八）实行社保补贴":               "八-实行社保补贴",
		"What this means for you": "what-this-means-for-you",
		"20万元 reward":             "20万元-reward",
		"  --a__b--  ":            "a-b",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

package site

import (
	"strings"
	"testing"
)

// TestReviewedAndHorizonNotice: every page's footer shows the reviewed date of content/site.yaml,
// and the pages document.yaml lists (and only those) carry the horizon notice, in both languages.
func TestReviewedAndHorizonNotice(t *testing.T) {
	files := realBuild(t)
	reviewed := realSite.Config.Reviewed
	on := map[string]bool{}
	for _, p := range realSite.Document("jsz-2021-35").HorizonNoticeOn {
		on[strings.TrimPrefix(p, "/")+"index.html"] = true
		on["en/"+strings.TrimPrefix(p, "/")+"index.html"] = true
	}
	pages, notices := 0, 0
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") || strings.HasPrefix(path, "assets/") {
			continue
		}
		page := string(data)
		if !strings.Contains(page, "<footer") {
			continue
		}
		pages++
		if !strings.Contains(page, `data-reviewed="`+reviewed+`"`) {
			t.Errorf("%s: the footer does not show the reviewed date %s", path, reviewed)
		}
		has := strings.Contains(page, "data-horizon-notice")
		if has {
			notices++
		}
		if has != on[path] {
			t.Errorf("%s: horizon notice shown = %v, want %v", path, has, on[path])
		}
	}
	if notices != 10 || pages < 100 {
		t.Errorf("%d pages with a footer, %d with the horizon notice; want 100 or more and 10", pages, notices)
	}
}

// TestHorizonNoticeFollowsReviewed: the notice depends on the content's reviewed date, never on
// the day of the build.
func TestHorizonNoticeFollowsReviewed(t *testing.T) {
	doc := "id: test-doc\nissuer: {zh: 机关, en: Issuer}\nnumber: {zh: 测〔2021〕1号, en: Test 1}\ntitle: {zh: 文件, en: Document}\n" +
		"text: verbatim\nnumbering: {article: {zh: \"（{zh}）\", en: \"({n})\"}, part: {zh: \"{zh}\", en: \"{roman}\"}}\narticles: 1\n" +
		"parts: [{number: 1, zh: 总则, en: General, heading: 一、总则}]\n" +
		"dates: {issued: 2021-09-28, horizon: 2025-12-31}\nhorizonNotice: {zh: 期限已过。, en: The horizon has passed.}\nhorizonNoticeOn: [/policy/]\n"
	for _, c := range []struct {
		reviewed string
		want     bool
	}{{"2025-12-31", false}, {"2026-01-01", true}} {
		fsys := fixture(t, "basic", map[string]string{
			"content/site.yaml":            "baseURL: https://example.org\nreviewed: " + c.reviewed + "\n",
			"content/policy/document.yaml": doc,
			"templates/layouts/section.html": `{{define "main"}}<h1>{{.Page.Front.Title}}</h1>{{range .HorizonNotices}}<p data-horizon-notice>{{.}}</p>{{end}}` +
				`<p data-reviewed="{{.Site.Reviewed}}">{{date .Site.Reviewed}}</p>{{end}}`,
		})
		res, err := build(t, fsys, true)
		if err != nil {
			t.Fatalf("reviewed %s: %v", c.reviewed, err)
		}
		for _, f := range []string{"policy/index.html", "en/policy/index.html"} {
			page := string(res.Files[f])
			if got := strings.Contains(page, "data-horizon-notice"); got != c.want {
				t.Errorf("reviewed %s, %s: notice shown = %v, want %v", c.reviewed, f, got, c.want)
			}
		}
		if page := string(res.Files["policy/index.html"]); c.want && !strings.Contains(page, "2026年1月1日") {
			t.Errorf("the Chinese page does not write the reviewed date as 2026年1月1日: %s", page)
		}
	}
	fsys := fixture(t, "basic", map[string]string{"content/site.yaml": "baseURL: https://example.org\n"})
	if _, err := build(t, fsys, false); err == nil || !strings.Contains(err.Error(), "content/site.yaml:1:1: reviewed must be the date") {
		t.Errorf("a site.yaml without reviewed: %v", err)
	}
}

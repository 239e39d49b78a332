package site

import (
	"regexp"
	"testing"
)

// TestSearchStageIndex: on the real site the search stage writes each language's index and the
// search page names its root file.
func TestSearchStageIndex(t *testing.T) {
	files := realBuild(t)
	for _, lang := range []string{"zh", "en"} {
		page := "search/index.html"
		if lang == "en" {
			page = "en/" + page
		}
		m := regexp.MustCompile(`data-index="/(_search/` + lang + `/meta\.[0-9a-f]{8}\.json)"`).FindSubmatch(files[page])
		if m == nil {
			t.Errorf("%s names no %s index", page, lang)
			continue
		}
		if _, ok := files[string(m[1])]; !ok {
			t.Errorf("%s names %s, which was not written", page, m[1])
		}
	}
}

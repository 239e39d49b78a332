package content

import (
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/diag"
)

// FuzzPage feeds arbitrary bytes as a page (front matter and Markdown) through loading and
// rendering. Whatever the input, the build must report problems, never panic. Its corpus is
// under testdata/fuzz/FuzzPage; `go test` runs the corpus, and
//
//	go test -run '^$' -fuzz FuzzPage -fuzztime 5m ./build/content/
//
// searches for new crashers.
func FuzzPage(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: 页\ndescription: 说明。\n---\n正文[链接](/policy/one/#p1)。\n",
		"---\ntitle: [\n---\n",
		"---\n",
		"---\ntitle: x\ndescription: y\nlayout: clause\nkind: clause\nclause: 99\n---\n<script>x</script>\n",
		"---\ntitle: x\ndescription: y\ndepartments: {a: b}\n---\n## 标题 {#id}\n\n| a |\n| - |\n| 〔规上工业企业负责〕 |\n",
		"---\r\ntitle: x\r\n---\r\n![](http://x/y.png)\n\n[^1]\n\n[^1]: note\n",
		"\xef\xbb\xbf---\ntitle: \"\\u0000\"\ndescription: \xff\n---\n",
	} {
		f.Add([]byte(seed))
	}
	// A glossary term, so that term linking runs on policy pages too.
	glossary := []byte("- id: t\n  zh: 规上工业企业\n  en: enterprise\n  definition: {zh: 定义。, en: Definition.}\n")
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := afero.NewMemMapFs()
		afero.WriteFile(fsys, "content/data/glossary.yaml", glossary, 0o644)
		afero.WriteFile(fsys, "content/a.zh.md", src, 0o644)
		afero.WriteFile(fsys, "content/b.en.md", src, 0o644)
		diags := &diag.List{}
		Load(fsys, "content", Options{Workers: 1}, diags)
		for _, d := range diags.Items() {
			if d.File == "" || d.Msg == "" {
				t.Errorf("diagnostic without a file or message: %+v", d)
			}
		}
	})
}

package site

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/assets"
	"scaleup/build/output"
	"scaleup/build/pipeline"
)

const goodFront = "---\ntitle: 页\ndescription: 说明。\n---\n"

// TestDiagnostics feeds one kind of broken content at a time and checks the message names the
// file, line and column and says what to fix; the build must fail (or warn, for warnings).
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name   string
		edits  map[string]string
		strict bool
		want   string // a line of the error text
	}{
		{"malformed front matter", map[string]string{"content/a.zh.md": "---\ntitle: 页\ndescription: [不闭合\n---\n"},
			false, "content/a.zh.md:3: front matter is not valid YAML: did not find expected ',' or ']'"},
		{"unclosed front matter", map[string]string{"content/a.zh.md": "---\ntitle: 页\n"},
			false, "content/a.zh.md:1:1: front matter is not closed"},
		{"no front matter", map[string]string{"content/a.zh.md": "正文\n"},
			false, "content/a.zh.md:1:1: the file must start with front matter"},
		{"missing title", map[string]string{"content/a.zh.md": "---\ndescription: 说明。\n---\n"},
			false, "content/a.zh.md:1:1: missing title"},
		{"missing description", map[string]string{"content/a.zh.md": "---\ntitle: 页\n---\n"},
			false, "content/a.zh.md:1:1: missing description"},
		{"unknown field", map[string]string{"content/a.zh.md": "---\ntitle: 页\ndescription: 说明。\ntitel: x\n---\n"},
			false, `content/a.zh.md:4:1: unknown field "titel"`},
		{"wrong type", map[string]string{"content/a.zh.md": "---\ntitle: 页\ndescription: 说明。\nweight: heavy\n---\n"},
			false, `content/a.zh.md:4:9: expected a whole number, found "heavy"`},
		{"unknown layout", map[string]string{"content/a.zh.md": "---\ntitle: 页\ndescription: 说明。\nlayout: fancy\n---\n"},
			false, `content/a.zh.md:4:1: unknown layout "fancy"`},
		{"unknown translation key", map[string]string{"content/a.zh.md": "---\ntitle: 页\ndescription: 说明。\ntranslationKey: nowhere\n---\n"},
			false, `content/a.zh.md:4:1: unknown translation key "nowhere": no en page has it`},
		{"duplicate URL", map[string]string{"content/policy/one/_index.zh.md": goodFront},
			false, "duplicate URL /policy/one/"},
		{"link to a missing page", map[string]string{"content/a.zh.md": goodFront + "见[这里](/policy/two/)。\n", "content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n"},
			false, "content/a.zh.md:5:2: link to a page that does not exist: /policy/two/"},
		{"link to a missing anchor", map[string]string{"content/a.zh.md": goodFront + "\n\n见[这里](/policy/one/#p9)。\n", "content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n"},
			false, `content/a.zh.md:7:2: link to an anchor that does not exist: /policy/one/#p9 (page /policy/one/ has no id "p9")`},
		{"template parse error", map[string]string{"templates/layouts/home.html": "{{define \"main\"}}\n<h1>{{.Page.Front.Title</h1>{{end}}"},
			false, "templates/layouts/home.html:2: "},
		{"template missing key", map[string]string{"templates/layouts/home.html": "{{define \"main\"}}<h1>{{T \"nope\"}}</h1>{{end}}"},
			false, `templates/layouts/home.html:1:23: executing "main" at <T "nope">: error calling T: no interface string "nope"`},
		{"unknown language suffix", map[string]string{"content/a.fr.md": goodFront},
			false, `content/a.fr.md: unknown language "fr" in the file name: use .zh.md or .en.md`},
		{"no language suffix", map[string]string{"content/a.md": goodFront},
			false, "content/a.md: page file names end in .zh.md or .en.md"},
		{"bad URL segment", map[string]string{"content/A B.zh.md": goodFront},
			false, `"A B" cannot be part of a URL`},
		{"not UTF-8", map[string]string{"content/a.zh.md": goodFront + "\xff\xfe中文\n"},
			false, "content/a.zh.md:5:1: file is not valid UTF-8"},
		{"NUL byte", map[string]string{"content/a.zh.md": goodFront + "a\x00b\n"},
			false, "content/a.zh.md:5:2: file contains a NUL byte"},
		{"huge file", map[string]string{"content/a.zh.md": goodFront + strings.Repeat("很长的内容。", 400000)},
			false, "bytes, more than the 2097152 allowed: is it the right file?"},
		{"missing translation is an error with -strict", map[string]string{"content/a.zh.md": goodFront},
			true, "content/a.zh.md:1:1: missing translation: add content/a.en.md"},
		{"interface string missing in one language", map[string]string{"content/i18n/en.yaml": "404.title: Not found\n404.body: Gone.\n"},
			false, `content/i18n/zh.yaml:1:1: "switch" has no en translation`},
		{"unknown department", map[string]string{"content/data/departments.yaml": "- {id: finance, zh: 市财政局, en: Finance Bureau}\n",
			"content/policy/one.zh.md": "---\ntitle: （一）\ndescription: 说明。\nlayout: clause\nkind: article\narticle: 1\npart: 1\ndepartments: [finance, tax]\n---\n正文。\n"},
			false, `content/policy/one.zh.md:8:1: unknown department "tax" (item 2)`},
		{"bad data file", map[string]string{"content/data/glossary.yaml": "- id: x\n  zh: 词\n  en: word\n  definiton: {zh: 释义, en: meaning}\n"},
			false, "content/data/glossary.yaml:4: field definiton not found"},
		{"article number out of range", map[string]string{"content/policy/one.zh.md": "---\ntitle: （一）\ndescription: 说明。\nlayout: clause\nkind: article\narticle: 18\npart: 1\n---\n正文。\n"},
			false, "content/policy/one.zh.md:6:1: article must be a number from 1 to 1 (the articles of content/policy/document.yaml), found 18"},
		{"image without alt text", map[string]string{"content/a.zh.md": goodFront + "![](/x.png)\n", "content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n"},
			false, "content/a.zh.md:5:1: image /x.png has no alt text"},
		{"image from another server", map[string]string{"content/a.zh.md": goodFront + "![图](https://cdn.example.com/x.png)\n", "content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n"},
			false, "image https://cdn.example.com/x.png is not on this site"},
		{"raw HTML is a warning with -strict", map[string]string{"content/a.zh.md": goodFront + "<script>alert(1)</script>\n", "content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n"},
			true, "content/a.zh.md:5:1: raw HTML is not allowed in content"},
		{"missing site settings", map[string]string{"content/site.yaml": "\x00delete"},
			false, "content/site.yaml: missing site settings"},
		{"esbuild error", map[string]string{"templates/assets/js/main.ts": "const x: number = 1;\nlet y = ;\n"},
			false, "templates/assets/js/main.ts:2:9: Unexpected \";\""},
		{"esbuild missing import", map[string]string{"templates/assets/js/main.ts": "import { f } from \"./nope\";\nf();\n"},
			false, "templates/assets/js/main.ts:1:19: cannot find \"./nope\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, "basic", tt.edits)
			_, err := build(t, fsys, tt.strict)
			if err == nil {
				t.Fatalf("build succeeded; want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not contain %q:\n%v", tt.want, err)
			}
			if ok, _ := afero.Exists(fsys, "public"); ok {
				t.Errorf("a failed build wrote public/")
			}
		})
	}
}

// TestScriptInContentIsEscaped shows that raw HTML in Markdown can never become a tag.
func TestScriptInContentIsEscaped(t *testing.T) {
	fsys := fixture(t, "basic", map[string]string{
		"content/a.zh.md": goodFront + "<script>alert(1)</script>\n\n行内<img src=x onerror=alert(1)>。\n",
		"content/a.en.md": "---\ntitle: A\ndescription: A.\n---\n",
	})
	res, err := build(t, fsys, false)
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["a/index.html"])
	if strings.Contains(page, "<script>") || strings.Contains(page, "<img") {
		t.Errorf("raw HTML was rendered:\n%s", page)
	}
	if !strings.Contains(page, "&lt;script>alert(1)&lt;/script>") {
		t.Errorf("raw HTML is not shown escaped:\n%s", page)
	}
	if len(res.Warnings) == 0 {
		t.Errorf("no warning for raw HTML")
	}
}

// TestFrontMatterYAMLErrorAlone: a YAML syntax error is the whole report for its page. Before,
// "missing title" and "missing description" (line 1) were listed first, above the real error,
// and sent the writer to fix fields that were there.
func TestFrontMatterYAMLErrorAlone(t *testing.T) {
	en := "---\ntitle: A\ndescription: A.\n---\n"
	for _, tc := range []struct{ name, src, want string }{
		{"unclosed list after the fields", "---\ntitle: 页\ndescription: 说明。\nlayout: [clause\n---\n正文。\n",
			"content/a.zh.md:4: front matter is not valid YAML: did not find expected ',' or ']'"},
		{"bad indentation before the fields", "---\nweight: 1\n  bad: indent\ntitle: 页\ndescription: 说明。\n---\n",
			"content/a.zh.md:3: front matter is not valid YAML: mapping values are not allowed in this context"},
		{"tab", "---\ntitle: 页\n\tdescription: 说明。\n---\n",
			"content/a.zh.md:3: front matter is not valid YAML: found a tab character that violates indentation"},
		{"not a mapping", "---\n- title\n- description\n---\n",
			"content/a.zh.md:2:1: front matter must be a list of \"field: value\" lines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				fsys := fixture(t, "basic", map[string]string{"content/a.zh.md": tc.src, "content/a.en.md": en})
				_, err := build(t, fsys, strict)
				if err == nil {
					t.Fatalf("strict=%v: build succeeded", strict)
				}
				if got := err.Error(); got != tc.want {
					t.Errorf("strict=%v: the report is\n%s\nwant only\n%s", strict, got, tc.want)
				}
			}
		})
	}
}

// TestPlaceholderBaseURL: a placeholder address is one warning, with -strict too (CI builds
// with the placeholder), and an error for a release; a real address says nothing.
func TestPlaceholderBaseURL(t *testing.T) {
	for _, tc := range []struct {
		name          string
		baseURL       string // "" keeps the fixture's https://example.org
		strict, relse bool
		wantErr       bool
		wantWarnings  int
	}{
		{"placeholder", "", false, false, false, 1},
		{"placeholder with -strict", "", true, false, false, 1},
		{"placeholder with -release", "", true, true, true, 0},
		{"placeholder given with -baseurl", "http://localhost:1313", true, false, false, 1},
		{"real address", "https://guide.example.cn", true, true, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture(t, "basic", nil)
			res, err := pipeline.Run(pipeline.Options{Fs: fsys, Strict: tc.strict, Release: tc.relse, BaseURL: tc.baseURL, Workers: 2,
				Compression: output.Compression{Page: 5, Max: 5}, Stages: append([]pipeline.Stage{assets.Stage}, Stages()...)})
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want an error: %v", err, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "content/site.yaml:1: baseURL https://example.org is a placeholder") {
				t.Errorf("the error does not name the file, the line and the address:\n%v", err)
			}
			if len(res.Warnings) != tc.wantWarnings {
				t.Errorf("%d warnings, want %d: %v", len(res.Warnings), tc.wantWarnings, res.Warnings)
			}
			for _, w := range res.Warnings {
				if !strings.Contains(w.Msg, "is a placeholder") || !strings.Contains(w.Msg, "print no address and no QR code") {
					t.Errorf("warning %q does not say what the placeholder costs", w)
				}
			}
		})
	}
}

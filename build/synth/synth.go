// Package synth makes the synthetic bilingual site the build benchmarks use: 1,000 pages per
// language of Chinese and English paragraphs, lists and tables. The same pages feed our build
// (build/site's BenchmarkBuildSynthetic), Hugo (BenchmarkHugoSynthetic) and Pagefind
// (go run ./build/bench), so the figures compare like with like.
package synth

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// PagesPerLang is the number of pages per language.
const PagesPerLang = 1000

// Page is one Markdown file: Name ("p0001.zh.md"), front matter and body.
type Page struct{ Name, Front, Body string }

// Pages makes PagesPerLang pages per language, the same every time (fixed seed), from the
// characters of policyText (the policy's Chinese text) and a list of English words.
func Pages(policyText []byte) []Page {
	var han []rune
	for _, r := range string(policyText) {
		if r >= 0x4e00 && r <= 0x9fff {
			han = append(han, r)
		}
	}
	words := strings.Fields("enterprise industrial reward policy revenue directory statistics clause department finance tax insurance guarantee land talent training monitoring upgrade designated size bureau subsidy support year first consecutive local share")
	rng := rand.New(rand.NewSource(1))
	zhSentence := func() string {
		n := 12 + rng.Intn(30)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteRune(han[rng.Intn(len(han))])
			if i > 0 && i%9 == 0 {
				b.WriteString("，")
			}
		}
		b.WriteString("。")
		return b.String()
	}
	enSentence := func() string {
		n := 8 + rng.Intn(16)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.Intn(len(words))]
		}
		s := strings.Join(parts, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	var pages []Page
	for i := 1; i <= PagesPerLang; i++ {
		for _, lang := range []string{"zh", "en"} {
			sentence := zhSentence
			title := fmt.Sprintf("合成页面第%d页", i)
			if lang == "en" {
				sentence = enSentence
				title = fmt.Sprintf("Synthetic page %d", i)
			}
			var body strings.Builder
			for s := 0; s < 3; s++ {
				fmt.Fprintf(&body, "## %s %d\n\n", strings.TrimSuffix(sentence(), "。"), s)
				for p := 0; p < 2; p++ {
					body.WriteString(sentence() + sentence() + sentence() + "\n" + sentence() + sentence() + "\n\n")
				}
				body.WriteString("- " + sentence() + "\n- " + sentence() + "\n- " + sentence() + "\n\n")
			}
			body.WriteString("| 项目 | 金额 | 说明 |\n| --- | ---: | --- |\n")
			for r := 0; r < 4; r++ {
				fmt.Fprintf(&body, "| %d | %d | %s |\n", r+1, (r+1)*100000, sentence())
			}
			body.WriteString("\n见[第八条](/policy/08-social-insurance/)。\n")
			front := fmt.Sprintf("---\ntitle: %q\ndescription: %q\nweight: %d\n---\n", title, strings.TrimSuffix(sentence(), "."), i)
			pages = append(pages, Page{Name: fmt.Sprintf("p%04d.%s.md", i, lang), Front: front, Body: body.String()})
		}
	}
	return pages
}

// Project returns an in-memory copy of the project's content/ and templates/ (read from root, the
// project's folder) with the synthetic pages added under content/bench/: the site our build
// benchmarks build. policyText is the policy's Chinese text (see Pages).
func Project(root afero.Fs, policyText []byte) (afero.Fs, error) {
	mem := afero.NewMemMapFs()
	for _, dir := range []string{"content", "templates"} {
		err := afero.Walk(root, dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			data, err := afero.ReadFile(root, p)
			if err != nil {
				return err
			}
			return afero.WriteFile(mem, p, data, 0o644)
		})
		if err != nil {
			return nil, err
		}
	}
	for name, text := range Files(policyText) {
		if err := afero.WriteFile(mem, name, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return mem, nil
}

// Dir is the folder of the synthetic pages in the project, git-ignored.
const Dir = "content/bench"

// Files returns the synthetic pages and their section's index pages, keyed by their path in the
// project (content/bench/p0001.zh.md…).
func Files(policyText []byte) map[string]string {
	files := map[string]string{
		Dir + "/_index.zh.md": "---\ntitle: 合成页面\ndescription: 基准测试用的合成页面。\n---\n合成页面。\n",
		Dir + "/_index.en.md": "---\ntitle: Synthetic pages\ndescription: Synthetic pages for the benchmark.\n---\nSynthetic pages.\n",
	}
	for _, p := range Pages(policyText) {
		files[Dir+"/"+p.Name] = p.Front + p.Body
	}
	return files
}

// WriteContent writes the synthetic pages into root/content/bench/ (replacing what was there),
// so that the plain build command builds the synthetic site: go run ./build/bench synth.
func WriteContent(root string, policyText []byte) error {
	dir := filepath.Join(root, filepath.FromSlash(Dir))
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, text := range Files(policyText) {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteHugoSite lays the pages out in dir as a Hugo site with two languages and layouts of the
// same shape as ours (base, list, single, a menu and a language switch).
func WriteHugoSite(dir string, policyText []byte) error {
	var failed error
	write := func(p, s string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil && failed == nil {
			failed = err
		}
	}
	write("config.toml", `baseURL = "https://example.org/"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
[languages.zh]
languageName = "中文"
weight = 1
hasCJKLanguage = true
[languages.en]
languageName = "English"
weight = 2
[markup.goldmark.extensions]
typographer = false
[markup.goldmark.parser]
autoHeadingIDType = "github"
`)
	write("layouts/_default/baseof.html", `<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title><meta name="description" content="{{ .Description }}"><link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head>
<body><a href="#main">skip</a><header><nav><ul><li><a href="{{ .Site.Home.RelPermalink }}">home</a></li></ul></nav>
{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<main id="main">{{ block "main" . }}{{ end }}</main><footer>footer</footer></body></html>`)
	write("layouts/_default/single.html", `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .TableOfContents }}<nav>{{ . }}</nav>{{ end }}{{ .Content }}</article>{{ end }}`)
	write("layouts/_default/list.html", `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`)
	write("layouts/index.html", `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`)
	write("content/_index.zh.md", "---\ntitle: 首页\n---\n")
	write("content/_index.en.md", "---\ntitle: Home\n---\n")
	write("content/policy/08-social-insurance.zh.md", "---\ntitle: 第八条\n---\n正文。\n")
	write("content/policy/08-social-insurance.en.md", "---\ntitle: Clause 8\n---\nText.\n")
	for _, p := range Pages(policyText) {
		body := strings.ReplaceAll(p.Body, "(/policy/08-social-insurance/)", `({{< relref "/policy/08-social-insurance" >}})`)
		write("content/bench/"+p.Name, p.Front+body)
	}
	return failed
}

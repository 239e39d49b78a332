package site

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/output"
)

// The build benchmark of issue 2: a synthetic bilingual site of 1,000 pages per language (Chinese
// and English paragraphs, lists and tables) on top of the real templates, data and assets, built
// in memory with every stage but the WebAssembly compile. BenchmarkHugoSynthetic builds the same
// Markdown with Debian's hugo (minify on), for a side-by-side figure:
//
//	go test -run '^$' -bench 'Synthetic' -benchmem ./build/site/

const synthPages = 1000

func BenchmarkBuildSynthetic(b *testing.B) { benchSynthetic(b, output.DefaultCompression) }

// BenchmarkBuildSyntheticNoPrecompress leaves out the .br/.gz siblings, which Hugo does not write:
// the like-for-like figure against BenchmarkHugoSynthetic.
func BenchmarkBuildSyntheticNoPrecompress(b *testing.B) {
	benchSynthetic(b, output.Compression{Skip: true})
}

func benchSynthetic(b *testing.B, c output.Compression) {
	fsys := synthProject(b)
	b.ReportAllocs()
	b.ResetTimer()
	var pages int
	for i := 0; i < b.N; i++ {
		res, err := Build(Options{Fs: fsys, NoWrite: true, Stages: []Stage{SearchStage, stubWasm}, Compression: c})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkHugoSynthetic times `hugo --minify` on the same synthetic pages (with simple layouts of
// the same structure). It is skipped where hugo is not installed (Debian: apt-get install hugo).
func BenchmarkHugoSynthetic(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("hugo not installed")
	}
	dir := b.TempDir()
	writeHugoSite(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("public%d", i))
		cmd := exec.Command(hugo, "--minify", "--quiet", "-d", out)
		cmd.Dir = dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("hugo: %v\n%s", err, msg)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(2*synthPages), "ms/page")
}

// synthProject copies the real project (content, templates) into memory and adds the synthetic pages.
func synthProject(b *testing.B) afero.Fs {
	b.Helper()
	mem := afero.NewMemMapFs()
	disk := afero.NewBasePathFs(afero.NewOsFs(), "../..")
	for _, dir := range []string{"content", "templates"} {
		err := afero.Walk(disk, dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			data, err := afero.ReadFile(disk, p)
			if err != nil {
				return err
			}
			return afero.WriteFile(mem, p, data, 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range synthPagesFor() {
		afero.WriteFile(mem, "content/bench/"+p.name, []byte(p.front+p.body), 0o644)
	}
	afero.WriteFile(mem, "content/bench/_index.zh.md", []byte("---\ntitle: 合成页面\ndescription: 基准测试用的合成页面。\n---\n合成页面。\n"), 0o644)
	afero.WriteFile(mem, "content/bench/_index.en.md", []byte("---\ntitle: Synthetic pages\ndescription: Synthetic pages for the benchmark.\n---\nSynthetic pages.\n"), 0o644)
	return mem
}

type synthPage struct{ name, front, body string }

// synthPagesFor makes synthPages pages per language, the same every time (fixed seed).
func synthPagesFor() []synthPage {
	src, _ := os.ReadFile("testdata/jsz-2021-35.zh.txt")
	var han []rune
	for _, r := range string(src) {
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
	var pages []synthPage
	for i := 1; i <= synthPages; i++ {
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
			pages = append(pages, synthPage{name: fmt.Sprintf("p%04d.%s.md", i, lang), front: front, body: body.String()})
		}
	}
	return pages
}

// writeHugoSite lays the synthetic pages out as a Hugo site with two languages and layouts of the
// same shape as ours (base, list, single, a menu and a language switch).
func writeHugoSite(b *testing.B, dir string) {
	b.Helper()
	write := func(p, s string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			b.Fatal(err)
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
	for _, p := range synthPagesFor() {
		body := strings.ReplaceAll(p.body, "(/policy/08-social-insurance/)", `({{< relref "/policy/08-social-insurance" >}})`)
		write("content/bench/"+p.name, p.front+body)
	}
}

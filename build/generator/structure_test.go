package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"scaleup/build/content"
	"scaleup/build/diag"
)

// The stages: each plugs into package pipeline and imports no other stage (esbuild's rule: a
// stage never reaches into another's package). content (the model) and markdown (which the
// loader uses to complete the model) come before every stage.
var stagePackages = []string{"assets", "search", "wasm", "site", "offline", "output"}

// goList runs `go list` with args from the module root and returns its lines.
func goList(t *testing.T, env []string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %v: %v\n%s", args, err, ee.Stderr)
		}
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}

// TestImports checks the layers the build's contract promises, with go list.
func TestImports(t *testing.T) {
	// The rule core and its adapters know nothing of the generator.
	for _, c := range []struct {
		pkg string
		env []string
	}{
		{"./calculator/...", nil},
		{"./calculator/wasm", []string{"GOOS=js", "GOARCH=wasm"}},
	} {
		for _, dep := range goList(t, c.env, "-deps", c.pkg) {
			if strings.HasPrefix(dep, "scaleup/build") {
				t.Errorf("%s depends on %s: the rule core must not know the generator", c.pkg, dep)
			}
		}
	}
	// The renderer knows no server: the headers and hashed-name rules it shares with them are
	// package deploy's.
	for _, dep := range goList(t, nil, "-deps", "./build/site") {
		if dep == "scaleup/build/serve" {
			t.Errorf("build/site depends on build/serve")
		}
	}
	// No stage imports another stage, the renderer least of all: they meet in the pipeline's
	// Context.
	stage := map[string]bool{}
	for _, s := range stagePackages {
		stage["scaleup/build/"+s] = true
	}
	for _, s := range stagePackages {
		pkg := "scaleup/build/" + s
		for _, imp := range goList(t, nil, "-f", `{{join .Imports " "}}`, "./build/"+s) {
			if stage[imp] && imp != pkg {
				t.Errorf("%s imports %s: stages meet only in package pipeline", pkg, imp)
			}
		}
	}
	for _, s := range []string{"content", "markdown", "pipeline", "deploy"} {
		for _, dep := range goList(t, nil, "-deps", "./build/"+s) {
			if stage[dep] && dep != "scaleup/build/output" {
				t.Errorf("build/%s depends on the stage %s; it comes before every stage", s, dep)
			}
		}
	}
}

// TestNoPolicyInGenerator reads every non-test Go file of the generator (the packages the build
// command is made of) and fails on anything of a particular policy: a document's number, issuer
// or title, the city's name, a department id, a glossary term. A new document must be a content
// change only. String literals are checked for all of them; comments for document numbers and
// place names (examples in comments are written as made-up documents).
func TestNoPolicyInGenerator(t *testing.T) {
	site := content.Load(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../..")), "content", content.Options{}, &diag.List{})
	if len(site.Documents) == 0 {
		t.Fatal("no policy document loaded from content/: nothing to look for")
	}
	var inComments, inLiterals []string
	add := func(list *[]string, ss ...string) {
		for _, s := range ss {
			if s = strings.TrimSpace(s); len([]rune(s)) >= 2 {
				*list = append(*list, s)
			}
		}
	}
	for _, d := range site.Documents {
		add(&inComments, d.Number.Zh, d.Number.En, d.Issuer.Zh, d.Issuer.En, d.Title.Zh, d.Title.En)
	}
	add(&inComments, "晋城", "Jincheng", "晋市政办", "山西", "Shanxi")
	inLiterals = append(inLiterals, inComments...)
	for _, d := range site.Documents {
		add(&inLiterals, d.ID)
	}
	for _, d := range site.Data.Departments {
		add(&inLiterals, strconv.Quote(d.ID), d.Zh, d.En)
	}
	for _, g := range site.Data.Glossary {
		add(&inLiterals, g.Zh)
	}
	// A number of articles written into Go (clause 1–17, part 1–5) is a limit that belongs in
	// the document's content.
	limits := regexp.MustCompile(`[^0-9](1[–-]17|1[–-]5)[^0-9]`)

	generator := map[string]bool{}
	for _, pkg := range goList(t, nil, "-deps", "./build") {
		if strings.HasPrefix(pkg, "scaleup/build") {
			generator[pkg] = true
		}
	}
	if len(generator) < 10 {
		t.Fatalf("go list found only %d packages of the generator", len(generator))
	}
	for pkg := range generator {
		dir := filepath.Join("../..", strings.TrimPrefix(pkg, "scaleup/"))
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			for _, cg := range f.Comments {
				for _, s := range inComments {
					if strings.Contains(cg.Text(), s) {
						t.Errorf("%s: a comment names %q", fset.Position(cg.Pos()), s)
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				for _, s := range inLiterals {
					if strings.Contains(lit.Value, s) {
						t.Errorf("%s: a string names %q: it belongs in content/", fset.Position(lit.Pos()), s)
					}
				}
				if limits.MatchString(lit.Value) {
					t.Errorf("%s: a string carries a document's limits (%s): they belong in content/", fset.Position(lit.Pos()), lit.Value)
				}
				return true
			})
		}
	}
}

package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
)

// query is one of the real queries of build/search's tests, with the page that
// should come first.
type query struct{ lang, q, want string }

// queriesFile holds realQueries. It is a test file, which a command cannot
// import, so the list is read from its source: one list for the Go tests and
// for this comparison.
const queriesFile = "build/search/realsite_test.go"

// loadQueries returns the Chinese queries of realQueries, filled up to n with
// the others when there are fewer than n.
func loadQueries(n int) ([]query, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, queriesFile, nil, 0)
	if err != nil {
		return nil, err
	}
	var all []query
	var bad error
	ast.Inspect(f, func(node ast.Node) bool {
		spec, ok := node.(*ast.ValueSpec)
		if !ok || len(spec.Names) != 1 || spec.Names[0].Name != "realQueries" || len(spec.Values) != 1 {
			return true
		}
		list, ok := spec.Values[0].(*ast.CompositeLit)
		if !ok {
			bad = fmt.Errorf("%s: realQueries is not a list literal", fset.Position(spec.Pos()))
			return false
		}
		for _, elt := range list.Elts {
			row, ok := elt.(*ast.CompositeLit)
			if !ok || len(row.Elts) != 3 {
				bad = fmt.Errorf("%s: want {lang, query, page}", fset.Position(elt.Pos()))
				return false
			}
			var s [3]string
			for i, e := range row.Elts {
				lit, ok := e.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					bad = fmt.Errorf("%s: want a string literal", fset.Position(e.Pos()))
					return false
				}
				s[i], _ = strconv.Unquote(lit.Value)
			}
			all = append(all, query{lang: s[0], q: s[1], want: s[2]})
		}
		return false
	})
	if bad != nil {
		return nil, bad
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: realQueries not found", queriesFile)
	}
	var out []query
	for _, q := range all {
		if q.lang == "zh" && len(out) < n {
			out = append(out, q)
		}
	}
	for _, q := range all {
		if q.lang != "zh" && len(out) < n {
			out = append(out, q)
		}
	}
	return out, nil
}

package content

import (
	"strings"

	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"

	"scaleup/build/diag"
)

// Claim is a statement the guidance makes about an amount or a condition (content/data/claims.yaml),
// tied to what the rule core answers. The build checks that the quote is on the page, in both
// languages, and that the core's answer for each case's input is the expected one; a statement
// with a number that the core does not compute says so (Unchecked) instead of giving cases.
type Claim struct {
	Page      string // Chinese path of the page, e.g. /faq/; the English page is checked too
	Quote     Text   // the statement as the page shows it (white space is ignored)
	Cases     []*ClaimCase
	Unchecked string // why the core cannot check it (a number the core does not compute)
	File      string
	Line      int
}

// ClaimCase is one input and the parts of the core's answer the statement fixes.
type ClaimCase struct {
	Input  *yaml.Node // the calculator's JSON input, written as YAML (as in examples)
	Expect ClaimExpect
	Line   int
}

// ClaimExpect lists what the core must answer. Amounts are yuan, written as in the JSON output.
// Items maps an item id ("taxReward"), or an id and a year ("taxReward 2023"), to the sum of
// those cash items. Failed lists "clause:field" entries that must be among the failed conditions;
// Warnings lists warning ids that must be given. Fields left out are not checked.
type ClaimExpect struct {
	Eligible     *bool             `yaml:"eligible"`
	Total        string            `yaml:"total"`
	SavingsTotal string            `yaml:"savingsTotal"`
	Items        map[string]string `yaml:"items"`
	Failed       []string          `yaml:"failed"`
	Warnings     []string          `yaml:"warnings"`
}

type claimFile struct {
	Page  string `yaml:"page"`
	Quote Text   `yaml:"quote"`
	Cases []struct {
		Input  yaml.Node   `yaml:"input"`
		Expect ClaimExpect `yaml:"expect"`
	} `yaml:"cases"`
	Unchecked string `yaml:"unchecked"`
}

// loadClaims reads content/data/claims.yaml (optional).
func loadClaims(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	file := dir + "/data/claims.yaml"
	var list []claimFile
	src, ok := decodeData(fsys, file, &list, diags)
	if !ok {
		return
	}
	lines := itemLines(src, "")
	for i, cf := range list {
		c := &Claim{Page: cf.Page, Quote: cf.Quote, Unchecked: strings.TrimSpace(cf.Unchecked), File: file, Line: lineOf(lines, i)}
		what := describe("claim", i, cf.Page)
		if !strings.HasPrefix(c.Page, "/") || !strings.HasSuffix(c.Page, "/") {
			diags.Errorf(file, c.Line, 0, "%s: page must be the page's Chinese path, such as /faq/", what)
		}
		if strings.TrimSpace(c.Quote.Zh) == "" || strings.TrimSpace(c.Quote.En) == "" {
			diags.Errorf(file, c.Line, 0, "%s: quote needs zh and en: the statement as each language's page shows it", what)
		}
		if (len(cf.Cases) == 0) == (c.Unchecked == "") {
			diags.Errorf(file, c.Line, 0, "%s: give cases (inputs and what the rule core must answer) or, for a number the core does not compute, unchecked: why", what)
		}
		for j := range cf.Cases {
			cs := &cf.Cases[j]
			cc := &ClaimCase{Input: &cs.Input, Expect: cs.Expect, Line: cs.Input.Line}
			if cs.Input.Kind != yaml.MappingNode {
				diags.Errorf(file, c.Line, 0, "%s, case %d: missing input (the calculator's fields under \"input:\")", what, j+1)
				continue
			}
			c.Cases = append(c.Cases, cc)
		}
		s.Data.Claims = append(s.Data.Claims, c)
	}
}

// InputJSON turns the case's input into the JSON the rule core reads (see Example.InputJSON).
func (c *ClaimCase) InputJSON() []byte {
	var b strings.Builder
	writeJSON(&b, c.Input)
	return []byte(b.String())
}

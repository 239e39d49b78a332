package site

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"scaleup/build/content"
	"scaleup/build/diag"
	"scaleup/calculator"
)

// ExampleView is a worked example with the rule core's result, as templates see it.
type ExampleView struct {
	*content.Example
	URL        string
	Output     calculator.Output
	Fragment   string // the calculator's URL fragment that reproduces this example
	Calculator string // the calculator URL with the fragment
}

// AfterHorizon reports whether any amount of the example falls after the policy's stated
// horizon (the rule core marks each item); the pages then say that those years are not promised.
func (v ExampleView) AfterHorizon() bool {
	for _, list := range [][]calculator.Item{v.Output.Items, v.Output.Savings} {
		for _, it := range list {
			if it.AfterHorizon {
				return true
			}
		}
	}
	return false
}

// YearAfterHorizon reports whether the cash of year y is after the horizon (its items are).
func (v ExampleView) YearAfterHorizon(y int) bool {
	for _, it := range v.Output.Items {
		if it.Year == y && it.AfterHorizon {
			return true
		}
	}
	return false
}

// runExamples runs the rule core on every example's input: the same code the calculator runs in
// the browser. An input the core rejects is a content error at the example's file.
func runExamples(s *content.Site, rules calculator.Rules, diags *diag.List) map[string]calculator.Output {
	outs := map[string]calculator.Output{}
	if len(rules) == 0 && len(s.Data.Examples) > 0 {
		diags.Errorf(s.Data.Examples[0].File, 0, 0, "worked examples need the calculator's rule modules, and this build has none")
		return outs
	}
	for _, ex := range s.Data.Examples {
		in, errs := rules.Decode(ex.InputJSON())
		if len(errs) > 0 {
			for _, e := range errs {
				diags.Errorf(ex.File, ex.Line, 1, "input: %s: %s", e.Field, e.EN)
			}
			continue
		}
		out, err := rules.Estimate(in)
		if err != nil {
			diags.Errorf(ex.File, ex.Line, 1, "input: %v", err)
			continue
		}
		outs[ex.ID] = out
	}
	return outs
}

func exampleViews(s *content.Site, outs map[string]calculator.Output, lang string) []ExampleView {
	var views []ExampleView
	for _, ex := range s.Data.Examples {
		out, ok := outs[ex.ID]
		if !ok {
			continue
		}
		frag := CalculatorFragment(ex.Input)
		views = append(views, ExampleView{
			Example:    ex,
			URL:        content.Localize("/examples/"+ex.ID+"/", lang),
			Output:     out,
			Fragment:   frag,
			Calculator: content.Localize("/calculator/", lang) + frag,
		})
	}
	return views
}

// The calculator page keeps its scenario in the URL fragment (templates/assets/js/calculator/
// state.ts): "#v1=" and short-key:value pairs joined by "~", rows as t0v (taxes[0].vat). These
// tables mirror state.ts; the browser test that opens every example in the calculator and
// compares the total is what keeps them in step.
var fragmentKeys = map[string]string{
	"firstEntryYear": "y", "revenue": "r", "route": "ro", "industrial": "in", "firstTime": "ft",
	"lastYearInDirectory": "ly", "priorityField": "pf", "prioritySector": "ps", "techSME": "ts",
	"inCultivationPool": "cp", "employees": "em", "guarantee.amount": "ga", "guarantee.alternativeFeeRate": "gr",
	"assumptions.retentionCountsEntryYear": "ar", "assumptions.windowStartsAtEntry": "aw",
	"assumptions.taxBase": "ab", "assumptions.localShare.vat": "av", "assumptions.localShare.cit": "ac",
	"assumptions.localShare.otherLocal": "ao", "assumptions.returnedFraction": "af",
	"assumptions.hireStartsBeforeEntry": "ah", "assumptions.hireStartLimit": "al",
	"assumptions.socialInsuranceScope": "as", "assumptions.taxIncreaseNetting": "an",
	"assumptions.exitEndsAllRewards": "ax",
}

var fragmentRowKeys = map[string]map[string]string{
	"taxes": {"year": "y", "vat": "v", "cit": "c", "otherLocal": "o"},
	"hires": {"start": "s", "contractMonths": "m", "monthlyEmployerContribution": "c", "monthsEmployed": "e", "monthlyEmployeeContribution": "p"},
}

var fragmentGroupKeys = map[string]string{"taxes": "t", "hires": "h"}

// CalculatorFragment writes the calculator's URL fragment for an input written as YAML. Every
// field given is written, in the order written, whether or not it equals the form's default.
func CalculatorFragment(input *yaml.Node) string {
	var parts []string
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			name, v := prefix+n.Content[i].Value, n.Content[i+1]
			switch {
			case v.Kind == yaml.MappingNode:
				walk(v, name+".")
			case v.Kind == yaml.SequenceNode && fragmentGroupKeys[name] != "":
				for row, item := range v.Content {
					for j := 0; j+1 < len(item.Content); j += 2 {
						if k := fragmentRowKeys[name][item.Content[j].Value]; k != "" {
							parts = append(parts, fragmentGroupKeys[name]+strconv.Itoa(row)+k+":"+fragmentValue(item.Content[j+1]))
						}
					}
				}
			case fragmentKeys[name] != "":
				parts = append(parts, fragmentKeys[name]+":"+fragmentValue(v))
			}
		}
	}
	walk(input, "")
	if len(parts) == 0 {
		return ""
	}
	return "#v1=" + strings.Join(parts, "~")
}

func fragmentValue(n *yaml.Node) string {
	if n.ShortTag() == "!!bool" {
		if strings.ToLower(n.Value) == "true" {
			return "1"
		}
		return "0"
	}
	return encodeURIComponent(n.Value)
}

// encodeURIComponent escapes as JavaScript's function of that name does, and also "~", which
// the fragment uses as its separator.
func encodeURIComponent(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

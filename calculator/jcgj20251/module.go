// Package jcgj20251 is the rule module of 山西省财政厅、山西省民营经济发展局《省级民营经济发展专项资金
// 管理办法》(晋财规建〔2025〕1号): the province's rewards to enterprises, a layer of the estimate
// beside the city's. The site holds no official copy of the Measures, only the facts of
// shared/policy/sx-2025-fund.md, and does not know their article numbers: the module names the
// points of the site's own summary (content/province/, document id jcgj-2025-1), 1 to 4.
//
// What it computes, from the Measures' in-force date, 2025-06-01: 300,000 yuan for a first-time
// 小升规 enterprise (point 1), raised by 30% for a strategic emerging industry; new-production
// and sector-shift enterprises counted as 小升规 (point 2, a reading); 500,000 yuan once for a
// completed standardised joint-stock reform (point 3); and for each, the earliest year it can be
// paid, the year after ("当年预算支持上年已确定的项目", point 4). Earlier provincial rules are only
// reported, in a warning, never estimated.
package jcgj20251

import "scaleup/calculator"

// Module applies 晋财规建〔2025〕1号. The zero value is ready to use.
type Module struct{}

var _ calculator.Module = Module{}

// DocumentID is the document's id in content/province/document.yaml.
const DocumentID = "jcgj-2025-1"

// Document returns DocumentID.
func (Module) Document() string { return DocumentID }

// Version returns Version.
func (Module) Version() string { return Version }

// Parameters returns every parameter of the module.
func (Module) Parameters() []calculator.Param { return Parameters() }

// Reads lists the fields of the shared input the rules read.
func (Module) Reads() []string {
	return []string{"firstEntryYear", "firstEntryMonth", "revenue", "route", "industrial", "firstTime",
		"priorityField", "strategicEmerging", "jointStockReformYear", "assumptions"}
}

// Readings lists the choices the facts leave open. The site holds no copy of the text: each
// Sentence is what the facts record of it.
//
//   - provinceCountsDeemedRoutes [true]: the sentence on new-production and sector-shift
//     enterprises is cut off in every source ("对新开工（投产）升规入统工业企业、主导行业由其他行业转为工业
//     行业的转规入统企业…"); the provincial structure the Jincheng policy copies deems them 小升规
//     (its clauses 二 and 三), so by default they are counted, marked as a reading. false counts
//     only the growth route.
//   - provinceCounts2025WithoutMonth [false]: the Measures apply from 2025-06-01. A first entry in
//     2025 without its month, or a joint-stock reform in 2025 (the input has no month), may be
//     before that date: by default it is not counted, so that no money is promised that the
//     Measures may not give (the annual admission review is usually late in the year, facts.md
//     §1.5, which is why true is offered).
func (Module) Readings() []calculator.Reading {
	yesNo := []string{"true", "false"}
	return []calculator.Reading{
		{Key: "provinceCountsDeemedRoutes", Values: yesNo, Default: "true", Sentence: "对新开工（投产）升规入统工业企业、主导行业由其他行业转为工业行业的转规入统企业……"},
		{Key: "provinceCounts2025WithoutMonth", Values: yesNo, Default: "false", Sentence: "2025年6月1日起施行"},
	}
}

// Check finds nothing the shared validation does not: the module has no lists of its own.
func (Module) Check(*calculator.Input) []calculator.FieldError { return nil }

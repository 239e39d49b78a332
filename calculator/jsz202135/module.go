// Package jsz202135 is the rule module of 晋城市人民政府办公室《关于进一步推动我市中小微工业企业上规升级的
// 实施意见》(晋市政办〔2021〕35号): the city's rewards for first-time 小升规 industrial enterprises
// (clauses 四, 五, 八, 十), the guarantee-fee saving (九) and the non-cash benefits, with the
// readings of what the text does not settle. Its content is content/policy/ (document id
// jsz-2021-35); the site links and labels its clauses from there.
package jsz202135

import (
	"scaleup/calculator"
)

// Module applies 晋市政办〔2021〕35号. The zero value is ready to use.
type Module struct{}

var _ calculator.Module = Module{}

// DocumentID is the document's id in content/policy/document.yaml.
const DocumentID = "jsz-2021-35"

// Document returns DocumentID.
func (Module) Document() string { return DocumentID }

// Version returns Version.
func (Module) Version() string { return Version }

// Parameters returns every parameter of the module.
func (Module) Parameters() []calculator.Param { return Parameters() }

// Reads lists the fields of the shared input the rules read.
func (Module) Reads() []string {
	return []string{"firstEntryYear", "revenue", "route", "industrial", "firstTime", "lastYearInDirectory",
		"priorityField", "prioritySector", "techSME", "inCultivationPool", "employees", "taxes", "hires",
		"guarantee", "assumptions"}
}

// Readings lists the choices the text leaves open, each with the words it interprets. Their
// defaults and the reasons for them are in the calculator's README and on /status/#readings.
func (Module) Readings() []calculator.Reading {
	yesNo := []string{"true", "false"}
	return []calculator.Reading{
		{Key: "retentionCountsEntryYear", Values: yesNo, Default: "true", Sentence: "首次“小升规”后连续2年未退出规上工业企业库的……连续3年未退出的"},
		{Key: "windowStartsAtEntry", Values: yesNo, Default: "true", Sentence: "首次“小升规”三年内"},
		{Key: "taxBase", Values: []string{string(calculator.TaxBaseFixed), string(calculator.TaxBaseRolling)}, Default: string(calculator.TaxBaseFixed), Sentence: "按照上年纳税基数"},
		{Key: "localShare", Default: "vat 0.5, cit 0.4, otherLocal 1", Sentence: "新增税款地方留成部分"},
		{Key: "returnedFraction", Default: "1", Sentence: "由财政以奖补形式予以返还"},
		{Key: "hireStartsBeforeEntry", Values: []string{string(calculator.HireBeforeEntryExcluded), string(calculator.HireBeforeEntryMonthsAfter)},
			Default: string(calculator.HireBeforeEntryExcluded), Sentence: "首次“小升规”工业企业招用就业困难人员，与之签订1年以上劳动合同"},
		{Key: "hireStartLimit", Values: []string{string(calculator.HireStartWindow), string(calculator.HireStartAny)},
			Default: string(calculator.HireStartWindow), Sentence: "首次“小升规”工业企业招用就业困难人员"},
		{Key: "socialInsuranceScope", Values: []string{string(calculator.InsuranceEmployer), string(calculator.InsuranceEmployerAndEmployee)},
			Default: string(calculator.InsuranceEmployer), Sentence: "按照实际缴纳社会保险费金额给予补贴"},
		{Key: "taxIncreaseNetting", Values: []string{string(calculator.TaxNettingPerYear), string(calculator.TaxNettingNetted)},
			Default: string(calculator.TaxNettingPerYear), Sentence: "三年内新增税款地方留成部分"},
		{Key: "exitEndsAllRewards", Values: []string{"false", "true"}, Default: "false", Sentence: "连续2年未退出规上工业企业库"},
	}
}

// Check finds what only this document's lists can: a sector id that clause 五 does not list, or
// that belongs to another field than the one chosen.
func (Module) Check(in *calculator.Input) []calculator.FieldError {
	s := in.PrioritySector
	if s == "" || !calculator.ValidID(s) {
		return nil // Validate says what is wrong with its form
	}
	f := sectorField(s)
	var zh, en string
	switch {
	case f == "":
		zh = "“" + s + "”不是第（五）条所列领域的编号（清单见第（五）条页面）"
		en = "\"" + s + "\" is not the id of a sector listed for clause (5) (the lists are on the clause (5) page)"
	case in.PriorityField != calculator.PriorityNone && priorityNames[in.PriorityField].ZH != "" && f != in.PriorityField:
		zh = "“" + s + "”属于" + priorityNames[f].ZH + "，不属于所选的领域（" + priorityNames[in.PriorityField].ZH + "）"
		en = "\"" + s + "\" is listed under " + priorityNames[f].EN + ", not under the chosen field (" + priorityNames[in.PriorityField].EN + ")"
	default:
		return nil
	}
	return []calculator.FieldError{{Field: "prioritySector", Text: calculator.Text{ZH: zh, EN: en}}}
}

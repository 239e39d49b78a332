package content

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Text is a string in both languages, written {zh: …, en: …} in data files.
type Text struct {
	Zh string `yaml:"zh"`
	En string `yaml:"en"`
}

// In returns the text in lang.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Zh
}

// Lists is a list of strings per language.
type Lists struct {
	Zh []string `yaml:"zh"`
	En []string `yaml:"en"`
}

// In returns the list for lang.
func (l Lists) In(lang string) []string {
	if lang == "en" {
		return l.En
	}
	return l.Zh
}

// Department is a body responsible for clauses (data/departments.yaml).
type Department struct {
	ID      string   `yaml:"id"`
	Zh      string   `yaml:"zh"`
	En      string   `yaml:"en"`
	Aliases []string `yaml:"aliases"`
	Line    int      `yaml:"-"`
}

// Name returns the department's name in lang.
func (d *Department) Name(lang string) string { return Text{d.Zh, d.En}.In(lang) }

// Term is a glossary entry (data/glossary.yaml).
type Term struct {
	ID         string `yaml:"id"`
	Zh         string `yaml:"zh"`
	En         string `yaml:"en"`
	Aliases    Lists  `yaml:"aliases"`
	Definition Text   `yaml:"definition"`
	Clauses    []int  `yaml:"clauses"`
	Line       int    `yaml:"-"`
}

// Name returns the term in lang.
func (t *Term) Name(lang string) string { return Text{t.Zh, t.En}.In(lang) }

// SectorGroup is one of the three lists of clause (五) (data/sectors.yaml).
type SectorGroup struct {
	ID     string   `yaml:"-"`
	Title  Text     `yaml:"title"`
	Source Text     `yaml:"source"`
	Items  []Sector `yaml:"items"`
}

// Sector is one field of a SectorGroup.
type Sector struct {
	ID string `yaml:"id"`
	Zh string `yaml:"zh"`
	En string `yaml:"en"`
}

// Name returns the sector's name in lang.
func (s Sector) Name(lang string) string { return Text{s.Zh, s.En}.In(lang) }

// SectorGroupIDs fixes the order of the groups; the calculator's priorityField values are these ids.
var SectorGroupIDs = []string{"four_foundations", "made_in_china_2025", "shanxi_strategic"}

// Benefit is one row of the benefits table (data/benefits.yaml).
type Benefit struct {
	ID          string   `yaml:"id"`
	Clause      int      `yaml:"clause"`
	What        Text     `yaml:"what"`
	Amount      Text     `yaml:"amount"`
	Cash        int64    `yaml:"cash"`
	Conditions  Text     `yaml:"conditions"`
	Departments []string `yaml:"departments"`
	Line        int      `yaml:"-"`
}

// Document is the policy document's metadata (data/document.yaml).
type Document struct {
	Issuer           Text     `yaml:"issuer"`
	Number           Text     `yaml:"number"`
	Title            Text     `yaml:"title"`
	Header           string   `yaml:"header"`
	TitleAsPrinted   string   `yaml:"titleAsPrinted"`
	Printed          string   `yaml:"printed"`
	PrintedAsText    string   `yaml:"printedAsText"`
	Disclosure       Text     `yaml:"disclosure"`
	DisclosureAsText string   `yaml:"disclosureAsText"`
	Addressees       Text     `yaml:"addressees"`
	CC               Text     `yaml:"cc"`
	CCLines          []string `yaml:"ccLines"`
	Signature        string   `yaml:"signature"`
	Parts            []Part   `yaml:"parts"`
}

// Part is one of the document's five parts.
type Part struct {
	Number  int    `yaml:"number"`
	Numeral string `yaml:"numeral"`
	Zh      string `yaml:"zh"`
	En      string `yaml:"en"`
	Heading string `yaml:"heading"`
	Page    string `yaml:"page"`
}

// Name returns the part's title in lang.
func (p Part) Name(lang string) string { return Text{p.Zh, p.En}.In(lang) }

// Data holds every data file.
type Data struct {
	Document    Document
	Departments []*Department
	Glossary    []*Term
	Sectors     []*SectorGroup
	Benefits    []*Benefit
	Synonyms    [][]string
	Examples    []*Example
}

// Department returns the department with id, or nil.
func (d *Data) Department(id string) *Department {
	for _, dep := range d.Departments {
		if dep.ID == id {
			return dep
		}
	}
	return nil
}

// decodeStrict decodes YAML into v, refusing unknown fields so that a typo is reported, not ignored.
// It returns the line and message of the first problem.
func decodeStrict(src []byte, v any) (int, string) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if err.Error() == "EOF" {
			return 0, ""
		}
		line, msg := yamlErrorLine(src, err)
		return line, msg
	}
	return 0, ""
}

// itemLines returns the line of each item of a top-level YAML list (or of the list under key).
func itemLines(src []byte, key string) []int {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	n := doc.Content[0]
	if key != "" {
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var found *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				found = n.Content[i+1]
			}
		}
		if found == nil {
			return nil
		}
		n = found
	}
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	lines := make([]int, len(n.Content))
	for i, item := range n.Content {
		lines[i] = item.Line
	}
	return lines
}

func describe(what string, i int, id string) string {
	if id != "" {
		return fmt.Sprintf("%s %q", what, id)
	}
	return fmt.Sprintf("%s #%d", what, i+1)
}

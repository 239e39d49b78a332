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
	File    string   `yaml:"-"`
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
	// Articles lists, per document id, the articles whose text uses the term.
	Articles map[string][]int `yaml:"articles"`
	Line     int              `yaml:"-"`
}

// Name returns the term in lang.
func (t *Term) Name(lang string) string { return Text{t.Zh, t.En}.In(lang) }

// SectorGroup is a named list of sectors (data/sectors.yaml), such as the fields a clause
// rewards. Groups keep the order of the file.
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

// Benefit is one row of a document's benefits table (benefits.yaml in its folder).
type Benefit struct {
	ID          string   `yaml:"id"`
	Article     int      `yaml:"article"`
	What        Text     `yaml:"what"`
	Amount      Text     `yaml:"amount"`
	Cash        int64    `yaml:"cash"`
	Conditions  Text     `yaml:"conditions"`
	Departments []string `yaml:"departments"`
	File        string   `yaml:"-"`
	Line        int      `yaml:"-"`
}

// Part is one of a document's parts.
type Part struct {
	Number  int    `yaml:"number"`
	Zh      string `yaml:"zh"`
	En      string `yaml:"en"`
	Heading string `yaml:"heading"` // as the text prints it, e.g. "一、总体要求"
	Page    string `yaml:"page"`    // the slug of the part's own page, if it has one
}

// Name returns the part's title in lang.
func (p Part) Name(lang string) string { return Text{p.Zh, p.En}.In(lang) }

// Data holds the site-wide data files (content/data/) and the worked examples.
type Data struct {
	Departments []*Department // data/departments.yaml and every document's departments.yaml
	Glossary    []*Term
	Sectors     []*SectorGroup
	Synonyms    [][]string
	Examples    []*Example
	Claims      []*Claim
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

// fieldLine is the line of the first mapping key named key anywhere in the YAML src (1 when
// there is none), so that a problem found after decoding can still name its line.
func fieldLine(src []byte, key string) int {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return 1
	}
	var find func(n *yaml.Node) int
	find = func(n *yaml.Node) int {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					return n.Content[i].Line
				}
			}
		}
		for _, c := range n.Content {
			if l := find(c); l > 0 {
				return l
			}
		}
		return 0
	}
	if l := find(&doc); l > 0 {
		return l
	}
	return 1
}

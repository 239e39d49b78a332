package content

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"

	"scaleup/build/diag"
)

// Example is a worked example (content/examples/ID.yaml): a persona, a short story and the
// calculator input. The build runs the rule core on Input and renders the result, so the
// guidance can never disagree with the calculator.
type Example struct {
	ID      string
	File    string
	Weight  int
	Title   Text
	Persona Text
	Story   Text
	Input   *yaml.Node // the calculator's JSON contract, written as YAML
	Line    int        // line of "input:" in File
}

// exampleFile is the shape of an example file; Input stays a node so that it can be turned
// into JSON (for the rule core) and into the calculator's URL fragment as written.
type exampleFile struct {
	Title   Text      `yaml:"title"`
	Persona Text      `yaml:"persona"`
	Story   Text      `yaml:"story"`
	Weight  int       `yaml:"weight"`
	Input   yaml.Node `yaml:"input"`
}

// loadExamples reads content/examples/*.yaml, sorted by weight then id.
func loadExamples(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	files, _ := afero.Glob(fsys, dir+"/examples/*.yaml")
	sort.Strings(files)
	for _, file := range files {
		id := strings.TrimSuffix(path.Base(file), ".yaml")
		if !idOK(id) {
			diags.Errorf(file, 0, 0, "example file names are lowercase letters, digits and hyphens: rename %s", path.Base(file))
			continue
		}
		src, ok := readOptional(fsys, file, diags)
		if !ok {
			continue
		}
		var ef exampleFile
		if line, msg := decodeStrict(src, &ef); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
			continue
		}
		ex := &Example{ID: id, File: file, Weight: ef.Weight, Title: ef.Title, Persona: ef.Persona, Story: ef.Story, Input: &ef.Input, Line: ef.Input.Line}
		for what, t := range map[string]Text{"title": ef.Title, "persona": ef.Persona, "story": ef.Story} {
			if t.Zh == "" || t.En == "" {
				diags.Errorf(file, 1, 1, "%s needs both zh and en", what)
			}
		}
		if ef.Input.Kind != yaml.MappingNode {
			diags.Errorf(file, 1, 1, "missing input: the calculator's fields (firstEntryYear, revenue, …) under \"input:\"")
			continue
		}
		s.Data.Examples = append(s.Data.Examples, ex)
	}
	sort.SliceStable(s.Data.Examples, func(i, j int) bool {
		a, b := s.Data.Examples[i], s.Data.Examples[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.ID < b.ID
	})
}

// InputJSON turns the example's input into the JSON the rule core reads. Numbers keep the text
// they were written with, so 0.02 stays 0.02 and never becomes 0.020000000000000000416.
func (e *Example) InputJSON() []byte {
	var b strings.Builder
	writeJSON(&b, e.Input)
	return []byte(b.String())
}

func writeJSON(b *strings.Builder, n *yaml.Node) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			writeJSON(b, n.Content[0])
		}
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			writeJSON(b, n.Content[i+1])
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, c)
		}
		b.WriteByte(']')
	case yaml.AliasNode:
		writeJSON(b, n.Alias)
	default:
		switch n.ShortTag() {
		case "!!int", "!!float":
			b.WriteString(n.Value)
		case "!!bool":
			b.WriteString(strings.ToLower(n.Value))
		case "!!null":
			b.WriteString("null")
		default:
			s, _ := json.Marshal(n.Value)
			b.Write(s)
		}
	}
}

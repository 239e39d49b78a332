package content

import (
	"bytes"

	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"

	"scaleup/build/diag"
)

// loadData reads content/data/*.yaml. Each file is optional to the loader; the pages that need a
// file report its absence when they are rendered. Documents are loaded first: the glossary and
// departments refer to them.
func loadData(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	d := &s.Data
	data := dir + "/data/"

	decodeData(fsys, data+"synonyms.yaml", &d.Synonyms, diags)

	loadDepartments(fsys, data+"departments.yaml", d, diags)
	for _, doc := range s.Documents {
		loadDepartments(fsys, dir+"/"+doc.Dir+"/departments.yaml", d, diags)
	}
	for _, doc := range s.Documents {
		for _, b := range doc.Benefits {
			for _, dep := range b.Departments {
				if d.Department(dep) == nil {
					diags.Errorf(b.File, b.Line, 0, "benefit %q: unknown department %q", b.ID, dep)
				}
			}
		}
	}

	file := data + "glossary.yaml"
	if src, ok := decodeData(fsys, file, &d.Glossary, diags); ok {
		lines, seen := itemLines(src, ""), map[string]bool{}
		for i, t := range d.Glossary {
			t.Line = lineOf(lines, i)
			checkID(file, t.Line, describe("term", i, t.ID), t.ID, seen, diags)
			if t.Zh == "" || t.En == "" || t.Definition.Zh == "" || t.Definition.En == "" {
				diags.Errorf(file, t.Line, 0, "%s needs zh, en and a definition in both languages", describe("term", i, t.ID))
			}
			for id, articles := range t.Articles {
				doc := s.Document(id)
				if doc == nil {
					diags.Errorf(file, t.Line, 0, "%s: articles names the document %q, which does not exist (ids are in each document.yaml)", describe("term", i, t.ID), id)
					continue
				}
				for _, n := range articles {
					if n < 1 || n > doc.Articles {
						diags.Errorf(file, t.Line, 0, "%s: %s has no article %d", describe("term", i, t.ID), id, n)
					}
				}
			}
		}
	}

	loadSectors(fsys, data+"sectors.yaml", d, diags)
}

// loadDepartments adds the departments of one file (the site's, or a document's) to d.
func loadDepartments(fsys afero.Fs, file string, d *Data, diags *diag.List) {
	var deps []*Department
	src, ok := decodeData(fsys, file, &deps, diags)
	if !ok {
		return
	}
	lines, seen := itemLines(src, ""), map[string]bool{}
	for i, dep := range deps {
		dep.File, dep.Line = file, lineOf(lines, i)
		checkID(file, dep.Line, describe("department", i, dep.ID), dep.ID, seen, diags)
		if dep.Zh == "" || dep.En == "" {
			diags.Errorf(file, dep.Line, 0, "%s needs both zh and en names", describe("department", i, dep.ID))
		}
		if other := d.Department(dep.ID); other != nil {
			diags.Errorf(file, dep.Line, 0, "department %q is already defined at %s:%d: give each body one id", dep.ID, other.File, other.Line)
			continue
		}
		d.Departments = append(d.Departments, dep)
	}
}

// loadSectors reads the sector groups, in the order of the file.
func loadSectors(fsys afero.Fs, file string, d *Data, diags *diag.List) {
	src, ok := readOptional(fsys, file, diags)
	if !ok {
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlErrorLine(src, err)
		diags.Errorf(file, line, 0, "%s", msg)
		return
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		diags.Errorf(file, 1, 1, "expected groups: \"GROUP-ID: {title: …, source: …, items: […]}\"")
		return
	}
	root := doc.Content[0]
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		g := &SectorGroup{ID: k.Value}
		var sub bytes.Buffer
		enc := yaml.NewEncoder(&sub)
		_ = enc.Encode(v)
		if _, msg := decodeStrict(sub.Bytes(), g); msg != "" {
			diags.Errorf(file, k.Line, 0, "sector group %q: %s", k.Value, msg)
			continue
		}
		g.ID = k.Value
		if !idOK(g.ID) {
			diags.Errorf(file, k.Line, k.Column, "sector group id must be lowercase letters, digits, - or _ (found %q)", g.ID)
		}
		for j, it := range g.Items {
			line := k.Line
			if items := mappingValue(v, "items"); items != nil && j < len(items.Content) {
				line = items.Content[j].Line
			}
			checkID(file, line, describe("sector", j, it.ID), it.ID, seen, diags)
		}
		d.Sectors = append(d.Sectors, g)
	}
}

// mappingValue returns the value of key in mapping n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// decodeData reads the optional data file into v, reporting what does not decode at its line.
// It returns the file's source, and whether the file could be read.
func decodeData(fsys afero.Fs, file string, v any, diags *diag.List) ([]byte, bool) {
	src, ok := readOptional(fsys, file, diags)
	if ok {
		if line, msg := decodeStrict(src, v); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
		}
	}
	return src, ok
}

// lineOf is the line of item i (0 when itemLines could not tell).
func lineOf(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

var idOK = func(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func checkID(file string, line int, what, id string, seen map[string]bool, diags *diag.List) {
	if !idOK(id) {
		diags.Errorf(file, line, 0, "%s: id must be lowercase letters, digits, - or _ (found %q)", what, id)
		return
	}
	if seen[id] {
		diags.Errorf(file, line, 0, "%s: id is used twice", what)
	}
	seen[id] = true
}

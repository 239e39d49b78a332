package content

import (
	"strings"

	"github.com/spf13/afero"

	"scaleup/build/diag"
)

// loadData reads content/data/*.yaml. Each file is optional to the loader; the pages that need a
// file report its absence when they are rendered.
func loadData(fsys afero.Fs, dir string, s *Site, diags *diag.List) {
	d := &s.Data
	data := dir + "/data/"

	if src, ok := readOptional(fsys, data+"document.yaml", diags); ok {
		if line, msg := decodeStrict(src, &d.Document); msg != "" {
			diags.Errorf(data+"document.yaml", line, 0, "%s", msg)
		}
	}

	if src, ok := readOptional(fsys, data+"departments.yaml", diags); ok {
		file := data + "departments.yaml"
		if line, msg := decodeStrict(src, &d.Departments); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
		}
		lines := itemLines(src, "")
		seen := map[string]bool{}
		for i, dep := range d.Departments {
			if i < len(lines) {
				dep.Line = lines[i]
			}
			checkID(file, dep.Line, describe("department", i, dep.ID), dep.ID, seen, diags)
			if dep.Zh == "" || dep.En == "" {
				diags.Errorf(file, dep.Line, 0, "%s needs both zh and en names", describe("department", i, dep.ID))
			}
		}
	}

	if src, ok := readOptional(fsys, data+"glossary.yaml", diags); ok {
		file := data + "glossary.yaml"
		if line, msg := decodeStrict(src, &d.Glossary); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
		}
		lines := itemLines(src, "")
		seen := map[string]bool{}
		for i, t := range d.Glossary {
			if i < len(lines) {
				t.Line = lines[i]
			}
			checkID(file, t.Line, describe("term", i, t.ID), t.ID, seen, diags)
			if t.Zh == "" || t.En == "" || t.Definition.Zh == "" || t.Definition.En == "" {
				diags.Errorf(file, t.Line, 0, "%s needs zh, en and a definition in both languages", describe("term", i, t.ID))
			}
		}
	}

	if src, ok := readOptional(fsys, data+"sectors.yaml", diags); ok {
		file := data + "sectors.yaml"
		groups := map[string]*SectorGroup{}
		if line, msg := decodeStrict(src, &groups); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
		}
		seen := map[string]bool{}
		for _, id := range SectorGroupIDs {
			g := groups[id]
			if g == nil {
				diags.Errorf(file, 1, 1, "missing sector group %q", id)
				continue
			}
			g.ID = id
			lines := itemLines(src, id)
			for i, it := range g.Items {
				line := 0
				if i < len(lines) {
					line = lines[i]
				}
				checkID(file, line, describe("sector", i, it.ID), it.ID, seen, diags)
			}
			d.Sectors = append(d.Sectors, g)
		}
		for id := range groups {
			if !contains(SectorGroupIDs, id) {
				diags.Errorf(file, 1, 1, "unknown sector group %q (groups: %s)", id, strings.Join(SectorGroupIDs, ", "))
			}
		}
	}

	if src, ok := readOptional(fsys, data+"benefits.yaml", diags); ok {
		file := data + "benefits.yaml"
		if line, msg := decodeStrict(src, &d.Benefits); msg != "" {
			diags.Errorf(file, line, 0, "%s", msg)
		}
		lines := itemLines(src, "")
		seen := map[string]bool{}
		for i, b := range d.Benefits {
			if i < len(lines) {
				b.Line = lines[i]
			}
			checkID(file, b.Line, describe("benefit", i, b.ID), b.ID, seen, diags)
			if b.Clause < 1 || b.Clause > 17 {
				diags.Errorf(file, b.Line, 0, "%s: clause must be 1–17", describe("benefit", i, b.ID))
			}
			for _, dep := range b.Departments {
				if d.Department(dep) == nil {
					diags.Errorf(file, b.Line, 0, "%s: unknown department %q", describe("benefit", i, b.ID), dep)
				}
			}
		}
	}

	if src, ok := readOptional(fsys, data+"synonyms.yaml", diags); ok {
		if line, msg := decodeStrict(src, &d.Synonyms); msg != "" {
			diags.Errorf(data+"synonyms.yaml", line, 0, "%s", msg)
		}
	}
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

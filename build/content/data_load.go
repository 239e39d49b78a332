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

	if src, ok := decodeData(fsys, data+"document.yaml", &d.Document, diags); ok {
		doc, file := &d.Document, data+"document.yaml"
		for _, d := range [...]struct{ key, v string }{{"printed", doc.Printed}, {"horizonEnd", doc.HorizonEnd}} {
			if d.v != "" && !IsDate(d.v) {
				diags.Errorf(file, keyLine(src, d.key), 1, "%s must be a date written YYYY-MM-DD, found %q", d.key, d.v)
			}
		}
		if doc.HorizonEnd != "" && (doc.HorizonNotice.Zh == "" || doc.HorizonNotice.En == "" || len(doc.HorizonNoticeOn) == 0) {
			diags.Errorf(file, keyLine(src, "horizonEnd"), 1, "a horizonEnd needs horizonNotice (zh and en: what a reader must know once it has passed) and horizonNoticeOn (the pages that show it)")
		}
	}
	decodeData(fsys, data+"synonyms.yaml", &d.Synonyms, diags)

	file := data + "departments.yaml"
	if src, ok := decodeData(fsys, file, &d.Departments, diags); ok {
		lines, seen := itemLines(src, ""), map[string]bool{}
		for i, dep := range d.Departments {
			dep.Line = lineOf(lines, i)
			checkID(file, dep.Line, describe("department", i, dep.ID), dep.ID, seen, diags)
			if dep.Zh == "" || dep.En == "" {
				diags.Errorf(file, dep.Line, 0, "%s needs both zh and en names", describe("department", i, dep.ID))
			}
		}
	}

	file = data + "glossary.yaml"
	if src, ok := decodeData(fsys, file, &d.Glossary, diags); ok {
		lines, seen := itemLines(src, ""), map[string]bool{}
		for i, t := range d.Glossary {
			t.Line = lineOf(lines, i)
			checkID(file, t.Line, describe("term", i, t.ID), t.ID, seen, diags)
			if t.Zh == "" || t.En == "" || t.Definition.Zh == "" || t.Definition.En == "" {
				diags.Errorf(file, t.Line, 0, "%s needs zh, en and a definition in both languages", describe("term", i, t.ID))
			}
		}
	}

	file = data + "sectors.yaml"
	groups := map[string]*SectorGroup{}
	if src, ok := decodeData(fsys, file, &groups, diags); ok {
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
				checkID(file, lineOf(lines, i), describe("sector", i, it.ID), it.ID, seen, diags)
			}
			d.Sectors = append(d.Sectors, g)
		}
		for id := range groups {
			if !contains(SectorGroupIDs, id) {
				diags.Errorf(file, 1, 1, "unknown sector group %q (groups: %s)", id, strings.Join(SectorGroupIDs, ", "))
			}
		}
	}

	file = data + "benefits.yaml"
	if src, ok := decodeData(fsys, file, &d.Benefits, diags); ok {
		lines, seen := itemLines(src, ""), map[string]bool{}
		for i, b := range d.Benefits {
			b.Line = lineOf(lines, i)
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

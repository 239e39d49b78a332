package content

import (
	"strings"

	"scaleup/build/diag"
)

// Pages made from data rather than Markdown join the model while it loads, so that every later
// stage sees one complete list of pages (Hugo adds its taxonomy pages the same way).

// addDepartmentPages adds one page per department and language, at /departments/ID/. Its
// description is the interface string "departments.page_description" with {name} replaced by
// the department's name and {documents} by the citations of the documents whose pages name it.
func addDepartmentPages(s *Site, diags *diag.List) {
	const key = "departments.page_description"
	if len(s.Data.Departments) > 0 {
		for _, lang := range Languages {
			if _, ok := s.I18n[lang][key]; !ok {
				diags.Errorf("content/i18n/"+lang+".yaml", 0, 0, "%q is missing: department pages need it (\"{name}\" stands for the department)", key)
			}
		}
	}
	for _, d := range s.Data.Departments {
		d := d
		addTwins(s, "departments/"+d.ID, "content/data/departments.yaml", "department", func(p *Page) {
			p.Front.Title = d.Name(p.Lang)
			var docs []string
			for _, doc := range s.Documents {
				if namesDepartment(s, doc, d.ID) {
					docs = append(docs, doc.Citation.In(p.Lang))
				}
			}
			sep := ", "
			if p.Lang == "zh" {
				sep = "、"
			}
			p.Front.Description = strings.NewReplacer("{name}", d.Name(p.Lang), "{documents}", strings.Join(docs, sep)).Replace(s.I18n[p.Lang][key])
		})
	}
}

// addExamplePages adds one page per worked example and language, at /examples/ID/.
func addExamplePages(s *Site) {
	for _, ex := range s.Data.Examples {
		ex := ex
		addTwins(s, "examples/"+ex.ID, ex.File, "example", func(p *Page) {
			p.Front.Title = ex.Title.In(p.Lang)
			p.Front.Description = ex.Persona.In(p.Lang)
			p.Front.Search = "support"
		})
	}
}

// addNotFoundPages adds the page a server shows for an unknown address, one per language
// (/404.html, /en/404.html), from the interface strings 404.title and 404.body.
func addNotFoundPages(s *Site) {
	for _, lang := range Languages {
		p := &Page{File: "content/i18n/" + lang + ".yaml", Key: "404", Lang: lang, Path: "/404.html", Lines: map[string]int{}}
		p.URL = Localize(p.Path, lang)
		p.Front = FrontMatter{Layout: "404", Title: s.I18n[lang]["404.title"], Description: s.I18n[lang]["404.body"], NoIndex: true}
		s.Pages = append(s.Pages, p)
	}
}

// addTwins adds a generated page with key in every language, each the other's translation,
// with the given layout; fill sets its title and description.
func addTwins(s *Site, key, file, layout string, fill func(p *Page)) {
	var twins []*Page
	for _, lang := range Languages {
		p := &Page{File: file, Key: key, Lang: lang, Path: "/" + key + "/", Lines: map[string]int{}}
		p.URL = Localize(p.Path, lang)
		p.Front.Layout = layout
		fill(p)
		twins = append(twins, p)
		s.Pages = append(s.Pages, p)
	}
	for _, p := range twins {
		for _, q := range twins {
			if q != p {
				p.Translation = q
			}
		}
	}
}

// namesDepartment reports whether a page of doc names department id.
func namesDepartment(s *Site, doc *Document, id string) bool {
	for _, p := range s.Pages {
		if p.Document == doc {
			for _, dep := range p.Front.Departments {
				if dep == id {
					return true
				}
			}
		}
	}
	return false
}

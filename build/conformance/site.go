package conformance

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/afero"

	"scaleup/build/generator"
	"scaleup/build/output"
	"scaleup/build/pipeline"
)

// Site is a built site on disk, as the checks see it: the URLs a server of it
// must answer, and the bytes it must send.
type Site struct {
	Dir   string   // the folder served (public/)
	Files []string // every file a URL names, as slash paths ("assets/app.0123abcd.js"): precompressed siblings left out
	Pages []string // the URL path of every page ("/", "/policy/", "/en/faq/"): each folder with an index.html
}

// BuildSite builds the real site of the repository at root, as `go run ./build -strict` does
// (search index, WebAssembly module, service worker), into dir, which must not exist yet.
func BuildSite(root, dir string) error {
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	res, err := generator.Build(pipeline.Options{
		Fs:      fsys,
		Strict:  true,
		NoWrite: true, // written below, outside the repository
	})
	if err != nil {
		return fmt.Errorf("building the site: %w", err)
	}
	return output.Write(afero.NewOsFs(), dir, res.Files)
}

// LoadSite lists the files and pages of the built site in dir.
func LoadSite(dir string) (*Site, error) {
	s := &Site{Dir: dir}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if isSibling(dir, name) {
			return nil
		}
		s.Files = append(s.Files, name)
		if path.Base(name) == "index.html" {
			s.Pages = append(s.Pages, "/"+strings.TrimSuffix(name, "index.html"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(s.Pages) == 0 {
		return nil, fmt.Errorf("%s holds no page (index.html): is it a built site?", dir)
	}
	sort.Strings(s.Files)
	sort.Strings(s.Pages)
	return s, nil
}

// encodings are the precompressed siblings the build writes, by Content-Encoding.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// isSibling reports whether name is the precompressed copy of another file of the site.
func isSibling(dir, name string) bool {
	for _, e := range encodings {
		if orig, ok := strings.CutSuffix(name, e.ext); ok {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(orig))); err == nil {
				return true
			}
		}
	}
	return false
}

// Read returns the bytes of the site file name (a slash path).
func (s *Site) Read(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name)))
}

// Siblings returns the precompressed copies of name that exist, by Content-Encoding.
func (s *Site) Siblings(name string) map[string]string {
	m := map[string]string{}
	for _, e := range encodings {
		if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(name+e.ext))); err == nil {
			m[e.name] = name + e.ext
		}
	}
	return m
}

// FilesWithExt returns the files whose name ends in ext (".wasm").
func (s *Site) FilesWithExt(ext string) []string {
	var out []string
	for _, f := range s.Files {
		if strings.EqualFold(path.Ext(f), ext) {
			out = append(out, f)
		}
	}
	return out
}

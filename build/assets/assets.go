// Package assets bundles and minifies the front-end sources in templates/assets with esbuild's Go
// API (no Node.js needed) and names every output after a hash of its content, so that browsers and
// CDNs may cache it forever.
//
// esbuild reads the real disk by itself; a small plugin routes every read through the build's
// afero.Fs instead (the approach of Hugo's internal/js/esbuild), so in-memory tests work too.
package assets

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/spf13/afero"

	"scaleup/build/browsers"
	"scaleup/build/deploy"
	"scaleup/build/diag"
	"scaleup/build/pipeline"
)

// Dir holds the front-end sources. Every file directly inside Dir/css and Dir/js (not in
// subfolders) whose name does not start with "_" is an entry point.
const Dir = "templates/assets"

// File is one built asset.
type File struct {
	Path string // site path without leading slash, e.g. "assets/main.1a2b3c4d.css"
	Data []byte
}

// Result maps each entry's logical name ("main.css", "search.js") to its URL ("/assets/main.1A2B3C4D.css").
type Result struct {
	URLs  map[string]string
	Files []File
}

// Stage bundles the assets into the site and gives the templates their URLs ({{Asset "main.css"}}).
var Stage = pipeline.Func{Name: "assets", In: pipeline.Assets, Do: func(ctx *pipeline.Context) error {
	built := Build(ctx.Fs, ctx.Diags)
	for _, f := range built.Files {
		ctx.Files.Add(f.Path, f.Data)
	}
	for name, u := range built.URLs {
		ctx.Assets[name] = u
	}
	return nil
}}

// Build bundles every entry point found in fsys.
func Build(fsys afero.Fs, diags *diag.List) Result {
	res := Result{URLs: map[string]string{}}
	var entries []string
	for _, sub := range []string{"css", "js"} {
		infos, err := afero.ReadDir(fsys, Dir+"/"+sub)
		if err != nil {
			continue
		}
		for _, info := range infos {
			name := info.Name()
			ext := path.Ext(name)
			if info.IsDir() || strings.HasPrefix(name, "_") || strings.HasSuffix(name, ".d.ts") || strings.HasSuffix(name, ".test.ts") {
				continue
			}
			if ext == ".css" || ext == ".ts" || ext == ".js" {
				entries = append(entries, Dir+"/"+sub+"/"+name)
			}
		}
	}
	sort.Strings(entries)
	if len(entries) == 0 {
		return res
	}

	opts := api.BuildOptions{
		EntryPoints: entries,
		Bundle:      true,
		Write:       false,
		Outdir:      "/out/assets",
		EntryNames:  "[name]",
		AssetNames:  "[name]",
		Format:      api.FormatIIFE,
		Platform:    api.PlatformBrowser,
		Sourcemap:   api.SourceMapNone,
		Plugins:     []api.Plugin{aferoPlugin(fsys)},
		LogLevel:    api.LogLevelSilent,
	}
	browsers.Minify{}.Build(&opts)
	result := api.Build(opts)
	for _, m := range result.Errors {
		addMessage(diags, m, diag.Error)
	}
	for _, m := range result.Warnings {
		addMessage(diags, m, diag.Warning)
	}
	if len(result.Errors) > 0 {
		return res
	}
	for _, f := range result.OutputFiles {
		base := path.Base(f.Path) // "main.css"
		ext := path.Ext(base)
		rel := "assets/" + deploy.Fingerprint(strings.TrimSuffix(base, ext), ext, f.Contents)
		res.Files = append(res.Files, File{Path: rel, Data: f.Contents})
		res.URLs[base] = "/" + rel
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res
}

func addMessage(diags *diag.List, m api.Message, sev diag.Severity) {
	d := diag.Diagnostic{File: "esbuild", Severity: sev, Msg: m.Text}
	if m.Location != nil {
		d.File = strings.TrimPrefix(m.Location.File, "afero:")
		d.Line = m.Location.Line
		d.Col = m.Location.Column + 1
	}
	diags.Add(d)
}

// aferoPlugin resolves and loads every file through fsys. Paths stay relative to the project
// root, so diagnostics name files as a person sees them.
func aferoPlugin(fsys afero.Fs) api.Plugin {
	return api.Plugin{
		Name: "afero",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				p := args.Path
				if args.Kind != api.ResolveEntryPoint {
					if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
						return api.OnResolveResult{}, os.ErrNotExist
					}
					p = path.Join(path.Dir(args.Importer), p)
				}
				p = path.Clean(p)
				candidates := []string{p}
				if path.Ext(p) == "" { // TypeScript imports leave out the extension
					candidates = append(candidates, p+".ts", p+".js", p+"/index.ts")
				}
				for _, c := range candidates {
					if info, err := fsys.Stat(c); err == nil && !info.IsDir() {
						return api.OnResolveResult{Path: c, Namespace: "afero"}, nil
					}
				}
				return api.OnResolveResult{}, fmt.Errorf("cannot find %q (looked for %s)", args.Path, strings.Join(candidates, ", "))
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "afero"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				src, err := afero.ReadFile(fsys, args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				loader := api.LoaderJS
				switch path.Ext(args.Path) {
				case ".ts":
					loader = api.LoaderTS
				case ".css":
					loader = api.LoaderCSS
				case ".svg":
					loader = api.LoaderDataURL
				}
				return api.OnLoadResult{Contents: &s, Loader: loader}, nil
			})
		},
	}
}

package offline

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/spf13/afero"

	"scaleup/build/browsers"
	"scaleup/build/diag"
	"scaleup/build/pipeline"
)

// Source is the service worker's TypeScript, relative to the project root. It is one file with
// no imports, so it is compiled with esbuild's Transform (no bundling, no resolver).
const Source = "templates/assets/js/offline/sw.ts"

// Stage adds /sw.js to the site. It runs in the Finish phase, after every page: the manifest
// lists the files that exist when it runs, so it must be the last stage that adds files.
var Stage = pipeline.Func{Name: "offline", In: pipeline.Finish, Do: func(ctx *pipeline.Context) error {
	if _, taken := ctx.Files[WorkerPath]; taken {
		return fmt.Errorf("the site already has a file /%s; the service worker needs that URL", WorkerPath)
	}
	src, err := afero.ReadFile(ctx.Fs, Source)
	if err != nil {
		return err
	}
	worker, ok := Compile(src, NewManifest(ctx.Files), ctx.Diags)
	if !ok {
		return nil // the diagnostics say why
	}
	ctx.Files.Add(WorkerPath, worker)
	return nil
}}

// Compile turns the worker's TypeScript into minified JavaScript with the manifest built in:
// the source declares SW_VERSION and SW_FILES, which esbuild replaces with the values. Errors
// are recorded in diags as Source:line:col and reported as false.
func Compile(src []byte, m Manifest, diags *diag.List) ([]byte, bool) {
	version, _ := json.Marshal(m.Version)
	files, _ := json.Marshal(m.URLs)
	opts := api.TransformOptions{
		Loader:     api.LoaderTS,
		Sourcefile: Source,
		Define:     map[string]string{"SW_VERSION": string(version), "SW_FILES": string(files)},
		Format:     api.FormatIIFE,
		LogLevel:   api.LogLevelSilent,
	}
	browsers.Minify{}.Transform(&opts) // the same browsers as the pages' scripts
	res := api.Transform(string(src), opts)
	for _, msg := range res.Errors {
		diags.Add(message(msg, diag.Error))
	}
	for _, msg := range res.Warnings {
		diags.Add(message(msg, diag.Warning))
	}
	if len(res.Errors) > 0 {
		return nil, false
	}
	return res.Code, true
}

func message(m api.Message, sev diag.Severity) diag.Diagnostic {
	d := diag.Diagnostic{File: Source, Severity: sev, Msg: strings.TrimSpace(m.Text)}
	if m.Location != nil {
		d.Line = m.Location.Line
		d.Col = m.Location.Column + 1
	}
	return d
}

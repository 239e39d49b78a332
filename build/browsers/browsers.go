// Package browsers names the browsers the site's scripts must run in (old in-app browsers on
// phones among them) and the esbuild settings that follow from them, so that the bundled assets
// and the service worker are compiled alike.
package browsers

import "github.com/evanw/esbuild/pkg/api"

// Target is the JavaScript version the scripts are lowered to.
const Target = api.ES2017

// Engines are the oldest browsers the site supports.
var Engines = []api.Engine{
	{Name: api.EngineChrome, Version: "64"},
	{Name: api.EngineSafari, Version: "12"},
	{Name: api.EngineFirefox, Version: "67"},
}

// Minify are esbuild's output settings for every script and stylesheet of the site: minified,
// no legal comments, UTF-8 as it is (no \u escapes for Chinese).
type Minify struct{}

// Build sets them on build options.
func (Minify) Build(o *api.BuildOptions) {
	o.MinifyWhitespace, o.MinifyIdentifiers, o.MinifySyntax = true, true, true
	o.LegalComments, o.Charset = api.LegalCommentsNone, api.CharsetUTF8
	o.Target, o.Engines = Target, Engines
}

// Transform sets them on transform options.
func (Minify) Transform(o *api.TransformOptions) {
	o.MinifyWhitespace, o.MinifyIdentifiers, o.MinifySyntax = true, true, true
	o.LegalComments, o.Charset = api.LegalCommentsNone, api.CharsetUTF8
	o.Target, o.Engines = Target, Engines
}

// Package modules registers the rule modules: one per policy document that pays money. The
// WebAssembly module, the estimate command and the site's worked examples run them all through
// All. A new document's module is added here, and nowhere else.
package modules

import (
	"scaleup/calculator"
	"scaleup/calculator/jsz202135"
)

// All are the registered modules; the first is the primary one, whose result is the top level
// of the calculator's output.
var All = calculator.Rules{jsz202135.Module{}}

// Package calculator is the engine of the rule core: what every rule module shares. It holds the
// one input document of the calculator (Input, read from JSON by DecodeInput), exact money (Fen,
// Rate), the output of an estimate (Output), the JSON written for the calculator page and the
// estimate command (EncodeOutput), and the Module interface that each policy document's rules
// implement. Rules is the list of registered modules (calculator/modules): it validates an input,
// runs every module and encodes the result.
//
// The engine knows no document and no page: modules name the articles they apply by number, and
// the site links and labels them from its content. It does no I/O and links neither fmt nor
// encoding/json, so that it compiles to a small WebAssembly module (calculator/wasm).
package calculator

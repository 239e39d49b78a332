package site

import (
	"crypto/sha512"
	"encoding/base64"
	"strings"

	"scaleup/build/pipeline"
)

// Subresource Integrity: every page names the hash of each script and stylesheet it loads from
// /assets/ (<script src="…" integrity="sha384-…">), and the browser refuses a file whose bytes do
// not match it. A file changed on the server, a proxy or a cache, or a half-written deploy then
// fails loudly instead of running.
//
// The hash must be of the bytes that are served. Fingerprinted assets are final when a stage
// adds them (esbuild has minified them; output.Minify leaves fingerprinted files alone), so the
// hash taken here, before the pages are rendered and minified, is the hash of the file on disk.
// build/site's TestSubresourceIntegrity checks it against the finished build.

// integrityHashes returns the SRI value ("sha384-" and the base64 of the SHA-384 digest) of
// every asset, by the name templates use ({{Integrity "main.css"}}). An asset whose file is not
// in files gets none, and the template that asks for it fails with a clear error.
func integrityHashes(urls map[string]string, files pipeline.Files) map[string]string {
	out := make(map[string]string, len(urls))
	for name, u := range urls {
		data, ok := files[strings.TrimPrefix(u, "/")]
		if !ok {
			continue
		}
		out[name] = Integrity(data)
	}
	return out
}

// Integrity returns the Subresource Integrity value of data: "sha384-" and the base64 of its
// SHA-384 digest (SHA-384, the strength the SRI specification's examples use).
func Integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

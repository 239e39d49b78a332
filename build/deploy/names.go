// Package deploy holds what the generator and every server of the site must agree on: the
// response headers (the Content-Security-Policy above all), which file names are fingerprinted
// and may be cached forever, and the files that tell other servers the same (_headers, the
// nginx directives).
//
// One source matters: a Content-Security-Policy that differs between the dev server and
// production hides bugs until deploy. The generator (package site, for the pages' <meta> CSP and
// _headers) and the servers (package serve, build/dist) import this package; it imports neither.
package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// Fingerprint names a file after its content: "main", ".css" → "main.0123456789.css".
// The same ten hex digits (of SHA-256) are used for every fingerprinted file of the site.
func Fingerprint(name, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	return name + "." + hex.EncodeToString(sum[:5]) + ext
}

// IsHashed reports whether the last element of name has the form
// NAME.HASH.EXT where HASH is at least 8 hexadecimal digits, the way the
// generator fingerprints assets (app.3f9a1c2b.js). A precompressed sibling
// (app.3f9a1c2b.js.br) is not a name that URLs use, so it does not count.
func IsHashed(name string) bool {
	parts := strings.Split(path.Base(name), ".")
	if len(parts) < 3 || parts[0] == "" || parts[len(parts)-1] == "" {
		return false
	}
	hash := parts[len(parts)-2]
	if len(hash) < 8 {
		return false
	}
	for _, c := range hash {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

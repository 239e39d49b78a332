package serve

import (
	"path"
	"strings"
)

// contentTypes maps a file extension to its Content-Type. The table is ours,
// not the operating system's (mime.TypeByExtension reads /etc/mime.types,
// which differs between machines): .wasm must be application/wasm or
// WebAssembly.instantiateStreaming refuses it, and with nosniff a wrong type
// breaks scripts and styles.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".svg":         "image/svg+xml",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".csv":         "text/csv; charset=utf-8",
}

// ContentType returns the Content-Type for a file name, by its extension
// (case-insensitive). Unknown extensions get application/octet-stream, never
// a guess from the bytes.
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// isHTML reports whether name is served as an HTML page.
func isHTML(name string) bool {
	return strings.EqualFold(path.Ext(name), ".html")
}

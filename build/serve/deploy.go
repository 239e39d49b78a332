package serve

import (
	"slices"
	"strings"
)

// HeadersFile returns a _headers file (Netlify and Cloudflare Pages syntax)
// with SecurityHeaders for every path and the immutable Cache-Control for
// each of hashed, the URL paths of fingerprinted files ("/assets/app.0123abcd.js").
//
// Other paths get no Cache-Control line: both hosts join the values of a
// header set by two matching rules, which would spoil the immutable one, and
// both revalidate by default.
func HeadersFile(hashed []string) string {
	var b strings.Builder
	b.WriteString("/*\n")
	for _, h := range SecurityHeaders {
		b.WriteString("  " + h.Name + ": " + h.Value + "\n")
	}
	paths := slices.Clone(hashed)
	slices.Sort(paths)
	for _, p := range slices.Compact(paths) {
		b.WriteString(p + "\n  Cache-Control: " + CacheImmutable + "\n")
	}
	return b.String()
}

// hashedPattern is the nginx regular expression for the names IsHashed accepts.
const hashedPattern = `/[^/]+\.[0-9a-fA-F]{8,}\.[^./]+$`

// NginxConf returns directives to include inside an nginx server block. nginx
// drops inherited add_header lines in a location that has its own, so each
// location repeats the security headers.
func NginxConf() string {
	var b strings.Builder
	b.WriteString("# Generated from scaleup/build/serve; include inside a server block.\n")
	b.WriteString("# application/wasm and application/manifest+json must be in the mime.types nginx loads.\n")
	b.WriteString("charset utf-8;\n")
	b.WriteString("gzip_static on;\n")
	// Vary: Accept-Encoding on the .gz and .br answers (brotli_static follows it too), so that
	// a shared cache never gives compressed bytes to a client that did not ask for them.
	b.WriteString("gzip_vary on;\n")
	// /policy redirects to /policy/ with a relative Location: behind a proxy that ends TLS,
	// nginx's absolute one would name its own scheme and port (http://…:80).
	b.WriteString("absolute_redirect off;\n")
	b.WriteString("error_page 404 /404.html;\n")
	writeNginxHeaders(&b, "", CacheRevalidate)
	b.WriteString("\nlocation ~ \"" + hashedPattern + "\" {\n")
	writeNginxHeaders(&b, "    ", CacheImmutable)
	b.WriteString("}\n")
	b.WriteString("\nlocation /en/ {\n")
	b.WriteString("    error_page 404 /en/404.html;\n")
	writeNginxHeaders(&b, "    ", CacheRevalidate)
	b.WriteString("}\n")
	return b.String()
}

func writeNginxHeaders(b *strings.Builder, indent, cacheControl string) {
	for _, h := range SecurityHeaders {
		b.WriteString(indent + "add_header " + h.Name + " \"" + h.Value + "\" always;\n")
	}
	b.WriteString(indent + "add_header Cache-Control \"" + cacheControl + "\" always;\n")
}

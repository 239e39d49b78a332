package deploy

// CSP is the Content-Security-Policy of every page. Templates must keep to it:
// no inline script or style, no third-party origin. 'wasm-unsafe-eval' lets
// the calculator compile its WebAssembly module and nothing else.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// Cache-Control values. A file whose name carries its content hash never
// changes, so browsers may keep it for a year; everything else is revalidated
// on every use (cheap with Last-Modified) so an update shows at once.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// Header is one response header.
type Header struct {
	Name, Value string
}

// SecurityHeaders are sent on every response, in this order. Deploy files are
// generated from this list so they cannot drift from the dev server.
var SecurityHeaders = []Header{
	{"Content-Security-Policy", CSP},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
}

// Headers returns the security headers as a map (a fresh copy each call).
// Range over SecurityHeaders instead when the order matters (generated files).
func Headers() map[string]string {
	m := make(map[string]string, len(SecurityHeaders))
	for _, h := range SecurityHeaders {
		m[h.Name] = h.Value
	}
	return m
}

// CacheControl returns the Cache-Control value for a URL path or file name.
func CacheControl(name string) string {
	if IsHashed(name) {
		return CacheImmutable
	}
	return CacheRevalidate
}

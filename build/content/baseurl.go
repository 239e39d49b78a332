package content

import (
	"net"
	"net/url"
	"strings"
)

// placeholderDomains are the second-level names reserved for documentation (RFC 2606, 6761):
// an address under them can never be where the site is published.
var placeholderDomains = []string{"example.org", "example.com", "example.net"}

// placeholderTLDs are the top-level names reserved for tests, documentation and errors.
var placeholderTLDs = []string{"test", "example", "invalid", "localhost"}

// IsPlaceholderURL reports whether baseURL is not a public address: a host under example.org,
// example.com or example.net, under .test, .example, .invalid or .localhost, localhost itself,
// or a loopback or unspecified IP address. The site built with one still works (links are
// relative), but a printed address or QR code would send readers nowhere.
func IsPlaceholderURL(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return true
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	for _, d := range placeholderDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	tld := host[strings.LastIndexByte(host, '.')+1:]
	for _, t := range placeholderTLDs {
		if tld == t {
			return true
		}
	}
	return false
}

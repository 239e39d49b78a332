package pipeline

import "testing"

func TestURLPath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"index.html", "/"},
		{"sw.js", "/sw.js"},
		{"notindex.html", "/notindex.html"},
		{"en/index.html", "/en/"},
		{"policy/08-social-insurance/index.html", "/policy/08-social-insurance/"},
		{"404.html", "/404.html"},
		{"en/404.html", "/en/404.html"},
		{"assets/main.0123456789.css", "/assets/main.0123456789.css"},
	}
	for _, tt := range tests {
		if got := URLPath(tt.path); got != tt.want {
			t.Errorf("URLPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

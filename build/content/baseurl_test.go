package content

import "testing"

func TestIsPlaceholderURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"https://scaleup.example.org", true},
		{"https://example.org", true},
		{"https://EXAMPLE.COM/", true},
		{"http://a.b.example.net", true},
		{"https://guide.test", true},
		{"https://site.example", true},
		{"https://x.invalid", true},
		{"http://localhost:1313", true},
		{"http://dev.localhost", true},
		{"http://127.0.0.1:8080", true},
		{"http://[::1]:8080", true},
		{"http://0.0.0.0", true},
		{"https://", true},
		{"https://guide.example.cn", false}, // .cn is a real TLD: the acceptance build uses it
		{"https://example.org.cn", false},
		{"https://notexample.org", false},
		{"https://scaleup.jincheng.gov.cn", false},
		{"https://testing.com", false},
		{"http://192.168.1.10:8080", false}, // a training room's laptop on its Wi-Fi
	} {
		if got := IsPlaceholderURL(tc.url); got != tc.want {
			t.Errorf("IsPlaceholderURL(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

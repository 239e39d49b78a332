package calculator

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONStringEscaping compares the hand-written string writer with
// encoding/json, which escapes the same characters.
func TestJSONStringEscaping(t *testing.T) {
	tests := []string{
		"", "plain", "中文“引号”", `quote " backslash \ slash /`, "tab\tnewline\nreturn\r",
		"\x00\x01\x1f\x7f", "<script>&amp;</script>", "line\u2028sep\u2029", "bad \xff utf8 \xe2\x80",
		"emoji 😀", "mixed 中\u2028文\xc3",
	}
	for _, s := range tests {
		w := &jsonWriter{}
		w.str(s)
		// Invalid UTF-8 becomes U+FFFD (one per invalid run).
		want, _ := json.Marshal(strings.ToValidUTF8(s, "\uFFFD"))
		if w.b.String() != string(want) {
			t.Errorf("str(%q) = %s, want %s", s, w.b.String(), want)
		}
	}
}

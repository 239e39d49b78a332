package calculator

import (
	"strings"
	"testing"
)

func TestJSONSyntaxErrorsHavePositions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\n  \"revenue\": 1,\n  \"x\" 2\n}", "3:7"},
		{`{"a": 01}`, "1:7"},
		{`{"a": "\x"}`, "1:8"},
		{`{"a": 1} x`, "1:10"},
		{"{\"a\": \"\xff\"}", "1:8"},
		{`{"a": 1, "a": 2}`, "1:10"},
		{strings.Repeat("[", 40), "1:33"},
	}
	for _, tt := range tests {
		_, errs := DecodeInput([]byte(tt.in))
		if len(errs) != 1 || errs[0].Field != "" || !strings.Contains(errs[0].EN, tt.want) {
			t.Errorf("DecodeInput(%q) = %+v, want one document error at %s", tt.in, errs, tt.want)
		}
	}
}

func TestDecodeStringEscapes(t *testing.T) {
	in, errs := DecodeInput([]byte(`{"firstEntryYear":2022,"revenue":1,"route":"gr\u006fwth","prioritySector":"a\/b"}`))
	if len(errs) != 1 || errs[0].Field != "prioritySector" {
		t.Fatalf("errs = %+v, want only prioritySector (a/b is not a valid id)", errs)
	}
	if in.Route != RouteGrowth || in.PrioritySector != "a/b" {
		t.Errorf("route %q, sector %q", in.Route, in.PrioritySector)
	}
}

func TestSectorID(t *testing.T) {
	for id, ok := range map[string]bool{
		"new-materials": true, "a": true, "x_1-2": true, strings.Repeat("a", 64): true,
		"": false, "New": false, "a b": false, "中文": false, strings.Repeat("a", 65): false,
	} {
		if ValidID(id) != ok {
			t.Errorf("ValidID(%q) = %v", id, !ok)
		}
	}
}

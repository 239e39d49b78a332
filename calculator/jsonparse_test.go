package calculator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// tree turns a parsed value into what encoding/json decodes with UseNumber, to compare them.
func tree(v *jsonValue) any {
	switch v.kind {
	case jsonObject:
		m := map[string]any{}
		for _, mem := range v.members {
			m[mem.key] = tree(mem.value)
		}
		return m
	case jsonArray:
		a := []any{}
		for _, e := range v.elems {
			a = append(a, tree(e))
		}
		return a
	case jsonNumber:
		return json.Number(v.text)
	case jsonString:
		return v.text
	case jsonBool:
		return v.boolean
	}
	return nil
}

// TestParseJSONAgreesWithEncodingJSON: the calculator's own JSON reader (the WebAssembly build
// cannot afford encoding/json) accepts exactly the documents encoding/json accepts, and reads
// them into the same values.
func TestParseJSONAgreesWithEncodingJSON(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `{"a":[]}`, ` { "a" : { } } `, "{\n\t\"a\":\r\n1}", `[[],{}]`,
		`{"a":1,"b":[true,false,null],"c":"x"}`, `{"a":[1,[2,[3]]]}`,
		`0`, `-0`, `12`, `-12.5`, `1e5`, `1E5`, `1e+5`, `1e-5`, `1.25E-3`, `-0.0e0`, `{"n":26000000.00}`,
		`"\u4e2d\n\t\"\\\/\b\f\r"`, `"中文"`, `true`, `false`, `null`,
		// A pair of surrogates is one character; a lone one, or a pair in the wrong order, is U+FFFD.
		`"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`, `"\ude00\ud83d"`, `"\ud83d\n"`, `"\ud83d\ud83d\ude00"`,
		// Forty siblings: each closes what it opens, so the depth stays low.
		"[" + strings.Repeat("[],", 39) + "[]]", "[" + strings.Repeat("{},", 39) + "{}]",
		"[" + strings.Repeat("[1],", 39) + "[1]]", "[" + strings.Repeat(`{"a":1},`, 39) + `{"a":1}]`,
		`{"a":{"b":{}},"c":[[]],"d":[{}]}`,
		// Malformed.
		``, ` `, `{`, `}`, `[`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`,
		`[1,]`, `[,1]`, `[1 2]`, `[1,2`, `{"a":1`, `{"a":[1}`, `{"a":1]`, `1 2`, `{} {}`, `{}x`,
		`01`, `-`, `-a`, `1.`, `.5`, `1.e5`, `1e`, `1e+`, `1E-`, `+1`, `0x10`, `1e5.5`, `--1`,
		`tru`, `True`, `nul`, `nulll`, `falsey`, `"abc`, `"\x"`, `"\u12"`, `"\u12g4"`, `"\ud83d\u12"`, `"\ud83d\`, `"\`, "\"a\x01b\"", "\"\xff\"",
		`{"a":1,"a":2}`,
	}
	// Where the calculator is stricter than encoding/json, on purpose.
	stricter := map[string]bool{
		`{"a":1,"a":2}`: true, // a field given twice: which one would count?
		"\"\xff\"":      true, // invalid UTF-8, which encoding/json turns into U+FFFD
	}
	for _, doc := range docs {
		v, perr := parseJSON([]byte(doc))
		valid := json.Valid([]byte(doc)) && !stricter[doc]
		if (perr == nil) != valid {
			t.Errorf("parseJSON(%q): error %v; encoding/json says valid: %v", doc, perr, valid)
			continue
		}
		if perr != nil {
			if !strings.HasPrefix(perr.EN, "malformed JSON at ") || perr.Field != "" {
				t.Errorf("parseJSON(%q): error %+v, want a document error with a position", doc, perr)
			}
			continue
		}
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := tree(v); !reflect.DeepEqual(got, want) {
			t.Errorf("parseJSON(%q) = %#v, want %#v", doc, got, want)
		}
	}
}

// TestParseJSONPositions: an error names the line and column (in characters, from 1) where the
// document goes wrong.
func TestParseJSONPositions(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{"a":1,}`, "malformed JSON at 1:8: expected a quoted field name"},
		{"{\"税\":1 x}", "malformed JSON at 1:8: expected ',' or '}'"},
		{"[1,\n 2,\n ]", "malformed JSON at 3:2: expected a value"},
		{`{"a":1`, "malformed JSON at 1:7: expected ',' or '}'"},
		{`[1,2`, "malformed JSON at 1:5: expected ',' or ']'"},
		{`{"a":1e}`, "malformed JSON at 1:8: malformed exponent"},
		{`{"a":1.}`, "malformed JSON at 1:8: expected digits after the decimal point"},
		{``, "malformed JSON at 1:1: unexpected end of input"},
	}
	for _, tt := range tests {
		_, perr := parseJSON([]byte(tt.doc))
		if perr == nil || perr.EN != tt.want {
			t.Errorf("parseJSON(%q): %+v, want %q", tt.doc, perr, tt.want)
		}
	}
}

// TestParseJSONTruncated: every proper prefix of a document that uses every construct is an error
// with a position, never a panic or a value: an upload cut short must say so.
func TestParseJSONTruncated(t *testing.T) {
	doc := "\xEF\xBB\xBF" + `{"firstEntryYear": 2022, "revenue": 2.6e7, "taxes": [{"year": 2021, "vat": -1.5E+3}], ` +
		`"ok": true, "no": false, "none": null, "s": "a\"\u4e2d", "n": [[], {}]}`
	if _, perr := parseJSON([]byte(doc)); perr != nil {
		t.Fatalf("the whole document: %+v", perr)
	}
	for n := 0; n < len(doc); n++ {
		v, perr := parseJSON([]byte(doc[:n]))
		if perr == nil || !strings.HasPrefix(perr.EN, "malformed JSON at ") {
			t.Errorf("the first %d bytes %q: value %v, error %+v; want a malformed-JSON error", n, doc[:n], v, perr)
		}
	}
}

// TestParseJSONByteOrderMark: a UTF-8 byte-order mark, which some editors write, is skipped;
// anywhere else, or incomplete, it is an error.
func TestParseJSONByteOrderMark(t *testing.T) {
	bom := "\xEF\xBB\xBF"
	v, perr := parseJSON([]byte(bom + `{"a":[1]}`))
	if perr != nil || !reflect.DeepEqual(tree(v), map[string]any{"a": []any{json.Number("1")}}) {
		t.Errorf("with a byte-order mark: %v, %+v", v, perr)
	}
	for _, doc := range []string{bom, "\xEF\xBB{}", "\xEF{}", "\xBB\xBF{}", " " + bom + "{}", "{}" + bom, "\xEF\xBB\xBF\xEF\xBB\xBF{}"} {
		if _, perr := parseJSON([]byte(doc)); perr == nil {
			t.Errorf("parseJSON(%q) accepted it", doc)
		}
	}
}

// TestParseJSONDepth: nesting up to maxJSONDepth levels is read; one more is refused, at the
// bracket that goes too deep.
func TestParseJSONDepth(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if _, perr := parseJSON([]byte(deep(maxJSONDepth))); perr != nil {
		t.Errorf("%d levels: %+v", maxJSONDepth, perr)
	}
	_, perr := parseJSON([]byte(deep(maxJSONDepth + 1)))
	if want := "malformed JSON at 1:33: nesting is too deep"; perr == nil || perr.EN != want {
		t.Errorf("%d levels: %+v, want %q", maxJSONDepth+1, perr, want)
	}
	objects := strings.Repeat(`{"a":`, maxJSONDepth) + "1" + strings.Repeat("}", maxJSONDepth)
	if _, perr := parseJSON([]byte(objects)); perr != nil {
		t.Errorf("%d levels of objects: %+v", maxJSONDepth, perr)
	}
	if _, perr := parseJSON(bytes.Repeat([]byte(" "), maxJSONBytes+1)); perr == nil || !strings.Contains(perr.EN, "too large") {
		t.Errorf("an input over %d bytes: %+v", maxJSONBytes, perr)
	}
	if _, perr := parseJSON([]byte(`"` + strings.Repeat("a", maxJSONBytes-2) + `"`)); perr != nil {
		t.Errorf("an input of exactly %d bytes: %+v", maxJSONBytes, perr)
	}
}

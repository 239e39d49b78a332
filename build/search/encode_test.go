package search

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/json"
)

// TestIndexIsMinified checks that every index file is already what the site's JSON minifier
// would make of it: the build relies on that to skip the final minify pass for the index.
func TestIndexIsMinified(t *testing.T) {
	f := loadFixture(t)
	docs := append(f.Docs, Doc{Lang: "en", URL: "/en/odd/", Title: `Quotes "and" <tags> & \ slashes`,
		Body: "Line one\nline\ttwo \u2028 end", Headings: []string{"  spaced  "}})
	files, _, err := Build(docs, f.Synonyms)
	if err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("application/json", json.Minify)
	for name, data := range files {
		got, err := m.Bytes("application/json", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is not minified:\n%s\nminified:\n%s", name, data, got)
		}
	}
}

func TestPacked(t *testing.T) {
	for _, list := range [][]int32{nil, {}, {0}, {31}, {32}, {1023}, {1024}, {5, 0, 31, 32, 33, 1 << 20, 0x7fffffff, 7}} {
		packed := appendPacked(nil, list)
		if got, want := packedLen(list), len(packed); got != want {
			t.Errorf("packedLen(%v) = %d, want %d (%s)", list, got, want, packed)
		}
		got := unpack(string(packed[1 : len(packed)-1]))
		if len(got) != len(list) {
			t.Fatalf("unpack(%s) = %v, want %v", packed, got, list)
		}
		for i := range got {
			if got[i] != int(list[i]) {
				t.Errorf("unpack(%s) = %v, want %v", packed, got, list)
				break
			}
		}
		// A JSON string that needs no escape.
		if bytes.ContainsAny(packed[1:len(packed)-1], `"\`) {
			t.Errorf("%v packs to %s", list, packed)
		}
	}
	if got := unpack("1B2\\3"); len(got) != 2 || got[0] != 1 || got[1] != 34 {
		t.Errorf(`unpack("1B2\\3") = %v, want [1 34] (stopped at the damage)`, got)
	}
	// A character outside ASCII is damage too, the byte 0x80 (the first beyond the table) included.
	for _, damaged := range []string{"1é2", "1\x802"} {
		if got := unpack(damaged); len(got) != 1 || got[0] != 1 {
			t.Errorf("unpack(%q) = %v, want [1] (stopped at the damage)", damaged, got)
		}
	}
	if got := unpack("31"); got[0] != 3 || got[1] != 1 {
		t.Errorf(`unpack("31") = %v`, got)
	}
	if got, want := string(appendPacked(nil, []int32{0, 31, 32, 100})), `"0vB0D4"`; got != want {
		t.Errorf("appendPacked = %s, want %s", got, want)
	}
}

func TestAppendTerm(t *testing.T) {
	for _, term := range []string{"社保", "fee", "2021", `a"b`, "x\u2028y", "é"} {
		got := string(appendTerm(nil, term))
		if want := string(marshal(term)); got != want {
			t.Errorf("appendTerm(%q) = %s, want %s", term, got, want)
		}
		if strings.Count(got, `"`) < 2 {
			t.Errorf("appendTerm(%q) = %s: not a JSON string", term, got)
		}
	}
}

// TestCut: a page's text is kept whole up to maxText characters, cut to exactly that many
// (characters, not bytes) beyond.
func TestCut(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"", 2, ""}, {"一二", 2, "一二"}, {"一二三", 2, "一二"}, {"abc", 3, "abc"}, {"abcd", 3, "abc"}, {"a一b", 1, "a"},
	}
	for _, tt := range tests {
		if got := cut(tt.s, tt.n); got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
	long := strings.Repeat("政策", maxText)
	files, entry, err := Build([]Doc{{Lang: "zh", URL: "/a/", Title: "甲", Body: long}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(getter(files), entry["zh"])
	if err != nil {
		t.Fatal(err)
	}
	var d docFile
	if err := ix.load(ix.fileName("d", ix.root.DocFiles, 0), &d); err != nil {
		t.Fatal(err)
	}
	if d.Text != long[:len("政")*maxText] {
		t.Errorf("the page file keeps %d characters of the body, want the first %d", len([]rune(d.Text)), maxText)
	}
}

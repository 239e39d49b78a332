package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestDecode: a posting list read back gives each page field's positions and the number of
// pages the term is on, whatever page it first occurs on; a list cut short is read as far as it
// goes, without a panic (a damaged shard must not break the search page).
func TestDecode(t *testing.T) {
	var flat []int32
	flat = appendEntry(flat, 1*numFields+fieldBody, []int32{3, 5})
	flat = appendEntry(flat, 1*numFields+fieldTitle-(1*numFields+fieldBody), []int32{0})
	flat = appendEntry(flat, 2*numFields+fieldHeading-(1*numFields+fieldTitle), []int32{7})
	ints := make([]int, len(flat))
	for i, v := range flat {
		ints[i] = int(v)
	}
	tp := decode(ints)
	want := "df 2; keys [4 7 9]; 4:[3 5] 7:[0] 9:[7]"
	got := fmt.Sprintf("df %d; keys %v; 4:%v 7:%v 9:%v", tp.df, tp.keys, tp.pos[4], tp.pos[7], tp.pos[9])
	if got != want {
		t.Errorf("decode(%v) = %s, want %s", ints, got, want)
	}
	for n := 0; n < len(ints); n++ {
		decode(ints[:n]) // must not panic
	}
	if tp := decode(ints[:3]); tp.df != 1 || len(tp.pos[4]) != 1 {
		t.Errorf("decode of a list cut inside its first entry: %+v", tp)
	}
}

// TestExpand: the readings of a query with synonyms. The query as typed comes first; then, for
// each synonym found in it, longest first (then in the order of the groups and of their terms),
// the query with each other term of its group put in; at most maxVariants readings in all.
func TestExpand(t *testing.T) {
	tests := []struct {
		q      string
		groups [][]string
		want   []string // tokens of each reading, and its weight
	}{
		{"社保补贴", [][]string{
			{"资助", "补贴", "奖补", "津贴"},
			{"社保", "社会保险", "五险"},
			{"社保补贴", "社会保险补贴", "社保资金"},
		}, []string{
			"社保 保补 补贴×1",         // as typed
			"社会 会保 保险 险补 补贴×0.7", // 社保补贴, the longest match, → 社会保险补贴
			"社保 保资 资金×0.7",       // → 社保资金
			"社保 保资 资助×0.7",       // then the 2-character matches, group 1 first: 补贴 → 资助
			"社保 保奖 奖补×0.7",       // → 奖补
			"社保 保津 津贴×0.7",       // → 津贴; group 2's 社保 → 五险 would be a seventh reading
		}},
		{"社保和五险", [][]string{{"社保", "社会保险", "五险"}}, []string{
			"社保 保和 和五 五险×1",
			"社会 会保 保险 险和 和五 五险×0.7", // the group's first term found first: 社保 → 社会保险
			"五险 险和 和五 五险×0.7",       // → 五险
			"社保 保和 和社 社保×0.7",       // then 五险 → 社保
			"社保 保和 和社 社会 会保 保险×0.7", // → 社会保险
		}},
	}
	for _, tt := range tests {
		var got []string
		for _, v := range expand(slots(tt.q), tt.groups) {
			var terms []string
			for _, tok := range v.tokens {
				terms = append(terms, tok.Term)
			}
			got = append(got, fmt.Sprintf("%s×%g", strings.Join(terms, " "), v.weight))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("readings of %s:\n%s\nwant:\n%s", tt.q, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

// TestSearchDamagedShard: a posting for a page the root does not list (a shard from another
// build, say) is ignored, not a crash of the search page.
func TestSearchDamagedShard(t *testing.T) {
	files, entry, err := Build([]Doc{{Lang: "en", URL: "/a/", Title: "alpha"}, {Lang: "en", URL: "/b/", Title: "alpha beta"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if !strings.Contains(name, "/p") {
			continue
		}
		var shard map[string]string // term → packed posting list (pack.go)
		if err := json.Unmarshal(data, &shard); err != nil {
			t.Fatal(err)
		}
		if packed, ok := shard["alpha"]; ok {
			var list []int32
			for _, v := range unpack(packed) {
				list = append(list, int32(v))
			}
			// Pages 2 and 3 of a two-page index: keys 2·numFields and 3·numFields.
			list = append(list, 2*numFields+fieldTitle-(1*numFields+fieldTitle), 1, 0, numFields, 1, 0)
			shard["alpha"] = string(appendPacked(nil, list))[1:]
			shard["alpha"] = shard["alpha"][:len(shard["alpha"])-1] // without the quotes appendPacked writes
			files[name] = marshal(shard)
		}
	}
	hits := search(t, files, entry["en"], "alpha")
	if got := urls(hits); strings.Join(got, " ") != "/a/ /b/" {
		t.Errorf("with postings for pages that do not exist: %v", got)
	}
}

package search

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strconv"
)

// This file is the Go side of querying an index: tests use it to check ranking, the
// benchmark to count the bytes a cold query fetches. templates/assets/js/search/ holds
// the browser's twin (query.ts, score.ts), step for step the same.

// An Index is one language's index, loaded file by file through get as queries need them.
type Index struct {
	get    func(path string) ([]byte, error)
	base   string // directory of the root file, with a trailing "/"
	root   root
	shards map[int]map[string]string
	// Fetched lists the paths loaded so far, in order (the root first).
	Fetched []string
}

// A Hit is one result.
type Hit struct {
	URL, Title, Clause string
	Score              float64
}

// Open loads the root file at entry (a path with a leading "/", as Build returns it).
func Open(get func(path string) ([]byte, error), entry string) (*Index, error) {
	ix := &Index{get: get, base: path.Dir(entry) + "/", shards: map[int]map[string]string{}}
	if err := ix.load(entry, &ix.root); err != nil {
		return nil, err
	}
	r := ix.root
	switch {
	case r.V != formatVersion:
		return nil, fmt.Errorf("search: %s: format version %d, want %d", entry, r.V, formatVersion)
	case len(r.Shards) == 0 || len(r.Shards)%hashLen != 0:
		return nil, fmt.Errorf("search: %s: shard list of %d characters, want a positive multiple of %d", entry, len(r.Shards), hashLen)
	case len(r.DocFiles) != r.Docs*hashLen || len(r.Lengths) != r.Docs*numFields:
		return nil, fmt.Errorf("search: %s: %d pages but %d page hashes and %d lengths", entry, r.Docs, len(r.DocFiles)/hashLen, len(r.Lengths))
	}
	return ix, nil
}

func (ix *Index) load(p string, v any) error {
	data, err := ix.get(p)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ix.Fetched = append(ix.Fetched, p)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search: %s: %w", p, err)
	}
	return nil
}

// fileName returns the path of file i of a kind ("p" shards, "d" pages).
func (ix *Index) fileName(kind string, hashes string, i int) string {
	return ix.base + kind + strconv.Itoa(i) + "." + hashes[i*hashLen:(i+1)*hashLen] + ".json"
}

// postings returns the flat posting list of term (nil when absent), loading its shard.
func (ix *Index) postings(term string) ([]int, error) {
	n := len(ix.root.Shards) / hashLen
	s := int(hashTerm(term) % uint32(n))
	shard, ok := ix.shards[s]
	if !ok {
		if err := ix.load(ix.fileName("p", ix.root.Shards, s), &shard); err != nil {
			return nil, err
		}
		ix.shards[s] = shard
	}
	packed, ok := shard[term]
	if !ok {
		return nil, nil
	}
	return unpack(packed), nil
}

// Search returns the best limit hits for q, best first.
func (ix *Index) Search(q string, limit int) ([]Hit, error) {
	variants := expand(slots(q), ix.root.Synonyms)
	lists := map[string]termPostings{}
	for _, v := range variants {
		for _, t := range v.tokens {
			if _, ok := lists[t.Term]; ok {
				continue
			}
			flat, err := ix.postings(t.Term)
			if err != nil {
				return nil, err
			}
			lists[t.Term] = decode(flat)
		}
	}
	ranked := rank(variants, lists, newCorpus(ix.root.Lengths, ix.root.Support))
	if len(ranked) > limit {
		ranked = ranked[:limit]
	}
	hits := make([]Hit, 0, len(ranked))
	for _, r := range ranked {
		var d docFile
		if err := ix.load(ix.fileName("d", ix.root.DocFiles, r.doc), &d); err != nil {
			return nil, err
		}
		hits = append(hits, Hit{URL: d.URL, Title: d.Title, Clause: d.Clause, Score: r.score})
	}
	return hits, nil
}

// termPostings maps a posting key (doc*numFields+field) to its positions. Bigram
// positions keep their flags (pos<<flagBits | flags).
type termPostings struct {
	keys []int // in order
	pos  map[int][]int
	df   int // number of pages
}

// decode undoes appendEntry.
func decode(flat []int) termPostings {
	tp := termPostings{pos: map[int][]int{}}
	key, lastDoc := 0, -1
	for i := 0; i+1 < len(flat); {
		key += flat[i]
		n := flat[i+1]
		i += 2
		ps := make([]int, 0, n)
		p := 0
		for j := 0; j < n && i < len(flat); j++ {
			p += flat[i]
			ps = append(ps, p)
			i++
		}
		tp.keys = append(tp.keys, key)
		tp.pos[key] = ps
		if doc := key / numFields; doc != lastDoc {
			tp.df++
			lastDoc = doc
		}
	}
	return tp
}

// A variant is one way to read the query: as typed, or with a synonym put in.
type variant struct {
	tokens []Token // query tokens, positions relative to the query's start
	weight float64
}

// synonymWeight is how much a page matched only through a synonym counts.
const synonymWeight = 0.7

// maxVariants bounds the work and the shards a query with many synonyms loads.
const maxVariants = 6

// expand returns the query as typed and, for each synonym found in it, the query with
// that synonym replaced by each other term of its group. Matching is on slots, so
// 社保 is found inside 社保补贴 and "tax refunds" matches "tax refund". Longer matches
// go first (社保补贴 → 社会保险补贴 before 社保 → 社会保险), so the best readings survive
// the maxVariants cap.
func expand(q []slot, groups [][]string) []variant {
	first := queryTokens(q)
	if len(first) == 0 {
		return nil
	}
	type match struct{ group, member, at, n int }
	var found []match
	gs := make([][][]slot, len(groups))
	for gi, g := range groups {
		for i, t := range g {
			gs[gi] = append(gs[gi], slots(t))
			if at := findSlots(q, gs[gi][i]); at >= 0 {
				found = append(found, match{gi, i, at, len(gs[gi][i])})
			}
		}
	}
	sort.Slice(found, func(a, b int) bool {
		x, y := found[a], found[b]
		if x.n != y.n {
			return x.n > y.n
		}
		if x.group != y.group {
			return x.group < y.group
		}
		return x.member < y.member
	})

	out := []variant{{tokens: first, weight: 1}}
	seen := map[string]bool{tokenKey(first): true}
	for _, m := range found {
		for j, to := range gs[m.group] {
			if j == m.member || len(out) >= maxVariants {
				continue
			}
			toks := queryTokens(replaceSlots(q, m.at, m.n, to))
			if k := tokenKey(toks); !seen[k] {
				seen[k] = true
				out = append(out, variant{tokens: toks, weight: synonymWeight})
			}
		}
	}
	return out
}

func tokenKey(ts []Token) string {
	k := ""
	for _, t := range ts {
		k += t.Term + "@" + strconv.Itoa(t.Pos) + " "
	}
	return k
}

// findSlots returns where the slot texts of needle first occur in q, or -1.
func findSlots(q, needle []slot) int {
	for i := 0; i+len(needle) <= len(q); i++ {
		ok := true
		for j := range needle {
			if q[i+j].text != needle[j].text {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// replaceSlots returns q with the n slots at i replaced by with. Han characters around
// the replacement stay joined to it when they were joined before.
func replaceSlots(q []slot, i, n int, with []slot) []slot {
	out := append([]slot{}, q[:i]...)
	if i > 0 && out[i-1].joined && with[0].kind != slotHan {
		out[i-1].joined = false
	}
	out = append(out, with...)
	last := len(out) - 1
	out[last].joined = q[i+n-1].joined && out[last].kind == slotHan
	return append(out, q[i+n:]...)
}

// ranked is a page and its score.
type ranked struct {
	doc   int
	score float64
}

// rank scores every page any token of any variant occurs in and sorts them, best first
// (ties by page order, which is URL order).
func rank(variants []variant, lists map[string]termPostings, c corpus) []ranked {
	candidates := map[int]bool{}
	for _, tp := range lists {
		for _, k := range tp.keys {
			if k/numFields < c.docs { // a damaged shard must not crash the page
				candidates[k/numFields] = true
			}
		}
	}
	var out []ranked
	for d := range candidates {
		best := 0.0
		for _, v := range variants {
			if s := v.weight * scoreDoc(d, v.tokens, lists, c); s > best {
				best = s
			}
		}
		if c.support[d] {
			best *= supportWeight
		}
		if best > 0 {
			out = append(out, ranked{d, roundScore(best)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].doc < out[j].doc
	})
	return out
}

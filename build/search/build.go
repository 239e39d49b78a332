package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A Doc is one rendered page to index.
type Doc struct {
	Lang     string   // "zh" or "en"
	URL      string   // site path, e.g. "/policy/08-social-insurance/"
	Title    string   // page title
	Clause   string   // clause label shown in results, e.g. "（八）"; "" for other pages
	Headings []string // h2–h4 texts
	Body     string   // main text, tags stripped, paragraphs separated by "\n"
	Terms    []string // glossary terms present on the page (boosted)
	// Support marks a page that explains or applies the policy rather than stating it (a worked
	// example): its title quotes the policy's terms, and it must not outrank the clause itself.
	Support bool
}

// Langs are the languages an index is built for, always both (an empty index is valid).
var Langs = []string{"zh", "en"}

// Fields of a page. Each has its own position space; a posting key is doc*numFields+field.
const (
	fieldBody = iota
	fieldHeading
	fieldTerm
	fieldTitle
	numFields
)

// fieldWeight boosts matches by where they are. Same table in score.ts.
var fieldWeight = [numFields]float64{1, 2, 2, 4}

const (
	// shardTarget is the aimed-for size in bytes of one postings shard: small enough
	// that a query costs a few KB, large enough that the root's list of shards stays short.
	shardTarget = 2000
	// maxShards bounds the shards of a language: beyond it, shards grow instead. Each one is a
	// file and costs the root hashLen characters, which every query loads; on the synthetic
	// 2,000-page site, 2,048 shards a language instead of 5,600 of shardTarget bytes give 60%
	// fewer index files and cold queries about as large (a smaller root, larger shards).
	maxShards = 2048
	// maxText is how many characters of a page's body are kept for result snippets.
	maxText = 2000
	// hashLen is the length of a content hash in file names (hex digits).
	hashLen = 8
	// formatVersion is bumped when the file layout changes (2: packed posting lists).
	formatVersion = 2
)

// root is the file the browser loads first. Files are named NAME{i}.{hash}.json next to
// it; it lists their hashes as one string, hashLen hex digits per file, to stay small.
type root struct {
	V        int        `json:"v"`
	Lang     string     `json:"lang"`
	Docs     int        `json:"n"`   // number of pages
	Shards   string     `json:"s"`   // hashes of p0.…, p1.…: postings shards
	DocFiles string     `json:"d"`   // hashes of d0.…, d1.…: one file per page
	Lengths  []int      `json:"l"`   // length in slots of each field of each page (numFields per page), for BM25
	Support  []int      `json:"c"`   // supporting pages (Doc.Support): their scores count supportWeight
	Synonyms [][]string `json:"syn"` // groups of equivalent terms, as written
	Bytes    int        `json:"z"`   // total bytes of all shards and page files
}

// docFile is what the browser fetches to show a result.
type docFile struct {
	URL    string `json:"u"`
	Title  string `json:"t"`
	Clause string `json:"c,omitempty"`
	Text   string `json:"x"` // body, cut to maxText characters
}

// Build returns the index files keyed by path relative to the site root (e.g.
// "_search/zh/meta.1a2b3c4d.json"), and for each language the path, with a leading "/",
// of its root file. Same docs and synonyms in any order give the same bytes.
func Build(docs []Doc, synonyms [][]string) (files map[string][]byte, entry map[string]string, err error) {
	syn, err := checkSynonyms(synonyms)
	if err != nil {
		return nil, nil, err
	}
	byLang := map[string][]Doc{}
	seen := map[string]bool{}
	for i, d := range docs {
		if d.Lang != "zh" && d.Lang != "en" {
			return nil, nil, fmt.Errorf("search: doc %d (%q): language %q is not zh or en", i, d.URL, d.Lang)
		}
		if d.URL == "" {
			return nil, nil, fmt.Errorf("search: doc %d (%q): empty URL", i, d.Title)
		}
		if seen[d.Lang+" "+d.URL] {
			return nil, nil, fmt.Errorf("search: doc %d: URL %q (%s) given twice", i, d.URL, d.Lang)
		}
		seen[d.Lang+" "+d.URL] = true
		byLang[d.Lang] = append(byLang[d.Lang], d)
	}

	// The languages share nothing: index them side by side, each into its own map.
	perLang := make([]map[string][]byte, len(Langs))
	roots := make([]string, len(Langs))
	var wg sync.WaitGroup
	for i, lang := range Langs {
		ds := byLang[lang]
		sort.Slice(ds, func(i, j int) bool { return ds[i].URL < ds[j].URL })
		perLang[i] = map[string][]byte{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			roots[i] = buildLang(lang, ds, syn, perLang[i])
		}()
	}
	wg.Wait()
	files = map[string][]byte{}
	entry = map[string]string{}
	for i, lang := range Langs {
		for p, data := range perLang[i] {
			files[p] = data
		}
		entry[lang] = "/" + roots[i]
	}
	return files, entry, nil
}

// checkSynonyms trims the groups and rejects empty terms and one-term groups.
func checkSynonyms(groups [][]string) ([][]string, error) {
	out := make([][]string, 0, len(groups))
	for i, g := range groups {
		var terms []string
		for j, t := range g {
			t = strings.TrimSpace(t)
			if len(slots(t)) == 0 {
				return nil, fmt.Errorf("search: synonyms group %d term %d (%q): no letters, digits or Han characters", i+1, j+1, g[j])
			}
			terms = append(terms, t)
		}
		if len(terms) < 2 {
			return nil, fmt.Errorf("search: synonyms group %d %q: needs at least two terms", i+1, g)
		}
		out = append(out, terms)
	}
	return out, nil
}

// A text is one title, body, heading or term of a page, as term ids (see lexicon): the id of
// each slot, and of the bigram that starts at each slot (noBigram where the slot is not joined
// to the next). Ids instead of strings keep the two passes over a large site (count, then
// post) to slice indexing; hashing every bigram string twice was most of the build time.
type text struct {
	uni []int32
	bi  []int32
}

const noBigram = -1

// page holds the texts of each field of a page.
type page struct {
	fields [numFields][]text // several texts for headings and terms, one for title and body
}

// lexicon gives every term of a language a small integer id, and keeps the bond counts.
type lexicon struct {
	ids   map[string]int32 // unigram (Han character, word or number) → id
	pairs map[uint64]int32 // bigram, as its two unigram ids → id
	terms []string         // id → term
	count []int32          // id → occurrences: of a Han character, or of a bigram (for bonds)
	// The size of each term's posting list, known before it is written (postingsArena).
	occ     []int32 // id → positions, every kind of term
	entries []int32 // id → page fields the term occurs in
	last    []int32 // id → 1 + the key of the last page field counted in entries
}

func newLexicon() *lexicon {
	return &lexicon{ids: map[string]int32{}, pairs: map[uint64]int32{}}
}

func (lx *lexicon) newID(term string) int32 {
	lx.terms = append(lx.terms, term)
	lx.count = append(lx.count, 0)
	lx.occ = append(lx.occ, 0)
	lx.entries = append(lx.entries, 0)
	lx.last = append(lx.last, 0)
	return int32(len(lx.terms) - 1)
}

// seen counts one position of term id in the page field key (doc*numFields+field).
func (lx *lexicon) seen(id int32, key int) {
	lx.occ[id]++
	if lx.last[id] != int32(key+1) {
		lx.last[id] = int32(key + 1)
		lx.entries[id]++
	}
}

// text turns the slots of a text of page field key into ids, and counts them: Han characters
// and bigrams for the bonds, every term for the size of its posting list.
func (lx *lexicon) text(ss []slot, key int) text {
	t := text{uni: make([]int32, len(ss)), bi: make([]int32, len(ss))}
	for i, sl := range ss {
		id, ok := lx.ids[sl.text]
		if !ok {
			id = lx.newID(sl.text)
			lx.ids[sl.text] = id
		}
		t.uni[i] = id
		lx.seen(id, key)
		if sl.kind == slotHan {
			lx.count[id]++
		}
	}
	for i, sl := range ss {
		t.bi[i] = noBigram
		if !sl.joined {
			continue
		}
		pair := uint64(t.uni[i])<<32 | uint64(t.uni[i+1])
		id, ok := lx.pairs[pair]
		if !ok {
			id = lx.newID(sl.text + ss[i+1].text)
			lx.pairs[pair] = id
		}
		t.bi[i] = id
		lx.seen(id, key)
		lx.count[id]++
	}
	return t
}

// postingsArena returns an empty posting list for every term, all cut from one array and each
// with exactly the capacity appendEntry will fill: millions of small lists would otherwise
// each grow (and be copied) several times.
func (lx *lexicon) postingsArena() [][]int32 {
	total := 0
	for id := range lx.terms {
		total += 2*int(lx.entries[id]) + int(lx.occ[id])
	}
	arena := make([]int32, total)
	lists := make([][]int32, len(lx.terms))
	off := 0
	for id := range lx.terms {
		n := 2*int(lx.entries[id]) + int(lx.occ[id])
		lists[id] = arena[off : off : off+n]
		off += n
	}
	return lists
}

// buildLang writes one language's files into files and returns its root file's path.
func buildLang(lang string, docs []Doc, syn [][]string, files map[string][]byte) string {
	dir := "_search/" + lang + "/"
	lx := newLexicon()
	pages := make([]page, len(docs))
	for i, d := range docs {
		p := &pages[i]
		key := i * numFields
		p.fields[fieldTitle] = []text{lx.text(slots(d.Title), key+fieldTitle)}
		p.fields[fieldBody] = []text{lx.text(slots(d.Body), key+fieldBody)}
		for _, h := range d.Headings {
			p.fields[fieldHeading] = append(p.fields[fieldHeading], lx.text(slots(h), key+fieldHeading))
		}
		for _, t := range d.Terms {
			p.fields[fieldTerm] = append(p.fields[fieldTerm], lx.text(slots(t), key+fieldTerm))
		}
	}

	// postings[id] is a flat list of entries, see appendEntry; each term's entries come in key
	// order because pages and fields are visited in that order.
	postings := lx.postingsArena()
	lastKey := make([]int32, len(lx.terms))
	pos := newPositions(len(lx.terms))
	for i := range pages {
		for f, texts := range pages[i].fields {
			pos.collect(texts, lx)
			key := int32(i*numFields + f)
			for _, id := range pos.touched {
				postings[id] = appendEntry(postings[id], key-lastKey[id], pos.of[id])
				lastKey[id] = key
			}
			pos.reset()
		}
	}

	var total int
	shardHashes := writeShards(dir, lx.terms, postings, files, &total)

	lengths := []int{} // [] not null in JSON when the language has no pages
	for i := range pages {
		for _, texts := range pages[i].fields {
			n := 0
			for _, t := range texts {
				n += len(t.uni)
			}
			lengths = append(lengths, n)
		}
	}

	support := []int{}
	for i, d := range docs {
		if d.Support {
			support = append(support, i)
		}
	}

	var docHashes strings.Builder
	for i, d := range docs {
		data := marshal(docFile{URL: d.URL, Title: d.Title, Clause: d.Clause, Text: cut(d.Body, maxText)})
		h := hashOf(data)
		files[dir+"d"+strconv.Itoa(i)+"."+h+".json"] = data
		docHashes.WriteString(h)
		total += len(data)
	}

	data := marshal(root{V: formatVersion, Lang: lang, Docs: len(docs), Shards: shardHashes,
		DocFiles: docHashes.String(), Lengths: lengths, Support: support, Synonyms: syn, Bytes: total})
	name := dir + "meta." + hashOf(data) + ".json"
	files[name] = data
	return name
}

// positions gathers, for the terms of one field of one page, their positions in order. Its
// slices are reused from field to field.
type positions struct {
	of      [][]int32 // term id → positions in the current field
	touched []int32   // ids with positions, in order of first occurrence
	bondAt  []float64
}

func newPositions(terms int) *positions { return &positions{of: make([][]int32, terms)} }

func (p *positions) add(id int32, at int32) {
	if len(p.of[id]) == 0 {
		p.touched = append(p.touched, id)
	}
	p.of[id] = append(p.of[id], at)
}

func (p *positions) reset() {
	for _, id := range p.touched {
		p.of[id] = p.of[id][:0]
	}
	p.touched = p.touched[:0]
}

// collect records the positions of every term of a field's texts. Texts of a field follow
// each other with one empty position between them, so a phrase never spans two headings.
// Bigram positions carry the boundary flags (bond.go).
func (p *positions) collect(texts []text, lx *lexicon) {
	base := int32(0)
	for _, t := range texts {
		// The bond of each joined pair, computed once: flags compares each with its neighbours.
		p.bondAt = p.bondAt[:0]
		for i, bi := range t.bi {
			b := 0.0
			if bi != noBigram {
				b = lx.bond(bi, t.uni[i], t.uni[i+1])
			}
			p.bondAt = append(p.bondAt, b)
		}
		for i, id := range t.uni {
			at := base + int32(i)
			p.add(id, at)
			if t.bi[i] != noBigram {
				p.add(t.bi[i], at<<flagBits|flagsAt(t.bi, p.bondAt, i))
			}
		}
		base += int32(len(t.uni)) + 1
	}
}

// appendEntry appends one posting entry: the key's distance from the previous entry's
// key (doc*numFields+field), the number of positions, the first position and the
// distances between the following ones. Small numbers keep the JSON short.
func appendEntry(list []int32, keyDelta int32, positions []int32) []int32 {
	list = append(list, keyDelta, int32(len(positions)))
	prev := int32(0)
	for _, p := range positions {
		list = append(list, p-prev)
		prev = p
	}
	return list
}

// writeShards spreads the terms over shards by hash, writes them and returns their
// hashes in shard order. terms and postings are indexed by term id.
func writeShards(dir string, terms []string, postings [][]int32, files map[string][]byte, total *int) string {
	// Lists are measured first and encoded straight into their shard: encoding them all up
	// front meant growing (and copying) one buffer of tens of megabytes.
	lens := make([]int, len(terms))
	size := 0
	for id, list := range postings {
		lens[id] = packedLen(list)
		size += lens[id] + len(terms[id]) + 4
	}
	// The count follows the bytes, not the terms: when a few terms have huge posting lists
	// (English "the" on a large site) many shards stay empty ("{}"), which costs the root 8
	// characters each, but a query then loads its own terms' lists and little else.
	n := (size + shardTarget - 1) / shardTarget
	if n < 1 {
		n = 1
	}
	n = min(n, maxShards)
	// Terms keep the order of their ids (first occurrence in the docs, which Build sorts by URL):
	// deterministic, and no sort of hundreds of thousands of strings. Readers look terms up by
	// key, so the order within a shard means nothing to them.
	shards := make([][]int32, n)
	for id, t := range terms {
		s := hashTerm(t) % uint32(n)
		shards[s] = append(shards[s], int32(id))
	}
	var hashes strings.Builder
	for i, ids := range shards {
		need := 2
		for _, id := range ids {
			need += lens[id] + len(terms[id]) + 4
		}
		buf := make([]byte, 0, need)
		buf = append(buf, '{')
		for j, id := range ids {
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = appendTerm(buf, terms[id])
			buf = append(buf, ':')
			buf = appendPacked(buf, postings[id])
		}
		buf = append(buf, '}')
		h := hashOf(buf)
		files[dir+"p"+strconv.Itoa(i)+"."+h+".json"] = buf
		hashes.WriteString(h)
		*total += len(buf)
	}
	return hashes.String()
}

// appendTerm appends a term as a JSON string. Terms are made of ASCII letters and digits or Han
// characters (tokenize.go), which JSON needs no escape for; anything else goes through the
// encoder, so the output is the same either way.
func appendTerm(buf []byte, t string) []byte {
	for _, r := range t {
		if !isLetter(r) && !isDigit(r) && !isHan(r) {
			return append(buf, marshal(t)...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, t...)
	return append(buf, '"')
}

// marshal is compact JSON without HTML escaping. It only sees our own types, which
// always encode.
func marshal(v any) []byte {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("search: cannot encode " + fmt.Sprintf("%T", v) + ": " + err.Error())
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n"))
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:hashLen]
}

// cut returns s cut to at most n characters.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

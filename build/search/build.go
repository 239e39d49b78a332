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
	// maxText is how many characters of a page's body are kept for result snippets.
	maxText = 2000
	// hashLen is the length of a content hash in file names (hex digits).
	hashLen = 8
	// formatVersion is bumped when the file layout changes.
	formatVersion = 1
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

// page holds the slots of each field of a page.
type page struct {
	fields [numFields][][]slot // each field is a list of texts (several for headings and terms)
}

// buildLang writes one language's files into files and returns its root file's path.
func buildLang(lang string, docs []Doc, syn [][]string, files map[string][]byte) string {
	dir := "_search/" + lang + "/"
	b := newBonds()
	pages := make([]page, len(docs))
	for i, d := range docs {
		p := &pages[i]
		p.fields[fieldTitle] = [][]slot{slots(d.Title)}
		p.fields[fieldBody] = [][]slot{slots(d.Body)}
		for _, h := range d.Headings {
			p.fields[fieldHeading] = append(p.fields[fieldHeading], slots(h))
		}
		for _, t := range d.Terms {
			p.fields[fieldTerm] = append(p.fields[fieldTerm], slots(t))
		}
		for _, texts := range p.fields {
			for _, ss := range texts {
				b.add(ss)
			}
		}
	}

	// postings[term] is a flat list of entries, see appendEntry.
	postings := map[string][]int{}
	lastKey := map[string]int{}
	for i := range pages {
		for f, texts := range pages[i].fields {
			positions := fieldPositions(texts, b)
			terms := make([]string, 0, len(positions))
			for t := range positions {
				terms = append(terms, t)
			}
			sort.Strings(terms)
			for _, t := range terms {
				key := i*numFields + f
				postings[t] = appendEntry(postings[t], key-lastKey[t], positions[t])
				lastKey[t] = key
			}
		}
	}

	var total int
	shardHashes := writeShards(dir, postings, files, &total)

	lengths := []int{} // [] not null in JSON when the language has no pages
	for i := range pages {
		for _, texts := range pages[i].fields {
			n := 0
			for _, ss := range texts {
				n += len(ss)
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

// fieldPositions returns, for each term of a field, its positions in order. Texts of a
// field follow each other with one empty position between them, so a phrase never
// spans two headings. Bigram positions carry the boundary flags (bond.go).
func fieldPositions(texts [][]slot, b *bonds) map[string][]int {
	out := map[string][]int{}
	base := 0
	var bondAt []float64
	for _, ss := range texts {
		// The bond of each joined pair, computed once: flags compares each with its neighbours.
		bondAt = bondAt[:0]
		for i, sl := range ss {
			if sl.joined {
				bondAt = append(bondAt, b.bond(sl.text, ss[i+1].text))
			} else {
				bondAt = append(bondAt, 0)
			}
		}
		for i, sl := range ss {
			out[sl.text] = append(out[sl.text], base+i)
			if sl.joined {
				bg := sl.text + ss[i+1].text
				out[bg] = append(out[bg], (base+i)<<flagBits|flagsAt(ss, bondAt, i))
			}
		}
		base += len(ss) + 1
	}
	return out
}

// appendEntry appends one posting entry: the key's distance from the previous entry's
// key (doc*numFields+field), the number of positions, the first position and the
// distances between the following ones. Small numbers keep the JSON short.
func appendEntry(list []int, keyDelta int, positions []int) []int {
	list = append(list, keyDelta, len(positions))
	prev := 0
	for _, p := range positions {
		list = append(list, p-prev)
		prev = p
	}
	return list
}

// writeShards spreads the terms over shards by hash, writes them and returns their
// hashes in shard order.
func writeShards(dir string, postings map[string][]int, files map[string][]byte, total *int) string {
	encoded := map[string][]byte{}
	size := 0
	for t, list := range postings {
		e := appendInts(nil, list)
		encoded[t] = e
		size += len(e) + len(t) + 4
	}
	// The count follows the bytes, not the terms: when a few terms have huge posting lists
	// (English "the" on a large site) many shards stay empty ("{}"), which costs the root 8
	// characters each, but a query then loads its own terms' lists and little else.
	n := (size + shardTarget - 1) / shardTarget
	if n < 1 {
		n = 1
	}
	shards := make([][]string, n)
	for t := range encoded {
		s := hashTerm(t) % uint32(n)
		shards[s] = append(shards[s], t)
	}
	var hashes strings.Builder
	for i, terms := range shards {
		sort.Strings(terms)
		buf := []byte{'{'}
		for j, t := range terms {
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, marshal(t)...)
			buf = append(buf, ':')
			buf = append(buf, encoded[t]...)
		}
		buf = append(buf, '}')
		h := hashOf(buf)
		files[dir+"p"+strconv.Itoa(i)+"."+h+".json"] = buf
		hashes.WriteString(h)
		*total += len(buf)
	}
	return hashes.String()
}

func appendInts(buf []byte, list []int) []byte {
	buf = append(buf, '[')
	for i, v := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(v), 10)
	}
	return append(buf, ']')
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

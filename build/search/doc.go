// Package search builds the site's search index: for each language a small root file
// and content-hashed chunks that the browser loads on demand. The query side runs in the
// browser (templates/assets/js/search.ts and search/); this package has a Go twin of it
// (query.go, score.go) that tests and benchmarks use.
//
// # Tokens
//
// Chinese is indexed as overlapping character bigrams plus single characters, with
// positions; English as lower-cased, lightly stemmed words; numbers as digit runs, so
// "20万" is "20" then "万" (tokenize.go, stem.go). Query and index must tokenise
// identically: testdata/tokenizer_vectors.json is generated from the Go tokenizer
// (`go test ./build/search -update`) and checked against the TypeScript one under node
// (node_test.go) and in the browser (window.scaleupSearchLocal, see search-worker.ts).
//
// # Files
//
// Under _search/LANG/, every name ends in the first 8 hex digits of the SHA-256 of its
// bytes, so all can be cached forever:
//
//	meta.HASH.json  the root: page count, the hashes of all shards ("s") and page files
//	                ("d") as one string, field lengths ("l"), synonyms ("syn")
//	pI.HASH.json    shard I: {"term": "postings…", …} for the terms whose FNV-1a hash
//	                modulo the shard count is I (about shardTarget bytes each, larger
//	                on a site with more than maxShards of them)
//	dI.HASH.json    page I (pages are numbered in URL order): URL, title, clause label,
//	                and the start of the text for snippets
//
// A term's postings are a flat list of entries: the distance from the previous entry's
// key (page·4 + field: 0 body, 1 headings, 2 glossary terms, 3 title), the number of
// positions, the first position and the gaps to the next ones. Positions of Chinese
// bigrams carry two word-boundary flags in their low bits (bond.go). The list is written
// as one string, each number in base-32 digits (pack.go): "0vB0D4" is 0, 31, 32, 100.
//
// # Queries
//
// A query is read as typed and with synonyms swapped in (expand in query.go); each
// reading loads the shards of its tokens; pages are scored by phrase matches, field,
// coverage and BM25-style length normalisation (score.go); the first results' page files
// give titles and snippets.
package search

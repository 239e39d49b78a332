// Run by node_test.go under node: checks the TypeScript tokenizer against the shared
// vectors and ranks the fixture site's queries with the TypeScript query side, so the Go
// test can compare both rankings.
//
//   node check.js VECTORS.json SITE_DIR QUERIES.json
//
// Prints {"failures": [...], "results": [[{"url", "score", "snippet"}, ...], ...]} as JSON.

import { tokenize, slots, queryTokens, hashTerm, Token } from "../../../templates/assets/js/search/tokenize";
import { Index } from "../../../templates/assets/js/search/query";
import { snippet } from "../../../templates/assets/js/search/snippet";

declare const require: (m: string) => any;
declare const process: { argv: string[]; stdout: { write(s: string): void } };

const fs = require("fs");
const path = require("path");

interface Vectors {
  cases: { in: string; tokens: string[]; query: string[] }[];
  hashes: { term: string; hash: number }[];
}

const show = (ts: Token[]) => ts.map((t) => t.term + "@" + t.pos);

async function main() {
  const args = process.argv.slice(2);
  const vectorsPath = args[0];
  const siteDir = args[1];
  const queriesPath = args[2];
  const vectors: Vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
  const failures: string[] = [];
  for (const c of vectors.cases) {
    const got = show(tokenize(c.in));
    if (JSON.stringify(got) !== JSON.stringify(c.tokens))
      failures.push(`tokenize(${JSON.stringify(c.in)}) = ${JSON.stringify(got)}, want ${JSON.stringify(c.tokens)}`);
    const gotQ = show(queryTokens(slots(c.in)));
    if (JSON.stringify(gotQ) !== JSON.stringify(c.query))
      failures.push(`queryTokens(${JSON.stringify(c.in)}) = ${JSON.stringify(gotQ)}, want ${JSON.stringify(c.query)}`);
  }
  for (const h of vectors.hashes) {
    if (hashTerm(h.term) !== h.hash) failures.push(`hashTerm(${JSON.stringify(h.term)}) = ${hashTerm(h.term)}, want ${h.hash}`);
  }

  const queries: { entry: string; q: string }[] = JSON.parse(fs.readFileSync(queriesPath, "utf8"));
  const load = async (p: string) => JSON.parse(fs.readFileSync(path.join(siteDir, p), "utf8"));
  const results = [];
  for (const query of queries) {
    const ix = await Index.open(load, query.entry);
    const found = await ix.search(query.q);
    const hits = [];
    for (const r of found.ranked.slice(0, 10)) {
      const d = await ix.doc(r.doc);
      hits.push({ url: d.u, score: r.score, snippet: html(snippet(d.x, found.variants)) });
    }
    results.push(hits);
  }
  process.stdout.write(JSON.stringify({ failures, results }));
}

// html writes a snippet's pieces as the page shows them: the text, with the highlighted pieces
// (odd indexes) in <mark>; escaped, so that no text of a page can pass for a mark.
function html(pieces: string[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return pieces.map((p, i) => (i % 2 ? "<mark>" + esc(p) + "</mark>" : esc(p))).join("");
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ failures: ["exception: " + (e && e.stack ? e.stack : e)], results: [] }));
});

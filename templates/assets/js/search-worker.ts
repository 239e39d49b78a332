// Entry point of the search page's Web Worker (bundled by the generator with esbuild).
//
// The page (search/page.ts, through WorkerSearcher in search/searcher.ts) sends one message per
// request, each with an id and the index's entry file:
//   {id, entry, q, from, count}  results from..from+count of q: {id, value: {total, hits}}
//   {id, entry, warm: true}      load the whole index when small: {id, value: true or false}
//   {id, entry, resources: true} the URLs fetched so far, for the benchmarks
// or {id, error} when a request fails. The index, its postings and page files stay loaded here
// between queries; warm's downloads also fill the HTTP cache (and the service worker's), so
// that later visits find them offline.
//
// Where no worker can start, the page loads this same file as a plain script: then it only
// hands the page its searcher (window.scaleupSearchLocal.make), and the page searches on its
// own thread. One file for both, so the page's own script carries no copy of the search code.

import { LocalSearcher } from "./search/local";
import { fetchJSON } from "./search/searcher";
import { tokenize, slots, queryTokens, hashTerm } from "./search/tokenize";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage: (m: unknown) => void;
  location: Location;
};

let searcher: LocalSearcher | null = null;

function answer(ev: MessageEvent) {
  const msg = ev.data || {};
  const id = msg.id;
  if (!searcher) searcher = new LocalSearcher((path) => fetchJSON(path, scope.location.href), String(msg.entry || ""));
  let work: Promise<unknown>;
  if (msg.resources) work = Promise.resolve(performance.getEntriesByType("resource").map((e) => e.name));
  else if (msg.warm) work = searcher.warm();
  else work = searcher.find(String(msg.q || ""), Number(msg.from) || 0, Number(msg.count) || 10);
  work.then(
    (value) => scope.postMessage({ id, value }),
    (e) => scope.postMessage({ id, error: String(e && e.message ? e.message : e) }),
  );
}

if (typeof document === "undefined") {
  scope.onmessage = answer;
} else {
  // make is for the page; the tokenizer is for the browser test that holds it to the Go one
  // (build/search/testdata/tokenizer_vectors.json), in the shape of that file.
  (window as unknown as Record<string, unknown>).scaleupSearchLocal = {
    make: (...args: ConstructorParameters<typeof LocalSearcher>) => new LocalSearcher(...args),
    tokenize: (s: string) => tokenize(s).map((t) => t.term + "@" + t.pos),
    query: (s: string) => queryTokens(slots(s)).map((t) => t.term + "@" + t.pos),
    hash: hashTerm,
  };
}

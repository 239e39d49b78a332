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

import { LocalSearcher, fetchJSON } from "./search/searcher";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage: (m: unknown) => void;
  location: Location;
};

let searcher: LocalSearcher | null = null;

scope.onmessage = (ev: MessageEvent) => {
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
};

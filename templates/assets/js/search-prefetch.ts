// Entry point of the search page's prefetch worker (bundled by the generator with esbuild).
//
// The page (search/page.ts) sends the list of every file of the search index, once the first
// results are shown; the worker downloads them into the browser's HTTP cache, two at a time, and
// answers "done". Later queries then find the files there (they are fingerprinted and sent with
// Cache-Control: immutable) and keep working with the network gone, as in a training room with a
// flaky connection. A worker, because a hundred or more small downloads handled by the page
// itself would keep its main thread busy while the reader reads the results.
//
// Only this site's files are fetched: the page builds the list from the index's own root file.

const scope = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage: (m: unknown) => void;
  location: Location;
};

scope.onmessage = (e: MessageEvent) => {
  const urls = (Array.isArray(e.data) ? e.data : []).filter(
    (u: unknown): u is string => typeof u === "string" && new URL(u, scope.location.href).origin === scope.location.origin,
  );
  const lane = async () => {
    for (let u = urls.shift(); u; u = urls.shift()) {
      try {
        const res = await fetch(u, { credentials: "same-origin" });
        await res.arrayBuffer(); // read to the end, or the cache entry stays incomplete
      } catch {
        // a later query fetches it again
      }
    }
  };
  Promise.all([lane(), lane()]).then(() => scope.postMessage("done"));
};

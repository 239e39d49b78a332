// A searcher on the thread it is made on: the search worker's (search-worker.ts), or, where no
// worker can start, the page's own (page.ts loads search-worker.js as a plain script then, so
// the page's script carries none of this code).

import { Index, Loader, Ranked, Variant } from "./query";
import { snippet } from "./snippet";
import { Found, Hit, Searcher, prefetchLimit } from "./searcher";

const now = () => Promise.resolve();

export class LocalSearcher implements Searcher {
  private index: Promise<Index> | null = null;
  // The ranking of the latest query: "more results" asks for its next page.
  private last: { q: string; ranked: Ranked[]; variants: Variant[] } | null = null;

  // step is awaited before each snippet and idle before each file warm loads: the page passes
  // pauses that let the browser handle input in between; the worker needs none.
  constructor(
    private load: Loader,
    private entry: string,
    private step: () => Promise<void> = now,
    private idle: () => Promise<void> = now,
  ) {}

  private open(): Promise<Index> {
    if (!this.index) {
      const ix = Index.open(this.load, this.entry);
      ix.catch(() => {
        if (this.index === ix) this.index = null; // the next query tries again
      });
      this.index = ix;
    }
    return this.index;
  }

  async find(q: string, from: number, count: number): Promise<Found> {
    const ix = await this.open();
    let found = this.last;
    if (!found || found.q !== q) {
      found = { q, ...(await ix.search(q)) };
      this.last = found;
    }
    const docs = await Promise.all(found.ranked.slice(from, from + count).map((r) => ix.doc(r.doc)));
    const hits: Hit[] = [];
    for (const d of docs) {
      await this.step();
      hits.push({ u: d.u, t: d.t, c: d.c, s: snippet(d.x, found.variants) });
    }
    return { total: found.ranked.length, hits };
  }

  async warm(): Promise<boolean> {
    const ix = await this.open();
    if (ix.root.z > prefetchLimit) return false;
    await ix.prefetch(this.idle);
    return true;
  }
}

// The search itself, wherever it runs. A searcher answers "results from..from+count of this
// query" with what the page shows of each: link, title, clause label and snippet. The page
// (page.ts) asks the search worker (search-worker.ts), which runs a LocalSearcher (local.ts) on
// its own thread: opening the index, decoding postings, ranking and cutting snippets then never
// hold up the page's main thread, which only puts the results in the list. Where no worker can
// start (an old browser, a policy), the page loads the worker's script itself and runs its
// LocalSearcher, pausing between steps.

// A Hit is one result as the page shows it. s is the snippet: plain and highlighted text by
// turns (snippet.ts).
export interface Hit {
  u: string;
  t: string;
  c?: string;
  s: string[];
}

// Found is one page of results and the number of results in all.
export interface Found {
  total: number;
  hits: Hit[];
}

export interface Searcher {
  find(q: string, from: number, count: number): Promise<Found>;
  // warm loads every file of the index, when the whole index is small, so that later queries
  // work with the network gone (a training room with a flaky connection). It resolves with
  // whether it did.
  warm(): Promise<boolean>;
}

// prefetchLimit: warm loads the whole index up to this many bytes (before compression).
export const prefetchLimit = 1024 * 1024;

// fetchJSON loads a JSON file of the index, from this site only.
export async function fetchJSON(path: string, here: string): Promise<unknown> {
  const url = new URL(path, here);
  if (url.origin !== new URL(here).origin) throw new Error(path + ": not on this site");
  const res = await fetch(url.href, { credentials: "same-origin" });
  if (!res.ok) throw new Error(path + ": HTTP " + res.status);
  return res.json();
}

// WorkerSearcher is the page's side of the search worker: one message per request, answered
// by id. If the worker fails (its script cannot load), the requests waiting for it and every
// later one go to the searcher fallback() makes.
export class WorkerSearcher implements Searcher {
  private worker: Worker;
  private next = 1;
  private waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; instead: (s: Searcher) => Promise<any> }>();
  private local: Searcher | null = null;

  constructor(url: string, private entry: string, private fallback: () => Searcher) {
    this.worker = new Worker(url);
    this.worker.onmessage = (ev: MessageEvent) => {
      const msg = ev.data || {};
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error));
      else w.resolve(msg.value);
    };
    this.worker.onerror = (ev: Event) => {
      ev.preventDefault();
      this.worker.terminate();
      this.local = this.fallback();
      const local = this.local;
      this.waiting.forEach((w) => w.instead(local).then(w.resolve, w.reject));
      this.waiting.clear();
    };
  }

  private ask<T>(msg: Record<string, unknown>, instead: (s: Searcher) => Promise<T>): Promise<T> {
    if (this.local) return instead(this.local);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, instead });
      this.worker.postMessage({ ...msg, id, entry: this.entry });
    });
  }

  find(q: string, from: number, count: number): Promise<Found> {
    return this.ask({ q, from, count }, (s) => s.find(q, from, count));
  }

  warm(): Promise<boolean> {
    return this.ask({ warm: true }, (s) => s.warm());
  }

  // resources lists the URLs the worker has fetched (its resource timing entries), for the
  // benchmarks' count of the bytes a query loads: the page's own entries do not show them.
  resources(): Promise<string[]> {
    return this.ask({ resources: true }, () => Promise.resolve([] as string[]));
  }
}

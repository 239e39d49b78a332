// Querying an index in the browser: the twin of build/search/query.go. The root file
// names every shard and page file by its content hash; a query loads only the shards of
// its terms and the page files of the results it shows.

import { Slot, Kind, Token, slots, queryTokens, hashTerm } from "./tokenize";
import { TermPostings, Corpus, newCorpus, decode, unpack, scoreDoc, roundScore, numFields, supportWeight } from "./score";

const hashLen = 8;
const formatVersion = 2;
const synonymWeight = 0.7;
const maxVariants = 6;

interface Root {
  v: number;
  lang: string;
  n: number; // pages
  s: string; // shard hashes, hashLen hex digits each
  d: string; // page-file hashes
  syn: string[][];
  z: number; // bytes of all shards and page files
  l: number[]; // length in slots of each field of each page, numFields per page
  c: number[]; // supporting pages (worked examples)
}

export interface DocFile {
  u: string; // URL
  t: string; // title
  c?: string; // clause label
  x: string; // body text, cut
}

export interface Variant {
  tokens: Token[];
  weight: number;
}

export interface Ranked {
  doc: number;
  score: number;
}

// A Loader returns the parsed JSON of a file, given its path from the site root.
export type Loader = (path: string) => Promise<unknown>;

export class Index {
  private shards = new Map<number, Promise<Record<string, string>>>();
  private docs = new Map<number, Promise<DocFile>>();

  private constructor(private load: Loader, private base: string, readonly root: Root) {}

  static async open(load: Loader, entry: string): Promise<Index> {
    const root = (await load(entry)) as Root;
    const ok =
      root &&
      root.v === formatVersion &&
      root.s.length > 0 &&
      root.s.length % hashLen === 0 &&
      root.d.length === root.n * hashLen &&
      root.l.length === root.n * numFields;
    if (!ok) throw new Error(entry + ": not a search index of format " + formatVersion);
    return new Index(load, entry.slice(0, entry.lastIndexOf("/") + 1), root);
  }

  private fileName(kind: string, hashes: string, i: number): string {
    return this.base + kind + i + "." + hashes.slice(i * hashLen, (i + 1) * hashLen) + ".json";
  }

  private shard(i: number): Promise<Record<string, string>> {
    let p = this.shards.get(i);
    if (!p) {
      p = this.load(this.fileName("p", this.root.s, i)) as Promise<Record<string, string>>;
      this.shards.set(i, p);
      p.catch(() => this.shards.delete(i)); // let a later query retry
    }
    return p;
  }

  async postings(term: string): Promise<number[] | undefined> {
    const n = this.root.s.length / hashLen;
    const shard = await this.shard(hashTerm(term) % n);
    return Object.prototype.hasOwnProperty.call(shard, term) ? unpack(shard[term]) : undefined;
  }

  doc(i: number): Promise<DocFile> {
    let p = this.docs.get(i);
    if (!p) {
      p = this.load(this.fileName("d", this.root.d, i)) as Promise<DocFile>;
      this.docs.set(i, p);
      p.catch(() => this.docs.delete(i));
    }
    return p;
  }

  // search ranks every page for q, best first; the variants tell the snippet maker what
  // to highlight.
  async search(q: string): Promise<{ ranked: Ranked[]; variants: Variant[] }> {
    const variants = expand(slots(q), this.root.syn);
    const terms: string[] = [];
    for (const v of variants) for (const t of v.tokens) if (terms.indexOf(t.term) < 0) terms.push(t.term);
    const flats = await Promise.all(terms.map((t) => this.postings(t)));
    const lists = new Map<string, TermPostings>();
    terms.forEach((t, i) => lists.set(t, decode(flats[i])));
    return { ranked: rank(variants, lists, newCorpus(this.root.l, this.root.c)), variants };
  }

  // prefetch loads every file of the index, two at a time, so later queries work offline.
  // Failures are ignored: a query will try again. Each file waits for pause: the search worker
  // passes none; the page, searching on its own thread where no worker can start, passes "until
  // the browser is idle", because a hundred or more small files fetched back to back would keep
  // its main thread busy in long stretches while the reader is trying to use the page.
  async prefetch(pause: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    const jobs: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < this.root.s.length / hashLen; i++) jobs.push(() => this.shard(i));
    for (let i = 0; i < this.root.n; i++) jobs.push(() => this.doc(i));
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        await pause();
        await job().catch(() => undefined);
      }
    };
    await Promise.all([worker(), worker()]);
  }
}

// expand returns the query as typed and, for each synonym found in it, the query with the
// synonym replaced by each other term of its group, longer matches first (expand in
// query.go).
export function expand(q: Slot[], groups: string[][]): Variant[] {
  const first = queryTokens(q);
  if (first.length === 0) return [];
  const found: { group: number; member: number; at: number; n: number }[] = [];
  const gs = groups.map((g, gi) =>
    g.map((t, i) => {
      const ss = slots(t);
      const at = findSlots(q, ss);
      if (at >= 0) found.push({ group: gi, member: i, at, n: ss.length });
      return ss;
    }),
  );
  // A full comparator: Chrome 64's sort is not stable.
  found.sort((x, y) => y.n - x.n || x.group - y.group || x.member - y.member);

  const out: Variant[] = [{ tokens: first, weight: 1 }];
  const seen = new Set([tokenKey(first)]);
  for (const m of found) {
    gs[m.group].forEach((to, j) => {
      if (j === m.member || out.length >= maxVariants) return;
      const toks = queryTokens(replaceSlots(q, m.at, m.n, to));
      const k = tokenKey(toks);
      if (!seen.has(k)) {
        seen.add(k);
        out.push({ tokens: toks, weight: synonymWeight });
      }
    });
  }
  return out;
}

const tokenKey = (ts: Token[]) => ts.map((t) => t.term + "@" + t.pos + " ").join("");

function findSlots(q: Slot[], needle: Slot[]): number {
  for (let i = 0; i + needle.length <= q.length; i++) {
    let ok = true;
    for (let j = 0; j < needle.length && ok; j++) ok = q[i + j].text === needle[j].text;
    if (ok) return i;
  }
  return -1;
}

function replaceSlots(q: Slot[], i: number, n: number, w: Slot[]): Slot[] {
  const out = q.slice(0, i).map((s) => ({ ...s }));
  if (i > 0 && out[i - 1].joined && w[0].kind !== Kind.Han) out[i - 1].joined = false;
  for (const s of w) out.push({ ...s });
  const last = out.length - 1;
  out[last].joined = q[i + n - 1].joined && out[last].kind === Kind.Han;
  return out.concat(q.slice(i + n));
}

// rank scores every page any token occurs in, best first, ties in page order.
export function rank(variants: Variant[], lists: Map<string, TermPostings>, c: Corpus): Ranked[] {
  const candidates = new Set<number>();
  lists.forEach((tp) =>
    tp.keys.forEach((k) => {
      if (k / numFields < c.docs) candidates.add(Math.floor(k / numFields)); // a damaged shard must not crash the page
    }),
  );
  const out: Ranked[] = [];
  candidates.forEach((d) => {
    let best = 0;
    for (const v of variants) best = Math.max(best, v.weight * scoreDoc(d, v.tokens, lists, c));
    if (c.support[d]) best *= supportWeight;
    if (best > 0) out.push({ doc: d, score: roundScore(best) });
  });
  out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return out;
}


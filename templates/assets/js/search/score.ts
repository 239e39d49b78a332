// Scoring: the twin of build/search/score.go, formula for formula (read the comment
// there). Go tests check that both rank the fixture site the same.

import { Token, isBigram } from "./tokenize";

export const numFields = 4; // body, headings, glossary terms, title
const fieldWeight = [1, 2, 2, 4];
const phraseBonus = 2;
const crossPenalty = 0.3;
const flagLeft = 1;
const flagRight = 2;
const flagBits = 2;

// TermPostings maps a posting key (doc*numFields+field) to its positions.
export interface TermPostings {
  keys: number[];
  pos: Map<number, number[]>;
  df: number;
}

// Posting lists come packed, one string each (build/search/pack.go): every number in base 32,
// most significant digit first, its last digit from lastDigits and the others from moreDigits.
const lastDigits = "0123456789abcdefghijklmnopqrstuv";
const moreDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
const digitValue: number[] = [];
for (let i = 0; i < 128; i++) digitValue.push(-1);
for (let i = 0; i < 32; i++) {
  digitValue[lastDigits.charCodeAt(i)] = i;
  digitValue[moreDigits.charCodeAt(i)] = 32 + i;
}

// unpack reads a packed list. It stops at the first character that is no digit (a damaged file),
// returning the numbers before it: a query then finds fewer pages rather than failing.
export function unpack(s: unknown): number[] | undefined {
  if (typeof s !== "string") return undefined;
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? digitValue[c] : -1;
    if (d < 0) break;
    if (d >= 32) v = v * 32 + d - 32;
    else {
      out.push(v * 32 + d);
      v = 0;
    }
  }
  return out;
}

// decode undoes appendEntry (build.go): key delta, count, first position, deltas.
export function decode(flat: number[] | undefined): TermPostings {
  const tp: TermPostings = { keys: [], pos: new Map(), df: 0 };
  if (!flat) return tp;
  let key = 0;
  let lastDoc = -1;
  for (let i = 0; i + 1 < flat.length; ) {
    key += flat[i];
    const n = flat[i + 1];
    i += 2;
    const ps: number[] = [];
    let p = 0;
    for (let j = 0; j < n && i < flat.length; j++) {
      p += flat[i];
      ps.push(p);
      i++;
    }
    tp.keys.push(key);
    tp.pos.set(key, ps);
    const doc = Math.floor(key / numFields);
    if (doc !== lastDoc) {
      tp.df++;
      lastDoc = doc;
    }
  }
  return tp;
}

const lengthB = 0.75; // BM25's b

// Corpus is what scoring needs to know about all pages.
export interface Corpus {
  docs: number;
  lengths: number[]; // field lengths in slots: numFields per page, in field order
  avg: number[];
  support: { [doc: number]: boolean }; // supporting pages (worked examples)
}

// supportWeight multiplies the score of supporting pages (score.go).
export const supportWeight = 0.3;

export function newCorpus(lengths: number[], supportDocs: number[]): Corpus {
  const docs = lengths.length / numFields;
  const avg: number[] = [];
  for (let f = 0; f < numFields; f++) {
    let sum = 0;
    for (let d = 0; d < docs; d++) sum += lengths[d * numFields + f];
    avg.push(sum > 0 ? sum / docs : 1);
  }
  const support: { [doc: number]: boolean } = {};
  for (const d of supportDocs || []) support[d] = true;
  return { docs, lengths, avg, support };
}

// norm is BM25's length normaliser for field f of page doc.
const norm = (c: Corpus, doc: number, f: number) => 1 - lengthB + (lengthB * c.lengths[doc * numFields + f]) / c.avg[f];
const sat = (n: number, nrm: number) => n / (n + nrm);
const idf = (docs: number, df: number) => Math.log(1 + docs / Math.max(df, 1));
export const roundScore = (s: number) => Math.round(s * 1e6) / 1e6;
const posOf = (v: number, bigram: boolean) => (bigram ? v >> flagBits : v);

// find returns the stored value at position p in ps (sorted), or -1.
function find(ps: number[], p: number, bigram: boolean): number {
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (posOf(ps[mid], bigram) >= p) hi = mid;
    else lo = mid + 1;
  }
  return lo < ps.length && posOf(ps[lo], bigram) === p ? ps[lo] : -1;
}

const empty: TermPostings = { keys: [], pos: new Map(), df: 0 };

export function scoreDoc(doc: number, tokens: Token[], lists: Map<string, TermPostings>, c: Corpus): number {
  const n = tokens.length;
  if (n === 0) return 0;
  const bigram = tokens.map((t) => isBigram(t.term));
  const idfs = tokens.map((t) => idf(c.docs, (lists.get(t.term) || empty).df));
  let sumIdf = 0;
  for (const x of idfs) sumIdf += x;

  const best = tokens.map(() => 0);
  let phrase = 0;
  for (let f = 0; f < numFields; f++) {
    const key = doc * numFields + f;
    const w = fieldWeight[f];
    const nrm = norm(c, doc, f);
    let all = true;
    const ps = tokens.map((t, i) => {
      const list = (lists.get(t.term) || empty).pos.get(key) || [];
      if (list.length === 0) all = false;
      else best[i] = Math.max(best[i], w * sat(list.length, nrm));
      return list;
    });
    if (!all) continue;
    let clean = 0;
    let cross = 0;
    for (const v of ps[0]) {
      const start = posOf(v, bigram[0]) - tokens[0].pos;
      let last = v;
      let ok = true;
      for (let i = 1; i < n && ok; i++) {
        last = find(ps[i], start + tokens[i].pos, bigram[i]);
        ok = last >= 0;
      }
      if (!ok) continue;
      if ((bigram[0] && (v & flagLeft) !== 0) || (bigram[n - 1] && (last & flagRight) !== 0)) cross++;
      else clean++;
    }
    phrase += w * (sat(clean, nrm) + crossPenalty * sat(cross, nrm));
  }

  let tokenScore = 0;
  let present = 0;
  tokens.forEach((_, i) => {
    if (best[i] > 0) {
      tokenScore += idfs[i] * best[i];
      present += idfs[i];
    }
  });
  const coverage = present / sumIdf;
  return phraseBonus * phrase + (tokenScore / sumIdf) * coverage * coverage;
}

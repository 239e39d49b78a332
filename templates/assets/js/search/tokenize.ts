// The query-side tokenizer: the twin of build/search/tokenize.go and stem.go, which
// built the index. Both must give exactly the same tokens for the same text, or Chinese
// search quietly breaks; build/search/testdata/tokenizer_vectors.json holds them to it.
//
// A text is cut into slots: one Han character, one run of ASCII letters (a word, stemmed)
// or one run of ASCII digits (a number). Anything else separates slots. A slot's index is
// its position. Han slots give a unigram and, when the next slot is a Han character with
// no separator between, a bigram, both at the slot's position.

export const enum Kind {
  Han = 1,
  Word = 2,
  Number = 3,
}

export interface Slot {
  text: string; // normalised: lower case, stemmed for words
  kind: Kind;
  joined: boolean; // a Han slot directly followed by another Han slot
  start: number; // UTF-16 offsets in the original text, for snippets
  end: number;
}

export interface Token {
  term: string;
  pos: number;
}

// normRune folds full-width ASCII to ASCII, the ideographic space to a space, and ASCII
// upper case to lower case (see normRune in tokenize.go).
export function normRune(r: number): number {
  if (r >= 0xff01 && r <= 0xff5e) r -= 0xfee0;
  else if (r === 0x3000) r = 0x20;
  if (r >= 0x41 && r <= 0x5a) r += 0x20;
  return r;
}

export function isHan(r: number): boolean {
  return (
    (r >= 0x4e00 && r <= 0x9fff) ||
    (r >= 0x3400 && r <= 0x4dbf) ||
    (r >= 0xf900 && r <= 0xfaff) ||
    (r >= 0x20000 && r <= 0x3ffff) ||
    r === 0x3007
  );
}

const isLetter = (r: number) => r >= 0x61 && r <= 0x7a;
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;

export function slots(s: string): Slot[] {
  const out: Slot[] = [];
  let run = "";
  let runKind = Kind.Word;
  let runStart = 0;
  let prevHan = false;
  let i = 0;

  const flush = (end: number) => {
    if (run === "") return;
    out.push({ text: runKind === Kind.Word ? stem(run) : run, kind: runKind, joined: false, start: runStart, end });
    run = "";
  };

  while (i < s.length) {
    const raw = s.codePointAt(i)!;
    const width = raw > 0xffff ? 2 : 1;
    const r = normRune(raw);
    if (isHan(r)) {
      flush(i);
      if (prevHan) out[out.length - 1].joined = true;
      out.push({ text: String.fromCodePoint(r), kind: Kind.Han, joined: false, start: i, end: i + width });
      prevHan = true;
      i += width;
      continue;
    }
    if (isLetter(r) || isDigit(r)) {
      const kind = isDigit(r) ? Kind.Number : Kind.Word;
      if (run !== "" && kind !== runKind) flush(i); // "covid19" is two slots
      if (run === "") runStart = i;
      runKind = kind;
      run += String.fromCharCode(r);
    } else {
      flush(i);
    }
    prevHan = false;
    i += width;
  }
  flush(i);
  return out;
}

// tokenize returns every index token of s, unigram before bigram.
export function tokenize(s: string): Token[] {
  const ss = slots(s);
  const out: Token[] = [];
  ss.forEach((sl, i) => {
    out.push({ term: sl.text, pos: i });
    if (sl.joined) out.push({ term: sl.text + ss[i + 1].text, pos: i });
  });
  return out;
}

// queryTokens returns the tokens a query looks up: bigrams for Han runs of two or more
// characters, a lone Han character as itself, words and numbers as themselves.
export function queryTokens(ss: Slot[]): Token[] {
  const out: Token[] = [];
  ss.forEach((sl, i) => {
    if (sl.joined) out.push({ term: sl.text + ss[i + 1].text, pos: i });
    else if (sl.kind === Kind.Han && i > 0 && ss[i - 1].joined) {
      // covered by the bigram before
    } else out.push({ term: sl.text, pos: i });
  });
  return out;
}

// isBigram reports whether term is two Han characters (its positions carry flags).
export function isBigram(term: string): boolean {
  const cps = Array.from(term);
  return cps.length === 2 && isHan(cps[0].codePointAt(0)!) && isHan(cps[1].codePointAt(0)!);
}

// hashTerm is 32-bit FNV-1a over the term's UTF-8 bytes: it picks the term's shard.
export function hashTerm(term: string): number {
  let h = 2166136261;
  const add = (b: number) => {
    h = Math.imul(h ^ b, 16777619) >>> 0;
  };
  for (const ch of term) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) add(c);
    else if (c < 0x800) {
      add(0xc0 | (c >> 6));
      add(0x80 | (c & 63));
    } else if (c < 0x10000) {
      add(0xe0 | (c >> 12));
      add(0x80 | ((c >> 6) & 63));
      add(0x80 | (c & 63));
    } else {
      add(0xf0 | (c >> 18));
      add(0x80 | ((c >> 12) & 63));
      add(0x80 | ((c >> 6) & 63));
      add(0x80 | (c & 63));
    }
  }
  return h >>> 0;
}

// stem is the light English suffix stripper of stem.go, rule for rule.
export function stem(w: string): string {
  if (w.length < 4) return w;
  const ends = (s: string) => w.endsWith(s);
  if (ends("sses")) w = w.slice(0, -2);
  else if (ends("ies")) w = w.slice(0, -3) + "y";
  else if (ends("xes") || ends("ches") || ends("shes") || ends("zes")) w = w.slice(0, -2);
  else if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) w = w.slice(0, -1);

  let stripped = false;
  if (ends("ied") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (ends("eed") && w.length - 3 >= 3) w = w.slice(0, -1);
  else if (ends("ed") && hasVowel(w.slice(0, -2)) && w.length - 2 >= 3) {
    w = w.slice(0, -2);
    stripped = true;
  } else if (ends("ing") && hasVowel(w.slice(0, -3)) && w.length - 3 >= 3) {
    w = w.slice(0, -3);
    stripped = true;
  }
  if (stripped) {
    const n = w.length;
    const c = w[n - 1];
    if (c === w[n - 2] && !isVowel(c) && "lsz".indexOf(c) < 0) w = w.slice(0, -1);
  }
  if (ends("eed") && w.length - 3 >= 3) w = w.slice(0, -1);

  if (w.length > 3 && w[w.length - 1] === "e") w = w.slice(0, -1);
  return w;
}

const isVowel = (c: string) => "aeiouy".indexOf(c) >= 0;
const hasVowel = (s: string) => /[aeiouy]/.test(s);

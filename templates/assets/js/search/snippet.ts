// Result snippets: a short piece of the page's text around the best match, with the
// matched words in <mark>. The page text is tokenised here with the same tokenizer as
// the index, so a slot found here is a slot the index matched.

import { Slot, slots, isBigram } from "./tokenize";
import type { Variant } from "./query";

// termAt reports whether term (a bigram, or one slot's text) is at slot p. It runs for every
// slot of every result's text, so a bigram is compared in place rather than by joining the two
// slots into a new string each time.
function termAt(ss: Slot[], p: number, term: string, bigram: boolean): boolean {
  if (p < 0 || p >= ss.length) return false;
  if (!bigram) return ss[p].text === term;
  if (!ss[p].joined) return false;
  const a = ss[p].text;
  const b = ss[p + 1].text;
  return a.length + b.length === term.length && term.startsWith(a) && term.endsWith(b);
}

// marks returns, for each slot, whether to highlight it: the slots of whole-phrase
// occurrences of any variant if there are some, otherwise every single query token.
export function marks(ss: Slot[], variants: Variant[]): boolean[] {
  const marked = ss.map(() => false);
  const cover = (p: number, bigram: boolean) => {
    marked[p] = true;
    if (bigram) marked[p + 1] = true;
  };
  let phrase = false;
  for (const v of variants) {
    const t0 = v.tokens[0];
    const bigrams = v.tokens.map((t) => isBigram(t.term));
    for (let s = 0; s < ss.length; s++) {
      if (v.tokens.every((t, i) => termAt(ss, s + t.pos - t0.pos, t.term, bigrams[i]))) {
        v.tokens.forEach((t, i) => cover(s + t.pos - t0.pos, bigrams[i]));
        phrase = true;
      }
    }
  }
  if (phrase) return marked;
  for (const v of variants) {
    v.tokens.forEach((t) => {
      const bigram = isBigram(t.term);
      for (let p = 0; p < ss.length; p++) if (termAt(ss, p, t.term, bigram)) cover(p, bigram);
    });
  }
  return marked;
}

// boundaryBefore finds where the sentence holding position at begins, looking back at most
// back units: just after 。！？ (or . ! ? before a space), or a line break, or the text's start.
// Without one, it returns the start of the clause (after ，；： or , ; : before a space), with
// sentence false, or null when there is none either. Spaces after the boundary are skipped.
function boundaryBefore(text: string, at: number, back: number): { at: number; sentence: boolean } | null {
  const spaceAfter = (i: number) => i + 1 >= text.length || /\s/.test(text.charAt(i + 1));
  const skip = (i: number) => {
    while (i < at && /\s/.test(text.charAt(i))) i++;
    return i;
  };
  let clause = -1;
  const stop = Math.max(0, at - back);
  for (let i = at - 1; i >= stop; i--) {
    const c = text.charAt(i);
    if ("。！？\n".indexOf(c) >= 0 || (".!?".indexOf(c) >= 0 && spaceAfter(i))) return { at: skip(i + 1), sentence: true };
    if (clause < 0 && ("，；：".indexOf(c) >= 0 || (",;:".indexOf(c) >= 0 && spaceAfter(i)))) clause = i + 1;
  }
  if (stop === 0) return { at: skip(0), sentence: true };
  return clause >= 0 ? { at: skip(clause), sentence: false } : null;
}

// snippet returns about width UTF-16 units of text around the first highlighted slot, from the
// start of its sentence when that is near (else of its clause), newlines as spaces, cut points
// shown with "…", as pieces that alternate plain and highlighted text:
// even indexes plain, odd ones highlighted. The page makes text nodes and <mark> elements of
// them, so no text of the index is ever parsed as HTML.
export function snippet(text: string, variants: Variant[], width = 110): string[] {
  const ss = slots(text);
  const marked = marks(ss, variants);
  const first = marked.indexOf(true);
  let start = 0;
  let ellipsis = false;
  if (first >= 0 && ss[first].start > width / 4) {
    // Start where the sentence (or else the clause) of the match starts, if that is near
    // enough; otherwise a little before the match, at a slot's beginning.
    const b = boundaryBefore(text, ss[first].start, Math.floor(width / 2));
    if (b) {
      start = b.at;
      ellipsis = !b.sentence;
    } else {
      const want = ss[first].start - Math.floor(width / 4);
      let i = first;
      while (i > 0 && ss[i - 1].start >= want) i--;
      start = ss[i].start;
      ellipsis = true;
    }
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    // End at a slot's end so no word is cut, without splitting a surrogate pair.
    let i = ss.length - 1;
    while (i >= 0 && ss[i].end > end) i--;
    if (i >= 0 && ss[i].end > start) end = ss[i].end;
  }

  const pieces: string[] = [];
  let plain = ellipsis ? "…" : "";
  let at = start;
  for (let i = 0; i < ss.length; i++) {
    if (!marked[i] || ss[i].start < start || ss[i].end > end) continue;
    // Join this marked slot with the following ones when only spaces separate them.
    let j = i;
    while (j + 1 < ss.length && marked[j + 1] && ss[j + 1].end <= end && /^\s*$/.test(text.slice(ss[j].end, ss[j + 1].start))) j++;
    pieces.push(plain + text.slice(at, ss[i].start), text.slice(ss[i].start, ss[j].end));
    plain = "";
    at = ss[j].end;
    i = j;
  }
  pieces.push(plain + text.slice(at, end) + (end < text.length ? "…" : ""));
  return pieces.map((p) => p.replace(/\s*\n\s*/g, " "));
}

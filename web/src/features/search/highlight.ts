/**
 * Where a search fragment appears in a shown text, ignoring case and the separators people leave
 * out (`a123` in `川A·12345`, `5678` in `138****5678`). Returns [start, end) in the shown text.
 */
const SEPARATORS = /[\s·.\-•]/;

export function matchRange(text: string, query: string): [number, number] | null {
  const q = Array.from(query)
    .filter((c) => !SEPARATORS.test(c))
    .join('')
    .toUpperCase();
  if (!q) return null;
  const chars = Array.from(text);
  // The text without separators, and where each of its characters sits in the original.
  let compact = '';
  const at: number[] = [];
  let offset = 0;
  for (const c of chars) {
    if (!SEPARATORS.test(c)) {
      compact += c.toUpperCase();
      // One entry per UTF-16 unit of the upper-cased character keeps indexes aligned.
      for (let i = 0; i < c.toUpperCase().length; i++) at.push(offset);
    }
    offset += c.length;
  }
  const i = compact.indexOf(q);
  if (i < 0) return null;
  const start = at[i]!;
  const lastIndex = at[i + q.length - 1]!;
  const lastChar = text.codePointAt(lastIndex)! > 0xffff ? 2 : 1;
  return [start, lastIndex + lastChar];
}

/** Splits `text` into [before, match, after] for rendering, or null when the query is not in it. */
export function splitMatch(text: string, query: string): [string, string, string] | null {
  const r = matchRange(text, query);
  return r ? [text.slice(0, r[0]), text.slice(r[0], r[1]), text.slice(r[1])] : null;
}
